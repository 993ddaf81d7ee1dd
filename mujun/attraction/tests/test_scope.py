"""Every attraction page and endpoint in the inherited scope suites (core/testing.py), and the
reports of two towns."""

from datetime import date

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.attraction.models import Activity, Lead
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.core.testing import ApiScopeSuite, ViewScopeSuite
from mujun.officials.models import Official


class TestActivityViewScope(ViewScopeSuite):
    model = Activity
    view_urls = ("attraction:activity", "attraction:activity_history")
    change_urls = ("attraction:activity_edit",)
    list_url = "attraction:activity_list"
    post_url = "attraction:activity_edit"

    def make(self, region):
        return make_activity(region, destination=f"{region.name}去上海")

    def marker(self, obj):
        return obj.destination

    def post_data(self, obj):
        return {
            "region": obj.region.code,
            "kind": "trip",
            "start_date": "2026-03-02",
            "end_date": "2026-03-03",
            "leader": obj.leader_id,
            "destination": "改了",
            "version": obj.version,
        }


class TestActivityApiScope(ApiScopeSuite):
    model = Activity
    base = "/api/attraction/activities"

    def make(self, region):
        return make_activity(region)

    def patch_data(self, obj):
        return {"version": obj.version, "destination": "改了"}


class TestLeadViewScope(ViewScopeSuite):
    model = Lead
    view_urls = ("attraction:lead", "attraction:lead_history")
    change_urls = ("attraction:lead_edit",)
    list_url = "attraction:lead_list"
    post_url = "attraction:lead_status"

    def make(self, region):
        return make_lead(region, investor_name=f"{region.name}的投资方")

    def marker(self, obj):
        return obj.investor_name

    def post_data(self, obj):
        return {"status": "contacting", "date": "2026-02-01"}


class TestLeadApiScope(ApiScopeSuite):
    model = Lead
    base = "/api/attraction/leads"

    def make(self, region):
        return make_lead(region)

    def patch_data(self, obj):
        return {"version": obj.version, "project_name": "改了"}


class TestOfficialViewScope(ViewScopeSuite):
    model = Official
    view_urls = ("officials:official", "officials:official_history")
    change_urls = ("officials:official_edit",)
    list_url = "officials:official_list"
    post_url = "officials:official_edit"

    def make(self, region):
        return make_official(region, name=f"{region.name}的干部")

    def post_data(self, obj):
        return {"name": "改名", "region": obj.region.code, "version": obj.version}


class TestOfficialApiScope(ApiScopeSuite):
    model = Official
    base = "/api/officials"

    def make(self, region):
        return make_official(region)

    def patch_data(self, obj):
        return {"version": obj.version, "title": "改了"}


@pytest.mark.django_db
class TestLeadVerbsScope:
    """The POST verbs on a lead answer 404 for another town's lead and change nothing."""

    @pytest.mark.parametrize("verb", ["lead_status", "lead_reopen", "lead_sign"])
    def test_other_towns_lead(self, login, cast, verb):
        theirs = make_lead(cast.regions.town2)
        response = login(cast.town1).post(
            reverse(f"attraction:{verb}", args=[theirs.pk]),
            {"status": "dropped", "date": "2026-02-01", "reason": "x"},
        )
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == "lead" and theirs.version == 1

    @pytest.mark.parametrize("verb", ["status", "reopen", "sign"])
    def test_other_towns_lead_by_api(self, client, cast, verb):
        theirs = make_lead(cast.regions.town2)
        response = client.post(
            f"/api/attraction/leads/{theirs.pk}/{verb}",
            {"status": "dropped", "date": "2026-02-01", "reason": "x"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.town1)}",
        )
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == "lead"


@pytest.mark.django_db
class TestReportsScope:
    """A town officer's reports show their own town's work only."""

    def _two_towns(self, cast):
        r = cast.regions
        make_activity(r.town1, start=date(2026, 3, 2), end=date(2026, 3, 4))
        make_activity(r.town2, start=date(2026, 3, 2), end=date(2026, 3, 11))
        make_official(r.town2, principal=True, name="东岭书记")

    def test_stats_page_and_api(self, client, login, cast):
        self._two_towns(cast)
        own = login(cast.town1).get(
            reverse("attraction:stats") + "?region=339102001&start=2026-01&end=2026-12"
        )
        assert "累计外出招商3天" in own.content.decode()
        other = login(cast.town1).get(
            reverse("attraction:stats") + "?region=339102002&start=2026-01&end=2026-12"
        )
        assert "累计外出招商10天" not in other.content.decode()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.town1)}"}
        api = client.get(
            "/api/attraction/stats?region=339102002&start=2026-01&end=2026-12", **headers
        )
        assert api.status_code == 404
        county = client.get(
            "/api/attraction/stats?region=339102&start=2026-01&end=2026-12", **headers
        )
        assert county.status_code == 404

    def test_monthly_check_lists_own_principals_only(self, client, login, cast):
        self._two_towns(cast)
        page = login(cast.town1).get(reverse("attraction:monthly_check")).content.decode()
        assert "东岭书记" not in page
        headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.leader)}"}
        county = client.get(
            "/api/attraction/monthly-check?region=339102&month=2026-03", **headers
        ).json()
        assert [o["name"] for o in county["missing"]] == ["东岭书记"]
