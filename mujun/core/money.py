"""Money and percentages: declared once, rounded once.

Money is ``Decimal`` in 万元 with four decimal places. Percentages are ``Decimal`` rounded
half-up (四舍五入, as officials round by hand) to the places the caller asks for.
"""

from decimal import ROUND_HALF_UP, Decimal

MONEY_MAX_DIGITS = 18
MONEY_DECIMAL_PLACES = 4
AREA_MAX_DIGITS = 14
AREA_DECIMAL_PLACES = 4

_UNIT_IN_WAN = {
    "元": Decimal("0.0001"),
    "万元": Decimal(1),
    "亿元": Decimal(10000),
}


# The exponent of each number of places, made once: lists quantize thousands of amounts.
_EXPONENTS = {places: Decimal(1).scaleb(-places) for places in range(9)}


def quantize(
    value: Decimal, places: int = MONEY_DECIMAL_PLACES, *, rounding: str = ROUND_HALF_UP
) -> Decimal:
    """Round half-up to ``places`` decimals.

    ``rounding`` exists for the one figure the reports cut rather than round (the 年计划完成率
    of ``mujun.core.chinese.completion_rate``, ``ROUND_DOWN``); every other caller keeps the
    half-up default, so a different mode is always visible where it is asked for.
    """
    exponent = _EXPONENTS.get(places) or Decimal(1).scaleb(-places)
    if not isinstance(value, Decimal):
        value = Decimal(value)
    return value.quantize(exponent, rounding=rounding)


def to_wan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount written in 元, 万元 or 亿元 to 万元 (never guessed: unknown units raise)."""
    try:
        factor = _UNIT_IN_WAN[unit]
    except KeyError:
        raise ValueError(f"unknown money unit: {unit!r}") from None
    return quantize(Decimal(value) * factor)


def percent(numerator: Decimal, denominator: Decimal, places: int = 2) -> Decimal | None:
    """``numerator / denominator × 100`` rounded half-up; ``None`` when the base is zero."""
    if not denominator:
        return None
    return quantize(Decimal(numerator) * 100 / Decimal(denominator), places)
