"""The monthly tally the statistics are summed from (tally.py) equals the statistics counted
from the rows (stats.py, itself checked against the plain rules in test_stats.py) after every
verb that changes them — recording, editing, archiving and restoring an activity or a lead,
each status move, reopening, signing and linking a signing, imports, an official becoming a
principal — for single months, quarters, a year and spans across a year's end; and the table
the verbs keep is the table ``mujun attraction_tally`` rebuilds."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from mujun.attraction import actions, talks, tally
from mujun.attraction.forms import ActivityForm, LeadForm
from mujun.attraction.imports import ActivityImporter, LeadImporter
from mujun.attraction.models import Activity, Lead, MonthlyTally, Negotiation
from mujun.attraction.rules import Period, Stats
from mujun.attraction.stats import by_region_and_official
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.core.spreadsheets import workbook_bytes
from mujun.enterprises.testing import new_uscc
from mujun.officials.actions import save_official
from mujun.officials.forms import OfficialForm

from .test_actions import activity_data, lead_data
from .test_imports import ACTIVITY_HEADER, LEAD_HEADER, trip_row

pytestmark = pytest.mark.django_db

PERIODS = [
    *(Period.months((2026, m), (2026, m)) for m in range(1, 8)),
    Period.months((2026, 1), (2026, 3)),
    Period.months((2026, 4), (2026, 6)),
    Period.months((2026, 1), (2026, 12)),
    Period.months((2025, 11), (2026, 2)),
    Period.months((2025, 1), (2025, 12)),
]


def _figures(stats: dict) -> dict:
    """The regions or officials with any figure (counted from the rows, one whose rows of the
    period all count nothing still has a key)."""
    return {key: s for key, s in stats.items() if s != Stats()}


def _table() -> list[tuple]:
    fields = [f.attname for f in MonthlyTally._meta.concrete_fields if f.name != "id"]
    return sorted(
        (tuple(str(v) for v in row) for row in MonthlyTally.objects.values_list(*fields)),
    )


def assert_tally_agrees():
    for period in PERIODS:
        tallied = tally.by_region_and_official(
            MonthlyTally.objects.all(), Lead.objects.all(), period
        )
        counted = by_region_and_official(Activity.objects.all(), Lead.objects.all(), period)
        assert _figures(tallied[0]) == _figures(counted[0]), period.text()
        assert _figures(tallied[1]) == _figures(counted[1]), period.text()
        # what ranks read: the regions' own rows alone give the same figures, but the
        # negotiations and the make-up
        ranked = tally.by_region(MonthlyTally.objects.all(), period)
        assert _figures(ranked) == _figures(
            {
                region_id: replace(
                    s, negotiating=0, negotiated=0, signed_by_category={}, signed_by_province={}
                )
                for region_id, s in tallied[0].items()
            }
        ), period.text()
    kept = _table()
    tally.rebuild()
    assert _table() == kept
    # the spans the verbs kept are those the ledgers give
    spans = _spans()
    talks.rebuild()
    assert _spans() == spans


def _spans() -> list[tuple]:
    return sorted(Negotiation.objects.values_list("lead_id", "opened_on", "closed_on"))


@pytest.fixture
def work(cast):
    """A town's and the county's officials, trips across months and years, a visit, a
    reception, an event and leads in every status."""
    r = cast.regions
    secretary = make_official(r.town1, principal=True, name="城关书记")
    cadre = make_official(r.town1, name="城关干部")
    other = make_official(r.town1, name="城关科员")
    county_cadre = make_official(r.county, name="县商务局干部")
    make_activity(r.town1, start=date(2025, 12, 30), end=date(2026, 1, 2), leader=cadre)
    make_activity(
        r.town1,
        start=date(2026, 2, 27),
        end=date(2026, 3, 2),
        leader=cadre,
        officials=[secretary, other],
    )
    make_activity(
        r.town1,
        kind="visit",
        start=date(2026, 3, 31),
        end=date(2026, 4, 1),
        leader=other,
        investors="甲、乙",
    )
    make_activity(r.town1, kind="reception", start=date(2026, 4, 3), leader=cadre, batches=3)
    make_activity(r.county, kind="promotion_event", start=date(2026, 5, 20), leader=county_cadre)
    make_lead(r.town1, recorded_on=date(2025, 11, 5), owner=cadre)
    make_lead(
        r.town1,
        status="negotiating",
        recorded_on=date(2025, 12, 1),
        negotiating_on=date(2026, 1, 20),
        owner=secretary,
    )
    make_lead(
        r.town1,
        status="dropped",
        recorded_on=date(2026, 1, 2),
        negotiating_on=date(2026, 2, 1),
        dropped_on=date(2026, 4, 10),
    )
    make_lead(
        r.town1,
        status="signed",
        recorded_on=date(2026, 2, 1),
        negotiating_on=date(2026, 2, 10),
        signed_on=date(2026, 5, 8),
        owner=cadre,
        listing="listed",
        home_province="上海市",
    )
    assert_tally_agrees()
    return cast, secretary, cadre, other


def test_the_made_work_is_tallied(work):
    cast, secretary, *_ = work
    year = Period.months((2026, 1), (2026, 12))
    regions, officials = tally.by_region_and_official(
        MonthlyTally.objects.all(), Lead.objects.all(), year
    )
    town = regions[cast.regions.town1.pk]
    # 2 days of the trip from 30 December, 4 of the shared one, which a principal joined
    assert (town.trip_days, town.principal_trip_days) == (6, 4)
    assert (town.investors_visited, town.reception_batches, town.negotiated, town.signed) == (
        2,
        3,
        3,
        1,
    )
    assert regions[cast.regions.county.pk].promotion_events == 1
    assert officials[secretary.pk].negotiating == 1


class TestActivityVerbs:
    def test_recording_editing_archiving_and_restoring(self, work):
        cast, secretary, cadre, other = work
        town = cast.regions.town1
        data = activity_data(town, cadre, officials=[secretary.pk])
        form = ActivityForm(data, user=cast.town1)
        assert form.is_valid(), form.errors
        activity = actions.save_activity(form, expected_version=None, user=cast.town1)
        assert_tally_agrees()
        # moved to other months, another kind, another leader
        data.update(kind="visit", start_date="2026-01-05", end_date="2026-01-05", leader=other.pk)
        form = ActivityForm(data, instance=Activity.objects.get(pk=activity.pk), user=cast.town1)
        assert form.is_valid(), form.errors
        actions.save_activity(form, expected_version=1, user=cast.town1)
        assert_tally_agrees()
        stored = Activity.objects.get(pk=activity.pk)
        actions.set_archived(stored, archived=True, user=cast.town1)
        assert_tally_agrees()
        actions.set_archived(stored, archived=False, user=cast.town1)
        assert_tally_agrees()

    def test_an_activity_moved_to_another_town_leaves_the_first(self, work):
        cast, secretary, cadre, _ = work
        activity = Activity.objects.filter(kind="trip").order_by("pk").last()
        data = activity_data(cast.regions.town2, make_official(cast.regions.town2))
        form = ActivityForm(data, instance=activity, user=cast.admin)
        assert form.is_valid(), form.errors
        actions.save_activity(form, expected_version=activity.version, user=cast.admin)
        assert_tally_agrees()

    def test_an_import_counts_its_activities(self, work):
        cast, secretary, cadre, other = work
        rows = [trip_row(**{"带队干部": "城关书记", "参加干部": "城关干部、城关科员"})]
        upload = SimpleUploadedFile("活动.xlsx", workbook_bytes(ACTIVITY_HEADER, rows))
        assert ActivityImporter(cast.town1).run_upload(upload).ok
        assert_tally_agrees()


@pytest.mark.usefixtures("frozen_today")
class TestLeadVerbs:
    def test_recording_and_editing_a_lead(self, work):
        cast, secretary, cadre, _ = work
        town = cast.regions.town1
        data = lead_data(town, owner=cadre.pk)
        form = LeadForm(data, user=cast.town1)
        assert form.is_valid(), form.errors
        lead = actions.save_lead(form, expected_version=None, user=cast.town1)
        assert_tally_agrees()
        data.update(recorded_on="2026-01-15", owner=secretary.pk, intended_investment="30000")
        form = LeadForm(data, instance=Lead.objects.get(pk=lead.pk), user=cast.town1)
        assert form.is_valid(), form.errors
        actions.save_lead(form, expected_version=1, user=cast.town1)
        assert_tally_agrees()

    def test_every_status_move_reopening_and_signing(self, work):
        cast, _, cadre, _ = work
        town = cast.regions.town1
        lead = make_lead(town, recorded_on=date(2026, 1, 5), owner=cadre, investor_uscc=new_uscc())

        def fresh():
            return Lead.objects.get(pk=lead.pk)

        user = cast.town1
        actions.move_lead(fresh(), status="contacting", on=date(2026, 1, 20), user=user)
        assert_tally_agrees()
        actions.move_lead(fresh(), status="negotiating", on=date(2026, 2, 3), user=user)
        assert_tally_agrees()
        actions.move_lead(
            fresh(), status="contacting", on=date(2026, 3, 1), user=user, reason="降温"
        )
        assert_tally_agrees()
        actions.move_lead(fresh(), status="negotiating", on=date(2026, 3, 20), user=user)
        actions.move_lead(fresh(), status="dropped", on=date(2026, 4, 2), user=user, reason="撤回")
        assert_tally_agrees()
        actions.reopen_lead(fresh(), on=date(2026, 5, 6), user=user, reason="重新洽谈")
        assert_tally_agrees()
        event = make_activity(town, kind="promotion_event", start=date(2026, 6, 1), leader=cadre)
        actions.sign_lead(fresh(), on=date(2026, 6, 2), user=user, activity=event)
        assert_tally_agrees()
        another = make_activity(town, kind="visit", start=date(2026, 6, 10), leader=cadre)
        actions.sign_lead(fresh(), on=date(2026, 6, 11), user=user, activity=another)
        assert_tally_agrees()
        actions.set_archived(fresh(), archived=True, user=user)
        assert_tally_agrees()
        actions.set_archived(fresh(), archived=False, user=user)
        assert_tally_agrees()

    def test_a_lead_is_not_recorded_after_it_was_negotiated_or_dropped(self, work):
        # what the tally could not count as the rows do: a negotiation closed before the lead
        # was recorded
        cast, *_ = work
        lead = Lead.objects.get(status="dropped")
        data = lead_data(cast.regions.town1, recorded_on="2026-04-11")
        form = LeadForm(data, instance=lead, user=cast.town1)
        assert not form.is_valid()
        assert form.errors["recorded_on"] == ["登记日期不能晚于进入洽谈日期（2026年02月01日）"]

    def test_an_import_counts_its_leads(self, work):
        cast, *_ = work
        row = [
            "城关街道",
            "丁公司",
            "",
            "",
            "江苏省",
            "",
            "新项目",
            "中介招商",
            "产业项目",
            "",
            "20000",
            "城关干部",
            "2026-02-03",
        ]
        upload = SimpleUploadedFile("线索.xlsx", workbook_bytes(LEAD_HEADER, [row]))
        assert LeadImporter(cast.town1).run_upload(upload).ok
        assert_tally_agrees()


def test_an_official_made_principal_counts_the_trips_they_went_on_again(work):
    cast, _, cadre, other = work
    form = OfficialForm(
        {"name": other.name, "title": "镇长", "region": other.region.code, "is_principal": "on"},
        instance=other,
        user=cast.town1,
    )
    assert form.is_valid(), form.errors
    save_official(form, expected_version=other.version, user=cast.town1)
    assert_tally_agrees()


def test_the_command_rebuilds_the_table(work, capsys):
    kept = _table()
    MonthlyTally.objects.all().delete()
    call_command("attraction_tally")
    assert _table() == kept
    assert "已重新计算招商月度汇总" in capsys.readouterr().out
