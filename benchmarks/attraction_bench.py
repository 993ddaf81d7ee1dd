"""Attraction statistics of a whole county (issue: investment attraction).

With 100,000 activities and 20,000 leads over 18 months in 15 towns and the county, about 300
officials: the county's statistics for a year with the per-region and per-official lists
(``GET /api/attraction/stats?region=<county>&start=YYYY-01&end=YYYY-12``, token auth) must
answer in under 300 ms on SQLite and PostgreSQL, and in no more than 3 × a plain
``SELECT COUNT(*) FROM attraction_activity`` measured in the same run.

    .venv/bin/python benchmarks/attraction_bench.py                     # SQLite
    .venv/bin/python benchmarks/attraction_bench.py --database-url postgres://postgres@127.0.0.1:5432/mujun_bench
    .venv/bin/python benchmarks/attraction_bench.py --activities 10000 --leads 2000   # a quicker look

Two measurements, each of sequential requests (one at a time) after a warm-up, as
p50/p95/max:

- in process: the endpoint through Django's test client (the whole stack: middleware, token
  auth, the view, JSON) and, as the baseline, ``SELECT COUNT(*)`` on the same connection; the
  3 × target is read here, both timed the same way. The baseline is checked to count every
  activity written; beside it, for comparison only, ``SELECT COUNT(kind)``, a count that must
  look at each row: SQLite answers ``COUNT(*)`` by adding up the entries of the table's
  smallest index page by page (the plan is printed), without reading a row;
- through the server: the endpoint and the trivial view /health/ over HTTP from gunicorn run
  as the README runs it in production; the 300 ms target is read here.

"CPU ms" is the CPU spent per request: in process, this process's and its PostgreSQL
backend's; through the server, the gunicorn workers' (without the database server's). On a
machine busy with other work the latencies grow with the wait for a core; the CPU does not.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _server import REPO, environment, machine_reference, serve, server_cpu  # noqa: E402

SETUP = r"""
import random, sys, time
from datetime import date, timedelta
from decimal import Decimal
import django
django.setup()
from django.db import connection
from django.utils import timezone
from mujun.accounts.models import ApiToken, User
from mujun.attraction.models import Activity, Lead
from mujun.demo import regions as demo_regions
from mujun.demo.context import DemoContext
from mujun.officials.models import Official

n_activities, n_leads = int(sys.argv[1]), int(sys.argv[2])
ctx = DemoContext.create(seed=1, password="bench-pass-123", log=lambda *_: None)
demo_regions.build(ctx)
rng = random.Random(1)
started = time.monotonic()
now = timezone.localdate()
y, m = divmod(now.year * 12 + now.month - 1 - 17, 12)
first = date(y, m + 1, 1)  # 18 months up to today
span = (now - first).days
regions = [ctx.county, *ctx.towns]
# the zones and the park work hardest, a township least, the county's own office in between
weights = [1] + [3 if t.kind in ("zone", "park") else 1 if t.kind == "township" else 2 for t in ctx.towns]

# about 300 officials: two principals in every region, 17 cadres a town, 13 at the county
officials = []
for region in regions:
    for n in range(15 if region == ctx.county else 19):
        officials.append(Official(name=f"干部{region.code[-3:]}{n:02d}", title="书记" if n == 0 else "镇长" if n == 1 else "干部", region=region, is_principal=n < 2))
Official.objects.bulk_create(officials)
team = {r.pk: list(Official.objects.filter(region=r).order_by("pk")) for r in regions}

kinds = ["trip", "visit", "reception", "promotion_event"]
activities, people = [], []
for n in range(n_activities):
    region = rng.choices(regions, weights)[0]
    kind = rng.choices(kinds, [36, 28, 35, 1])[0]
    start = first + timedelta(days=rng.randint(0, span))
    days = rng.choices([1, 2, 3, 4, 5], [15, 35, 30, 12, 8])[0] if kind == "trip" else 1
    end = min(start + timedelta(days=days - 1), now)
    members = team[region.pk]
    leader = rng.choice(members[:2] if rng.random() < 0.25 else members[2:])
    names = rng.randint(1, 3)
    activities.append(Activity(
        region=region, kind=kind, start_date=start, end_date=end, destination="上海",
        leader=leader, investors="、".join(f"客商{n}-{i}" for i in range(names)),
        batches=names if kind == "reception" else 0,
        days=(end - start).days + 1, investor_count=names,
    ))
    people.append([o.pk for o in rng.sample(members, rng.randint(0, 3)) if o != leader])
Activity.objects.bulk_create(activities, batch_size=5000)
ids = list(Activity.objects.order_by("pk").values_list("pk", flat=True))
through = Activity.officials.through
through.objects.bulk_create(
    [through(activity_id=pk, official_id=o) for pk, joined in zip(ids, people) for o in joined],
    batch_size=10000,
)

