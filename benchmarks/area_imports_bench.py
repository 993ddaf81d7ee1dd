"""The activity, lead, visit and problem imports at a county's scale (issue 16, item 1).

For each, an .xlsx of ``--rows`` rows (3,000 by default: the longest file still answered in
the request, ``MUJUN_IMPORT_JOB_ROWS``) is imported in process by the county's administrator,
all new, then the same file again (every row unchanged, nothing written). python-calamine
reading the same file is the baseline measured in the same run. Printed for each: seconds, the
ratio to the baseline, rows a second and the queries sent.

    .venv/bin/python benchmarks/area_imports_bench.py                   # SQLite (a fresh file)
    .venv/bin/python benchmarks/area_imports_bench.py --database-url postgres://postgres@127.0.0.1:5432/mujun_imports_bench
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _server import setup_in_process  # noqa: E402

OFFICIALS_PER_TOWN = 20
ENTERPRISES = 3000


def _load():
    """The demo's county and towns, an administrator, officials in every town, enterprises
    and the county's departments."""
    from mujun.accounts.models import User
    from mujun.core.roles import Role
    from mujun.demo import regions as demo_regions
    from mujun.demo.context import DemoContext
    from mujun.enterprises.models import Enterprise
    from mujun.enterprises.testing import new_uscc
    from mujun.officials.models import Official
    from mujun.service.models import Department

    ctx = DemoContext.create(seed=1, password="bench-pass-123", log=lambda *_: None)
    demo_regions.build(ctx)
    admin = User.objects.create_user(
        "bench-admin", password="bench-pass-123", role=Role.ADMIN, region=ctx.county
    )
    towns = list(ctx.towns)
    Official.objects.bulk_create(
        Official(region=town, name=f"{town.name}干部{i}", is_principal=i == 0)
        for town in towns
        for i in range(OFFICIALS_PER_TOWN)
    )
    enterprises = Enterprise.objects.bulk_create(
        Enterprise(
            name=f"基准企业{i}",
            uscc=new_uscc(),
            region=towns[i % len(towns)],
            industry_code="3411",
        )
        for i in range(ENTERPRISES)
    )
    departments = [
        Department.objects.create(name=f"县基准部门{i}", region=ctx.county) for i in range(5)
    ]
    return admin, towns, enterprises, departments


def _officials(town, i: int, n: int) -> list[str]:
    return [f"{town.name}干部{(i + k) % OFFICIALS_PER_TOWN}" for k in range(n)]


