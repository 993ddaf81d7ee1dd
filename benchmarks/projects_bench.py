"""Project list and summary under load (issue: investment projects).

With 20,000 projects and 240,000 monthly reports, 8 concurrent clients on loopback: the filtered
list API and list page must answer under 100 ms at the 95th percentile, the summary under
200 ms, and the list page's query count must not grow with the page size. Latencies are printed
with their ratio to a trivial view (/health/) measured in the same run.

    .venv/bin/python benchmarks/projects_bench.py                      # SQLite
    .venv/bin/python benchmarks/projects_bench.py --database-url postgres://postgres@127.0.0.1:5432/mujun_bench
    .venv/bin/python benchmarks/projects_bench.py --projects 2000      # a quicker look

The clients are wrk (installed from Debian's packages when missing); the server is gunicorn
with synchronous workers as the README runs it in production: one per core.
"""

import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _server import (  # noqa: E402
    REPO,
    environment,
    machine_reference,
    measure,
    serve,
    session_cookie,
    wrk,
)

SETUP = r"""
import random, sys, time
from datetime import date
from decimal import Decimal
import django
django.setup()
from django.db import connection
from mujun.accounts.models import ApiToken, User
from mujun.demo.context import DemoContext
from mujun.demo import regions as demo_regions
from mujun.projects.models import AnnualPlan, MonthlyReport, Project, ProjectTag
from mujun.projects.alerts import refresh_alerts, today

n_projects = int(sys.argv[1])
ctx = DemoContext.create(seed=1, password="bench-pass-123", log=lambda *_: None)
demo_regions.build(ctx)
rng = random.Random(1)
now = today()
started = time.monotonic()
stages = ["signed", "registered", "started", "started", "started", "completed", "producing"]
projects = [
    Project(
        code=f"B{n:06d}", name=f"基准项目{n}", region=rng.choice(ctx.towns), industry_code="3411",
        total_investment=Decimal(rng.randint(1000, 200000)), stage=rng.choice(stages),
        liaison_leader=rng.choice(["王建国", "李红梅", "张志强"]),
        planned_started=date(now.year - 1, rng.randint(1, 12), 1),
        actual_started=date(now.year - 1, rng.randint(1, 12), 1) if rng.random() < 0.8 else None,
        planned_completed=date(now.year + 1, rng.randint(1, 12), 1),
    )
    for n in range(n_projects)
]
Project.objects.bulk_create(projects, batch_size=2000)
ids = list(Project.objects.values_list("pk", flat=True))
tags = list(ProjectTag.objects.all())
through = Project.tags.through
through.objects.bulk_create([through(project_id=pk, projecttag=rng.choice(tags)) for pk in ids if rng.random() < 0.3], batch_size=5000)
AnnualPlan.objects.bulk_create([AnnualPlan(project_id=pk, year=now.year, planned_investment=Decimal(rng.randint(100, 20000))) for pk in ids], batch_size=5000)
reports = []
months = [(now.year - 1, m) for m in range(1, 13)]
for pk in ids:
    for y, m in months:
        reports.append(MonthlyReport(project_id=pk, year=y, month=m, completed_investment=Decimal(rng.randint(1, 2000))))
    if len(reports) >= 20000:
        MonthlyReport.objects.bulk_create(reports, batch_size=5000); reports = []
MonthlyReport.objects.bulk_create(reports, batch_size=5000)
refresh_alerts(Project.objects.all(), now)
# written in bulk, not by the verbs: the summary's tally is counted as mujun project_tally
# counts it after a bulk load
from mujun.projects.tally import rebuild
rebuild()
with connection.cursor() as c:
    # what the daily mujun project_alerts leaves behind (PostgreSQL: VACUUM too, as autovacuum
    # would after a bulk load, so that index-only scans need not visit the rows)
    c.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    if connection.vendor == "postgresql":
        # docs/projects.md: on SSD storage, PostgreSQL's manual advises random_page_cost ≈ 1.1
        # (its default 4 prices a disk seek, and then a tier's count reads the whole table)
        c.execute(f"ALTER DATABASE {connection.settings_dict['NAME']} SET random_page_cost = 1.1")
user = User.objects.get(username="demo-leader")
print(ApiToken.issue(user))
print(ctx.towns[0].code)
print(MonthlyReport.objects.count(), f"{time.monotonic() - started:.0f}")
"""

