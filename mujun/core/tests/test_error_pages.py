"""The 403 and 404 pages a county officer meets with debug off: Chinese, in the site's layout
with the menu and the user's name, never Django's English debug page; and the site's icon."""

import pytest
from django.contrib.staticfiles import finders


@pytest.fixture
def debug_off(settings):
    settings.DEBUG = False


def _in_layout(html: str, user) -> bool:
    return 'class="mainnav"' in html and user.display_name in html and 'rel="icon"' in html


def test_a_record_outside_ones_town_is_a_chinese_404_in_the_layout(debug_off, login, cast):
    from mujun.enterprises.testing import make_enterprise

    other = make_enterprise(cast.regions.town2)
    page = login(cast.town1).get(f"/enterprises/{other.pk}/")
    html = page.content.decode()
    assert page.status_code == 404
    assert "页面不存在" in html and "不在您的管辖范围内" in html
    assert _in_layout(html, cast.town1)
    assert "URLconf" not in html and "Page not found" not in html


def test_an_action_the_role_may_not_take_is_a_chinese_403_in_the_layout(debug_off, login, cast):
    page = login(cast.viewer).get("/enterprises/add/")
    html = page.content.decode()
    assert page.status_code == 403
    assert "无权访问" in html and _in_layout(html, cast.viewer)
    assert "Forbidden" not in html


def test_the_site_answers_for_its_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("mujun/favicon.svg")
    assert finders.find("mujun/favicon.svg")
