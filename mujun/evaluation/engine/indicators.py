"""Steps 2–4 of EVALUATION.md §4: indicator values, benchmarks and indicator scores.

Everything runs on NumPy arrays of one group. Each float figure carries an error bound; the
rounding in ``exact`` recomputes from the cells as written wherever that bound straddles a
half-way point, so the rounded scores are those of exact arithmetic.
"""

from dataclasses import dataclass, field
from decimal import Context, Decimal, localcontext
from fractions import Fraction

import numpy as np

from .data import Table
from .exact import REL, TooLarge, exact_sum, half_up, round_text, round_units, sum_bound
from .scheme import Indicator

VALUE_DECIMALS = 6  # §4 step 3 reports computed benchmarks to 6 decimals; values likewise
_U = 2.0**-52
# A `mean` benchmark sums quotients that rarely terminate in decimal; exactly they would need
# fractions with denominators beyond any memory, so each quotient is taken to 60 digits.
MEAN_DIGITS = 60


@dataclass
class Benchmark:
    """A benchmark as a float with a relative error bound, and exactly when asked."""

    approx: float | None  # None: no enterprise has a value, so nothing to compare with
    rel: float
    given: Decimal | None = None  # the scheme's own number
    _exact_fn: object = None
    _exact: Fraction | None = field(default=None, repr=False)

    @property
    def exact(self) -> Fraction:
        if self._exact is None:
            self._exact = Fraction(self.given) if self.given is not None else self._exact_fn()
        return self._exact

    def settled(self) -> "Benchmark":
        """When cancellation (negative taxes) leaves the float in doubt, use the exact one."""
        if self.approx is not None and self.rel > 2.0**-30:
            self.approx, self.rel = float(self.exact), _U
        return self

    @property
    def usable(self) -> bool:
        return self.approx is not None and self.approx > 0

    def text(self) -> str:
        if self.given is not None:
            return str(self.given)
        if self.approx is None:
            return ""
        tol = abs(self.approx) * self.rel
        return round_text(np.array([self.approx]), tol, VALUE_DECIMALS, lambda _: self.exact)[0]


@dataclass
class Scored:
    """One indicator over one group: values of its members, scores of its graded rows."""

    values: np.ndarray  # float per member, NaN when missing (§4 step 2)
    units: np.ndarray  # int64 score units per graded member (§4 step 4)
    benchmark: Benchmark | None
    note: str = ""


def score(ind: Indicator, table: Table, members: np.ndarray, graded: np.ndarray, decimals: int):
    """Score ``ind`` for the rows ``members`` (positions in ``table``); ``graded`` is a mask
    over ``members``."""
    num = table.number(ind.numerator)[members]
    den = table.number(ind.denominator)[members]
    has = ~np.isnan(num) & ~np.isnan(den) & (den > 0)
    factor = float(ind.factor)
    values = np.where(has, num / np.where(has, den, 1.0) * factor, np.nan)

    def exact_value(p: int) -> Fraction:
        return exact_indicator_value(ind, table, int(members[p]))

    pool = np.flatnonzero(graded & has)  # the group's graded rows that have the value
    bench, note = None, ""
    try:
        if ind.method == "minmax":
            units_pool = _minmax(ind, values, pool, exact_value, decimals)
        else:
            bench = benchmark(ind, table, members, values, pool).settled()
            if bench.usable:
                units_pool = _ratio(ind, values, pool, bench, exact_value, decimals)
            else:
                # No positive benchmark (nobody has the value, or Σ is 0): nothing to divide by.
                units_pool = np.zeros(pool.size, dtype=np.int64)
                note = "no positive benchmark: every score is 0"
    except TooLarge as exc:
        raise TooLarge(members[pool[exc.positions]]) from None

    units = np.zeros(len(members), dtype=np.int64)
    units[pool] = units_pool
    lacking = graded & ~has
    if ind.missing == "group_mean" and pool.size and lacking.any():
        # §4 step 4: the mean of the rounded scores of the rows that have it, rounded.
        units[lacking] = half_up(Fraction(int(units_pool.sum()), pool.size))
    return Scored(values, units[graded], bench, note)


def exact_indicator_value(ind: Indicator, table: Table, row: int) -> Fraction:
    """numerator ÷ denominator × factor of one row, from the cells as written."""
    num = table.exact(ind.numerator, row)
    return num / table.exact(ind.denominator, row) * Fraction(ind.factor)


def value_text(values: np.ndarray, exact) -> list[str]:
    """Values to ``VALUE_DECIMALS`` places, half-up and exact; '' where missing.

    ``exact(k)`` gives the exact value at position ``k`` of ``values``."""
    where = np.flatnonzero(~np.isnan(values))
    shown = round_text(
        values[where], np.abs(values[where]) * REL, VALUE_DECIMALS, lambda k: exact(int(where[k]))
    )
    if where.size == len(values):
        return shown
    text = np.full(len(values), "", dtype=object)
    text[where] = shown
    return text.tolist()


