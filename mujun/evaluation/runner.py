"""Between the database and the engine: the engine's input table built from stored rows, and
its §5 result columns turned into ``EvaluationResult`` rows.

The engine is used exactly as ``mujun evaluate`` uses it: the cells go through the same
``check_grid`` (typing and every check of a data file), ``evaluate`` and ``result_columns``.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from mujun.core.money import quantize

from .engine.columns import STANDARD
from .engine.compute import evaluate
from .engine.data import DataError, check_grid
from .engine.reading import Grid
from .engine.results import result_columns
from .engine.scheme import Scheme
from .models import NUMBER_FIELDS, EvaluationResult

_ROW = re.compile(r"row (\d+)")


@dataclass
class InputRow:
    """One enterprise's cells (column -> text) and the departments they came from."""

    enterprise_id: int
    label: str  # the enterprise's name and USCC, for messages
    cells: dict[str, str]
    sources: dict[str, str]


def plain(value) -> str:
    """A stored Decimal as the engine reads a cell: '' when missing, no trailing zeros."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def input_row(ey) -> InputRow:
    """The cells of an ``EnterpriseYear`` (its enterprise and region fetched with it)."""
    enterprise = ey.enterprise
    cells = {
        "uscc": enterprise.uscc,
        "name": enterprise.name,
        "region": enterprise.region.name,
        "industry_code": enterprise.industry_code,
        "size_class": ey.size_class,
        "prior_d_years": str(ey.prior_d_years),
    }
    for column in NUMBER_FIELDS:
        cells[column] = plain(getattr(ey, column))
    for column, value in (ey.extra or {}).items():
        cells[column] = str(value)
    return InputRow(enterprise.pk, f"{enterprise.name}（{enterprise.uscc}）", cells, ey.sources)


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
        columns=[[r.cells.get(c, "") for r in rows] for c in columns],
        rows=list(range(2, len(rows) + 2)),
    )
    try:
        return check_grid(grid, origin, scheme)
    except DataError as exc:
        raise DataError([_name_rows(p, rows) for p in exc.problems]) from None


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
