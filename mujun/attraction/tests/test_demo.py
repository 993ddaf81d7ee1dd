"""The demo county's investment attraction, built on its regions and officials as ``mujun
demo`` builds it: what it loads in bulk obeys the rules the verbs enforce on a user's input,
every signed lead went through the signing verb, and the reports have figures to show."""

from collections import Counter, defaultdict
from datetime import timedelta

import pytest

from mujun.attraction import demo, rules
from mujun.attraction.actions import OPEN, STATUS_DATE, identity_problem, today
from mujun.attraction.choices import ActivityKind, LeadStatus
from mujun.attraction.models import Activity, ActivityEvent, Lead, LeadEvent
from mujun.attraction.reports import attraction_report, monthly_misses
from mujun.attraction.stats import by_official, by_region, by_region_and_official
from mujun.demo import regions as demo_regions
from mujun.demo.context import DemoContext
from mujun.officials import demo as officials_demo
from mujun.officials.models import Official
from mujun.projects.models import Project, ProjectEvent

MILESTONES = ("contacted_on", "negotiating_on", "signed_on", "dropped_on")


def replay(events, recorded_on) -> dict:
    """A lead's status and milestone days as its ledger's moves leave them, applied the way
    ``move_lead``, ``reopen_lead`` and ``sign_lead`` apply them."""
    state = dict.fromkeys(MILESTONES)
    state["status"] = LeadStatus.LEAD
    last = recorded_on
    for e in events:
        assert e.occurred_on >= last, f"{e.text}: {e.occurred_on} before the move before it"
        last = e.occurred_on
        to = e.data.get("to_status")
        if e.kind == "reopened":
            state["dropped_on"] = None
        elif to == LeadStatus.DROPPED:
            state["dropped_on"] = e.occurred_on
        elif to == LeadStatus.SIGNED:
            state["signed_on"] = e.occurred_on
            state["negotiating_on"] = state["negotiating_on"] or e.occurred_on
        else:
            for step in OPEN[1 : OPEN.index(to) + 1]:
                state[STATUS_DATE[step]] = state[STATUS_DATE[step]] or e.occurred_on
        state["status"] = to
    return state


def leads_move_as_the_verbs_move_them_and_signed_ones_are_projects():
    now = today()
    leads = list(Lead.objects.select_related("project", "owner__region", "region"))
    assert len(leads) == demo.LEAD_COUNT
    statuses = Counter(lead.status for lead in leads)
    assert set(statuses) == set(LeadStatus.values), statuses
    ledgers = defaultdict(list)
    for e in LeadEvent.objects.order_by("pk"):
        ledgers[e.lead_id].append(e)
    for lead in leads:
        recorded, *moves = ledgers[lead.pk]
        assert recorded.kind == "recorded" and recorded.occurred_on == lead.recorded_on
        assert recorded.text.startswith(f"登记线索：{lead.investor_name}，{lead.project_name}")
        state = replay(moves, lead.recorded_on)
        assert state == {"status": lead.status, **{m: getattr(lead, m) for m in MILESTONES}}
        days = [lead.recorded_on, *(getattr(lead, m) for m in MILESTONES)]
        assert max(d for d in days if d) <= now
        assert bool(lead.drop_reason) == (lead.status == LeadStatus.DROPPED)
        assert lead.owner.region == lead.region
        if lead.status != LeadStatus.SIGNED:
            assert lead.project is None
            continue
        # signed by the verb: an identified investor and a project with the register's events
        assert identity_problem(lead) is None
        project = lead.project
        assert project.actual_signed == lead.signed_on and project.region == lead.region
        assert project.stage in ("signed", "started")
        assert moves[-1].kind == "signed" and project.code in moves[-1].text
        stages = ProjectEvent.objects.filter(project=project, kind="stage")
        assert [e.occurred_on for e in stages if e.data["to_stage"] == "signed"] == [lead.signed_on]
    listed = sum(lead.listing != "" for lead in leads)
    large = sum(lead.intended_investment >= rules.BILLION_WAN for lead in leads)
    provinces = Counter(lead.home_province for lead in leads)
    assert listed and large and provinces["上海市"] + provinces["江苏省"] > len(leads) / 4


