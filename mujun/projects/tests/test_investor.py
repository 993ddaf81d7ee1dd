"""A project's linked investor enterprise is registered in the project's town (issue 21, item 3;
docs/projects.md, "Investor enterprise"): the page, the API, the enterprise's own form and the
demo keep to it, so whoever sees a project may follow its enterprise."""

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.demo.context import DemoContext
from mujun.enterprises.testing import make_enterprise
from mujun.projects.models import Project
from mujun.projects.testing import make_project

pytestmark = pytest.mark.django_db

MESSAGE = "投资企业须在项目所在镇街登记"


def _bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def _form_data(project, **changes):
    data = {
        "code": project.code,
        "name": project.name,
        "region": project.region.code,
        "enterprise": project.enterprise_id or "",
        "investor_name": project.investor_name,
        "total_investment": project.total_investment,
        "version": project.version,
    }
    data.update(changes)
    return data


def test_the_page_refuses_an_enterprise_of_another_town(login, cast):
    project = make_project(cast.regions.town1)
    elsewhere = make_enterprise(cast.regions.town2)
    response = login(cast.admin).post(
        reverse("projects:project_edit", args=[project.pk]),
        _form_data(project, enterprise=elsewhere.pk),
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    project.refresh_from_db()
    assert project.enterprise_id is None


def test_the_api_refuses_it_under_the_apis_name(client, cast):
    project = make_project(cast.regions.town1)
    elsewhere = make_enterprise(cast.regions.town2)
    response = client.patch(
        f"/api/projects/{project.pk}",
        {"enterprise_id": elsewhere.pk, "version": project.version},
        content_type="application/json",
        **_bearer(cast.admin),
    )
    assert response.status_code == 422
    assert MESSAGE in response.json()["detail"]["enterprise_id"][0]


def test_an_own_towns_enterprise_is_linked(client, cast):
    project = make_project(cast.regions.town1)
    mine = make_enterprise(cast.regions.town1)
    response = client.patch(
        f"/api/projects/{project.pk}",
        {"enterprise_id": mine.pk, "version": project.version},
        content_type="application/json",
        **_bearer(cast.town1),
    )
    assert response.status_code == 200 and response.json()["enterprise_id"] == mine.pk


def test_an_unchanged_save_keeps_the_link_to_an_archived_enterprise(login, client, cast):
    enterprise = make_enterprise(cast.regions.town1)
    project = make_project(cast.regions.town1, enterprise=enterprise)
    enterprise.is_archived = True
    enterprise.save()
    page = login(cast.town1).get(reverse("projects:project_edit", args=[project.pk]))
    assert f'value="{enterprise.pk}" selected' in page.content.decode()
    response = client.patch(
        f"/api/projects/{project.pk}",
        {"name": "改名", "version": project.version},
        content_type="application/json",
        **_bearer(cast.town1),
    )
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.enterprise_id == enterprise.pk and project.name == "改名"


def test_an_enterprise_does_not_move_away_from_its_projects(login, cast):
    enterprise = make_enterprise(cast.regions.town1)
    make_project(cast.regions.town1, enterprise=enterprise, code="XM-1")
    response = login(cast.admin).post(
        reverse("enterprises:enterprise_edit", args=[enterprise.pk]),
        {
            "name": enterprise.name,
            "uscc": enterprise.uscc,
            "region": cast.regions.town2.code,
            "industry_code": enterprise.industry_code,
            "version": enterprise.version,
        },
    )
    assert response.status_code == 400 and "XM-1" in response.content.decode()
    enterprise.refresh_from_db()
    assert enterprise.region == cast.regions.town1


def test_the_demo_links_only_enterprises_of_the_projects_town(regions, monkeypatch):
    from mujun.enterprises import demo as enterprise_demo
    from mujun.projects import demo as project_demo

    monkeypatch.setattr(enterprise_demo, "ENTERPRISE_COUNT", 120)
    monkeypatch.setattr(project_demo, "PROJECT_COUNT", 60)
    ctx = DemoContext.create(seed=3, password="x", log=lambda *a: None)
    ctx.county, ctx.towns = regions.county, [regions.town1, regions.town2]
    enterprise_demo.build(ctx)
    project_demo.build(ctx)
    linked = Project.objects.filter(enterprise__isnull=False).select_related(
        "region", "enterprise__region"
    )
    assert linked.count() > 5
    assert all(p.region.contains(p.enterprise.region) for p in linked)


def test_the_migration_turns_a_foreign_link_into_the_investors_name(cast):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("mujun.projects.migrations.0008_investor_in_the_projects_town")
    elsewhere = make_enterprise(cast.regions.town2, name="东岭外镇投资有限公司")
    mine = make_enterprise(cast.regions.town1)
    foreign = make_project(cast.regions.town1)
    own = make_project(cast.regions.town1, enterprise=mine)
    Project.objects.filter(pk=foreign.pk).update(enterprise=elsewhere)

    migration.unlink_foreign_investors(apps, None)

    foreign.refresh_from_db()
    own.refresh_from_db()
    assert foreign.enterprise_id is None and foreign.investor_name == "东岭外镇投资有限公司"
    assert own.enterprise_id == mine.pk
