"""Half-up rounding (四舍五入) that is exact, over NumPy arrays.

EVALUATION.md §4 rounds every indicator score and every total half-up to ``score_decimals``.
Scores are computed in binary floating point for speed; a float can land on the wrong side of
a half-way point (…5) only when the exact figure lies within the float's error bound of it. Those
few figures are recomputed with ``fractions.Fraction`` from the cells as written, so every
rounded figure equals the one exact arithmetic gives.

Half-up means ties go away from zero (-2.5 → -3), as ``decimal.ROUND_HALF_UP`` does.
"""

import math
from collections.abc import Callable, Iterable
from decimal import Context, Decimal, Inexact, localcontext
from fractions import Fraction

import numpy as np

# Bound on the relative error of a float pipeline of a dozen operations on correctly rounded
# inputs (each step adds at most 2**-53). 2**-40 leaves a margin of several thousand steps.
REL = 2.0**-40

# Integers below 2**52 convert between int64 and float64 without loss, which the fast path
# relies on; scores beyond it (4.5e11 with four decimals) cannot come from real data.
SAFE_UNITS = 2**52


def half_up(value: Fraction | Decimal | int, decimals: int = 0) -> int:
    """``value`` rounded half-up to ``decimals`` places, as an integer count of 10**-decimals."""
    q = Fraction(value) * 10**decimals
    n, d = q.numerator, q.denominator
    units = (2 * abs(n) + d) // (2 * d)
    return -units if n < 0 else units


def half_up_div(a: np.ndarray, num: int, den: int) -> np.ndarray:
    """``a × num ÷ den`` rounded half-up, for integer arrays ``a`` and ``den`` > 0."""
    a = np.asarray(a, dtype=np.int64)
    if den == 1:
        return a * num
    peak = int(np.abs(a).max()) if a.size else 0
    if 2 * peak * abs(num) + den < 2**62:
        n = a * num
        units = (2 * np.abs(n) + den) // (2 * den)
        return np.where(n < 0, -units, units)
    # Beyond int64: Python integers, row by row (only for absurd magnitudes).
    out = [half_up(Fraction(int(x) * num, den)) for x in a.tolist()]
    return np.array(out, dtype=np.int64)


class TooLarge(ValueError):
    """Raised with the positions whose rounded figure does not fit the fast integer path."""

    def __init__(self, positions: np.ndarray):
        super().__init__(f"{len(positions)} figures too large")
        self.positions = positions


def _near_half(approx: np.ndarray, tol, decimals: int):
    """Fast rounding plus the positions that need exact arithmetic (near a tie, or huge)."""
    scaled = approx * float(10**decimals)
    mag = np.abs(scaled)
    base = np.floor(mag)
    frac = mag - base
    slack = np.asarray(tol, dtype=np.float64) * float(10**decimals) + mag * 2.0**-50 + 1e-300
    units = base + (frac >= 0.5)
    units = np.where(scaled < 0, -units, units)
    doubtful = (np.abs(frac - 0.5) <= slack) | (mag >= SAFE_UNITS) | ~np.isfinite(mag)
    return units, doubtful


def round_units(
    approx: np.ndarray,
    tol,
    decimals: int,
    exact: Callable[[int], Fraction],
) -> np.ndarray:
    """Round float approximations half-up exactly; returns int64 counts of 10**-decimals.

    ``tol`` bounds the absolute error of ``approx`` (scalar or per position); ``exact(i)``
    gives the exact figure at position ``i`` and is called only where the float is in doubt.
    Raises ``TooLarge`` when an exact figure needs 2**52 units or more.
    """
    units, doubtful = _near_half(approx, tol, decimals)
    out = units.astype(np.int64)
    big = []
    for i in np.flatnonzero(doubtful).tolist():
        u = half_up(exact(i), decimals)
        if abs(u) >= SAFE_UNITS:
            big.append(i)
        else:
            out[i] = u
    if big:
        raise TooLarge(np.array(big))
    return out


def round_text(
    approx: np.ndarray,
    tol,
    decimals: int,
    exact: Callable[[int], Fraction],
) -> list[str]:
    """Like ``round_units`` but returns the figures as text, whatever their size."""
    units, doubtful = _near_half(approx, tol, decimals)
    text = units_text(np.where(doubtful, 0, units).astype(np.int64), decimals)
    for i in np.flatnonzero(doubtful).tolist():
        text[i] = units_text_one(half_up(exact(i), decimals), decimals)
    return text


def units_text(units: np.ndarray, decimals: int) -> list[str]:
    """Fixed-point text of int64 units: integer formatting of quotient and remainder, exact
    at any size and a third faster than formatting floats."""
    if decimals == 0:
        return list(map(str, units.tolist()))
    if not units.any():
        return [f"{0:.{decimals}f}"] * len(units)
    whole, part = np.divmod(np.abs(units), 10**decimals)
    text = list(map(f"%d.%0{decimals}d".__mod__, zip(whole.tolist(), part.tolist(), strict=False)))
    for i in np.flatnonzero(units < 0).tolist():
        text[i] = "-" + text[i]
    return text


def units_text_one(units: int, decimals: int) -> str:
    """Fixed-point text of one integer count of 10**-decimals, any size."""
    sign = "-" if units < 0 else ""
    digits = str(abs(units)).rjust(decimals + 1, "0")
    if decimals == 0:
        return sign + digits
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def fraction(text: str) -> Fraction:
    """The exact value of a number cell as written ("1.50", "2e3", " 7 ")."""
    return Fraction(Decimal(text.strip()))


def exact_sum(texts: Iterable[str]) -> Fraction:
    """Σ of number cells, exactly: Decimal with inexact results trapped, else fractions."""
    texts = list(texts)
    try:
        with localcontext(Context(prec=200, traps=[Inexact])):
            return Fraction(sum(map(Decimal, texts), Decimal(0)))
    except Inexact:
        return sum((fraction(t) for t in texts), Fraction(0))


def sum_bound(values: np.ndarray) -> tuple[float, float]:
    """Σ of floats and a bound on its relative error.

    Each input is within 2**-51 of its exact figure (a parsed cell, or a quotient of two);
    NumPy's pairwise summation adds at most log2(n) roundings of 2**-53 of Σ|x|. Cancellation
    (negative taxes) magnifies both by Σ|x| ÷ |Σx|, which the bound carries.
    """
    total = float(values.sum())
    spread = float(np.abs(values).sum())
    if total == 0:
        return total, math.inf if spread else 0.0
    steps = 4 + math.log2(max(len(values), 1))
    return total, 2.0**-51 * steps * spread / abs(total)
