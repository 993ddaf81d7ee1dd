"""国民经济行业分类 GB/T 4754-2017: the divisions (大类) enterprises are filtered by.

An enterprise keeps its full class code (e.g. ``3411``); lists filter and group by the
two-digit division.
"""

DIVISIONS = {
    "06": "煤炭开采和洗选业",
    "08": "黑色金属矿采选业",
    "09": "有色金属矿采选业",
    "10": "非金属矿采选业",
    "13": "农副食品加工业",
    "14": "食品制造业",
    "15": "酒、饮料和精制茶制造业",
    "17": "纺织业",
    "18": "纺织服装、服饰业",
    "19": "皮革、毛皮、羽毛及其制品和制鞋业",
    "20": "木材加工和木、竹、藤、棕、草制品业",
    "21": "家具制造业",
    "22": "造纸和纸制品业",
    "23": "印刷和记录媒介复制业",
    "24": "文教、工美、体育和娱乐用品制造业",
    "25": "石油、煤炭及其他燃料加工业",
    "26": "化学原料和化学制品制造业",
    "27": "医药制造业",
    "28": "化学纤维制造业",
    "29": "橡胶和塑料制品业",
    "30": "非金属矿物制品业",
    "31": "黑色金属冶炼和压延加工业",
    "32": "有色金属冶炼和压延加工业",
    "33": "金属制品业",
    "34": "通用设备制造业",
    "35": "专用设备制造业",
    "36": "汽车制造业",
    "37": "铁路、船舶、航空航天和其他运输设备制造业",
    "38": "电气机械和器材制造业",
    "39": "计算机、通信和其他电子设备制造业",
    "40": "仪器仪表制造业",
    "41": "其他制造业",
    "42": "废弃资源综合利用业",
    "43": "金属制品、机械和设备修理业",
    "44": "电力、热力生产和供应业",
    "45": "燃气生产和供应业",
    "46": "水的生产和供应业",
}

DIVISION_CHOICES = [(code, f"{code} {name}") for code, name in DIVISIONS.items()]


def division_of(industry_code: str) -> str:
    return (industry_code or "")[:2]


def industry_problem(code: str) -> str | None:
    """Why ``code`` is not a GB/T 4754 code we know, or ``None``."""
    if not code.isdigit() or len(code) not in (2, 3, 4):
        return "应为 2 至 4 位数字（GB/T 4754 行业代码）"
    if division_of(code) not in DIVISIONS:
        return f"未知的行业大类 {division_of(code)}"
    return None
