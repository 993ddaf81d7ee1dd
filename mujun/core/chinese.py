"""How Chinese official reports write numbers. No ORM."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .money import quantize

_YI_IN_WAN = Decimal(10000)


def trim(value: Decimal, places: int = 2, rounding: str = ROUND_HALF_UP) -> str:
    """At most ``places`` decimals, half-up, trailing zeros dropped: 326, 17.9, 42.18.

    ``rounding`` is passed on to ``money.quantize``; only ``completion_rate`` changes it.
    """
    q = quantize(value, places, rounding=rounding)
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def amount(wan: Decimal, places: int = 2) -> str:
    """An amount given in 万元 as the reports write it: 亿元 from 10,000 万元 up, else 万元."""
    wan = Decimal(wan)
    if abs(wan) >= _YI_IN_WAN:
        return f"{trim(wan / _YI_IN_WAN, places)}亿元"
    return f"{trim(wan, places)}万元"


def rate(pct: Decimal | None, places: int = 1, rounding: str = ROUND_HALF_UP) -> str:
    """A percentage with at most ``places`` decimals: 64.1%, 60%."""
    return "—" if pct is None else f"{trim(pct, places, rounding)}%"


def completion_rate(pct: Decimal | None) -> str:
    """年计划完成率 as the reports quote it: one decimal, cut (not rounded), trailing zero dropped.

    Cutting is what reproduces the published sentences from their own figures: seed 002 gives
    41.43 of 64.65 亿元 (64.08%) as “64%” and 11.97 of 20 亿元 (59.85%) as “59.8%”; rounding
    half-up would give 64.1% and 59.9%.
    """
    return rate(pct, 1, ROUND_DOWN)
