"""Query-count baselines of each role's home page and of /api/home (core/query_counts.py):
the same number of queries with 5 and with 15 projects or problems, and no more than the
baseline."""

from pathlib import Path

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.core.query_counts import assert_query_baseline
from mujun.service.testing import assign, make_problem

from .test_imports import job
from .test_officer import red_project

BASELINES = Path(__file__).with_name("query_counts.json")

pytestmark = pytest.mark.django_db


def red_projects(*regions):
    def make(n):
        for _ in range(n):
            for region in regions:
                red_project(region)

    return make


def with_failed_imports(make, *users):
    """``make`` and as many failed imports by each of ``users`` (the imports panels)."""

    def both(n):
        make(n)
        for _ in range(n):
            for user in users:
                job(user, "问题.csv", problems=1)

    return both


def importers(cast, role):
    return {"town1": (cast.town1,), "admin": (cast.town1, cast.town2)}.get(role, ())


def assigned(region, department):
    def make(n):
        for _ in range(n):
            assign(make_problem(region), department)

    return make


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


@pytest.mark.parametrize("role", ["town1", "leader", "viewer", "admin"])
def test_home_page(login, cast, role):
    user = getattr(cast, role)
    name = "officer" if role == "town1" else role
    towns = (cast.regions.town1,) if role == "town1" else (cast.regions.town1, cast.regions.town2)
    assert_query_baseline(
        BASELINES,
        f"home:home as {name}",
        login(user),
        reverse("home:home"),
        with_failed_imports(red_projects(*towns), *importers(cast, role)),
    )


@pytest.mark.parametrize("role", ["town1", "leader", "viewer", "admin"])
def test_home_api(client, cast, role):
    user = getattr(cast, role)
    name = "officer" if role == "town1" else role
    towns = (cast.regions.town1,) if role == "town1" else (cast.regions.town1, cast.regions.town2)
    assert_query_baseline(
        BASELINES,
        f"/api/home as {name}",
        client,
        "/api/home",
        with_failed_imports(red_projects(*towns), *importers(cast, role)),
        headers=auth(user),
    )


def test_department_home(login, cast, depts):
    assert_query_baseline(
        BASELINES,
        "home:home as department",
        login(depts.user1),
        reverse("home:home"),
        assigned(cast.regions.town1, depts.one),
    )


def test_department_home_api(client, cast, depts):
    assert_query_baseline(
        BASELINES,
        "/api/home as department",
        client,
        "/api/home",
        assigned(cast.regions.town1, depts.one),
        headers=auth(depts.user1),
    )
