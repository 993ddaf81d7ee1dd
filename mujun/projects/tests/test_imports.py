"""The monthly-report import as a set operation (core/bulk_imports.py): the whole-file rule,
re-import, corrections, the ledger and alerts, the user's scope, and queries per file."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mujun.core.models import Job
from mujun.core.spreadsheets import workbook_bytes
from mujun.projects import events
from mujun.projects.imports import MonthlyReportImporter
from mujun.projects.models import MonthlyReport, Project, ProjectEvent
from mujun.projects.testing import make_project

pytestmark = pytest.mark.django_db

HEADER = ["项目编号", "年", "月", "本月完成投资（万元）", "形象进度", "存在问题"]


def xlsx(rows, header=HEADER) -> bytes:
    return workbook_bytes(header, rows)


def ledger() -> int:
    return ProjectEvent.objects.filter(kind=events.REPORT).count()


def state():
    return sorted(
        MonthlyReport._base_manager.values_list(
            "project__code", "year", "month", "completed_investment", "progress_note", "version"
        )
    )


def months(code, count, amount=10):
    return [[code, 2025, month, amount, f"进度{month}", ""] for month in range(1, count + 1)]


def test_a_bad_last_row_writes_nothing(cast):
    make_project(cast.regions.town1, code="XM-1")
    rows = [*months("XM-1", 11), ["XM-1", 2025, 12, -1, "", ""]]
    result = MonthlyReportImporter(cast.town1).run("r.xlsx", xlsx(rows))
    assert len(result.problems) == 1
    assert str(result.problems[0]).startswith(
        "第 13 行，「本月完成投资（万元）」：确保该值大于或等于"
    )
    assert not MonthlyReport._base_manager.exists() and ledger() == 0


def test_a_file_written_files_each_report_with_its_event_and_refreshes_the_alert(cast):
    project = make_project(cast.regions.town1, code="XM-1")
    result = MonthlyReportImporter(cast.town1).run("r.xlsx", xlsx(months("XM-1", 3, 100)))
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    texts = sorted(ProjectEvent.objects.filter(kind=events.REPORT).values_list("text", flat=True))
    assert texts[0].startswith("2025年1月报表：完成投资100万元") and len(texts) == 3
    assert set(ProjectEvent.objects.values_list("user", "region")) >= {
        (cast.town1.pk, cast.regions.town1.pk)
    }
    history = MonthlyReport.history.filter(history_type="+")
    assert history.count() == 3 and {h.history_user_id for h in history} == {cast.town1.pk}
    project.refresh_from_db()
    assert project.completed_total == Decimal("300")


def test_the_same_file_twice_changes_nothing_the_second_time(cast):
    make_project(cast.regions.town1, code="XM-1")
    content = xlsx(months("XM-1", 12))
    assert MonthlyReportImporter(cast.town1).run("r.xlsx", content).created == 12
    before = (state(), MonthlyReport.history.count(), ProjectEvent.objects.count())
    again = MonthlyReportImporter(cast.town1).run("r.xlsx", content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 12)
    assert (state(), MonthlyReport.history.count(), ProjectEvent.objects.count()) == before


def test_an_update_writes_only_the_rows_that_changed(cast):
    project = make_project(cast.regions.town1, code="XM-1")
    MonthlyReportImporter(cast.town1).run("r.xlsx", xlsx(months("XM-1", 3)))
    rows = months("XM-1", 3)
    rows[1][3] = 25  # February corrected
    history, events_before = MonthlyReport.history.count(), ledger()
    result = MonthlyReportImporter(cast.town1).run("r.xlsx", xlsx(rows))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    versions = dict(MonthlyReport.objects.values_list("month", "version"))
    assert versions == {1: 1, 2: 2, 3: 1}
    assert MonthlyReport.history.count() == history + 1 and ledger() == events_before + 1
    corrected = ProjectEvent.objects.filter(kind=events.REPORT).latest("pk")
    assert corrected.text.startswith("2025年2月报表（更正）：完成投资25万元")
    project.refresh_from_db()
    assert project.completed_total == Decimal("45")


def test_an_archived_report_filed_again_is_restored(cast):
    make_project(cast.regions.town1, code="XM-1")
    MonthlyReportImporter(cast.town1).run("r.xlsx", xlsx(months("XM-1", 1)))
    MonthlyReport.objects.update(is_archived=True)
    result = MonthlyReportImporter(cast.town1).run("r.xlsx", xlsx(months("XM-1", 1)))
    assert result.updated == 1 and not MonthlyReport.objects.get().is_archived


def test_a_column_left_out_keeps_what_is_stored(cast):
    make_project(cast.regions.town1, code="XM-1")
    MonthlyReportImporter(cast.town1).run("r.xlsx", xlsx(months("XM-1", 1)))
    short = xlsx([["XM-1", 2025, 1, 30]], header=HEADER[:4])
    result = MonthlyReportImporter(cast.town1).run("r.xlsx", short)
    assert result.updated == 1
    stored = MonthlyReport.objects.get()
    assert stored.completed_investment == Decimal("30") and stored.progress_note == "进度1"


class TestScope:
    """Two towns: a project outside the user's scope is an unknown code, and nothing is
    written; each town's officer files its own, the county's administrator both."""

    @pytest.fixture
    def two(self, cast):
        return make_project(cast.regions.town1, code="XM-1"), make_project(
            cast.regions.town2, code="XM-2"
        )

    def test_another_towns_project_is_unknown_and_nothing_is_written(self, cast, two):
        content = xlsx([*months("XM-1", 2), *months("XM-2", 1)])
        result = MonthlyReportImporter(cast.town1).run("r.xlsx", content)
        assert [str(p) for p in result.problems] == [
            "第 4 行，「项目编号」：未知的项目编号“XM-2”（或不在您的管辖范围内）"
        ]
        assert not MonthlyReport._base_manager.exists()

    def test_each_town_files_its_own_and_the_county_both(self, cast, two):
        mine, theirs = two
        assert MonthlyReportImporter(cast.town1).run("a.xlsx", xlsx(months("XM-1", 2))).ok
        assert MonthlyReportImporter(cast.town2).run("b.xlsx", xlsx(months("XM-2", 1))).ok
        both = xlsx([*months("XM-1", 2, 20), *months("XM-2", 1, 20)])
        result = MonthlyReportImporter(cast.admin).run("c.xlsx", both)
        assert (result.created, result.updated) == (0, 3)
        assert mine.reports.count() == 2 and theirs.reports.count() == 1
        regions = set(
            ProjectEvent.objects.filter(kind=events.REPORT).values_list("project", "region")
        )
        assert regions == {
            (mine.pk, cast.regions.town1.pk),
            (theirs.pk, cast.regions.town2.pk),
        }


def test_the_queries_of_an_import_do_not_grow_with_its_rows(cast):
    """Projects, stored reports and alerts are read and written a file at a time: 200 rows
    cost the queries 10 rows do, new and corrected alike. Only a bulk insert may take more
    than one statement where the database limits a statement's parameters (SQLite's 999)."""
    codes = [make_project(cast.regions.town1, code=f"XM-{i}").code for i in range(10)]

    def rows(n, amount):
        return [
            [codes[i % 10], 2020 + (i // 10) // 12, (i // 10) % 12 + 1, amount, "", ""]
            for i in range(n)
        ]

    def queries(content):
        with CaptureQueriesContext(connection) as captured:
            result = MonthlyReportImporter(cast.town1).run("r.xlsx", content)
        assert result.ok
        sql = [query["sql"] for query in captured.captured_queries]
        others = [s for s in sql if not s.startswith("INSERT")]
        return result.created + result.updated, len(others), len(sql)

    small_new, large_new = queries(xlsx(rows(10, 1))), queries(xlsx(rows(200, 1)))
    assert small_new[0] == 10 and large_new[0] == 190  # the first ten were filed already
    small_fix, large_fix = queries(xlsx(rows(10, 2))), queries(xlsx(rows(200, 2)))
    assert small_fix[0] == 10 and large_fix[0] == 190
    assert small_new[1] == large_new[1] and small_fix[1] == large_fix[1]
    if connection.vendor == "postgresql":
        assert small_new[2] == large_new[2] and small_fix[2] == large_fix[2]


def test_the_import_page_records_the_import_as_a_job(login, cast):
    make_project(cast.regions.town1, code="XM-1")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("r.xlsx", xlsx(months("XM-1", 2)))
    page = login(cast.town1).post(reverse("projects:report_import"), {"file": upload})
    assert page.status_code == 200 and MonthlyReport.objects.count() == 2
    job = Job.objects.get()
    assert job.result["created"] == 2 and job.task.endswith("MonthlyReportImporter")
    assert Project.objects.get().completed_total == Decimal("20")
