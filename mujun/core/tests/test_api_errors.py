"""No input answers 500 (issue 21, item 7): each of the reported reproductions answers 4xx
with a Chinese message, a simultaneous write 200 or 409."""

import threading
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.evaluation.models import Scheme
from mujun.evaluation.testing import SCHEME, make_run, make_scheme
from mujun.projects.models import AnnualPlan, MonthlyReport
from mujun.projects.testing import make_project

pytestmark = pytest.mark.django_db

PAGED = [
    "/api/enterprises",
    "/api/projects",
    "/api/indicators/values",
    "/api/evaluation/schemes",
    "/api/evaluation/runs",
    "/api/evaluation/runs/{run}/results",
    "/api/reader/reports",
]


def _chinese(text) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))


@pytest.fixture
def admin_api(client, cast):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.admin)}"}

    class Api:
        def get(self, url):
            return client.get(url, **headers)

        def send(self, method, url, body):
            return getattr(client, method)(url, body, content_type="application/json", **headers)

    return Api()


def test_a_patch_with_null_for_a_list_answers_422(admin_api, cast):
    project = make_project(cast.regions.town1)
    response = admin_api.send(
        "patch", f"/api/projects/{project.pk}", {"tiers": None, "version": project.version}
    )
    assert response.status_code == 422
    assert _chinese(response.json()["detail"]["tiers"][0])


def test_a_patch_may_still_clear_a_field_that_may_be_empty(admin_api, cast):
    project = make_project(cast.regions.town1, fixed_asset_investment=Decimal("10"))
    response = admin_api.send(
        "patch",
        f"/api/projects/{project.pk}",
        {"fixed_asset_investment_wan": None, "version": project.version},
    )
    assert response.status_code == 200 and response.json()["fixed_asset_investment_wan"] is None


class TestSchemeTwice:
    def test_the_api_answers_422(self, admin_api, cast):
        make_scheme(cast.regions.county)
        response = admin_api.send(
            "post", "/api/evaluation/schemes", {"region": "339102", "text": SCHEME}
        )
        assert response.status_code == 422
        assert "已有同名方案" in str(response.json()["detail"])
        assert Scheme.objects.count() == 1

    def test_the_form_and_the_upload_answer_400(self, login, cast):
        make_scheme(cast.regions.county)
        client = login(cast.admin)
        typed = client.post(reverse("evaluation:scheme_add"), {"region": "339102", "text": SCHEME})
        uploaded = client.post(
            reverse("evaluation:scheme_add"),
            {
                "region": "339102",
                "upload": SimpleUploadedFile("s.toml", SCHEME.encode(), "application/toml"),
            },
        )
        for response in (typed, uploaded):
            assert response.status_code == 400 and "已有同名方案" in response.content.decode()
        assert Scheme.objects.count() == 1

    def test_editing_a_scheme_keeps_its_own_name(self, admin_api, cast):
        scheme = make_scheme(cast.regions.county)
        response = admin_api.send(
            "patch",
            f"/api/evaluation/schemes/{scheme.pk}",
            {"text": SCHEME + "\n# 备注\n", "version": scheme.version},
        )
        assert response.status_code == 200


def test_a_deeply_nested_scheme_answers_422(admin_api, cast):
    text = "name = 'x'\nsource = 'y'\na = " + "[" * 20_000 + "]" * 20_000
    response = admin_api.send("post", "/api/evaluation/schemes", {"region": "339102", "text": text})
    assert response.status_code == 422 and "nested too deeply" in str(response.json())


def test_a_huge_weight_is_refused_when_saved_not_when_run(admin_api, cast):
    text = SCHEME.replace("weight = 60", "weight = 1e400")
    response = admin_api.send("post", "/api/evaluation/schemes", {"region": "339102", "text": text})
    assert response.status_code == 422 and "weight" in str(response.json()["detail"]["problems"])


@pytest.mark.parametrize("field", ["key", "region", "unit"])
def test_accepting_a_fact_with_null_answers_422(admin_api, cast, field):
    response = admin_api.send(
        "post",
        "/api/reader/accept",
        {
            "text": "2024年1-5月，萍乡经开区规上工业增加值增长8%。",
            "facts": [{"index": 0, field: None}],
        },
    )
    assert response.status_code == 422
    assert _chinese(response.json()["detail"][f"facts.0.{field}"][0])