def activity_file(rows: int, towns):
    from mujun.attraction.imports import ActivityImporter

    kinds = ("外出招商", "拜访企业", "接待客商", "推介会")
    lines = []
    for i in range(rows):
        town = towns[i % len(towns)]
        leader, *joined = _officials(town, i // len(towns), 3)
        start = date(2025, 1, 1) + timedelta(days=(i // (len(towns) * 4)) % 365)
        lines.append(
            {
                "region": town.name,
                "kind": kinds[(i // len(towns)) % 4],
                "start_date": start.isoformat(),
                "end_date": (start + timedelta(days=i % 3)).isoformat(),
                "destination": "上海",
                "leader": leader,
                "officials": "、".join(joined),
                "investors": f"甲{i}公司、乙{i}公司",
                "batches": "",
                "note": "",
            }
        )
    return ActivityImporter, lines


def lead_file(rows: int, towns):
    from mujun.attraction.imports import LeadImporter

    lines = []
    for i in range(rows):
        town = towns[i % len(towns)]
        lines.append(
            {
                "region": town.name,
                "investor_name": f"基准投资方{i}有限公司",
                "investor_uscc": "",
                "investor_country": "",
                "home_province": "上海市",
                "home_city": "上海市",
                "listing": "",
                "project_name": f"基准项目{i}",
                "channel": "中介招商",
                "category": "产业项目",
                "industry_code": "34",
                "intended_investment": str(1000 + i),
                "owner": _officials(town, i, 1)[0],
                "recorded_on": (date(2025, 1, 1) + timedelta(days=i % 300)).isoformat(),
                "note": "",
            }
        )
    return LeadImporter, lines


def visit_file(rows: int, towns, enterprises):
    from mujun.service.imports import VisitImporter

    kinds = ("走访", "座谈", "现场办公")
    lines = []
    for i in range(rows):
        enterprise = enterprises[i % len(enterprises)]
        town = next(t for t in towns if t.pk == enterprise.region_id)
        day = date(2025, 1, 1) + timedelta(days=(i // len(enterprises)) % 300)
        lines.append(
            {
                "enterprise": enterprise.uscc,
                "visited_on": day.isoformat(),
                "kind": kinds[(i // len(enterprises)) % 3],
                "officials": "、".join(_officials(town, i, 2)),
                "discussed": "谈扩产",
            }
        )
    return VisitImporter, lines


def problem_file(rows: int, towns, enterprises, departments):
    from mujun.service.imports import ProblemImporter

    lines = []
    for i in range(rows):
        enterprise = enterprises[i % len(enterprises)]
        town = next(t for t in towns if t.pk == enterprise.region_id)
        lines.append(
            {
                "code": "",
                "enterprise": enterprise.uscc,
                "category": ("用地", "用工", "融资", "审批")[i % 4],
                "description": f"基准问题{i}：厂房扩建缺少用地指标",
                "source": "走访",
                "raised_by": "张总",
                "raised_on": (date(2025, 1, 1) + timedelta(days=i % 300)).isoformat(),
                "officer": _officials(town, i, 1)[0],
                "assign_to": departments[i % 5].name if i % 3 == 0 else "",
                "deadline": "",
            }
        )
    return ProblemImporter, lines


def _xlsx(importer_class, lines) -> bytes:
    from mujun.core.spreadsheets import workbook_bytes

    columns = importer_class.columns
    return workbook_bytes(
        [c.header for c in columns], [[line.get(c.field, "") for c in columns] for line in lines]
    )


def _calamine(content: bytes) -> float:
    from python_calamine import CalamineWorkbook

    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        file.write(content)
        file.flush()
        started = time.perf_counter()
        CalamineWorkbook.from_path(file.name).get_sheet_by_index(0).to_python()
        return time.perf_counter() - started


def _import(importer_class, user, content: bytes):
    from django.db import connection

    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    # counted without keeping each query's text, as a debug cursor would (it keeps 9,000)
    with connection.execute_wrapper(counted):
        started = time.perf_counter()
        result = importer_class(user).run("bench.xlsx", content)
        seconds = time.perf_counter() - started
    if result.problems:
        raise SystemExit(f"{importer_class.__name__}: {[str(p) for p in result.problems[:3]]}")
    return result, seconds, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--rows", type=int, default=3000)
    args = parser.parse_args()
    url = args.database_url
    if not url:
        url = f"sqlite:///{tempfile.mkdtemp()}/area_imports_bench.sqlite3"
    setup_in_process(url)
    from django.db import connection

    admin, towns, enterprises, departments = _load()
    files = [
        activity_file(args.rows, towns),
        lead_file(args.rows, towns),
        visit_file(args.rows, towns, enterprises),
        problem_file(args.rows, towns, enterprises, departments),
    ]
    print(f"{connection.vendor}, {args.rows} rows a file")
    print("import | calamine | all new: s, ×, rows/s, queries | again: s, ×, queries")
    for importer_class, lines in files:
        content = _xlsx(importer_class, lines)
        baseline = _calamine(content)
        first, new_s, new_q = _import(importer_class, admin, content)
        assert first.created == args.rows, (first.created, first.updated, first.unchanged)
        again, again_s, again_q = _import(importer_class, admin, content)
        assert again.unchanged == args.rows, (again.created, again.updated, again.unchanged)
        print(
            f"{importer_class.__name__} | {baseline:.2f} s"
            f" | {new_s:.2f} s, {new_s / baseline:.0f}×, {args.rows / new_s:.0f}/s, {new_q}"
            f" | {again_s:.2f} s, {again_s / baseline:.0f}×, {again_q}"
        )


if __name__ == "__main__":
    main()
