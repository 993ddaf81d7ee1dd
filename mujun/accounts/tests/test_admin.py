import pytest

from mujun.accounts.models import User


@pytest.mark.django_db
class TestManagement:
    @pytest.mark.parametrize("who", ["leader", "viewer", "town1", "department"])
    def test_only_admins_reach_user_management(self, login, cast, who):
        response = login(getattr(cast, who)).get("/admin/accounts/user/")
        assert response.status_code == 302  # sent to the admin login, never shown

    def test_admin_sees_users_of_own_subtree_only(self, login, cast):
        from conftest import make_user
        from mujun.core.roles import Role

        town_admin = make_user("townadmin", Role.ADMIN, cast.regions.town1)
        page = login(town_admin).get("/admin/accounts/user/").content.decode()
        assert ">town1</a>" in page and ">town2</a>" not in page and ">leader</a>" not in page

    def test_admin_cannot_open_user_of_other_town(self, login, cast):
        from conftest import make_user
        from mujun.core.roles import Role

        town_admin = make_user("townadmin", Role.ADMIN, cast.regions.town1)
        response = login(town_admin).get(f"/admin/accounts/user/{cast.town2.pk}/change/")
        assert response.status_code in (302, 403, 404)
        assert User.objects.get(pk=cast.town2.pk).username == "town2"

    def test_county_admin_manages_regions(self, login, cast):
        page = login(cast.admin).get("/admin/regions/region/").content.decode()
        assert "东岭镇" in page and "城关街道" in page
