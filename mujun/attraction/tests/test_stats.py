"""The statistics in SQL (stats.py, reports.py) agree with the plain rules (rules.collect): the
same hand-made facts — trips crossing the period's first and last days, principals, visits,
receptions, events, leads in each status — are counted both ways and compared figure by
figure, and a few figures are checked against sums done by hand."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from mujun.attraction import actions, rules
from mujun.attraction.forms import LeadForm
from mujun.attraction.models import Activity, Lead
from mujun.attraction.reports import attraction_report, monthly_misses
from mujun.attraction.stats import by_official, by_region
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.officials.models import Official

pytestmark = pytest.mark.django_db

# March to May: trips start before it and end after it
PERIOD = rules.Period.months((2026, 3), (2026, 5))


def activity_fact(activity: Activity) -> rules.ActivityFact:
    people = [activity.leader, *activity.officials.all()]
    return rules.ActivityFact(
        kind=activity.kind,
        start=activity.start_date,
        end=activity.end_date,
        region_id=activity.region_id,
        official_ids=frozenset(o.pk for o in people),
        principal_joined=any(o.is_principal for o in people),
        investors=activity.investor_count,
        batches=activity.batches,
    )


def lead_fact(lead: Lead) -> rules.LeadFact:
    return rules.LeadFact(
        region_id=lead.region_id,
        owner_id=lead.owner_id,
        category=lead.category,
        home_province=lead.home_province,
        listed=bool(lead.listing),
        intended_investment=lead.intended_investment,
        recorded_on=lead.recorded_on,
        signed_on=lead.signed_on,
        talks=tuple(lead.negotiations.values_list("opened_on", "closed_on")),
    )


@dataclass
class Facts:
    activities: list
    leads: list

    def of_region(self, region) -> rules.Stats:
        return rules.collect(
            [a for a in self.activities if a.region_id == region.pk],
            [x for x in self.leads if x.region_id == region.pk],
            PERIOD,
        )

    def of_official(self, official) -> rules.Stats:
        return rules.collect(
            [a for a in self.activities if official.pk in a.official_ids],
            [x for x in self.leads if x.owner_id == official.pk],
            PERIOD,
        )

    def total(self) -> rules.Stats:
        return rules.collect(self.activities, self.leads, PERIOD)


def d(month, day):
    return date(2026, month, day)


@pytest.fixture
def county_work(cast):
    """Two towns' and the county's activities and leads around March–May 2026, and the same
    facts as the rules read them."""
    r = cast.regions
    secretary = make_official(r.town1, principal=True, name="城关书记")
    director = make_official(r.town1, principal=True, name="城关主任")
    cadre = make_official(r.town1, name="城关干部")
    east_secretary = make_official(r.town2, principal=True, name="东岭书记")
    east_cadre = make_official(r.town2, name="东岭干部")
    county_cadre = make_official(r.county, name="县商务局干部")

    def trip(region, start, end, leader, officials=(), **fields):
        return make_activity(
            region, kind="trip", start=start, end=end, leader=leader, officials=officials, **fields
        )

    # 城关街道
    trip(r.town1, date(2026, 2, 27), d(3, 2), cadre, [secretary, director])  # 2 days, shared
    trip(r.town1, d(4, 1), d(4, 3), secretary, [cadre])  # 3 days, a principal leads
    trip(r.town1, d(5, 30), d(6, 3), cadre)  # 2 days of 5
    trip(r.town1, d(1, 10), d(1, 12), secretary)  # before the period
    trip(r.town1, date(2026, 2, 28), d(6, 1), cadre)  # over the whole period: 92 days
    trip(r.town1, d(4, 10), d(4, 12), secretary, is_archived=True)
    make_activity(r.town1, kind="visit", start=d(3, 10), leader=director, investors="甲、乙、丙")
    make_activity(r.town1, kind="visit", start=d(3, 11), leader=cadre)  # names none: one
    make_activity(
        r.town1, kind="visit", start=date(2026, 2, 28), end=d(3, 1), leader=cadre, investors="丁"
    )
    make_activity(
        r.town1, kind="reception", start=d(4, 15), leader=cadre, officials=[secretary], batches=2
    )
    make_activity(r.town1, kind="promotion_event", start=d(5, 20), leader=secretary)
    # 东岭镇
    trip(r.town2, d(3, 5), d(3, 9), east_secretary)
    make_activity(
        r.town2, kind="reception", start=d(5, 31), end=d(6, 1), leader=east_cadre, batches=3
    )
    trip(r.town2, d(5, 31), d(6, 2), east_cadre, [east_secretary])
    # the county's own
    trip(r.county, d(4, 20), d(4, 21), county_cadre)

    def lead(region, **fields):
        return make_lead(region, **fields)

    lead(r.town1, status="lead", recorded_on=d(3, 5), owner=cadre)
    lead(r.town1, status="contacting", recorded_on=d(2, 1), contacted_on=d(2, 10), owner=cadre)
    lead(
        r.town1, status="negotiating", recorded_on=d(1, 5), negotiating_on=d(2, 20), owner=director
    )
    lead(
        r.town1,
        status="signed",
        recorded_on=d(3, 1),
        negotiating_on=d(3, 15),
        signed_on=d(4, 20),
        intended_investment=Decimal("12000"),
        listing="listed",
        category="talent",
        home_province="上海市",
        owner=secretary,
    )
    lead(
        r.town1,
        status="signed",
        recorded_on=date(2025, 12, 1),
        negotiating_on=d(1, 10),
        signed_on=d(2, 15),
        owner=secretary,
    )
    lead(
        r.town1, status="dropped", recorded_on=d(1, 2), negotiating_on=d(2, 1), dropped_on=d(4, 10)
    )
    lead(
        r.town1, status="dropped", recorded_on=d(1, 2), negotiating_on=d(1, 20), dropped_on=d(2, 20)
    )
    lead(r.town1, status="lead", recorded_on=d(6, 5))
    lead(r.town1, status="negotiating", recorded_on=d(5, 20), negotiating_on=d(6, 2))
    lead(r.town1, status="signed", recorded_on=d(3, 3), signed_on=d(4, 1), is_archived=True)
    lead(
        r.town2,
        status="signed",
        recorded_on=d(5, 1),
        negotiating_on=d(5, 10),
        signed_on=d(5, 31),
        intended_investment=Decimal("9000"),
        owner=east_secretary,
    )
    lead(
        r.town2,
        status="signed",
        recorded_on=d(4, 1),
        negotiating_on=d(4, 10),
        signed_on=d(6, 10),
        owner=east_cadre,
    )
    lead(
        r.county,
        status="signed",
        recorded_on=d(3, 1),
        negotiating_on=d(3, 10),
        signed_on=d(3, 20),
        intended_investment=Decimal("20000"),
        home_province="江苏省",
        owner=county_cadre,
    )
    # archived rows are not counted: the rules never see them
    activities = Activity.objects.filter(is_archived=False).prefetch_related("officials")
    leads = Lead.objects.filter(is_archived=False)
    return Facts(
        activities=[activity_fact(a) for a in activities.select_related("leader")],
        leads=[lead_fact(x) for x in leads],
    )


class TestByRegion:
    def test_the_sql_figures_of_each_region_agree_with_the_rules(self, cast, county_work):
        r = cast.regions
        figures = by_region(Activity.objects.all(), Lead.objects.all(), PERIOD)
        assert set(figures) == {r.town1.pk, r.town2.pk, r.county.pk}
        for region in (r.town1, r.town2, r.county):
            assert figures[region.pk] == county_work.of_region(region), region.name

    def test_the_figures_of_a_town_are_those_counted_by_hand(self, cast, county_work):
        town1 = by_region(Activity.objects.all(), Lead.objects.all(), PERIOD)[cast.regions.town1.pk]
        assert (
            town1.trip_days,
            town1.principal_trip_days,
            town1.investors_visited,
            town1.reception_batches,
            town1.promotion_events,
        ) == (2 + 3 + 2 + 92, 2 + 3, 3 + 1, 2, 1)
        assert (town1.new_leads, town1.negotiating, town1.negotiated, town1.signed) == (3, 1, 3, 1)
        assert (town1.signed_investment_wan, town1.signed_over_100m, town1.signed_listed) == (
            Decimal(12000),
            1,
            1,
        )
        assert town1.signed_by_category == {"talent": 1}
        assert town1.signed_by_province == {"上海市": 1}

    def test_a_period_of_one_month_agrees_too(self, cast, county_work):
        june = rules.Period.months((2026, 6), (2026, 6))
        figures = by_region(Activity.objects.all(), Lead.objects.all(), june)
        town1 = figures[cast.regions.town1.pk]
        expected = rules.collect(
            [a for a in county_work.activities if a.region_id == cast.regions.town1.pk],
            [x for x in county_work.leads if x.region_id == cast.regions.town1.pk],
            june,
        )
        assert town1 == expected
        # the trips from 30 May and 28 February give June their last days
        assert town1.trip_days == 3 + 1

    def test_no_activity_and_no_lead_gives_no_figures(self, cast):
        assert by_region(Activity.objects.all(), Lead.objects.all(), PERIOD) == {}


class TestByOfficial:
    def test_each_official_counts_what_they_led_or_joined_and_the_leads_they_own(
        self, cast, county_work
    ):
        figures = by_official(Activity.objects.all(), Lead.objects.all(), PERIOD)
        officials = list(Official.objects.all())
        assert len(officials) == 6
        for official in officials:
            assert figures.get(official.pk, rules.Stats()) == county_work.of_official(official), (
                official.name
            )

    def test_a_principal_on_a_shared_trip_counts_it_once(self, cast, county_work):
        secretary = Official.objects.get(name="城关书记")
        figures = by_official(Activity.objects.all(), Lead.objects.all(), PERIOD)[secretary.pk]
        # the shared trip (2 days in March) and the one the secretary led (3 days)
        assert (figures.trip_days, figures.principal_trip_days) == (5, 5)
        assert (figures.reception_batches, figures.promotion_events, figures.signed) == (2, 1, 1)


class TestReport:
    def test_the_countys_report_sums_its_towns_and_its_own(self, cast, county_work):
        report = attraction_report(cast.leader, cast.regions.county, PERIOD)
        assert report.stats == county_work.total()
        assert report.sentence == rules.sentence("青溪县", PERIOD, county_work.total())
        assert report.sentence.startswith("2026年3至5月,青溪县累计外出招商107天,")
        rows = {row.subject.name: row.stats for row in report.regions}
        assert list(rows) == ["城关街道", "东岭镇", "青溪县"]
        r = cast.regions
        for region in (r.town1, r.town2, r.county):
            assert rows[region.name] == county_work.of_region(region)

    def test_the_officials_rows_agree_with_the_rules(self, cast, county_work):
        report = attraction_report(cast.leader, cast.regions.county, PERIOD)
        assert len(report.officials) == 6
        for row in report.officials:
            assert row.stats == county_work.of_official(row.subject), row.subject.name

    def test_a_towns_activities_are_counted_under_the_countys_row_of_the_city(
        self, cast, county_work
    ):
        report = attraction_report(cast.root, cast.regions.city, PERIOD)
        assert [row.subject for row in report.regions] == [cast.regions.county]
        assert report.regions[0].stats == county_work.total()
        assert report.stats == county_work.total()

    def test_a_town_officers_report_counts_their_town_only(self, cast, county_work):
        report = attraction_report(cast.town1, cast.regions.town1, PERIOD)
        assert report.stats == county_work.of_region(cast.regions.town1)
        assert {row.subject.name for row in report.officials} == {
            "城关书记",
            "城关主任",
            "城关干部",
        }
        # the county is outside a town officer's scope: no rank among siblings, nor in the
        # town's one row
        assert report.ranks == {"trip_days": None, "signed": None}
        assert [row.ranks for row in report.regions] == [{"trip_days": None, "signed": None}]

    def test_an_empty_period_reports_zeros(self, cast, county_work):
        report = attraction_report(
            cast.leader, cast.regions.county, rules.Period.months((2020, 1), (2020, 12))
        )
        assert report.stats == rules.Stats()
        assert report.sentence == (
            "2020年,青溪县累计外出招商0天,主要领导外出招商0天,拜访企业0家,接待客商0批次,"
            "洽谈招商项目0个,其中签约项目0个。"
        )
        # the county's own row is shown only when it has figures of its own
        assert [row.subject.name for row in report.regions] == ["城关街道", "东岭镇"]


class TestRanks:
    def test_the_towns_are_ranked_by_trip_days_and_signed_projects(self, cast):
        r = cast.regions
        make_activity(r.town1, start=d(3, 2), end=d(3, 4))
        make_activity(r.town2, start=d(3, 2), end=d(3, 11))
        for town in (r.town1, r.town2):
            make_lead(town, recorded_on=d(3, 1), negotiating_on=d(3, 2), signed_on=d(3, 3))
        report = attraction_report(cast.leader, r.county, PERIOD)
        trip_ranks = {row.subject.name: row.ranks["trip_days"] for row in report.regions}
        assert {name: (x.position, x.of) for name, x in trip_ranks.items()} == {
            "东岭镇": (1, 2),
            "城关街道": (2, 2),
        }
        signed = {row.subject.name: row.ranks["signed"] for row in report.regions}
        # equal figures share the position
        assert {name: (x.position, x.tied) for name, x in signed.items()} == {
            "东岭镇": (1, True),
            "城关街道": (1, True),
        }

    def test_a_towns_report_ranks_it_among_its_siblings(self, cast):
        r = cast.regions
        make_activity(r.town1, start=d(3, 2), end=d(3, 4))
        make_activity(r.town2, start=d(3, 2), end=d(3, 11))
        report = attraction_report(cast.leader, r.town1, PERIOD)
        rank = report.ranks["trip_days"]
        assert (rank.position, rank.of) == (2, 2)

    def test_a_towns_rank_in_a_period_cut_through_months_is_counted_from_the_rows(self, cast):
        r = cast.regions
        make_activity(r.town1, start=d(3, 2), end=d(3, 9))
        make_activity(r.town2, start=d(3, 2), end=d(3, 11))
        # from the 5th: town1 has 5 days, town2 7
        report = attraction_report(cast.leader, r.town1, rules.Period(d(3, 5), d(3, 31)))
        assert report.stats.trip_days == 5
        rank = report.ranks["trip_days"]
        assert (rank.position, rank.of) == (2, 2)

    def test_the_countys_own_figures_are_shown_but_never_ranked_among_its_towns(self, cast):
        # given a county whose own trips outnumber both towns' days
        r = cast.regions
        make_activity(r.town1, start=d(3, 2), end=d(3, 4))
        make_activity(r.town2, start=d(3, 2), end=d(3, 11))
        make_activity(r.county, start=d(3, 2), end=d(3, 21))
        # when the county's and a town's reports are made
        county = attraction_report(cast.leader, r.county, PERIOD)
        town2 = attraction_report(cast.leader, r.town2, PERIOD)
        # then the towns are ranked between themselves, the county's own row not at all
        ranks = {row.subject.name: row.ranks.get("trip_days") for row in county.regions}
        assert (ranks["东岭镇"].position, ranks["东岭镇"].of) == (1, 2)
        assert (ranks["城关街道"].position, ranks["城关街道"].of) == (2, 2)
        assert ranks["青溪县"] is None
        assert county.regions[-1].stats.trip_days == 20
        # named as its own level, not taken for the county's total
        assert [row.name for row in county.regions][-1] == "青溪县（本级）"
        assert county.stats.trip_days == 33
        assert (town2.ranks["trip_days"].position, town2.ranks["trip_days"].of) == (1, 2)


class TestMonthlyMisses:
    def test_each_principal_misses_the_months_they_neither_led_nor_joined(self, cast):
        r = cast.regions
        secretary = make_official(r.town1, principal=True, name="城关书记")
        director = make_official(r.town1, principal=True, name="城关主任")
        idle = make_official(r.town2, principal=True, name="东岭书记")
        cadre = make_official(r.town1, name="城关干部")
        # a trip over the June–July boundary that the secretary led
        make_activity(r.town1, start=d(6, 30), end=d(7, 2), leader=secretary)
        # a visit in March the director joined; the trip of 30 Dec–2 Jan gives him January
        make_activity(r.town1, kind="visit", start=d(3, 9), leader=cadre, officials=[director])
        make_activity(r.town1, start=date(2025, 12, 30), end=d(1, 2), leader=director)
        # an archived activity is no activity
        make_activity(r.town1, start=d(9, 1), leader=secretary, is_archived=True)
        grid = dict(monthly_misses(cast.leader, r.county, 2026))
        assert set(grid) == {secretary, director, idle}
        assert [m for m, miss in enumerate(grid[secretary], 1) if not miss] == [6, 7]
        assert [m for m, miss in enumerate(grid[director], 1) if not miss] == [1, 3]
        assert all(grid[idle]) and len(grid[idle]) == 12

    def test_a_town_officer_sees_their_own_principals_only(self, cast):
        make_official(cast.regions.town1, principal=True, name="城关书记")
        make_official(cast.regions.town2, principal=True, name="东岭书记")
        grid = monthly_misses(cast.town1, cast.regions.town1, 2026)
        assert [official.name for official, _ in grid] == ["城关书记"]

    def test_an_archived_principal_is_not_checked(self, cast):
        make_official(cast.regions.town1, principal=True, name="城关书记", is_archived=True)
        assert monthly_misses(cast.leader, cast.regions.county, 2026) == []


def talks_of(user, region, period) -> tuple[int, int]:
    """(在谈 at the period's end, 洽谈 during it) of ``region``'s report."""
    stats = attraction_report(user, region, period).stats
    return stats.negotiating, stats.negotiated


def lead_through(cast, recorded, *moves) -> Lead:
    """A lead of 城关街道 recorded on ``recorded`` and moved by the verbs through ``moves``,
    each (status, day); the status ``reopen`` takes a dropped lead up again."""
    lead = make_lead(cast.regions.town1, recorded_on=recorded)
    for status, day in moves:
        lead = Lead.objects.get(pk=lead.pk)
        if status == "reopen":
            actions.reopen_lead(lead, on=day, user=cast.town1, reason="重新对接")
        else:
            actions.move_lead(lead, status=status, on=day, user=cast.town1, reason="对方暂缓")
    return Lead.objects.get(pk=lead.pk)


@pytest.mark.usefixtures("frozen_today")
class TestNegotiationHistory:
    """A period's 在谈 and 洽谈 say what the leads' histories say on its days: a figure a town
    quoted for a quarter does not change when a lead moves later."""

    Q1 = rules.Period.months((2026, 1), (2026, 3))

    def test_a_lead_moved_back_later_still_counts_in_the_quarter_it_negotiated(self, cast):
        town = cast.regions.town1
        lead = lead_through(cast, d(1, 5), ("negotiating", d(2, 5)))
        assert talks_of(cast.leader, town, self.Q1) == (1, 1)
        actions.move_lead(lead, status="contacting", on=d(6, 1), user=cast.town1, reason="暂缓")
        assert talks_of(cast.leader, town, self.Q1) == (1, 1)
        # in June it negotiated on the 1st, the day it was moved back, and not at the end
        june = rules.Period.months((2026, 6), (2026, 6))
        assert talks_of(cast.leader, town, june) == (0, 1)

    def test_a_lead_dropped_and_taken_up_again_was_not_negotiating_in_between(self, cast):
        town = cast.regions.town1
        lead_through(
            cast, d(1, 5), ("negotiating", d(1, 10)), ("dropped", d(2, 25)), ("reopen", d(5, 18))
        )
        months = {m: rules.Period.months((2026, m), (2026, m)) for m in (2, 3, 5)}
        assert talks_of(cast.leader, town, months[2]) == (0, 1)
        assert talks_of(cast.leader, town, months[3]) == (0, 0)
        assert talks_of(cast.leader, town, months[5]) == (1, 1)
        # the half year holds both spans and counts the lead once; a period cut through
        # months (counted from the rows) that lies in the gap counts it not at all
        half = rules.Period.months((2026, 1), (2026, 6))
        assert talks_of(cast.leader, town, half) == (1, 1)
        assert talks_of(cast.leader, town, rules.Period(d(2, 26), d(5, 17))) == (0, 0)
        assert talks_of(cast.leader, cast.regions.county, half) == (1, 1)

    def test_a_move_is_never_dated_before_one_already_in_the_ledger(self, cast):
        # dropped on 1 May and taken up again on 1 June, the lead's kept days no longer say
        # May: a drop dated 1 April would read the ledger out of order and leave it 在谈
        lead = lead_through(
            cast, d(2, 1), ("negotiating", d(3, 1)), ("dropped", d(5, 1)), ("reopen", d(6, 1))
        )
        with pytest.raises(actions.LeadError, match="不能早于上一次状态变更（2026年06月01日）"):
            actions.move_lead(lead, status="dropped", on=d(4, 1), user=cast.town1, reason="x")
        with pytest.raises(actions.LeadError, match="不能早于上一次状态变更"):
            actions.move_lead(lead, status="contacting", on=d(4, 1), user=cast.town1, reason="x")

    def test_a_lead_moved_back_is_not_recorded_after_its_first_move(self, cast):
        lead = lead_through(cast, d(2, 1), ("negotiating", d(3, 1)), ("lead", d(4, 1)))
        data = {
            "region": cast.regions.town1.code,
            "investor_name": lead.investor_name,
            "project_name": lead.project_name,
            "channel": lead.channel,
            "category": lead.category,
            "intended_investment": "15000",
            "recorded_on": "2026-03-15",
        }
        form = LeadForm(data, instance=lead, user=cast.town1)
        assert not form.is_valid()
        assert form.errors["recorded_on"] == ["登记日期不能晚于第一次状态变更（2026年03月01日）"]

    def test_the_funnel_counts_a_lead_moved_back_as_having_negotiated(self, cast):
        from mujun.attraction.funnel import funnel_report

        lead_through(cast, d(1, 5), ("negotiating", d(2, 5)), ("contacting", d(3, 1)))
        report = funnel_report(
            cast.leader, cast.regions.town1, rules.Period.months((2026, 1), (2026, 6))
        )
        assert (report.overall.counts["recorded"], report.overall.counts["negotiating"]) == (1, 1)
        assert report.overall.median_days["recorded_negotiating"] == 31
