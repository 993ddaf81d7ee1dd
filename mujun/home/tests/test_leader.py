"""A leader's home page (and a viewer's, without sign-off): the plain functions, then the
page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mujun.evaluation.models import EvaluationRun
from mujun.evaluation.testing import make_run
from mujun.home import leader
from mujun.indicators.testing import make_target, make_value
from mujun.projects import actions
from mujun.projects.models import ProjectTag
from mujun.projects.testing import make_project
from mujun.service.testing import assign, make_problem

from .test_officer import red_project, yellow_project

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


class TestKeyIndicators:
    def test_the_latest_month_with_yoy_target_completion_and_rank_among_siblings(self, cast):
        town1, town2 = cast.regions.town1, cast.regions.town2
        make_value(town1, "fiscal_revenue", year=2025, month=5, value="800")
        make_value(town1, "fiscal_revenue", year=2026, month=4, value="700")
        make_value(town1, "fiscal_revenue", year=2026, month=5, value="1000")
        make_value(town2, "fiscal_revenue", year=2026, month=5, value="3000")
        make_value(town1, "new_product_output", year=2026, month=6, value="5")  # not a key one
        make_target(town1, "fiscal_revenue", year=2026, value="4000")
        figures = leader.key_indicators(cast.leader, town1)
        assert (figures.year, figures.month) == (2026, 5)
        [row] = figures.rows
        assert row.indicator.key == "fiscal_revenue" and row.value.value == Decimal("1000")
        assert row.derived.growth.effective.value == Decimal("25.0")
        assert row.derived.completion.completion.value == Decimal("25.00")
        assert str(row.derived.rank_by_value) == "2/2"

    def test_none_without_figures(self, cast):
        assert leader.key_indicators(cast.leader, cast.regions.county) is None


class TestKeyProjects:
    def test_each_tiers_plan_completion_to_the_last_complete_month(self, cast):
        day = date(2026, 7, 15)
        tier = ProjectTag.objects.get(key="provincial_key")
        project = make_project(cast.regions.town1)
        project.tags.add(tier)
        actions.set_plan(project, year=2026, planned_investment=Decimal(1200), user=cast.town1)
        for month, amount in ((5, 300), (6, 300), (7, 999)):
            actions.file_report(
                project,
                year=2026,
                month=month,
                completed_investment=Decimal(amount),
                user=cast.town1,
            )
        upto, rows = leader.key_projects(cast.leader, cast.regions.county, day)
        assert upto == date(2026, 6, 30)
        plan = next(r for r in rows if r.tier == tier).summary
        assert (plan.count, plan.planned, plan.completed) == (1, 1200, 600)
        assert plan.completion_pct == Decimal("50.00")


class TestFlagsByTown:
    def test_red_and_yellow_counted_under_each_town(self, cast):
        red_project(cast.regions.town1)
        red_project(cast.regions.town1)
        yellow_project(cast.regions.town2)
        flags = {
            f.region.code: (f.red, f.yellow)
            for f in leader.flags_by_town(cast.leader, cast.regions.county)
        }
        assert flags == {"339102001": (2, 0), "339102002": (0, 1)}

    def test_a_town_is_its_own_row(self, cast):
        red_project(cast.regions.town1)
        [row] = leader.flags_by_town(cast.town1, cast.regions.town1)
        assert (row.region, row.red) == (cast.regions.town1, 1)


class TestOverdueByDepartment:
    def test_overdue_problems_of_each_department_they_went_to(self, cast, depts):
        day = today()
        late = day - timedelta(days=3)
        assign(make_problem(cast.regions.town1), depts.one, due=late)
        assign(make_problem(cast.regions.town2), depts.one, due=late)
        assign(make_problem(cast.regions.town2), depts.two, due=day + timedelta(days=3))
        make_problem(cast.regions.town1, status="in_progress", due_on=late)
        overdue = leader.overdue_by_department(cast.leader, cast.regions.county, day)
        assert overdue.total == 3
        assert [(d.name, d.overdue) for d in overdue.by_department] == [(depts.one.name, 2)]
        town = leader.overdue_by_department(cast.town1, cast.regions.town1, day)
        assert town.total == 2 and [d.overdue for d in town.by_department] == [1]


class TestEvaluation:
    def test_the_latest_published_runs_class_mix_in_scope(self, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=4)
        EvaluationRun.objects.filter(pk=run.pk).update(status="published")
        mix = leader.class_mix(cast.leader)
        assert mix.run == run and mix.total == 4
        assert sum(mix.counts.values()) == 4
        assert leader.class_mix(cast.town2).total == 0

    def test_runs_in_publicity_wait_for_sign_off(self, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=2)
        assert leader.sign_off(cast.leader).runs == []
        EvaluationRun.objects.filter(pk=run.pk).update(status="publicity")
        assert leader.sign_off(cast.leader).runs == [run]


class TestLeaderPage:
    def test_the_leader_reads_every_towns_flags_and_the_briefing_link(self, login, cast):
        make_value(cast.regions.county, "fiscal_revenue", year=2026, month=5, value="150000")
        red_project(cast.regions.town2)
        page = login(cast.leader).get(reverse("home:home")).content.decode()
        assert "?region=339102002&amp;alert=red" in page
        assert "15亿元" in page and "查看经济运行通报" in page

    def test_a_viewer_reads_the_leaders_page_without_sign_off(self, login, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=2)
        EvaluationRun.objects.filter(pk=run.pk).update(status="publicity")
        leader_page = login(cast.leader).get(reverse("home:home")).content.decode()
        assert 'id="sign-off"' in leader_page
        viewer_page = login(cast.viewer).get(reverse("home:home")).content.decode()
        assert 'id="flags-by-town"' in viewer_page and 'id="sign-off"' not in viewer_page
