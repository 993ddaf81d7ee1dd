"""Project lists: figures stored with the alert, rows built from values, and the list filters."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from mujun.accounts.models import ApiToken
from mujun.projects import actions, services
from mujun.projects.api import project_out
from mujun.projects.models import Project, ProjectTag
from mujun.projects.rows import fetch_rows, iterate_rows, row_values, to_row
from mujun.projects.tables import ProjectTable
from mujun.projects.testing import make_project


def stored(project):
    project.refresh_from_db()
    return (project.completed_total, project.completed_this_year, project.plan_this_year)


def computed(project, as_of=None):
    f = services.figures_for([project.pk], as_of or services.today())[project.pk]
    return (f.completed_total, f.completed_this_year, f.plan_this_year)


@pytest.fixture
def reported(cast):
    """A project of 城关街道 with a plan for this year and reports of last and this year."""
    today = services.today()
    p = make_project(cast.regions.town1, planned_completed=today + timedelta(days=200))
    actions.set_plan(p, year=today.year, planned_investment=Decimal("500"), user=cast.town1)
    for year, month, amount in ((today.year - 1, 11, "70"), (today.year - 1, 12, "30")):
        actions.file_report(
            p, year=year, month=month, completed_investment=Decimal(amount), user=cast.town1
        )
    actions.file_report(
        p, year=today.year, month=1, completed_investment=Decimal("40"), user=cast.town1
    )
    return p


@pytest.mark.django_db
class TestStoredFigures:
    def test_reports_and_plans_store_the_figures_the_alert_used(self, reported):
        assert stored(reported) == computed(reported) == (Decimal(140), Decimal(40), Decimal(500))
        assert reported.alerts_as_of == services.today()

    def test_second_refresh_with_nothing_changed_changes_nothing(self, reported):
        assert services.refresh_alerts(Project.objects.filter(pk=reported.pk)) == 0

    def test_refresh_repairs_figures_stored_wrong(self, reported):
        Project.objects.filter(pk=reported.pk).update(completed_total=0, plan_this_year=None)
        assert services.refresh_alerts(Project.objects.all()) == 1
        assert stored(reported) == computed(reported)
        assert services.refresh_alerts(Project.objects.all()) == 0


@pytest.mark.django_db
class TestDecorate:
    def test_stored_and_computed_paths_agree_for_a_fresh_project(
        self, reported, django_assert_num_queries
    ):
        fresh = Project.objects.get(pk=reported.pk)
        stale = Project.objects.get(pk=reported.pk)
        stale.alerts_as_of = services.today() - timedelta(days=1)  # in memory only
        with django_assert_num_queries(1):  # the tiers; figures and alert as stored
            services.decorate([fresh])
        with django_assert_num_queries(3):  # the tiers, reports and plans
            services.decorate([stale])
        assert fresh.figures == stale.figures
        assert (fresh.alert.level, fresh.alert.reasons) == (stale.alert.level, stale.alert.reasons)

    def test_stale_row_gets_computed_figures_not_the_stored_ones(self, reported):
        Project.objects.filter(pk=reported.pk).update(
            alerts_as_of=services.today() - timedelta(days=1),
            completed_total=0,
            completed_this_year=0,
            plan_this_year=None,
        )
        [p] = services.decorate([Project.objects.get(pk=reported.pk)])
        f = p.figures
        assert (f.completed_total, f.completed_this_year, f.plan_this_year) == computed(reported)
        assert f.plan_this_year == Decimal(500)

    def test_another_date_is_computed_for_that_date(self, reported):
        last_year_end = date(services.today().year - 1, 12, 31)
        [p] = services.decorate([Project.objects.get(pk=reported.pk)], as_of=last_year_end)
        f = p.figures
        assert (f.completed_total, f.completed_this_year, f.plan_this_year) == (
            Decimal(100),
            Decimal(100),
            None,
        )


@pytest.fixture
def probe():
    services._fresh_probe.clear()
    yield services._fresh_probe
    services._fresh_probe.clear()


def make_stale(project):
    Project.objects.filter(pk=project.pk).update(alerts_as_of=services.today() - timedelta(days=1))


def as_of(project):
    project.refresh_from_db()
    return project.alerts_as_of


@pytest.mark.django_db
class TestEnsureFresh:
    @override_settings(MUJUN_ALERT_PROBE_SECONDS=60)
    def test_a_clean_probe_is_trusted_within_the_window(self, cast, probe):
        p = make_project(cast.regions.town1)  # created without an alert: stale
        assert services.ensure_fresh(Project.objects.all()) == 1
        assert not probe  # that probe found something stale: nothing to trust
        assert services.ensure_fresh(Project.objects.all()) == 0
        assert probe["day"] == services.today()
        make_stale(p)
        assert services.ensure_fresh(Project.objects.all()) == 0
        assert as_of(p) == services.today() - timedelta(days=1)
        probe.clear()
        assert services.ensure_fresh(Project.objects.all()) == 1
        assert as_of(p) == services.today()

    @override_settings(MUJUN_ALERT_PROBE_SECONDS=60)
    def test_a_new_day_probes_again(self, cast, probe, monkeypatch):
        p = make_project(cast.regions.town1)
        services.ensure_fresh(Project.objects.all())
        assert services.ensure_fresh(Project.objects.all()) == 0 and probe
        tomorrow = services.today() + timedelta(days=1)
        monkeypatch.setattr(services, "today", lambda: tomorrow)
        assert services.ensure_fresh(Project.objects.all()) == 1
        assert as_of(p) == tomorrow

    def test_with_no_window_every_call_probes(self, cast, probe):
        p = make_project(cast.regions.town1)
        assert services.ensure_fresh(Project.objects.all()) == 1
        assert services.ensure_fresh(Project.objects.all()) == 0 and probe
        make_stale(p)
        assert services.ensure_fresh(Project.objects.all()) == 1
        assert as_of(p) == services.today()

    def test_only_the_given_rows_are_refreshed(self, cast, probe):
        mine, other = make_project(cast.regions.town1), make_project(cast.regions.town2)
        assert services.ensure_fresh(Project.objects.filter(pk=mine.pk)) == 1
        assert as_of(mine) == services.today() and as_of(other) is None
        assert not probe  # the other town's row is still stale


@pytest.fixture
def rich(cast):
    """A project with every column a list shows: two tiers, an investor without an enterprise,
    milestone dates, a plan and reports."""
    tiers = list(ProjectTag.objects.filter(key__in=["provincial_key", "municipal_major"]))
    assert len(tiers) == 2  # created by the migration
    today = services.today()
    p = make_project(
        cast.regions.town1,
        name="城关<智能>装备",
        investor_name="某某投资有限公司",
        industry_code="C34",
        total_investment=Decimal("15000"),
        fixed_asset_investment=Decimal("12000.5"),
        land_area_mu=Decimal("86.25"),
        liaison_leader="张三",
        responsible_department="经信局",
        actual_signed=today - timedelta(days=400),
        actual_started=today - timedelta(days=300),
        planned_completed=today - timedelta(days=40),
    )
    p.tags.set(tiers)
    actions.set_plan(p, year=today.year, planned_investment=Decimal("3000"), user=cast.town1)
    actions.file_report(
        p, year=today.year, month=1, completed_investment=Decimal("3000"), user=cast.town1
    )
    return p


def instance(project):
    return Project.objects.select_related("region").get(pk=project.pk)


def row(project):
    [r] = fetch_rows(Project.objects.filter(pk=project.pk))
    return r


@pytest.mark.django_db
class TestRows:
    def test_api_form_of_a_row_equals_that_of_the_instance(self, rich):
        from_row = project_out(services.decorate([row(rich)])[0])
        assert from_row == project_out(services.decorate([instance(rich)])[0])
        assert from_row["region"] == "339102001" and from_row["region_name"] == "城关街道"
        assert from_row["tiers"] == ["provincial_key", "municipal_major"]
        assert from_row["enterprise_id"] is None and from_row["is_billion"]
        assert from_row["completed_this_year_wan"] == "3000.0000"
        # the plan is met; only completion, 40 days late, raises the alert
        assert from_row["alert_level"] == "yellow"
        assert [r["code"] for r in from_row["alert_reasons"]] == ["late_completed"]

    def test_stale_row_is_computed_like_the_instance(self, rich):
        make_stale(rich)
        from_row = project_out(services.decorate([row(rich)])[0])
        assert from_row == project_out(services.decorate([instance(rich)])[0])
        assert from_row["planned_this_year_wan"] == "3000.0000"

    def test_table_cells_of_a_row_equal_those_of_the_instance(self, rich):
        cells = list(ProjectTable(services.decorate([row(rich)])).cells())
        assert cells == list(ProjectTable(services.decorate([instance(rich)])).cells())
        texts = [text for text, _href, _numeric in cells[0]]
        assert texts[:3] == [rich.code, "城关<智能>装备", "城关街道"]
        assert texts[4] == "省重点、市重大、亿元以上"
        table = ProjectTable(services.decorate([row(rich)]))
        assert "城关&lt;智能&gt;装备" in table.body_html()

    def test_fetch_rows_is_one_query(self, cast, django_assert_num_queries):
        make_project(cast.regions.town1)
        make_project(cast.regions.town2)
        with django_assert_num_queries(1):
            rows = fetch_rows(Project.objects.all())
        assert [r.region.name for r in rows] == [
            p.region.name for p in Project.objects.select_related("region")
        ]
        assert str(rows[0].region) == rows[0].region.name

    def test_a_page_fetched_by_its_ids_equals_the_orm_query(self, cast, rich):
        """fetch_rows runs its kept query around the page's id query: the same rows, in the
        same order, whatever the filter, join, order or slice."""
        for n in range(7):
            make_project(
                (cast.regions.town1, cast.regions.town2)[n % 2],
                code=f"P{n}",
                total_investment=Decimal(1000 * (n % 3)),
            )
        tier = ProjectTag.objects.get(key="provincial_key")
        scoped = Project.objects.for_user(cast.town1)
        for qs in (
            Project.objects.all(),
            Project.objects.all()[2:5],
            scoped,
            scoped.filtered(tier=tier),
            Project.objects.filtered(q="p", region=cast.regions.town2)[:2],
            Project.objects.order_by("-code")[1:4],
            Project.objects.order_by("region__name", "-pk"),
            Project.objects.annotate(n=Count("reports")).order_by("-n", "code"),
            Project.objects.none(),
            Project.objects.filter(pk__in=[]),
        ):
            expected = [to_row(v) for v in row_values(qs)]
            assert fetch_rows(qs) == expected, qs.query
        codes = sorted(Project.objects.values_list("code", flat=True), reverse=True)
        assert [r.code for r in fetch_rows(Project.objects.order_by("-code")[1:4])] == codes[1:4]

    @pytest.mark.usefixtures("kept_rows")
    def test_a_rows_tiers_come_with_it_in_tier_order(self, rich):
        plain = make_project(rich.region, code="NOTIER")
        rows = fetch_rows(Project.objects.filter(pk__in=[rich.pk, plain.pk]).order_by("code"))
        services.tiers_of(rows)  # the tier table, read once by this worker
        with CaptureQueriesContext(connection) as queries:
            tiers = services.tiers_of(rows)
        assert len(queries) == 0
        assert tiers == services.tiers_for([rich.pk, plain.pk])
        assert [t.key for t in tiers[rich.pk]] == ["provincial_key", "municipal_major"]
        assert plain.pk not in tiers

    @pytest.mark.usefixtures("kept_rows")
    def test_a_tier_the_worker_does_not_know_yet_is_looked_up(self, rich):
        services.tiers_of([row(rich)])
        # made by another worker: no save signal reaches this one
        ProjectTag.objects.bulk_create([ProjectTag(key="zone_key", name="园区重点")])
        rich.tags.add(ProjectTag.objects.get(key="zone_key"))
        tiers = services.tiers_of([row(rich)])
        assert "zone_key" in [t.key for t in tiers[rich.pk]]
        assert tiers == services.tiers_for([rich.pk])

    def test_iterate_rows_yields_every_row_in_order(self, cast):
        for n, amount in enumerate(("300", "100", "200", "100")):
            make_project(cast.regions.town1, total_investment=Decimal(amount), code=f"IT{n}")
        qs = Project.objects.all()
        rows = list(iterate_rows(qs, chunk_size=2))
        assert [r.code for r in rows] == ["IT0", "IT2", "IT1", "IT3"]
        assert [r.pk for r in rows] == list(qs.values_list("pk", flat=True))


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


@pytest.mark.django_db
class TestFiltered:
    def test_region_code_covers_the_region_and_its_subtree(self, cast, listed):
        r = cast.regions
        town1 = Project.objects.filtered(region_code=r.town1.code)
        assert codes(town1) == codes(Project.objects.filtered(region=r.town1)) == ["AB001", "AB002"]
        county = Project.objects.filtered(region_code=r.county.code)
        assert codes(county) == ["AB001", "AB002", "CD003"]
        assert codes(Project.objects.filtered(region_code="999999")) == []

    def test_tier_key_matches_the_tier(self, listed):
        *_, tier = listed
        assert codes(Project.objects.filtered(tier_key="provincial_key")) == ["AB001", "AB002"]
        assert codes(Project.objects.filtered(tier=tier)) == ["AB001", "AB002"]
        assert codes(Project.objects.filtered(tier_key="no_such_tier")) == []

    def test_codes_cost_no_query_of_their_own(self, cast, listed, django_assert_num_queries):
        with django_assert_num_queries(0):
            qs = Project.objects.filtered(region_code=cast.regions.county.code, tier_key="x")
        with django_assert_num_queries(1):
            assert list(qs) == []

    def test_search_ignores_case_on_code_and_name(self, listed):
        assert codes(Project.objects.filtered(q="ab0")) == ["AB001", "AB002"]
        assert codes(Project.objects.search("cd00")) == ["CD003"]  # the code only
        assert codes(Project.objects.filtered(q=" ai产业 ")) == ["AB001"]  # the name only
        assert codes(Project.objects.filtered(q="新材料")) == ["CD003"]
        assert codes(Project.objects.filtered(q="zz")) == []

    def test_a_town_is_tested_before_the_scope(self, cast, listed):
        """SQLite seeks the index with the first IN list on region_id: the town's must come
        before the county scope's, or a town's list reads the whole county's rows."""
        town = cast.regions.town1
        qs = Project.objects.for_user(cast.leader).filtered(region=town, stage="started")
        _sql, params = qs.query.sql_with_params()
        paths = [p for p in params if isinstance(p, str) and p.startswith("/")]
        assert paths[:2] == [f"{town.path}%", f"{cast.leader.region.path}%"]
        assert codes(qs) == ["AB001"]

    def test_wildcards_in_a_search_are_plain_characters(self, cast):
        make_project(cast.regions.town1, code="W1", name="城关_甲%")
        make_project(cast.regions.town1, code="W2", name="城关乙甲")
        assert codes(Project.objects.filtered(q="关_甲")) == ["W1"]
        assert codes(Project.objects.filtered(q="甲%")) == ["W1"]
        assert codes(Project.objects.filtered(q="w_")) == []

    def test_filters_and_together(self, cast, listed):
        qs = Project.objects.filtered(
            region_code=cast.regions.county.code, stage="started", tier_key="provincial_key"
        )
        assert codes(qs) == ["AB001"]
        assert codes(qs.filtered(q="仓储")) == []

    def test_lagging_is_yellow_or_red(self, cast):
        today = services.today()
        for code, late in (("Y", 40), ("R", 100), ("N", 0)):
            make_project(cast.regions.town1, code=code, planned_completed=today - timedelta(late))
        services.refresh_alerts(Project.objects.all())
        levels = dict(Project.objects.values_list("code", "alert_level"))
        assert levels == {"Y": "yellow", "R": "red", "N": "none"}
        assert codes(Project.objects.lagging()) == ["R", "Y"]
        assert codes(Project.objects.filtered(alert="lagging")) == ["R", "Y"]
        assert codes(Project.objects.filtered(alert="red")) == ["R"]

    def test_archived_only_when_asked(self, listed):
        a, *_ = listed
        Project.objects.filter(pk=a.pk).update(is_archived=True)
        assert codes(Project.objects.filtered(q="AB")) == ["AB002"]
        assert codes(Project.objects.filtered(q="AB", show_archived=True)) == ["AB001", "AB002"]

    def test_other_towns_code_is_empty_for_a_town_officer(self, cast, listed):
        other = cast.regions.town2.code
        assert codes(Project.objects.for_user(cast.town1).filtered(region_code=other)) == []
        assert codes(Project.objects.for_user(cast.leader).filtered(region_code=other)) == ["CD003"]


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
        assert api_list(client, cast.leader, "?tier=nope")["count"] == 0

    def test_out_of_scope_region_answers_an_empty_page(self, client, cast, listed):
        body = api_list(client, cast.town1, "?region=339102002")
        assert body["count"] == 0 and body["items"] == []
        assert api_list(client, cast.town1, "?region=339102")["count"] == 2


def test_a_region_and_its_code_together_are_refused(cast):
    with pytest.raises(TypeError):
        Project.objects.filtered(region=cast.regions.town1, region_code="339102001")


def test_filter_form_towns_are_each_users_own(cast):
    """The town select reads its table once per form, for that form's user."""
    from mujun.projects.forms import ProjectFilterForm

    def towns(user, data=None):
        form = ProjectFilterForm(data, user=user)
        return form, [str(label) for _, label in form.fields["region"].choices][1:]

    assert towns(cast.town1)[1] == ["城关街道"]
    assert set(towns(cast.leader)[1]) == {"城关街道", "东岭镇"}
    form, _ = towns(cast.town1, {"region": cast.regions.town2.pk})
    assert not form.is_valid() and "region" in form.errors
    form, _ = towns(cast.town1, {"region": cast.regions.town1.pk})
    assert form.is_valid() and form.cleaned_data["region"] == cast.regions.town1
