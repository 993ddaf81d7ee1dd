import pytest

from conftest import PASSWORD
from mujun.evaluation.testing import make_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_results_charts_and_a_report_card(live_server, page, screenshot, cast):
    run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=8)

    page.goto(f"{live_server.url}/evaluation/runs/{run.pk}/")
    page.fill("#id_username", "town1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('2022年度亩均效益评价')")
    # ECharts draws into a canvas inside each chart container.
    page.wait_for_selector("#town-chart canvas")
    page.wait_for_selector("#industry-chart canvas")
    screenshot("evaluation-run")

    page.click("text=排名与类别")
    page.wait_for_selector("table.grid")
    assert "共 8 条" in page.inner_text("#results")
    first = page.locator("table.grid tbody tr").first
    name = first.locator("td").nth(2).inner_text()
    first.locator("a").first.click()

    page.wait_for_selector("h1:has-text('评价报告')")
    assert name in page.inner_text("h1")
    summary = page.inner_text("#summary")
    assert "A类（优先发展类）" in summary and "第 1 名" in summary
    assert "亩均税收" in page.inner_text("#indicators")
    assert "统计局" in page.inner_text("#inputs")
    screenshot("evaluation-report-card")
