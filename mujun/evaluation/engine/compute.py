"""EVALUATION.md §4, steps 1–10, for a whole table at once.

``evaluate`` returns an ``Evaluation``: per-row NumPy arrays in input order, reasons as
(rows, text) pairs, and a summary per group (benchmarks, class counts). No row is visited in a
Python loop except the few that need exact arithmetic; text is made later, by ``output``.
"""

from dataclasses import dataclass, field
from decimal import Context, Decimal, localcontext
from fractions import Fraction

import numpy as np

from . import classify
from .compare import compare, ratio_below
from .data import DataError, Table
from .exact import SAFE_UNITS, TooLarge, half_up, half_up_div
from .indicators import score
from .scheme import CLASSES, UNGRADED, Group, Scheme

INELIGIBLE, EXEMPT, GRADED = 0, 1, 2
STATUS_NAMES = ("ineligible", "exempt", "graded")
LETTERS = (*CLASSES, UNGRADED)  # class codes 0…4; -1 for none
T_CODE = LETTERS.index(UNGRADED)


@dataclass
class GroupSummary:
    key: str
    label: str
    graded: int
    counts: dict[str, int]  # class letter -> rows, after overrides; T for exempt rows
    benchmarks: list[tuple[str, str, str, str]]  # (indicator key, label, benchmark, note)


@dataclass
class Evaluation:
    scheme: Scheme
    table: Table
    group: np.ndarray  # index into scheme.groups, -1 for none
    status: np.ndarray  # INELIGIBLE, EXEMPT or GRADED
    classes: np.ndarray  # index into LETTERS, -1 for none
    notes: list[tuple[np.ndarray, str]] = field(default_factory=list)  # reasons (§5 `reason`)
    values: dict[str, np.ndarray] = field(default_factory=dict)  # NaN where missing
    score_units: dict[str, np.ndarray] = field(default_factory=dict)
    scored: dict[str, np.ndarray] = field(default_factory=dict)  # rows that hold the score
    bonus_units: np.ndarray | None = None
    total_units: np.ndarray | None = None
    rank: np.ndarray | None = None  # 1…N within the group, 0 when not graded
    rates: list[Decimal] = field(default_factory=lambda: [Decimal(0)])
    rate_index: np.ndarray | None = None  # into ``rates``, -1 when not graded
    inefficient: np.ndarray | None = None
    inefficient_notes: list[tuple[np.ndarray, str]] = field(default_factory=list)
    summaries: list[GroupSummary] = field(default_factory=list)

    @property
    def graded(self) -> np.ndarray:
        return self.status == GRADED

    def reasons(self, notes=None) -> list[str]:
        """Reasons per row joined by "; ", in the order the steps found them."""
        found: dict[int, list[str]] = {}
        for rows, text in self.notes if notes is None else notes:
            for row in rows.tolist():
                found.setdefault(row, []).append(text)
        joined = [""] * self.table.n
        for row, texts in found.items():
            joined[row] = "; ".join(texts)
        return joined


def evaluate(scheme: Scheme, table: Table) -> Evaluation:
    """Apply the scheme to every row; raises ``DataError`` for figures no real data gives."""
    n = table.n
    group = _assign_groups(scheme, table)
    ev = Evaluation(scheme, table, group, np.full(n, INELIGIBLE, np.int8), np.full(n, -1, np.int8))
    ev.bonus_units = np.zeros(n, dtype=np.int64)
    ev.total_units = np.zeros(n, dtype=np.int64)
    ev.rank = np.zeros(n, dtype=np.int64)
    ev.rate_index = np.full(n, -1, dtype=np.int64)
    ev.inefficient = np.zeros(n, dtype=bool)
    for key in scheme.indicator_keys():
        ev.values[key] = np.full(n, np.nan)
        ev.score_units[key] = np.zeros(n, dtype=np.int64)
        ev.scored[key] = np.zeros(n, dtype=bool)
    ev.notes.append((np.flatnonzero(group < 0), "no group"))
    try:
        for index, g in enumerate(scheme.groups):
            members = np.flatnonzero(group == index)
            ev.summaries.append(_evaluate_group(ev, g, members))
    except TooLarge as exc:
        limit = SAFE_UNITS // 10**scheme.score_decimals
        raise DataError(
            [
                f"{table.origin}: row {int(table.rows[r])}: a score reaches {limit:,} or more;"
                " check the figures"
                for r in exc.positions.tolist()
            ]
        ) from None
    return ev


