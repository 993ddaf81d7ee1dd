"""A list counts its rows up to a threshold and then says “超过 N 条”, with the pager still
going on a page at a time (core/paging.py); the API says the same with ``count_capped``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from mujun.projects.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(cast):
    # 25 projects under a threshold of 3 and pages of 10: the first two pages pass the count
    for n in range(25):
        make_project(cast.regions.town1, code=f"C{n:03d}")
    with override_settings(MUJUN_COUNT_LIMIT=3):
        yield


def page(client, number):
    return client.get(f"/projects/?per_page=10&page={number}").content.decode()


def test_a_count_past_the_threshold_says_more_than(login, cast, projects):
    html = page(login(cast.town1), 1)
    assert "超过 3 条" in html and "共 25 条" not in html
    assert "第 1 页" in html and "第 1 /" not in html
    assert "page=2" in html  # the next page is offered …
    assert "page=3" not in html  # … not a last page the count does not know


def test_the_pager_goes_on_past_the_threshold_to_the_end(login, cast, projects):
    client = login(cast.town1)
    second = page(client, 2)
    assert "超过 3 条" in second and "page=3" in second
    last = page(client, 3)
    # the count reaches the end of the page asked for: the last page knows the total
    assert "共 25 条" in last and "第 3 / 3 页" in last
    assert last.count("<tr>") == 1 + 5


def test_a_count_under_the_threshold_is_exact(login, cast):
    make_project(cast.regions.town1)
    make_project(cast.regions.town2)
    html = login(cast.town1).get("/projects/").content.decode()
    assert "共 1 条" in html and "超过" not in html


def test_the_count_reads_at_most_the_threshold_and_one(login, cast, projects):
    client = login(cast.town1)
    with CaptureQueriesContext(connection) as queries:
        page(client, 1)
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 11" in sql for sql in counts)


def test_the_api_says_its_count_is_capped(client, cast, projects):
    from mujun.accounts.models import ApiToken

    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.town1)}"}
    first = client.get("/api/projects?page_size=10", **auth).json()
    assert (first["count"], first["count_capped"], len(first["items"])) == (10, True, 10)
    last = client.get("/api/projects?page_size=10&page=3", **auth).json()
    assert (last["count"], last["count_capped"], len(last["items"])) == (25, False, 5)
    beyond = client.get("/api/projects?page_size=10&page=4", **auth).json()
    assert (beyond["count"], beyond["count_capped"], beyond["items"]) == (25, False, [])
