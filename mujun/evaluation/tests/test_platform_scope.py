"""Scope suites for every model of the evaluation (STYLE.md §3), two towns each."""

import pytest
from django.urls import reverse

from conftest import make_user
from mujun.core.roles import Role
from mujun.core.testing import ApiScopeSuite, ViewScopeSuite
from mujun.enterprises.testing import make_enterprise
from mujun.evaluation import actions
from mujun.evaluation.models import (
    EnterpriseYear,
    EvaluationResult,
    EvaluationRun,
    Objection,
    Scheme,
)
from mujun.evaluation.testing import make_run, make_scheme, make_year, result_in


def _county(region):
    # a peer region, outside the tree, is evaluated by itself
    return region.parent or region


class TestSchemeViewScope(ViewScopeSuite):
    model = Scheme
    view_urls = ("evaluation:scheme", "evaluation:scheme_history", "evaluation:scheme_download")
    list_url = "evaluation:scheme_list"

    def make(self, region):
        return make_scheme(region, name=f"{region.name}方案")

    def marker(self, obj):
        return obj.name

    def test_town_users_read_the_county_scheme(self, login, cast):
        scheme = make_scheme(cast.regions.county)
        for user in (cast.town1, cast.town2):
            assert (
                login(user).get(reverse("evaluation:scheme", args=[scheme.pk])).status_code == 200
            )

    def test_only_admins_edit_and_only_in_their_subtree(self, login, cast):
        scheme = make_scheme(cast.regions.town2)
        url = reverse("evaluation:scheme_edit", args=[scheme.pk])
        for user in (cast.town2, cast.leader, cast.viewer):
            assert login(user).get(url).status_code == 403
        town1_admin = make_user("t1admin", Role.ADMIN, cast.regions.town1)
        assert login(town1_admin).get(url).status_code == 404
        assert login(cast.admin).get(url).status_code == 200


class TestEnterpriseYearViewScope(ViewScopeSuite):
    model = EnterpriseYear
    view_urls = ("evaluation:enterpriseyear", "evaluation:enterpriseyear_history")
    list_url = "evaluation:enterpriseyear_list"

    def make(self, region):
        return make_year(make_enterprise(region, name=f"{region.name}数据企业有限公司"))

    def marker(self, obj):
        return obj.enterprise.name


class TestEvaluationRunViewScope(ViewScopeSuite):
    model = EvaluationRun
    view_urls = (
        "evaluation:run",
        "evaluation:run_history",
        "evaluation:result_list",
        "evaluation:run_inefficient",
        "evaluation:run_surcharges",
    )
    list_url = "evaluation:run_list"
    post_url = "evaluation:run_publicity"

    def make(self, region):
        # A run belongs to the region of its scheme; here the town itself.
        scheme = make_scheme(region, name=f"{region.name}方案")
        make_year(make_enterprise(region, above_size=True))
        return actions.run_evaluation(scheme=scheme, year=2022, user=None)

    def marker(self, obj):
        return obj.scheme_name

    def post_data(self, obj):
        return {"start": "2023-09-01", "end": "2023-09-07"}

    def test_town_users_see_the_county_run_but_only_their_results(self, login, cast):
        r = cast.regions
        run = make_run(r.town1, county=r.county, enterprises=2)
        theirs = make_enterprise(r.town2, above_size=True, name="东岭别家企业有限公司")
        make_year(theirs)
        run = actions.run_evaluation(scheme=run.scheme, year=2022, user=None)
        client = login(cast.town1)
        page = client.get(reverse("evaluation:result_list", args=[run.pk])).content.decode()
        assert "东岭别家企业有限公司" not in page and "共 2 条" in page
        export = client.get(reverse("evaluation:result_list", args=[run.pk]) + "?export=xlsx")
        from mujun.core.spreadsheets import read_rows

        assert len(read_rows("x.xlsx", export.getvalue())) == 3  # header and two rows


class TestEvaluationResultViewScope(ViewScopeSuite):
    model = EvaluationResult
    view_urls = ("evaluation:result",)
    post_url = "evaluation:result_objection"

    def make(self, region):
        result = result_in(region, _county(region))
        run = result.run
        run.status = "publicity"
        run.save()
        return result

    def post_data(self, obj):
        return {"note": "异议", "tax_wan": "999"}

    def test_refused_writes_change_nothing(self, login, cast):
        super().test_refused_writes_change_nothing(login, cast)
        assert not Objection.objects.exists()


