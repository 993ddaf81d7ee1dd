"""The summary's tally (tally.py) gives the figures ``summarise`` counts from the rows after
every verb that changes them — registering and editing a project (its region, tiers and total
investment), stage moves setting and clearing its actual start, archiving and restoring, plans,
monthly reports and their import — for every user's scope, regions, tiers, both bases, years
and months, with a project of two tiers; and the table the verbs keep is the table ``mujun
project_tally`` (and the daily run, and the migration) rebuilds. The red and yellow projects
kept per region (``FlagTally``) are held to the projects' own count the same way, with a
flagged project of no year moved between towns and archived."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mujun.core.actions import patched_form
from mujun.core.querysets import in_region
from mujun.enterprises.models import Enterprise
from mujun.projects import actions, tally
from mujun.projects.choices import Basis
from mujun.projects.figures import Summary, summarise, summary_projects, summary_set
from mujun.projects.forms import ProjectForm
from mujun.projects.imports import MonthlyReportImporter
from mujun.projects.models import (
    FlagTally,
    Project,
    ProjectQuerySet,
    ProjectTag,
    ProjectTally,
)
from mujun.projects.testing import make_project
from mujun.regions.choices import Kind, Level
from mujun.regions.models import Region

from .test_views import report_file

pytestmark = pytest.mark.django_db

YEARS = (2025, 2026)
MONTHS = (2, 12)


def _table(model=ProjectTally) -> list[tuple]:
    fields = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
    return sorted(tuple(str(v) for v in row) for row in model.objects.values_list(*fields))


def assert_flags_agree(user, region):
    """The kept flags of ``region``'s subtree in the user's scope are the projects' count."""
    projects = Project.objects.for_user(user)
    kept = tally.flags_by_region(projects, user=user, region=region)
    counted = tally.flags_counted(projects.filter(in_region(Project, region)))
    # a region whose flags went to none keeps a row of none or no row: the same to a reader
    assert {r: c for r, c in kept.items() if any(c)} == counted, (user.username, region)


def reference(user, **key) -> Summary:
    """The summary counted from the rows, as the summary was before the tally."""
    projects = summary_projects(
        Project.objects.for_user(user), region=key["region"], tier=key["tier"]
    )
    chosen = summary_set(projects, basis=key["basis"], year=key["year"])
    return summarise(chosen, year=key["year"], month=key["month"])


def assert_tally_agrees(cast, peer):
    r = cast.regions
    tiers = [None, *ProjectTag.objects.all()]
    # each scope (every region, the county's and the peer region, a town's and the peer
    # region, the peer region alone) with the region filters that narrow it
    asked = [
        (cast.root, (None, r.county, r.town1, peer)),
        (cast.leader, (None, r.town1)),
        (cast.town1, (None,)),
        (cast.department, (None,)),
    ]
    for user, regions in asked:
        for region in regions:
            for tier in tiers:
                for basis in Basis.values:
                    for year in YEARS:
                        for month in MONTHS:
                            key = dict(region=region, tier=tier, basis=basis, year=year)
                            tallied = tally.summary(
                                Project.objects.for_user(user), user=user, month=month, **key
                            )
                            counted = reference(user, month=month, **key)
                            assert tallied == counted, (user.username, key, month)
    for user, regions in asked:
        for region in regions:
            assert_flags_agree(user, region or r.county)
    kept, flags = _table(), _table(FlagTally)
    tally.rebuild()
    assert _table() == kept and _table(FlagTally) == flags


def tier(key):
    return ProjectTag.objects.get(key=key)


@pytest.fixture
def peer(regions):
    """A peer region (对标地区), whose projects every user who may view reads."""
    return Region.objects.create(
        code="360302", name="萍乡经开区", level=Level.TOWN, kind=Kind.ZONE, is_peer=True
    )


@pytest.fixture
def work(cast, peer):
    """Projects of both towns, the county and a peer region, started in either year or not at
    all, of no tier, one tier or two, with plans (one of nothing) and reports in both years."""
    r, root = cast.regions, cast.root
    two = make_project(
        r.town1,
        code="A",
        actual_started=date(2026, 2, 1),
        total_investment=Decimal("1000.1234"),
        tiers=[tier("provincial_key"), tier("municipal_major")],
    )
    earlier = make_project(
        r.town1,
        code="B",
        actual_started=date(2025, 6, 1),
        total_investment=Decimal("50"),
        tiers=[tier("provincial_key")],
    )
    unstarted = make_project(r.town2, code="C", stage="signed", tiers=[tier("municipal_major")])
    county = make_project(r.county, code="D", actual_started=date(2026, 1, 1))
    elsewhere = make_project(peer, code="E", actual_started=date(2026, 5, 3))
    for project, year, amount in (
        (two, 2026, "300.5"),
        (two, 2025, "50"),
        (earlier, 2025, "80"),
        (earlier, 2026, "0"),
        (unstarted, 2026, "200"),
        (county, 2026, "12.3456"),
        (elsewhere, 2026, "9"),
    ):
        actions.set_plan(project, year=year, planned_investment=Decimal(amount), user=root)
    for project, year, month, amount in (
        (two, 2026, 1, "10.0001"),
        (two, 2026, 3, "20"),
        (two, 2026, 5, "99"),
        (two, 2025, 11, "7"),
        (earlier, 2025, 6, "5"),
        (earlier, 2025, 12, "6"),
        (earlier, 2026, 2, "3"),
        (unstarted, 2026, 4, "40"),
        (county, 2026, 12, "1.5"),
        (elsewhere, 2026, 2, "2"),
    ):
        actions.file_report(
            project, year=year, month=month, completed_investment=Decimal(amount), user=root
        )
    assert_tally_agrees(cast, peer)
    return cast, peer


