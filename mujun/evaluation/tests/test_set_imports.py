"""The year's data import as a set operation (core/bulk_imports.py): the whole-file rule,
re-import, updates of the changed rows only, the user's scope, queries per file, and the upload
recorded as a job (a long one run by the worker)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mujun.core.choices import JobStatus
from mujun.core.models import Job
from mujun.core.spreadsheets import workbook_bytes
from mujun.enterprises.testing import make_enterprise
from mujun.evaluation import rules
from mujun.evaluation.imports import NEW_YEAR, EnterpriseYearImporter
from mujun.evaluation.models import EnterpriseYear

pytestmark = pytest.mark.django_db

TAX = ["统一社会信用代码", "数据年度", "评价税收(万元)", "用地面积(亩)"]


def xlsx(rows, header=TAX) -> bytes:
    return workbook_bytes(header, rows)


def state():
    return sorted(
        EnterpriseYear._base_manager.values_list(
            "enterprise__uscc", "year", "tax_wan", "land_mu", "sources", "version"
        )
    )


@pytest.fixture
def firms(cast):
    return [make_enterprise(cast.regions.town1) for _ in range(6)]


def tax_rows(firms, years=(2022,), tax=100):
    return [[f.uscc, year, tax + i, 10] for year in years for i, f in enumerate(firms)]


def test_a_bad_last_row_writes_nothing(cast, firms):
    rows = [*tax_rows(firms[:5]), [firms[5].uscc, 2022, 1, -1]]
    result = EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", xlsx(rows))
    assert [str(p) for p in result.problems] == ["第 7 行，「用地面积(亩)」：不能为负数"]
    assert not EnterpriseYear._base_manager.exists()


def test_the_same_file_twice_changes_nothing_the_second_time(cast, firms):
    content = xlsx(tax_rows(firms, years=(2021, 2022)))
    first = EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", content)
    assert (first.created, first.updated, first.unchanged) == (12, 0, 0)
    before = (state(), EnterpriseYear.history.count())
    again = EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 12)
    assert (state(), EnterpriseYear.history.count()) == before
    stored = EnterpriseYear.objects.get(enterprise=firms[0], year=2022)
    assert stored.sources == {"tax_wan": "tax", "land_mu": "tax"}
    assert stored.history.get().history_user == cast.town1


def test_an_update_writes_only_the_rows_that_changed(cast, firms):
    EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", xlsx(tax_rows(firms)))
    rows = tax_rows(firms)
    rows[2][2] = 555
    history = EnterpriseYear.history.count()
    result = EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", xlsx(rows))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 5)
    assert EnterpriseYear.history.count() == history + 1
    changed = EnterpriseYear.objects.get(enterprise=firms[2])
    assert changed.tax_wan == Decimal(555) and changed.version == 2
    assert set(EnterpriseYear.objects.values_list("version", flat=True)) == {1, 2}


def test_the_same_value_from_another_department_changes_its_source(cast, firms):
    EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", xlsx(tax_rows(firms[:1])))
    header = ["统一社会信用代码", "数据年度", "用地面积(亩)"]
    content = xlsx([[firms[0].uscc, 2022, 10]], header=header)
    result = EnterpriseYearImporter(cast.town1, "natural_resources").run("n.xlsx", content)
    assert result.updated == 1
    assert EnterpriseYear.objects.get().sources == {
        "tax_wan": "tax",
        "land_mu": "natural_resources",
    }


class TestScope:
    """Two towns: another town's enterprise is not found and nothing is written; each town's
    officer imports its own, the county's administrator both."""

    @pytest.fixture
    def two(self, cast):
        return make_enterprise(cast.regions.town1), make_enterprise(cast.regions.town2)

    def test_another_towns_enterprise_is_not_found_and_nothing_is_written(self, cast, two):
        mine, theirs = two
        content = xlsx([[mine.uscc, 2022, 1, 1], [theirs.uscc, 2022, 1, 1]])
        result = EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", content)
        assert [str(p) for p in result.problems] == [
            "第 3 行，「统一社会信用代码」：未找到该统一社会信用代码的企业（或不在您的管辖范围内）"
        ]
        assert not EnterpriseYear._base_manager.exists()

    def test_each_town_imports_its_own_and_the_county_both(self, cast, two):
        mine, theirs = two
        assert (
            EnterpriseYearImporter(cast.town1, "tax")
            .run("a.xlsx", xlsx([[mine.uscc, 2022, 1, 1]]))
            .ok
        )
        assert (
            EnterpriseYearImporter(cast.town2, "tax")
            .run("b.xlsx", xlsx([[theirs.uscc, 2022, 1, 1]]))
            .ok
        )
        both = xlsx([[mine.uscc, 2022, 2, 1], [theirs.uscc, 2022, 2, 1]])
        result = EnterpriseYearImporter(cast.admin, "tax").run("c.xlsx", both)
        assert (result.created, result.updated) == (0, 2)
        assert set(EnterpriseYear.objects.values_list("enterprise", "tax_wan")) == {
            (mine.pk, Decimal(2)),
            (theirs.pk, Decimal(2)),
        }


