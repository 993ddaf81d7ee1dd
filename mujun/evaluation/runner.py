"""Between the database and the engine: the engine's input table built from stored rows, and
its §5 result columns turned into ``EvaluationResult`` rows.

The engine is used exactly as ``mujun evaluate`` uses it: the cells go through the same
``check_grid`` (typing and every check of a data file), ``evaluate`` and ``result_columns``.
Rows read from the database hand their numbers over as they are stored (``Decimal`` columns,
``engine.data.DecimalCells``), not as text to be parsed again; the text of the cells is kept
for the result's ``inputs``, as a data file would have written them.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from mujun.core.money import quantize

from .engine.columns import STANDARD
from .engine.compute import evaluate
from .engine.data import DataError, DecimalCells, check_grid, decimal_text
from .engine.reading import Grid
from .engine.results import result_columns
from .engine.scheme import Scheme
from .models import NUMBER_FIELDS, EvaluationResult

_ROW = re.compile(r"row (\d+)")
_TYPED = ("prior_d_years", *NUMBER_FIELDS)  # the order of the stored inputs
_FIELDS = (
    "enterprise_id",
    "enterprise__uscc",
    "enterprise__name",
    "enterprise__region__name",
    "enterprise__industry_code",
    "size_class",
    *_TYPED,
    "extra",
    "sources",
)


@dataclass
class InputRow:
    """One enterprise's cells (column -> text) and the departments they came from; ``numbers``
    holds the stored numbers (column -> ``Decimal``/int/``None``) when read from the database."""

    enterprise_id: int
    label: str  # the enterprise's name and USCC, for messages
    cells: dict[str, str]
    sources: dict[str, str]
    numbers: dict | None = None


# A stored Decimal as the engine reads a cell: '' when missing, no trailing zeros.
plain = decimal_text


def input_row(ey) -> InputRow:
    """The cells of an ``EnterpriseYear`` (its enterprise and region fetched with it)."""
    enterprise = ey.enterprise
    values = [getattr(ey, c) for c in _TYPED]
    return _row(
        enterprise.pk,
        enterprise.uscc,
        enterprise.name,
        enterprise.region.name,
        enterprise.industry_code,
        ey.size_class,
        *values,
        ey.extra,
        ey.sources,
    )


def input_rows(data) -> list[InputRow]:
    """The rows of an ``EnterpriseYear`` queryset, read as values (no model instances)."""
    return [_row(*values) for values in data.values_list(*_FIELDS)]


def _row(pk, uscc, name, region, industry_code, size_class, *rest) -> InputRow:
    *values, extra, sources = rest
    numbers = dict(zip(_TYPED, values, strict=True))
    cells = {
        "uscc": uscc,
        "name": name,
        "region": region,
        "industry_code": industry_code,
        "size_class": size_class,
    }
    cells.update((c, decimal_text(v)) for c, v in numbers.items())
    for column, value in (extra or {}).items():
        cells[column] = str(value)
        numbers.pop(column, None)  # a stored flag named like a number column is text
    return InputRow(pk, f"{name}（{uscc}）", cells, sources, numbers)


def scheme_columns(scheme: Scheme) -> list[str]:
    """Every column of the engine's table: the §2 columns and those the scheme adds."""
    extra = [c for c in scheme.column_kinds() if c not in STANDARD]
    return [*STANDARD, *extra]


def build_table(scheme: Scheme, rows: list[InputRow], origin: str):
    """The engine's ``Table`` for ``rows``; raises ``DataError`` with each problem naming the
    enterprise instead of a spreadsheet row."""
    columns = scheme_columns(scheme)
    grid = Grid(
        header=columns,
        columns=[_column(rows, c) for c in columns],
        rows=list(range(2, len(rows) + 2)),
    )
    try:
        return check_grid(grid, origin, scheme)
    except DataError as exc:
        raise DataError([_name_rows(p, rows) for p in exc.problems]) from None


def _column(rows: list[InputRow], column: str):
    if column in _TYPED and all(r.numbers is not None and column in r.numbers for r in rows):
        return DecimalCells([r.numbers[column] for r in rows])
    return [r.cells.get(column, "") for r in rows]


def _name_rows(problem: str, rows: list[InputRow]) -> str:
    return _ROW.sub(lambda m: rows[int(m.group(1)) - 2].label, problem)


def compute(scheme: Scheme, rows: list[InputRow], origin: str):
    """Evaluate ``rows``: (the engine's ``Evaluation``, unsaved ``EvaluationResult``s)."""
    table = build_table(scheme, rows, origin)
    try:
        ev = evaluate(scheme, table)
    except DataError as exc:
        raise DataError([_name_rows(p, rows) for p in exc.problems]) from None
    return ev, results_of(ev, rows)


def results_of(ev, rows: list[InputRow], run=None) -> list[EvaluationResult]:
    columns = result_columns(ev)
    labels = {g.key: g.label for g in ev.scheme.groups}
    keys = ev.scheme.indicator_keys()
    out = []
    for i, row in enumerate(rows):
        cell = {name: values[i] for name, values in columns.items()}
        out.append(
            EvaluationResult(
                run=run,
                enterprise_id=row.enterprise_id,
                group=cell["group"],
                group_label=labels.get(cell["group"], ""),
                status=cell["status"],
                reason=cell["reason"],
                values={k: cell[f"value_{k}"] for k in keys if cell[f"value_{k}"]},
                scores={k: cell[f"score_{k}"] for k in keys if cell[f"score_{k}"]},
                bonus=_decimal(cell["bonus"]),
                total=_decimal(cell["total"]),
                rank=int(cell["rank"]) if cell["rank"] else None,
                klass=cell["class"],
                class_label=cell["class_label"] if cell["class"] else "",
                surcharge_rate=_decimal(cell["electricity_surcharge_rate"]),
                # The engine gives the exact product; money is kept to 4 places (1 元).
                surcharge_wan=_decimal(cell["electricity_surcharge_wan"], places=4),
                inefficient=cell["inefficient"] == "true",
                inefficient_reasons=cell["inefficient_reasons"],
                land_mu=_decimal(row.cells.get("land_mu", "")),
                inputs={c: v for c, v in row.cells.items() if v != ""},
                sources=dict(row.sources or {}),
            )
        )
    return out


def _decimal(text: str, places: int | None = None) -> Decimal | None:
    if not text:
        return None
    value = Decimal(text)
    return quantize(value, places) if places is not None else value


def summary_of(ev) -> list[dict]:
    """Per group: label, graded count, benchmarks (as the CLI prints them) and class counts."""
    return [
        {
            "key": s.key,
            "label": s.label,
            "graded": s.graded,
            "counts": s.counts,
            "benchmarks": [
                {"key": k, "label": label, "benchmark": b, "note": note}
                for k, label, b, note in s.benchmarks
            ],
        }
        for s in ev.summaries
    ]
