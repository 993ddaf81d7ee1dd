"""Each view's figures as plain functions of (viewer, region, today): what a county and a town
read, and that a town reads only its own."""

import json

import pytest

from mujun.screen.data import COMPUTE
from mujun.screen.data.attraction import lead_funnel, monthly_attraction, problems
from mujun.screen.data.economy import economy
from mujun.screen.data.evaluation import evaluation
from mujun.screen.data.projects import projects

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_projects_view_counts_the_funnel_flags_and_plan_of_the_county(cast, town_facts):
    figures = projects(cast.leader, cast.regions.county, TODAY)
    stages = {row["stage"]: row["count"] for row in figures["funnel"]}
    assert stages["signed"] == 2 and stages["registered"] == 1
    assert (figures["count"], figures["red"], figures["yellow"]) == (3, 1, 1)
    towns = {t["name"]: t for t in figures["towns"]}
    assert (towns["城关街道"]["red"], towns["东岭镇"]["yellow"]) == (1, 1)
    assert towns["城关街道"]["plan"]["planned"] == "1000万元"
    assert towns["城关街道"]["plan"]["text"] == "100%"
    assert [p["name"] for p in figures["lagging"]] == ["城关红色项目", "东岭黄色项目"]
    assert figures["lagging"][0]["reasons"] and figures["lagging"][0]["investment"] == "3亿元"


def test_a_towns_projects_view_names_none_of_the_other_towns_projects(cast, town_facts):
    figures = projects(cast.town1, cast.regions.town1, TODAY)
    text = json.dumps(figures, ensure_ascii=False)
    assert "东岭" not in text
    assert [t["name"] for t in figures["towns"]] == ["城关街道"]
    assert (figures["red"], figures["yellow"]) == (1, 0)


def test_economy_view_shows_value_growth_and_target_completion(cast, town_facts):
    figures = economy(cast.leader, cast.regions.county, TODAY)
    assert figures["period"] == "2026年1至5月"
    item = figures["items"][0]
    assert item["name"] == "规上工业总产值"
    assert item["value"] == "1200万元"
    assert item["growth"] == {"text": "▲8.8%", "dir": "up"}
    assert item["completion"] == "50%"
    assert figures["trend"]["this_year"][4] is not None


def test_economy_view_of_a_region_without_figures_is_empty(cast, town_facts):
    assert economy(cast.town2, cast.regions.town2, TODAY)["items"] == []


def test_attraction_view_counts_leads_officials_and_problems(cast, town_facts):
    funnel = {s["step"]: s["count"] for s in lead_funnel(cast.leader, cast.regions.county, 2026)}
    assert (funnel["recorded"], funnel["negotiating"], funnel["signed"]) == (2, 1, 1)
    monthly = monthly_attraction(cast.leader, cast.regions.county, TODAY)
    assert monthly["principals"] == 1
    assert monthly["met"] == [0, 0, 1, 0, 0, 0]
    assert problems(cast.leader, cast.regions.county, TODAY)["overdue"] == 1
    assert problems(cast.town2, cast.regions.town2, TODAY)["overdue"] == 0


def test_the_funnel_counts_as_the_attraction_rule_counts(cast, town_facts):
    from mujun.attraction.funnel import funnel_report
    from mujun.attraction.rules import Period

    period = Period.months((2026, 1), (2026, 12))
    rule = funnel_report(cast.leader, cast.regions.county, period).overall.counts
    sql = {s["step"]: s["count"] for s in lead_funnel(cast.leader, cast.regions.county, 2026)}
    assert sql == rule


def test_evaluation_view_gives_the_class_mix_by_town_and_the_a_class_trend(cast, town_facts):
    figures = evaluation(cast.leader, cast.regions.county, TODAY)
    assert figures["year"] == 2025
    assert sum(c["count"] for c in figures["classes"]) == 4
    towns = {t["name"]: sum(t["counts"]) for t in figures["towns"]}
    assert towns == {"城关街道": 4, "东岭镇": 0}
    assert figures["a_trend"]["years"] == ["2025年"]


def test_a_town_without_results_reads_zero_classes(cast, town_facts):
    figures = evaluation(cast.town2, cast.regions.town2, TODAY)
    assert sum(c["count"] for c in figures["classes"]) == 0


@pytest.mark.parametrize("view", sorted(COMPUTE))
def test_every_view_is_small_json(cast, town_facts, view):
    figures = COMPUTE[view](cast.leader, cast.regions.county, TODAY)
    assert len(json.dumps(figures, ensure_ascii=False).encode()) < 50_000


@pytest.mark.parametrize("view", sorted(COMPUTE))
def test_a_views_queries_do_not_grow_with_the_data(cast, town_facts, view):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from mujun.projects.testing import make_project

    def count():
        with CaptureQueriesContext(connection) as ctx:
            COMPUTE[view](cast.leader, cast.regions.county, TODAY)
        return len(ctx.captured_queries)

    before = count()
    late = timezone.localdate() - timedelta(days=200)
    for _ in range(10):
        make_project(cast.regions.town2, stage="signed", planned_started=late)
    assert count() == before
