"""Benchmark of ``mujun evaluate`` against the plain NumPy script ``evaluate_numpy.py``.

Makes a CSV of synthetic enterprises (one of them with a 1 KB name), then runs, turn about in
child processes, the plain NumPy script and the CLI (CSV in, CSV out) a few times each (the
machine is shared), and prints wall times, peak memory of each process and the ratios. With
``--phases`` it also times reading, scoring and writing in this process, and the scoring core
(``compute.evaluate``) next to the script's float computation of the same scores; the script
rounds with floats, so it also shows how many totals the exact rounding decides differently
(expected: none or a handful).

    .venv/bin/python benchmarks/evaluate_bench.py [--rows 100000] [--runs 3] [--phases]
    .venv/bin/python benchmarks/evaluate_bench.py --rows 1000000 --runs 2

Targets: wall time ≤ 1.0 × the script's at 100,000 enterprises, ≤ 1.2 × at 1,000,000; peak
memory ≤ 1.2 × the script's.
"""

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from evaluate_numpy import INDICATORS, SHARES  # noqa: E402
from evaluate_numpy import score as numpy_score  # noqa: E402

from mujun.evaluation.engine.compute import evaluate  # noqa: E402
from mujun.evaluation.engine.data import read_table  # noqa: E402
from mujun.evaluation.engine.loader import load_scheme  # noqa: E402
from mujun.evaluation.engine.output import write  # noqa: E402

COLUMNS = [
    "uscc", "name", "region", "size_class", "land_mu", "tax_wan", "value_added_wan",
    "revenue_wan", "rd_wan", "energy_tce", "emission_t", "employees",
    "electricity_wan_kwh", "prior_d_years",
]  # fmt: skip
# About 1 KB of UTF-8: the longest names on record run to a few hundred characters.
LONG_NAME = "台州市黄岩区" + "精密模具与新材料科技有限公司" * 24


def scheme_text() -> str:
    lines = [
        'name = "benchmark scheme"',
        "year = 2025",
        'source = "benchmarks/evaluate_bench.py"',
        "score_decimals = 4",
        "[surcharges.electricity]",
        "D = [0.10, 0.20, 0.30]",
    ]
    for group, column in (("above", 3), ("below", 4)):
        lines += [
            "[[groups]]",
            f'key = "{group}"',
            f'where = {{ size_class = "{group}" }}',
            'tie_break = ["tax_wan", "revenue_wan"]',
        ]
        for spec in INDICATORS:
            lines += [
                "[[groups.indicators]]",
                f'key = "{spec[0]}"',
                f'numerator = "{spec[1]}"',
                f'denominator = "{spec[2]}"',
                f"weight = {spec[column]}",
                f'benchmark = "{spec[5]}"',
                f'missing = "{spec[6]}"',
            ]
        shares = ", ".join(f"{k} = {v}" for k, v in SHARES.items())
        lines += ["[groups.classes]", 'method = "shares"', f"shares = {{ {shares} }}"]
    return "\n".join(lines) + "\n"


