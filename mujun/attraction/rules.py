"""The rules of investment-attraction work, as plain functions of plain data (no ORM).

What counts, as the towns count it (seed 001: “2017年,沈荡镇累计外出招商393天,主要领导赴上海招商
110天,拜访企业99家,接待企业114批次,洽谈招商项目29个,其中签约项目5个”):

- 外出招商天数: a trip's calendar days, both ends included, counted in the period they fall in (a
  trip from 30 June to 2 July gives June 1 day and July 2); a region's days sum its trips'.
- 主要领导外出天数: the days of the trips a principal official (主要领导) joined, each trip once
  however many principals went.
- 拜访企业: the investors a visit met (the named ones and the leads it served; a visit naming
  none met one), 接待客商: the batches of the receptions, 推介会: the promotion events; an
  activity counts in the period its first day falls in.
- 新增线索: leads recorded in the period; 在谈: leads negotiating on the period's last day;
  洽谈招商项目: leads negotiating on some day of the period (the seed's “洽谈…其中签约”), each
  once; 签约: leads signed in the period, with their intended investment. A lead negotiates in
  spans read off its ledger (``negotiations``): one moved back, or dropped and taken up again,
  was not negotiating in between, and a later move does not change what a past period counted.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from mujun.core.chinese import amount
from mujun.core.money import percent

# 亿元以上项目: 10,000 万元 and more (GLOSSARY)
BILLION_WAN = Decimal(10000)
# seed 004: from signing to piling on site within 90 days
SIGN_TO_START_DAYS = 90


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("结束月份不能早于开始月份")

    @classmethod
    def months(cls, start: tuple[int, int], end: tuple[int, int]) -> "Period":
        """From the first day of month ``start`` to the last of month ``end`` (year, month)."""
        (y1, m1), (y2, m2) = start, end
        return cls(date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1]))

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def text(self) -> str:
        """2017年, 2017年1至5月, 2017年5月, 2017年3月至2018年2月 — as the reports write a period;
        a period not of whole months is written with its days."""
        s, e = self.start, self.end
        whole = s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]
        if not whole:
            return f"{s.year}年{s.month}月{s.day}日至{e.year}年{e.month}月{e.day}日"
        if s.year != e.year:
            return f"{s.year}年{s.month}月至{e.year}年{e.month}月"
        if s.month == 1 and e.month == 12:
            return f"{s.year}年"
        if s.month == e.month:
            return f"{s.year}年{s.month}月"
        return f"{s.year}年{s.month}至{e.month}月"


def parse_month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month); anything else raises ``ValueError`` with the reason."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (text or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"月份应写作 YYYY-MM，实际为“{text}”")
    return int(match.group(1)), int(match.group(2))


def days_in(start: date, end: date, period: Period) -> int:
    """The calendar days of ``start``–``end`` (both included) that fall in ``period``."""
    first, last = max(start, period.start), min(end, period.end)
    return max(0, (last - first).days + 1)


def split_names(text: str) -> list[str]:
    """Investors written one a line or separated by 、，,;； — empty ones left out."""
    return [n.strip() for n in re.split(r"[\n、，,;；]+", text or "") if n.strip()]


def activity_days(start: date, end: date) -> int:
    """An activity's calendar days, both ends included (kept on the activity)."""
    return (end - start).days + 1


def investors_met(investors: str, lead_investors) -> int:
    """The investors an activity met: those named in ``investors`` and those of the leads it
    served (``lead_investors``, their names), each once (kept on the activity)."""
    return len(set(split_names(investors)) | set(lead_investors))


# the provincial-level divisions as the statistics group investors by them; a name is also
# read without its suffix (上海, 浙江, 广西) and stored in full
PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
    "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
)  # fmt: skip
ABROAD = "境外"
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
# 上海 → 上海市: each name without the longest of its suffixes
_SHORT = {
    next(name.removesuffix(s) for s in _SUFFIXES if name.endswith(s)): name for name in PROVINCES
}


def is_abroad(country: str) -> bool:
    """Whether an investor's home country (blank: China) lies outside China."""
    return bool(country.strip()) and country.strip() not in ("中国", "中华人民共和国")


def home_province(text: str, country: str = "") -> str:
    """The investor's home province as the statistics group it: the full name of a
    provincial-level division (上海 → 上海市), 境外 for an investor from abroad, blank when
    unknown. ``ValueError`` for a name that is none of them, so that 上海 and 上海市 never make
    two groups."""
    text = text.strip()
    if not text:
        return ABROAD if is_abroad(country) else ""
    if text in PROVINCES or text == ABROAD:
        return text
    if text in _SHORT:
        return _SHORT[text]
    raise ValueError(
        f"“{text}”不是省级行政区名称（如 上海市、浙江省、广西壮族自治区；境外投资方填 境外）"
    )


@dataclass(frozen=True)
class ActivityFact:
    kind: str
    start: date
    end: date
    region_id: int
    official_ids: frozenset
    # whether a principal official of the activity's region went
    principal_joined: bool
    investors: int = 0
    batches: int = 0


