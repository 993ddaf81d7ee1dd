from decimal import Decimal

from django import template

from mujun.indicators.briefing import amount_text, number_text

register = template.Library()


@register.filter
def amount(value, unit: str) -> str:
    """A stored amount as a briefing writes it: 17.9亿元, 5735万美元."""
    if value in (None, ""):
        return "—"
    return amount_text(Decimal(value), unit)


@register.filter
def num(value, places: int = 2) -> str:
    """A number half-up to ``places`` decimals, trailing zeros dropped."""
    if value in (None, ""):
        return "—"
    return number_text(Decimal(value), int(places))


@register.filter
def exact(value) -> str:
    """The stored figure with every decimal it has (four for amounts), thousands separated."""
    if value in (None, ""):
        return "—"
    text = f"{Decimal(value):,.4f}".rstrip("0").rstrip(".")
    return text
