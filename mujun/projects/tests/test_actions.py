from datetime import date, timedelta
from decimal import Decimal

import pytest

from mujun.projects import actions
from mujun.projects.alerts import today
from mujun.projects.figures import figures_for, summarise, summary_projects, summary_set
from mujun.projects.models import AnnualPlan, MonthlyReport, Project, ProjectEvent
from mujun.projects.rules import elapsed_months
from mujun.projects.stages import StageError
from mujun.projects.testing import make_project


@pytest.mark.django_db
class TestMoveStage:
    def test_forward_records_actual_date_event_and_user(self, cast):
        p = make_project(cast.regions.town1, stage="negotiating")
        day = today() - timedelta(days=3)
        actions.move_stage(p, stage="signed", on=day, user=cast.town1)
        p.refresh_from_db()
        assert p.stage == "signed" and p.actual_signed == day and p.version == 2
        event = ProjectEvent.objects.get(project=p)
        assert (event.kind, event.occurred_on, event.user, event.region) == (
            "stage",
            day,
            cast.town1,
            cast.regions.town1,
        )
        assert (event.data["from_stage"], event.data["to_stage"]) == ("negotiating", "signed")
        assert event.text == "在谈 → 签约"

    def test_backwards_clears_later_actuals(self, cast):
        p = make_project(cast.regions.town1, stage="signed")
        day = today()
        actions.move_stage(p, stage="started", on=day, user=cast.town1)
        actions.move_stage(p, stage="signed", on=day, user=cast.town1, note="开工日期填错")
        p.refresh_from_db()
        assert p.stage == "signed" and p.actual_started is None
        last = ProjectEvent.objects.filter(project=p).last()
        assert last.data["note"] == "开工日期填错" and last.text == "开工 → 签约：开工日期填错"

    def test_no_future_dates_and_no_earlier_than_last_move(self, cast):
        p = make_project(cast.regions.town1, stage="lead")
        with pytest.raises(StageError, match="不能晚于今天"):
            actions.move_stage(p, stage="signed", on=today() + timedelta(days=1), user=cast.town1)
        actions.move_stage(p, stage="signed", on=today(), user=cast.town1)
        with pytest.raises(StageError, match="不能早于上一次"):
            actions.move_stage(p, stage="started", on=today() - timedelta(days=10), user=cast.town1)

    def test_terminate_keeps_reason(self, cast):
        p = make_project(cast.regions.town1, stage="started", planned_completed=date(2020, 1, 1))
        actions.move_stage(p, stage="terminated", on=today(), user=cast.town1, note="投资方撤资")
        p.refresh_from_db()
        assert p.terminated_reason == "投资方撤资" and p.alert_level == "none"


@pytest.mark.django_db
class TestReportsAndPlans:
    def test_filing_reports_and_plans_updates_alert(self, cast):
        day = today()
        p = make_project(cast.regions.town1)
        actions.set_plan(p, year=day.year, planned_investment=Decimal("12000"), user=cast.town1)
        months = elapsed_months(day, day.year)
        p.refresh_from_db()
        assert p.alert_level == ("red" if months else "none")
        if months:
            actions.file_report(
                p,
                year=day.year,
                month=1,
                completed_investment=Decimal(1000 * months),
                user=cast.town1,
            )
            p.refresh_from_db()
            assert p.alert_level == "none"

    def test_second_report_for_a_month_replaces_the_first(self, cast):
        p = make_project(cast.regions.town1)
        actions.file_report(
            p, year=2026, month=3, completed_investment=Decimal("10"), user=cast.town1
        )
        report, changed = actions.file_report(
            p, year=2026, month=3, completed_investment=Decimal("12.5"), user=cast.town1
        )
        assert (
            changed and MonthlyReport.objects.filter(project=p).count() == 1 and report.version == 2
        )
        _, changed = actions.file_report(
            p, year=2026, month=3, completed_investment=Decimal("12.5000"), user=cast.town1
        )
        assert not changed

    def test_plan_upsert(self, cast):
        p = make_project(cast.regions.town1)
        actions.set_plan(p, year=2026, planned_investment=Decimal("100"), user=cast.town1)
        actions.set_plan(p, year=2026, planned_investment=Decimal("150"), user=cast.town1)
        assert AnnualPlan.objects.get(project=p).planned_investment == Decimal("150")