@pytest.mark.parametrize("year", [0, 1999, 2101, 10000])
def test_a_summary_of_an_impossible_year_answers_422(admin_api, cast, year):
    response = admin_api.get(f"/api/projects/summary?year={year}&month=1")
    assert response.status_code == 422 and _chinese(response.json()["detail"]["year"][0])


@pytest.mark.parametrize("url", PAGED)
def test_a_page_beyond_any_integer_answers_422_and_a_page_past_the_last_is_empty(
    admin_api, cast, url
):
    run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=1)
    url = url.format(run=run.pk)
    huge = admin_api.get(f"{url}?page=18446744073709551615")
    assert huge.status_code == 422 and _chinese(huge.json()["detail"]["page"][0])
    past = admin_api.get(f"{url}?page=999999")
    assert past.status_code == 200 and past.json()["items"] == []


def test_errors_read_in_chinese(client, admin_api, cast):
    assert _chinese(admin_api.get("/api/projects/987654").json()["detail"])
    assert _chinese(client.get("/api/projects").json()["detail"])
    bad_json = admin_api.send("post", "/api/indicators/values", "{bad")
    assert bad_json.status_code == 400 and _chinese(bad_json.json()["detail"])
    wrong_type = admin_api.send("post", "/api/indicators/values", {"x": 1})
    assert wrong_type.status_code == 422 and _chinese(wrong_type.json()["detail"]["__all__"][0])


def _race(times, work):
    """``work(i)`` in ``times`` threads at once; their status codes."""
    codes, errors = [], []
    barrier = threading.Barrier(times)

    def run(i):
        try:
            barrier.wait()
            codes.append(work(i))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return codes


@pytest.mark.django_db(transaction=True)
def test_simultaneous_plans_and_reports_of_one_project_never_answer_500(cast):
    from django.test import Client

    project = make_project(cast.regions.town1)
    raw = ApiToken.issue(cast.town1)

    def put_plan(i):
        return (
            Client()
            .put(
                f"/api/projects/{project.pk}/plans/2025",
                {"planned_investment_wan": str(1000 + i)},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {raw}",
            )
            .status_code
        )

    def post_report(i):
        return (
            Client()
            .post(
                f"/api/projects/{project.pk}/reports",
                {"year": 2025, "month": 3, "completed_investment_wan": str(10 + i)},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {raw}",
            )
            .status_code
        )

    for _ in range(3):
        assert set(_race(4, put_plan)) <= {200, 409}
        assert set(_race(4, post_report)) <= {201, 409}
    assert AnnualPlan.objects.filter(project=project, year=2025).count() == 1
    assert MonthlyReport.objects.filter(project=project, year=2025, month=3).count() == 1


def test_debug_is_off_unless_asked_for():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    out = subprocess.run(
        [sys.executable, "-c", "import mujun.settings.base as s; print(s.DEBUG)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


def test_an_unexpected_error_answers_a_chinese_500_without_a_traceback(
    client, login, admin_api, cast, monkeypatch
):
    from mujun.enterprises import api as enterprise_api
    from mujun.enterprises import views as enterprise_views

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(enterprise_views.EnterpriseListView, "get", boom)
    monkeypatch.setattr(enterprise_api, "paginate", boom)
    client.raise_request_exception = False
    page = login(cast.town1).get("/enterprises/")
    assert page.status_code == 500
    assert "服务器内部错误" in page.content.decode() and "secret" not in page.content.decode()
    api = admin_api.get("/api/enterprises")
    assert api.status_code == 500 and _chinese(api.json()["detail"])
    assert "secret" not in api.content.decode()


def test_an_api_path_that_matches_no_operation_answers_json(admin_api, client):
    for url in ("/api/enterprises/null,null", "/api/no-such-thing"):
        response = admin_api.get(url)
        assert response.status_code == 404 and response["Content-Type"].startswith(
            "application/json"
        )
        assert _chinese(response.json()["detail"])
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and "页面不存在" in page.content.decode()
