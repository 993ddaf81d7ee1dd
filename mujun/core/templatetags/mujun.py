from decimal import Decimal

from django import template

from mujun.core.money import quantize

register = template.Library()


@register.filter
def area(value, places: int = 2) -> str:
    """An area in 亩 with thousands separators, half-up to ``places`` decimals."""
    if value in (None, ""):
        return "—"
    return f"{quantize(Decimal(value), int(places)):,}"


@register.filter
def wan(value, places: int = 2) -> str:
    """An amount in 万元 with thousands separators, half-up to ``places`` decimals."""
    return area(value, places)


@register.filter
def amount(value) -> str:
    """An amount given in 万元 as officials write it: 154.86亿元 from 1 亿元 up, 19.5万元 below
    (core.chinese.amount, the briefing's rule); "—" when there is none."""
    from mujun.core.chinese import amount as written

    if value in (None, ""):
        return "—"
    return written(Decimal(value))


@register.filter
def industry(code) -> str:
    """An industry code with its division's name (39 计算机、通信和其他电子设备制造业); "—"
    when there is none."""
    from mujun.enterprises.industries import DIVISIONS, division_of

    if not code:
        return "—"
    name = DIVISIONS.get(division_of(code))
    return f"{code} {name}" if name else code
