from decimal import ROUND_DOWN, Decimal

import pytest

from mujun.core.chinese import completion_rate, rate
from mujun.core.money import percent, quantize, to_wan


def test_half_up_not_bankers():
    assert quantize(Decimal("0.00005")) == Decimal("0.0001")
    assert quantize(Decimal("2.5"), 0) == Decimal(3)
    assert quantize(Decimal("-2.5"), 0) == Decimal(-3)


def test_rounding_other_than_half_up_only_when_asked():
    assert quantize(Decimal("59.85"), 1) == Decimal("59.9")
    assert quantize(Decimal("59.85"), 1, rounding=ROUND_DOWN) == Decimal("59.8")
    assert quantize(Decimal("-59.85"), 1, rounding=ROUND_DOWN) == Decimal("-59.8")
    with pytest.raises(TypeError):  # keyword only, so a third positional figure cannot slip in
        quantize(Decimal("59.85"), 1, ROUND_DOWN)


def test_completion_rate_cuts_where_other_rates_round():
    # the published sentences of seed 002: 64.08% is “64%”, 59.85% is “59.8%”
    assert completion_rate(Decimal("64.08")) == "64%"
    assert completion_rate(Decimal("59.85")) == "59.8%"
    assert rate(Decimal("59.85")) == "59.9%"
    assert completion_rate(None) == "—"


@pytest.mark.parametrize(
    "value, unit, wan",
    [
        ("12345", "元", "1.2345"),
        ("1", "万元", "1.0000"),
        ("17.9", "亿元", "179000.0000"),
        ("0.1", "亿元", "1000.0000"),
    ],
)
def test_to_wan(value, unit, wan):
    assert to_wan(Decimal(value), unit) == Decimal(wan)


def test_unknown_unit_is_an_error_not_a_guess():
    with pytest.raises(ValueError):
        to_wan(Decimal(1), "美元")


def test_percent_with_zero_base_is_none():
    assert percent(Decimal(1), Decimal(0)) is None
    assert percent(Decimal(1), Decimal(3)) == Decimal("33.33")


@pytest.mark.parametrize(
    "value, places, rounded",
    [
        (3, 2, Decimal("3.00")),
        ("2.675", 2, Decimal("2.68")),
        ("-2.5", 0, Decimal("-3")),
        ("0.00000000005", 10, Decimal("0.0000000001")),
        ("1.23456789015", 10, Decimal("1.2345678902")),
        ("125", -1, Decimal("1.3E+2")),
    ],
)
def test_quantize_takes_int_and_str_and_any_places(value, places, rounded):
    result = quantize(value, places)
    assert result == rounded and result.as_tuple().exponent == rounded.as_tuple().exponent
