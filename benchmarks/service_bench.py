"""A department's queue and the county's problem statistics under a year of a big county's
problems (issue: enterprise service).

With 200,000 problems and 500,000 timeline steps, a department's queue (the page and the API,
``mine``) and the county's statistics (the API and the page) must answer in under 200 ms, on
SQLite and on PostgreSQL. Each is requested in-process through Django's test client, the median
of repeated requests printed with its ratio to a trivial view (/health/) measured in the same
run.

    .venv/bin/python benchmarks/service_bench.py                       # SQLite (a fresh file)
    .venv/bin/python benchmarks/service_bench.py --database-url postgres://postgres@127.0.0.1:5432/mujun_service_bench
    .venv/bin/python benchmarks/service_bench.py --problems 20000       # a quicker look
"""

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _server import median_ms, setup_in_process  # noqa: E402

LIMIT_MS = 200


def _load(n_problems: int, n_events: int):
    import random
    from datetime import timedelta

    from django.db import connection

    from mujun.accounts.models import User
    from mujun.core.roles import Role
    from mujun.demo import regions as demo_regions
    from mujun.demo.context import DemoContext
    from mujun.enterprises.models import Enterprise
    from mujun.enterprises.testing import new_uscc
    from mujun.service.actions import today
    from mujun.service.models import Department, Problem, ProblemEvent
    from mujun.service.rules import default_deadlines

    rng = random.Random(18)
    ctx = DemoContext.create(seed=1, password="bench-pass-123", log=lambda *_: None)
    demo_regions.build(ctx)
    enterprises = [
        Enterprise(
            name=f"基准企业{i}", uscc=new_uscc(), region=rng.choice(ctx.towns), industry_code="3411"
        )
        for i in range(5000)
    ]
    Enterprise.objects.bulk_create(enterprises, batch_size=2000)
    departments = [
        Department.objects.create(name=f"基准部门{i}", region=ctx.county) for i in range(12)
    ]
    user = ctx.users["demo-dept"]
    user.department = departments[0]
    user.save()
    now = today()
    categories = [
        "land",
        "labour",
        "finance",
        "energy",
        "approval",
        "policy",
        "infrastructure",
        "other",
    ]
    problems, links = [], []
    for n in range(n_problems):
        raised = now - timedelta(days=rng.randint(0, 364))
        category = rng.choice(categories)
        due = default_deadlines(raised, category).resolve_by
        enterprise = rng.choice(enterprises)
        state = rng.random()
        problem = Problem(
            code=f"B{n:07d}",
            enterprise=enterprise,
            region_id=enterprise.region_id,
            category=category,
            description="基准诉求：用地指标不足",
            source="visit",
            raised_on=raised,
            due_on=due,
        )
        if state < 0.7:
            closed = min(raised + timedelta(days=rng.randint(1, 40)), now)
            problem.status, problem.closed_on, problem.days_to_close = (
                "closed",
                closed,
                (closed - raised).days,
            )
            problem.outcome = rng.choice(
                ["resolved", "resolved", "resolved", "explained", "withdrawn"]
            )
            problem.satisfaction = rng.choice(
                ["", "satisfied", "satisfied", "basically", "dissatisfied"]
            )
        elif state < 0.9:
            problem.status, problem.handling = (
                rng.choice(["assigned", "accepted", "replied"]),
                "escalate",
            )
        else:
            problem.status = "in_progress"
        problems.append(problem)
    Problem.objects.bulk_create(problems, batch_size=5000)
    for problem in problems:
        if problem.status in ("assigned", "accepted", "replied") or rng.random() < 0.3:
            department = rng.choice(departments)
            links.append(
                Problem.departments.through(problem_id=problem.pk, department_id=department.pk)
            )
            if problem.status in ("assigned", "accepted", "replied"):
                problem.department_id = department.pk
    Problem.objects.bulk_update(
        [p for p in problems if p.department_id], ["department"], batch_size=5000
    )
    Problem.departments.through.objects.bulk_create(links, batch_size=10000)
    events = []
    for i in range(n_events):
        problem = problems[i % len(problems)]
        events.append(
            ProblemEvent(
                problem_id=problem.pk,
                region_id=problem.region_id,
                kind="replied",
                text="基准步骤",
                occurred_on=problem.raised_on,
            )
        )
        if len(events) == 20000:
            ProblemEvent.objects.bulk_create(events)
            events = []
    ProblemEvent.objects.bulk_create(events)
    from mujun.service import tally

    tally.rebuild()  # what the daily mujun service_reminders leaves behind
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    leader = User.objects.get(username="demo-leader")
    waiting = Problem.objects.filter(department=departments[0]).count()
    return user, leader, waiting, User, Role


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--problems", type=int, default=200_000)
    parser.add_argument("--events", type=int, default=500_000)
    args = parser.parse_args()
    url = args.database_url
    if not url:
        url = f"sqlite:///{tempfile.mkdtemp()}/service_bench.sqlite3"
    setup_in_process(url)
    started = time.monotonic()
    department_user, leader, waiting, _User, _Role = _load(args.problems, args.events)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from mujun.accounts.models import ApiToken

    settings.ALLOWED_HOSTS = ["*"]
    print(
        f"{connection.vendor}: {args.problems:,} problems, {args.events:,} timeline steps, "
        f"{waiting:,} waiting for the department; loaded in {time.monotonic() - started:.0f} s"
    )
    dept = Client()
    dept.force_login(department_user)
    county = Client()
    county.force_login(leader)
    dept_token = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(department_user)}"}
    county_token = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(leader)}"}
    year = __import__("mujun.service.actions", fromlist=["today"]).today().year
    baseline = median_ms(county, "/health/", runs=15)
    cases = [
        ("department queue, API", dept, "/api/service/problems?mine=true", dept_token),
        ("department queue, page", dept, "/service/?mine=on", None),
        ("department home page", dept, "/", None),
        (
            "county statistics, API",
            county,
            f"/api/service/stats?region=339102&start={year}-01&end={year}-12",
            county_token,
        ),
        (
            "county statistics, page",
            county,
            f"/service/stats/?region=339102&start={year}-01&end={year}-12",
            None,
        ),
    ]
    print(f"{'baseline /health/':32} {baseline:8.1f} ms")
    failed = False
    for label, client, path, headers in cases:
        ms = median_ms(client, path, headers, runs=15)
        verdict = "ok" if ms < LIMIT_MS else f"OVER {LIMIT_MS} ms"
        failed |= ms >= LIMIT_MS
        print(f"{label:32} {ms:8.1f} ms  ×{ms / baseline:6.1f} of baseline  {verdict}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
