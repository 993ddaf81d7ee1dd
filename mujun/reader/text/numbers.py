"""Numbers with their units, as Chinese statistical reports write them.

Works on cleaned text (simplified, half-width). A `Quantity` carries the value in base units
(gold README: yuan, usd, count, day, mu, kwh and the per-mu ratios) and where it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# unit as written (simplified) -> (multiplier, base unit); longest first in the regex below
UNITS: dict[str, tuple[int, str]] = {
    "万元/亩": (10_000, "yuan_per_mu"),
    "元/亩": (1, "yuan_per_mu"),
    "万元/吨标准煤": (10_000, "yuan_per_tce"),
    "万元/吨标煤": (10_000, "yuan_per_tce"),
    "元/吨标准煤": (1, "yuan_per_tce"),
    "万元/人": (10_000, "yuan_per_person"),
    "元/人": (1, "yuan_per_person"),
    "亿美元": (100_000_000, "usd"),
    "万美元": (10_000, "usd"),
    "美元": (1, "usd"),
    "亿元": (100_000_000, "yuan"),
    "万元": (10_000, "yuan"),
    "元": (1, "yuan"),
    "亿千瓦时": (100_000_000, "kwh"),
    "万千瓦时": (10_000, "kwh"),
    "千瓦时": (1, "kwh"),
    "万亩": (10_000, "mu"),
    "亩": (1, "mu"),
    "批次": (1, "count"),
    "个": (1, "count"),
    "家": (1, "count"),
    "宗": (1, "count"),
    "只": (1, "count"),
    "项": (1, "count"),
    "户": (1, "count"),
    "次": (1, "count"),
    "批": (1, "count"),
    "条": (1, "count"),
    "件": (1, "count"),
    "万平方米": (10_000, "m2"),
    "平方米": (1, "m2"),
    "天": (1, "day"),
    # 万 and 亿 without 元 are money in these reports (`税收3000万`); checked against what follows
    "亿": (100_000_000, "yuan"),
    "万": (10_000, "yuan"),
}
# counts written in Chinese numerals only with these measure words (`签约项目四个`): 一批 or
# 三次 are idioms far more often than figures
_NUMERAL_UNITS = ("个", "家", "宗", "只", "项")
# characters that make a word with 约 (签约, 履约, 合约, 预约, 节约, 制约)
_WORDS_IN_YUE = set("签履合预节制契违公条特")

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_POWERS = {"十": 10, "百": 100, "千": 1000}

_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
QUANTITY = re.compile(
    r"(?P<pre>约|約|近|超|逾|达)?"
    r"(?P<num>-?\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,5})"
    r"(?P<post>余|多)?"
    rf"(?P<unit>{_UNIT_RE}|%)"
)
# what may not follow 万/亿 used as money: another measure word makes them part of a unit
_NOT_MONEY_AFTER = re.compile(r"[人吨平方米辆台头套件户只个家元美千亩株册份张块种座公里吨千克斤]")


@dataclass(frozen=True)
class Quantity:
    start: int  # of the whole match, approximation word included
    end: int
    num_start: int
    value: int | float
    number: Decimal
    unit: str
    base_unit: str
    approx: str | None
    unit_start: int


def chinese_numeral(s: str) -> int | None:
    """`十二` → 12, `二十` → 20, `一百零五` → 105, `四` → 4; None when not a numeral."""
    if not s or any(ch not in _DIGITS and ch not in _POWERS for ch in s):
        return None
    if s in ("零", "〇"):
        return 0
    total, digit = 0, None
    for ch in s:
        if ch in ("零", "〇"):
            digit = None  # a place holder: 一百零五
        elif ch in _DIGITS:
            if digit is not None:
                return None  # 一二 is not a number
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _POWERS[ch]
            digit = None
    return total + (digit or 0)


def to_base(number: Decimal, multiplier: int) -> int | float:
    """Exact product in base units: an int when integral (`44.5亿` → 4450000000)."""
    v = number * multiplier
    return int(v) if v == v.to_integral_value() else float(v)


def parse_number(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        n = chinese_numeral(s)
        return Decimal(n) if n is not None else None


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number with a unit (percent included, base unit `percent`) in text[start:end]."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text, start, end):
        num, unit = m.group("num"), m.group("unit")
        is_arabic = num[0].isdigit() or num[0] == "-"
        if not is_arabic and unit not in _NUMERAL_UNITS:
            continue
        if is_arabic and m.start("num") > 0 and text[m.start("num") - 1] in "0123456789.":
            continue
        after = text[m.end() : m.end() + 1]
        if unit in ("万", "亿") and _NOT_MONEY_AFTER.match(after):
            continue
        if unit == "天" and after == "然":
            continue
        number = parse_number(num)
        if number is None:
            continue
        pre = m.group("pre")
        if pre in ("约", "約") and m.start() > 0 and text[m.start() - 1] in _WORDS_IN_YUE:
            pre = None  # 签约67个: the 约 of 签约, not 约 "about"
        approx = m.group("post") or (pre if pre in ("约", "約") else None)
        if unit == "%":
            mult, base = 1, "percent"
        else:
            mult, base = UNITS[unit]
        q_start = m.start("pre") if pre in ("约", "約") else m.start("num")
        out.append(
            Quantity(
                start=q_start,
                end=m.end(),
                num_start=m.start("num"),
                value=to_base(number, mult),
                number=number,
                unit=unit,
                base_unit=base,
                approx=approx,
                unit_start=m.start("unit"),
            )
        )
    return out