towns = ctx.towns
statuses = ["lead", "contacting", "negotiating", "signed", "dropped"]
leads = []
for n in range(n_leads):
    region = rng.choices(towns, weights[1:])[0]
    status = rng.choices(statuses, [14, 18, 20, 25, 23])[0]
    recorded = first - timedelta(days=90) + timedelta(days=rng.randint(0, span + 60))
    # the milestones reached, each some days after the one before (a drop from any open step)
    reached = {"lead": 0, "contacting": 1, "negotiating": 2, "signed": 3}.get(status)
    steps, on = {}, recorded
    for step in ("contacted_on", "negotiating_on", "signed_on")[: reached if reached is not None else rng.randint(0, 2)]:
        on = min(on + timedelta(days=rng.randint(3, 90)), now)
        steps[step] = on
    lead = Lead(
        region=region, investor_name=f"投资方{n}有限公司", project_name=f"基准招商项目{n}",
        channel=rng.choice(["via_investors", "agency", "resident", "association", "other"]),
        category=rng.choice(["industrial", "industrial", "industrial", "talent"]),
        home_province=rng.choice(["上海市", "上海市", "江苏省", "浙江省", "广东省", "北京市"]),
        listing=rng.choice(["", "", "", "listed", "pre_listing"]),
        intended_investment=Decimal(round(10 ** rng.uniform(2.5, 4.8), -1)),
        owner=rng.choice(team[region.pk]), status=status, recorded_on=recorded, **steps,
    )
    if status == "dropped":
        lead.dropped_on = min(on + timedelta(days=rng.randint(5, 60)), now)
        lead.drop_reason = "投资方内部决策取消项目"
    leads.append(lead)
Lead.objects.bulk_create(leads, batch_size=5000)
lead_ids = list(Lead.objects.values_list("pk", flat=True))
served = Activity.leads.through
served.objects.bulk_create(
    [served(activity_id=rng.choice(ids), lead_id=pk) for pk in lead_ids if rng.random() < 0.5],
    batch_size=10000, ignore_conflicts=True,
)
# rows written in bulk, not by the verbs: the statistics' monthly tally is counted and the
# leads' negotiation spans read as mujun attraction_tally does after a bulk load
from mujun.attraction import talks
from mujun.attraction.tally import rebuild
counting = time.monotonic()
spans = talks.rebuild()
tallies = rebuild()
counted = time.monotonic() - counting
with connection.cursor() as c:
    # what the daily mujun project_alerts leaves behind (PostgreSQL: VACUUM too, as autovacuum
    # would after a bulk load, so that index-only scans need not visit the rows)
    c.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    if connection.vendor == "postgresql":
        # README: on SSD storage, PostgreSQL's manual advises random_page_cost ≈ 1.1
        c.execute(f"ALTER DATABASE {connection.settings_dict['NAME']} SET random_page_cost = 1.1")
# the calendar year holding most of the 18 months
year = now.year if now.month >= 9 else now.year - 1
user = User.objects.get(username="demo-leader")
print(ApiToken.issue(user), ctx.county.code, year, Activity.objects.count(), Lead.objects.count(),
      through.objects.count(), Official.objects.count(), f"{time.monotonic() - started:.0f}",
      tallies, spans, f"{counted:.1f}")
"""

IN_PROCESS = r"""
import json, os, statistics, sys, time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

path, token, warm, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
activities = int(sys.argv[5])
client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

def stats():
    response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    return response

def count():
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM attraction_activity")
        return c.fetchone()[0]

def count_reading_rows():
    # what a count costs when it must look at each row, not only count the index's entries
    with connection.cursor() as c:
        c.execute("SELECT COUNT(kind) FROM attraction_activity")
        return c.fetchone()[0]

# the baseline counts the table the benchmark filled, all of it
assert count() == count_reading_rows() == activities, (count(), activities)
plan = ""
if connection.vendor == "sqlite":
    with connection.cursor() as c:
        c.execute("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM attraction_activity")
        plan = c.fetchall()[-1][-1]

backend = None
if connection.vendor == "postgresql":
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        backend = f"/proc/{c.fetchone()[0]}/stat"

# CPU seconds of this process and of the PostgreSQL backend serving it: the work done,
# whatever else the machine runs meanwhile
def cpu_now():
    used = time.process_time()
    if backend and os.path.exists(backend):
        fields = open(backend).read().rsplit(")", 1)[1].split()
        used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used

def timed(fn):
    for _ in range(warm):
        fn()
    spent, cpu = [], []
    for _ in range(n):
        t, c = time.perf_counter(), cpu_now()
        fn()
        spent.append((time.perf_counter() - t) * 1000)
        cpu.append((cpu_now() - c) * 1000)
    spent.sort()
    return {"p50": statistics.median(spent), "p95": spent[max(0, round(n * 0.95) - 1)],
            "max": spent[-1], "cpu": statistics.mean(cpu)}

with CaptureQueriesContext(connection) as queries:
    body = stats().json()
