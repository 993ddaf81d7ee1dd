import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from mujun.core.querysets import (
    ASSIGNED_TO_MY_DEPARTMENT,
    PARENT_REGIONS_READABLE,
    PEER_REGIONS_READABLE,
    SIBLING_REGIONS_RANKED,
    SUBTREE,
    for_user,
)
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
        qs = Enterprise.objects.for_user(cast.town1).filter(above_size=True).with_land_area()
        assert [e.name for e in qs] == ["甲"]

    def test_the_subtree_is_read_once_as_an_array_on_postgresql(self, cast):
        """The same rows as Django's ``region__in``; PostgreSQL gets ``= ANY(ARRAY(…))``,
        whose ids bound the index scan (core.querysets.InSubquery)."""
        from mujun.regions.models import Region

        make_enterprise(cast.regions.town1)
        make_enterprise(cast.regions.town2)
        scoped = Enterprise.objects.for_user(cast.town1)
        subtree = Region.objects.filter(path__startswith=cast.regions.town1.path).values("pk")
        assert list(scoped) == list(Enterprise.objects.filter(region__in=subtree))
        array = "= ANY(ARRAY(SELECT" in str(scoped.query)
        assert array == (connection.vendor == "postgresql")


def peer_region():
    from mujun.regions.choices import Kind, Level
    from mujun.regions.models import Region

    return Region.objects.create(
        code="360302", name="萍乡经开区", level=Level.TOWN, kind=Kind.ZONE, is_peer=True
    )


@pytest.mark.django_db
class TestScopeRules:
    """The named rules ``for_user`` combines (core/querysets.py)."""

    def test_each_rule_names_its_regions_for_an_action(self, cast):
        from mujun.regions.models import Region

        peer = peer_region()
        r = cast.regions

        def regions(rule, user, action):
            condition = rule.regions(user, action)
            return set() if condition is None else set(Region.objects.filter(condition))

        assert regions(SUBTREE, cast.town1, "change") == {r.town1}
        assert regions(SUBTREE, cast.leader, "view") == {r.county, r.town1, r.town2}
        assert regions(PEER_REGIONS_READABLE, cast.town1, "view") == {peer}
        assert regions(PEER_REGIONS_READABLE, cast.town1, "change") == set()
        assert regions(PARENT_REGIONS_READABLE, cast.town1, "view") == {
            r.province,
            r.city,
            r.county,
        }
        assert regions(PARENT_REGIONS_READABLE, cast.town1, "change") == set()
        # a town is ranked among the county's towns, peers apart; nothing to write
        assert regions(SIBLING_REGIONS_RANKED, cast.town1, "view") == {r.town1, r.town2}
        assert regions(SIBLING_REGIONS_RANKED, cast.town1, "change") == set()
        assert regions(SIBLING_REGIONS_RANKED, cast.admin, "view") == {r.county}

    def test_for_user_is_the_union_of_the_querysets_rules(self, cast):
        from mujun.evaluation.models import Scheme

        peer = peer_region()
        mine = make_enterprise(cast.regions.town1)
        theirs = make_enterprise(peer)
        assert set(Enterprise.objects.for_user(cast.town1)) == {mine, theirs}
        assert list(Enterprise.objects.for_user(cast.town1, "change")) == [mine]
        assert Enterprise.objects.all().scope_rules == (
            SUBTREE,
            PEER_REGIONS_READABLE,
            ASSIGNED_TO_MY_DEPARTMENT,
        )
        assert PARENT_REGIONS_READABLE in Scheme.objects.all().scope_rules

    def test_a_department_reaches_only_its_assignments(self, cast, depts):
        """No subtree for a department user: the problems its department had (to view), the
        ones it has now (to handle), their enterprises (to view), nothing else."""
        from mujun.service.models import Problem
        from mujun.service.testing import assign, make_problem

        current = assign(make_problem(cast.regions.town1), depts.one)
        earlier = assign(make_problem(cast.regions.town2), depts.one)
        Problem.objects.filter(pk=earlier.pk).update(department=None, status="returned")
        make_problem(cast.regions.town1)
        user = depts.user1
        assert set(Problem.objects.for_user(user)) == {current, earlier}
        assert list(Problem.objects.for_user(user, "handle")) == [current]
        assert set(Enterprise.objects.for_user(user)) == {current.enterprise, earlier.enterprise}
        assert Enterprise.objects.for_user(user, "handle").count() == 0
        assert SUBTREE.regions(user, "view") is None
        assert list(Problem.objects.for_user(depts.user2)) == []

    def test_no_rule_for_the_action_gives_nothing(self, cast):
        make_enterprise(cast.regions.town1)
        none = for_user(Enterprise.objects.all(), cast.town1, "view", (), "region")
        assert none.count() == 0


def test_roles_table_is_complete():
    assert set(ROLE_ACTIONS) == set(Role.values)
    assert not role_allows(AnonymousUser(), "view")
