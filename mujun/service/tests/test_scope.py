"""Every enterprise-service page and endpoint in the inherited scope suites (core/testing.py),
with two towns and two departments; and the verbs' own scope."""

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.attraction.testing import make_official
from mujun.core.testing import ApiScopeSuite, ViewScopeSuite
from mujun.enterprises.testing import make_enterprise
from mujun.service.models import CommonIssue, Department, Liaison, Problem, Visit
from mujun.service.testing import assign, make_department, make_problem, make_visit


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


class TestProblemViewScope(ViewScopeSuite):
    model = Problem
    view_urls = ("service:problem", "service:problem_history")
    change_urls = ("service:problem_edit", "service:problem_archive")
    list_url = "service:problem_list"
    post_url = "service:problem_edit"

    def make(self, region):
        return make_problem(region, description=f"{region.name}企业的用地问题")

    def marker(self, obj):
        return obj.code

    def assign(self, obj, department):
        assign(obj, department)

    def post_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "category": "labour",
            "description": "改了",
            "source": "phone",
            "raised_on": "2026-03-02",
            "version": obj.version,
        }


class TestProblemApiScope(ApiScopeSuite):
    model = Problem
    base = "/api/service/problems"

    def make(self, region):
        return make_problem(region)

    def assign(self, obj, department):
        assign(obj, department)

    def patch_data(self, obj):
        return {"version": obj.version, "description": "改了"}


class TestVisitViewScope(ViewScopeSuite):
    model = Visit
    view_urls = ("service:visit", "service:visit_history")
    change_urls = ("service:visit_edit",)
    list_url = "service:visit_list"
    post_url = "service:visit_edit"

    def make(self, region):
        return make_visit(region, discussed=f"{region.name}走访交流")

    def marker(self, obj):
        return obj.enterprise.name

    def post_data(self, obj):
        return {
            "enterprise": obj.enterprise_id,
            "visited_on": "2026-03-03",
            "kind": "visit",
            "discussed": "改了",
            "version": obj.version,
        }


class TestVisitApiScope(ApiScopeSuite):
    model = Visit
    base = "/api/service/visits"

    def make(self, region):
        return make_visit(region)

    def patch_data(self, obj):
        return {"version": obj.version, "discussed": "改了"}


class TestDepartmentViewScope(ViewScopeSuite):
    model = Department
    view_urls = ("service:department", "service:department_history")
    change_urls = ("service:department_edit",)
    list_url = "service:department_list"
    post_url = "service:department_edit"

    def make(self, region):
        return make_department(region, name=f"{region.name}的部门")

    def marker(self, obj):
        return obj.name

    def assign(self, obj, department):
        # a department user reads its own department's record: make it theirs
        department.users.update(department=obj)

    def post_data(self, obj):
        return {"name": "改名", "region": obj.region.code, "version": obj.version}


class TestDepartmentApiScope(ApiScopeSuite):
    model = Department
    base = "/api/service/departments"
    patchable = False

    def make(self, region):
        return make_department(region)

    def assign(self, obj, department):
        department.users.update(department=obj)


class TestCommonIssueViewScope(ViewScopeSuite):
    model = CommonIssue
    view_urls = ("service:issue", "service:issue_history")
    change_urls = ("service:issue_edit",)
    list_url = "service:issue_list"
    post_url = "service:issue_solve"

    def make(self, region):
        return CommonIssue.objects.create(
            title=f"{region.name}标准厂房用电增容难", category="energy", region=region
        )

    def marker(self, obj):
        return obj.title

    def post_data(self, obj):
        return {"solution": "统一增容"}


class TestLiaisonViewScope(ViewScopeSuite):
    model = Liaison
    list_url = "service:liaison_list"

    def make(self, region):
        official = make_official(region, name=f"{region.name}的特派员")
        return Liaison.objects.create(
            official=official,
            role="commissioner",
            enterprise=make_enterprise(region),
            region=region,
        )

    def marker(self, obj):
        return obj.official.name


@pytest.mark.django_db
class TestVerbsScope:
    """The POST verbs: another town's problem, or a problem not assigned to the department,
    answers 404 and changes nothing."""

    @pytest.mark.parametrize("verb", ["handle", "accept", "reply", "return", "close", "rate"])
    def test_other_towns_problem(self, login, cast, verb):
        theirs = make_problem(cast.regions.town2)
        response = login(cast.town1).post(
            reverse(f"service:problem_{verb}", args=[theirs.pk]),
            {"handling": "resolve_locally", "note": "x", "reason": "x", "resolution": "x"},
        )
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == "new" and theirs.version == 1

    @pytest.mark.parametrize("verb", ["accept", "reply", "return", "handle"])
    def test_department_acting_on_a_problem_not_assigned_to_it(self, client, cast, depts, verb):
        mine = assign(make_problem(cast.regions.town1), depts.one)
        before = mine.version
        response = client.post(
            f"/api/service/problems/{mine.pk}/{verb}",
            {"note": "答复", "reason": "不属本部门", "handling": "escalate"},
            content_type="application/json",
            **auth(depts.user2),
        )
        assert response.status_code == 404
        mine.refresh_from_db()
        assert mine.status == "assigned" and mine.version == before

    def test_department_list_shows_only_its_problems_and_no_town_data(self, client, cast, depts):
        assigned = assign(make_problem(cast.regions.town1), depts.one)
        make_problem(cast.regions.town1)
        make_problem(cast.regions.town2)
        headers = auth(depts.user1)
        ids = {p["id"] for p in client.get("/api/service/problems", **headers).json()["items"]}
        assert ids == {assigned.pk}
        enterprises = client.get("/api/enterprises", **headers).json()["items"]
        assert [e["id"] for e in enterprises] == [assigned.enterprise_id]
        assert client.get("/api/projects", **headers).json()["items"] == []
        assert client.get("/api/service/visits", **headers).json()["items"] == []

    def test_town_sees_the_departments_reply(self, client, cast, depts):
        problem = assign(make_problem(cast.regions.town1), depts.one)
        answer = client.post(
            f"/api/service/problems/{problem.pk}/reply",
            {"note": "已安排用地指标"},
            content_type="application/json",
            **auth(depts.user1),
        )
        assert answer.status_code == 200
        town = client.get(f"/api/service/problems/{problem.pk}", **auth(cast.town1)).json()
        assert town["reply"] == "已安排用地指标"
        assert any("已安排用地指标" in e["text"] for e in town["timeline"])
        other = client.get(f"/api/service/problems/{problem.pk}", **auth(cast.town2))
        assert other.status_code == 404

    def test_reports_of_another_town_answer_404(self, client, cast):
        headers = auth(cast.town1)
        assert (
            client.get(
                "/api/service/stats?region=339102002&start=2026-01&end=2026-12", **headers
            ).status_code
            == 404
        )
        assert (
            client.get(
                "/api/service/coverage?region=339102002&start=2026-01-01&end=2026-12-31",
                **headers,
            ).status_code
            == 404
        )
