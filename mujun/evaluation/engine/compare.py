"""Exact comparisons of number cells with a scheme's thresholds.

"Land below 3 亩" or "tax per mu below 6" must not flip because 0.3 ÷ 0.1 is 2.9999999999999996
in binary; comparisons within rounding distance are redone with fractions. A missing cell
compares false.
"""

from decimal import Decimal
from fractions import Fraction

import numpy as np

from .data import Table

_CLOSE = 2.0**-46


def compare(table: Table, column: str, rows: np.ndarray, op: str, threshold: Decimal):
    """``cell op threshold`` for ``rows``; ``op`` is ">=", "<" or "==". Missing → False."""
    x = table.number(column)[rows]
    t = float(threshold)
    diff = x - t
    result = _apply(diff, op)
    doubtful = np.flatnonzero(np.abs(diff) <= (np.abs(x) + abs(t)) * _CLOSE)
    for k in doubtful.tolist():
        exact = table.exact(column, int(rows[k])) - Fraction(threshold)
        result[k] = _apply_one(exact, op)
    return result & ~np.isnan(x)


def ratio_below(table: Table, num: str, den: str, rows: np.ndarray, threshold: Decimal):
    """``num ÷ den < threshold`` where both exist and ``den`` > 0, as ``num < threshold × den``."""
    a = table.number(num)[rows]
    b = table.number(den)[rows]
    ok = ~np.isnan(a) & ~np.isnan(b) & (b > 0)
    t = float(threshold)
    diff = a - t * b
    result = diff < 0
    doubtful = np.flatnonzero(ok & (np.abs(diff) <= (np.abs(a) + np.abs(t * b)) * _CLOSE))
    for k in doubtful.tolist():
        row = int(rows[k])
        exact = table.exact(num, row) - Fraction(threshold) * table.exact(den, row)
        result[k] = exact < 0
    return result & ok


def _apply(diff: np.ndarray, op: str) -> np.ndarray:
    if op == ">=":
        return diff >= 0
    if op == "<":
        return diff < 0
    return diff == 0


def _apply_one(diff: Fraction, op: str) -> bool:
    return diff >= 0 if op == ">=" else diff < 0 if op == "<" else diff == 0
