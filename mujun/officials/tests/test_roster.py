"""The register read once for an import (roster.py): an official by name within a region, or in
the nearest region above it; archived officials are not found."""

import pytest

from mujun.attraction.testing import make_official
from mujun.officials.roster import Roster

pytestmark = pytest.mark.django_db


def test_within_finds_an_official_of_the_region_or_below_it(cast):
    r = cast.regions
    town = make_official(r.town1, name="李明")
    make_official(r.town2, name="赵强")
    roster = Roster.under([r.town1.path, r.county.path])
    assert roster.within(r.town1.path, " 李明 ") == town.pk
    assert roster.within(r.county.path, "李明") == town.pk
    # 东岭镇's official is the county's, not 城关街道's
    assert roster.within(r.town1.path, "赵强") is None
    assert roster.within(r.county.path, "赵强") is not None


def test_nearest_prefers_the_town_then_the_regions_above(cast):
    r = cast.regions
    county = make_official(r.county, name="王局长")
    town = make_official(r.town1, name="王局长")
    make_official(r.town1, name="钱科长", is_archived=True)
    roster = Roster.above([r.town1.path, r.town2.path])
    assert roster.nearest(r.town1.path, "王局长") == town.pk
    assert roster.nearest(r.town2.path, "王局长") == county.pk
    assert roster.nearest(r.town1.path, "钱科长") is None
    assert roster.names[county.pk] == "王局长"