def synthetic_csv(path: Path, rows: int, seed: int, long_name: bool = True) -> None:
    rng = np.random.default_rng(seed)
    above = rng.random(rows) < 0.7
    land = np.round(rng.lognormal(3.0, 1.0, rows), 2) + 0.5
    tax = np.round(land * rng.lognormal(2.5, 1.0, rows), 2)
    value_added = np.round(tax * rng.lognormal(1.5, 0.5, rows), 2)
    revenue = np.round(value_added * rng.lognormal(1.2, 0.3, rows), 2)
    cells = {
        "uscc": [f"91331003{i:09d}X" for i in rng.permutation(rows)],
        "name": [f"企业{i}" for i in range(rows)],
        "region": rng.choice(["东城街道", "西城街道", "南城街道", "北城街道"], rows).tolist(),
        "size_class": np.where(above, "above", "below").tolist(),
        "land_mu": land,
        "tax_wan": tax,
        "value_added_wan": value_added,
        "revenue_wan": revenue,
        "rd_wan": np.round(revenue * rng.uniform(0, 0.06, rows), 2),
        "energy_tce": np.round(value_added / rng.lognormal(1.0, 0.5, rows), 2),
        "emission_t": np.round(rng.lognormal(0.0, 1.0, rows), 3),
        "employees": rng.integers(5, 2000, rows).astype(float),
        "electricity_wan_kwh": np.round(rng.lognormal(4.0, 1.0, rows), 1),
        "prior_d_years": rng.integers(0, 4, rows).astype(float),
    }
    text = {}
    for name, values in cells.items():
        if isinstance(values, list):
            text[name] = values
        else:
            text[name] = [f"{v:.{3 if name == 'emission_t' else 2}f}" for v in values.tolist()]
    if long_name:
        text["name"][rows // 2] = LONG_NAME
    # Some enterprises report no emissions (Huangyan gives those the group's mean score).
    for i in rng.choice(rows, rows // 30, replace=False).tolist():
        text["emission_t"][i] = ""
    with open(path, "w", encoding="utf-8") as out:
        out.write(",".join(COLUMNS) + "\n")
        out.write("\n".join(",".join(r) for r in zip(*(text[c] for c in COLUMNS), strict=True)))
        out.write("\n")


def best_of(fn, runs: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def timed_child(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    error = child.stderr.read().decode()
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{command[2][:40]}… failed:\n{error}")
    return wall, usage.ru_maxrss / 1024


def phases(data: Path, scheme_path: Path, folder: Path, runs: int) -> None:
    # The same phases in this process, with the cyclic collector paused as the CLI does.
    gc.disable()
    scheme = load_scheme(scheme_path)
    read_time, table = best_of(lambda: read_table(data, scheme), runs)
    core_time, ev = best_of(lambda: evaluate(scheme, table), runs)
    write_time, _ = best_of(lambda: write(ev, folder / "again.csv"), runs)
    text = {c: table.text[c] for c in ("uscc", "size_class")}
    base_time, result = best_of(lambda: numpy_score(text, table.numbers), runs)
    gc.enable()
    totals = np.round(result["total"] * 1e4).astype(np.int64)
    classes = np.searchsorted(list(SHARES), result["class"])
    print(f"  reading and checking the CSV:    {read_time:6.3f} s")
    print(f"  scoring core (§4 steps 1-10):    {core_time:6.3f} s")
    print(f"  writing the result CSV:          {write_time:6.3f} s")
    print(f"  the script's float scores:       {base_time:6.3f} s")
    print(f"  core ÷ float scores:             {core_time / base_time:6.2f} ×")
    print(f"  totals where float rounding differs from exact: {(totals != ev.total_units).sum()}")
    print(f"  classes that differ:                            {(classes != ev.classes).sum()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs of each (the machine is shared)")
    parser.add_argument("--phases", action="store_true", help="time each phase in this process")
    parser.add_argument("--short-names", action="store_true", help="no 1 KB name in the data")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        data, scheme_path, out = folder / "data.csv", folder / "scheme.toml", folder / "out.csv"
        scheme_path.write_text(scheme_text(), encoding="utf-8")
        synthetic_csv(data, args.rows, args.seed, long_name=not args.short_names)
        size_mb = data.stat().st_size / 1e6
        longest = (
            "short names" if args.short_names else f"one name of {len(LONG_NAME.encode())} bytes"
        )
        print(
            f"{args.rows:,} enterprises, {size_mb:.1f} MB of CSV, {len(INDICATORS)} indicators, {longest}"
        )

        cli = [
            sys.executable,
            "-c",
            "import sys; from mujun.evaluation.engine.cli import run; sys.exit(run(sys.argv[1:]))",
            str(data), "--scheme", str(scheme_path), "--out", str(out),
        ]  # fmt: skip
        script = [
            sys.executable,
            str(ROOT / "benchmarks" / "evaluate_numpy.py"),
            str(data),
            str(folder / "numpy.csv"),
        ]
        measured = {"script": [], "cli": []}
        for _ in range(args.runs):  # turn about, so both see the same load
            measured["script"].append(timed_child(script))
            measured["cli"].append(timed_child(cli))
        rows = {}
        for name, runs in measured.items():
            walls = sorted(w for w, _ in runs)
            rows[name] = (walls[0], statistics.median(walls), max(m for _, m in runs))
        target = 1.0 if args.rows <= 100_000 else 1.2
        for name, label in (("script", "plain NumPy script"), ("cli", "mujun evaluate")):
            best, median, peak = rows[name]
            print(
                f"{label + ':':22} best {best:7.3f} s, median {median:7.3f} s of {args.runs}, peak {peak:6.0f} MB"
            )
        (sb, sm, sp), (cb, cm, cp) = rows["script"], rows["cli"]
        print(
            f"ratio mujun evaluate ÷ script: best {cb / sb:.2f} ×, median {cm / sm:.2f} ×   target ≤ {target} ×"
        )
        print(f"ratio of peak memory:          {cp / sp:.2f} ×   target ≤ 1.2 ×")
        if args.phases:
            phases(data, scheme_path, folder, args.runs)


if __name__ == "__main__":
    main()
