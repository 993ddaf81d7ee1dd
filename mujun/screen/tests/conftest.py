"""Two towns with a figure of each view apiece, so a test can tell whose figures a screen shows."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

# the day the screen's figures are computed on (after every fact below)
TODAY = date(2026, 6, 30)


@pytest.fixture
def town_facts(cast):
    """Town 1: two projects (one red), a signed lead, a principal official with a March trip,
    an overdue problem, a visited key enterprise, an A-class result of a published run, and the
    county's indicator. Town 2: one yellow project and a lead; nothing else."""
    from mujun.attraction.testing import make_activity, make_lead, make_official
    from mujun.enterprises.testing import make_enterprise
    from mujun.evaluation.choices import RunStatus
    from mujun.evaluation.testing import make_run
    from mujun.indicators.testing import make_target, make_value
    from mujun.projects.actions import refresh
    from mujun.projects.models import AnnualPlan, MonthlyReport
    from mujun.projects.testing import make_project
    from mujun.service.testing import make_problem, make_visit

    r = cast.regions
    real_today = timezone.localdate()
    red = make_project(
        r.town1,
        name="城关红色项目",
        stage="signed",
        planned_started=real_today - timedelta(days=200),
        total_investment=Decimal("30000"),
    )
    calm = make_project(r.town1, name="城关正常项目", stage="registered")
    yellow = make_project(
        r.town2,
        name="东岭黄色项目",
        stage="signed",
        planned_started=real_today - timedelta(days=45),
    )
    AnnualPlan.objects.create(project=calm, year=real_today.year, planned_investment=1000)
    # the plan fully completed in January: no flag whatever the day the suite runs
    MonthlyReport.objects.create(
        project=calm, year=real_today.year, month=1, completed_investment=1000
    )
    refresh(calm)
    make_lead(r.town1, signed_on=date(2026, 2, 1), negotiating_on=date(2026, 1, 20))
    make_lead(r.town2)
    principal = make_official(r.town1, principal=True)
    make_activity(r.town1, leader=principal, start=date(2026, 3, 2))
    make_problem(r.town1, status="assigned", due_on=date(2026, 5, 1))
    key = make_enterprise(r.town1, above_size=True)
    make_visit(enterprise=key)
    run = make_run(r.town1, county=r.county, enterprises=4, year=2025)
    run.status = RunStatus.PUBLISHED
    run.save()
    make_value(r.county, value="1200", year=2026, month=5, yoy_pct=Decimal("8.8"))
    make_value(r.county, value="1000", year=2025, month=5)
    make_target(r.county, value="2400", year=2026)
    return SimpleNamespace(red=red, calm=calm, yellow=yellow, run=run)
