from decimal import Decimal

import pytest

from conftest import PASSWORD
from mujun.projects import actions
from mujun.projects.alerts import today as alerts_today
from mujun.projects.rules import elapsed_months
from mujun.projects.testing import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filing_a_monthly_report_clears_the_alert(live_server, page, screenshot, cast):
    today = alerts_today()
    months = elapsed_months(today, today.year)
    if months == 0:
        pytest.skip("in January no month of the year has ended, so no plan share is due yet")
    project = make_project(cast.regions.town1, name="青溪智能装备产业园项目", stage="started")
    actions.set_plan(project, year=today.year, planned_investment=Decimal("1200"), user=cast.town1)

    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.fill("#id_username", "town1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('青溪智能装备产业园项目')")
    assert "红色预警" in page.inner_text("h1")
    assert "低于50%" in page.inner_text("#alert")

    # The whole plan share due so far, reported in one month's report.
    due = Decimal(1200) * months / 12
    form = page.locator("#report-form")
    form.locator("input[name=year]").fill(str(today.year))
    form.locator("input[name=month]").fill("1")
    form.locator("input[name=completed_investment]").fill(str(due))
    form.locator("textarea[name=progress_note]").fill("主体结构封顶")
    form.locator("button").click()

    page.wait_for_selector("text=报表已保存")
    assert "预警" not in page.inner_text("h1")
    assert page.locator("#alert").count() == 0
    assert "主体结构封顶" in page.inner_text("main")
    screenshot("project-after-report")
