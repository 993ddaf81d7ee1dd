"""The monthly briefing (通报) paragraph, written as the seed reports write it, without the
database.

House style, from seed 002 (“1至5月,全区完成财政总收入17.9亿元,同比增长8.8%;完成规上工业总产值
326亿元,同比增长6.7%;完成全社会固定资产投资87亿元,同比增长10%,其中工业投资完成42.18亿元,…”):

- the period first (“1月”, “1至5月”, a December figure as “2017年”), then the region as it names
  itself (全县 / 全区 / 全镇 / 全街道);
- one clause per indicator, “完成<指标><数值>”, separated by “;”; an indicator that is part of
  the one before (工业投资 of 固定资产投资) joins its clause with “,”, the first such as
  “其中<指标>完成<数值>”;
- amounts in 亿 from 10,000 万 up, else in 万, at most two decimals, trailing zeros dropped;
- “同比增长X%”, “同比下降X%” or “与上年同期持平”, a reported growth as reported;
- “总量居全市第一位” (and/or 增幅) where the region is first among its siblings;
- the seeds' punctuation: “,” and “;” inside the sentence, “。” at its end.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from mujun.core.money import quantize

from .rules import Rank

_TEN_THOUSAND = Decimal(10000)
AMOUNT_PLACES = 2


def number_text(value: Decimal, places: int = AMOUNT_PLACES) -> str:
    """Half-up to ``places`` decimals, trailing zeros dropped, never in exponent form."""
    text = format(quantize(Decimal(value), places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def amount_text(value: Decimal, unit: str) -> str:
    """17.9亿元 for 179,000 万元; 5735万美元; 19个. 亿 from 10,000 万 up (after rounding)."""
    if not unit.startswith("万") or len(unit) == 1:
        return f"{number_text(value)}{unit}"
    in_wan = quantize(Decimal(value), AMOUNT_PLACES)
    if abs(in_wan) >= _TEN_THOUSAND:
        return f"{number_text(Decimal(value) / _TEN_THOUSAND)}亿{unit[1:]}"
    return f"{number_text(in_wan)}{unit}"


def period_phrase(year: int, month: int) -> str:
    """1月, 1至5月; the whole year (a December cumulative) is written 2017年."""
    if month == 12:
        return f"{year}年"
    if month == 1:
        return "1月"
    return f"1至{month}月"


def growth_phrase(growth: Decimal | None) -> str:
    """同比增长8.8% / 同比下降3.2% / 与上年同期持平; empty without a growth figure."""
    if growth is None:
        return ""
    if growth > 0:
        return f"同比增长{number_text(growth)}%"
    if growth < 0:
        return f"同比下降{number_text(-growth)}%"
    return "与上年同期持平"


def rank_phrase(by_value: Rank | None, by_growth: Rank | None, scope: str) -> str:
    """总量居全市第一位 / 增幅居全市第一位 / 总量和增幅均居全市第一位 (并列 for a shared first)."""

    def first(rank):
        return rank is not None and rank.position == 1 and rank.of >= 2

    value_first, growth_first = first(by_value), first(by_growth)
    if not (value_first or growth_first):
        return ""
    tied = (value_first and by_value.tied) or (growth_first and by_growth.tied)
    verb = "并列" if tied else "居"
    if value_first and growth_first:
        return f"总量和增幅均{verb}{scope}第一位"
    return f"{'总量' if value_first else '增幅'}{verb}{scope}第一位"


@dataclass(frozen=True)
class BriefItem:
    """One indicator's figures for the paragraph."""

    key: str
    name: str
    unit: str
    value: Decimal | None
    growth: Decimal | None = None
    # key of the indicator this one is a part of (其中项)
    part_of: str | None = None
    is_cumulative: bool = True
    rank_by_value: Rank | None = None
    rank_by_growth: Rank | None = None


@dataclass
class Briefing:
    text: str
    # indicators chosen but left out, with the reason
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _clause(item: BriefItem, position: str, scope: str) -> str:
    amount = amount_text(item.value, item.unit)
    if position == "top":
        head = f"完成{item.name}{amount}" if item.is_cumulative else f"{item.name}{amount}"
    else:
        lead = "其中" if position == "first_child" else ""
        head = (
            f"{lead}{item.name}完成{amount}" if item.is_cumulative else f"{lead}{item.name}{amount}"
        )
    parts = [
        head,
        growth_phrase(item.growth),
        rank_phrase(item.rank_by_value, item.rank_by_growth, scope),
    ]
    return ",".join(p for p in parts if p)


def compose(
    *, year: int, month: int, region_phrase: str, sibling_scope: str, items: list[BriefItem]
) -> Briefing:
    """The paragraph for ``items`` in the given order. Items without a value (or with zero)
    are skipped and listed; an item joins the clause before it when it is part of an indicator in that clause."""
    # a nil figure is left out: a briefing does not announce 完成0万美元
    skipped = [
        (i.name, "本期无数据" if i.value is None else "本期为零") for i in items if not i.value
    ]
    present = [i for i in items if i.value]
    if not present:
        return Briefing("", skipped)
    groups: list[list[str]] = []
    group_keys: set[str] = set()
    in_group = 0
    for item in present:
        if groups and item.part_of and item.part_of in group_keys:
            position = "first_child" if in_group == 1 else "child"
            groups[-1].append(_clause(item, position, sibling_scope))
            group_keys.add(item.key)
            in_group += 1
        else:
            groups.append([_clause(item, "top", sibling_scope)])
            group_keys = {item.key}
            in_group = 1
    body = ";".join(",".join(g) for g in groups)
    return Briefing(f"{period_phrase(year, month)},{region_phrase}{body}。", skipped)
