"""An officer's home page: the plain functions, then the page, each for the officer's own
town only."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mujun.attraction.testing import make_activity, make_official
from mujun.home import officer
from mujun.home.rules import monthly_due, previous_month
from mujun.indicators.testing import make_value
from mujun.projects import actions
from mujun.projects.testing import make_project
from mujun.service.testing import make_problem

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def red_project(region, **fields):
    """Signed 200 days ago and never started: red (signed, not started within 90 days)."""
    day = today()
    return make_project(
        region,
        stage="signed",
        actual_signed=day - timedelta(days=200),
        planned_started=day - timedelta(days=120),
        **fields,
    )


def yellow_project(region, **fields):
    """Its start planned 40 days ago: yellow (a milestone more than 30 days overdue)."""
    return make_project(
        region, stage="registered", planned_started=today() - timedelta(days=40), **fields
    )


def planned_project(region, user, year, **fields):
    project = make_project(region, **fields)
    actions.set_plan(project, year=year, planned_investment=Decimal(1200), user=user)
    return project


class TestFlaggedProjects:
    def test_the_towns_red_and_yellow_projects_with_their_reasons(self, cast):
        red_project(cast.regions.town1, name="城关红色项目")
        yellow_project(cast.regions.town1, name="城关黄色项目")
        red_project(cast.regions.town2, name="东岭红色项目")
        flagged = officer.flagged_projects(cast.town1, today())
        assert (flagged.red, flagged.yellow) == (1, 1)
        assert [p.name for p in flagged.projects] == ["城关红色项目", "城关黄色项目"]
        assert "签约" in " ".join(flagged.projects[0].alert.texts)


class TestFiling:
    def test_a_planned_project_without_last_months_report_is_due(self, cast):
        due = monthly_due(today())
        planned_project(cast.regions.town1, cast.town1, due.year)
        filed = planned_project(cast.regions.town1, cast.town1, due.year)
        actions.file_report(
            filed, year=due.year, month=due.month, completed_investment=Decimal(10), user=cast.town1
        )
        planned_project(cast.regions.town2, cast.town2, due.year)
        make_project(cast.regions.town1)  # no plan: nothing to report against
        assert officer.filing(cast.town1, today()).projects == 1

    def test_indicators_reported_the_month_before_and_not_yet_for_the_due_month(self, cast):
        due = monthly_due(today())
        year, month = previous_month(due.year, due.month)
        make_value(cast.regions.town1, "fiscal_revenue", year=year, month=month)
        make_value(cast.regions.town1, "exports", year=year, month=month)
        make_value(cast.regions.town1, "exports", year=due.year, month=due.month)
        make_value(cast.regions.town2, "industrial_investment", year=year, month=month)
        assert officer.filing(cast.town1, today()).indicators == ["财政总收入"]


class TestWaitingProblems:
    def test_the_towns_own_problems_overdue_or_due_within_a_week(self, cast):
        day = today()
        for due_on in (day - timedelta(days=1), day + timedelta(days=3), day + timedelta(20)):
            make_problem(cast.regions.town1, status="in_progress", due_on=due_on)
        make_problem(cast.regions.town2, status="in_progress", due_on=day - timedelta(days=1))
        waiting = officer.waiting_problems(cast.town1, day)
        assert (waiting.overdue, waiting.due_soon) == (1, 1)
        assert [p.due_on for p in waiting.problems] == [
            day - timedelta(days=1),
            day + timedelta(days=3),
        ]
        assert waiting.problems[0].overdue_days

    def test_the_lists_behind_the_figures_hold_the_same_problems(self, login, cast):
        day = today()
        late, soon, later = (
            make_problem(cast.regions.town1, status="in_progress", due_on=due_on)
            for due_on in (day - timedelta(days=1), day + timedelta(days=3), day + timedelta(20))
        )
        client = login(cast.town1)
        listed = client.get(
            reverse("service:problem_list") + "?mine=on&due_soon=on"
        ).content.decode()
        assert soon.code in listed and late.code not in listed and later.code not in listed
        listed = client.get(
            reverse("service:problem_list") + "?mine=on&overdue=on"
        ).content.decode()
        assert late.code in listed and soon.code not in listed and later.code not in listed

    def test_a_problem_another_officer_answers_for_is_not_waiting_for_me(self, cast):
        official = make_official(cast.regions.town1, user=cast.no_region)
        make_problem(cast.regions.town1, status="in_progress", due_on=today(), officer=official)
        assert officer.waiting_problems(cast.town1, today()).due_soon == 0


class TestAttractionCheck:
    def test_principals_without_an_activity_this_month_are_named(self, cast):
        day = today()
        busy = make_official(cast.regions.town1, principal=True, name="城关书记")
        make_official(cast.regions.town1, principal=True, name="城关镇长")
        make_official(cast.regions.town2, principal=True, name="东岭书记")
        make_activity(cast.regions.town1, leader=busy, start=day, end=day)
        check = officer.attraction_check(cast.town1, day)
        assert check.principals == 2 and check.not_yet == ["城关镇长"]

    def test_none_without_principal_officials(self, cast):
        make_official(cast.regions.town2, principal=True)
        assert officer.attraction_check(cast.town1, today()) is None


class TestOfficerPage:
    def test_each_town_reads_its_own_figures_only(self, login, cast):
        red_project(cast.regions.town1, name="城关红色项目")
        red_project(cast.regions.town2, name="东岭红色项目")
        page = login(cast.town1).get(reverse("home:home")).content.decode()
        assert "城关红色项目" in page and "东岭红色项目" not in page
        assert "?alert=red" in page and "?unreported=on" in page
        other = login(cast.town2).get(reverse("home:home")).content.decode()
        assert "东岭红色项目" in other and "城关红色项目" not in other

    def test_the_due_day_is_written(self, login, cast, settings):
        settings.MUJUN_MONTHLY_DUE_DAY = 5
        page = login(cast.town1).get(reverse("home:home")).content.decode()
        assert "应于本月 5 日前报送" in page
