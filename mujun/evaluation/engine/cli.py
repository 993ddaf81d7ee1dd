"""``mujun evaluate``: the whole command, usable without Django (``run(argv) -> exit code``)."""

import argparse
import gc
import sys
import time
from pathlib import Path

from .compute import evaluate
from .data import DataError, read_table
from .loader import load_scheme, shipped_schemes
from .output import FORMATS, summary_lines, write
from .scheme import SchemeError

DESCRIPTION = """\
Score every enterprise of DATA (CSV or Excel, one row per enterprise) with a scheme
(亩均效益综合评价方案, TOML) and write one result row per input row. A scheme or data file
with mistakes stops the run with every mistake listed, and nothing is written."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mujun evaluate", description=DESCRIPTION)
    parser.add_argument("data", nargs="?", help="enterprise data, .csv or .xlsx")
    parser.add_argument("--scheme", help="a scheme file (.toml) or the name of a shipped one")
    parser.add_argument("--out", help="result file: .csv, .xlsx or .jsonl")
    parser.add_argument(
        "--list-schemes", action="store_true", help="list the shipped schemes and stop"
    )
    return parser


def run(argv: list[str] | None = None, stdout=None, stderr=None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed by argparse
        return int(exc.code or 0)
    if args.list_schemes:
        return _list_schemes(stdout)
    if not (args.data and args.scheme and args.out):
        parser.print_usage(stderr)
        _say(stderr, "mujun evaluate: DATA, --scheme and --out are all needed")
        return 2
    # The run allocates millions of small objects and frees none of them in cycles; pausing
    # the cyclic collector meanwhile halves the time on 100,000 rows.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _evaluate(args, stdout, stderr)
    finally:
        if paused:
            gc.enable()


def _evaluate(args, stdout, stderr) -> int:
    started = time.perf_counter()
    problems = []
    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        problems.append(f"{out}: the result file must end in .csv, .xlsx or .jsonl")
    elif not out.resolve().parent.is_dir():
        problems.append(f"{out}: the folder does not exist")
    elif out.exists() and out.resolve() == Path(args.data).resolve():
        problems.append(f"{out}: would overwrite the data file")
    try:
        scheme = load_scheme(args.scheme)
    except SchemeError as exc:
        scheme = None
        problems.extend(exc.problems)
    try:
        table = read_table(args.data, scheme)
    except DataError as exc:
        problems.extend(exc.problems)
    if not problems:
        try:
            ev = evaluate(scheme, table)
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        _say(stderr, f"{len(problems)} problem(s); nothing was written:")
        for problem in problems:
            _say(stderr, f"  {problem}")
        return 1
    write(ev, out)
    _say(stdout, f"{scheme.name}: {table.n} rows → {out}")
    for line in summary_lines(ev):
        _say(stdout, f"  {line}")
    _say(stdout, f"  {time.perf_counter() - started:.2f} s")
    return 0


def _list_schemes(stdout) -> int:
    for name, path in shipped_schemes().items():
        try:
            scheme = load_scheme(path)
            title = scheme.name
        except SchemeError as exc:
            title = f"(broken: {exc.problems[0]})"
        _say(stdout, f"{name}\t{title}")
    return 0


def _say(stream, text: str) -> None:
    # One write per line, newline included: Django's OutputWrapper adds its own otherwise.
    stream.write(f"{text}\n")


def main() -> None:
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
