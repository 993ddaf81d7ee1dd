import pytest

from conftest import PASSWORD
from mujun.enterprises.testing import make_enterprise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_filters_opens_detail(live_server, page, screenshot, cast):
    make_enterprise(
        cast.regions.town1, name="青溪精工机械有限公司", above_size=True, area_mu="36.5"
    )
    make_enterprise(cast.regions.town1, name="青溪小作坊有限公司", above_size=False, area_mu="2")
    make_enterprise(cast.regions.town2, name="东岭他镇企业有限公司", above_size=True)

    page.goto(f"{live_server.url}/enterprises/")
    page.fill("#id_username", "town1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/enterprises/")

    body = page.locator("#results")
    assert "青溪精工机械有限公司" in body.inner_text()
    assert "东岭他镇企业有限公司" not in page.content()

    # The size filter reloads the table through htmx without leaving the page.
    page.select_option("#id_size", "above")
    page.wait_for_function("!document.querySelector('#results').innerText.includes('小作坊')")
    assert "青溪精工机械有限公司" in body.inner_text()
    assert "size=above" in page.url

    page.click("text=青溪精工机械有限公司")
    page.wait_for_selector("h1:has-text('青溪精工机械有限公司')")
    assert "36.50" in page.inner_text("main")
    assert screenshot("enterprise-detail").stat().st_size > 10_000
