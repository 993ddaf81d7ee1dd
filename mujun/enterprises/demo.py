"""Demo enterprises: about 2,000 in the demo county, a quarter above size, with land."""

from datetime import date
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from .models import Contact, Enterprise, LandParcel
from .rules import USCC_CHARS, uscc_check_char

ENTERPRISE_COUNT = 2000

# Four-digit GB/T 4754 classes typical of a county's manufacturing, with a word for the name.
INDUSTRIES = [
    ("3411", "锅炉"),
    ("3441", "泵业"),
    ("3484", "机械零部件"),
    ("3489", "机械"),
    ("2926", "塑料"),
    ("2929", "塑胶"),
    ("3360", "表面处理"),
    ("3831", "电线电缆"),
    ("3670", "汽车零部件"),
    ("2710", "药业"),
    ("2720", "制药"),
    ("1713", "印染"),
    ("1810", "服饰"),
    ("2110", "家具"),
    ("3971", "电子"),
    ("4011", "自动化"),
    ("3130", "钢业"),
    ("2641", "涂料"),
    ("3032", "建材"),
    ("3311", "金属结构"),
    ("3856", "照明电器"),
    ("3912", "通信设备"),
    ("2231", "纸业"),
    ("1351", "食品"),
    ("3525", "模具"),
    ("3462", "阀门"),
    ("2438", "工艺品"),
    ("4090", "仪器"),
]
PLACES = [
    "青溪",
    "东岭",
    "西塘",
    "南浦",
    "北山",
    "金桥",
    "白石",
    "桃源",
    "清水",
    "双溪",
    "湖口",
    "临江",
    "云峰",
    "华源",
    "恒达",
    "宏远",
    "永兴",
    "瑞丰",
    "鑫盛",
    "天成",
    "博远",
    "新亚",
    "汇通",
    "联创",
    "嘉禾",
    "正泰",
    "立信",
    "明辉",
    "万邦",
    "中元",
]
SUFFIXES = ["有限公司", "有限公司", "有限公司", "股份有限公司", "科技有限公司", "制造有限公司"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红"
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _org_code(rng) -> str:
    """A nine-character organisation code with its GB 11714 check character."""
    body = "".join(rng.choice(_ORG_CHARS[:10]) for _ in range(2)) + "".join(
        rng.choice(_ORG_CHARS) for _ in range(6)
    )
    value = {c: (int(c) if c.isdigit() else ord(c) - 55) for c in body}
    remainder = 11 - sum(value[c] * w for c, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    check = {10: "X", 11: "0"}.get(remainder, str(remainder))
    return body + check


def make_uscc(rng, county_code: str) -> str:
    first17 = "91" + county_code + _org_code(rng)
    assert all(c in USCC_CHARS for c in first17)
    return first17 + uscc_check_char(first17)


def build(ctx):
    rng = ctx.rng_for("enterprises")
    # The development zone and the park hold more and larger firms, as in real counties.
    weights = [
        3 if t.kind in ("zone", "park") else 1 if t.kind == "township" else 2 for t in ctx.towns
    ]
    names, usccs = set(), set()
    enterprises = []
    # the evaluation's demo samples 40 enterprises with prior D years
    while len(enterprises) < ctx.count(ENTERPRISE_COUNT, least=60):
        town = rng.choices(ctx.towns, weights)[0]
        code, word = rng.choice(INDUSTRIES)
        name = f"{ctx.county.name[:2]}{rng.choice(PLACES)}{word}{rng.choice(SUFFIXES)}"
        if name in names:
            name = name.replace("有限公司", f"{rng.choice('一二三四五六七八九')}分厂有限公司", 1)
        if name in names:
            continue
        uscc = make_uscc(rng, ctx.county.code)
        if uscc in usccs:
            continue
        names.add(name)
        usccs.add(uscc)
        above = rng.random() < 0.25
        enterprises.append(
            Enterprise(
                name=name,
                uscc=uscc,
                region=town,
                industry_code=code,
                above_size=above,
                is_high_tech=above and rng.random() < 0.35,
                is_specialized=rng.random() < (0.15 if above else 0.02),
                is_little_giant=above and rng.random() < 0.03,
                is_listed=above and rng.random() < 0.01,
                legal_representative=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                address=f"{town.name}{rng.choice(PLACES)}路{rng.randint(1, 300)}号",
                established_on=date(
                    rng.randint(1995, 2023), rng.randint(1, 12), rng.randint(1, 28)
                ),
                employees=rng.randint(80, 1500) if above else rng.randint(5, 120),
                power_account=f"33{rng.randint(10**9, 10**10 - 1)}",
            )
        )
    bulk_create_with_history(enterprises, Enterprise, batch_size=500)
    enterprises = list(Enterprise.objects.filter(uscc__in=usccs).order_by("pk"))
    parcels, contacts = [], []
    for enterprise in enterprises:
        for n in range(1 if rng.random() < 0.85 else 2):
            low, high = (8, 160) if enterprise.above_size else (0.8, 25)
            parcels.append(
                LandParcel(
                    enterprise=enterprise,
                    certificate_no=f"浙({rng.randint(2010, 2023)})青溪县不动产权第{rng.randint(1, 99999):07d}号",
                    location=enterprise.address
                    if n == 0
                    else f"{enterprise.region.name}工业功能区",
                    area_mu=Decimal(str(round(rng.uniform(low, high), 2))),
                    acquired_on=date(rng.randint(2000, 2023), rng.randint(1, 12), 1),
                )
            )
        contacts.append(
            Contact(
                enterprise=enterprise,
                name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                title=rng.choice(["总经理", "办公室主任", "财务负责人", "董事长"]),
                phone=f"1{rng.choice('3589')}{rng.randint(10**8, 10**9 - 1)}",
            )
        )
    bulk_create_with_history(parcels, LandParcel, batch_size=500)
    bulk_create_with_history(contacts, Contact, batch_size=500)
    ctx.enterprises = enterprises
    ctx.log(
        f"企业 {len(enterprises)} 家（规上 {sum(e.above_size for e in enterprises)} 家），地块 {len(parcels)} 块"
    )
