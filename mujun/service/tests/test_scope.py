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


class TestLiaisonApiScope(ApiScopeSuite):
    model = Liaison
    base = "/api/service/liaisons"
    patchable = False

    def make(self, region):
        return TestLiaisonViewScope().make(region)


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


@pytest.mark.django_db
class TestReportsAndOtherPagesScope:
    """The pages outside the inherited suites, with two towns and two departments."""

    def test_statistics_and_coverage_pages_show_only_the_users_region(self, login, cast, depts):
        make_problem(cast.regions.town2, description="东岭的问题")
        client = login(cast.town1)
        own = client.get(reverse("service:stats")).content.decode()
        assert "城关街道共收集企业问题0个" in own
        other = client.get(
            reverse("service:stats") + "?region=339102002&start=2026-01&end=2026-12"
        ).content.decode()
        assert "东岭镇共收集" not in other and 'id="sentence"' not in other
        covered = client.get(
            reverse("service:coverage") + "?region=339102002&start=2026-01-01&end=2026-12-31"
        ).content.decode()
        assert 'id="coverage-sentence"' not in covered
        for user in (depts.user1, depts.user2):
            page = (
                login(user)
                .get(reverse("service:stats") + "?region=339102&start=2026-01&end=2026-12")
                .content.decode()
            )
            assert 'id="sentence"' not in page

    def test_departments_get_404_on_the_reports_api(self, client, cast, depts):
        assign(make_problem(cast.regions.town1), depts.one)
        headers = auth(depts.user1)
        for url in (
            "/api/service/stats?region=339102&start=2026-01&end=2026-12",
            "/api/service/coverage?region=339102&start=2026-01-01&end=2026-12-31",
        ):
            assert client.get(url, **headers).status_code == 404

    def test_liaison_pages_of_another_town_and_of_a_department(self, login, cast, depts):
        theirs = make_enterprise(cast.regions.town2)
        url = reverse("service:enterprise_liaisons", args=[theirs.pk])
        assert login(cast.town1).get(url).status_code == 404
        assert login(depts.user1).get(url).status_code == 403
        assert login(cast.town2).get(url).status_code == 200

    def test_a_reminder_of_someone_else_is_a_404(self, login, cast):
        from mujun.service.models import Reminder

        problem = make_problem(cast.regions.town2)
        reminder = Reminder.objects.create(
            user=cast.town2, problem=problem, kind="overdue", text="x"
        )
        response = login(cast.town1).post(reverse("service:reminder_read", args=[reminder.pk]))
        assert response.status_code == 404
        reminder.refresh_from_db()
        assert reminder.read_at is None

    def test_candidates_and_department_pages_list_only_what_the_user_sees(self, login, cast, depts):
        for region in (cast.regions.town1, cast.regions.town2, cast.regions.town2):
            make_problem(
                region, category="energy", description="标准厂房用电增容审批慢，变压器容量不足"
            )
        mine = assign(make_problem(cast.regions.town2, description="东岭用地"), depts.one)
        page = login(cast.town1).get(reverse("service:issue_candidates")).content.decode()
        assert "东岭镇" not in page
        queue = (
            login(depts.user1)
            .get(reverse("service:department", args=[depts.one.pk]))
            .content.decode()
        )
        assert mine.code in queue
        assert (
            login(depts.user2).get(reverse("service:department", args=[depts.one.pk])).status_code
            == 404
        )
        town_view = (
            login(cast.town1)
            .get(reverse("service:department", args=[depts.one.pk]))
            .content.decode()
        )
        assert mine.code not in town_view  # another town's problem, though the same department

    def test_imports_are_refused_to_departments(self, login, depts):
        for name in ("service:problem_import", "service:visit_import"):
            assert login(depts.user1).get(reverse(name)).status_code == 403

    def test_department_menu_shows_only_its_work(self, login, depts):
        page = login(depts.user1).get(reverse("home:home")).content.decode()
        nav = page.split('<nav class="mainnav">')[1].split("</nav>")[0]
        assert "企业服务" in nav and "项目库" not in nav and "企业库" not in nav
