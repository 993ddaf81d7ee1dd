"""GET /api/screen/{view}: a user reads their own region's screen, or a region of their scope;
another town's is a 404, as every object outside a scope answers."""

import json

import pytest

from mujun.accounts.models import ApiToken
from mujun.screen.rules import VIEWS

pytestmark = pytest.mark.django_db

URL = "/api/screen/"


def get(client, path, user=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"} if user else {}
    return client.get(URL + path, params, **headers)


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_town_officer_reads_their_own_town_and_nothing_of_the_other(
    client, cast, town_facts, view
):
    for own, other in ((cast.town1, "东岭"), (cast.town2, "城关")):
        answer = get(client, view, own)
        assert answer.status_code == 200
        body = answer.json()
        assert body["region"]["code"] == own.region.code
        assert body["view"] == view and body["title"] == VIEWS[view]
        assert other not in json.dumps(body, ensure_ascii=False)


def test_another_towns_screen_is_a_404(client, cast, town_facts):
    answer = get(client, "projects", cast.town1, region=cast.regions.town2.code)
    assert answer.status_code == 404
    assert get(client, "projects", cast.town1, region="999999999").status_code == 404


def test_the_county_reads_a_town_of_its_scope(client, cast, town_facts):
    body = get(client, "projects", cast.leader, region=cast.regions.town2.code).json()
    assert body["region"]["name"] == "东岭镇"
    assert [p["name"] for p in body["figures"]["lagging"]] == ["东岭黄色项目"]
    county = get(client, "projects", cast.leader).json()
    assert county["figures"]["red"] == 1 and county["figures"]["yellow"] == 1


def test_the_page_session_reads_the_screen_too(client, cast, town_facts):
    client.force_login(cast.town2)
    assert client.get(URL + "economy").status_code == 200


def test_an_unknown_view_is_a_404_and_no_caller_a_401(client, cast):
    assert get(client, "weather", cast.leader).status_code == 404
    assert get(client, "economy").status_code == 401


def test_a_user_without_a_region_reads_no_screen(client, cast):
    assert get(client, "economy", cast.no_region).status_code == 404
