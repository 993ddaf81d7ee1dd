"""Query-count baselines of the figures, the targets and the catalogue, pages and API
(STYLE.md §12, core/query_counts.py)."""

import itertools
from pathlib import Path

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.core.query_counts import assert_query_baseline
from mujun.indicators.models import Indicator
from mujun.indicators.testing import make_target, make_value

BASELINES = Path(__file__).with_name("query_counts.json")
VALUES = reverse("indicators:indicatorvalue_list")
TARGETS = reverse("indicators:target_list")
API = "/api/indicators/values"
KEY = "industrial_output_above_size"

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def values(*regions, keys=(KEY,)):
    """``make_rows`` of this year's figures: month by month, each in every one of ``regions``,
    with last year's figure beside it (its growth) and the year's target (its completion)."""
    cells = itertools.product(keys, range(1, 13), regions)

    def make(n):
        for key, month, region in itertools.islice(cells, n):
            make_value(region, key, year=2026, month=month, value=100 * month)
            make_value(region, key, year=2025, month=month, value=90 * month)
            if month == 1:
                make_target(region, key, year=2026)

    return make


def targets(*regions):
    """``make_rows`` of 2026 targets, indicator by indicator, each in every one of ``regions``."""
    cells = itertools.product(Indicator.objects.values_list("key", flat=True), regions)

    def make(n):
        for key, region in itertools.islice(cells, n):
            make_target(region, key, year=2026)

    return make


def indicators(n):
    start = Indicator.objects.count()
    for i in range(start, start + n):
        Indicator.objects.create(key=f"test_{i}", name=f"测试指标{i}", unit="万元")


def everywhere(cast):
    return (cast.regions.county, cast.regions.town1, cast.regions.town2)


def test_values_page(login, cast):
    client = login(cast.leader)
    name = "indicators:indicatorvalue_list"
    assert_query_baseline(BASELINES, name, client, VALUES, values(*everywhere(cast)))


def test_values_page_filtered(login, cast):
    # one region's figures of one indicator in one year: twelve months at most
    url = f"{VALUES}?region={cast.regions.town1.code}&indicator={KEY}&year=2026"
    name = "indicators:indicatorvalue_list?region&indicator&year"
    rows = values(cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows, rows=4)


def test_values_page_of_a_town_officer(login, cast):
    name = "indicators:indicatorvalue_list as officer"
    rows = values(cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.town1), VALUES, rows)


def test_targets_page(login, cast):
    client = login(cast.leader)
    assert_query_baseline(
        BASELINES, "indicators:target_list", client, TARGETS, targets(*everywhere(cast))
    )


def test_targets_page_filtered(login, cast):
    # one region's targets of one year: one per indicator of the catalogue
    url = f"{TARGETS}?region={cast.regions.town1.code}&year=2026"
    name = "indicators:target_list?region&year"
    rows = targets(cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows, rows=4)


def test_catalogue_page(login, cast):
    url = reverse("indicators:indicator_list")
    assert_query_baseline(
        BASELINES, "indicators:indicator_list", login(cast.leader), url, indicators
    )


def test_api_values(client, cast):
    rows = values(*everywhere(cast))
    assert_query_baseline(BASELINES, API, client, API, rows, headers=auth(cast.leader))


def test_api_values_filtered(client, cast):
    url = f"{API}?region={cast.regions.town1.code}&indicator={KEY}&year=2026"
    name = f"{API}?region&indicator&year"
    rows = values(cast.regions.town1)
    assert_query_baseline(BASELINES, name, client, url, rows, rows=4, headers=auth(cast.leader))


def test_api_catalogue(client, cast):
    url = "/api/indicators/catalogue"
    assert_query_baseline(BASELINES, url, client, url, indicators, headers=auth(cast.leader))
