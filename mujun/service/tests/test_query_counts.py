"""Query-count baselines of every enterprise-service list page and list endpoint, and of the
home pages and reports that list problems (STYLE.md §12, core/query_counts.py)."""

from pathlib import Path

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.attraction.testing import make_official
from mujun.core.query_counts import assert_query_baseline
from mujun.enterprises.testing import make_enterprise
from mujun.service.models import CommonIssue, Liaison
from mujun.service.testing import assign, make_department, make_problem, make_visit

BASELINES = Path(__file__).with_name("query_counts.json")

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def problems(region, department=None, **fields):
    def make(n):
        for _ in range(n):
            problem = make_problem(region, **fields)
            if department is not None:
                assign(problem, department)

    return make


def visits(region):
    def make(n):
        for _ in range(n):
            make_visit(region, officials=[make_official(region), make_official(region)])

    return make


@pytest.mark.parametrize("who", ["leader", "town1"])
def test_problem_list(login, cast, who):
    suffix = "" if who == "leader" else " as officer"
    assert_query_baseline(
        BASELINES,
        f"service:problem_list{suffix}",
        login(getattr(cast, who)),
        reverse("service:problem_list"),
        problems(cast.regions.town1),
    )


def test_department_queue_page_and_api(login, client, cast, depts):
    assert_query_baseline(
        BASELINES,
        "service:problem_list?mine as department",
        login(depts.user1),
        reverse("service:problem_list") + "?mine=on",
        problems(cast.regions.town1, depts.one),
    )
    assert_query_baseline(
        BASELINES,
        "/api/service/problems?mine as department",
        client,
        "/api/service/problems?mine=true",
        problems(cast.regions.town2, depts.one),
        headers=auth(depts.user1),
    )


def test_problem_api(client, cast):
    assert_query_baseline(
        BASELINES,
        "/api/service/problems",
        client,
        "/api/service/problems",
        problems(cast.regions.town1),
        headers=auth(cast.leader),
    )


def test_visit_list_and_api(login, client, cast):
    assert_query_baseline(
        BASELINES,
        "service:visit_list",
        login(cast.leader),
        reverse("service:visit_list"),
        visits(cast.regions.town1),
    )
    assert_query_baseline(
        BASELINES,
        "/api/service/visits",
        client,
        "/api/service/visits",
        visits(cast.regions.town2),
        headers=auth(cast.leader),
    )


def test_department_list_and_api(login, client, cast):
    def make(n):
        for _ in range(n):
            make_department(cast.regions.county)

    assert_query_baseline(
        BASELINES,
        "service:department_list",
        login(cast.leader),
        reverse("service:department_list"),
        make,
    )
    assert_query_baseline(
        BASELINES,
        "/api/service/departments",
        client,
        "/api/service/departments",
        make,
        headers=auth(cast.leader),
    )


def test_issue_and_liaison_lists(login, cast):
    def issues(n):
        for i in range(n):
            CommonIssue.objects.create(
                title=f"共性问题{i}", category="energy", region=cast.regions.county
            )

    def liaisons(n):
        for _ in range(n):
            region = cast.regions.town1
            Liaison.objects.create(
                official=make_official(region),
                role="leader",
                enterprise=make_enterprise(region),
                region=region,
            )

    client = login(cast.leader)
    assert_query_baseline(
        BASELINES, "service:issue_list", client, reverse("service:issue_list"), issues
    )
    assert_query_baseline(
        BASELINES, "service:liaison_list", client, reverse("service:liaison_list"), liaisons
    )


def test_reports(client, cast, depts):
    from datetime import date

    from mujun.service import actions

    def closed(n):
        for _ in range(n):
            problem = make_problem(cast.regions.town1, raised_on=date(2026, 2, 2))
            actions.close(problem, user=cast.town1, resolution="已解决", satisfaction="satisfied")
            assign(make_problem(cast.regions.town2, raised_on=date(2026, 2, 3)), depts.one)

    assert_query_baseline(
        BASELINES,
        "/api/service/stats",
        client,
        "/api/service/stats?region=339102&start=2026-01&end=2026-12",
        closed,
        headers=auth(cast.leader),
    )

    def visited(n):
        for _ in range(n):
            official = make_official(cast.regions.town1)
            make_visit(
                enterprise=make_enterprise(cast.regions.town1, above_size=True),
                officials=[official],
                visited_on=date(2026, 2, 1),
            )
            make_enterprise(cast.regions.town2, is_listed=True)

    assert_query_baseline(
        BASELINES,
        "/api/service/coverage",
        client,
        "/api/service/coverage?region=339102&start=2026-01-01&end=2026-12-31&list=above_size",
        visited,
        headers=auth(cast.leader),
    )


def test_liaison_api(client, cast):
    def liaisons(n):
        for _ in range(n):
            region = cast.regions.town1
            Liaison.objects.create(
                official=make_official(region),
                role="commissioner",
                enterprise=make_enterprise(region),
                region=region,
            )

    assert_query_baseline(
        BASELINES,
        "/api/service/liaisons",
        client,
        "/api/service/liaisons",
        liaisons,
        headers=auth(cast.leader),
    )