def test_the_made_projects_are_tallied(work):
    cast, peer = work
    town1 = cast.regions.town1
    # the flags kept are the lagging projects of each region, the peer region's too
    lagging = Project.objects.filter(alert_level__in=("red", "yellow"), is_archived=False)
    assert lagging.exists()
    assert sum(f.red + f.yellow for f in FlagTally.objects.all()) == lagging.count()

    def summary(user, **key):
        return tally.summary(Project.objects.for_user(user), user=user, **key)

    # the project of two tiers counts in each tier, and once in all
    key = dict(region=town1, basis=Basis.STARTED, year=2026, month=5)
    assert summary(cast.leader, tier=None, **key) == Summary(
        1, Decimal("1000.1234"), Decimal("300.5"), Decimal("129.0001")
    )
    for t in ("provincial_key", "municipal_major"):
        assert summary(cast.leader, tier=tier(t), **key).count == 1
    # 列入计划 2026 for the county's leader (the peer region's too): a plan of nothing does not
    # count, a project not started does
    key = dict(region=None, tier=None, basis=Basis.PLANNED, year=2026, month=12)
    assert summary(cast.leader, **key) == Summary(
        4, Decimal("61000.1234"), Decimal("521.8456"), Decimal("172.5001")
    )
    # an officer reads their town and the peer region, a department user only the peer region
    assert summary(cast.town1, **key).count == 2
    assert summary(cast.department, **key) == Summary(1, Decimal(20000), Decimal(9), Decimal(2))


class TestProjectVerbs:
    def edit(self, cast, code, **changes):
        project = Project.objects.get(code=code)
        form = patched_form(ProjectForm, project, changes, user=cast.admin)
        assert form.is_valid(), form.errors
        actions.save_project(form, expected_version=project.version, user=cast.admin)

    def test_registering_and_editing_a_project(self, work):
        cast, peer = work
        form = ProjectForm(
            {
                "code": "N",
                "name": "新项目",
                "region": cast.regions.town2.code,
                "total_investment": "777.7",
                "tags": ["provincial_large_medium", "provincial_key"],
            },
            user=cast.admin,
        )
        assert form.is_valid(), form.errors
        new = actions.save_project(form, expected_version=None, user=cast.admin)
        actions.set_plan(new, year=2026, planned_investment=Decimal("70"), user=cast.admin)
        assert_tally_agrees(cast, peer)
        # the investment, then the tiers, then the town of a project of two years' plans
        self.edit(cast, "A", total_investment="2000")
        assert_tally_agrees(cast, peer)
        self.edit(cast, "A", tags=["provincial_large_medium"])
        assert_tally_agrees(cast, peer)
        self.edit(cast, "A", region=cast.regions.town2.code)
        assert_tally_agrees(cast, peer)
        assert ProjectTally.objects.filter(region=cast.regions.town2, year=2025).exists()

    def test_a_flagged_project_of_no_year_moves_town(self, work):
        # late to start, with no start nor plan: it counts in no year of the summary, and its
        # flag leaves the town it leaves
        cast, peer = work
        form = ProjectForm(
            {
                "code": "L",
                "name": "逾期未开工项目",
                "region": cast.regions.town1.code,
                "total_investment": "100",
                "planned_started": "2024-01-01",
            },
            user=cast.admin,
        )
        assert form.is_valid(), form.errors
        late = actions.save_project(form, expected_version=None, user=cast.admin)
        assert late.alert_level == "red" and not tally.keys_of([late.pk])
        assert_tally_agrees(cast, peer)
        self.edit(cast, "L", region=cast.regions.town2.code)
        assert_tally_agrees(cast, peer)
        actions.set_archived(Project.objects.get(code="L"), archived=True, user=cast.admin)
        assert_tally_agrees(cast, peer)

    def test_stage_moves_set_and_clear_the_start(self, work):
        cast, peer = work
        unstarted = Project.objects.get(code="C")
        actions.move_stage(unstarted, stage="started", on=date(2026, 3, 9), user=cast.admin)
        assert_tally_agrees(cast, peer)
        earlier = Project.objects.get(code="B")
        actions.move_stage(
            earlier, stage="signed", on=date(2026, 3, 9), user=cast.admin, note="开工日期填错"
        )
        assert_tally_agrees(cast, peer)
        actions.move_stage(earlier, stage="started", on=date(2026, 4, 1), user=cast.admin)
        assert_tally_agrees(cast, peer)

    def test_archiving_and_restoring(self, work):
        cast, peer = work
        project = Project.objects.get(code="A")
        actions.set_archived(project, archived=True, user=cast.admin)
        assert_tally_agrees(cast, peer)
        assert not ProjectTally.objects.filter(region=cast.regions.town1, year=2026).exists()
        actions.set_archived(project, archived=False, user=cast.admin)
        assert_tally_agrees(cast, peer)


