"""Long imports as background jobs: the upload hands the file to the worker (run at once in the
tests, django-q2's sync mode), the job's page shows progress and the result, a failure writes
nothing, a job whose worker died is reported failed, and only its starter reaches it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mujun.core import bulk_imports, imports, jobs
from mujun.core.choices import JobStatus
from mujun.core.models import Job
from mujun.enterprises.imports import EnterpriseImporter
from mujun.enterprises.models import Enterprise, LandParcel
from mujun.enterprises.testing import new_uscc

HEADER = ["企业名称", "统一社会信用代码", "所在镇街", "行业代码", "规模以上", "用地面积（亩）"]
IMPORT = "enterprises:enterprise_import"


def csv_bytes(rows) -> bytes:
    lines = [",".join(HEADER)] + [",".join(str(c) for c in r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def register(n: int) -> list[list]:
    return [[f"企业{i}", new_uscc(), "城关街道", "3411", "否", 2] for i in range(n)]


def upload(client, content: bytes, name="e.csv"):
    return client.post(reverse(IMPORT), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def small_jobs(settings):
    settings.MUJUN_IMPORT_JOB_ROWS = 20


@pytest.mark.django_db
class TestImportJobs:
    def test_a_long_file_runs_as_a_job_whose_page_shows_the_result(self, login, cast, small_jobs):
        client = login(cast.town1)
        response = upload(client, csv_bytes(register(50)))
        job = Job.objects.get()
        assert response.status_code == 302 and response.url == reverse("core:job", args=[job.pk])
        assert job.status == JobStatus.DONE and job.total == 50 and job.written == 50
        assert job.content is None
        assert Enterprise.objects.count() == 50 and LandParcel.objects.count() == 50
        page = client.get(response.url).content.decode()
        assert "导入完成：新增 50 条，更新 0 条，无变化 0 条。" in page
        assert "hx-trigger" not in page  # a finished job's page stops asking

    def test_a_long_excel_file_runs_as_a_job_too(self, login, cast, small_jobs):
        from mujun.core.spreadsheets import workbook_bytes

        content = workbook_bytes(HEADER, register(30))
        response = upload(login(cast.town1), content, name="e.xlsx")
        job = Job.objects.get()
        assert response.status_code == 302 and job.total == 30 and job.written == 30

    def test_a_short_file_is_still_answered_at_once_and_recorded(self, login, cast, small_jobs):
        response = upload(login(cast.town1), csv_bytes(register(5)))
        assert response.status_code == 200 and Enterprise.objects.count() == 5
        job = Job.objects.get()
        assert job.status == JobStatus.DONE and job.user == cast.town1
        assert job.total == 5 and job.written == 5 and job.problem_count == 0
        assert (
            job.filename == "e.csv" and job.task == "mujun.enterprises.imports.EnterpriseImporter"
        )
        assert job.back_url == reverse(IMPORT) and job.finished_at and job.content is None
        assert not Job.objects.failed().exists()

    def test_a_short_file_with_problems_is_recorded_as_failed(self, login, cast, small_jobs):
        rows = register(3)
        rows[1][2] = "火星镇"
        response = upload(login(cast.town1), csv_bytes(rows))
        assert response.status_code == 400 and Enterprise.objects.count() == 0
        job = Job.objects.failed().get()
        assert job.problem_count == 1 and job.written == 0 and "火星镇" in job.result["problems"][0]

    def test_a_file_too_large_is_recorded_as_failed(self, login, cast, settings):
        settings.MUJUN_UPLOAD_MAX_MB = 0
        response = upload(login(cast.town1), csv_bytes(register(3)))
        assert response.status_code == 400
        job = Job.objects.failed().get()
        assert job.status == JobStatus.FAILED and job.error and job.user == cast.town1

    def test_a_short_import_that_breaks_is_recorded_as_failed(
        self, login, cast, small_jobs, monkeypatch
    ):
        def broken(self, name, content, progress=None):
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(EnterpriseImporter, "run", broken)
        client = login(cast.town1)
        client.raise_request_exception = False
        assert upload(client, csv_bytes(register(3))).status_code == 500
        job = Job.objects.get()
        assert job.status == JobStatus.FAILED and "disk" not in job.error

    def test_importing_the_same_long_file_again_changes_nothing(self, login, cast, small_jobs):
        client = login(cast.town1)
        content = csv_bytes(register(40))
        upload(client, content)
        history = Enterprise.history.count()
        upload(client, content)
        second = Job.objects.order_by("-pk").first()
        assert second.result["unchanged"] == 40 and second.written == 0
        assert Enterprise.objects.count() == 40 and Enterprise.history.count() == history

    def test_a_bad_last_row_writes_nothing_and_the_page_names_it(self, login, cast, small_jobs):
        rows = register(60)
        rows[-1][2] = "火星镇"
        client = login(cast.town1)
        response = upload(client, csv_bytes(rows))
        job = Job.objects.get()
        assert job.status == JobStatus.DONE and job.problem_count == 1 and job.written == 0
        assert Enterprise.objects.count() == 0
        page = client.get(response.url).content.decode()
        assert "未写入任何数据" in page and "第 61 行" in page and "火星镇" in page

    def test_a_job_failing_midway_leaves_nothing_written(
        self, login, cast, small_jobs, monkeypatch
    ):
        monkeypatch.setattr(bulk_imports, "CHUNK", 10)
        real = bulk_imports.SetImporter.create_in_bulk
        calls = []

        def fail_on_the_third_chunk(self, model, objects):
            calls.append(len(objects))
            if len(calls) == 3:
                raise RuntimeError("the disk is full")
            return real(self, model, objects)

        monkeypatch.setattr(bulk_imports.SetImporter, "create_in_bulk", fail_on_the_third_chunk)
        client = login(cast.town1)
        response = upload(client, csv_bytes(register(50)))
        job = Job.objects.get()
        assert len(calls) == 3  # two chunks were inserted before the failure
        assert job.status == JobStatus.FAILED and job.written == 0 and job.content is None
        assert Enterprise.objects.count() == 0 and Enterprise.history.count() == 0
        page = client.get(response.url).content.decode()
        assert "处理时出错，未写入任何数据" in page and "disk" not in page

    def test_progress_is_reported_while_checking(self, cast, monkeypatch):
        monkeypatch.setattr(imports, "PROGRESS_EVERY", 10)
        heard = []

        def progress(*, checked, written, problems):
            heard.append((checked, written, len(problems)))

        rows = register(35)
        rows[12][3] = "99"
        EnterpriseImporter(cast.town1).run("e.csv", csv_bytes(rows), progress=progress)
        assert [c for c, _w, _p in heard][:3] == [10, 20, 30]
        assert heard[-1] == (35, 0, 1)

    def test_the_job_records_progress_as_it_goes(self, cast, monkeypatch):
        monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 0)
        seen = []
        job = Job.objects.create(title="导入企业", task="x", user=cast.town1)
        progress = jobs.Progress(job)
        for checked in (100, 200):
            progress(checked=checked, written=0, problems=["x"])
            seen.append(Job.objects.values_list("checked", "problem_count").get(pk=job.pk))
        assert seen == [(100, 1), (200, 1)]

    def test_a_job_whose_worker_died_is_reported_failed(self, login, cast, settings):
        long_ago = timezone.now() - timedelta(seconds=settings.MUJUN_JOB_STALE_SECONDS + 5)
        job = Job.objects.create(
            title="导入企业",
            task="mujun.enterprises.imports.EnterpriseImporter",
            user=cast.town1,
            filename="e.csv",
            content=csv_bytes(register(3)),
            status=JobStatus.RUNNING,
            heartbeat_at=long_ago,
        )
        page = login(cast.town1).get(reverse("core:job", args=[job.pk])).content.decode()
        job.refresh_from_db()
        assert job.status == JobStatus.FAILED and "没有进展" in page
        # the task handed out again later finds the job finished and writes nothing
        jobs.run_job(job.pk)
        assert Enterprise.objects.count() == 0

    def test_a_job_handed_out_again_after_its_worker_died_runs_from_the_start(self, cast):
        job = Job.objects.create(
            title="导入企业",
            task="mujun.enterprises.imports.EnterpriseImporter",
            user=cast.town1,
            filename="e.csv",
            content=csv_bytes(register(3)),
            status=JobStatus.RUNNING,
            attempts=1,
        )
        jobs.run_job(job.pk)
        job.refresh_from_db()
        assert job.status == JobStatus.DONE and job.attempts == 2 and job.written == 3


@pytest.mark.django_db
class TestJobScope:
    @pytest.fixture
    def job(self, cast):
        return Job.objects.create(title="导入企业", task="x", user=cast.town1, status="done")

    def test_the_starter_sees_the_job(self, login, cast, job):
        assert login(cast.town1).get(reverse("core:job", args=[job.pk])).status_code == 200

    def test_another_towns_officer_gets_404(self, login, cast, job):
        assert login(cast.town2).get(reverse("core:job", args=[job.pk])).status_code == 404

    def test_the_county_administrator_and_a_superuser_see_it(self, login, cast, job):
        for user in (cast.admin, cast.root):
            assert login(user).get(reverse("core:job", args=[job.pk])).status_code == 200

    def test_anonymous_is_sent_to_login(self, client, job):
        response = client.get(reverse("core:job", args=[job.pk]))
        assert response.status_code == 302 and "login" in response.url


@pytest.mark.django_db
def test_an_indicator_file_runs_as_a_job_on_the_form_path(login, cast, small_jobs):
    from mujun.indicators.models import IndicatorValue

    header = "地区,指标,年份,月份,累计值,单位\n"
    rows = "".join(
        f"城关街道,fiscal_revenue,{2000 + i // 12},{i % 12 + 1},{100 + i},万元\n" for i in range(30)
    )
    client = login(cast.town1)
    response = client.post(
        reverse("indicators:indicatorvalue_import"),
        {"file": SimpleUploadedFile("v.csv", (header + rows).encode())},
    )
    job = Job.objects.get()
    assert response.status_code == 302 and job.status == JobStatus.DONE, job.error
    assert job.written == 30 and IndicatorValue.objects.count() == 30


@pytest.mark.django_db
def test_the_worker_runs_the_daily_commands(cast):
    import ast

    from django.utils.module_loading import import_string
    from django_q.models import Schedule

    schedules = Schedule.objects.filter(schedule_type=Schedule.DAILY).order_by("name")
    assert {ast.literal_eval(s.args) for s in schedules} == {"project_alerts", "service_reminders"}
    for schedule in schedules:
        # what the worker's scheduler calls, as it calls it
        import_string(schedule.func)(ast.literal_eval(schedule.args))
