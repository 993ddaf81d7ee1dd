from decimal import Decimal

import pytest

from mujun.core.money import percent, quantize, to_wan


def test_half_up_not_bankers():
    assert quantize(Decimal("0.00005")) == Decimal("0.0001")
    assert quantize(Decimal("2.5"), 0) == Decimal(3)


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
