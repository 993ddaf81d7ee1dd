"""The cast every test shares: a county with two towns and one user per role (STYLE.md §11)."""

from types import SimpleNamespace

import pytest

PASSWORD = "test-pass-123"


@pytest.fixture
def regions(db):
    # Imported here so that DB-free suites (reader, evaluation engine) run without Django.
    from mujun.regions.choices import Kind, Level
    from mujun.regions.models import Region

    province = Region.objects.create(
        code="330000", name="浙江省", level=Level.PROVINCE, kind=Kind.PROVINCE
    )
    city = Region.objects.create(
        code="339100", name="云川市", level=Level.CITY, kind=Kind.CITY, parent=province
    )
    county = Region.objects.create(
        code="339102", name="青溪县", level=Level.COUNTY, kind=Kind.COUNTY, parent=city
    )
    town1 = Region.objects.create(
        code="339102001", name="城关街道", level=Level.TOWN, kind=Kind.STREET, parent=county
    )
    town2 = Region.objects.create(
        code="339102002", name="东岭镇", level=Level.TOWN, kind=Kind.TOWN, parent=county
    )
    return SimpleNamespace(province=province, city=city, county=county, town1=town1, town2=town2)


def make_user(username, role, region, **extra):
    from mujun.accounts.models import User

    user = User(username=username, role=role, region=region, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def cast(regions):
    """admin/leader/viewer/department of the county, an officer in each town, a superuser."""
    from mujun.core.roles import Role

    return SimpleNamespace(
        regions=regions,
        admin=make_user("admin", Role.ADMIN, regions.county),
        leader=make_user("leader", Role.LEADER, regions.county),
        viewer=make_user("viewer", Role.VIEWER, regions.county),
        department=make_user("department", Role.DEPARTMENT, regions.county),
        town1=make_user("town1", Role.OFFICER, regions.town1),
        town2=make_user("town2", Role.OFFICER, regions.town2),
        root=make_user("root", Role.ADMIN, None, is_superuser=True, is_staff=True),
        no_region=make_user("drifter", Role.OFFICER, None),
    )


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def depts(cast):
    """Two county departments, each with a department user: a department never sees what is
    not assigned to it, nor another department's problems."""
    from mujun.core.roles import Role
    from mujun.service.models import Department

    one = Department.objects.create(name="县自然资源局", region=cast.regions.county)
    two = Department.objects.create(name="县税务局", region=cast.regions.county)
    return SimpleNamespace(
        one=one,
        two=two,
        user1=make_user("dept1", Role.DEPARTMENT, cast.regions.county, department=one),
        user2=make_user("dept2", Role.DEPARTMENT, cast.regions.county, department=two),
    )
