"""The project list's stored figures, its rows' derived figures, and its filters (one
FilterSet for the page and the API)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mujun.accounts.models import ApiToken
from mujun.projects import actions
from mujun.projects.alerts import refresh_alerts, today
from mujun.projects.figures import figures_for
from mujun.projects.filters import ProjectFilterSet
from mujun.projects.listing import decorate
from mujun.projects.models import Project, ProjectTag
from mujun.projects.testing import make_project


def stored(project):
    project.refresh_from_db()
    return (project.completed_total, project.completed_this_year, project.plan_this_year)


def computed(project, as_of=None):
    f = figures_for([project.pk], as_of or today())[project.pk]
    return (f.completed_total, f.completed_this_year, f.plan_this_year)


@pytest.fixture
def reported(cast):
    """A project of 城关街道 with a plan for this year and reports of last and this year."""
    day = today()
    p = make_project(cast.regions.town1, planned_completed=day + timedelta(days=200))
    actions.set_plan(p, year=day.year, planned_investment=Decimal("500"), user=cast.town1)
    for year, month, amount in ((day.year - 1, 11, "70"), (day.year - 1, 12, "30")):
        actions.file_report(
            p, year=year, month=month, completed_investment=Decimal(amount), user=cast.town1
        )
    actions.file_report(
        p, year=day.year, month=1, completed_investment=Decimal("40"), user=cast.town1
    )
    return p


@pytest.mark.django_db
class TestStoredFigures:
    def test_reports_and_plans_store_the_figures_the_alert_used(self, reported):
        assert stored(reported) == computed(reported) == (Decimal(140), Decimal(40), Decimal(500))
        assert reported.alerts_as_of == today()

    def test_second_refresh_with_nothing_changed_changes_nothing(self, reported):
        assert refresh_alerts(Project.objects.filter(pk=reported.pk)) == 0

    def test_refresh_repairs_figures_stored_wrong(self, reported):
        Project.objects.filter(pk=reported.pk).update(completed_total=0, plan_this_year=None)
        assert refresh_alerts(Project.objects.all()) == 1
        assert stored(reported) == computed(reported)
        assert refresh_alerts(Project.objects.all()) == 0


@pytest.mark.django_db
class TestDecorate:
    def test_stored_and_computed_paths_agree_for_a_fresh_project(
        self, reported, django_assert_num_queries
    ):
        fresh = Project.objects.get(pk=reported.pk)
        stale = Project.objects.get(pk=reported.pk)
        stale.alerts_as_of = today() - timedelta(days=1)  # in memory only
        with django_assert_num_queries(2):  # the tiers, the liaisons; figures and alert stored
            decorate([fresh])
        with django_assert_num_queries(4):  # the tiers, liaisons, reports and plans
            decorate([stale])
        assert fresh.figures == stale.figures
        assert (fresh.alert.level, fresh.alert.reasons) == (stale.alert.level, stale.alert.reasons)

    def test_stale_row_gets_computed_figures_not_the_stored_ones(self, reported):
        Project.objects.filter(pk=reported.pk).update(
            alerts_as_of=today() - timedelta(days=1),
            completed_total=0,
            completed_this_year=0,
            plan_this_year=None,
        )
        [p] = decorate([Project.objects.get(pk=reported.pk)])
        f = p.figures
        assert (f.completed_total, f.completed_this_year, f.plan_this_year) == computed(reported)
        assert f.plan_this_year == Decimal(500)

    def test_another_date_is_computed_for_that_date(self, reported):
        last_year_end = date(today().year - 1, 12, 31)
        [p] = decorate([Project.objects.get(pk=reported.pk)], as_of=last_year_end)
        f = p.figures
        assert (f.completed_total, f.completed_this_year, f.plan_this_year) == (
            Decimal(100),
            Decimal(100),
            None,
        )


@pytest.mark.django_db
def test_a_list_shows_todays_alert_of_a_stale_row_and_writes_nothing(client, cast, reported):
    """The daily run and the verbs store alerts; opening a list never writes."""
    yesterday = today() - timedelta(days=1)
    Project.objects.filter(pk=reported.pk).update(alerts_as_of=yesterday, completed_total=0)
    client.force_login(cast.town1)
    page = client.get("/projects/").content.decode()
    assert "140" in page  # the computed figure, not the stored 0
    api = client.get("/api/projects").json()["items"][0]
    assert api["completed_investment_wan"] == "140.0000"
    assert Project.objects.get(pk=reported.pk).alerts_as_of == yesterday


@pytest.fixture
def listed(cast):
    """城关: AB001 (省重点, started), AB002 (省重点, signed); 东岭: CD003 (started)."""
    tier = ProjectTag.objects.get(key="provincial_key")
    a = make_project(cast.regions.town1, code="AB001", name="城关AI产业园")
    b = make_project(cast.regions.town1, code="AB002", name="城关仓储", stage="signed")
    c = make_project(cast.regions.town2, code="CD003", name="东岭新材料")
    a.tags.add(tier)
    b.tags.add(tier)
    return a, b, c, tier


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def filtered(data, user=None, queryset=None):
    """The codes of the projects ``ProjectFilterSet`` selects for ``data`` (a superuser's
    request unless ``user`` is given)."""
    from types import SimpleNamespace

    from mujun.accounts.models import User

    user = user or User(is_superuser=True, is_active=True)
    queryset = Project.objects.for_user(user) if queryset is None else queryset
    filterset = ProjectFilterSet(data, queryset=queryset, request=SimpleNamespace(user=user))
    assert filterset.is_valid(), filterset.errors
    return codes(filterset.qs)


@pytest.mark.django_db
class TestFilters:
    def test_region_code_covers_the_region_and_its_subtree(self, cast, listed):
        r = cast.regions
        assert filtered({"region": r.town1.code}) == ["AB001", "AB002"]
        assert filtered({"region": r.county.code}) == ["AB001", "AB002", "CD003"]

    def test_an_unknown_or_foreign_region_is_an_invalid_choice(self, cast, listed):
        from types import SimpleNamespace

        for code, user in (("999999", cast.leader), (cast.regions.town2.code, cast.town1)):
            filterset = ProjectFilterSet(
                {"region": code},
                queryset=Project.objects.for_user(user),
                request=SimpleNamespace(user=user),
            )
            assert not filterset.is_valid() and "region" in filterset.errors

    def test_tier_key_matches_the_tier(self, listed):
        assert filtered({"tier": "provincial_key"}) == ["AB001", "AB002"]

    def test_search_ignores_case_on_code_and_name(self, listed):
        assert filtered({"q": "ab0"}) == ["AB001", "AB002"]
        assert codes(Project.objects.search("cd00")) == ["CD003"]  # the code only
        assert filtered({"q": " ai产业 "}) == ["AB001"]  # the name only
        assert filtered({"q": "新材料"}) == ["CD003"]
        assert filtered({"q": "zz"}) == []

    def test_wildcards_in_a_search_are_plain_characters(self, cast):
        make_project(cast.regions.town1, code="W1", name="城关_甲%")
        make_project(cast.regions.town1, code="W2", name="城关乙甲")
        assert filtered({"q": "关_甲"}) == ["W1"]
        assert filtered({"q": "甲%"}) == ["W1"]
        assert filtered({"q": "w_"}) == []

    def test_filters_and_together(self, cast, listed):
        data = {"region": cast.regions.county.code, "stage": "started", "tier": "provincial_key"}
        assert filtered(data) == ["AB001"]
        assert filtered({**data, "q": "仓储"}) == []

    def test_lagging_is_yellow_or_red(self, cast):
        day = today()
        for code, late in (("Y", 40), ("R", 100), ("N", 0)):
            make_project(cast.regions.town1, code=code, planned_completed=day - timedelta(late))
        refresh_alerts(Project.objects.all())
        levels = dict(Project.objects.values_list("code", "alert_level"))
        assert levels == {"Y": "yellow", "R": "red", "N": "none"}
        assert codes(Project.objects.lagging()) == ["R", "Y"]
        assert filtered({"alert": "lagging"}) == ["R", "Y"]
        assert filtered({"alert": "red"}) == ["R"]

    def test_archived_only_when_asked(self, listed):
        a, *_ = listed
        Project.objects.filter(pk=a.pk).update(is_archived=True)
        assert filtered({"q": "AB"}) == ["AB002"]
        assert filtered({"q": "AB", "archived": True}) == ["AB001", "AB002"]

    def test_billion_and_industry(self, cast):
        make_project(cast.regions.town1, code="BIG", total_investment=10000, industry_code="3411")
        make_project(cast.regions.town1, code="SMALL", total_investment=9999, industry_code="2611")
        assert filtered({"billion": True}) == ["BIG"]
        assert filtered({"industry": "26"}) == ["SMALL"]

    def test_region_choices_are_each_users_own(self, cast):
        from types import SimpleNamespace

        def towns(user):
            filterset = ProjectFilterSet(
                {}, queryset=Project.objects.none(), request=SimpleNamespace(user=user)
            )
            return [str(label) for _, label in filterset.form.fields["region"].choices][1:]

        assert towns(cast.town1) == ["城关街道"]
        assert set(towns(cast.leader)) == {"青溪县", "城关街道", "东岭镇"}


def api_list(client, user, query=""):
    token = ApiToken.issue(user)
    response = client.get(f"/api/projects{query}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
class TestListApi:
    def test_region_code_filters_and_rows_carry_the_region(self, client, cast, listed):
        body = api_list(client, cast.leader, "?region=339102002")
        assert body["count"] == 1
        [item] = body["items"]
        assert (item["code"], item["region"], item["region_name"]) == (
            "CD003",
            "339102002",
            "东岭镇",
        )
        county = api_list(client, cast.leader, "?region=339102")
        assert county["count"] == 3

    def test_tier_key_filters(self, client, cast, listed):
        body = api_list(client, cast.leader, "?tier=provincial_key")
        assert sorted(i["code"] for i in body["items"]) == ["AB001", "AB002"]
        assert all(i["tiers"] == ["provincial_key"] for i in body["items"])
        client.force_login(cast.leader)
        assert client.get("/api/projects?tier=nope").status_code == 422

    def test_out_of_scope_region_answers_422_as_an_unknown_one(self, client, cast, listed):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.town1)}"}
        for code in ("339102002", "339102", "123456789"):
            response = client.get(f"/api/projects?region={code}", **headers)
            assert response.status_code == 422 and "region" in response.json()["detail"]
        assert api_list(client, cast.town1, "?region=339102001")["count"] == 2

    def test_page_and_api_share_the_filters_names(self, client, cast, listed):
        client.force_login(cast.leader)
        query = "?region=339102001&stage=signed&tier=provincial_key"
        page = client.get(f"/projects/{query}").content.decode()
        assert "AB002" in page and "AB001" not in page
        assert [i["code"] for i in api_list(client, cast.leader, query)["items"]] == ["AB002"]
