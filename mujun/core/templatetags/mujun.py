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
