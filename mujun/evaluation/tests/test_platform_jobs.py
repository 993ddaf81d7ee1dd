"""A platform run through the background job (run at once in the tests, django-q2's sync
mode): the scheme page queues it, the job page shows its stages and links to the run, a
failure leaves no run and says why, and only its starter reaches the job."""

import pytest
from django.urls import reverse

from mujun.core.choices import JobStatus
from mujun.core.models import Job
from mujun.enterprises.testing import make_enterprise
from mujun.evaluation import actions, events
from mujun.evaluation.models import EvaluationResult, EvaluationRun
from mujun.evaluation.testing import make_scheme, make_year

pytestmark = pytest.mark.django_db


def enterprises(region, n=4, year=2022):
    for i in range(n):
        make_year(make_enterprise(region, above_size=True), year=year, tax=str(100 + 50 * i))


def start(client, scheme, year=2022, note="第一次"):
    return client.post(
        reverse("evaluation:scheme_run", args=[scheme.pk]), {"year": year, "note": note}
    )


def figures(run):
    rows = EvaluationResult.objects.filter(run=run).order_by("enterprise_id").values()
    return [{k: v for k, v in row.items() if k not in ("id", "run_id")} for row in rows]


def test_the_page_runs_the_year_as_a_job_with_the_same_results(login, cast):
    r = cast.regions
    scheme = make_scheme(r.county)
    enterprises(r.town1, 3)
    enterprises(r.town2, 2)
    client = login(cast.admin)
    response = start(client, scheme)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.DONE and job.written == 5 and job.content is None
    run = EvaluationRun.objects.get()
    assert (run.enterprise_count, run.note, run.run_by) == (5, "第一次", cast.admin)
    page = client.get(response.url).content.decode()
    assert "计算完成：5 家企业" in page and reverse("evaluation:run", args=[run.pk]) in page
    assert "hx-trigger" not in page
    # the same scheme and year computed in the request, as before: the same figures
    direct = actions.run_evaluation(scheme=scheme, year=2022, user=cast.admin)
    assert direct.number == run.number + 1
    assert figures(direct) == figures(run) and len(figures(run)) == 5
    assert direct.summary == run.summary


def test_a_running_job_shows_its_stages(login, cast, monkeypatch):
    r = cast.regions
    scheme = make_scheme(r.county)
    enterprises(r.town1, 1)
    client = login(cast.admin)
    real = actions.run_evaluation
    seen = []

    def watched(**kwargs):
        def stage(number):
            kwargs_stage(number)
            seen.append(client.get(reverse("core:job", args=[Job.objects.get().pk])))

        kwargs_stage = kwargs["stage"]
        return real(**{**kwargs, "stage": stage})

    monkeypatch.setattr(actions, "run_evaluation", watched)
    start(client, scheme)
    pages = [page.content.decode() for page in seen]
    assert len(pages) == 3 and all("hx-trigger" in page for page in pages)
    assert "读取企业数据（进行中）" in pages[0]
    assert "读取企业数据（已完成）" in pages[1] and "计算（进行中）" in pages[1]
    assert "计算（已完成）" in pages[2] and "写入结果（进行中）" in pages[2]


def test_a_year_without_data_fails_the_job_with_its_reason(login, cast):
    scheme = make_scheme(cast.regions.county)
    client = login(cast.admin)
    response = start(client, scheme, year=2021)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "2021年度没有企业数据，请先导入" in job.error
    assert not EvaluationRun.objects.exists()
    assert "2021年度没有企业数据" in client.get(response.url).content.decode()


def test_a_failure_while_writing_leaves_no_run_and_no_result(login, cast, monkeypatch):
    r = cast.regions
    scheme = make_scheme(r.county)
    enterprises(r.town1, 3)

    def broken(**kwargs):
        raise RuntimeError("disk full")

    # the ledger is written last, after the run and its results
    monkeypatch.setattr(events, "computed", broken)
    client = login(cast.admin)
    response = start(client, scheme)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and f"任务编号 {job.pk}" in job.error
    assert not EvaluationRun.objects.exists() and not EvaluationResult.objects.exists()
    page = client.get(response.url).content.decode()
    assert "未写入任何数据" in page and "disk full" not in page


def test_the_job_page_is_its_starters_only(login, cast, client):
    r = cast.regions
    scheme = make_scheme(r.town1)
    enterprises(r.town1, 2)
    response = start(login(cast.town1), scheme)
    job = Job.objects.get()
    assert job.status == JobStatus.DONE, job.error
    assert client.get(response.url).status_code == 200
    client.force_login(cast.town2)
    assert client.get(response.url).status_code == 404
    # nor may the other town run a scheme it cannot reach
    assert start(client, scheme).status_code == 404 and Job.objects.count() == 1