def test_the_queries_of_an_import_do_not_grow_with_its_rows(cast):
    """Enterprises and stored data are read a file at a time: 200 rows cost the queries 10
    rows do, new and updated alike. Only a bulk insert may take more than one statement where
    the database limits a statement's parameters (SQLite's 999)."""
    firms = [make_enterprise(cast.regions.town1) for _ in range(20)]

    def rows(n, tax):
        return [[firms[i % 20].uscc, 2000 + i // 20, tax, 1] for i in range(n)]

    def queries(content):
        with CaptureQueriesContext(connection) as captured:
            result = EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", content)
        assert result.ok
        sql = [query["sql"] for query in captured.captured_queries]
        others = [s for s in sql if not s.startswith("INSERT")]
        return result.created + result.updated, len(others), len(sql)

    small_new, large_new = queries(xlsx(rows(10, 1))), queries(xlsx(rows(200, 1)))
    assert small_new[0] == 10 and large_new[0] == 190  # the first ten were imported already
    small_fix, large_fix = queries(xlsx(rows(10, 2))), queries(xlsx(rows(200, 2)))
    assert small_fix[0] == 10 and large_fix[0] == 190
    assert small_new[1] == large_new[1] and small_fix[1] == large_fix[1]
    if connection.vendor == "postgresql":
        assert small_new[2] == large_new[2] and small_fix[2] == large_fix[2]


def upload(client, content, department="tax"):
    url = reverse("evaluation:enterpriseyear_import")
    file = SimpleUploadedFile("t.xlsx", content)
    return client.post(url, {"department": department, "file": file})


def test_the_upload_is_recorded_as_a_job(login, cast, firms):
    page = upload(login(cast.town1), xlsx(tax_rows(firms)))
    assert page.status_code == 200 and "新增 6 条" in page.content.decode()
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and job.result["created"] == 6
    assert job.task == "mujun.evaluation.imports.EnterpriseYearImporter"
    assert job.options == {"department": "tax"}


def test_a_long_upload_runs_in_the_worker_with_its_department(login, cast, firms, settings):
    settings.MUJUN_IMPORT_JOB_ROWS = 5
    response = upload(login(cast.town1), xlsx(tax_rows(firms)), department="power")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.DONE and job.written == 6, job.error
    sources = [ey.sources for ey in EnterpriseYear.objects.all()]
    assert sources == [{"tax_wan": "power", "land_mu": "power"}] * 6


def test_an_upload_without_a_department_is_refused(login, cast, firms):
    page = upload(login(cast.town1), xlsx(tax_rows(firms)), department="")
    assert page.status_code == 400 and not Job.objects.exists()
    assert "请选择数据来源部门和要导入的文件。" in page.content.decode()


class TestWrittenYear:
    """The rule a row of a department's file is written by (``rules.written_year``)."""

    def test_a_new_row_takes_the_registry_size_and_records_its_sources(self):
        year = rules.written_year(
            NEW_YEAR,
            values={"size_class": "", "tax_wan": Decimal(5), "land_mu": None},
            extra={"veto_safety": "0"},
            department="tax",
            registry_size="below",
        )
        assert year["size_class"] == "below" and year["tax_wan"] == Decimal(5)
        assert year["extra"] == {"veto_safety": "0"}
        assert year["sources"] == {"tax_wan": "tax", "veto_safety": "tax"}

    def test_an_empty_cell_empties_the_value_and_forgets_its_source(self):
        stored = {
            **NEW_YEAR,
            "size_class": "above",
            "tax_wan": Decimal(5),
            "extra": {"veto_safety": "1"},
            "sources": {"size_class": "statistics", "tax_wan": "tax", "veto_safety": "tax"},
        }
        year = rules.written_year(
            stored,
            values={"size_class": "", "tax_wan": None},
            extra={"veto_safety": ""},
            department="tax",
            registry_size="below",
        )
        assert year["size_class"] == "above" and year["tax_wan"] is None
        assert year["extra"] == {} and year["sources"] == {"size_class": "statistics"}
