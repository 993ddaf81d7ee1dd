"""Query-count baselines of the project list, the summary, the meeting pack and their API
(STYLE.md §12, core/query_counts.py)."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.core.query_counts import assert_query_baseline
from mujun.projects import actions
from mujun.projects.alerts import today
from mujun.projects.models import ProjectTag
from mujun.projects.testing import make_project

BASELINES = Path(__file__).with_name("query_counts.json")
LIST = reverse("projects:project_list")
SUMMARY = reverse("projects:project_summary")
API = "/api/projects"
TIER = "provincial_key"

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def projects(*regions):
    """``make_rows`` of projects spread over ``regions`` with everything a list, a summary and
    the meeting pack read of one: a tier, this year's plan and report, started this year and
    40 days past its planned completion (a yellow alert)."""
    day = today()
    tier = ProjectTag.objects.get(key=TIER)

    def make(n):
        for i in range(n):
            project = make_project(
                regions[i % len(regions)],
                actual_started=date(day.year, 1, 1),
                planned_completed=day - timedelta(days=40),
                liaison_leader="王建国",
            )
            project.tags.add(tier)
            actions.set_plan(project, year=day.year, planned_investment=Decimal(5000), user=None)
            actions.file_report(
                project,
                year=day.year,
                month=day.month,
                completed_investment=Decimal(100),
                progress_note="主体施工",
                problems="用地指标未落实",
                user=None,
            )

    return make


def everywhere(cast):
    return projects(cast.regions.town1, cast.regions.town2, cast.regions.county)


def list_filters(cast):
    return f"?region={cast.regions.town1.code}&stage=started&tier={TIER}&alert=lagging"


def test_list_page(login, cast):
    client = login(cast.leader)
    assert_query_baseline(BASELINES, "projects:project_list", client, LIST, everywhere(cast))


def test_list_page_filtered(login, cast):
    url = LIST + list_filters(cast)
    name = "projects:project_list?region&stage&tier&alert"
    rows = projects(cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows)


def test_list_page_of_a_town_officer(login, cast):
    client = login(cast.town1)
    rows = projects(cast.regions.town1)
    assert_query_baseline(BASELINES, "projects:project_list as officer", client, LIST, rows)


def test_summary_page(login, cast):
    client = login(cast.leader)
    assert_query_baseline(BASELINES, "projects:project_summary", client, SUMMARY, everywhere(cast))


def test_summary_page_filtered(login, cast):
    day = today()
    url = (
        f"{SUMMARY}?region={cast.regions.town1.pk}&tier={TIER}"
        f"&year={day.year}&month={day.month}&basis=planned"
    )
    name = "projects:project_summary?region&tier&year&month&basis"
    rows = projects(cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows)


def test_meeting_page(login, cast):
    url = reverse("projects:meeting")
    client = login(cast.leader)
    assert_query_baseline(BASELINES, "projects:meeting", client, url, everywhere(cast))


def test_api_list(client, cast):
    headers = auth(cast.leader)
    assert_query_baseline(BASELINES, API, client, API, everywhere(cast), headers=headers)


def test_api_list_filtered_as_of_another_day(client, cast):
    # another day's alerts and figures are computed, not read as stored
    as_of = (today() - timedelta(days=2)).isoformat()
    url = f"{API}{list_filters(cast)}&as_of={as_of}"
    name = f"{API}?region&stage&tier&alert&as_of"
    rows = projects(cast.regions.town1)
    assert_query_baseline(BASELINES, name, client, url, rows, headers=auth(cast.leader))


def test_api_summary(client, cast):
    day = today()
    url = f"{API}/summary?year={day.year}&month={day.month}"
    name = f"{API}/summary"
    assert_query_baseline(BASELINES, name, client, url, everywhere(cast), headers=auth(cast.leader))


def test_api_summary_filtered(client, cast):
    day = today()
    url = (
        f"{API}/summary?year={day.year}&month={day.month}"
        f"&region={cast.regions.town1.code}&tier={TIER}&basis=planned"
    )
    name = f"{API}/summary?region&tier&basis"
    rows = projects(cast.regions.town1)
    assert_query_baseline(BASELINES, name, client, url, rows, headers=auth(cast.leader))
