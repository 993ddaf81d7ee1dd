"""The pages work under their Content-Security-Policy: charts draw, htmx filters, and the
browser refuses nothing (issue 21, item 9)."""

import pytest

from conftest import PASSWORD
from mujun.evaluation.testing import make_run
from mujun.indicators.testing import make_value
from mujun.projects.testing import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_with_charts_and_filters_keep_the_policy(live_server, strict_page, cast, catalogue):
    page = strict_page
    run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=4)
    make_project(cast.regions.town1, name="策略测试项目")
    make_project(cast.regions.town1, name="另一个项目")
    value = make_value(cast.regions.town1, year=2026, month=5)
    make_value(cast.regions.town1, year=2025, month=5)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/evaluation/runs/{run.pk}/")
    page.wait_for_selector("#industry-chart canvas")
    page.goto(f"{live_server.url}/indicators/catalogue/{value.indicator_id}/")
    page.wait_for_selector("canvas")
    page.goto(f"{live_server.url}/projects/")
    page.fill("input[name=q]", "策略")
    page.press("input[name=q]", "Enter")
    # htmx (a script of the platform's own) reloads the table without leaving the page
    page.locator("#results").get_by_text("另一个项目").wait_for(state="detached")
    assert "策略测试项目" in page.inner_text("#results")
    assert page.violations == []
