"""The exact half-up rounding under the float fast path."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mujun.evaluation.engine.exact import (
    REL,
    TooLarge,
    half_up,
    half_up_div,
    round_units,
    units_text,
    units_text_one,
)


def test_half_up_goes_away_from_zero_at_ties():
    assert [half_up(Fraction(x, 2)) for x in (5, -5, 3, -3, 1, -1)] == [3, -3, 2, -2, 1, -1]
    assert half_up(Decimal("113.53865"), 4) == 1135387
    assert half_up(Decimal("-0.00005"), 4) == -1


def test_half_up_div_matches_fractions_including_beyond_int64():
    a = np.array([0, 1, -1, 7, -7, 2**61], dtype=np.int64)

    got = half_up_div(a, 21, 20).tolist()[:5]
    big = half_up_div(np.array([2**61]), 3, 2)

    assert got == [half_up(Fraction(int(x) * 21, 20)) for x in a[:5]]
    assert int(big[0]) == half_up(Fraction(2**61 * 3, 2))


def test_a_float_just_below_a_tie_is_decided_exactly():
    # 0.00015 × 10⁴ is 1.4999999999999998 in binary: plain float rounding would give 0.0001.
    exact = [Fraction("0.00015"), Fraction("2.00004999999"), Fraction("7.12345")]
    approx = np.array([float(x) for x in exact])
    assert np.floor(approx[0] * 10**4 + 0.5) == 1

    units = round_units(approx, np.abs(approx) * REL, 4, lambda i: exact[i])

    assert units.tolist() == [2, 20000, 71235]


def test_units_text_prints_fixed_decimals_with_sign():
    units = np.array([0, 5, -5, 1135386, -10000, 10**15])

    assert units_text(units, 4) == [
        "0.0000",
        "0.0005",
        "-0.0005",
        "113.5386",
        "-1.0000",
        "100000000000.0000",
    ]
    assert units_text_one(-5, 4) == "-0.0005"
    assert units_text(np.zeros(2, dtype=np.int64), 2) == ["0.00", "0.00"]


decimals_text = st.decimals(
    min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=6, allow_nan=False
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(
        st.tuples(decimals_text, decimals_text.filter(lambda d: d != 0)), min_size=1, max_size=20
    )
)
def test_fast_rounding_equals_decimal_half_up_of_exact_quotients(pairs):
    exact = [Fraction(a) / Fraction(b) for a, b in pairs]
    # a quotient of 2**52 units or more is refused by design (TooLarge, tested on its own):
    # 1e6 / 1e-6 is such a one
    assume(all(abs(q) * 10**4 < 2**52 for q in exact))
    approx = np.array([float(a) / float(b) for a, b in pairs])

    units = round_units(approx, np.abs(approx) * REL, 4, lambda i: exact[i])

    for value, got in zip(exact, units.tolist(), strict=True):
        expected = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal("0.0001"), ROUND_HALF_UP
        )
        # Decimal division above is correct to 28 digits, far beyond the fourth decimal.
        assert got == int(expected.scaleb(4))


def test_a_quotient_of_2_52_units_or_more_is_refused_not_rounded_wrongly():
    exact = Fraction(10**6) / Fraction(1, 10**6)  # 1e12: 1e16 units at four decimals
    approx = np.array([float(exact)])
    with pytest.raises(TooLarge):
        round_units(approx, np.abs(approx) * REL, 4, lambda i: exact)
