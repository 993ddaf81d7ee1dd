import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet
from django.db import connection

from conftest import make_user
from mujun.core.querysets import scope_key
from mujun.core.roles import ROLE_ACTIONS, Role, role_allows
from mujun.enterprises.models import Enterprise, LandParcel
from mujun.enterprises.testing import make_enterprise


@pytest.mark.django_db
class TestForUser:
    def test_town_officer_sees_own_town_only(self, cast):
        mine = make_enterprise(cast.regions.town1)
        make_enterprise(cast.regions.town2)
        assert list(Enterprise.objects.for_user(cast.town1)) == [mine]

    def test_county_user_sees_all_towns(self, cast):
        make_enterprise(cast.regions.town1)
        make_enterprise(cast.regions.town2)
        assert Enterprise.objects.for_user(cast.leader).count() == 2

    def test_superuser_sees_everything(self, cast):
        make_enterprise(cast.regions.town2)
        assert Enterprise.objects.for_user(cast.root).count() == 1

    def test_anonymous_and_regionless_see_nothing(self, cast):
        make_enterprise(cast.regions.town1)
        assert Enterprise.objects.for_user(AnonymousUser()).count() == 0
        assert Enterprise.objects.for_user(cast.no_region).count() == 0

    def test_action_the_role_lacks_gives_nothing(self, cast):
        make_enterprise(cast.regions.town1)
        assert Enterprise.objects.for_user(cast.viewer, "change").count() == 0
        assert Enterprise.objects.for_user(cast.leader, "add").count() == 0
        assert Enterprise.objects.for_user(cast.town1, "change").count() == 1

    def test_related_scope_field(self, cast):
        LandParcel.objects.create(enterprise=make_enterprise(cast.regions.town1), area_mu=1)
        LandParcel.objects.create(enterprise=make_enterprise(cast.regions.town2), area_mu=2)
        assert [p.area_mu for p in LandParcel.objects.for_user(cast.town1)] == [1]

    def test_inactive_user_sees_nothing(self, cast):
        make_enterprise(cast.regions.town1)
        cast.town1.is_active = False
        assert Enterprise.objects.for_user(cast.town1).count() == 0

    def test_scope_composes_with_named_queries(self, cast):
        make_enterprise(cast.regions.town1, name="甲", above_size=True)
        make_enterprise(cast.regions.town2, name="乙", above_size=True)
        qs = Enterprise.objects.for_user(cast.town1).filtered(size="above").with_land_area()
        assert [e.name for e in qs] == ["甲"]

    def test_the_subtree_is_read_once_as_an_array_on_postgresql(self, cast):
        """The same rows as Django's ``region__in``; PostgreSQL gets ``= ANY(ARRAY(…))``,
        whose ids bound the index scan (core.querysets.InSubquery)."""
        from mujun.regions.models import Region

        make_enterprise(cast.regions.town1)
        make_enterprise(cast.regions.town2)
        scoped = Enterprise.objects.for_user(cast.town1)
        subtree = Region.objects.visible_from(cast.regions.town1).values("pk")
        assert list(scoped) == list(Enterprise.objects.filter(region__in=subtree))
        array = "= ANY(ARRAY(SELECT" in str(scoped.query)
        assert array == (connection.vendor == "postgresql")


@pytest.mark.django_db
def test_users_with_one_scope_key_get_one_scoped_query(cast):
    """``scope_key`` names all that ``for_user`` reads: wherever two users' keys agree, so does
    the SQL of every scoped query, and wherever they differ, so does the SQL."""
    from mujun.projects.models import Project
    from mujun.regions.models import Region

    users = [
        AnonymousUser(),
        *(user for name, user in vars(cast).items() if name != "regions"),
        make_user("leader2", Role.LEADER, cast.regions.county),
        make_user("town1b", Role.OFFICER, cast.regions.town1),
        make_user("root2", Role.VIEWER, cast.regions.town2, is_superuser=True),
        make_user("gone", Role.OFFICER, cast.regions.town1, is_active=False),
    ]
    for action in ("view", "change", "add"):
        seen = {}
        for user in users:
            sql = tuple(
                _sql(model.objects.for_user(user, action))
                for model in (Enterprise, LandParcel, Project, Region)
            )
            seen.setdefault(scope_key(user, action), set()).add(sql)
        assert all(len(queries) == 1 for queries in seen.values()), seen
        assert len({queries.pop() for queries in seen.values()}) == len(seen)


def _sql(queryset) -> str:
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return "nothing"


def test_roles_table_is_complete():
    assert set(ROLE_ACTIONS) == set(Role.values)
    assert not role_allows(AnonymousUser(), "view")
