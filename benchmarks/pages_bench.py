"""Pages whose cost does not grow with the county (issue 16, item 5).

One database grows from 2,000 to 20,000 to 100,000 projects (each with this year's plan and
three monthly reports); at each size 8 concurrent clients load the home page, the project list
page, the list API and the summary API, and the CPU the server (and PostgreSQL) spent per
request is printed beside p95, with its ratio to the 2,000-project figure (target: ≤ 1.5 at
100,000). The list's .xlsx and .csv exports are timed against reading the same rows (the projects
with their figures and every exported cell's value, as the export reads them, writing nothing). Then, on the small demo
county, headless Chromium loads the chart pages and the project list page: bytes decoded and
DOMContentLoaded, with the platform's ECharts bundle and with the package's full build served
in its place (the same page, the same run).

    .venv/bin/python benchmarks/pages_bench.py                     # SQLite
    .venv/bin/python benchmarks/pages_bench.py --database-url postgres://postgres@127.0.0.1:5432/mujun_pages_bench
    .venv/bin/python benchmarks/pages_bench.py --sizes 2000,20000  # a quicker look
    .venv/bin/python benchmarks/pages_bench.py --summary-only      # the summary API alone
"""

import argparse
import os
import statistics
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

GROW = r"""
import random, sys, time
from datetime import date
from decimal import Decimal
import django
django.setup()
from django.db import connection
from mujun.accounts.models import ApiToken, User
from mujun.demo.context import DemoContext
from mujun.demo import regions as demo_regions
from mujun.regions.models import Region
from mujun.projects.models import AnnualPlan, MonthlyReport, Project, ProjectTag
from mujun.projects.alerts import refresh_alerts, today

target = int(sys.argv[1])
started = time.monotonic()
if not User.objects.filter(username="demo-leader").exists():
    ctx = DemoContext.create(seed=1, password="bench-pass-123", log=lambda *_: None)
    demo_regions.build(ctx)
towns = list(Region.objects.filter(level="town", is_peer=False))
have = Project.objects.count()
rng = random.Random(have)
now = today()
stages = ["signed", "registered", "started", "started", "started", "completed", "producing"]
Project.objects.bulk_create([
    Project(
        code=f"B{n:06d}", name=f"基准项目{n}", region=rng.choice(towns), industry_code="3411",
        total_investment=Decimal(rng.randint(1000, 200000)), stage=rng.choice(stages),
        liaison_leader=rng.choice(["王建国", "李红梅", "张志强"]),
        planned_started=date(now.year - 1, rng.randint(1, 12), 1),
        actual_started=date(now.year, rng.randint(1, 6), 1) if rng.random() < 0.8 else None,
        planned_completed=date(now.year + 1, rng.randint(1, 12), 1),
    )
    for n in range(have, target)
], batch_size=2000)
new = Project.objects.filter(code__gte=f"B{have:06d}")
ids = list(new.values_list("pk", flat=True))
tags = list(ProjectTag.objects.all())
through = Project.tags.through
through.objects.bulk_create([through(project_id=pk, projecttag=rng.choice(tags)) for pk in ids if rng.random() < 0.3], batch_size=5000)
AnnualPlan.objects.bulk_create([AnnualPlan(project_id=pk, year=now.year, planned_investment=Decimal(rng.randint(100, 20000))) for pk in ids], batch_size=5000)
MonthlyReport.objects.bulk_create([
    MonthlyReport(project_id=pk, year=now.year, month=m, completed_investment=Decimal(rng.randint(1, 2000)))
    for pk in ids for m in (1, 2, 3)
], batch_size=5000)
refresh_alerts(new, now)
# rows written in bulk, not by the verbs: the summary's tally is counted as mujun project_tally
# counts it after a bulk load
from mujun.projects.tally import rebuild, summary
from mujun.projects.figures import summarise, summary_projects, summary_set
rebuild()
with connection.cursor() as c:
    c.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    if connection.vendor == "postgresql":
        # docs/projects.md: random_page_cost ≈ 1.1 on SSD storage, as projects_bench sets it
        c.execute(f"ALTER DATABASE {connection.settings_dict['NAME']} SET random_page_cost = 1.1")
user = User.objects.get(username="demo-leader")
# the tally's answer is the rows' answer, figure for figure, at every size
month = max(1, now.month - 1)
for basis in ("started", "planned"):
    mine = Project.objects.for_user(user)
    kept = summary(mine, user=user, region=None, tier=None, basis=basis, year=now.year, month=month)
    rows = summarise(summary_set(summary_projects(mine), basis=basis, year=now.year), year=now.year, month=month)
    assert kept == rows, (basis, kept, rows)
    print(f"{basis}: {kept.count} projects, {kept.completed} completed; the same from the rows", file=sys.stderr)
print(ApiToken.issue(user), f"{time.monotonic() - started:.0f}")
"""