@dataclass(frozen=True)
class LeadFact:
    region_id: int
    owner_id: int | None
    category: str
    home_province: str
    listed: bool
    intended_investment: Decimal
    recorded_on: date
    signed_on: date | None
    # the spans it was under negotiation (``negotiations``): (first day, last day or None)
    talks: tuple = ()


@dataclass
class Stats:
    trip_days: int = 0
    principal_trip_days: int = 0
    investors_visited: int = 0
    reception_batches: int = 0
    promotion_events: int = 0
    new_leads: int = 0
    negotiating: int = 0
    negotiated: int = 0
    signed: int = 0
    signed_investment_wan: Decimal = Decimal(0)
    signed_over_100m: int = 0
    signed_listed: int = 0
    signed_by_category: dict = field(default_factory=dict)
    signed_by_province: dict = field(default_factory=dict)


def add_activity(stats: Stats, a: ActivityFact, period: Period) -> None:
    """Count one activity into ``stats`` for ``period``."""
    if a.kind == "trip":
        days = days_in(a.start, a.end, period)
        stats.trip_days += days
        if a.principal_joined:
            stats.principal_trip_days += days
        return
    if not period.contains(a.start):
        return
    if a.kind == "visit":
        stats.investors_visited += max(1, a.investors)
    elif a.kind == "reception":
        stats.reception_batches += a.batches
    elif a.kind == "promotion_event":
        stats.promotion_events += 1


NEGOTIATING, SIGNED = "negotiating", "signed"


def negotiations(
    moves,
    *,
    recorded_on: date,
    negotiating_on: date | None = None,
    signed_on: date | None = None,
    dropped_on: date | None = None,
) -> list[tuple]:
    """The spans a lead was under negotiation, (first day, last day or ``None`` while it goes
    on), from its ledger's status moves in order — ``moves``: (day, from status, to status),
    a signing's to status ``signed`` and a reopening's from status ``dropped``. A span opens on
    the day the lead came to 在谈 and closes on the day it left it: moved back, dropped or
    signed. A lead signed without negotiating negotiated on its signing day (signing concludes
    a negotiation: “洽谈…其中签约”).

    A lead whose ledger holds no move (made with its days set, as a bulk load makes it) has the
    one span its days give: from the later of its recording and its negotiation to its signing
    or its drop; one already negotiating before its first move opened on its negotiation day
    (or its recording day when that is no longer kept)."""
    if not moves:
        opened = negotiating_on or signed_on
        if opened is None:
            return []
        ends = [d for d in (signed_on, dropped_on) if d is not None]
        opened = max(opened, recorded_on)
        return [(opened, max(min(ends), opened) if ends else None)]
    spans, opened = [], None
    first_day, first_from, _ = moves[0]
    if first_from == NEGOTIATING:
        known = negotiating_on if negotiating_on and negotiating_on <= first_day else None
        opened = max(known or recorded_on, recorded_on)
    for day, _, to in moves:
        if to == NEGOTIATING:
            opened = day if opened is None else opened
        elif to == SIGNED:
            spans.append((day if opened is None else opened, day))
            opened = None
        elif opened is not None:
            spans.append((opened, day))
            opened = None
    if opened is not None:
        spans.append((opened, None))
    return spans


def negotiating_on(lead: LeadFact, day: date) -> bool:
    """Whether ``lead`` was under negotiation at the end of ``day``."""
    return lead.recorded_on <= day and any(
        opened <= day and (closed is None or closed > day) for opened, closed in lead.talks
    )


def negotiated_in(lead: LeadFact, period: Period) -> bool:
    """Whether ``lead`` was under negotiation on some day of ``period`` (signed in it
    included)."""
    return lead.recorded_on <= period.end and any(
        opened <= period.end and (closed is None or closed >= period.start)
        for opened, closed in lead.talks
    )


def add_lead(stats: Stats, lead: LeadFact, period: Period) -> None:
    """Count one lead into ``stats`` for ``period``."""
    if period.contains(lead.recorded_on):
        stats.new_leads += 1
    if negotiating_on(lead, period.end):
        stats.negotiating += 1
    if negotiated_in(lead, period):
        stats.negotiated += 1
    if period.contains(lead.signed_on):
        stats.signed += 1
        stats.signed_investment_wan += lead.intended_investment
        stats.signed_over_100m += lead.intended_investment >= BILLION_WAN
        stats.signed_listed += lead.listed
        by_cat, by_prov = stats.signed_by_category, stats.signed_by_province
        by_cat[lead.category] = by_cat.get(lead.category, 0) + 1
        province = lead.home_province or "未填"
        by_prov[province] = by_prov.get(province, 0) + 1


def collect(activities, leads, period: Period) -> Stats:
    stats = Stats()
    for a in activities:
        add_activity(stats, a, period)
    for lead in leads:
        add_lead(stats, lead, period)
    return stats


