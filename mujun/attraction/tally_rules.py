"""The monthly tally of attraction work, as plain functions of plain data (no ORM).

A period's statistics (rules.py) of a whole county's year read 100,000 activities and their
participants; the tally keeps, for each region and month, the figures ``rules`` counts — the
region's own (official ``None``) and each official's there — so that a period of whole months
is the sum of its months' rows (tally.py, the table ``MonthlyTally``). The signed projects'
make-up (by category, by province) is not tallied: it is read from the period's signed leads.

Every figure kept adds up month by month: a trip's days are counted in the months they fall
in, a visit, reception or event in the month of its first day, a lead in the month it was
recorded and the month it was signed. The two that do not, the leads negotiating at the
period's end (在谈) and those negotiating on some day of it (洽谈, each lead once however
often it came back to the table), are counted from the leads' negotiation spans
(``stats.count_talks``), not kept here.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .rules import BILLION_WAN, LeadFact, Period, add_activity


@dataclass
class Tally:
    """One region's (or one official's in that region) figures of one month."""

    trip_days: int = 0
    principal_trip_days: int = 0
    investors_visited: int = 0
    reception_batches: int = 0
    promotion_events: int = 0
    new_leads: int = 0
    signed: int = 0
    signed_investment_wan: Decimal = Decimal(0)
    signed_over_100m: int = 0
    signed_listed: int = 0


def month_of(day: date) -> date:
    """The first day of ``day``'s month: how the tally names a month."""
    return day.replace(day=1)


def months_spanned(start: date, end: date) -> list[date]:
    """The months (their first days) from ``start``'s to ``end``'s, both included."""
    months, month = [], month_of(start)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def month_period(month: date) -> Period:
    return Period.months((month.year, month.month), (month.year, month.month))


def activity_months(kind: str, start: date, end: date) -> list[date]:
    """The months whose tally an activity counts in: a trip's every month, another activity's
    first."""
    return months_spanned(start, end) if kind == "trip" else [month_of(start)]


def lead_months(lead: LeadFact) -> set[date]:
    """Every month whose tally ``lead`` counts in."""
    days = (lead.recorded_on, lead.signed_on)
    return {month_of(day) for day in days if day is not None}


def tally(activities, leads, months=None) -> dict[tuple, Tally]:
    """The tallies of ``activities`` (``ActivityFact``, ``official_ids`` the leader and the
    participants) and ``leads`` (``LeadFact``), keyed (region id, official id or ``None`` for
    the region's own, month): each in its months, or only in ``months`` when given. Months
    without a figure are left out."""
    out: dict[tuple, Tally] = {}

    def at(region_id, official_id, month) -> Tally:
        key = (region_id, official_id, month)
        if key not in out:
            out[key] = Tally()
        return out[key]

    for a in activities:
        for month in activity_months(a.kind, a.start, a.end):
            if months is not None and month not in months:
                continue
            period = month_period(month)
            for official_id in (None, *a.official_ids):
                add_activity(at(a.region_id, official_id, month), a, period)

    def wanted(month) -> bool:
        return month is not None and (months is None or month in months)

    for lead in leads:
        recorded = month_of(lead.recorded_on)
        signed = month_of(lead.signed_on) if lead.signed_on else None
        for official_id in (None,) if lead.owner_id is None else (None, lead.owner_id):
            if wanted(recorded):
                at(lead.region_id, official_id, recorded).new_leads += 1
            if wanted(signed):
                t = at(lead.region_id, official_id, signed)
                t.signed += 1
                t.signed_investment_wan += lead.intended_investment
                t.signed_over_100m += lead.intended_investment >= BILLION_WAN
                t.signed_listed += lead.listed
    return {key: t for key, t in out.items() if t != Tally()}
