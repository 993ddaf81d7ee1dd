"""Query-count baselines of the attraction lists and the officials' register, pages and API
(STYLE.md §12, core/query_counts.py)."""

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.core.query_counts import assert_query_baseline

BASELINES = Path(__file__).with_name("query_counts.json")
ACTIVITIES = reverse("attraction:activity_list")
LEADS = reverse("attraction:lead_list")
OFFICIALS = reverse("officials:official_list")
ACTIVITIES_API = "/api/attraction/activities"
LEADS_API = "/api/attraction/leads"
OFFICIALS_API = "/api/officials"

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def activities(*regions, leader=None):
    """``make_rows`` of activities spread over ``regions`` with everything a row shows: a
    leader, two participants, a lead served, named investors."""

    def make(n):
        for i in range(n):
            region = regions[i % len(regions)]
            participants = [make_official(region), make_official(region)]
            activity = make_activity(
                region,
                leader=leader or make_official(region, principal=True),
                officials=participants,
                kind="visit",
                start=date(2026, 3, 2 + i % 20),
                destination="上海",
                investors="甲公司、乙公司",
            )
            activity.leads.add(make_lead(region))

    return make


def leads(*regions, owner=None):
    """``make_rows`` of leads spread over ``regions``, each with its owner."""

    def make(n):
        for i in range(n):
            region = regions[i % len(regions)]
            make_lead(
                region,
                owner=owner or make_official(region),
                status="negotiating",
                channel="resident",
                home_province="上海市",
                negotiating_on=date(2026, 2, 1),
            )

    return make


def officials(*regions):
    def make(n):
        for i in range(n):
            make_official(regions[i % len(regions)], principal=i % 2 == 0, phone="13800000000")

    return make


def towns(cast):
    return cast.regions.town1, cast.regions.town2, cast.regions.county


def test_activity_list_page(login, cast):
    name = "attraction:activity_list"
    assert_query_baseline(BASELINES, name, login(cast.leader), ACTIVITIES, activities(*towns(cast)))


def test_activity_list_page_filtered(login, cast):
    secretary = make_official(cast.regions.town1, principal=True)
    url = (
        f"{ACTIVITIES}?region={cast.regions.town1.code}&kind=visit&official={secretary.pk}"
        "&since=2026-01-01&until=2026-12-31"
    )
    name = "attraction:activity_list?region&kind&official&since&until"
    rows = activities(cast.regions.town1, leader=secretary)
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows)


def test_activity_list_page_of_a_town_officer(login, cast):
    name = "attraction:activity_list as officer"
    rows = activities(cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.town1), ACTIVITIES, rows)


def test_lead_list_page(login, cast):
    name = "attraction:lead_list"
    assert_query_baseline(BASELINES, name, login(cast.leader), LEADS, leads(*towns(cast)))


def test_lead_list_page_filtered(login, cast):
    owner = make_official(cast.regions.town1)
    url = (
        f"{LEADS}?region={cast.regions.town1.code}&status=negotiating&channel=resident"
        f"&owner={owner.pk}&province=上海市"
    )
    name = "attraction:lead_list?region&status&channel&owner&province"
    rows = leads(cast.regions.town1, owner=owner)
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows)


def test_lead_list_page_of_a_town_officer(login, cast):
    name = "attraction:lead_list as officer"
    rows = leads(cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.town1), LEADS, rows)


def test_official_list_page(login, cast):
    name = "officials:official_list"
    assert_query_baseline(BASELINES, name, login(cast.leader), OFFICIALS, officials(*towns(cast)))


def test_official_list_page_filtered(login, cast):
    url = f"{OFFICIALS}?region={cast.regions.town1.code}&principal=on"
    name = "officials:official_list?region&principal"
    rows = officials(cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows)


def test_activity_api_list(client, cast):
    headers = auth(cast.leader)
    rows = activities(*towns(cast))
    assert_query_baseline(BASELINES, ACTIVITIES_API, client, ACTIVITIES_API, rows, headers=headers)


def test_activity_api_list_filtered(client, cast):
    secretary = make_official(cast.regions.town1, principal=True)
    url = f"{ACTIVITIES_API}?region={cast.regions.town1.code}&kind=visit&official={secretary.pk}"
    name = f"{ACTIVITIES_API}?region&kind&official"
    rows = activities(cast.regions.town1, leader=secretary)
    assert_query_baseline(BASELINES, name, client, url, rows, headers=auth(cast.leader))


def test_lead_api_list(client, cast):
    headers = auth(cast.leader)
    assert_query_baseline(
        BASELINES, LEADS_API, client, LEADS_API, leads(*towns(cast)), headers=headers
    )


def test_lead_api_list_filtered(client, cast):
    owner = make_official(cast.regions.town1)
    url = f"{LEADS_API}?region={cast.regions.town1.code}&status=negotiating&owner={owner.pk}"
    name = f"{LEADS_API}?region&status&owner"
    rows = leads(cast.regions.town1, owner=owner)
    assert_query_baseline(BASELINES, name, client, url, rows, headers=auth(cast.leader))


def test_official_api_list(client, cast):
    headers = auth(cast.leader)
    assert_query_baseline(
        BASELINES, OFFICIALS_API, client, OFFICIALS_API, officials(*towns(cast)), headers=headers
    )


def test_official_api_list_of_a_town_officer(client, cast):
    name = f"{OFFICIALS_API} as officer"
    rows = officials(cast.regions.town1)
    assert_query_baseline(BASELINES, name, client, OFFICIALS_API, rows, headers=auth(cast.town1))


def stats_rows(*regions):
    """``make_rows`` for the statistics: each row a trip led by a new official of its region
    and joined by another, and a lead signed, so that the officials' list grows with them."""
    make_visits = activities(*regions)

    def make(n):
        make_visits(n)
        for i in range(n):
            region = regions[i % len(regions)]
            make_activity(
                region,
                officials=[make_official(region, principal=True)],
                start=date(2026, 2, 27),
                end=date(2026, 3, 3),
            )
            make_lead(
                region,
                owner=make_official(region),
                status="signed",
                home_province=f"省份{i}",
                negotiating_on=date(2026, 2, 1),
                signed_on=date(2026, 3, 9),
            )

    return make


STATS_QUERY = "start=2026-01&end=2026-12"


def test_stats_page(login, cast):
    # the figures are summed from the monthly tally: a fixed number of queries whatever the
    # number of activities, leads and officials
    url = f"{reverse('attraction:stats')}?region={cast.regions.county.code}&{STATS_QUERY}"
    rows = stats_rows(*towns(cast))
    assert_query_baseline(BASELINES, "attraction:stats", login(cast.leader), url, rows)


def test_stats_api(client, cast):
    url = f"/api/attraction/stats?region={cast.regions.county.code}&{STATS_QUERY}"
    rows = stats_rows(*towns(cast))
    name = "/api/attraction/stats"
    assert_query_baseline(BASELINES, name, client, url, rows, headers=auth(cast.leader))


def test_stats_api_of_a_town_officer(client, cast):
    url = f"/api/attraction/stats?region={cast.regions.town1.code}&{STATS_QUERY}"
    rows = stats_rows(cast.regions.town1)
    name = "/api/attraction/stats as officer"
    assert_query_baseline(BASELINES, name, client, url, rows, headers=auth(cast.town1))
