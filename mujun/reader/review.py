"""Reviewing extracted facts before they become indicator values, without the database.

A fact the reader found becomes an indicator value only when it has a region by its proper
name, an indicator of the catalogue, a year-to-date period that maps to (year, month), an
actual figure (not a target or an estimate) and an amount in the indicator's unit family.
``problems`` says in words what is missing, so the reviewer can correct the fact or drop it.
Units are converted exactly with ``Decimal`` by the indicators app's own rule (``to_base``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from mujun.indicators.rules import to_base
from mujun.regions.choices import Kind, Level

from .text.clean import clean
from .text.key_names import key_name

# Peer regions have no official code. Province codes of GB/T 2260 run from 11 to 82, so six-digit
# codes starting with 99 can never collide with a real region: peers are 990001, 990002, …
PEER_CODE_PREFIX = "99"
PEER_CODE_DIGITS = 4

# counts are counts whatever the measure word (个, 家, 项 …)
COUNT_UNITS = frozenset({"个", "家", "项", "宗", "只", "户", "次", "批", "条", "批次"})
# the reader's base units as the indicators app writes them (its families: 元, 美元, 千瓦时)
_WRITTEN = {"yuan": "元", "usd": "美元", "kwh": "千瓦时", "count": "个"}

# a name that is only a generic word (全镇, 该区) or a bare suffix (经开区) is not a region
_NOT_A_NAME = re.compile(
    r"^(?:(?:全|该|我|本|辖)?(?:街道|镇|乡|区|县|市|园区|开发区|辖区)"
    r"|经济技术开发区|经济开发区|经开区|高新区|工业园区)$"
)
# the suffix a peer's name ends with tells its kind and level; longest first
_SUFFIX_KINDS = [
    ("经济技术开发区", Kind.ZONE, Level.TOWN),
    ("经济开发区", Kind.ZONE, Level.TOWN),
    ("开发区", Kind.ZONE, Level.TOWN),
    ("经开区", Kind.ZONE, Level.TOWN),
    ("高新区", Kind.ZONE, Level.TOWN),
    ("园区", Kind.PARK, Level.TOWN),
    ("街道", Kind.STREET, Level.TOWN),
    ("镇", Kind.TOWN, Level.TOWN),
    ("乡", Kind.TOWNSHIP, Level.TOWN),
    ("县", Kind.COUNTY, Level.COUNTY),
    ("市", Kind.COUNTY_CITY, Level.COUNTY),
    ("区", Kind.DISTRICT, Level.COUNTY),
]


def written_unit(base_unit: str | None) -> str:
    """The unit a reader value (in base units) is written in: yuan → 元, usd → 美元."""
    return _WRITTEN.get(base_unit or "", base_unit or "")


def as_decimal(value) -> Decimal | None:
    """A reader value (int or float in base units) as the exact decimal it was written as."""
    if value is None:
        return None
    try:
        # str() of a float is its shortest round-trip form: 17.9亿 stays 1790000000
        return Decimal(str(value))
    except InvalidOperation:
        return None


def stored_amount(value: Decimal, unit: str, indicator_unit: str) -> Decimal:
    """``value`` written in ``unit`` in the indicator's unit (万元 …); raises ValueError with
    the reason when the unit belongs to another family."""
    if unit in COUNT_UNITS and indicator_unit in COUNT_UNITS:
        return value
    return to_base(value, unit, indicator_unit)


def peer_code(number: int) -> str:
    return f"{PEER_CODE_PREFIX}{number:0{PEER_CODE_DIGITS}d}"


def peer_kind(name: str) -> tuple[str, str]:
    """(kind, level) of a peer region from the suffix of its name; a town-level unit when
    the name says nothing (the reports read are mostly about towns and zones)."""
    for suffix, kind, level in _SUFFIX_KINDS:
        if name.endswith(suffix):
            return kind, level
    return Kind.TOWN, Level.TOWN


def is_proper_name(name: str) -> bool:
    return bool(name) and not _NOT_A_NAME.match(name)


# -- periods ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    """The (year, month) a fact's period maps to, and why it cannot be used as it is."""

    year: int | None
    month: int | None
    reason: str = ""