EXPORT = r"""
import time, django
django.setup()
from django.test import Client
from mujun.accounts.models import User
from mujun.core.tables import _export_value
from mujun.projects.listing import decorate
from mujun.projects.models import Project
from mujun.projects.tables import ProjectTable
user = User.objects.get(username="demo-leader")

def read():
    # the rows the export writes, read as it reads them: batches of projects with their
    # figures and every exported cell's value, but no workbook
    cols = [c for c in ProjectTable([], user=user).shown if c.export]
    qs = Project.objects.for_user(user).listed()
    batch, n = [], 0
    for p in qs.iterator(chunk_size=2000):
        batch.append(p)
        if len(batch) == 2000:
            for row in decorate(batch):
                [_export_value(c.value(row)) for c in cols]
            n += len(batch); batch = []
    for row in decorate(batch):
        [_export_value(c.value(row)) for c in cols]
    return n + len(batch)

client = Client()
client.force_login(user)
# a process's first export imports openpyxl and loads the view: warmed on an empty filter
client.get("/projects/?export=xlsx&q=%E6%97%A0%E6%AD%A4%E9%A1%B9%E7%9B%AE").getvalue()
read()
t = time.perf_counter(); n = read(); reading = time.perf_counter() - t
t = time.perf_counter()
response = client.get("/projects/?export=xlsx")
size = len(response.getvalue())
exporting = time.perf_counter() - t
assert response.status_code == 200
t = time.perf_counter()
as_csv = client.get("/projects/?export=csv")
csv_size = len(as_csv.getvalue())
csv_time = time.perf_counter() - t
print(n, f"{reading:.2f}", f"{exporting:.2f}", size, f"{csv_time:.2f}", csv_size)
"""

CHART_URLS = r"""
import django
django.setup()
from django.test import Client
from mujun.accounts.models import User
from mujun.evaluation.models import EvaluationRun
from mujun.indicators.models import IndicatorValue
c = Client(); c.force_login(User.objects.get(username="demo-leader"))
run = EvaluationRun.objects.order_by("-pk").first()
value = IndicatorValue.objects.order_by("-year", "-month").first()
print(c.cookies["sessionid"].value)
print(f"/evaluation/runs/{run.pk}/")
print(f"/indicators/catalogue/{value.indicator_id}/")
print("/reader/compare/")
"""


# PostgreSQL's backends are counted on a PostgreSQL run only: on SQLite, what they spend is
# another program's (a shared machine's other databases), not the platform's.
ON_POSTGRES = False


def cpu_total(result) -> float | None:
    spent = result.get("cpu") or {}
    if not spent:
        return None
    return spent["gunicorn"] + (spent.get("postgres", 0) if ON_POSTGRES else 0)


def cpu_text(result) -> str:
    spent = result.get("cpu") or {}
    if not spent:
        return "—"
    parts = [f"{spent['gunicorn']:.1f}"]
    if ON_POSTGRES:
        parts.append(f"{spent.get('postgres', 0):.1f}")
    return " + ".join(parts)