def _assign_groups(scheme: Scheme, table: Table) -> np.ndarray:
    """§4 step 1: each row joins the first group whose ``where`` holds."""
    group = np.full(table.n, -1)
    everyone = np.arange(table.n)
    for index, g in enumerate(scheme.groups):
        match = group < 0
        for c in g.where:
            if c.op == "equals":
                match &= table.text_array(c.column) == c.value
            elif c.op == "one_of":
                match &= np.isin(table.text_array(c.column), list(c.value))
            elif c.op == "flag":
                match &= table.flag(c.column) == c.value
            elif c.op == "number":
                match &= compare(table, c.column, everyone, "==", c.value)
            else:
                low, high = c.value
                if low is not None:
                    match &= compare(table, c.column, everyone, ">=", low)
                if high is not None:
                    match &= compare(table, c.column, everyone, "<", high)
        group[match] = index
    return group


def _evaluate_group(ev: Evaluation, g: Group, members) -> GroupSummary:
    scheme, table = ev.scheme, ev.table
    decimals = scheme.score_decimals
    land = table.number("land_mu")[members]
    no_land = np.isnan(land)
    short = compare(table, "land_mu", members, "<", g.min_land_mu)
    ev.notes.append((members[no_land], "land missing"))
    ev.notes.append((members[short], f"land_mu < {g.min_land_mu}"))
    eligible = ~no_land & ~short
    exempt = np.zeros(len(members), dtype=bool)
    for column, label in g.exempt.items():
        hit = table.flag(column)[members] & eligible
        ev.notes.append((members[hit], f"exempt: {label}"))
        exempt |= hit
    graded = eligible & ~exempt
    ev.status[members[exempt]] = EXEMPT
    ev.classes[members[exempt]] = T_CODE
    rows = members[graded]
    ev.status[rows] = GRADED

    # Steps 2–5: indicator scores, their sum times the correction, bonus points.
    subtotal = np.zeros(len(rows), dtype=np.int64)
    benchmarks = []
    for ind in g.indicators:
        result = score(ind, table, members, graded, decimals)
        ev.values[ind.key][members] = result.values
        ev.score_units[ind.key][rows] = result.units
        ev.scored[ind.key][rows] = True
        subtotal += result.units
        shown = result.benchmark.text() if result.benchmark else ""
        benchmarks.append((ind.key, ind.label, shown, result.note))
    correction = Fraction(g.correction)
    totals = half_up_div(subtotal, correction.numerator, correction.denominator)
    totals = _add_bonus(ev, g, rows, totals, decimals)
    ev.total_units[rows] = totals

    # Steps 6–8: rank, class, overrides.
    ties = [table.number(c)[rows] for c in g.tie_break]
    codes = table.text["uscc"]
    order = classify.rank_order(totals, ties, lambda p: codes[rows[p]])
    ev.rank[rows[order]] = np.arange(1, len(rows) + 1)
    if g.classes.method == "thresholds":
        cls = classify.class_by_thresholds(totals, g.classes.thresholds, decimals)
    else:
        cls = np.empty(len(rows), dtype=np.int64)
        cls[order] = classify.class_by_shares(len(rows), g.classes.shares)
    vetoed = _flagged(ev, rows, g.veto, "veto")
    protected = _flagged(ev, rows, g.protect, "protect", skip=vetoed)
    cls = classify.apply_overrides(cls, vetoed, protected, g.veto_class, g.protect_class)
    ev.classes[rows] = cls

    _surcharges(ev, rows, cls)
    _inefficient(ev, g, rows, cls)
    found = np.bincount(ev.classes[members][ev.classes[members] >= 0], minlength=len(LETTERS))
    counts = dict(zip(LETTERS, found.tolist(), strict=True))
    return GroupSummary(g.key, g.label, len(rows), counts, benchmarks)


