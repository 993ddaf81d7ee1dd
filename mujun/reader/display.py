"""How the review pages write a fact: Chinese names, periods and amounts as the briefing does
(`2022年1至5月`, `17.9亿元`), never the reader's keys or its `????`. No database."""

from decimal import Decimal

from django.utils.translation import gettext as _

from mujun.indicators import briefing

from . import review
from .text.key_names import key_name


def period_text(year, month) -> str:
    """2022年1至5月, 2022年1月, 年份不详1至5月."""
    y = _("%(y)s年") % {"y": year} if year else _("年份不详")
    if month is None:
        return _("%(y)s（月份不明）") % {"y": y} if year else "—"
    if month == 1:
        return f"{y}1月"
    return _("%(y)s1至%(m)s月") % {"y": y, "m": month}


def amount_text(value: Decimal | None, unit: str, indicator_unit: str | None = None) -> str:
    """A figure as the briefing writes it: 17.9亿元, 5735万美元, 19个. In the indicator's unit
    when it has one; else money in 万元 (亿元 from 10,000 万元 up) or 万美元."""
    if value is None:
        return "—"
    for target in [indicator_unit] if indicator_unit else ["万元", "万美元"]:
        try:
            return briefing.amount_text(review.stored_amount(value, unit, target), target)
        except ValueError:
            continue
    return f"{briefing.number_text(Decimal(value), 4)}{unit}"


def reading_text(extracted: dict) -> str:
    """What the reader read, in words: 湘东镇 · 财政总收入 · 2022年1至5月 · 17.9亿元."""
    month = review.month_of(extracted)
    value = review.as_decimal(extracted.get("value"))
    parts = [
        extracted.get("region") or "—",
        key_name(extracted.get("key", "")),
        period_text(month.year, month.month),
        amount_text(value, review.written_unit(extracted.get("base_unit"))),
    ]
    return " · ".join(parts)
