"""Query-count baselines of the enterprise list and its API (STYLE.md §12, core/query_counts.py)."""

from pathlib import Path

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.core.query_counts import assert_query_baseline
from mujun.enterprises.testing import make_enterprise

BASELINES = Path(__file__).with_name("query_counts.json")
LIST = reverse("enterprises:enterprise_list")
API = "/api/enterprises"

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def enterprises(*regions, **fields):
    """``make_rows`` of enterprises with land (the list sums its parcels), spread over
    ``regions``; ``fields`` make them match a filtered list."""

    def make(n):
        for i in range(n):
            make_enterprise(regions[i % len(regions)], area_mu=3, **fields)

    return make


def filtered(cast):
    return f"?region={cast.regions.town1.code}&industry=34&size=above&label=is_high_tech"


def labelled(cast):
    return enterprises(cast.regions.town1, industry_code="3411", above_size=True, is_high_tech=True)


def test_list_page(login, cast):
    rows = enterprises(cast.regions.town1, cast.regions.town2, cast.regions.county)
    client = login(cast.leader)
    assert_query_baseline(BASELINES, "enterprises:enterprise_list", client, LIST, rows)


def test_list_page_filtered(login, cast):
    url = LIST + filtered(cast)
    client = login(cast.leader)
    name = "enterprises:enterprise_list?region&industry&size&label"
    assert_query_baseline(BASELINES, name, client, url, labelled(cast))


def test_list_page_of_a_town_officer(login, cast):
    rows = enterprises(cast.regions.town1)
    client = login(cast.town1)
    assert_query_baseline(BASELINES, "enterprises:enterprise_list as officer", client, LIST, rows)


def test_api_list(client, cast):
    rows = enterprises(cast.regions.town1, cast.regions.town2, cast.regions.county)
    headers = auth(cast.leader)
    assert_query_baseline(BASELINES, API, client, API, rows, headers=headers)


def test_api_list_filtered(client, cast):
    url = API + filtered(cast)
    name = f"{API}?region&industry&size&label"
    assert_query_baseline(BASELINES, name, client, url, labelled(cast), headers=auth(cast.leader))
