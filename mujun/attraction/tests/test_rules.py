"""The rules of attraction work as plain functions (rules.py imports no ORM): periods, the days
of a trip in a period, what an activity and a lead count, the seeds' sentence, the 一月一招商
check and the funnel. No database: these run in milliseconds."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mujun.attraction.rules import (
    ActivityFact,
    FunnelLead,
    LeadFact,
    Period,
    Stats,
    add_activity,
    add_lead,
    collect,
    days_in,
    funnel,
    home_province,
    is_abroad,
    missed,
    months_of,
    negotiated_in,
    negotiating_on,
    negotiations,
    parse_month,
    period_presets,
    sentence,
    split_names,
)

JUNE = Period.months((2026, 6), (2026, 6))
JULY = Period.months((2026, 7), (2026, 7))
Q2 = Period.months((2026, 4), (2026, 6))


def trip(start, end, *, principal=False, officials=(1,), region=1):
    return ActivityFact(
        kind="trip",
        start=start,
        end=end,
        region_id=region,
        official_ids=frozenset(officials),
        principal_joined=principal,
    )


def one_day(kind, day, *, investors=0, batches=0, end=None):
    return ActivityFact(
        kind=kind,
        start=day,
        end=end or day,
        region_id=1,
        official_ids=frozenset({1}),
        principal_joined=False,
        investors=investors,
        batches=batches,
    )


def lead(
    recorded=date(2026, 1, 5),
    *,
    negotiating=None,
    signed=None,
    dropped=None,
    investment="0",
    category="industrial",
    province="",
    listed=False,
    moves=(),
):
    """A lead as the rules read it; its negotiation from ``moves`` (its ledger's), or from its
    days as a lead made with them set."""
    talks = negotiations(
        list(moves),
        recorded_on=recorded,
        negotiating_on=negotiating,
        signed_on=signed,
        dropped_on=dropped,
    )
    return LeadFact(
        region_id=1,
        owner_id=None,
        category=category,
        home_province=province,
        listed=listed,
        intended_investment=Decimal(investment),
        recorded_on=recorded,
        signed_on=signed,
        talks=tuple(talks),
    )


class TestPeriod:
    @pytest.mark.parametrize(
        "start, end, text",
        [
            ((2017, 1), (2017, 12), "2017年"),
            ((2017, 1), (2017, 5), "2017年1至5月"),
            ((2017, 3), (2017, 8), "2017年3至8月"),
            ((2017, 5), (2017, 5), "2017年5月"),
            ((2017, 3), (2018, 2), "2017年3月至2018年2月"),
            # two whole years are still written month to month, never as “2017年”
            ((2017, 1), (2018, 12), "2017年1月至2018年12月"),
        ],
    )
    def test_a_period_of_whole_months_is_written_as_the_reports_write_it(self, start, end, text):
        assert Period.months(start, end).text() == text

    def test_a_period_not_of_whole_months_is_written_with_its_days(self):
        period = Period(date(2017, 3, 5), date(2017, 4, 30))
        assert period.text() == "2017年3月5日至2017年4月30日"

    def test_months_run_from_the_first_day_to_the_last_including_a_leap_february(self):
        period = Period.months((2024, 2), (2024, 2))
        assert (period.start, period.end) == (date(2024, 2, 1), date(2024, 2, 29))
        assert Period.months((2026, 2), (2026, 2)).end == date(2026, 2, 28)

    def test_a_period_ending_before_it_starts_is_refused_in_chinese(self):
        with pytest.raises(ValueError, match="结束月份不能早于开始月份"):
            Period.months((2026, 5), (2026, 4))

    def test_a_period_contains_both_its_ends_and_never_no_day(self):
        assert JUNE.contains(date(2026, 6, 1)) and JUNE.contains(date(2026, 6, 30))
        assert not JUNE.contains(date(2026, 5, 31)) and not JUNE.contains(date(2026, 7, 1))
        assert not JUNE.contains(None)

    def test_the_months_of_a_year_are_twelve_whole_months(self):
        months = months_of(2026)
        assert len(months) == 12
        assert months[0].start == date(2026, 1, 1) and months[-1].end == date(2026, 12, 31)
        assert [m.text() for m in months[:2]] == ["2026年1月", "2026年2月"]


class TestParseMonth:
    @pytest.mark.parametrize(
        "text, month", [("2017-05", (2017, 5)), ("2017-5", (2017, 5)), (" 2026-12 ", (2026, 12))]
    )
    def test_a_year_and_month_is_read(self, text, month):
        assert parse_month(text) == month

    @pytest.mark.parametrize("text", ["2017-13", "2017-00", "2017/05", "201705", "五月", "", None])
    def test_anything_else_is_refused_with_the_expected_form(self, text):
        with pytest.raises(ValueError, match="月份应写作 YYYY-MM"):
            parse_month(text)


class TestDaysIn:
    def test_a_trip_over_a_month_boundary_counts_in_each_month(self):
        start, end = date(2026, 6, 30), date(2026, 7, 2)
        assert days_in(start, end, JUNE) == 1
        assert days_in(start, end, JULY) == 2
        # and the quarter holding only its first day gets that day
        assert days_in(start, end, Q2) == 1

    def test_both_ends_of_a_trip_are_counted(self):
        assert days_in(date(2026, 6, 10), date(2026, 6, 10), JUNE) == 1
        assert days_in(date(2026, 6, 10), date(2026, 6, 12), JUNE) == 3

    def test_a_trip_touching_the_period_on_its_first_or_last_day_counts_that_day(self):
        assert days_in(date(2026, 5, 28), date(2026, 6, 1), JUNE) == 1
        assert days_in(date(2026, 6, 30), date(2026, 7, 5), JUNE) == 1

    def test_a_trip_outside_the_period_counts_nothing(self):
        assert days_in(date(2026, 5, 1), date(2026, 5, 31), JUNE) == 0
        assert days_in(date(2026, 7, 1), date(2026, 7, 3), JUNE) == 0

    def test_a_trip_longer_than_the_period_counts_the_periods_days(self):
        assert days_in(date(2026, 5, 20), date(2026, 7, 10), JUNE) == 30


class TestActivities:
    def test_a_trip_over_a_month_boundary_counts_in_each_months_days(self):
        shared = trip(date(2026, 6, 30), date(2026, 7, 2), principal=True)
        assert collect([shared], [], JUNE).trip_days == 1
        assert collect([shared], [], JULY).trip_days == 2

    def test_a_principal_official_on_a_shared_trip_is_counted_once(self):
        # given two principals and a cadre on one three-day trip
        shared = trip(date(2026, 6, 3), date(2026, 6, 5), principal=True, officials=(1, 2, 3))
        # when June is counted
        stats = collect([shared], [], JUNE)
        # then the trip's days count once, for the region and for its principals
        assert (stats.trip_days, stats.principal_trip_days) == (3, 3)

    def test_a_trip_without_a_principal_adds_no_principal_days(self):
        stats = collect([trip(date(2026, 6, 3), date(2026, 6, 4))], [], JUNE)
        assert (stats.trip_days, stats.principal_trip_days) == (2, 0)

    def test_the_days_of_several_trips_add_up(self):
        trips = [
            trip(date(2026, 6, 1), date(2026, 6, 2), principal=True),
            trip(date(2026, 6, 1), date(2026, 6, 3)),
            trip(date(2026, 6, 29), date(2026, 7, 4), principal=True),
        ]
        stats = collect(trips, [], JUNE)
        assert (stats.trip_days, stats.principal_trip_days) == (2 + 3 + 2, 2 + 2)

    def test_a_visit_counts_its_investors_and_one_naming_none_counts_one(self):
        visits = [
            one_day("visit", date(2026, 6, 3), investors=3),
            one_day("visit", date(2026, 6, 4), investors=0),
        ]
        assert collect(visits, [], JUNE).investors_visited == 4

    def test_receptions_count_their_batches(self):
        receptions = [
            one_day("reception", date(2026, 6, 3), batches=2),
            one_day("reception", date(2026, 6, 9), batches=3),
        ]
        stats = collect(receptions, [], JUNE)
        assert stats.reception_batches == 5 and stats.trip_days == 0

    def test_promotion_events_count_one_each(self):
        events = [one_day("promotion_event", date(2026, 6, d)) for d in (3, 20)]
        assert collect(events, [], JUNE).promotion_events == 2

    def test_an_activity_other_than_a_trip_counts_in_the_period_of_its_first_day(self):
        # a two-day visit and a two-day reception from 30 June to 1 July
        crossing = [
            one_day("visit", date(2026, 6, 30), investors=2, end=date(2026, 7, 1)),
            one_day("reception", date(2026, 6, 30), batches=4, end=date(2026, 7, 1)),
            one_day("promotion_event", date(2026, 6, 30), end=date(2026, 7, 1)),
        ]
        june, july = collect(crossing, [], JUNE), collect(crossing, [], JULY)
        assert (june.investors_visited, june.reception_batches, june.promotion_events) == (2, 4, 1)
        assert (july.investors_visited, july.reception_batches, july.promotion_events) == (0, 0, 0)

    def test_add_activity_adds_into_the_figures_given(self):
        stats = Stats(trip_days=10, investors_visited=5)
        add_activity(stats, trip(date(2026, 6, 1), date(2026, 6, 2)), JUNE)
        add_activity(stats, one_day("visit", date(2026, 6, 1), investors=2), JUNE)
        assert (stats.trip_days, stats.investors_visited) == (12, 7)


class TestLeads:
    def test_a_lead_recorded_in_the_period_is_new(self):
        stats = collect([], [lead(date(2026, 6, 1)), lead(date(2026, 5, 31))], JUNE)
        assert stats.new_leads == 1

    def test_a_lead_signed_in_one_period_counts_in_that_periods_signed_only(self):
        signed = lead(
            date(2026, 5, 2),
            negotiating=date(2026, 5, 20),
            signed=date(2026, 6, 15),
            investment="8000",
        )
        june, july = collect([], [signed], JUNE), collect([], [signed], JULY)
        assert (june.signed, june.signed_investment_wan) == (1, Decimal(8000))
        assert (july.signed, july.signed_investment_wan) == (0, Decimal(0))
        # negotiated in June (it was signed then), over by July
        assert (june.negotiated, july.negotiated) == (1, 0)
        assert (june.negotiating, july.negotiating) == (0, 0)

    def test_a_lead_negotiating_in_one_period_and_dropped_in_the_next(self):
        # given a lead in talks from 10 June, dropped on 8 July
        dropped = lead(date(2026, 6, 1), negotiating=date(2026, 6, 10), dropped=date(2026, 7, 8))
        june, july = collect([], [dropped], JUNE), collect([], [dropped], JULY)
        # then it was negotiated in both months, and in talks at the end of June only
        assert (june.negotiated, july.negotiated) == (1, 1)
        assert (june.negotiating, july.negotiating) == (1, 0)
        assert june.signed == july.signed == 0

    def test_a_lead_dropped_before_negotiating_was_never_negotiated(self):
        dropped = lead(date(2026, 6, 1), dropped=date(2026, 6, 9))
        stats = collect([], [dropped], JUNE)
        assert (stats.new_leads, stats.negotiated, stats.negotiating) == (1, 0, 0)

    def test_a_billion_yuan_project_starts_at_ten_thousand_wan(self):
        leads = [
            lead(signed=date(2026, 6, 1), negotiating=date(2026, 5, 1), investment="10000"),
            lead(signed=date(2026, 6, 2), negotiating=date(2026, 5, 1), investment="9999.9999"),
        ]
        stats = collect([], leads, JUNE)
        assert (stats.signed, stats.signed_over_100m) == (2, 1)
        assert stats.signed_investment_wan == Decimal("19999.9999")

    def test_signed_leads_are_split_by_listing_category_and_home_province(self):
        leads = [
            lead(signed=date(2026, 6, 1), listed=True, province="上海市"),
            lead(signed=date(2026, 6, 2), category="talent", province="上海市"),
            lead(signed=date(2026, 6, 3)),
            lead(signed=date(2026, 5, 3), listed=True, province="江苏省"),
        ]
        stats = collect([], leads, JUNE)
        assert stats.signed_listed == 1
        assert stats.signed_by_category == {"industrial": 2, "talent": 1}
        assert stats.signed_by_province == {"上海市": 2, "未填": 1}

    def test_add_lead_adds_into_the_figures_given(self):
        stats = Stats(new_leads=4, signed=1, signed_investment_wan=Decimal(100))
        add_lead(stats, lead(date(2026, 6, 2), signed=date(2026, 6, 3), investment="50"), JUNE)
        assert (stats.new_leads, stats.signed, stats.signed_investment_wan) == (
            5,
            2,
            Decimal(150),
        )


class TestNegotiation:
    def test_negotiating_from_its_day_until_the_day_before_it_is_signed_or_dropped(self):
        signed = lead(negotiating=date(2026, 6, 10), signed=date(2026, 6, 20))
        assert not negotiating_on(signed, date(2026, 6, 9))
        assert negotiating_on(signed, date(2026, 6, 10))
        assert negotiating_on(signed, date(2026, 6, 19))
        assert not negotiating_on(signed, date(2026, 6, 20))
        dropped = lead(negotiating=date(2026, 6, 10), dropped=date(2026, 6, 12))
        assert negotiating_on(dropped, date(2026, 6, 11))
        assert not negotiating_on(dropped, date(2026, 6, 12))

    def test_a_lead_never_negotiating_is_not_negotiating(self):
        assert not negotiating_on(lead(), date(2026, 6, 30))
        assert not negotiated_in(lead(), JUNE)

    @pytest.mark.parametrize(
        "negotiating, signed, dropped, overlapped",
        [
            (date(2026, 5, 1), None, None, True),  # still in talks
            (date(2026, 6, 30), None, None, True),  # began on the last day
            (date(2026, 7, 1), None, None, False),  # began after
            (date(2026, 5, 1), date(2026, 6, 1), None, True),  # signed on the first day
            (date(2026, 5, 1), date(2026, 5, 31), None, False),  # signed before
            (date(2026, 5, 1), None, date(2026, 6, 1), True),  # dropped on the first day
            (date(2026, 5, 1), None, date(2026, 5, 31), False),  # dropped before
            (date(2026, 6, 5), date(2026, 6, 6), None, True),  # in talks and signed within
        ],
    )
    def test_negotiated_in_a_period_when_the_talks_overlapped_it(
        self, negotiating, signed, dropped, overlapped
    ):
        fact = lead(date(2026, 4, 1), negotiating=negotiating, signed=signed, dropped=dropped)
        assert negotiated_in(fact, JUNE) is overlapped


def d(month, day, year=2026):
    return date(year, month, day)


class TestNegotiationsFromTheLedger:
    """A lead's spans in talks, read off its status moves: what a period counted stays what the
    lead's history says, whatever the lead does later."""

    def test_a_lead_moved_back_still_negotiated_while_it_was_in_talks(self):
        # given a lead in talks from 25 May, moved back to contacting on 1 December
        moves = [
            (d(3, 1), "lead", "contacting"),
            (d(5, 25), "contacting", "negotiating"),
            (d(12, 1), "negotiating", "contacting"),
        ]
        back = lead(d(2, 1), moves=moves)
        assert back.talks == ((d(5, 25), d(12, 1)),)
        q2 = Period.months((2026, 4), (2026, 6))
        # then the second quarter still counts it, in talks at its end and during it
        assert negotiating_on(back, q2.end) and negotiated_in(back, q2)
        assert not negotiating_on(back, d(12, 31))

    def test_a_lead_dropped_and_taken_up_again_was_not_in_talks_in_between(self):
        # given talks from 10 January, dropped on 25 March, taken up again on 18 November
        moves = [
            (d(1, 10), "lead", "negotiating"),
            (d(3, 25), "negotiating", "dropped"),
            (d(11, 18), "dropped", "negotiating"),
        ]
        again = lead(d(1, 5), moves=moves)
        assert again.talks == ((d(1, 10), d(3, 25)), (d(11, 18), None))
        # then it was not in talks at the end of March nor at any time of the second quarter
        assert not negotiating_on(again, d(3, 31))
        assert not negotiated_in(again, Period.months((2026, 4), (2026, 6)))
        assert negotiating_on(again, d(11, 30))
        # and a year that holds both spans counts the lead once
        year = Period.months((2026, 1), (2026, 12))
        assert collect([], [again], year).negotiated == 1

    def test_a_lead_signed_without_negotiating_negotiated_on_its_signing_day(self):
        moves = [(d(4, 2), "lead", "contacting"), (d(6, 9), "contacting", "signed")]
        assert lead(d(4, 1), moves=moves).talks == ((d(6, 9), d(6, 9)),)

    def test_talks_signed_close_on_the_signing_day(self):
        moves = [(d(4, 2), "lead", "negotiating"), (d(6, 9), "negotiating", "signed")]
        signed = lead(d(4, 1), signed=d(6, 9), moves=moves)
        assert signed.talks == ((d(4, 2), d(6, 9)),)
        assert not negotiating_on(signed, d(6, 30)) and negotiated_in(signed, JUNE)

    def test_dropped_and_taken_up_again_on_one_day_is_in_talks_at_its_end(self):
        moves = [
            (d(6, 2), "lead", "negotiating"),
            (d(6, 9), "negotiating", "dropped"),
            (d(6, 9), "dropped", "negotiating"),
        ]
        again = lead(d(6, 1), moves=moves)
        assert negotiating_on(again, d(6, 9))
        assert collect([], [again], JUNE).negotiated == 1

    def test_a_lead_in_talks_before_its_first_move_opened_on_its_negotiation_day(self):
        # made with its days set (a bulk load), then dropped by the verb
        moves = [(d(6, 20), "negotiating", "dropped")]
        dropped = lead(d(5, 1), negotiating=d(5, 10), moves=moves)
        assert dropped.talks == ((d(5, 10), d(6, 20)),)

    def test_a_lead_with_no_move_has_the_span_its_days_give(self):
        assert lead(d(5, 1), negotiating=d(4, 1), dropped=d(6, 3)).talks == ((d(5, 1), d(6, 3)),)
        assert lead(d(5, 1), signed=d(6, 3)).talks == ((d(6, 3), d(6, 3)),)
        assert lead(d(5, 1), dropped=d(6, 3)).talks == ()

    def test_a_period_ending_before_the_lead_was_recorded_does_not_count_it(self):
        moves = [(d(6, 2), "lead", "negotiating")]
        late = LeadFact(
            region_id=1,
            owner_id=None,
            category="industrial",
            home_province="",
            listed=False,
            intended_investment=Decimal(0),
            recorded_on=d(7, 1),
            signed_on=None,
            talks=tuple(negotiations(moves, recorded_on=d(6, 1))),
        )
        assert not negotiated_in(late, JUNE) and not negotiating_on(late, d(6, 30))


class TestSentence:
    def seed(self, **figures):
        values = {
            "trip_days": 393,
            "principal_trip_days": 110,
            "investors_visited": 99,
            "reception_batches": 114,
            "negotiated": 29,
        }
        values.update(figures)
        return Stats(**values)

    def test_the_sentence_has_the_seeds_form_and_ascii_commas(self):
        text = sentence("沈荡镇", Period.months((2017, 1), (2017, 12)), self.seed())
        assert text == (
            "2017年,沈荡镇累计外出招商393天,主要领导外出招商110天,拜访企业99家,"
            "接待客商114批次,洽谈招商项目29个,其中签约项目0个。"
        )
        assert "，" not in text

    def test_signed_projects_are_named_with_their_investment_in_yi_yuan(self):
        stats = self.seed(signed=5, signed_investment_wan=Decimal("123456"))
        text = sentence("沈荡镇", Period.months((2017, 1), (2017, 5)), stats)
        assert text.startswith("2017年1至5月,沈荡镇累计外出招商393天,")
        assert text.endswith(",洽谈招商项目29个,其中签约项目5个、意向投资12.35亿元。")

    def test_an_investment_under_ten_thousand_wan_is_written_in_wan_yuan(self):
        stats = self.seed(signed=1, signed_investment_wan=Decimal("9800"))
        text = sentence("沈荡镇", Period.months((2017, 5), (2017, 5)), stats)
        assert text.endswith("其中签约项目1个、意向投资9800万元。")
        stats = self.seed(signed=1, signed_investment_wan=Decimal("10000"))
        assert sentence("沈荡镇", JUNE, stats).endswith("其中签约项目1个、意向投资1亿元。")

    def test_promotion_events_are_named_only_when_there_were_some(self):
        period = Period.months((2017, 1), (2017, 12))
        assert "推介会" not in sentence("沈荡镇", period, self.seed())
        text = sentence("沈荡镇", period, self.seed(promotion_events=2))
        assert ",接待客商114批次,举办推介会2场,洽谈招商项目29个," in text

    def test_an_empty_period_still_says_every_figure(self):
        assert sentence("东岭镇", JUNE, Stats()) == (
            "2026年6月,东岭镇累计外出招商0天,主要领导外出招商0天,拜访企业0家,"
            "接待客商0批次,洽谈招商项目0个,其中签约项目0个。"
        )


# a day long after the months checked
LATER = date(2027, 3, 1)


class TestMonthlyCheck:
    def test_an_official_with_no_activity_misses_the_month(self):
        assert missed([], JUNE, LATER)
        assert missed([(date(2026, 5, 1), date(2026, 5, 31))], JUNE, LATER)

    def test_an_activity_touching_the_month_on_either_end_is_no_miss(self):
        assert not missed([(date(2026, 5, 28), date(2026, 6, 1))], JUNE, LATER)
        assert not missed([(date(2026, 6, 30), date(2026, 7, 2))], JUNE, LATER)
        assert not missed([(date(2026, 6, 30), date(2026, 7, 2))], JULY, LATER)

    def test_one_activity_of_many_is_enough(self):
        spans = [(date(2026, 1, 3), date(2026, 1, 3)), (date(2026, 6, 15), date(2026, 6, 15))]
        assert [missed(spans, m, LATER) for m in months_of(2026)][:7] == [
            False,
            True,
            True,
            True,
            True,
            False,
            True,
        ]

    def test_a_month_to_come_is_no_miss_yet_and_the_month_under_way_is_one(self):
        # on 10 June: July has not begun; June has, and nothing met it so far
        on = date(2026, 6, 10)
        assert not missed([], JULY, on)
        assert missed([], JUNE, on)
        assert not missed([], JUNE, date(2026, 5, 31))


class TestSplitNames:
    def test_investors_are_read_one_a_line_or_separated_by_commas(self):
        text = "甲公司、乙公司，丙公司,丁公司;戊公司；\n己公司\n\n  "
        assert split_names(text) == ["甲公司", "乙公司", "丙公司", "丁公司", "戊公司", "己公司"]
        assert split_names("") == [] and split_names(None) == []


TODAY = date(2026, 11, 30)


def funnel_lead(
    recorded=date(2026, 1, 1),
    negotiating=None,
    signed=None,
    funds=False,
    started=None,
    producing=None,
    channel="agency",
):
    return FunnelLead(
        channel=channel,
        home_province="",
        recorded_on=recorded,
        negotiating_on=negotiating,
        signed_on=signed,
        funds_in_place=funds,
        started_on=started,
        producing_on=producing,
    )


class TestFunnel:
    def leads(self):
        return [
            # in talks after 10 days, signed 30 days later, started 30 days after, producing
            funnel_lead(
                negotiating=date(2026, 1, 11),
                signed=date(2026, 2, 10),
                funds=True,
                started=date(2026, 3, 12),
                producing=date(2026, 6, 10),
            ),
            # in talks after 20 days, signed 40 days later, started 121 days after signing
            funnel_lead(
                negotiating=date(2026, 1, 21),
                signed=date(2026, 3, 2),
                funds=True,
                started=date(2026, 7, 1),
            ),
            # in talks after 31 days, not signed
            funnel_lead(negotiating=date(2026, 2, 1)),
            # recorded only
            funnel_lead(),
            # signed straight away a month ago: not yet due to start
            funnel_lead(signed=date(2026, 11, 1)),
        ]

    def test_each_step_counts_the_leads_that_reached_it(self):
        result = funnel(self.leads(), TODAY)
        assert result.counts == {
            "recorded": 5,
            # a lead signed without a dated negotiation still passed through it
            "negotiating": 4,
            "signed": 3,
            "funds_in_place": 2,
            "started": 2,
            "producing": 1,
        }

    def test_each_rate_is_from_the_step_before_in_percent(self):
        rates = funnel(self.leads(), TODAY).rates
        assert rates == {
            "recorded": None,
            "negotiating": Decimal("80.0"),
            "signed": Decimal("75.0"),
            "funds_in_place": Decimal("66.7"),
            "started": Decimal("100.0"),
            "producing": Decimal("50.0"),
        }

    def test_median_days_between_dated_steps(self):
        medians = funnel(self.leads(), TODAY).median_days
        assert medians == {
            "recorded_negotiating": 20,
            "negotiating_signed": 35,
            "signed_started": 75.5,
            "started_producing": 90,
        }

    def test_the_90_day_share_counts_leads_signed_90_days_ago_or_started(self):
        # of the two due (both started), one started within 90 days of signing
        assert funnel(self.leads(), TODAY).started_within_90 == (1, 2)

    def test_a_lead_signed_exactly_90_days_ago_is_due_and_one_started_on_day_90_is_in_time(self):
        signed = TODAY - timedelta(days=90)
        leads = [
            funnel_lead(signed=signed),
            funnel_lead(signed=date(2026, 1, 1), started=date(2026, 1, 1) + timedelta(days=90)),
            funnel_lead(signed=TODAY - timedelta(days=89)),
        ]
        assert funnel(leads, TODAY).started_within_90 == (1, 2)

    def test_an_empty_funnel_has_no_rates_and_no_medians(self):
        result = funnel([], TODAY)
        assert set(result.counts.values()) == {0}
        assert set(result.rates.values()) == {None}
        assert set(result.median_days.values()) == {None}
        assert result.started_within_90 == (0, 0)


class TestHomeProvince:
    """One name a province, so that 上海 and 上海市 never make two groups of the statistics."""

    @pytest.mark.parametrize(
        "text, country, name",
        [
            ("上海", "", "上海市"),
            ("上海市", "", "上海市"),
            (" 浙江 ", "", "浙江省"),
            ("广西", "", "广西壮族自治区"),
            ("内蒙古", "", "内蒙古自治区"),
            ("香港", "", "香港特别行政区"),
            ("", "德国", "境外"),
            ("", "中国", ""),
            ("", "", ""),
            ("境外", "日本", "境外"),
        ],
    )
    def test_a_province_is_named_in_full(self, text, country, name):
        assert home_province(text, country) == name

    def test_a_name_that_is_no_province_is_refused(self):
        with pytest.raises(ValueError, match="不是省级行政区名称"):
            home_province("上海滩")

    def test_abroad_is_any_country_but_china(self):
        assert is_abroad("新加坡") and not is_abroad("中国") and not is_abroad(" ")


class TestPeriodPresets:
    def test_the_periods_a_report_is_asked_for_most(self):
        presets = {label: (start, end) for label, start, end in period_presets(date(2026, 5, 8))}
        assert presets == {
            "本月": ("2026-05", "2026-05"),
            "上月": ("2026-04", "2026-04"),
            "本季度": ("2026-04", "2026-06"),
            "1至4月": ("2026-01", "2026-04"),
            "本年": ("2026-01", "2026-12"),
            "上年": ("2025-01", "2025-12"),
        }

    def test_in_january_last_month_is_last_years_december_and_no_1_to_n(self):
        presets = {label: (start, end) for label, start, end in period_presets(date(2027, 1, 5))}
        assert presets["上月"] == ("2026-12", "2026-12")
        assert not any(label.startswith("1至") for label in presets)