def _clamp(s, ind: Indicator):
    if ind.cap is not None:
        s = np.minimum(s, float(ind.cap * ind.weight))
    if ind.floor is not None:
        s = np.maximum(s, float(ind.floor * ind.weight))
    return s


def _clamp_exact(s: Fraction, ind: Indicator) -> Fraction:
    if ind.cap is not None:
        s = min(s, Fraction(ind.cap * ind.weight))
    if ind.floor is not None:
        s = max(s, Fraction(ind.floor * ind.weight))
    return s


def _ratio(ind, values, pool, bench: Benchmark, exact_value, decimals) -> np.ndarray:
    """value ÷ benchmark × weight, then cap and floor (§4 step 4)."""
    s = _clamp(values[pool] / bench.approx * float(ind.weight), ind)
    tol = np.abs(s) * (REL + 2 * bench.rel) + 1e-300
    weight = Fraction(ind.weight)

    def exact(k: int) -> Fraction:
        return _clamp_exact(exact_value(int(pool[k])) / bench.exact * weight, ind)

    return round_units(s, tol, decimals, exact)


def _minmax(ind, values, pool, exact_value, decimals) -> np.ndarray:
    """weight × (20 + 80 × (v − min) ÷ (max − min)) ÷ 100; all equal → the full weight."""
    if not pool.size:
        return np.zeros(0, dtype=np.int64)
    weight = Fraction(ind.weight)
    v = values[pool]
    low, high = float(v.min()), float(v.max())
    size = max(abs(low), abs(high))
    band = size * 2.0**-40

    def extreme(pick, near):
        return pick(exact_value(int(p)) for p in pool[near])

    if high - low <= size * 2.0**-30:
        # Floats this close may hide distinct decimals, or equal ones: decide exactly.
        exact_all = [exact_value(int(p)) for p in pool]
        lo, hi = min(exact_all), max(exact_all)
        out = [
            _clamp_exact(
                weight if hi == lo else weight * (20 + 80 * (x - lo) / (hi - lo)) / 100, ind
            )
            for x in exact_all
        ]
        return np.array([half_up(s, decimals) for s in out], dtype=np.int64)

    s = _clamp(float(ind.weight) * (20 + 80 * (v - low) / (high - low)) / 100, ind)
    tol = float(ind.weight) * 2.0**-36 * size / (high - low) + np.abs(s) * REL + 1e-300
    bounds: list[Fraction] = []

    def exact(k: int) -> Fraction:
        if not bounds:
            bounds.append(extreme(min, v <= low + band))
            bounds.append(extreme(max, v >= high - band))
        lo, hi = bounds
        x = exact_value(int(pool[k]))
        return _clamp_exact(weight * (20 + 80 * (x - lo) / (hi - lo)) / 100, ind)

    return round_units(s, tol, decimals, exact)


def benchmark(ind: Indicator, table: Table, members, values, pool) -> Benchmark:
    """§4 step 3: the scheme's number, or aggregate / mean over the graded rows with a value,
    times ``benchmark_multiple``, unrounded."""
    if not isinstance(ind.benchmark, str):
        return Benchmark(float(ind.benchmark), _U, given=ind.benchmark)
    if not pool.size:
        return Benchmark(None, 0.0)
    rows = members[pool]
    scale = Fraction(ind.factor) * Fraction(ind.benchmark_multiple)
    if ind.benchmark == "aggregate":
        # Σ numerator ÷ Σ denominator (Lishui: 573,564 万元 ÷ 30,341 亩), not a mean of ratios.
        top, rel_top = sum_bound(table.number(ind.numerator)[rows])
        bottom, rel_bottom = sum_bound(table.number(ind.denominator)[rows])

        def exact_aggregate() -> Fraction:
            raw_num, raw_den = table.raw[ind.numerator], table.raw[ind.denominator]
            top_exact = exact_sum(raw_num[r] for r in rows.tolist())
            bottom_exact = exact_sum(raw_den[r] for r in rows.tolist())
            return top_exact / bottom_exact * scale

        approx = top / bottom * float(scale)
        return Benchmark(approx, rel_top + rel_bottom + 8 * _U, _exact_fn=exact_aggregate)

    total, rel = sum_bound(values[pool])

    def exact_mean() -> Fraction:
        raw_num, raw_den = table.raw[ind.numerator], table.raw[ind.denominator]
        with localcontext(Context(prec=MEAN_DIGITS)) as ctx:
            quotients = [
                ctx.divide(Decimal(raw_num[r].strip()), Decimal(raw_den[r].strip()))
                for r in rows.tolist()
            ]
        return exact_sum(map(str, quotients)) / len(quotients) * scale

    approx = total / pool.size * float(scale)
    return Benchmark(approx, rel + 8 * _U, _exact_fn=exact_mean)
