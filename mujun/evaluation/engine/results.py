"""The §5 result columns, in order, one cell per input row.

Numbers stay integer units (or codes into a few words) so the CSV writer can format whole
columns at once; ``as_text`` gives any column as strings, '' for an empty cell."""

from decimal import Context, Decimal, localcontext

import numpy as np

from .compute import LETTERS, STATUS_NAMES, Evaluation
from .csvbytes import Cells
from .exact import REL, TooLarge, round_units, units_text
from .indicators import VALUE_DECIMALS, exact_indicator_value, value_text

# Columns that hold numbers (written as numbers in Excel and JSON Lines).
_NUMERIC_PREFIXES = ("value_", "score_")
_NUMERIC = {"bonus", "total", "rank", "electricity_surcharge_rate", "electricity_surcharge_wan"}


def is_numeric(name: str) -> bool:
    return name in _NUMERIC or name.startswith(_NUMERIC_PREFIXES)


def result_cells(ev: Evaluation) -> list[Cells]:
    """The §5 columns for every row, in input order."""
    scheme, table = ev.scheme, ev.table
    rows = slice(0, table.n)
    decimals = scheme.score_decimals
    graded = ev.graded[rows]
    keys = ["", *(g.key for g in scheme.groups)]
    cells = [
        Cells("uscc", table.text["uscc"][rows]),
        Cells("name", table.texts("name")[rows]),
        Cells("region", table.texts("region")[rows]),
        Cells("group", codes=ev.group[rows] + 1, categories=keys),
        Cells("status", codes=ev.status[rows], categories=list(STATUS_NAMES)),
        Cells("reason", ev.reasons()[rows]),
    ]
    for key in scheme.indicator_keys():
        cells.append(_values(ev, key, rows))
        units = ev.score_units[key][rows]
        cells.append(Cells(f"score_{key}", None, units, decimals, ev.scored[key][rows]))
    cells.append(Cells("bonus", None, ev.bonus_units[rows], decimals, graded))
    cells.append(Cells("total", None, ev.total_units[rows], decimals, graded))
    cells.append(Cells("rank", None, ev.rank[rows], 0, graded))
    classes = ev.classes[rows] + 1  # -1 (no class) becomes 0, the empty category
    letters = ["", *LETTERS]
    labels = ["", *(scheme.class_labels[letter] for letter in LETTERS)]
    cells.append(Cells("class", codes=classes, categories=letters))
    cells.append(Cells("class_label", codes=classes, categories=labels))
    rates = ["", *(format(r, "f") for r in ev.rates)]
    cells.append(
        Cells("electricity_surcharge_rate", codes=ev.rate_index[rows] + 1, categories=rates)
    )
    cells.append(Cells("electricity_surcharge_wan", _surcharge_amount(ev, rows)))
    flags = ev.inefficient[rows].astype(np.int64)
    cells.append(Cells("inefficient", codes=flags, categories=["false", "true"]))
    cells.append(Cells("inefficient_reasons", ev.reasons(ev.inefficient_notes)[rows]))
    return cells


def result_columns(ev: Evaluation) -> dict[str, list[str]]:
    """The §5 columns as text, every cell a string ('' when empty)."""
    return {c.name: as_text(c) for c in result_cells(ev)}


def as_text(cells: Cells) -> list[str]:
    if cells.codes is not None:
        return np.array(cells.categories, dtype=object)[cells.codes].tolist()
    if cells.texts is not None:
        return cells.texts
    text = units_text(cells.units, cells.decimals)
    return _masked(text, cells.present)


def _values(ev: Evaluation, key: str, rows: slice) -> Cells:
    """Indicator values to ``VALUE_DECIMALS`` places, half-up, exact; '' where missing."""
    values = ev.values[key][rows]
    present = ~np.isnan(values)
    exact = _exact_value(ev, key, rows.start)
    approx = np.where(present, values, 0.0)
    try:
        units = round_units(approx, np.abs(approx) * REL, VALUE_DECIMALS, exact)
    except TooLarge:  # a value beyond 10**9 (a near-zero denominator): text, any size
        return Cells(f"value_{key}", value_text(values, exact))
    return Cells(f"value_{key}", None, units, VALUE_DECIMALS, present)


def _exact_value(ev: Evaluation, key: str, offset: int):
    """The exact value of indicator ``key`` at position k of the range, by the definition of
    the row's own group."""
    definitions = [next((i for i in g.indicators if i.key == key), None) for g in ev.scheme.groups]

    def exact(k: int):
        row = offset + k
        return exact_indicator_value(definitions[ev.group[row]], ev.table, row)

    return exact


def _surcharge_amount(ev: Evaluation, rows: slice) -> list[str]:
    """Amount 万元 = 元/千瓦时 × 万千瓦时, the exact product (§4 step 9); '' without a rate or
    without the use."""
    index = ev.rate_index[rows]
    use = ev.table.number("electricity_wan_kwh")[rows]
    amount = np.where((index >= 0) & ~np.isnan(use), "0", "").astype(object)
    raw = ev.table.raw.get("electricity_wan_kwh")
    offset = rows.start
    with localcontext(Context(prec=120)):
        for k in np.flatnonzero((index > 0) & ~np.isnan(use)).tolist():
            value = ev.rates[index[k]] * Decimal(raw[offset + k].strip())
            amount[k] = format(value, "f")
    return amount.tolist()


def _masked(texts: list[str], mask: np.ndarray | None) -> list[str]:
    if mask is None or mask.all():
        return texts
    return np.where(mask, np.array(texts, dtype=object), "").tolist()
