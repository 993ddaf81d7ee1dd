"""A problem escalated by a town officer, answered by the department, closed with the
enterprise's satisfaction by the town — and the statistics move."""

import pytest

from conftest import PASSWORD
from mujun.service import tally
from mujun.service.actions import today
from mujun.service.testing import make_problem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser, live_server, username, path):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}{path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return context, page


def _kpis(page):
    return (
        page.inner_text("#kpi-raised"),
        page.inner_text("#kpi-closed"),
        page.inner_text("#kpi-satisfaction"),
    )


def test_escalate_reply_close_and_the_statistics_move(
    browser, live_server, cast, depts, screenshot
):
    day = today()
    problem = make_problem(
        cast.regions.town1, description="扩建厂房缺少用地指标", raised_on=day, code="SQ-BROWSER-1"
    )
    tally.touch(problem)
    stats = f"/service/stats/?region=339102001&start={day.year}-01&end={day.year}-12"

    town, page = _login(browser, live_server, "town1", stats)
    page.wait_for_selector("#sentence")
    assert _kpis(page) == ("1", "0", "—")
    page.goto(f"{live_server.url}/service/problems/{problem.pk}/")
    form = page.locator("#handle-form")
    form.locator("select[name=handling]").select_option("escalate")
    form.locator("select[name=department]").select_option(label="县自然资源局")
    form.locator("textarea[name=note]").fill("请协调新增用地指标")
    form.locator("button").click()
    page.wait_for_selector("#status:has-text('已交办待受理')")
    assert "县自然资源局" in page.inner_text("#receiver")
    town.close()

    department, page = _login(browser, live_server, "dept1", f"/service/problems/{problem.pk}/")
    page.wait_for_selector("#reply-form")
    page.locator("#reply-form textarea[name=note]").fill("已纳入年度用地计划，下月供地")
    page.locator("#reply-form button").click()
    page.wait_for_selector("#status:has-text('已答复待办结')")
    assert page.locator("#close-form").count() == 0  # the department answers, the town closes
    department.close()

    town, page = _login(browser, live_server, "town1", f"/service/problems/{problem.pk}/")
    page.wait_for_selector("#close-form")
    assert "已纳入年度用地计划" in page.inner_text("#reply")
    form = page.locator("#close-form")
    form.locator("select[name=outcome]").select_option("resolved")
    form.locator("select[name=satisfaction]").select_option("satisfied")
    form.locator("button").click()
    page.wait_for_selector("#status:has-text('已办结')")
    assert "满意" in page.inner_text("#satisfaction")
    timeline = page.inner_text("main")
    assert "上报交办至县自然资源局" in timeline and "县自然资源局答复" in timeline
    page.goto(f"{live_server.url}{stats}")
    page.wait_for_selector("#sentence")
    assert _kpis(page) == ("1", "1", "100.0%")
    assert "办结率100%,满意率100%" in page.inner_text("#sentence")
    screenshot("service-statistics-after-closing")
    town.close()
