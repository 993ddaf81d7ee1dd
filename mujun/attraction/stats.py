"""A period's attraction statistics of many activities and leads, in a fixed number of
aggregate queries whatever their number (rules.py says what counts).

Trips lying wholly in the period are summed from their stored days; the few that cross the
period's first or last day are read and clipped (``rules.days_in``). Activities and leads
are grouped by their region, or by their officials (the leader and the participants of an
activity, the owner of a lead); the caller maps a region to the sibling it lies under.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Sum
from django.db.models.functions import Greatest

from mujun.officials.models import Official

from .choices import ActivityKind, Listing
from .models import Activity
from .rules import BILLION_WAN, Period, Stats, days_in

REGION, OFFICIAL = "region", "official"


def _principal_joined():
    participants = Activity.officials.through.objects.filter(
        activity_id=OuterRef("pk"), official__is_principal=True
    )
    return Q(leader__is_principal=True) | Q(Exists(participants))


def _by(stats: dict, key) -> Stats:
    if key not in stats:
        stats[key] = Stats()
    return stats[key]


def _activity_groups(activities, group: str):
    """``(group key field, queryset)`` pairs an activity is counted under: its region, or its
    leader and each participant (an official counts the activities they joined)."""
    if group == REGION:
        return [("region_id", activities)]
    through = Activity.officials.through.objects.filter(activity__in=activities.values("pk"))
    return [("leader_id", activities), ("official_id", through)]


def _prefix(field: str) -> str:
    # the through table reaches the activity's columns through its foreign key
    return "" if field != "official_id" else "activity__"


def count_activities(stats: dict, activities, period: Period, group: str) -> None:
    """Add the activities' figures for ``period`` into ``stats`` (key → ``Stats``)."""
    activities = activities.filter(
        is_archived=False, start_date__lte=period.end, end_date__gte=period.start
    )
    for key, qs in _activity_groups(activities, group):
        p = _prefix(key)
        principal = Q(**{f"{p}pk__in": Activity.objects.filter(_principal_joined()).values("pk")})
        trip = Q(**{f"{p}kind": ActivityKind.TRIP})
        inside = trip & Q(**{f"{p}start_date__gte": period.start, f"{p}end_date__lte": period.end})
        starts = Q(**{f"{p}start_date__gte": period.start, f"{p}start_date__lte": period.end})
        rows = (
            qs.order_by()
            .values(key)
            .annotate(
                trip_days=Sum(f"{p}days", filter=inside),
                principal_trip_days=Sum(f"{p}days", filter=inside & principal),
                investors=Sum(
                    Greatest(f"{p}investor_count", 1),
                    filter=starts & Q(**{f"{p}kind": ActivityKind.VISIT}),
                ),
                batches=Sum(
                    f"{p}batches", filter=starts & Q(**{f"{p}kind": ActivityKind.RECEPTION})
                ),
                events=Count("pk", filter=starts & Q(**{f"{p}kind": ActivityKind.PROMOTION_EVENT})),
            )
        )
        for row in rows:
            s = _by(stats, row[key])
            s.trip_days += row["trip_days"] or 0
            s.principal_trip_days += row["principal_trip_days"] or 0
            s.investors_visited += row["investors"] or 0
            s.reception_batches += row["batches"] or 0
            s.promotion_events += row["events"] or 0
        crossing = (
            qs.filter(trip)
            .exclude(inside)
            .annotate(principal=ExpressionWrapper(principal, output_field=BooleanField()))
            .values_list(key, f"{p}start_date", f"{p}end_date", "principal")
        )
        for k, start, end, with_principal in crossing:
            days = days_in(start, end, period)
            s = _by(stats, k)
            s.trip_days += days
            s.principal_trip_days += days if with_principal else 0


def count_leads(stats: dict, leads, period: Period, group: str) -> None:
    """Add the leads' figures for ``period`` into ``stats`` (key → ``Stats``)."""
    key = "region_id" if group == REGION else "owner_id"
    leads = leads.filter(is_archived=False, recorded_on__lte=period.end)
    end = period.end
    negotiating = (
        Q(negotiating_on__lte=end)
        & (Q(signed_on__isnull=True) | Q(signed_on__gt=end))
        & (Q(dropped_on__isnull=True) | Q(dropped_on__gt=end))
    )
    negotiated = (
        Q(negotiating_on__lte=end)
        & (Q(signed_on__isnull=True) | Q(signed_on__gte=period.start))
        & (Q(dropped_on__isnull=True) | Q(dropped_on__gte=period.start))
        # dropped after signing cannot happen; a lead is closed by whichever came first
    )
    signed = Q(signed_on__gte=period.start, signed_on__lte=end)
    rows = (
        leads.order_by()
        .values(key)
        .annotate(
            new=Count("pk", filter=Q(recorded_on__gte=period.start)),
            negotiating=Count("pk", filter=negotiating),
            negotiated=Count("pk", filter=negotiated),
            signed=Count("pk", filter=signed),
            investment=Sum("intended_investment", filter=signed),
            over=Count("pk", filter=signed & Q(intended_investment__gte=BILLION_WAN)),
            listed=Count("pk", filter=signed & ~Q(listing=Listing.NONE)),
        )
    )
    for row in rows:
        s = _by(stats, row[key])
        s.new_leads += row["new"]
        s.negotiating += row["negotiating"]
        s.negotiated += row["negotiated"]
        s.signed += row["signed"]
        s.signed_investment_wan += row["investment"] or Decimal(0)
        s.signed_over_100m += row["over"]
        s.signed_listed += row["listed"]
    for field, attr in (
        ("category", "signed_by_category"),
        ("home_province", "signed_by_province"),
    ):
        split = leads.filter(signed).order_by().values(key, field).annotate(n=Count("pk"))
        for row in split:
            bucket = getattr(_by(stats, row[key]), attr)
            name = row[field] or "未填"
            bucket[name] = bucket.get(name, 0) + row["n"]


def merge(into: Stats, other: Stats) -> Stats:
    """``other``'s figures added into ``into``."""
    for name in (
        "trip_days",
        "principal_trip_days",
        "investors_visited",
        "reception_batches",
        "promotion_events",
        "new_leads",
        "negotiating",
        "negotiated",
        "signed",
        "signed_investment_wan",
        "signed_over_100m",
        "signed_listed",
    ):
        setattr(into, name, getattr(into, name) + getattr(other, name))
    for name in ("signed_by_category", "signed_by_province"):
        bucket = getattr(into, name)
        for k, v in getattr(other, name).items():
            bucket[k] = bucket.get(k, 0) + v
    return into


def by_region(activities, leads, period: Period) -> dict[int, Stats]:
    """Each region's own figures (region id → ``Stats``)."""
    stats: dict = defaultdict(Stats)
    count_activities(stats, activities, period, REGION)
    count_leads(stats, leads, period, REGION)
    return stats


def by_official(activities, leads, period: Period) -> dict[int, Stats]:
    """Each official's figures: the activities they led or joined, the leads they own."""
    stats: dict = defaultdict(Stats)
    count_activities(stats, activities, period, OFFICIAL)
    count_leads(stats, leads, period, OFFICIAL)
    stats.pop(None, None)
    return stats


def officials_named(ids) -> dict[int, Official]:
    return {o.pk: o for o in Official.objects.filter(pk__in=list(ids)).select_related("region")}
