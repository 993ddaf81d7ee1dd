"""The demo county's lobby screen draws its towns as a map: boundaries for every town, valid
as an upload would have to be."""

import json

import pytest

from mujun.demo import regions as demo_regions
from mujun.demo.context import DemoContext
from mujun.screen import boundaries, demo
from mujun.screen.models import TownMap

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("scale", [1.0, 0.05])
def test_the_demo_county_has_a_boundary_for_every_town(scale):
    ctx = DemoContext.create(seed=7, password="demo-pass-123", log=lambda _: None, scale=scale)
    demo_regions.build(ctx)
    demo.build(ctx)
    stored = TownMap.objects.get(region=ctx.county).geojson
    codes = [f["properties"]["code"] for f in stored["features"]]
    assert codes == [t.code for t in ctx.towns]
    assert len(codes) == (15 if scale == 1.0 else 3)
    assert boundaries.parse(json.dumps(stored), ctx.county) == stored
    # the same county, the same map, whatever the seed
    assert stored == boundaries.grid(codes)
