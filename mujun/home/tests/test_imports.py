"""The imports panels: an officer's own failed imports of the last 30 days, an admin's last
imports of their region's users, on the page and in /api/home."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mujun.accounts.models import ApiToken
from mujun.core.choices import JobStatus
from mujun.core.models import Job
from mujun.home import imports

pytestmark = pytest.mark.django_db


def job(user, filename, *, status=JobStatus.DONE, problems=0, days_ago=0, written=0):
    return Job.objects.create(
        title="企业名录导入",
        task="mujun.enterprises.imports.EnterpriseImporter",
        user=user,
        filename=filename,
        status=status,
        total=5,
        written=written,
        problem_count=problems,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def history(cast):
    return {
        "bad1": job(cast.town1, "一镇-问题.csv", problems=2),
        "broke1": job(cast.town1, "一镇-出错.csv", status=JobStatus.FAILED),
        "old1": job(cast.town1, "一镇-上月.csv", problems=1, days_ago=31),
        "ok1": job(cast.town1, "一镇-完成.csv", written=5),
        "bad2": job(cast.town2, "二镇-问题.csv", problems=3),
        "ok2": job(cast.town2, "二镇-完成.csv", written=5),
    }


def names(jobs) -> set[str]:
    return {j.filename for j in jobs}


class TestFailedImports:
    def test_each_officer_sees_only_their_own_failures_of_30_days(self, cast, history):
        today = timezone.localdate()
        mine = imports.failed_imports(cast.town1, today)
        assert mine.count == 2 and names(mine.jobs) == {"一镇-问题.csv", "一镇-出错.csv"}
        theirs = imports.failed_imports(cast.town2, today)
        assert theirs.count == 1 and names(theirs.jobs) == {"二镇-问题.csv"}

    def test_a_failed_evaluation_run_is_no_import(self, cast, history):
        Job.objects.create(
            title="亩均评价计算",
            task="mujun.evaluation.jobs.EvaluationRunTask",
            user=cast.town1,
            status=JobStatus.FAILED,
        )
        today = timezone.localdate()
        assert imports.failed_imports(cast.town1, today).count == 2
        assert all(j.filename for j in imports.recent_imports(cast.town1))

    def test_the_page_links_each_to_its_job(self, login, cast, history):
        page = login(cast.town1).get(reverse("home:home")).content.decode()
        assert "我导入失败的文件" in page and "一镇-问题.csv" in page and "一镇-出错.csv" in page
        assert reverse("core:job", args=[history["bad1"].pk]) in page
        assert "2 处问题，未写入" in page and "失败，未写入" in page
        assert "二镇" not in page and "一镇-完成.csv" not in page and "一镇-上月.csv" not in page

    def test_an_officer_without_failures_is_told_so(self, login, cast):
        page = login(cast.town2).get(reverse("home:home")).content.decode()
        assert "近 30 天没有失败的导入。" in page

    def test_the_api_answers_the_same(self, client, cast, history):
        token = ApiToken.issue(cast.town2)
        answer = client.get("/api/home", HTTP_AUTHORIZATION=f"Bearer {token}").json()
        failed = answer["officer"]["failed_imports"]
        assert failed["days"] == 30 and failed["count"] == 1
        [row] = failed["imports"]
        assert row["id"] == history["bad2"].pk and row["failed"] and row["problems"] == 3
        assert row["user"] == cast.town2.username


class TestRecentImports:
    def test_the_admin_sees_the_last_imports_of_the_regions_users(self, cast, history):
        assert names(imports.recent_imports(cast.admin)) == {j.filename for j in history.values()}

    def test_an_officer_reads_only_their_own(self, cast, history):
        assert {j.user for j in imports.recent_imports(cast.town1)} == {cast.town1}

    def test_the_admin_page_shows_who_and_the_outcome(self, login, cast, history):
        page = login(cast.admin).get(reverse("home:home")).content.decode()
        assert "最近的导入" in page and "二镇-完成.csv" in page and "一镇-出错.csv" in page
        assert cast.town2.display_name in page and "已写入 5 条" in page
        assert reverse("core:job", args=[history["ok2"].pk]) in page

    def test_the_api_marks_the_outcome(self, client, cast, history):
        token = ApiToken.issue(cast.admin)
        answer = client.get("/api/home", HTTP_AUTHORIZATION=f"Bearer {token}").json()
        rows = {r["filename"]: r for r in answer["admin"]["imports"]}
        assert len(rows) == 6
        assert rows["二镇-完成.csv"]["failed"] is False and rows["二镇-完成.csv"]["written"] == 5
        assert rows["一镇-出错.csv"]["failed"] and rows["一镇-出错.csv"]["status"] == "failed"