def activities_are_derived_as_saving_derives_them():
    now = today()
    first = demo._months(now)[0][0]
    activities = list(
        Activity.objects.select_related("region", "leader__region").prefetch_related(
            "officials__region", "leads__region", "events"
        )
    )
    assert set(Counter(a.kind for a in activities)) == set(ActivityKind.values)
    for a in activities:
        assert first <= a.start_date <= a.end_date <= now
        assert a.days == (a.end_date - a.start_date).days + 1
        if a.kind == ActivityKind.TRIP:
            assert a.days <= max(demo.TRIP_DAYS)
        names = set(rules.split_names(a.investors)) | {x.investor_name for x in a.leads.all()}
        assert a.investor_count == len(names)
        assert (a.batches >= 1) == (a.kind == ActivityKind.RECEPTION)
        people = list(a.officials.all())
        assert a.leader not in people
        for o in [a.leader, *people]:
            assert a.region.contains(o.region)
        for lead in a.leads.all():
            assert a.region.contains(lead.region) and lead.recorded_on <= a.start_date
        (event,) = a.events.all()
        assert event.kind == "recorded" and event.text == f"登记{a.get_kind_display()}"
    assert ActivityEvent.objects.count() == len(activities)


def two_principals_each_and_a_few_missed_a_month(county):
    for region in [county.county, *county.towns]:
        officials = Official.objects.filter(region=region)
        assert officials.filter(is_principal=True).count() == 2
        assert officials.filter(is_principal=False).count() >= 3
    assert Official.objects.get(user=county.users["demo-town1"]).region == county.towns[0]
    now = today()
    window = demo._months(now)
    admin = county.users["demo-admin"]
    misses = []
    for year in sorted({first.year for first, _ in window}):
        for official, months in monthly_misses(admin, county.county, year):
            for n, missed in enumerate(months, start=1):
                in_window = any((f.year, f.month) == (year, n) for f, _ in window)
                if missed and in_window:
                    misses.append((official, year, n))
    # the chosen few, each a whole month; nobody else misses a month the demo covers
    assert len(misses) == demo.MISSES
    assert len({o for o, *_ in misses}) == demo.MISSES
    assert all(o.region in county.towns and (y, n) < (now.year, now.month) for o, y, n in misses)


def a_town_reads_like_the_seed_for_last_year(county):
    # the 18 months reach back at least to last July, whatever the day the demo is built on
    year = today().year - 1
    period = rules.Period.months((year, 1), (year, 12))
    report = attraction_report(county.users["demo-admin"], county.county, period)
    # hundreds of days out for the county, tens for a town, as the seeds' towns count them
    assert report.stats.trip_days >= 100
    assert report.stats.negotiated and report.stats.signed
    towns = {row.subject: row.stats for row in report.regions if row.subject in county.towns}
    assert len(towns) == len(county.towns) and all(s.trip_days for s in towns.values())
    town = county.towns[0]
    s = towns[town]
    assert 10 <= s.trip_days < 400
    assert s.principal_trip_days and s.investors_visited and s.reception_batches
    sentence = rules.sentence(town.name, period, s)
    assert sentence.startswith(f"{year}年,{town.name}累计外出招商{s.trip_days}天,主要领导外出招商")
    assert "主要领导外出招商0天" not in sentence and "拜访企业0家" not in sentence
    # the report reads regions and officials in one pass; each alone gives the same figures
    # (a period whose first and last days cut through trips)
    cut = rules.Period(period.start.replace(day=15), period.end.replace(month=11, day=14))
    both = by_region_and_official(Activity.objects.all(), Lead.objects.all(), cut)
    alone = (
        by_region(Activity.objects.all(), Lead.objects.all(), cut),
        by_official(Activity.objects.all(), Lead.objects.all(), cut),
    )
    assert both == alone


def started_projects_report_their_investment():
    # the funnel's 实际到资 is the completed investment the projects report: a signed project
    # started before last month has reported some, as the register's own demo projects do
    started = Project.objects.filter(lead__isnull=False, actual_started__isnull=False)
    before = started.filter(actual_started__lt=today().replace(day=1) - timedelta(days=31))
    assert before.exists()
    assert not before.filter(completed_total=0).exists()


@pytest.mark.django_db
def test_demo_attraction_obeys_the_rules_and_gives_the_reports_figures():
    # one build for every check: it signs a hundred leads through the verb
    county = DemoContext.create(seed=2024, password="x", log=lambda *a: None)
    demo_regions.build(county)
    officials_demo.build(county)
    demo.build(county)
    leads_move_as_the_verbs_move_them_and_signed_ones_are_projects()
    activities_are_derived_as_saving_derives_them()
    two_principals_each_and_a_few_missed_a_month(county)
    a_town_reads_like_the_seed_for_last_year(county)
    started_projects_report_their_investment()