n_queries = len(queries.captured_queries)  # read now: the next request empties the log
print(json.dumps({
    "stats": timed(stats), "count": timed(count), "count_rows": timed(count_reading_rows),
    "count_plan": plan, "queries": n_queries,
    "rows": {"by_region": len(body["by_region"]), "by_official": len(body["by_official"])},
    "sentence": body["sentence"],
}))
"""


def sequential(port: int, path: str, headers: dict, *, warm: int, n: int, server) -> dict:
    """p50/p95/max in ms of ``n`` requests sent one after another over one connection, after
    ``warm`` unmeasured ones (a request to each worker, and the database's pages cached), and
    ``cpu``: the server's CPU ms per request meanwhile (its workers; not the database server)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    spent = []
    for i in range(warm + n):
        if i == warm:
            cpu = server_cpu(server)["gunicorn"]
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        if i >= warm:
            spent.append((time.perf_counter() - started) * 1000)
    conn.close()
    cpu = (server_cpu(server)["gunicorn"] - cpu) * 1000 / n
    spent.sort()
    return {
        "p50": statistics.median(spent),
        "p95": spent[max(0, round(n * 0.95) - 1)],
        "max": spent[-1],
        "cpu": cpu,
    }


def row(name: str, r: dict, baseline: dict, target: str = "") -> str:
    cpu = f"{r['cpu']:8.1f}" if "cpu" in r else f"{'—':>8}"
    return (
        f"{name:34} {r['p50']:8.2f} {r['p95']:8.2f} {r['max']:8.2f} "
        f"{r['p50'] / baseline['p50']:10.1f} {r['p95'] / baseline['p95']:10.1f} {cpu}  {target}"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--activities", type=int, default=100000)
    parser.add_argument("--leads", type=int, default=20000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--requests", type=int, default=30, help="measured, one at a time")
    parser.add_argument("--warm-up", type=int, default=5, help="requests first, not measured")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    args = parser.parse_args()

    env = environment(args.database_url)
    subprocess.run(
        [sys.executable, "-m", "mujun.cli", "migrate", "-v", "0"], env=env, cwd=REPO, check=True
    )
    out = subprocess.check_output(
        [sys.executable, "-c", SETUP, str(args.activities), str(args.leads)],
        env=env,
        cwd=REPO,
        text=True,
    )
    token, county, year, n_act, n_leads, n_joined, n_officials, seconds, tallies, spans, counted = (
        out.split()
    )
    path = f"/api/attraction/stats?region={county}&start={year}-01&end={year}-12"
    print(
        f"data: {n_act} activities ({n_joined} participants), {n_leads} leads, "
        f"{n_officials} officials ({seconds} s to build, of which {counted} s to count "
        f"{tallies} monthly tally rows and read {spans} negotiation spans); GET {path}"
    )
    print(f"machine: {machine_reference():.1f} ms for the reference Python loop (lower is faster)")

    local = json.loads(
        subprocess.check_output(
            [
                sys.executable,
                "-c",
                IN_PROCESS,
                path,
                token,
                str(args.warm_up),
                str(args.requests),
                n_act,
            ],
            env=env,
            cwd=REPO,
            text=True,
        )
    )
    print(
        f"answer: {local['rows']['by_region']} regions, {local['rows']['by_official']} officials, "
        f"{local['queries']} queries: {local['sentence']}"
    )
    if local["count_plan"]:
        print(f"baseline: SQLite counts the {n_act} activities by {local['count_plan']}")
    ok = True
    header = (
        f"{'':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p50 ratio':>10} {'p95 ratio':>10}"
        f" {'CPU ms':>8}"
    )
    print(f"\nin process, {args.requests} sequential requests after {args.warm_up} warm-up")
    print(header)
    print(row("SELECT COUNT(*) (baseline)", local["count"], local["count"]))
    print(row("SELECT COUNT(kind), reads each row", local["count_rows"], local["count"]))
    ratio = local["stats"]["p50"] / local["count"]["p50"]
    verdict = "ok" if ratio <= 3 else "SLOW"
    ok &= verdict == "ok"
    print(row("stats API (test client)", local["stats"], local["count"], f"≤3× {verdict}"))

    server = serve(env, args.port, args.workers)
    try:
        api = {"Authorization": f"Bearer {token}"}
        warm = args.warm_up * 4  # every worker
        health = sequential(args.port, "/health/", {}, warm=warm, n=args.requests, server=server)
        served = sequential(args.port, path, api, warm=warm, n=args.requests, server=server)
    finally:
        server.terminate()
        server.wait()
    print(f"\nthrough gunicorn, {args.requests} sequential requests after {warm} warm-up")
    print(header)
    print(row("trivial view /health/", health, health))
    verdict = "ok" if served["p95"] < 300 else "SLOW"
    ok &= verdict == "ok"
    print(row("stats API", served, health, f"<300 ms {verdict}"))
    print(
        f"stats API over HTTP ÷ in-process COUNT(*): p50 "
        f"{served['p50'] / local['count']['p50']:.1f}×, p95 {served['p95'] / local['count']['p95']:.1f}×"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