def _ym(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    year, _sep, month = text.partition("-")
    return (int(year) if year.isdigit() else None), (int(month) if month.isdigit() else None)


def month_of(period: dict, *, is_cumulative: bool = True, published=None) -> Month:
    """Map the reader's period (``period_type``, ``period_start``, ``period_end``) to the
    (year, month) of a year-to-date cumulative figure. ``published`` is the report's date."""
    kind = period.get("period_type")
    start_year, start_month = _ym(period.get("period_start"))
    end_year, end_month = _ym(period.get("period_end"))
    if kind == "ytd":
        if start_month != 1:
            return Month(end_year, end_month, _("不是自1月起的累计数，请核对期间"))
        return Month(end_year, end_month)
    if kind == "ytd_open":
        return Month(start_year, None, _("截止月份不明（“今年以来”），请填写月份"))
    if kind == "year":
        if published is not None and start_year is not None and published.year <= start_year:
            return Month(start_year, 12, _("报告发布时全年尚未结束，请核对截止月份"))
        return Month(start_year, 12)
    if kind == "month":
        if start_month == 1:
            return Month(start_year, 1)
        return Month(start_year, start_month, _("单月数，不是1至N月累计数"))
    if kind == "as_of":
        if is_cumulative:
            return Month(end_year, end_month, _("时点数，不是1至N月累计数"))
        return Month(end_year, end_month)
    return Month(None, None, _("期间不明"))


# -- what stops a fact from becoming a value ---------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    """What the review needs to know of a catalogue indicator."""

    key: str
    name: str
    unit: str
    is_cumulative: bool = True


@dataclass
class Candidate:
    """A fact as reviewed: what the reader found, overlaid with the reviewer's corrections.
    ``period`` is the reader's period; once the reviewer has set the year and month
    (``corrected``), the reader's period no longer has a say."""

    region: str
    key: str
    year: int | None
    month: int | None
    value: Decimal | None
    unit: str
    is_target: bool = False
    is_estimate: bool = False
    corrected: bool = False
    period: dict | None = None
    published: object = None


def problems(c: Candidate, catalogue: dict[str, IndicatorSpec]) -> list[str]:
    """Why ``c`` cannot become an indicator value as it is; empty when it can."""
    found = []
    if not is_proper_name(c.region):
        found.append(_("地区名称不明（“%(r)s”），请填写地区全称") % {"r": c.region or "—"})
    spec = catalogue.get(c.key)
    if spec is None:
        found.append(_("指标“%(k)s”不在指标目录中") % {"k": key_name(c.key)})
    if c.is_target:
        found.append(_("这是目标数，不是完成数"))
    if c.is_estimate:
        found.append(_("这是预计数，不是完成数"))
    if not c.corrected and c.period:
        reason = month_of(
            c.period,
            is_cumulative=spec.is_cumulative if spec else True,
            published=c.published,
        ).reason
        if reason:
            found.append(reason)
    if c.year is None:
        found.append(_("年份不明，请填写年份"))
    if c.month is None or not 1 <= c.month <= 12:
        found.append(_("月份不明，请填写月份"))
    if c.value is None:
        found.append(_("缺少数值"))
    elif spec is not None:
        try:
            stored_amount(c.value, c.unit, spec.unit)
        except ValueError as exc:
            found.append(str(exc))
    return found


# -- the cleaned text with every figure marked -------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    facts: tuple[int, ...] = ()


def cleaned_segments(text: str, spans: list[tuple[int, int]]) -> list[Segment]:
    """The cleaned text of ``text`` cut into segments, each with the indexes of the facts
    whose span (offsets into ``text`` as read) covers it. Overlapping spans share segments."""
    c = clean(text)
    marks: list[set[int]] = [set() for _ in c.text]
    for index, (start, end) in enumerate(spans):
        # every cleaning step keeps the order of the text, so the map is sorted
        first = bisect_left(c.starts, start)
        last = bisect_right(c.ends, end)
        for i in range(first, last):
            marks[i].add(index)
    out: list[Segment] = []
    run_start, run_key = 0, None
    for i, mark in enumerate(marks):
        key = tuple(sorted(mark))
        if key != run_key:
            if i > run_start:
                out.append(Segment(c.text[run_start:i], run_key))
            run_start, run_key = i, key
    if len(c.text) > run_start:
        out.append(Segment(c.text[run_start:], run_key))
    return out
