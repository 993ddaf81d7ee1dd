"""Benchmark of ``mujun evaluate`` on 100,000 synthetic enterprises.

Runs the CLI end to end (CSV in, CSV out) in a child process (best and median of a few runs:
the machine is shared), then each phase in this process and the scoring core
(``compute.evaluate``) next to a plain NumPy computation of the same scores, and prints
timings, ratios and peak memory. The NumPy baseline rounds with floats, so it also
shows how many totals the exact rounding decides differently (expected: none or a handful).

    .venv/bin/python benchmarks/evaluate_bench.py [--rows 100000] [--seed 7]

Targets: end to end under 3 s on two cores, the core within 2× of NumPy, memory under 1 GB.
"""

import argparse
import gc
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mujun.evaluation.engine.compute import evaluate  # noqa: E402
from mujun.evaluation.engine.data import read_table  # noqa: E402
from mujun.evaluation.engine.loader import load_scheme  # noqa: E402
from mujun.evaluation.engine.output import write  # noqa: E402

# Six indicators as in Zhejiang's guidance; the benchmarks are computed from the data.
INDICATORS = [
    # key, numerator, denominator, above weight, below weight, benchmark, missing
    ("tax_per_mu", "tax_wan", "land_mu", 30, 40, "aggregate", "zero"),
    ("value_added_per_mu", "value_added_wan", "land_mu", 20, 20, "aggregate", "zero"),
    ("value_added_per_energy", "value_added_wan", "energy_tce", 20, 10, "aggregate", "zero"),
    ("value_added_per_emission", "value_added_wan", "emission_t", 10, 10, "mean", "group_mean"),
    ("labour_productivity", "value_added_wan", "employees", 10, 10, "mean", "zero"),
    ("rd_intensity", "rd_wan", "revenue_wan", 10, 10, "aggregate", "zero"),
]
SHARES = {"A": "0.20", "B": "0.40", "C": "0.35", "D": "0.05"}
COLUMNS = [
    "uscc", "name", "region", "size_class", "land_mu", "tax_wan", "value_added_wan",
    "revenue_wan", "rd_wan", "energy_tce", "emission_t", "employees",
    "electricity_wan_kwh", "prior_d_years",
]  # fmt: skip


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


def synthetic_csv(path: Path, rows: int, seed: int) -> None:
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
    # Some enterprises report no emissions (Huangyan gives those the group's mean score).
    for i in rng.choice(rows, rows // 30, replace=False).tolist():
        text["emission_t"][i] = ""
    with open(path, "w", encoding="utf-8") as out:
        out.write(",".join(COLUMNS) + "\n")
        out.write("\n".join(",".join(r) for r in zip(*(text[c] for c in COLUMNS), strict=True)))
        out.write("\n")


def numpy_baseline(table, size: np.ndarray, uscc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same scores with nothing but NumPy: float values, float benchmarks, rounding by
    floor(x × 10⁴ + ½), lexsort ranks and share cut-offs. Returns (total units, class).

    ``size`` and ``uscc`` (each code's place in USCC order) are made before timing, so the
    baseline sorts numbers only: the strictest comparison for the engine."""
    n = table.n
    totals = np.zeros(n, dtype=np.int64)
    classes = np.full(n, -1)
    cumulative = np.cumsum([float(s) for s in SHARES.values()])
    for group, column in (("above", 3), ("below", 4)):
        members = np.flatnonzero(size == group)
        total = np.zeros(len(members), dtype=np.int64)
        for spec in INDICATORS:
            num = table.numbers[spec[1]][members]
            den = table.numbers[spec[2]][members]
            has = ~np.isnan(num) & ~np.isnan(den) & (den > 0)
            value = np.where(has, num / np.where(has, den, 1), np.nan)
            bench = num[has].sum() / den[has].sum() if spec[5] == "aggregate" else value[has].mean()
            raw = value / bench * spec[column] * 1e4
            units = np.where(has, np.sign(raw) * np.floor(np.abs(raw) + 0.5), 0)
            if spec[6] == "group_mean" and has.any():
                units[~has] = np.floor(units[has].mean() + 0.5)
            total += units.astype(np.int64)
        tax = table.numbers["tax_wan"][members]
        revenue = table.numbers["revenue_wan"][members]
        order = np.lexsort(
            (uscc[members], np.where(np.isnan(revenue), np.inf, -revenue), -tax, -total)
        )
        limits = np.floor(len(members) * cumulative + 1e-9).astype(int)
        limits[-1] = len(members)
        cls = np.empty(len(members), dtype=np.int64)
        cls[order] = np.searchsorted(limits, np.arange(1, len(members) + 1))
        totals[members] = total
        classes[members] = cls
    return totals, classes


def best_of(fn, runs: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="CLI runs (the machine is shared)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        data, scheme_path, out = folder / "data.csv", folder / "scheme.toml", folder / "out.csv"
        scheme_path.write_text(scheme_text(), encoding="utf-8")
        synthetic_csv(data, args.rows, args.seed)
        size_mb = data.stat().st_size / 1e6
        print(f"{args.rows:,} enterprises, {size_mb:.1f} MB of CSV, {len(INDICATORS)} indicators")

        command = [
            sys.executable,
            "-c",
            "import sys; from mujun.evaluation.engine.cli import run; sys.exit(run(sys.argv[1:]))",
            str(data), "--scheme", str(scheme_path), "--out", str(out),
        ]  # fmt: skip
        walls = []
        for _ in range(args.runs):
            started = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            walls.append(time.perf_counter() - started)
            if done.returncode:
                sys.exit(f"the CLI failed:\n{done.stderr}")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        # The same phases in this process, with the cyclic collector paused as the CLI does.
        gc.disable()
        scheme = load_scheme(scheme_path)
        read_time, table = best_of(lambda: read_table(data, scheme), args.runs)
        core_time, ev = best_of(lambda: evaluate(scheme, table), args.runs)
        write_time, _ = best_of(lambda: write(ev, folder / "again.csv"), args.runs)
        size = np.array(table.text["size_class"])
        uscc = np.argsort(np.argsort(np.array(table.text["uscc"])))
        base_time, (totals, classes) = best_of(lambda: numpy_baseline(table, size, uscc), args.runs)
        gc.enable()

    differ_total = int((totals != ev.total_units).sum())
    differ_class = int((classes != ev.classes).sum())
    walls.sort()
    print(
        f"end to end (CLI, CSV in and out): {walls[0]:6.3f} s best, {walls[len(walls) // 2]:.3f} s median of {len(walls)}   target < 3 s"
    )
    print(f"  peak memory of the CLI process:  {peak_mb:6.0f} MB  target < 1024 MB")
    print(f"  reading and checking the CSV:    {read_time:6.3f} s")
    print(f"  scoring core (§4 steps 1-10):    {core_time:6.3f} s")
    print(f"  writing the result CSV:          {write_time:6.3f} s")
    print(f"plain NumPy, same scores:          {base_time:6.3f} s")
    print(f"  core ÷ NumPy:                    {core_time / base_time:6.2f} ×  target ≤ 2 ×")
    print(f"  totals where float rounding differs from exact: {differ_total}")
    print(f"  classes that differ:                            {differ_class}")


if __name__ == "__main__":
    main()
