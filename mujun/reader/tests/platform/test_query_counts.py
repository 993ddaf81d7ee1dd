"""Query-count baselines of the report list, the comparison page and the reports API
(STYLE.md §12, core/query_counts.py)."""

import itertools
from pathlib import Path

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.core.query_counts import assert_query_baseline
from mujun.indicators.testing import indicator, make_value
from mujun.reader import actions

from .helpers import REPORT, read

BASELINES = Path(__file__).with_name("query_counts.json")
LIST = reverse("reader:report_list")
COMPARE = reverse("reader:compare")
API = "/api/reader/reports"

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)
# peer names as reports write them: the reader takes a name with digits for no region
_peer_names = itertools.cycle(a + b + "镇" for a in "青麻白金石龙凤桃柳梅" for b in "山江岭源湖")


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def reports(*officers):
    """``make_rows`` of reports read by ``officers`` in turn (each text once: a text read
    again is the stored report)."""

    def make(n):
        for i in range(n):
            read(officers[i % len(officers)], text=REPORT + f"第{next(_numbers)}篇。")

    return make


def peers(officer, leader):
    """``make_rows`` of peer regions, each with its report read and accepted: a column more
    of the comparison."""

    def make(n):
        for _ in range(n):
            report = read(officer, text=REPORT.replace("湘东镇", next(_peer_names)))
            actions.accept_report(report=report, user=leader)

    return make


def test_report_list_page(login, cast):
    rows = reports(cast.town1, cast.town2)
    assert_query_baseline(BASELINES, "reader:report_list", login(cast.leader), LIST, rows)


def test_report_list_page_filtered(login, cast):
    url = f"{LIST}?q=经济运行"
    rows = reports(cast.town1, cast.town2)
    assert_query_baseline(BASELINES, "reader:report_list?q", login(cast.leader), url, rows)


def test_report_list_page_of_a_town_officer(login, cast):
    name = "reader:report_list as officer"
    assert_query_baseline(BASELINES, name, login(cast.town1), LIST, reports(cast.town1))


def test_compare_page(login, cast):
    assert_query_baseline(
        BASELINES, "reader:compare", login(cast.leader), COMPARE, peers(cast.town1, cast.leader)
    )


def test_compare_page_filtered(login, cast):
    fiscal = indicator("fiscal_revenue")
    make_value(cast.regions.town1, "fiscal_revenue", year=2022, month=5, value="90000")
    url = f"{COMPARE}?region={cast.regions.town1.pk}&indicator={fiscal.pk}&year=2022&month=5"
    name = "reader:compare?region&indicator&year&month"
    assert_query_baseline(BASELINES, name, login(cast.leader), url, peers(cast.town1, cast.leader))


def test_api_reports(client, cast):
    rows = reports(cast.town1, cast.town2)
    assert_query_baseline(BASELINES, API, client, API, rows, headers=auth(cast.leader))


def test_api_reports_filtered(client, cast):
    url = f"{API}?q=经济运行"
    rows = reports(cast.town1, cast.town2)
    assert_query_baseline(BASELINES, f"{API}?q", client, url, rows, headers=auth(cast.leader))
