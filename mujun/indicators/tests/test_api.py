from decimal import Decimal

import pytest

from mujun.accounts.models import ApiToken
from mujun.core.testing import ApiScopeSuite
from mujun.indicators.models import IndicatorValue
from mujun.indicators.testing import make_target, make_value


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


class TestIndicatorValueApiScope(ApiScopeSuite):
    model = IndicatorValue
    base = "/api/indicators/values"

    def make(self, region):
        return make_value(region)

    def patch_data(self, obj):
        return {"version": obj.version, "value": "1", "unit": "亿元"}


def post(client, user, items):
    return client.post(
        "/api/indicators/values", items, content_type="application/json", **auth(user)
    )


ITEM = {
    "region": "339102001",
    "indicator": "fiscal_revenue",
    "year": 2026,
    "month": 5,
    "value": "17.9",
    "unit": "亿元",
    "yoy_pct": "8.8",
}


@pytest.mark.django_db
class TestBulkUpsert:
    def test_creates_then_same_batch_changes_nothing(self, client, cast):
        items = [
            ITEM,
            {**ITEM, "indicator": "exports", "value": 84, "unit": "亿元", "yoy_pct": None},
        ]
        first = post(client, cast.town1, items)
        assert first.status_code == 200 and first.json() == {
            "created": 2,
            "updated": 0,
            "unchanged": 0,
        }
        v = IndicatorValue.objects.get(indicator__key="fiscal_revenue")
        assert v.value == Decimal("179000") and v.yoy_pct == Decimal("8.8")
        assert post(client, cast.town1, items).json() == {
            "created": 0,
            "updated": 0,
            "unchanged": 2,
        }
        changed = post(client, cast.town1, [{**ITEM, "value": "18"}])
        assert changed.json()["updated"] == 1

    def test_one_bad_item_writes_nothing_and_every_problem_is_listed(self, client, cast):
        items = [
            ITEM,
            {**ITEM, "region": "339102002"},
            {**ITEM, "indicator": "foreign_capital_actual", "unit": "万元"},
        ]
        response = post(client, cast.town1, items)
        assert response.status_code == 422
        detail = response.json()["detail"]
        assert {(p["index"], p["field"]) for p in detail} == {(1, "region"), (2, "unit")}
        assert not IndicatorValue.objects.exists()

    def test_duplicate_items_are_refused(self, client, cast):
        response = post(client, cast.town1, [ITEM, ITEM])
        assert (
            response.status_code == 422
            and "与第 0 项重复" in response.json()["detail"][0]["reason"]
        )

    def test_viewer_and_anonymous_cannot_write(self, client, cast):
        assert post(client, cast.viewer, [ITEM]).status_code == 403
        anonymous = client.post("/api/indicators/values", [ITEM], content_type="application/json")
        assert anonymous.status_code == 401
        assert not IndicatorValue.objects.exists()


@pytest.mark.django_db
class TestListWithDerivedFigures:
    def test_filters_and_derived_figures(self, client, cast):
        r = cast.regions
        make_value(r.town1, year=2025, value="800")
        make_value(r.town1, month=4, value="700")
        make_value(r.town1, value="1000", yoy_pct=None)
        make_value(r.town2, value="0")
        make_target(r.town1, value="3000")
        body = client.get(
            "/api/indicators/values?region=339102001&year=2026&month=5", **auth(cast.leader)
        ).json()
        assert body["count"] == 1
        item = body["items"][0]
        assert item["value"] == "1000.0000" and item["unit"] == "万元"
        assert item["monthly_value"]["value"] == "300.0000"
        assert item["yoy_pct"]["value"] == "25.00" and item["yoy_pct_reported"] is None
        assert item["target_completion_pct"]["value"] == "33.33"
        assert item["behind_schedule"] is True and item["time_progress_pct"] == "41.67"
        assert item["rank_by_value"] == {"position": 1, "of": 2, "tied": False}
        assert item["share_of_parent_pct"]["value"] is None
        zero = client.get(
            "/api/indicators/values?region=339102002&year=2026", **auth(cast.leader)
        ).json()["items"][0]
        assert zero["yoy_pct"]["value"] is None and zero["yoy_pct"]["reason"] == "缺少上年同期数据"

    def test_town_user_lists_only_own_town_with_its_place_among_all_towns(self, client, cast):
        make_value(cast.regions.town1, value="10")
        make_value(cast.regions.town2, value="20")
        response = client.get("/api/indicators/values", **auth(cast.town1))
        items = response.json()["items"]
        assert [i["region"] for i in items] == ["339102001"]
        # the place the county's 通报 prints, without the other town's figure
        assert items[0]["rank_by_value"] == {"position": 2, "of": 2, "tied": False}
        assert (
            "339102002" not in response.content.decode()
            and "20.0000" not in response.content.decode()
        )
        other = client.get("/api/indicators/values?region=339102002", **auth(cast.town1))
        assert other.status_code == 422 and "region" in other.json()["detail"]

    def test_patch_changes_the_figure_with_its_unit(self, client, cast):
        v = make_value(cast.regions.town1, value="1")
        response = client.patch(
            f"/api/indicators/values/{v.pk}",
            {"version": 1, "value": "2.5", "unit": "亿元", "yoy_pct": "-3.2"},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert response.status_code == 200
        assert response.json()["value"] == "25000.0000"
        assert response.json()["yoy_pct"]["value"] == "-3.20"
        stale = client.patch(
            f"/api/indicators/values/{v.pk}",
            {"version": 1, "value": "3"},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert stale.status_code == 409

    def test_catalogue(self, client, cast):
        body = client.get("/api/indicators/catalogue", **auth(cast.town1)).json()
        keys = [i["key"] for i in body]
        assert keys[:3] == [
            "fiscal_revenue",
            "general_budget_revenue",
            "industrial_output_above_size",
        ]
        value_added = next(i for i in body if i["key"] == "industrial_value_added_above_size")
        assert value_added["price_basis"] == "comparable"
        assert next(i for i in body if i["key"] == "foreign_capital_actual")["unit"] == "万美元"
