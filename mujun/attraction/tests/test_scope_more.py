"""Scope of the attraction pages the inherited suites (test_scope.py) leave out: archiving,
recording, the report pages and an official's page, with two towns. Another town's object is a
404 and nothing changes; another town's region is never offered."""

from datetime import date

import pytest
from django.urls import reverse

from mujun.attraction.models import Activity, Lead
from mujun.attraction.testing import make_activity, make_lead, make_official

pytestmark = pytest.mark.django_db

ARCHIVES = [
    ("attraction:activity_archive", lambda region: make_activity(region)),
    ("attraction:lead_archive", lambda region: make_lead(region)),
    ("officials:official_archive", lambda region: make_official(region)),
]


def row(obj):
    return type(obj)._base_manager.filter(pk=obj.pk).values().get()


@pytest.mark.parametrize("name, make", ARCHIVES)
def test_another_towns_object_is_not_archived_and_answers_404(login, cast, name, make):
    theirs = make(cast.regions.town2)
    before = row(theirs)
    client = login(cast.town1)
    url = reverse(name, args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert row(theirs) == before


@pytest.mark.parametrize("name, make", ARCHIVES)
def test_a_viewer_may_not_archive(login, cast, name, make):
    mine = make(cast.regions.town1)
    before = row(mine)
    assert login(cast.viewer).post(reverse(name, args=[mine.pk])).status_code == 403
    assert row(mine) == before


@pytest.mark.parametrize("name, make", ARCHIVES)
def test_an_officer_archives_their_own_towns_object(login, cast, name, make):
    mine = make(cast.regions.town1)
    response = login(cast.town1).post(reverse(name, args=[mine.pk]))
    assert response.status_code == 302
    assert type(mine)._base_manager.get(pk=mine.pk).is_archived


def test_an_activity_of_another_town_is_not_recorded(login, cast):
    leader = make_official(cast.regions.town2)
    data = {
        "region": cast.regions.town2.code,
        "kind": "trip",
        "start_date": "2026-03-02",
        "end_date": "2026-03-03",
        "leader": leader.pk,
        "batches": "0",
    }
    response = login(cast.town1).post(reverse("attraction:activity_add"), data)
    assert response.status_code == 400
    assert not Activity.objects.exists()


def test_a_lead_of_another_town_is_not_recorded(login, cast):
    data = {
        "region": cast.regions.town2.code,
        "investor_name": "东岭客商",
        "project_name": "东岭项目",
        "channel": "agency",
        "category": "industrial",
        "intended_investment": "100",
        "recorded_on": "2026-03-02",
    }
    response = login(cast.town1).post(reverse("attraction:lead_add"), data)
    assert response.status_code == 400
    assert not Lead.objects.exists()


def test_the_add_forms_offer_the_officers_own_town_and_officials_only(login, cast):
    make_official(cast.regions.town1, name="城关干部")
    make_official(cast.regions.town2, name="东岭干部")
    client = login(cast.town1)
    for name in ("attraction:activity_add", "attraction:lead_add"):
        page = client.get(reverse(name)).content.decode()
        assert "城关街道" in page and "东岭镇" not in page, name
        assert "城关干部" in page and "东岭干部" not in page, name


@pytest.mark.parametrize(
    "name, query",
    [
        ("attraction:stats", "?region=339102002&start=2026-01&end=2026-06"),
        ("attraction:funnel", "?region=339102002&start=2026-01&end=2026-06"),
        ("attraction:monthly_check", "?region=339102002&year=2026"),
    ],
)
def test_a_report_page_refuses_another_towns_region(login, cast, name, query):
    make_activity(cast.regions.town2)
    make_lead(cast.regions.town2, recorded_on=date(2026, 3, 1))
    make_official(cast.regions.town2, principal=True, name="东岭书记")
    response = login(cast.town1).get(reverse(name) + query)
    assert response.status_code == 200
    context = response.context
    assert context.get("report") is None and context.get("grid") is None
    assert "东岭书记" not in response.content.decode()


def test_a_report_page_needs_a_login(client, cast):
    for name in ("attraction:stats", "attraction:funnel", "attraction:monthly_check"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_an_officials_page_lists_only_the_work_in_the_readers_scope(login, cast):
    # given a town official who also joined a trip of the county
    official = make_official(cast.regions.town1, name="城关干部")
    make_activity(cast.regions.town1, leader=official, destination="上海")
    county_trip = make_activity(
        cast.regions.county, officials=[official], destination="县里组织去深圳"
    )
    make_lead(cast.regions.town1, owner=official, investor_name="城关客商")
    url = reverse("officials:official", args=[official.pk])
    # then the town officer sees the town's work, the county leader the county's too
    town_page = login(cast.town1).get(url).content.decode()
    assert "上海" in town_page and "城关客商" in town_page
    assert county_trip.destination not in town_page
    county_page = login(cast.leader).get(url).content.decode()
    assert county_trip.destination in county_page
