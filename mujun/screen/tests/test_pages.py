"""/screen/: a signed-in user's own region, a region of their scope, nothing else."""

import json

import pytest

from mujun.screen.rules import DEFAULT_REFRESH_SECONDS, DEFAULT_ROTATE_SECONDS, VIEWS

pytestmark = pytest.mark.django_db


def config(answer) -> dict:
    html = answer.content.decode()
    start = html.index('<script id="screen-config" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def test_a_town_officer_opens_their_towns_screen(client, cast):
    client.force_login(cast.town1)
    answer = client.get("/screen/")
    assert answer.status_code == 200
    assert "城关街道" in answer.content.decode()
    settings = config(answer)
    assert settings["region"] == "339102001"
    assert [v for v, _ in settings["views"]] == list(VIEWS)
    assert (settings["rotate"], settings["refresh"]) == (
        DEFAULT_ROTATE_SECONDS,
        DEFAULT_REFRESH_SECONDS,
    )
    assert settings["key"] is None


def test_the_intervals_come_from_the_query_clipped(client, cast):
    client.force_login(cast.leader)
    settings = config(client.get("/screen/?rotate=1&refresh=5"))
    assert (settings["rotate"], settings["refresh"]) == (3, 5)


def test_another_towns_screen_is_a_404_and_the_county_opens_a_town(client, cast):
    client.force_login(cast.town1)
    assert client.get("/screen/?region=339102002").status_code == 404
    client.force_login(cast.leader)
    answer = client.get("/screen/?region=339102002")
    assert answer.status_code == 200 and config(answer)["region"] == "339102002"


def test_without_a_login_the_screen_asks_for_one(client):
    answer = client.get("/screen/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_the_page_loads_echarts_through_the_one_include(client, cast):
    client.force_login(cast.leader)
    html = client.get("/screen/").content.decode()
    assert html.count("vendor/echarts/echarts.min.js") == 1
    assert "mujun/charts.js" in html and "screen/screen.js" in html
