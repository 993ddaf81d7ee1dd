"""The home page: the user's own region's figures, each a link to the list behind it."""

from datetime import timedelta

import pytest

from mujun.attraction.actions import today
from mujun.attraction.testing import make_activity, make_official
from mujun.enterprises.testing import make_enterprise


@pytest.mark.django_db
class TestHome:
    def test_each_town_links_to_its_enterprises_by_code(self, login, cast):
        make_enterprise(cast.regions.town1, name="城关甲企业")
        make_enterprise(cast.regions.town2, name="东岭乙企业")
        client = login(cast.leader)
        page = client.get("/").content.decode()
        assert "?region=339102001" in page
        listed = client.get("/enterprises/?region=339102001").content.decode()
        assert "城关甲企业" in listed and "东岭乙企业" not in listed

    def test_the_last_months_attraction_misses_are_counted(self, login, cast):
        last = today().replace(day=1) - timedelta(days=1)
        busy = make_official(cast.regions.town1, principal=True, name="城关书记")
        make_official(cast.regions.town2, principal=True, name="东岭书记")
        make_activity(cast.regions.town1, leader=busy, start=last, end=last)
        leader_page = login(cast.leader).get("/").content.decode()
        assert "2 名主要领导中 1 人未带队或参加招商活动" in leader_page
        town_page = login(cast.town1).get("/").content.decode()
        assert "1 名主要领导中 0 人未带队或参加招商活动" in town_page

    def test_no_attraction_panel_without_principal_officials(self, login, cast):
        page = login(cast.town2).get("/").content.decode()
        assert "一月一招商" not in page
