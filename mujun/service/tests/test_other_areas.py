"""Where enterprise service reaches into the other areas: a project's liaison leaders from the
register (form, API, signing a lead, the data migration), the enterprise page, the project's
open problems and the weekly meeting pack."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.attraction.testing import make_official
from mujun.projects.testing import make_project
from mujun.service.models import Liaison, Problem
from mujun.service.testing import make_problem, make_visit

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def test_free_text_liaisons_become_links_where_the_register_has_the_name(cast):
    county_leader = make_official(cast.regions.county, name="王建国")
    linked = make_project(cast.regions.town1, liaison_leader="王建国")
    kept = make_project(cast.regions.town1, liaison_leader="查无此人")
    migration = importlib.import_module("mujun.service.migrations.0002_project_liaison_links")
    migration.link_liaisons(django_apps, None)
    linked.refresh_from_db()
    kept.refresh_from_db()
    assert linked.liaison_leader == ""
    assert Liaison.objects.get(project=linked).official == county_leader
    assert kept.liaison_leader == "查无此人" and not Liaison.objects.filter(project=kept).exists()


def test_project_api_offers_the_official_and_puts_liaisons(client, cast):
    project = make_project(cast.regions.town1)
    leader = make_official(cast.regions.town1, name="李红梅")
    commissioner = make_official(cast.regions.town1, name="赵特派")
    answer = client.patch(
        f"/api/projects/{project.pk}",
        {"version": project.version, "liaison_leader_ids": [leader.pk]},
        content_type="application/json",
        **auth(cast.town1),
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["liaison_leaders"] == ["李红梅"]
    put = client.put(
        f"/api/projects/{project.pk}/liaisons",
        {"leader_ids": [leader.pk], "commissioner_ids": [commissioner.pk]},
        content_type="application/json",
        **auth(cast.town1),
    )
    assert put.status_code == 200
    assert [c["name"] for c in put.json()["commissioners"]] == ["赵特派"]
    other = client.put(
        f"/api/projects/{project.pk}/liaisons",
        {"leader_ids": []},
        content_type="application/json",
        **auth(cast.town2),
    )
    assert other.status_code == 404


def test_enterprise_liaisons_and_the_officials_page(client, login, cast):
    from mujun.enterprises.testing import make_enterprise

    enterprise = make_enterprise(cast.regions.town1)
    official = make_official(cast.regions.town1, name="钱特派")
    put = client.put(
        f"/api/enterprises/{enterprise.pk}/liaisons",
        {"commissioner_ids": [official.pk]},
        content_type="application/json",
        **auth(cast.town1),
    )
    assert put.status_code == 200
    client.put(
        f"/api/enterprises/{enterprise.pk}/liaisons",
        {},
        content_type="application/json",
        **auth(cast.town1),
    )
    row = Liaison._base_manager.get(enterprise=enterprise)
    assert row.is_archived  # removed, its record kept
    page = login(cast.town1).get(reverse("officials:official", args=[official.pk])).content.decode()
    assert "服务的企业和项目" in page


def test_enterprise_page_gathers_visits_and_problems(login, cast):
    problem = make_problem(cast.regions.town1, description="蒸汽管网压力不足")
    make_visit(enterprise=problem.enterprise, discussed="走访")
    page = (
        login(cast.town1)
        .get(reverse("enterprises:enterprise", args=[problem.enterprise_id]))
        .content.decode()
    )
    assert problem.code in page and "走访" in page


def test_project_open_problems_and_the_meeting_pack(login, cast, monkeypatch):
    monkeypatch.setattr("mujun.service.actions.today", lambda: date(2026, 4, 1))
    project = make_project(cast.regions.town1, stage="signed", planned_started=date(2025, 1, 1))
    problem = make_problem(cast.regions.town1, project=project, description="施工许可办理慢")
    Problem.objects.filter(pk=problem.pk).update(status="in_progress", due_on=date(2026, 3, 20))
    client = login(cast.town1)
    detail = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert "施工许可办理慢" in detail and "超期" in detail
    pack = client.get(reverse("projects:meeting")).content.decode()
    assert problem.code in pack and "超期未办结的项目诉求" in pack


@pytest.mark.parametrize("url_name", ["service:problem_add", "service:visit_add"])
def test_the_enterprise_is_found_by_typing_not_listed(login, cast, url_name):
    from mujun.enterprises.testing import make_enterprise

    for n in range(5):
        make_enterprise(cast.regions.town1, name=f"青溪第{n}精密机械有限公司")
    page = login(cast.town1).get(reverse(url_name)).content.decode()
    select = page[page.index('name="enterprise"') :]
    select = select[: select.index("</select>")]
    # only the empty choice: the rows come from the search as the user types
    assert select.count("<option") == 1 and "精密机械" not in select
    assert reverse("enterprises:enterprise_options") in page
