"""The reader over JSON: extract stores nothing, accept is checked whole, reports are scoped."""

import json

import pytest

from mujun.accounts.models import ApiToken
from mujun.core.testing import ApiScopeSuite
from mujun.indicators.choices import Source
from mujun.indicators.models import IndicatorValue
from mujun.reader.models import Report

from .helpers import REPORT
from .test_views import make_report


class TestReportApiScope(ApiScopeSuite):
    model = Report
    base = "/api/reader/reports"

    def make(self, region):
        return make_report(region)

    def patch_data(self, obj):
        return {"version": obj.version, "title": "改名"}


pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def post(client, path, body, user=None):
    headers = auth(user) if user else {}
    return client.post(
        f"/api/reader{path}", json.dumps(body), content_type="application/json", **headers
    )


class TestExtract:
    def test_facts_come_with_spans_periods_and_reasons(self, client, cast):
        response = post(client, "/extract", {"text": REPORT, "date": "2022-07-22"}, cast.viewer)
        assert response.status_code == 200
        facts = response.json()["facts"]
        revenue = facts[0]
        assert revenue["key"] == "fiscal_revenue" and revenue["index"] == 0
        assert REPORT[revenue["span_start"] : revenue["span_end"]] == revenue["span"]
        assert (revenue["year"], revenue["month"], revenue["problems"]) == (2022, 5, [])
        assert any("截止月份不明" in p for p in facts[3]["problems"])
        assert not Report.objects.exists()

    def test_anonymous_gets_401(self, client, cast):
        assert post(client, "/extract", {"text": REPORT}).status_code == 401


class TestAccept:
    body = {
        "text": REPORT,
        "date": "2022-07-22",
        "facts": [
            {"index": 0},
            {"index": 1},
            {"index": 3, "key": "exports", "month": 6, "value": "7", "unit": "亿元"},
        ],
    }

    def test_listed_facts_become_peer_values_and_the_rest_are_dropped(self, client, cast):
        response = post(client, "/accept", self.body, cast.leader)
        assert response.status_code == 200, response.content
        assert response.json()["created"] == 3
        values = IndicatorValue.objects.filter(region__name="湘东镇", source=Source.REPORT)
        assert {(v.indicator.key, v.month) for v in values} == {
            ("fiscal_revenue", 5),
            ("industrial_output_above_size", 5),
            ("exports", 6),
        }
        report = Report.objects.get()
        assert report.region == cast.regions.county
        assert report.facts.get(position=2).status == "dropped"

    def test_sending_the_same_again_changes_nothing(self, client, cast):
        post(client, "/accept", self.body, cast.leader)
        again = post(client, "/accept", self.body, cast.leader).json()
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
        assert Report.objects.count() == 1 and IndicatorValue.objects.count() == 3

    def test_one_fact_that_cannot_be_accepted_writes_nothing(self, client, cast):
        body = {**self.body, "facts": [{"index": 0}, {"index": 3}]}
        response = post(client, "/accept", body, cast.leader)
        assert response.status_code == 422
        assert response.json()["detail"][0]["index"] == 3
        assert not Report.objects.exists() and not IndicatorValue.objects.exists()

    def test_unknown_index_is_refused(self, client, cast):
        response = post(client, "/accept", {**self.body, "facts": [{"index": 99}]}, cast.leader)
        assert response.status_code == 422 and not Report.objects.exists()

    def test_only_admins_and_leaders_write_peer_values(self, client, cast):
        assert post(client, "/accept", self.body, cast.viewer).status_code == 403
        assert post(client, "/accept", self.body, cast.town1).status_code == 403
        assert not IndicatorValue.objects.exists()

    def test_peer_values_are_readable_by_another_town_through_the_indicators_api(
        self, client, cast
    ):
        post(client, "/accept", self.body, cast.leader)
        items = client.get("/api/indicators/values", **auth(cast.town2)).json()["items"]
        assert {i["region_name"] for i in items} == {"湘东镇"}