QUERIES = r"""
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from mujun.accounts.models import User
client = Client()
client.force_login(User.objects.get(username="demo-leader"))
counts = []
client.get("/projects/?per_page=10")  # the first request of a process loads its templates
for size in (10, 50, 200):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/projects/?per_page={size}").status_code == 200
    counts.append(len(ctx.captured_queries))
print(*counts)
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seconds", type=float, default=10, help="of load per endpoint")
    parser.add_argument("--warm-up", type=float, default=5, help="seconds per endpoint first")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    args = parser.parse_args()

    env = environment(args.database_url)
    subprocess.run(
        [sys.executable, "-m", "mujun.cli", "migrate", "-v", "0"], env=env, cwd=REPO, check=True
    )
    out = subprocess.check_output(
        [sys.executable, "-c", SETUP, str(args.projects)], env=env, cwd=REPO, text=True
    )
    token, town_code, n_reports, seconds = out.split()
    print(f"data: {args.projects} projects, {n_reports} monthly reports ({seconds} s to build)")
    print(f"machine: {machine_reference():.1f} ms for the reference Python loop (lower is faster)")
    print(
        "list page queries for 10 / 50 / 200 rows:",
        subprocess.check_output(
            [sys.executable, "-c", QUERIES], env=env, cwd=REPO, text=True
        ).strip(),
    )

    cookie = session_cookie(env)
    server = serve(env, args.port, args.workers)
    mine = {"server": server, "database_url": args.database_url}
    try:
        api = {"Authorization": f"Bearer {token}"}
        page = {"Cookie": f"sessionid={cookie}"}
        year = time.localtime().tm_year
        cases = [
            ("trivial view /health/", ["/health/"], {}, None),
            (
                "list API (filtered)",
                [
                    f"/api/projects?region={town_code}&stage=started",
                    "/api/projects?alert=red",
                    "/api/projects?tier=provincial_key&page=3",
                ],
                api,
                100,
            ),
            (
                "list page (filtered)",
                [
                    f"/projects/?region={town_code}&stage=started",
                    "/projects/?alert=lagging",
                    "/projects/?q=%E5%9F%BA%E5%87%86%E9%A1%B9%E7%9B%AE1&page=2",
                ],
                page,
                100,
            ),
            (
                "summary API",
                [
                    f"/api/projects/summary?year={year}&month=6",
                    f"/api/projects/summary?year={year}&month=10&region={town_code}&tier=provincial_large_medium&basis=planned",
                ],
                api,
                200,
            ),
        ]
        # A server answers for days: warm every worker on every path first (templates
        # compiled, the database's pages cached) so the figures are of the running server.
        for _name, paths, headers, _target in cases:
            measure(args.port, paths, headers, seconds=args.warm_up, **mine)
        baseline = None
        ok = True
        print(
            f"8 concurrent clients ({wrk() and 'wrk' or 'Python threads'}), {args.seconds:g} s per endpoint"
        )
        print(
            f"{'endpoint':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'requests':>9} {'p95 ÷ trivial':>14} {'CPU ms/req':>11}  target"
        )
        for name, paths, headers, target in cases:
            r = measure(args.port, paths, headers, seconds=args.seconds, **mine)
            baseline = baseline or r["p95"]
            verdict = "" if target is None else ("ok" if r["p95"] < target else "SLOW")
            ok &= verdict != "SLOW"
            print(
                f"{name:28} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} {r['n']:9d} {r['p95'] / baseline:14.1f} {cpu(r):>11}  {'' if target is None else f'<{target} ms {verdict}'}"
            )
        cores = os.cpu_count() or 1
        print(
            "CPU ms/req: what the server's workers (+ PostgreSQL's backends) spent per request;"
            f" 8 clients on {cores} cores wait about {8 / cores:g} × their sum for an answer"
        )
    finally:
        server.terminate()
        server.wait()
    sys.exit(0 if ok else 1)


def cpu(result) -> str:
    spent = result.get("cpu") or {}
    if not spent:
        return "—"
    parts = [f"{spent['gunicorn']:.1f}"]
    if spent.get("postgres"):
        parts.append(f"{spent['postgres']:.1f}")
    return " + ".join(parts)


if __name__ == "__main__":
    main()
