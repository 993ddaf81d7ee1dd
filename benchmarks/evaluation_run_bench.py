"""A run of the demo county in the platform (issue: per-mu evaluation).

Builds the demo county's regions, its ~2,000 enterprises with their land and two years of
evaluation data in a throw-away SQLite database (or the PostgreSQL given), then times
``actions.run_evaluation`` for the later demo year (reading the rows, the engine, writing every
result) and, on the same data, the engine alone (``mujun evaluate``'s path: a CSV file read, checked and
evaluated, the §5 columns made). Prints best and median of a few runs and the ratio.

    .venv/bin/python benchmarks/evaluation_run_bench.py [--repeat 5]
    .venv/bin/python benchmarks/evaluation_run_bench.py --database-url postgres://postgres@127.0.0.1:5432/mujun_bench

Target: the platform run under 5 s including writing the results.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def setup(database_url: str | None):
    os.environ["MUJUN_VAR"] = tempfile.mkdtemp(prefix="mujun-evalbench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "mujun.settings.base"
    os.environ["DEBUG"] = "0"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    from mujun.demo import regions
    from mujun.demo.context import DemoContext
    from mujun.enterprises import demo as enterprises
    from mujun.evaluation import demo as evaluation

    ctx = DemoContext.create(seed=2024, password="bench-pass-123", log=lambda *_: None)
    regions.build(ctx)
    enterprises.build(ctx)
    started = time.perf_counter()
    evaluation.build(ctx)
    return ctx, time.perf_counter() - started


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    ctx, demo_seconds = setup(args.database_url)

    from django.db import connection

    from mujun.evaluation import actions, runner
    from mujun.evaluation.engine.compute import evaluate
    from mujun.evaluation.engine.data import read_table
    from mujun.evaluation.engine.loader import parse_scheme
    from mujun.evaluation.engine.results import result_columns
    from mujun.evaluation.models import EnterpriseYear, Scheme

    # the demo evaluates the last two years before today; the bench reruns the later one
    year = actions.today().year - 1
    scheme = Scheme.objects.get(year=year)
    user = ctx.users["demo-admin"]
    rows = [
        runner.input_row(ey)
        for ey in EnterpriseYear.objects.filter(year=year).select_related("enterprise__region")
    ]
    parsed = parse_scheme(scheme.text)
    columns = runner.scheme_columns(parsed)
    data = Path(os.environ["MUJUN_VAR"]) / f"data-{year}.csv"
    lines = [",".join(columns)]
    lines += [",".join(r.cells.get(c, "") for c in columns) for r in rows]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def engine_alone():
        s = parse_scheme(scheme.text)
        result_columns(evaluate(s, read_table(data, s)))

    def platform_run():
        actions.run_evaluation(scheme=scheme, year=year, user=user)

    engine = timed(engine_alone, args.repeat)
    platform = timed(platform_run, args.repeat)
    print(f"database: {connection.vendor}; enterprises evaluated: {len(rows)}")
    print(f"demo evaluation data and runs built in {demo_seconds:.2f} s")
    print(
        f"engine alone (CSV read + check + evaluate + §5 columns): "
        f"best {min(engine):.3f} s, median {statistics.median(engine):.3f} s"
    )
    print(
        f"platform run (read rows + engine + write results): "
        f"best {min(platform):.3f} s, median {statistics.median(platform):.3f} s"
    )
    ratio = statistics.median(platform) / statistics.median(engine)
    verdict = "OK" if max(platform) < 5 else "TOO SLOW"
    print(f"ratio platform / engine (medians): {ratio:.1f}×; target < 5 s: {verdict}")


if __name__ == "__main__":
    main()
