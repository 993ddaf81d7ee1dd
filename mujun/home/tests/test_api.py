"""GET /api/home: each role's panels, with its own region's figures only — the same figures
as its page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mujun.accounts.models import ApiToken
from mujun.evaluation.models import EvaluationRun
from mujun.evaluation.testing import make_run
from mujun.service.testing import assign, make_problem

from .test_officer import red_project

pytestmark = pytest.mark.django_db


def answer(client, user):
    response = client.get("/api/home", HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def scene(cast, depts):
    """A red project and an overdue problem in each town, each problem with its department."""
    late = timezone.localdate() - timedelta(days=2)
    for region, name, department in (
        (cast.regions.town1, "城关", depts.one),
        (cast.regions.town2, "东岭", depts.two),
    ):
        red_project(region, name=f"{name}红色项目")
        make_problem(region, status="in_progress", due_on=late)
        assign(make_problem(region), department, due=late)
    run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=2)
    EvaluationRun.objects.filter(pk=run.pk).update(status="publicity")
    return depts


def test_anonymous_gets_401(client, db):
    assert client.get("/api/home").status_code == 401


def test_each_town_officer_reads_their_own_town_only(client, cast, scene):
    for user, own, other in ((cast.town1, "城关", "东岭"), (cast.town2, "东岭", "城关")):
        body = answer(client, user)
        assert body["page"] == "officer" and body["region"]["code"] == user.region.code
        officer = body["officer"]
        assert body["leader"] is None and body["department"] is None
        assert [p["name"] for p in officer["flagged"]["projects"]] == [f"{own}红色项目"]
        assert officer["flagged"]["red"] == 1 and officer["waiting"]["overdue"] == 1
        assert other not in str(body)


def test_a_leader_reads_every_town_and_what_waits_for_sign_off(client, cast, scene):
    body = answer(client, cast.leader)
    leader = body["leader"]
    assert body["page"] == "leader" and leader["region"] == "339102"
    assert {t["region"]: t["red"] for t in leader["flags_by_town"]} == {
        "339102001": 1,
        "339102002": 1,
    }
    assert leader["overdue"]["total"] == 4
    assert sorted(d["overdue"] for d in leader["overdue"]["by_department"]) == [1, 1]
    assert [r["year"] for r in leader["sign_off"]["runs"]] == [2022]


def test_a_viewer_reads_the_leaders_panels_without_sign_off(client, cast, scene):
    body = answer(client, cast.viewer)
    assert body["page"] == "leader" and body["leader"]["sign_off"] is None
    assert body["leader"]["overdue"]["total"] == 4


def test_a_department_reads_its_own_queue_only(client, cast, scene):
    body = answer(client, scene.user1)
    department = body["department"]
    assert body["page"] == "department" and body["leader"] is None
    assert department["department"] == scene.one.name
    assert (department["new"], department["overdue"]) == (1, 1)
    assert department["handling"]["raised"] == 1
    [row] = department["queue"]
    assert "东岭" not in str(body) and row["status"] == "assigned"


def test_an_admin_reads_the_system_and_the_leaders_panels(client, cast, scene):
    body = answer(client, cast.admin)
    assert body["page"] == "admin" and body["leader"]["region"] == "339102"
    admin = body["admin"]
    assert {u["key"]: u["count"] for u in admin["users"]}["officer"] == 2
    assert admin["database_bytes"] > 0 and admin["last_alert_refresh"] is None
