"""The towns as a map: the screen says so where its region uploaded boundaries, and serves them
with the same key, session and scope as its figures; tiles otherwise."""

import pytest

from mujun.accounts.models import ApiToken
from mujun.regions.models import Region
from mujun.screen import boundaries
from mujun.screen.models import ScreenLink, TownMap

from .test_pages import config

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_map(regions):
    data = boundaries.grid([regions.town1.code, regions.town2.code])
    return TownMap.objects.create(region=regions.county, geojson=data)


def link_key(region) -> str:
    link = ScreenLink(name="大厅", region=region)
    raw = link.new_key()
    link.save()
    return raw


def test_the_county_screen_draws_a_map_once_boundaries_are_uploaded(client, cast):
    client.force_login(cast.leader)
    assert config(client.get("/screen/"))["map"] is None
    TownMap.objects.create(
        region=cast.regions.county,
        geojson=boundaries.grid([cast.regions.town1.code, cast.regions.town2.code]),
    )
    settings = config(client.get("/screen/"))
    assert settings["map"] == "/api/screen/map"
    body = client.get(settings["map"]).json()
    assert [f["properties"]["code"] for f in body["features"]] == ["339102001", "339102002"]


def test_a_towns_screen_keeps_its_tiles(client, cast, county_map):
    client.force_login(cast.town1)
    assert config(client.get("/screen/"))["map"] is None
    assert client.get("/api/screen/map").status_code == 404


def test_a_town_screen_key_gets_no_county_boundaries(client, cast, county_map):
    raw = link_key(cast.regions.town1)
    assert config(client.get(f"/screen/?key={raw}"))["map"] is None
    assert client.get("/api/screen/map", HTTP_X_SCREEN_KEY=raw).status_code == 404
    answer = client.get(
        "/api/screen/map", {"region": cast.regions.county.code}, HTTP_X_SCREEN_KEY=raw
    )
    assert answer.status_code == 404


def test_a_county_screen_key_gets_its_own_boundaries_and_no_other_countys(client, cast, county_map):
    other = Region.objects.create(
        code="339103",
        name="白沙县",
        level=cast.regions.county.level,
        kind=cast.regions.county.kind,
        parent=cast.regions.city,
    )
    town = Region.objects.create(
        code="339103001",
        name="白沙镇",
        level=cast.regions.town1.level,
        kind=cast.regions.town1.kind,
        parent=other,
    )
    TownMap.objects.create(region=other, geojson=boundaries.grid([town.code]))
    raw = link_key(cast.regions.county)
    assert config(client.get(f"/screen/?key={raw}"))["map"] == "/api/screen/map"
    body = client.get("/api/screen/map", HTTP_X_SCREEN_KEY=raw).json()
    assert body == county_map.geojson
    answer = client.get("/api/screen/map", {"region": other.code}, HTTP_X_SCREEN_KEY=raw)
    assert answer.status_code == 404
    # nor does a county user read another county's boundaries by naming it
    token = ApiToken.issue(cast.leader)
    answer = client.get(
        "/api/screen/map", {"region": other.code}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert answer.status_code == 404


def test_the_map_needs_a_key_or_a_session(client, county_map):
    assert client.get("/api/screen/map").status_code in (401, 403)


def test_a_screen_without_the_projects_view_fetches_no_map(client, cast, county_map):
    link = ScreenLink(name="大厅", region=cast.regions.county, views=["economy"])
    raw = link.new_key()
    link.save()
    assert config(client.get(f"/screen/?key={raw}"))["map"] is None
