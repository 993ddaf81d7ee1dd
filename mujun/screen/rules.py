"""How the lobby screen writes its figures, without the database.

A screen is read from five metres (issue 19, item 5): every figure leaves the server as the
text it is shown in — amounts in 亿元 from 1亿 up (``core.chinese.amount``), growth with ▲ or
▼ and the direction the page colours it by — so the page only places text, and a test of
these functions is a test of what the lobby reads.
"""

from decimal import Decimal

from mujun.core.chinese import amount, completion_rate, rate, trim

# The views a screen rotates through, in order, with their titles (issue 19, item 6).
VIEWS = {
    "economy": "经济指标",
    "projects": "项目建设",
    "attraction": "招商与企业服务",
    "evaluation": "亩均评价",
}

# a screen rotates every 20 s and refreshes every 60 s unless told otherwise (item 6, 7)
DEFAULT_ROTATE_SECONDS = 20
DEFAULT_REFRESH_SECONDS = 60
# a screen that lost the server asks again this soon (or at its refresh interval if shorter)
RETRY_SECONDS = 10
# a shorter interval is a test's or a rehearsal's; a screen reads nothing in under 3 s
MIN_ROTATE_SECONDS = 3
MAX_ROTATE_SECONDS = 600

# the scrolling list of lagging projects shows at most this many (the JSON stays small)
LAGGING_LIMIT = 40


def growth(pct: Decimal | None) -> dict:
    """同比 as the screen shows it: ``{"text": "▲8.8%", "dir": "up"}``; ``dir`` is ``up``,
    ``down``, ``flat`` or ``none`` (no figure: “—”)."""
    if pct is None:
        return {"text": "—", "dir": "none"}
    if pct > 0:
        return {"text": f"▲{rate(pct)}", "dir": "up"}
    if pct < 0:
        return {"text": f"▼{rate(-pct)}", "dir": "down"}
    return {"text": "持平", "dir": "flat"}


def value_text(value: Decimal | None, unit: str) -> str:
    """A figure with its unit: money in 亿元 from 1亿 up (17.9亿元), other 万 units the same way
    (5735万美元, 1.2亿千瓦时), counts as they are (19个)."""
    if value is None:
        return "—"
    if unit == "万元":
        return amount(value)
    if unit.startswith("万") and len(unit) > 1:
        if abs(value) >= 10000:
            return f"{trim(Decimal(value) / 10000)}亿{unit[1:]}"
        return f"{trim(value)}{unit}"
    return f"{trim(value)}{unit}"


def percent_text(pct: Decimal | None) -> str:
    """A share as the screen writes it: at most one decimal, half-up (88.7%); “—” without one."""
    return rate(pct)


def completion(pct: Decimal | None) -> str:
    """年计划完成率 as the reports quote it (cut to one decimal: 64%, 59.8%), “—” without a plan."""
    return completion_rate(pct)


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, one decimal half-up; ``None`` of nothing."""
    from mujun.core.money import percent

    return percent(Decimal(part), Decimal(whole), 1) if whole else None


def period_text(year: int, month: int) -> str:
    """The period of a year-to-date figure: 2026年1至5月, 2026年1月, 2026年（全年）."""
    if month == 12:
        return f"{year}年"
    if month == 1:
        return f"{year}年1月"
    return f"{year}年1至{month}月"


def as_of_text(as_of: str | None) -> str:
    """“数据截至” as the header says it: 2026年6月30日 for a day, 2026年5月 for a month's
    figures, 2025年度 for an evaluation year, “—” without data."""
    if not as_of:
        return "—"
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 3:
        return f"{parts[0]}年{parts[1]}月{parts[2]}日"
    if len(parts) == 2:
        return f"{parts[0]}年{parts[1]}月"
    return f"{parts[0]}年度"


def interval(value, default: int) -> int:
    """A rotation or refresh interval in seconds from a query parameter: the default when
    missing or not a number, else clipped to what a screen can show."""
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return default
    return max(MIN_ROTATE_SECONDS, min(MAX_ROTATE_SECONDS, seconds))


def chosen_views(names) -> list[str]:
    """The known views among ``names``, in the screen's order; all of them for none."""
    wanted = [n for n in VIEWS if n in set(names or ())]
    return wanted or list(VIEWS)
