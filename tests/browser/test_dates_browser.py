"""In a zh-CN browser, every form with a date shows its dates and an unchanged save changes
nothing (issue 21, item 4: ``value="1998/03/12"`` in an ``<input type=date>`` showed empty
and saving erased the date)."""

from datetime import date
from decimal import Decimal

import pytest

from conftest import PASSWORD
from mujun.enterprises.models import LandParcel
from mujun.enterprises.testing import make_enterprise
from mujun.evaluation.testing import make_run
from mujun.projects.models import ProjectTag
from mujun.projects.testing import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN = {"version", "updated_at"}


def _snapshot(obj) -> dict:
    row = type(obj)._base_manager.filter(pk=obj.pk).values().get()
    return {k: v for k, v in row.items() if k not in HIDDEN}


def _login(page, url, username):
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def _save_unchanged(page, url, path, obj, dates):
    before = _snapshot(obj)
    page.goto(url + path)
    for name, value in dates.items():
        shown = page.input_value(f"input[name={name}]")
        assert shown == value.isoformat(), f"{path} {name}: {shown!r}"
    page.click("form.editform button[type=submit]")
    page.wait_for_load_state("load")
    assert "/edit/" not in page.url, page.inner_text("main")
    after = _snapshot(obj)
    assert after == before
    return after


def test_every_edit_form_with_a_date_saves_unchanged(live_server, page, cast):
    enterprise = make_enterprise(
        cast.regions.town1,
        name="青溪日期测试有限公司",
        established_on=date(1998, 3, 12),
        legal_representative="王某",
        employees=120,
    )
    parcel = LandParcel.objects.create(
        enterprise=enterprise,
        certificate_no="浙(2019)青溪县不动产权第0001234号",
        area_mu=Decimal("36.5000"),
        acquired_on=date(2019, 11, 3),
    )
    project = make_project(
        cast.regions.town1,
        enterprise=enterprise,
        planned_signed=date(2025, 1, 20),
        planned_land_supplied=date(2025, 2, 28),
        planned_started=date(2025, 4, 1),
        planned_completed=date(2026, 10, 31),
        planned_producing=date(2026, 12, 15),
        actual_land_supplied=date(2025, 3, 5),
        fixed_asset_investment=Decimal("15000"),
    )
    # a transactional test before this one may have emptied the tiers the migration seeds
    tier = ProjectTag.objects.get_or_create(key="provincial_key", defaults={"name": "省重点"})[0]
    project.tags.add(tier)
    _login(page, live_server.url, "town1")

    _save_unchanged(
        page,
        live_server.url,
        f"/enterprises/{enterprise.pk}/edit/",
        enterprise,
        {"established_on": date(1998, 3, 12)},
    )
    _save_unchanged(
        page,
        live_server.url,
        f"/enterprises/parcels/{parcel.pk}/edit/",
        parcel,
        {"acquired_on": date(2019, 11, 3)},
    )
    dates = {
        f: getattr(project, f)
        for f in (
            "planned_signed",
            "planned_land_supplied",
            "planned_started",
            "planned_completed",
            "planned_producing",
            "actual_land_supplied",
        )
    }
    _save_unchanged(page, live_server.url, f"/projects/{project.pk}/edit/", project, dates)
    assert list(project.tags.values_list("pk", flat=True)) == [tier.pk]


def test_date_fields_that_start_filled_show_their_date(live_server, page, cast):
    """The stage form and the publicity form start at today: the browser shows it."""
    project = make_project(cast.regions.town1)
    run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=2)
    _login(page, live_server.url, "admin")
    for path, name in (
        (f"/projects/{project.pk}/", "date"),
        (f"/evaluation/runs/{run.pk}/", "start"),
    ):
        page.goto(live_server.url + path)
        value = page.input_value(f"input[type=date][name={name}]")
        assert len(value) == 10 and value[4] == "-" and value[7] == "-", (path, value)
