"""Schemathesis against the committed contract (docs/openapi.json), in process, on the suite's
database (SQLite, and PostgreSQL when the suite runs there): generated requests to every
operation, as a county admin and as a town officer, find no 5xx and no answer that violates
the schema (issue 21, item 9). A fixed seed and a bounded number of examples keep it
repeatable and under two minutes; raise ``MUJUN_SCHEMATHESIS_EXAMPLES`` for a longer hunt."""

import os
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
EXAMPLES = int(os.environ.get("MUJUN_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_path(str(SCHEMA))


@pytest.fixture
def world(cast):
    """A little of everything in both towns, so that generated ids find objects."""
    from mujun.accounts.models import ApiToken
    from mujun.enterprises.testing import make_enterprise
    from mujun.evaluation import actions as evaluation
    from mujun.evaluation.testing import make_scheme, make_year
    from mujun.indicators.testing import make_target, make_value
    from mujun.projects import actions as projects
    from mujun.projects.testing import make_project
    from mujun.reader import actions as reader

    scheme = make_scheme(cast.regions.county)
    for town, user in ((cast.regions.town1, cast.town1), (cast.regions.town2, cast.town2)):
        for n in range(2):
            enterprise = make_enterprise(town, above_size=True)
            make_year(enterprise, year=scheme.year, tax=str(100 + 50 * n))
            project = make_project(town, enterprise=enterprise)
            projects.set_plan(project, year=2026, planned_investment=Decimal(800), user=user)
        make_value(town, year=2026, month=5)
        make_target(town, year=2026)
        reader.read_report(
            user=user, title="报告", text="2024年1-5月，萍乡经开区规上工业增加值增长8.5%。"
        )
    run = evaluation.run_evaluation(scheme=scheme, year=scheme.year, user=cast.admin)
    evaluation.start_publicity(
        run, start=date.today(), end=date.today() + timedelta(days=5), user=cast.admin
    )
    return {
        "admin": ApiToken.issue(cast.admin),
        "town1": ApiToken.issue(cast.town1),
    }


@pytest.fixture
def app():
    """Django's WSGI application, which keeps the test's database connection open between
    requests (as Django's test client does): it would otherwise close it after each one."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same cases every run
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_contract(case, world, app):
    # each case as the county's admin, then as a town's officer
    for token in (world["admin"], world["town1"]):
        headers = {"Authorization": f"Bearer {token}"}
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)
