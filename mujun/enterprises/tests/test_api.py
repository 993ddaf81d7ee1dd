import pytest

from mujun.accounts.models import ApiToken
from mujun.core.testing import ApiScopeSuite
from mujun.enterprises.models import Enterprise
from mujun.enterprises.testing import make_enterprise, new_uscc


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


class TestEnterpriseApiScope(ApiScopeSuite):
    model = Enterprise
    base = "/api/enterprises"

    def make(self, region):
        return make_enterprise(region)

    def patch_data(self, obj):
        return {"version": obj.version, "name": "被改名"}

    def assign(self, obj, department):
        # a department reads the enterprise of a problem assigned to it
        from mujun.service.testing import assign, make_problem

        assign(make_problem(enterprise=obj), department)


@pytest.mark.django_db
class TestEnterpriseApi:
    def test_token_then_list_with_filters_and_paging(self, client, cast):
        for i in range(3):
            make_enterprise(cast.regions.town1, name=f"甲{i}", above_size=True, area_mu=2)
        make_enterprise(cast.regions.town1, name="乙")
        token = client.post(
            "/api/auth/token",
            {"username": "town1", "password": "test-pass-123"},
            content_type="application/json",
        ).json()["token"]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        body = client.get("/api/enterprises?size=above&page_size=2", **headers).json()
        assert body["count"] == 3 and len(body["items"]) == 2
        assert body["items"][0]["land_area_mu"] == "2.0000"
        assert client.get("/api/enterprises?q=乙", **headers).json()["count"] == 1
        # another town is no choice of a town officer's: the same answer as an unknown code
        for code in ("339102002", "999999999"):
            outside = client.get(f"/api/enterprises?region={code}", **headers)
            assert outside.status_code == 422 and "region" in outside.json()["detail"]

    def test_wrong_password_gets_401(self, client, cast):
        response = client.post(
            "/api/auth/token",
            {"username": "town1", "password": "nope"},
            content_type="application/json",
        )
        assert response.status_code == 401

    def test_create_validates_and_scopes(self, client, cast):
        uscc = new_uscc()
        ok = client.post(
            "/api/enterprises",
            {"name": "接口企业", "uscc": uscc, "region": "339102001", "industry_code": "3411"},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert ok.status_code == 201 and ok.json()["region"] == "339102001"
        other = client.post(
            "/api/enterprises",
            {"name": "越界", "uscc": new_uscc(), "region": "339102002", "industry_code": "3411"},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert other.status_code == 422 and "region" in other.json()["detail"]
        bad = client.post(
            "/api/enterprises",
            {
                "name": "x",
                "uscc": "91110000802100433A",
                "region": "339102001",
                "industry_code": "3411",
            },
            content_type="application/json",
            **auth(cast.town1),
        )
        assert bad.status_code == 422 and "uscc" in bad.json()["detail"]

    def test_viewer_cannot_create(self, client, cast):
        response = client.post(
            "/api/enterprises",
            {"name": "x", "uscc": new_uscc(), "region": "339102001", "industry_code": "3411"},
            content_type="application/json",
            **auth(cast.viewer),
        )
        assert response.status_code == 403 and Enterprise.objects.count() == 0

    def test_patch_with_stale_version_gets_409(self, client, cast):
        e = make_enterprise(cast.regions.town1)
        headers = auth(cast.town1)
        first = client.patch(
            f"/api/enterprises/{e.pk}",
            {"version": 1, "name": "一改"},
            content_type="application/json",
            **headers,
        )
        assert first.status_code == 200 and first.json()["version"] == 2
        second = client.patch(
            f"/api/enterprises/{e.pk}",
            {"version": 1, "name": "二改"},
            content_type="application/json",
            **headers,
        )
        assert second.status_code == 409
        e.refresh_from_db()
        assert e.name == "一改"

    def test_patch_keeps_fields_not_sent(self, client, cast):
        e = make_enterprise(
            cast.regions.town1, above_size=True, is_high_tech=True, address="某路1号"
        )
        response = client.patch(
            f"/api/enterprises/{e.pk}",
            {"version": 1, "employees": 88},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert response.status_code == 200
        e.refresh_from_db()
        assert e.employees == 88 and e.above_size and e.is_high_tech and e.address == "某路1号"

    def test_openapi_is_served(self, client):
        assert client.get("/api/openapi.json").status_code == 200