def sentence(region_name: str, period: Period, stats: Stats) -> str:
    """The house-style sentence of seed 001, with the same commas:
    “2017年,沈荡镇累计外出招商393天,主要领导外出招商110天,拜访企业99家,接待客商114批次,
    洽谈招商项目29个,其中签约项目5个。” A promotion event is named only when there was one, and
    the signed investment when something was signed."""
    parts = [
        f"{period.text()}",
        f"{region_name}累计外出招商{stats.trip_days}天",
        f"主要领导外出招商{stats.principal_trip_days}天",
        f"拜访企业{stats.investors_visited}家",
        f"接待客商{stats.reception_batches}批次",
    ]
    if stats.promotion_events:
        parts.append(f"举办推介会{stats.promotion_events}场")
    parts.append(f"洽谈招商项目{stats.negotiated}个")
    signed = f"其中签约项目{stats.signed}个"
    if stats.signed:
        signed += f"、意向投资{amount(stats.signed_investment_wan)}"
    parts.append(signed)
    return ",".join(parts) + "。"


def period_presets(today: date) -> list[tuple[str, str, str]]:
    """The periods a report is most often asked for, as (label, first month, last month) in
    ``YYYY-MM``: the month under way and the last, the quarter under way, 1 to the last
    complete month (the seeds' “1至2月份”), this year and last."""

    def ym(year: int, month: int) -> str:
        return f"{year}-{month:02d}"

    last = today.replace(day=1) - timedelta(days=1)
    quarter = (today.month - 1) // 3 * 3 + 1
    presets = [
        ("本月", ym(today.year, today.month), ym(today.year, today.month)),
        ("上月", ym(last.year, last.month), ym(last.year, last.month)),
        ("本季度", ym(today.year, quarter), ym(today.year, quarter + 2)),
    ]
    if last.year == today.year and last.month > 1:
        presets.append((f"1至{last.month}月", ym(today.year, 1), ym(today.year, last.month)))
    presets += [
        ("本年", ym(today.year, 1), ym(today.year, 12)),
        ("上年", ym(today.year - 1, 1), ym(today.year - 1, 12)),
    ]
    return presets


def months_of(year: int) -> list[Period]:
    return [Period.months((year, m), (year, m)) for m in range(1, 13)]


def missed(spans, month: Period, today: date) -> bool:
    """一月一招商: whether none of the activities an official led or joined — ``spans`` of
    (first day, last day) — overlaps ``month``. A month that has not begun by ``today`` is no
    miss yet; the month under way is one until an activity meets it."""
    if month.start > today:
        return False
    return not any(start <= month.end and end >= month.start for start, end in spans)


@dataclass(frozen=True)
class FunnelLead:
    channel: str
    home_province: str
    recorded_on: date
    negotiating_on: date | None
    signed_on: date | None
    funds_in_place: bool
    started_on: date | None
    producing_on: date | None


FUNNEL_STEPS = ("recorded", "negotiating", "signed", "funds_in_place", "started", "producing")


@dataclass
class Funnel:
    counts: dict
    # step → the rate from the step before it, in percent (None for the first, or from 0)
    rates: dict
    # "from_to" (recorded_negotiating …) → median days, None when no lead made both steps
    median_days: dict
    started_within_90: tuple[int, int]


def funnel(leads: list[FunnelLead], today: date) -> Funnel:
    """Leads → negotiating → signed → funds in place (实际到资) → started → producing: how many
    reached each step, the rate from the step before, and the median days between dated
    steps. ``started_within_90`` is (started within 90 days of signing, signed at least 90 days
    ago or started), seed 004's promise of piling on site within 90 days of signing."""
    reached = {
        "recorded": leads,
        "negotiating": [x for x in leads if x.negotiating_on or x.signed_on],
        "signed": [x for x in leads if x.signed_on],
        "funds_in_place": [x for x in leads if x.signed_on and x.funds_in_place],
        "started": [x for x in leads if x.signed_on and x.started_on],
        "producing": [x for x in leads if x.signed_on and x.producing_on],
    }
    counts = {step: len(reached[step]) for step in FUNNEL_STEPS}
    rates = {FUNNEL_STEPS[0]: None}
    for before, step in zip(FUNNEL_STEPS, FUNNEL_STEPS[1:], strict=False):
        rates[step] = percent(counts[step], counts[before], 1) if counts[before] else None

    def days(pairs):
        spans = [(b - a).days for a, b in pairs if a is not None and b is not None]
        return median(spans) if spans else None

    median_days = {
        "recorded_negotiating": days((x.recorded_on, x.negotiating_on) for x in leads),
        "negotiating_signed": days((x.negotiating_on, x.signed_on) for x in leads),
        "signed_started": days((x.signed_on, x.started_on) for x in leads),
        "started_producing": days((x.started_on, x.producing_on) for x in leads),
    }
    due = [
        x
        for x in leads
        if x.signed_on
        and (x.started_on or x.signed_on <= today - timedelta(days=SIGN_TO_START_DAYS))
    ]
    within = [
        x for x in due if x.started_on and (x.started_on - x.signed_on).days <= SIGN_TO_START_DAYS
    ]
    return Funnel(counts, rates, median_days, (len(within), len(due)))
