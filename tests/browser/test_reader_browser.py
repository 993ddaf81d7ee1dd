import pytest

from conftest import PASSWORD
from mujun.indicators.models import IndicatorValue
from mujun.reader.tests.platform.helpers import REPORT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_paste_drop_accept_and_compare(live_server, page, screenshot, cast, catalogue):
    page.goto(f"{live_server.url}/reader/reports/add/")
    page.fill("#id_username", "town1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.fill("textarea[name=text]", REPORT)
    page.fill("input[name=published_on]", "2022-07-22")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector("text=找到 4 条数据")
    assert page.locator(".reporttext .mark").count() == 4
    screenshot("reader-review")

    # the officer drops 外贸出口; accepting is for the county's leader
    row = page.locator("tr.fact-row", has_text="外贸出口")
    row.locator("button.drop").click()
    page.wait_for_selector("tr.fact-row.status-dropped")
    assert page.locator("#accept-form").count() == 0
    review = page.url.split("#")[0]

    def log_in(username: str, url: str) -> None:
        page.context.clear_cookies()  # a new session: the next page asks to log in
        page.goto(url)
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")

    log_in("leader", review)
    page.click("#accept-form button")
    page.wait_for_selector("text=已采纳 2 条")
    assert page.locator("tr.fact-row.status-accepted").count() == 2

    log_in("town1", review)
    page.click("nav.subnav >> text=对标比较")
    page.wait_for_selector("#compare-table")
    table = page.inner_text("#compare-table")
    assert "湘东镇" in table and "城关街道" in table
    matrix = page.inner_text("#compare-matrix")
    assert "财政总收入" in matrix and "规上工业总产值" in matrix and "外贸出口" not in matrix
    page.wait_for_function("document.querySelector('#compare-chart canvas') !== null")
    screenshot("reader-compare")
    assert not IndicatorValue.objects.filter(indicator__key="exports").exists()
