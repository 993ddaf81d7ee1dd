"""The monthly-report import and the evaluation's yearly-data import at county scale, in
process (issue 16, item 1: imports as set operations).

A county of ``--projects`` projects and ``--enterprises`` enterprises is made; an .xlsx of every
project's twelve monthly reports of a year and one of every enterprise's tax-bureau figures of a
year are written. python-calamine reading each file into Python values is the baseline,
measured in the same run. Printed for each file: seconds and the ratio to the baseline for the
import of new rows, the same file again (nothing written) and a file changing every row, with
the number of queries of each.

    .venv/bin/python benchmarks/set_imports_bench.py                   # SQLite (a fresh file)
    .venv/bin/python benchmarks/set_imports_bench.py --database-url postgres://postgres@127.0.0.1:5432/mujun_setimports_bench
    .venv/bin/python benchmarks/set_imports_bench.py --code /path/to/other/checkout   # its importers
"""

import argparse
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _server  # noqa: E402


def county(projects: int, enterprises: int):
    from mujun.accounts.models import User
    from mujun.core.roles import Role
    from mujun.demo import regions as demo_regions
    from mujun.demo.context import DemoContext
    from mujun.enterprises.models import Enterprise
    from mujun.enterprises.rules import uscc_check_char
    from mujun.projects.models import Project

    ctx = DemoContext.create(seed=1, password="bench-pass-123", log=lambda *_: None)
    demo_regions.build(ctx)
    user = User.objects.create_user(
        "bench-admin", password="bench-pass-123", role=Role.ADMIN, region=ctx.county
    )
    rng = random.Random(1)
    towns = list(ctx.towns)
    Project.objects.bulk_create(
        Project(
            code=f"BJ-{i:05d}",
            name=f"基准项目{i}",
            region=rng.choice(towns),
            total_investment=Decimal(20000),
            stage="started",
        )
        for i in range(projects)
    )
    firms = []
    for i in range(enterprises):
        first17 = f"91{ctx.county.code}{i:09d}"
        firms.append(
            Enterprise(
                name=f"基准企业{i}有限公司",
                uscc=first17 + uscc_check_char(first17),
                region=rng.choice(towns),
                industry_code="3411",
            )
        )
    Enterprise.objects.bulk_create(firms, batch_size=2000)
    return user


def report_file(path: Path, projects: int, amount: int) -> None:
    from mujun.core.spreadsheets import workbook_bytes

    header = ["项目编号", "年", "月", "本月完成投资（万元）", "形象进度", "存在问题"]
    rows = [
        [f"BJ-{i:05d}", 2025, month, amount + i % 7, "主体施工", ""]
        for i in range(projects)
        for month in range(1, 13)
    ]
    path.write_bytes(workbook_bytes(header, rows))


def tax_file(path: Path, amount: int) -> None:
    from mujun.core.spreadsheets import workbook_bytes
    from mujun.enterprises.models import Enterprise

    header = ["统一社会信用代码", "数据年度", "评价税收(万元)", "用地面积(亩)"]
    usccs = Enterprise.objects.order_by("pk").values_list("uscc", flat=True)
    rows = [[uscc, 2025, amount + i % 11, 12.5] for i, uscc in enumerate(usccs)]
    path.write_bytes(workbook_bytes(header, rows))


def read_baseline(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return time.perf_counter() - started


def timed(make_importer, path: Path) -> tuple[float, int, object]:
    from django.db import connection

    content = path.read_bytes()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = make_importer().run(path.name, content)
        seconds = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"{path.name}: {[str(p) for p in result.problems[:3]]}")
    return seconds, len(queries), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--enterprises", type=int, default=5000)
    parser.add_argument("--code", default="", help="import the importers of this checkout")
    args = parser.parse_args()
    if args.code:
        _server.REPO = Path(args.code).resolve()
    var = tempfile.mkdtemp(prefix="mujun-bench-")
    os.environ["MUJUN_VAR"] = var
    url = args.database_url or f"sqlite:///{var}/bench.sqlite3"
    if args.database_url:
        _server._fresh_postgres(url)
    _server.setup_in_process(url)
    from django.db import connection

    from mujun.evaluation.imports import EnterpriseYearImporter
    from mujun.projects.imports import MonthlyReportImporter

    user = county(args.projects, args.enterprises)
    reference = _server.machine_reference()
    print(f"{connection.vendor}; reference loop {reference:.1f} ms; code {_server.REPO}")
    cases = [
        ("monthly reports", lambda: MonthlyReportImporter(user), report_file, args.projects),
        ("yearly tax data", lambda: EnterpriseYearImporter(user, "tax"), tax_file, None),
    ]
    for title, make_importer, write, size in cases:
        first, changed = Path(var, "first.xlsx"), Path(var, "changed.xlsx")
        if size is None:
            write(first, 100), write(changed, 200)
        else:
            write(first, size, 100), write(changed, size, 200)
        baseline = min(read_baseline(first) for _ in range(3))
        print(f"\n{title}: calamine reads the file in {baseline:.2f} s (baseline)")
        for label, path in (("new", first), ("again", first), ("all changed", changed)):
            seconds, queries, result = timed(make_importer, path)
            rows = result.created + result.updated + result.unchanged
            print(
                f"  {label:<12} {rows:>6} rows  {seconds:6.2f} s  {seconds / baseline:6.1f}×  "
                f"{rows / seconds:8.0f} rows/s  {queries:>6} queries  "
                f"(created {result.created}, updated {result.updated})"
            )


if __name__ == "__main__":
    main()
