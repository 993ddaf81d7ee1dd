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


@register.filter
def exact_amount(value, unit: str) -> str:
    """The stored figure with every decimal it has and its unit, in 亿 from 10,000 万 up as
    every amount is written: 10.55051937亿元 for 105,505.1937 万元."""
    if value in (None, ""):
        return "—"
    value = Decimal(value)
    if unit.startswith("万") and len(unit) > 1 and abs(value) >= 10000:
        text = f"{value / 10000:,.8f}".rstrip("0").rstrip(".")
        return f"{text}亿{unit[1:]}"
    return f"{exact(value)} {unit}"
