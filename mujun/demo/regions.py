"""The demo county: a fictional county of 15 towns, streets and zones, and its users."""

from mujun.accounts.models import User
from mujun.core.roles import Role
from mujun.regions.choices import Kind, Level
from mujun.regions.models import Region

PROVINCE = ("330000", "浙江省")
CITY = ("339100", "云川市")
COUNTY = ("339102", "青溪县")
TOWNS = [
    ("城关街道", Kind.STREET),
    ("东岭镇", Kind.TOWN),
    ("青溪经济开发区", Kind.ZONE),
    ("西塘镇", Kind.TOWN),
    ("南浦镇", Kind.TOWN),
    ("北山镇", Kind.TOWN),
    ("金桥街道", Kind.STREET),
    ("白石镇", Kind.TOWN),
    ("桃源镇", Kind.TOWN),
    ("清水镇", Kind.TOWN),
    ("双溪镇", Kind.TOWN),
    ("湖口镇", Kind.TOWN),
    ("临江镇", Kind.TOWN),
    ("云峰乡", Kind.TOWNSHIP),
    ("高新技术产业园区", Kind.PARK),
]

# user name, role, full name, region (None = the county)
USERS = [
    ("demo-admin", Role.ADMIN, "管理员（县经信局）", None),
    ("demo-leader", Role.LEADER, "县分管领导", None),
    ("demo-town1", Role.OFFICER, "城关街道经办人", 0),
    ("demo-town2", Role.OFFICER, "东岭镇经办人", 1),
    ("demo-viewer", Role.VIEWER, "只读用户（县统计局）", None),
    ("demo-dept", Role.DEPARTMENT, "县自然资源局", None),
]


def build(ctx):
    province = Region.objects.create(
        code=PROVINCE[0], name=PROVINCE[1], level=Level.PROVINCE, kind=Kind.PROVINCE
    )
    city = Region.objects.create(
        code=CITY[0], name=CITY[1], level=Level.CITY, kind=Kind.CITY, parent=province
    )
    county = Region.objects.create(
        code=COUNTY[0], name=COUNTY[1], level=Level.COUNTY, kind=Kind.COUNTY, parent=city
    )
    ctx.county = county
    # at least the two demo officers' towns and a zone, whose figures differ in kind
    for i, (name, kind) in enumerate(TOWNS[: ctx.count(len(TOWNS), least=3)], start=1):
        ctx.towns.append(
            Region.objects.create(
                code=f"{COUNTY[0]}{i:03d}",
                name=name,
                level=Level.TOWN,
                kind=kind,
                parent=county,
                sort_order=i,
            )
        )
    for username, role, full_name, town in USERS:
        user = User(
            username=username,
            role=role,
            full_name=full_name,
            region=county if town is None else ctx.towns[town],
        )
        user.set_password(ctx.password)
        user.save()
        ctx.users[username] = user
    ctx.log(f"地区：{county.name}，{len(ctx.towns)} 个镇街；用户 {len(ctx.users)} 个")
