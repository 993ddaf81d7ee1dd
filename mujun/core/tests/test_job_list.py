"""后台任务: the list of a user's background jobs — only their own (an administrator: those of
the users of their region), filtered by status, kind and text, exported as filtered, with a
query count that does not grow with the jobs."""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from mujun.core.choices import JobStatus
from mujun.core.models import Job
from mujun.core.query_counts import assert_query_baseline

BASELINES = Path(__file__).with_name("query_counts.json")
LIST = reverse("core:job_list")


def make_job(user, title="导入企业名录", **fields):
    fields.setdefault("filename", "名录.xlsx")
    fields.setdefault("status", JobStatus.DONE)
    fields.setdefault("task", "mujun.enterprises.imports.EnterpriseImporter")
    return Job.objects.create(user=user, title=title, **fields)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def titles(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestJobList:
    def test_each_town_officer_sees_only_their_own_jobs(self, cast):
        make_job(cast.town1, "一镇的导入")
        make_job(cast.town2, "二镇的导入")
        one, two = titles(logged_in(cast.town1).get(LIST)), titles(logged_in(cast.town2).get(LIST))
        assert "一镇的导入" in one and "二镇的导入" not in one
        assert "二镇的导入" in two and "一镇的导入" not in two
        # nor through the export
        export = logged_in(cast.town1).get(LIST + "?export=csv")
        text = b"".join(export.streaming_content).decode("utf-8-sig")
        assert "一镇的导入" in text and "二镇的导入" not in text

    def test_the_county_administrator_sees_the_jobs_of_the_users_below(self, cast):
        make_job(cast.town1, "一镇的导入")
        make_job(cast.town2, "二镇的导入")
        make_job(cast.root, "系统管理员的导入")
        page = titles(logged_in(cast.admin).get(LIST))
        assert "一镇的导入" in page and "二镇的导入" in page
        assert "系统管理员的导入" not in page  # a user with no region is nobody's below

    def test_times_are_shown_on_the_installation_clock_to_the_minute(self, cast, settings):
        from datetime import UTC, datetime

        settings.TIME_ZONE = "Asia/Shanghai"
        make_job(cast.town1, created_at=datetime(2026, 3, 1, 23, 30, 15, tzinfo=UTC))
        page = titles(logged_in(cast.town1).get(LIST))
        assert "2026-03-02 07:30" in page and "23:30:15" not in page
        export = logged_in(cast.town1).get(LIST + "?export=csv")
        assert "2026-03-02 07:30" in b"".join(export.streaming_content).decode("utf-8-sig")

    def test_a_job_links_to_its_own_page(self, cast):
        job = make_job(cast.town1)
        page = titles(logged_in(cast.town1).get(LIST))
        assert reverse("core:job", args=[job.pk]) in page

    def test_filters_by_status_kind_text_and_what_wrote_nothing(self, cast):
        make_job(cast.town1, "成功的导入", written=10)
        make_job(cast.town1, "有错的导入", problem_count=3)
        make_job(cast.town1, "失败的导入", status=JobStatus.FAILED, error="处理程序出错")
        make_job(
            cast.town1, "黄岩2025年度亩均评价", filename="", task="mujun.evaluation.jobs.RunJob"
        )
        client = logged_in(cast.town1)

        def shown(query):
            page = titles(client.get(LIST + query))
            names = ("成功的导入", "有错的导入", "失败的导入", "黄岩2025年度亩均评价")
            return {name for name in names if name in page}

        # an import refused for the problems of its file ran to its end but wrote nothing:
        # shown and found among the failed, as the home pages count it
        assert shown("?status=failed") == {"有错的导入", "失败的导入"}
        assert shown("?status=done") == {"成功的导入", "黄岩2025年度亩均评价"}
        page = titles(client.get(LIST + "?q=有错"))
        assert "未写入（文件有错）" in page and "<td>已完成</td>" not in page
        assert shown("?kind=other") == {"黄岩2025年度亩均评价"}
        assert shown("?kind=import") == {"成功的导入", "有错的导入", "失败的导入"}
        assert shown("?problems=on") == {"有错的导入", "失败的导入"}
        assert shown("?q=成功") == {"成功的导入"}
        assert shown("?q=名录") == {"成功的导入", "有错的导入", "失败的导入"}

    def test_an_unknown_status_is_said_beside_its_field(self, cast):
        make_job(cast.town1, "一镇的导入")
        page = titles(logged_in(cast.town1).get(LIST + "?status=lost"))
        assert "一镇的导入" not in page
        assert "lost" in page and "errorlist" in page

    def test_a_user_without_jobs_sees_an_empty_list(self, cast):
        page = titles(logged_in(cast.town2).get(LIST))
        assert "没有符合条件的记录" in page

    def test_a_job_whose_worker_died_is_listed_as_failed(self, cast, settings):
        from datetime import timedelta

        from django.utils import timezone

        stale = timezone.now() - timedelta(seconds=settings.MUJUN_JOB_STALE_SECONDS + 60)
        job = make_job(cast.town1, status=JobStatus.RUNNING, heartbeat_at=stale)
        titles(logged_in(cast.town1).get(LIST))
        job.refresh_from_db()
        assert job.status == JobStatus.FAILED

    def test_the_header_links_every_page_to_the_list(self, cast):
        assert LIST in titles(logged_in(cast.town1).get(reverse("home:home")))

    def test_anonymous_users_are_sent_to_log_in(self, client):
        response = client.get(LIST)
        assert response.status_code == 302 and "login" in response.url


@pytest.mark.django_db
def test_job_list_query_count(cast):
    assert_query_baseline(
        BASELINES,
        "core:job_list",
        logged_in(cast.town1),
        LIST,
        lambda n: [make_job(cast.town1, f"导入{i}") for i in range(n)],
    )
