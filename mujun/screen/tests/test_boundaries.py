"""The towns' boundaries a county uploads for its screen's map: checked whole, in Chinese."""

import json

import pytest
from django.core.exceptions import ValidationError

from mujun.screen import boundaries
from mujun.screen.models import TownMap

pytestmark = pytest.mark.django_db


def text(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_the_county_towns_boundaries_are_accepted(regions):
    data = boundaries.grid([regions.town1.code, regions.town2.code])
    assert boundaries.parse(text(data), regions.county) == data


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("{not json", "不是有效的 JSON"),
        (text({"type": "Feature"}), "不是 GeoJSON 要素集合"),
        (text([1, 2]), "不是 GeoJSON 要素集合"),
        (text({"type": "FeatureCollection", "features": []}), "没有任何镇街边界"),
    ],
)
def test_what_is_not_a_feature_collection_is_refused(regions, body, error):
    with pytest.raises(ValidationError, match=error):
        boundaries.parse(body, regions.county)


def test_a_code_that_is_not_one_of_the_countys_towns_is_refused(regions):
    for code in ("999999001", regions.county.code):
        data = boundaries.grid([regions.town1.code, code])
        with pytest.raises(ValidationError, match=f"第 2 个要素的地区代码 {code} 不是青溪县"):
            boundaries.parse(text(data), regions.county)
    # a town's boundaries are its county's to upload, not the town's
    data = boundaries.grid([regions.town1.code])
    with pytest.raises(ValidationError, match="不是城关街道下辖的镇街"):
        boundaries.parse(text(data), regions.town1)


def test_a_feature_without_a_polygon_or_a_code_or_twice_is_refused(regions):
    data = boundaries.grid([regions.town1.code, regions.town2.code])
    data["features"][1]["geometry"] = {"type": "Point", "coordinates": [0, 0]}
    with pytest.raises(ValidationError, match="第 2 个要素的边界不是面"):
        boundaries.parse(text(data), regions.county)
    data = boundaries.grid([regions.town1.code, regions.town2.code])
    data["features"][0]["properties"] = {"name": "城关街道"}
    with pytest.raises(ValidationError, match="第 1 个要素没有地区代码"):
        boundaries.parse(text(data), regions.county)
    data = boundaries.grid([regions.town1.code, regions.town1.code])
    with pytest.raises(ValidationError, match="339102001 重复"):
        boundaries.parse(text(data), regions.county)


def test_neighbouring_cells_share_their_edges():
    cells = boundaries.grid([str(i) for i in range(7)], columns=3)["features"]
    ring = [tuple(p) for p in cells[4]["geometry"]["coordinates"][0]]
    right = [tuple(p) for p in cells[5]["geometry"]["coordinates"][0]]
    above = [tuple(p) for p in cells[1]["geometry"]["coordinates"][0]]
    assert {ring[1], ring[2]} == {right[0], right[3]}
    assert {ring[2], ring[3]} == {above[0], above[1]}
    assert boundaries.grid(["1", "2"]) == boundaries.grid(["1", "2"])


def test_the_admin_stores_checked_boundaries_and_shows_the_error(client, cast):
    client.force_login(cast.admin)
    url = "/admin/screen/townmap/add/"
    answer = client.post(url, {"region": cast.regions.county.pk, "geojson": "{oops"})
    assert answer.status_code == 200
    assert "不是有效的 JSON" in answer.content.decode()
    assert not TownMap.objects.exists()
    data = boundaries.grid([cast.regions.town1.code, cast.regions.town2.code])
    answer = client.post(url, {"region": cast.regions.county.pk, "geojson": text(data)})
    assert answer.status_code == 302
    assert TownMap.objects.get(region=cast.regions.county).geojson == data