def _flagged(ev: Evaluation, rows, flags: dict, word: str, skip=None) -> np.ndarray:
    """Rows with any of ``flags`` true; each true flag's label is kept as a reason."""
    hit = np.zeros(len(rows), dtype=bool)
    for column, label in flags.items():
        mark = ev.table.flag(column)[rows]
        if skip is not None:
            mark = mark & ~skip  # a vetoed row is not protected (§4 step 8)
        ev.notes.append((rows[mark], f"{word}: {label}"))
        hit |= mark
    return hit


def _add_bonus(ev: Evaluation, g: Group, rows, totals: np.ndarray, decimals: int) -> np.ndarray:
    """§4 step 5: total = round(round(Σ scores × correction) + Σ bonus), the bonus exact."""
    if not g.bonus or not len(rows):
        return totals
    table = ev.table
    bonus = np.zeros(len(rows), dtype=np.int64)
    inexact = np.zeros(len(rows), dtype=bool)
    for rule in g.bonus:
        points = rule.points.scaleb(decimals)
        if rule.when and points == points.to_integral_value():
            # Whole units: adding integers is exact and the total needs no rounding.
            bonus += np.where(table.flag(rule.when)[rows], int(points), 0)
        elif rule.when:
            inexact |= table.flag(rule.when)[rows]
        else:
            values = table.number(rule.per)[rows]
            inexact |= ~np.isnan(values) & (values != 0)
    totals = totals + bonus
    ev.bonus_units[rows] = bonus
    with localcontext(Context(prec=120)):
        # Fractional points or points × a count: exact decimal, row by row (few rows).
        for p in np.flatnonzero(inexact).tolist():
            row = int(rows[p])
            points = Decimal(0)
            for rule in g.bonus:
                if rule.when and table.flags[rule.when][row]:
                    points += rule.points
                elif rule.per and not np.isnan(table.numbers[rule.per][row]):
                    points += rule.points * Decimal(table.raw[rule.per][row].strip())
            ev.bonus_units[row] = half_up(points, decimals)
            before = totals[p] - bonus[p]
            totals[p] = half_up(Fraction(int(before), 10**decimals) + Fraction(points), decimals)
    return totals


def _surcharges(ev: Evaluation, rows, cls: np.ndarray) -> None:
    """§4 step 9: the rate by class and by consecutive years in D (index into ``ev.rates``)."""
    index = np.zeros(len(rows), dtype=np.int64)
    prior = ev.table.number("prior_d_years")[rows]
    prior = np.nan_to_num(prior, nan=0.0).astype(np.int64)
    for letter, rates in ev.scheme.electricity_surcharges.items():
        start = len(ev.rates)
        ev.rates.extend(rates)
        mine = cls == CLASSES.index(letter)
        if letter == "D":
            index[mine] = start + np.minimum(prior[mine], len(rates) - 1)
        else:
            index[mine] = start
    ev.rate_index[rows] = index


def _inefficient(ev: Evaluation, g: Group, rows, cls: np.ndarray) -> None:
    """§4 step 10: every rule of ``[inefficient]`` that holds for a graded row is a reason."""
    rules = ev.scheme.inefficient
    table = ev.table
    found = []
    if g.key in rules.tax_per_mu_below:
        limit = rules.tax_per_mu_below[g.key]
        found.append(
            (ratio_below(table, "tax_wan", "land_mu", rows, limit), f"tax_per_mu < {limit}")
        )
    if g.key in rules.land_mu_at_least:
        limit = rules.land_mu_at_least[g.key]
        found.append((compare(table, "land_mu", rows, ">=", limit), f"land_mu >= {limit}"))
    for letter in rules.classes:
        found.append((cls == CLASSES.index(letter), f"class {letter}"))
    for hits, reason in found:
        ev.inefficient_notes.append((rows[hits], reason))
        ev.inefficient[rows[hits]] = True
