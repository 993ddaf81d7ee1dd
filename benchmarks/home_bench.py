"""Each role's home page and /api/home at the demo county's 2,000 enterprises and again at
100,000 (issue 19: a home page costs the same at 100,000 enterprises as at 2,000).

The demo county is built, every home page and answer is timed (in-process through Django's test
client: the median CPU of repeated requests, this process's and on PostgreSQL its backend's, with
the wall time beside it and a trivial view, /health/, measured alongside);
then the county grows to 100,000 enterprises with 20,000 projects (a fifth of them flagged, a
third with a plan for the year) and 50,000 enterprise problems (a tenth open and past their
deadline, half of those with a department), and everything is timed again. The ratio of each
page's CPU after to before is printed; it fails above ``LIMIT`` (the page then grew with the
data). CPU, not wall time, because on a shared machine the wall time carries the waits for a
core.

    .venv/bin/python benchmarks/home_bench.py                       # SQLite (a fresh file)
    .venv/bin/python benchmarks/home_bench.py --database-url postgres://postgres@127.0.0.1:5432/mujun_home_bench
"""

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _server import median_times, setup_in_process  # noqa: E402

LIMIT = 1.5
RUNS = 21
USERS = ("demo-town1", "demo-leader", "demo-viewer", "demo-dept", "demo-admin")


def _build_demo():
    from mujun.demo.context import DemoContext
    from mujun.demo.loader import build_county

    return build_county(DemoContext.create(seed=1, password="bench-pass-123", log=lambda *_: None))


def _grow(ctx, enterprises: int, projects: int, problems: int):
    """Bulk rows as the registers hold them, the projects' alerts stored as the daily run
    leaves them."""
    import random
    from datetime import timedelta
    from decimal import Decimal

    from django.db import connection
    from django.utils import timezone

    from mujun.enterprises.models import Enterprise
    from mujun.enterprises.testing import new_uscc
    from mujun.projects.models import AnnualPlan, Project
    from mujun.service.models import Department, Problem

    rng = random.Random(19)
    day = timezone.localdate()
    have = Enterprise.objects.count()
    rows = [
        Enterprise(
            name=f"基准企业{i}",
            uscc=new_uscc(),
            region=rng.choice(ctx.towns),
            industry_code="3411",
            above_size=rng.random() < 0.2,
        )
        for i in range(max(0, enterprises - have))
    ]
    Enterprise.objects.bulk_create(rows, batch_size=5000)
    levels = ["none"] * 8 + ["yellow", "red"]
    new_projects = [
        Project(
            code=f"JZ{i:06d}",
            name=f"基准项目{i}",
            region=rng.choice(ctx.towns),
            total_investment=Decimal(rng.randint(500, 50000)),
            stage="started",
            alert_level=rng.choice(levels),
            alert_reasons=[{"level": "red", "code": "bench", "text": "基准预警"}],
            alerts_as_of=day,
        )
        for i in range(projects)
    ]
    Project.objects.bulk_create(new_projects, batch_size=5000)
    plans = [
        AnnualPlan(project=p, year=day.year, planned_investment=Decimal(1200))
        for p in new_projects[::3]
    ]
    AnnualPlan.objects.bulk_create(plans, batch_size=5000)
    # written in bulk, not by the verbs: the summary's tally is counted as after any bulk load
    from mujun.projects.tally import rebuild

    rebuild()
    departments = list(Department.objects.all()) or [None]
    sample = rows[:5000] or list(Enterprise.objects.all()[:100])
    new_problems, links = [], []
    for n in range(problems):
        enterprise = rng.choice(sample)
        late = rng.random() < 0.1
        raised = day - timedelta(days=rng.randint(20, 300))
        problem = Problem(
            code=f"JZ{n:07d}",
            enterprise=enterprise,
            region_id=enterprise.region_id,
            category="land",
            description="基准诉求",
            source="visit",
            raised_on=raised,
            status="in_progress" if late else "closed",
            due_on=day - timedelta(days=3) if late else raised + timedelta(days=15),
            closed_on=None if late else raised + timedelta(days=10),
            outcome="" if late else "resolved",
        )
        if late and rng.random() < 0.5 and departments[0] is not None:
            problem.status, problem.department = "assigned", rng.choice(departments)
        new_problems.append(problem)
    Problem.objects.bulk_create(new_problems, batch_size=5000)
    for problem in new_problems:
        if problem.department_id:
            links.append(
                Problem.departments.through(
                    problem_id=problem.pk, department_id=problem.department_id
                )
            )
    Problem.departments.through.objects.bulk_create(links, batch_size=10000)
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _measure(clients) -> dict:
    out = {"/health/": median_times(clients["demo-leader"][0], "/health/", runs=RUNS)}
    for username, (client, token) in clients.items():
        out[f"{username} page"] = median_times(client, "/", runs=RUNS)
        out[f"{username} /api/home"] = median_times(client, "/api/home", token, runs=RUNS)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--problems", type=int, default=50_000)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/home_bench.sqlite3"
    setup_in_process(url)
    started = time.monotonic()
    ctx = _build_demo()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from mujun.accounts.models import ApiToken, User
    from mujun.enterprises.models import Enterprise

    settings.ALLOWED_HOSTS = ["*"]
    clients = {}
    for username in USERS:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        clients[username] = (client, {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"})
    small_count = Enterprise.objects.count()
    print(
        f"{connection.vendor}: the demo county, {small_count:,} enterprises, built in "
        f"{time.monotonic() - started:.0f} s"
    )
    small = _measure(clients)
    started = time.monotonic()
    _grow(ctx, args.enterprises, args.projects, args.problems)
    print(
        f"grown to {Enterprise.objects.count():,} enterprises, {args.projects:,} more projects, "
        f"{args.problems:,} problems in {time.monotonic() - started:.0f} s"
    )
    large = _measure(clients)
    print(f"{'CPU ms (wall ms)':28} {'2,000':>16} {'100,000':>16}  CPU ratio")
    failed = False
    for label in small:
        ratio = large[label]["cpu"] / small[label]["cpu"]
        verdict = "" if label == "/health/" or ratio <= LIMIT else f"  OVER ×{LIMIT}"
        failed |= bool(verdict)
        before, after = small[label], large[label]
        print(
            f"{label:28} {before['cpu']:6.1f} ({before['ms']:6.1f}) "
            f"{after['cpu']:6.1f} ({after['ms']:6.1f})  ×{ratio:4.2f}{verdict}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