def load_pages(args, env, sizes):
    year = time.localtime().tm_year
    month = max(1, time.localtime().tm_mon - 1)
    results: dict[str, dict[int, dict]] = {}
    exports = []
    server = None
    try:
        for size in sizes:
            out = subprocess.check_output(
                [sys.executable, "-c", GROW, str(size)], env=env, cwd=REPO, text=True
            )
            token, built = out.split()
            print(f"\n{size:,} projects ({built} s to add)")
            if server is None:
                server = serve(env, args.port, args.workers)
                mine = {"server": server, "database_url": args.database_url}
                cookie = session_cookie(env)
            api = {"Authorization": f"Bearer {token}"}
            page = {"Cookie": f"sessionid={cookie}"}
            cases = [
                ("trivial view /health/", ["/health/"], {}),
                *(
                    []
                    if args.summary_only
                    else [
                        ("home page", ["/"], page),
                        (
                            "project list page",
                            ["/projects/", "/projects/?stage=started&page=2"],
                            page,
                        ),
                        ("list API", ["/api/projects", "/api/projects?stage=started&page=2"], api),
                    ]
                ),
                (
                    "summary API",
                    [
                        f"/api/projects/summary?year={year}&month={month}",
                        f"/api/projects/summary?year={year}&month={month}&basis=planned",
                    ],
                    api,
                ),
            ]
            for _name, paths, headers in cases:
                measure(args.port, paths, headers, seconds=args.warm_up, **mine)
            print(
                f"{'endpoint':24} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms/req':>12} {'CPU ÷ first':>12}"
            )
            for name, paths, headers in cases:
                r = measure(args.port, paths, headers, seconds=args.seconds, **mine)
                results.setdefault(name, {})[size] = r
                first = results[name][sizes[0]]
                ratio = (
                    f"{cpu_total(r) / cpu_total(first):12.2f}"
                    if cpu_total(r) and cpu_total(first)
                    else f"{'—':>12}"
                )
                print(f"{name:24} {r['p50']:8.1f} {r['p95']:8.1f} {cpu_text(r):>12} {ratio}")
            if args.summary_only:
                continue
            n, reading, exporting, nbytes, csv_time, csv_bytes = subprocess.check_output(
                [sys.executable, "-c", EXPORT], env=env, cwd=REPO, text=True
            ).split()
            reading = float(reading)
            exports.append((size, int(n), reading, float(exporting), float(csv_time)))
            print(
                f"export of the list, {int(n):,} rows: reading them {reading:.2f} s; "
                f".xlsx {float(exporting):.2f} s ({int(nbytes) / 1e6:.1f} MB, "
                f"{float(exporting) / reading:.2f}×); .csv {float(csv_time):.2f} s "
                f"({int(csv_bytes) / 1e6:.1f} MB, {float(csv_time) / reading:.2f}×)"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    return results, exports


def _serving(body: bytes):
    # a handler of one argument: Playwright passes the request too to one that takes two
    def handle(route):
        route.fulfill(
            body=body, content_type="text/javascript", headers={"Cache-Control": "max-age=3600"}
        )

    return handle


def chart_pages(args):
    """The small demo county on its own database; Chromium with a warm cache, five loads a page,
    the median. The bundle as the server sends it, then the bundle and the package's full build
    each handed to the page by the browser's own routing (uncached alike)."""
    from playwright.sync_api import sync_playwright

    url = args.database_url and args.database_url + "_charts"
    env = environment(url)
    subprocess.run(
        [sys.executable, "-m", "mujun.cli", "migrate", "-v", "0"], env=env, cwd=REPO, check=True
    )
    subprocess.run(
        [sys.executable, "-m", "mujun.cli", "demo", "--scale", "0.05", "--password", "bench-1"],
        env=env,
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    cookie, *paths = subprocess.check_output(
        [sys.executable, "-c", CHART_URLS], env=env, cwd=REPO, text=True
    ).split()
    full = (REPO / "node_modules" / "echarts" / "dist" / "echarts.min.js").read_bytes()
    port = args.port + 1
    server = serve(env, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("MUJUN_CHROMIUM", "/usr/bin/chromium"),
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            # what the server sends (cached by the browser as it would be), then both builds
            # handed over by the browser's routing, uncached alike: a like-for-like comparison
            bundle = (REPO / "build" / "static" / "echarts" / "echarts.min.js").read_bytes()
            builds = {"served": None, "bundle, routed": bundle, "full, routed": full}
            for build, body in builds.items():
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
                if body is not None:
                    context.route("**/vendor/echarts/echarts.min.js", _serving(body))
                page = context.new_page()
                page.set_default_timeout(120_000)  # a shared machine's busy minute
                for path in ["/projects/", *paths]:
                    page.goto(base + path)  # the cache warmed
                    loads = []
                    for _ in range(5):
                        page.goto(base + path, wait_until="load")
                        loads.append(
                            page.evaluate(
                                """() => {
                                const nav = performance.getEntriesByType("navigation")[0];
                                const decoded = performance.getEntriesByType("resource")
                                  .reduce((s, r) => s + r.decodedBodySize, nav.decodedBodySize);
                                const echarts = performance.getEntriesByType("resource")
                                  .filter((r) => r.name.includes("echarts"))
                                  .reduce((s, r) => s + r.decodedBodySize, 0);
                                return [nav.domContentLoadedEventEnd, decoded, echarts];
                            }"""
                            )
                        )
                    dcl = statistics.median(x[0] for x in loads)
                    decoded = max(x[1] for x in loads)
                    echarts = max(x[2] for x in loads)
                    rows.append((build, path, dcl, decoded, echarts))
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    reference = {b: d for b, path, d, *_ in rows if path == "/projects/"}
    print("\nchart pages (small demo county, Chromium, warm cache, median of 5 loads)")
    print(
        f"{'ECharts':15} {'page':32} {'DCL ms':>7} {'÷ list':>7} {'decoded KB':>11} {'of which ECharts':>17}"
    )
    for build, path, dcl, decoded, echarts in rows:
        print(
            f"{build:15} {path:32} {dcl:7.0f} {dcl / reference[build]:7.2f} "
            f"{decoded / 1024:11.0f} {echarts / 1024:17.0f}"
        )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--port", type=int, default=8775)
    parser.add_argument("--seconds", type=float, default=6, help="of load per endpoint")
    parser.add_argument("--warm-up", type=float, default=5, help="seconds per endpoint first")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-charts", action="store_true")
    parser.add_argument("--charts-only", action="store_true")
    parser.add_argument(
        "--summary-only",
        action="store_true",
        help="the summary API beside /health/ only: no other page, export nor chart page",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    global ON_POSTGRES
    ON_POSTGRES = bool(args.database_url)

    if args.charts_only:
        chart_pages(args)
        return
    env = environment(args.database_url)
    subprocess.run(
        [sys.executable, "-m", "mujun.cli", "migrate", "-v", "0"], env=env, cwd=REPO, check=True
    )
    db = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{db}; machine: {machine_reference():.1f} ms for the reference Python loop")
    print(f"8 concurrent clients ({wrk() and 'wrk' or 'Python threads'}), {args.seconds:g} s each")
    results, _exports = load_pages(args, env, sizes)
    last, first = sizes[-1], sizes[0]
    print(f"\nCPU per request at {last:,} ÷ at {first:,} projects (target ≤ 1.5)")
    for name, by_size in results.items():
        a, b = cpu_total(by_size[first]), cpu_total(by_size[last])
        if a and b:
            verdict = "ok" if b / a <= 1.5 else "GROWS"
            print(
                f"  {name:24} {a:6.1f} → {b:6.1f} ms  {b / a:5.2f}×  "
                f"p95 {by_size[first]['p95']:.1f} → {by_size[last]['p95']:.1f} ms  {verdict}"
            )
    if not (args.no_charts or args.summary_only):
        chart_pages(args)


if __name__ == "__main__":
    main()
