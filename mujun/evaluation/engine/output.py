"""EVALUATION.md §5: the result table as CSV, Excel or JSON Lines.

Files are written to a temporary name beside the target and renamed when complete, so a
failed run never leaves half a result where the last good one was.
"""

import json
import os
import tempfile
from pathlib import Path

import numpy as np

from .compute import STATUS_NAMES, Evaluation
from .csvbytes import write_body
from .results import is_numeric, result_cells, result_columns

FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl"}


def write(ev: Evaluation, path: str | Path) -> None:
    path = Path(path)
    kind = FORMATS[path.suffix.lower()]
    directory = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=".mujun-", suffix=path.suffix, dir=directory)
    os.close(handle)
    try:
        if kind == "csv":
            write_csv(ev, temporary)
        elif kind == "jsonl":
            _write_jsonl(result_columns(ev), temporary)
        else:
            _write_xlsx(ev, result_columns(ev), temporary)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def write_csv(ev: Evaluation, path: str, chunk_bytes: int | None = None) -> None:
    """The CSV, UTF-8 with a byte-order mark (Excel otherwise shows the Chinese as mojibake);
    ``chunk_bytes`` bounds the writer's memory (``csvbytes.MAX_BLOCK_BYTES`` when not given)."""
    cells = result_cells(ev)
    header = ",".join(c.name for c in cells) + "\n"
    with open(path, "wb") as out:
        out.write(header.encode("utf-8-sig"))
        write_body(cells, ev.table.n, out, chunk_bytes)


def _write_jsonl(columns: dict[str, list[str]], path: str) -> None:
    # Numbers go out as the exact decimal text (77.0200), never through a float.
    names = list(columns)
    keys = [json.dumps(n) for n in names]
    numeric = [is_numeric(n) for n in names]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for row in zip(*columns.values(), strict=True):
            parts = []
            for key, is_number, name, cell in zip(keys, numeric, names, row, strict=True):
                if name == "inefficient":
                    value = cell
                elif name in ("reason", "inefficient_reasons"):
                    value = json.dumps(cell.split("; ") if cell else [], ensure_ascii=False)
                elif is_number:
                    value = cell or "null"
                else:
                    value = json.dumps(cell, ensure_ascii=False) if cell else "null"
                parts.append(f"{key}: {value}")
            out.write("{" + ", ".join(parts) + "}\n")


def _write_xlsx(ev: Evaluation, columns: dict[str, list[str]], path: str) -> None:
    from openpyxl import Workbook

    # every text cell as text: a name or a reason starting with = is never a live formula
    from mujun.core.spreadsheets import append_row

    book = Workbook(write_only=True)
    sheet = book.create_sheet("评价结果")
    names = list(columns)
    sheet.append(names)
    numeric = [is_numeric(n) for n in names]
    flags = [n == "inefficient" for n in names]
    for row in zip(*columns.values(), strict=True):
        append_row(
            sheet,
            [_excel_cell(c, num, flag) for c, num, flag in zip(row, numeric, flags, strict=True)],
        )

    summary = book.create_sheet("基准值与分类")
    summary.append(["group", "group_label", "graded", "indicator", "label", "benchmark", "note"])
    for s in ev.summaries:
        for key, label, benchmark, note in s.benchmarks:
            append_row(summary, [s.key, s.label, s.graded, key, label, benchmark, note])
    summary.append([])
    summary.append(["group", "group_label", "class", "class_label", "count"])
    for s in ev.summaries:
        for letter, count in s.counts.items():
            append_row(summary, [s.key, s.label, letter, ev.scheme.class_labels[letter], count])
    book.save(path)


def _excel_cell(text: str, is_number: bool, is_flag: bool):
    if not text:
        return None
    if is_number:
        return float(text) if "." in text else int(text)
    if is_flag:
        return text == "true"
    return text


def summary_lines(ev: Evaluation) -> list[str]:
    """What the CLI prints after writing: benchmarks and class counts per group."""
    lines = []
    for s in ev.summaries:
        counts = ", ".join(f"{k} {v}" for k, v in s.counts.items() if v)
        lines.append(f"{s.key} ({s.label}): {s.graded} graded; {counts or 'no classes'}")
        for key, label, benchmark, note in s.benchmarks:
            if benchmark or note:
                lines.append(f"  {key} ({label}) benchmark {benchmark or '-'} {note}".rstrip())
    found = np.bincount(ev.status, minlength=len(STATUS_NAMES)).tolist()
    lines.append(
        "rows: " + ", ".join(f"{n} {k}" for k, n in zip(STATUS_NAMES, found, strict=False) if n)
    )
    return lines