@pytest.mark.django_db
class TestFiguresAndSummary:
    def test_figures_cumulative_this_year_and_rate(self, cast):
        p = make_project(cast.regions.town1)
        for year, month, amount in (
            (2025, 12, "100"),
            (2026, 1, "40"),
            (2026, 2, "60"),
            (2026, 7, "999"),
        ):
            actions.file_report(
                p, year=year, month=month, completed_investment=Decimal(amount), user=cast.town1
            )
        actions.set_plan(p, year=2026, planned_investment=Decimal("400"), user=cast.town1)
        f = figures_for([p.pk], date(2026, 6, 30))[p.pk]
        assert (f.completed_total, f.completed_this_year, f.plan_this_year) == (
            Decimal(200),
            Decimal(100),
            Decimal(400),
        )
        assert f.plan_completion_pct == Decimal("25.00")

    def test_summary_of_started_this_year_by_tier(self, cast):
        from mujun.projects.models import ProjectTag

        tier = ProjectTag.objects.get(key="provincial_large_medium")
        a = make_project(
            cast.regions.town1, actual_started=date(2026, 2, 1), total_investment=Decimal("1000000")
        )
        b = make_project(
            cast.regions.town2, actual_started=date(2026, 3, 1), total_investment=Decimal("962500")
        )
        old = make_project(cast.regions.town1, actual_started=date(2025, 3, 1))
        for p in (a, b, old):
            p.tags.add(tier)
        actions.set_plan(a, year=2026, planned_investment=Decimal("346500"), user=cast.town1)
        actions.set_plan(b, year=2026, planned_investment=Decimal("300000"), user=cast.town1)
        actions.file_report(
            a, year=2026, month=5, completed_investment=Decimal("214300"), user=cast.town1
        )
        actions.file_report(
            b, year=2026, month=4, completed_investment=Decimal("200000"), user=cast.town1
        )
        actions.file_report(
            b, year=2026, month=6, completed_investment=Decimal("5"), user=cast.town1
        )
        qs = summary_projects(Project.objects.for_user(cast.leader), tier=tier)
        s = summarise(summary_set(qs, basis="started", year=2026), year=2026, month=5)
        assert (s.count, s.total_investment, s.planned, s.completed) == (
            2,
            Decimal("1962500"),
            Decimal("646500"),
            Decimal("414300"),
        )

    def test_summary_figures_in_one_query_as_the_three_aggregates_gave_them(
        self, cast, django_assert_num_queries
    ):
        from django.db.models import Sum

        from mujun.core.actions import archive

        planned = make_project(cast.regions.town1, total_investment=Decimal("1000.1234"))
        bare = make_project(cast.regions.town1, total_investment=Decimal("50"))
        elsewhere = make_project(cast.regions.town2, total_investment=Decimal("7"))
        for p, amount in ((planned, "300.5"), (elsewhere, "9")):
            actions.set_plan(p, year=2026, planned_investment=Decimal(amount), user=cast.root)
        actions.set_plan(bare, year=2025, planned_investment=Decimal("1"), user=cast.root)
        for p, month, amount in ((planned, 1, "10.0001"), (planned, 3, "20"), (bare, 2, "4")):
            actions.file_report(
                p, year=2026, month=month, completed_investment=Decimal(amount), user=cast.root
            )
        # after the month asked for: not counted
        actions.file_report(
            planned, year=2026, month=5, completed_investment=Decimal("99"), user=cast.root
        )
        archive(MonthlyReport.objects.get(project=bare, month=2))
        qs = summary_projects(Project.objects.for_user(cast.town1))
        ids = qs.values("pk")

        with django_assert_num_queries(1):
            s = summarise(qs, year=2026, month=4)

        # what the three aggregates over the same projects gave
        assert s.count == qs.count() == 2
        assert s.total_investment == qs.aggregate(t=Sum("total_investment"))["t"]
        assert (
            s.planned
            == AnnualPlan.objects.filter(project__in=ids, year=2026, is_archived=False).aggregate(
                s=Sum("planned_investment")
            )["s"]
            == Decimal("300.5")
        )
        assert s.completed == Decimal("30.0001")
        empty = summarise(qs.filter(pk=bare.pk), year=2026, month=4)
        assert (empty.count, empty.planned, empty.completed) == (1, Decimal(0), Decimal(0))
