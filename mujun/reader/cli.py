"""`mujun extract`: print the facts of reports, or score the reader against gold files.

`run(argv)` is the whole command, so it works (and is tested) without Django; the management
command only hands its arguments over.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from typing import TextIO

FIELDS = (
    "doc",
    "region",
    "period",
    "period_type",
    "period_start",
    "period_end",
    "indicator",
    "key",
    "scope",
    "value",
    "unit",
    "base_unit",
    "yoy_pct",
    "is_target",
    "is_estimate",
    "approx",
    "target_completion_pct",
    "span",
    "span_start",
    "span_end",
)
_TABLE = (
    "doc",
    "region",
    "period",
    "key",
    "scope",
    "value",
    "unit",
    "yoy_pct",
    "is_target",
    "span",
)


def _date(s: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", s):
        raise argparse.ArgumentTypeError(f"{s!r} is not a date YYYY-MM-DD")
    return s


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mujun extract",
        description="Read indicator facts from published reports (.txt .html .docx .pdf .jsonl).",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="reports to read")
    p.add_argument(
        "--date", type=_date, help="publication date YYYY-MM-DD: the year of 今年, 1-5月 …"
    )
    p.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    p.add_argument("--gold", metavar="DIR", help="score against every gold .jsonl file in DIR")
    return p


def _print_facts(facts: list[dict], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for f in facts:
            out.write(json.dumps(f, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        for f in facts:
            w.writerow({k: f.get(k) for k in FIELDS})
    else:
        rows = [[_cell(f.get(k)) for k in _TABLE] for f in facts]
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(_TABLE)]
        out.write(
            "  ".join(h.ljust(w) for h, w in zip(_TABLE, widths, strict=True)).rstrip() + "\n"
        )
        for r in rows:
            out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")


def _cell(v) -> str:
    if v is None:
        return "-"
    s = str(v).replace("\n", " ")
    return s if len(s) <= 40 else s[:39] + "…"


def _score(directory: str, out: TextIO, err: TextIO) -> int:
    from .text.extract import extract
    from .text.score import Score, gold_files, load_gold, score_doc

    files = gold_files(directory)
    if not files:
        err.write(f"mujun extract: no gold .jsonl files in {directory}\n")
        return 2
    total = Score()
    out.write(f"{'file':<24}{'facts':>6}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}\n")
    for path in files:
        gold = load_gold(path)
        facts = extract(gold.doc.get("text", ""), gold.doc.get("date"), gold.id)
        s = score_doc(gold, facts)
        total += s
        out.write(
            f"{path.name:<24}{len(gold.facts):>6}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
            f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}\n"
        )
    out.write(
        f"{'overall':<24}{'':>6}{total.tp:>5}{total.fp:>5}{total.fn:>5}"
        f"{total.precision:>8.3f}{total.recall:>8.3f}{total.f1:>8.3f}\n"
    )
    return 0


def run(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 1 an unreadable file, 2 bad usage)."""
    out = out or sys.stdout
    err = err or sys.stderr
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.gold:
        return _score(args.gold, out, err)
    if not args.files:
        err.write("mujun extract: give at least one FILE, or --gold DIR\n")
        return 2
    from .text.extract import extract
    from .text.io import UnreadableReport, read_document

    status = 0
    for name in args.files:
        try:
            doc = read_document(name, args.date)
        except (UnreadableReport, OSError) as exc:
            err.write(f"mujun extract: {exc}\n")
            status = 1
            continue
        _print_facts(extract(doc.text, doc.date, doc.id), args.format, out)
    return status


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