class TestObjectionViewScope(ViewScopeSuite):
    model = Objection
    view_urls = ("evaluation:objection", "evaluation:objection_history")
    list_url = "evaluation:objection_list"
    post_url = "evaluation:objection_resolve"

    def make(self, region):
        result = result_in(region, _county(region))
        EvaluationRun.objects.filter(pk=result.run_id).update(status="publicity")
        result.run.refresh_from_db()
        return actions.file_objection(
            result, note=f"{region.name}的异议", corrections={"tax_wan": "500"}, user=None
        )

    def marker(self, obj):
        return obj.enterprise.name

    def post_data(self, obj):
        return {"decision": "reject", "resolution": "不予采纳"}

    def test_a_town_officer_cannot_resolve_a_county_run(self, login, cast):
        objection = self.make(cast.regions.town1)
        response = login(cast.town1).post(
            reverse("evaluation:objection_resolve", args=[objection.pk]),
            {"decision": "reject", "resolution": "x"},
        )
        assert response.status_code == 403
        objection.refresh_from_db()
        assert objection.status == "open"


class TestSchemeApiScope(ApiScopeSuite):
    model = Scheme
    base = "/api/evaluation/schemes"

    def make(self, region):
        return make_scheme(region, name=f"{region.name}方案")

    def patch_data(self, obj):
        return {"version": obj.version, "year": 2023}

    def test_refused_patch_changes_nothing(self, client, cast):
        theirs = self.make(cast.regions.town2)
        before = Scheme.objects.filter(pk=theirs.pk).values().get()
        town1_admin = make_user("t1admin", Role.ADMIN, cast.regions.town1)
        for user, status in ((town1_admin, 404), (cast.town1, 403), (cast.viewer, 403)):
            response = client.patch(
                f"{self.base}/{theirs.pk}",
                self.patch_data(theirs),
                content_type="application/json",
                **self.token_for(client, user),
            )
            assert response.status_code == status
        assert Scheme.objects.filter(pk=theirs.pk).values().get() == before


class TestRunApiScope(ApiScopeSuite):
    model = EvaluationRun
    base = "/api/evaluation/runs"
    patchable = False

    def make(self, region):
        return TestEvaluationRunViewScope().make(region)

    def test_refused_patch_changes_nothing(self, client, cast):
        """Runs are not patched; publishing is their only write after computing."""
        theirs = self.make(cast.regions.town2)
        for user, status in ((cast.town1, 403), (cast.viewer, 403)):
            response = client.post(
                f"{self.base}/{theirs.pk}/publish", **self.token_for(client, user)
            )
            assert response.status_code == status
        town1_leader = make_user("t1leader", Role.LEADER, cast.regions.town1)
        response = client.post(
            f"{self.base}/{theirs.pk}/publish", **self.token_for(client, town1_leader)
        )
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == "draft"


@pytest.mark.django_db
class TestResultEndpointsScope:
    def token(self, user):
        from mujun.accounts.models import ApiToken

        return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}

    def test_results_and_report_cards_follow_the_enterprise(self, client, cast):
        r = cast.regions
        mine = result_in(r.town1, r.county)
        theirs = result_in(r.town2, r.county)
        run = theirs.run  # the second run holds both enterprises
        for user, own, other in ((cast.town1, mine, theirs), (cast.town2, theirs, mine)):
            headers = self.token(user)
            items = client.get(f"/api/evaluation/runs/{run.pk}/results", **headers).json()["items"]
            assert [i["uscc"] for i in items] == [own.enterprise.uscc]
            base = f"/api/evaluation/runs/{run.pk}/enterprises"
            assert client.get(f"{base}/{own.enterprise.uscc}", **headers).status_code == 200
            assert client.get(f"{base}/{other.enterprise.uscc}", **headers).status_code == 404
        assert client.get(f"/api/evaluation/runs/{run.pk}/results").status_code == 401

    def test_run_outside_scope_is_404(self, client, cast):
        run = TestEvaluationRunViewScope().make(cast.regions.town2)
        headers = self.token(cast.town1)
        assert client.get(f"/api/evaluation/runs/{run.pk}/results", **headers).status_code == 404