class TestPlansAndReports:
    def test_plans_set_changed_and_made_nothing(self, work):
        cast, peer = work
        project = Project.objects.get(code="B")
        actions.set_plan(project, year=2026, planned_investment=Decimal("15.5"), user=cast.admin)
        assert_tally_agrees(cast, peer)
        # a plan of nothing leaves 列入计划 and the year's plan
        project = Project.objects.get(code="A")
        actions.set_plan(project, year=2026, planned_investment=Decimal(0), user=cast.admin)
        assert_tally_agrees(cast, peer)

    def test_reports_filed_and_corrected(self, work):
        cast, peer = work
        project = Project.objects.get(code="C")
        actions.file_report(
            project, year=2026, month=2, completed_investment=Decimal("0.0001"), user=cast.admin
        )
        assert_tally_agrees(cast, peer)
        actions.file_report(
            project, year=2026, month=4, completed_investment=Decimal("41"), user=cast.admin
        )
        assert_tally_agrees(cast, peer)

    def test_the_report_import_counts_its_reports(self, work):
        cast, peer = work
        content = report_file(
            [
                ["A", 2026, 7, 8.25, "主体", ""],
                ["A", 2025, 11, 9, "", ""],
                ["C", 2026, 4, 1, "", ""],
            ]
        )
        result = MonthlyReportImporter(cast.admin).run("r.xlsx", content)
        assert result.ok and result.created == 1 and result.updated == 2
        assert_tally_agrees(cast, peer)


def test_the_command_rebuilds_the_table(work, capsys):
    kept = _table()
    ProjectTally.objects.all().delete()
    call_command("project_tally")
    assert _table() == kept
    assert "已重新计算项目汇总" in capsys.readouterr().out


def test_the_daily_run_counts_the_table_again(work):
    # a row written outside the verbs is in the tally after the daily run
    cast, peer = work
    kept = _table()
    Project.objects.filter(code="A").update(total_investment=Decimal(5))
    call_command("project_alerts", stdout=None)
    assert _table() != kept
    assert_tally_agrees(cast, peer)


def test_the_migration_counts_what_is_recorded(work):
    kept = _table()
    ProjectTally.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(("projects", "0011_summary_tally"))
    assert tally.rebuild_summary(apps=state.apps) == len(kept)
    assert _table() == kept


def test_the_migration_counts_the_flags_recorded(work):
    kept = _table(FlagTally)
    FlagTally.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(("projects", "0013_flag_tally"))
    tally.rebuild_flags(apps=state.apps)
    assert _table(FlagTally) == kept


def test_flags_of_a_scope_not_by_region_are_counted_from_the_rows(work, monkeypatch):
    cast, peer = work
    monkeypatch.setattr(ProjectQuerySet, "scoped_by_region", lambda self, user, action: False)
    FlagTally.objects.all().delete()
    projects = Project.objects.for_user(cast.leader)
    county = cast.regions.county
    counted = tally.flags_by_region(projects, user=cast.leader, region=county)
    assert counted and counted == tally.flags_counted(projects.filter(in_region(Project, county)))


def test_a_scope_not_by_region_is_counted_from_the_rows(work, monkeypatch):
    cast, peer = work
    # a scope rule about something else than regions, which a tally per region cannot answer
    monkeypatch.setattr(ProjectQuerySet, "scoped_by_region", lambda self, user, action: False)
    ProjectTally.objects.all().delete()
    key = dict(region=None, tier=None, basis=Basis.STARTED, year=2026, month=12)
    tallied = tally.summary(Project.objects.for_user(cast.leader), user=cast.leader, **key)
    assert tallied == reference(cast.leader, **key) and tallied.count == 3


def test_scoped_by_region_tells_a_rule_about_rows(cast, depts):
    assert Project.objects.scoped_by_region(depts.user1)
    assert not Enterprise.objects.scoped_by_region(depts.user1)
    assert Enterprise.objects.scoped_by_region(cast.town1)


def test_months_are_added_up_to_the_month_asked_in_decimals():
    rows = [
        (2, Decimal("0.1"), Decimal("0.2"), *[Decimal("0.0001")] * 12),
        (1, Decimal("0.2"), Decimal("0.1"), Decimal("1"), Decimal("2"), Decimal("4")),
    ]
    assert tally.added_up(rows, 3) == Summary(3, Decimal("0.3"), Decimal("0.3"), Decimal("7.0003"))
