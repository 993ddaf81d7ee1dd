"""The menu's 大屏 entry: in a new tab for every user the screen opens for, absent for those
it answers 404 (a department's user, a user without a region)."""

import pytest

from conftest import make_user
from mujun.core.roles import Role

pytestmark = pytest.mark.django_db

ENTRY = '<a href="/screen/" target="_blank" rel="noopener">大屏</a>'


@pytest.mark.parametrize("role", ["town1", "town2", "leader", "viewer", "admin"])
def test_users_the_screen_opens_for_have_the_entry(client, cast, role):
    client.force_login(getattr(cast, role))
    assert ENTRY in client.get("/").content.decode()
    assert client.get("/screen/").status_code == 200


def test_a_departments_user_has_no_entry_and_no_screen(client, cast, depts):
    client.force_login(depts.user1)
    assert "/screen/" not in client.get("/").content.decode()
    assert client.get("/screen/").status_code == 404


def test_a_user_without_a_region_has_no_entry_and_no_screen(client, cast):
    client.force_login(make_user("nowhere", Role.OFFICER, None))
    assert "/screen/" not in client.get("/").content.decode()
    assert client.get("/screen/").status_code == 404
