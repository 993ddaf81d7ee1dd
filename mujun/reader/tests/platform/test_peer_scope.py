"""Peer regions in the one scoping method: readable by everyone who may view, never writable
through scope, never offered as a town."""

import pytest

from mujun.enterprises.forms import EnterpriseForm
from mujun.indicators.models import IndicatorValue
from mujun.indicators.testing import make_value
from mujun.reader import actions
from mujun.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def peer(regions):
    return actions.peer_region("湘东镇")


def test_town_officer_sees_peer_rows_but_never_another_towns(cast, peer):
    mine = make_value(cast.regions.town1)
    make_value(cast.regions.town2)
    theirs_peer = make_value(peer)
    assert set(IndicatorValue.objects.for_user(cast.town1)) == {mine, theirs_peer}


def test_peer_rows_are_for_viewing_only(cast, peer):
    make_value(peer)
    for action in ("add", "change", "delete"):
        assert not IndicatorValue.objects.for_user(cast.town1, action).exists()
    assert not Region.objects.for_user(cast.town1, "add").filter(is_peer=True).exists()


def test_no_permission_still_sees_nothing(cast, peer):
    make_value(peer)
    assert not IndicatorValue.objects.for_user(cast.no_region).exists()
    cast.viewer.is_active = False
    assert not IndicatorValue.objects.for_user(cast.viewer).exists()


def test_regions_in_view_include_peers(cast, peer):
    assert set(Region.objects.for_user(cast.town1)) == {cast.regions.town1, peer}


def test_peers_are_never_offered_as_towns(cast, peer):
    assert peer.level == "town"
    assert peer not in Region.objects.towns()
    form = EnterpriseForm(user=cast.admin)
    assert peer not in form.fields["region"].queryset
