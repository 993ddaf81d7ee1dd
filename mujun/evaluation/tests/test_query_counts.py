"""Query-count baselines of the evaluation's lists, pages and API (STYLE.md §12,
core/query_counts.py)."""

from pathlib import Path

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.core.query_counts import assert_query_baseline
from mujun.enterprises.testing import make_enterprise
from mujun.evaluation import actions
from mujun.evaluation.models import EvaluationResult, EvaluationRun, Scheme
from mujun.evaluation.testing import make_scheme, make_year

BASELINES = Path(__file__).with_name("query_counts.json")
API = "/api/evaluation"
YEAR = 2022

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def make_firm(region, **fields):
    return make_enterprise(region, above_size=True, industry_code="3411", **fields)


def schemes(county):
    def make(n):
        for _ in range(n):
            make_scheme(county, name=f"测试方案{Scheme.objects.count() + 1}")

    return make


def runs(cast):
    """``make_rows`` of versions of one county scheme over four enterprises."""
    scheme = make_scheme(cast.regions.county)
    for tax in ("150", "200", "250", "300"):
        make_year(make_firm(cast.regions.town1), tax=tax)

    def make(n):
        for _ in range(n):
            actions.run_evaluation(scheme=scheme, year=YEAR, user=cast.admin)

    return make


def a_run(cast) -> EvaluationRun:
    """A county run whose last enterprise is graded D, on inefficient land and surcharged."""
    for tax, region in (("20", cast.regions.town1), ("200", cast.regions.town2)):
        make_year(make_firm(region), tax=tax)
    for tax in ("150", "250"):
        make_year(make_firm(cast.regions.town1), tax=tax)
    return actions.run_evaluation(
        scheme=make_scheme(cast.regions.county), year=YEAR, user=cast.admin
    )


def results(run, *regions):
    """``make_rows`` of results of ``run`` like its D-class row (inefficient and surcharged),
    each of a new enterprise in one of ``regions``: rows as the run writes them, in bulk."""
    template = run.results.get(klass="D")

    def make(n):
        rows = []
        for i in range(n):
            row = EvaluationResult.objects.get(pk=template.pk)
            row.pk = None
            row.enterprise = make_firm(regions[i % len(regions)])
            rows.append(row)
        EvaluationResult.objects.bulk_create(rows)

    return make


def objections(run, *regions):
    """``make_rows`` of open objections to results of ``run`` (in publicity)."""
    EvaluationRun.objects.filter(pk=run.pk).update(status="publicity")
    run.refresh_from_db()
    make_results = results(run, *regions)

    def make(n):
        before = set(run.results.values_list("pk", flat=True))
        make_results(n)
        for result in run.results.exclude(pk__in=before):
            actions.file_objection(
                result, note="漏计税款", corrections={"tax_wan": "500"}, user=None
            )

    return make


def enterprise_years(*regions):
    def make(n):
        for i in range(n):
            make_year(make_firm(regions[i % len(regions)]), year=YEAR)

    return make


def everywhere(cast):
    return (cast.regions.town1, cast.regions.town2)


# (query, the names of its filters): the first page, then a filtered one
SEARCHES = [("", ""), (f"?year={YEAR}&q=测试", "?year&q")]


@pytest.mark.parametrize(("query", "filters"), SEARCHES)
def test_scheme_list_page(login, cast, query, filters):
    url = reverse("evaluation:scheme_list") + query
    rows = schemes(cast.regions.county)
    assert_query_baseline(
        BASELINES, "evaluation:scheme_list" + filters, login(cast.leader), url, rows
    )


@pytest.mark.parametrize(("query", "filters"), SEARCHES)
def test_run_list_page(login, cast, query, filters):
    url = reverse("evaluation:run_list") + query
    assert_query_baseline(
        BASELINES, "evaluation:run_list" + filters, login(cast.leader), url, runs(cast)
    )


def result_filters(cast):
    return f"?region={cast.regions.town1.code}&klass=D&group=above&status=graded&industry=34"


@pytest.mark.parametrize(
    "page", ["evaluation:result_list", "evaluation:run_inefficient", "evaluation:run_surcharges"]
)
@pytest.mark.parametrize("filtered", [False, True])
def test_run_result_pages(login, cast, page, filtered):
    run = a_run(cast)
    url = reverse(page, args=[run.pk]) + (result_filters(cast) if filtered else "")
    name = page + ("?region&klass&group&status&industry" if filtered else "")
    rows = results(run, cast.regions.town1) if filtered else results(run, *everywhere(cast))
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows)


def test_run_result_page_of_a_town_officer(login, cast):
    run = a_run(cast)
    url = reverse("evaluation:result_list", args=[run.pk])
    name = "evaluation:result_list as officer"
    rows = results(run, cast.regions.town1)
    assert_query_baseline(BASELINES, name, login(cast.town1), url, rows)


@pytest.mark.parametrize(("query", "filters"), [("", ""), ("?q=测试企业", "?q")])
def test_objection_list_page(login, cast, query, filters):
    url = reverse("evaluation:objection_list") + query
    rows = objections(a_run(cast), *everywhere(cast))
    assert_query_baseline(
        BASELINES, "evaluation:objection_list" + filters, login(cast.leader), url, rows
    )


@pytest.mark.parametrize("filtered", [False, True])
def test_enterprise_year_list_page(login, cast, filtered):
    query = f"?region={cast.regions.town1.code}&year={YEAR}&size=above" if filtered else ""
    name = "evaluation:enterpriseyear_list" + ("?region&year&size" if filtered else "")
    url = reverse("evaluation:enterpriseyear_list") + query
    rows = enterprise_years(cast.regions.town1) if filtered else enterprise_years(*everywhere(cast))
    assert_query_baseline(BASELINES, name, login(cast.leader), url, rows)


@pytest.mark.parametrize(("query", "filters"), SEARCHES)
def test_api_schemes(client, cast, query, filters):
    url = f"{API}/schemes{query}"
    rows = schemes(cast.regions.county)
    name = f"{API}/schemes{filters}"
    assert_query_baseline(BASELINES, name, client, url, rows, headers=auth(cast.leader))


@pytest.mark.parametrize(("query", "filters"), SEARCHES)
def test_api_runs(client, cast, query, filters):
    url = f"{API}/runs{query}"
    name = f"{API}/runs{filters}"
    assert_query_baseline(BASELINES, name, client, url, runs(cast), headers=auth(cast.leader))


@pytest.mark.parametrize("filtered", [False, True])
def test_api_run_results(client, cast, filtered):
    run = a_run(cast)
    url = f"{API}/runs/{run.pk}/results" + (result_filters(cast) if filtered else "")
    name = f"{API}/runs/{{id}}/results" + (
        "?region&klass&group&status&industry" if filtered else ""
    )
    rows = results(run, cast.regions.town1) if filtered else results(run, *everywhere(cast))
    assert_query_baseline(BASELINES, name, client, url, rows, headers=auth(cast.leader))
