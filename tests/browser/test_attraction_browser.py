from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import PASSWORD
from mujun.attraction.models import Activity, Lead
from mujun.attraction.testing import make_official
from mujun.enterprises.testing import new_uscc
from mujun.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_trip_and_a_lead_signed_on_its_page_reach_the_project_register(
    live_server, page, screenshot, cast
):
    # given a town officer and the town's officials
    secretary = make_official(cast.regions.town1, principal=True, name="王建国", title="党工委书记")
    make_official(cast.regions.town1, name="李明", title="招商办主任")
    today = timezone.localdate()
    uscc = new_uscc()

    page.goto(f"{live_server.url}/attraction/activities/add/")
    page.fill("#id_username", "town1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('新增招商活动')")

    # when the officer records a three-day trip led by the secretary
    page.select_option("#id_kind", "trip")
    page.fill("#id_start_date", (today - timedelta(days=3)).isoformat())
    page.fill("#id_end_date", (today - timedelta(days=1)).isoformat())
    page.fill("#id_destination", "上海")
    page.select_option("#id_leader", str(secretary.pk))
    page.fill("#id_investors", "上海青禾新材料有限公司")
    page.click("form.editform button[type=submit]")
    page.wait_for_selector("h1:has-text('外出招商 · 上海')")
    assert "（3 天）" in page.inner_text("main")
    assert Activity.objects.get().days == 3

    # and records a lead whose investor is identified by its credit code
    page.goto(f"{live_server.url}/attraction/leads/add/")
    page.fill("#id_investor_name", "上海青禾新材料有限公司")
    page.fill("#id_investor_uscc", uscc)
    page.fill("#id_home_province", "上海市")
    page.fill("#id_project_name", "年产5万吨高性能新材料项目")
    page.select_option("#id_channel", "via_investors")
    page.select_option("#id_industry_code", "26")
    page.fill("#id_intended_investment", "15000")
    page.select_option("#id_owner", label="李明")
    page.click("form.editform button[type=submit]")
    page.wait_for_selector("h1:has-text('年产5万吨高性能新材料项目')")

    # and signs it from the lead's page
    page.locator("#sign-form button").click()
    page.wait_for_selector("text=已转入项目库")
    lead = Lead.objects.get()
    project = Project.objects.get()
    assert (lead.status, lead.project, project.stage) == ("signed", project, "signed")
    assert f"{project.code} 年产5万吨高性能新材料项目" in page.inner_text("main")

    # then the project register lists it at stage 签约, liaison and investment carried over
    page.goto(f"{live_server.url}/projects/")
    row = page.locator("tr", has_text="年产5万吨高性能新材料项目")
    assert row.count() == 1
    cells = row.inner_text()
    assert project.code in cells and "签约" in cells and "城关街道" in cells
    assert screenshot("attraction-signed-project").stat().st_size > 10_000
    row.locator("a", has_text="年产5万吨高性能新材料项目").click()
    page.wait_for_selector("h1:has-text('年产5万吨高性能新材料项目')")
    assert "李明" in page.inner_text("main") and "1.5亿元" in page.inner_text("main")
