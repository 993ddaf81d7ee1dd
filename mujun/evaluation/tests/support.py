"""Building schemes and tables for tests from short texts and dicts."""

import csv
import io
import tempfile
from pathlib import Path

from mujun.evaluation.engine.compute import evaluate
from mujun.evaluation.engine.data import read_table
from mujun.evaluation.engine.loader import load_scheme, parse_scheme
from mujun.evaluation.engine.results import result_columns


def scheme(text: str):
    return parse_scheme(text, "test.toml")


def shipped(name: str):
    return load_scheme(name)


def csv_text(rows: list[dict]) -> str:
    header = list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(k) is None else row.get(k) for k in header])
    return out.getvalue()


def table(rows: list[dict], the_scheme=None):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_text(csv_text(rows), encoding="utf-8")
        return read_table(path, the_scheme)


def run(the_scheme, rows: list[dict]) -> list[dict]:
    """Evaluate ``rows`` and return the §5 result rows as dicts of text."""
    ev = evaluate(the_scheme, table(rows, the_scheme))
    columns = result_columns(ev)
    return [dict(zip(columns, cells, strict=True)) for cells in zip(*columns.values(), strict=True)]


def group_scheme(
    indicators: str, *, group_extra: str = "", top: str = "", classes: str = ""
) -> str:
    """A one-group scheme (every row joins it) with the given indicator tables."""
    classes = classes or 'method = "shares"\nshares = { A = 0.20, B = 0.40, C = 0.35, D = 0.05 }'
    return f"""
name = "test"
source = "tests"
{top}
[[groups]]
key = "all"
{group_extra}
{indicators}
[groups.classes]
{classes}
"""


TAX_PER_MU = """
[[groups.indicators]]
key = "tax_per_mu"
numerator = "tax_wan"
denominator = "land_mu"
weight = 100
benchmark = 10
"""
