"""A period's attraction statistics of many activities and leads, in a fixed number of
aggregate queries whatever their number (rules.py says what counts).

Each activity's figures are summed in the database: a trip lying wholly in the period by its
stored days, one crossing the period's first or last day clipped to it (``rules.days_in`` as
column arithmetic) in the same sum. The figures are grouped by region and by official at
once — the activities by their region and leader, and again by each participant; the leads by
their region and owner — so a report of a county's regions and its officials reads each table
once. The caller maps a region to the sibling it lies under.

Whether a principal official (主要领导) went is asked of the leader in the same pass, and of the
participants in two small queries of their own: the trips led by someone else that a principal
joined. Asked of every activity as a subquery, it cost more than all the rest together.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import NotSupportedError
from django.db.models import Case, Count, F, Func, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Greatest, Least

from mujun.officials.models import Official

from .choices import ActivityKind, Listing
from .models import Activity
from .rules import BILLION_WAN, Period, Stats


class _DaysFrom(Func):
    """The calendar days from the first date to the last, both included (``rules.days_in`` of
    a trip already clipped to the period), on the two databases the platform runs on."""

    arity = 2
    output_field = IntegerField()

    def _compiled(self, compiler, template: str):
        (first, first_params), (last, last_params) = (
            compiler.compile(e) for e in self.source_expressions
        )
        return template.format(first=first, last=last), (*last_params, *first_params)

    def as_sqlite(self, compiler, connection, **extra):
        # dates are ISO text: julianday reads them, whole days apart
        template = "(CAST(julianday({last}) - julianday({first}) AS INTEGER) + 1)"
        return self._compiled(compiler, template)

    def as_postgresql(self, compiler, connection, **extra):
        return self._compiled(compiler, "(({last})::date - ({first})::date + 1)")

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError(f"trip days are not computed on {connection.vendor}")


def _by(stats: dict | None, key) -> Stats:
    """``stats[key]``, made when missing; a throw-away when the caller wants no such figures."""
    if stats is None:
        return Stats()
    if key not in stats:
        stats[key] = Stats()
    return stats[key]


def _trip_days(period: Period) -> Case:
    """A trip's days within the period: its stored days when it lies wholly in the period (most
    do), else from its first day or the period's, whichever is later, to its last or the
    period's, whichever is earlier."""
    return Case(
        When(Q(start_date__gte=period.start, end_date__lte=period.end), then=F("days")),
        default=_DaysFrom(
            Greatest(F("start_date"), Value(period.start)),
            Least(F("end_date"), Value(period.end)),
        ),
        output_field=IntegerField(),
    )


def _figures(period: Period, principals: list[int]) -> dict:
    """The aggregates of the activities' figures over the rows of a group; a principal's trip
    days here are those of the trips a principal led."""
    trip = Q(kind=ActivityKind.TRIP)
    days = _trip_days(period)
    # no principal at all: a condition no row meets (pk is never null)
    led = Q(leader_id__in=principals) if principals else Q(pk__isnull=True)
    starts = Q(start_date__gte=period.start, start_date__lte=period.end)
    return {
        "trip_days": Sum(days, filter=trip),
        "principal_trip_days": Sum(days, filter=trip & led),
        "investors": Sum(Greatest("investor_count", 1), filter=starts & Q(kind=ActivityKind.VISIT)),
        "batches": Sum("batches", filter=starts & Q(kind=ActivityKind.RECEPTION)),
        # counted by a column of the period's index (never null), so the rows need not be read
        "events": Count("kind", filter=starts & Q(kind=ActivityKind.PROMOTION_EVENT)),
    }


def _add_activities(s: Stats, row: dict) -> None:
    s.trip_days += row["trip_days"] or 0
    s.principal_trip_days += row["principal_trip_days"] or 0
    s.investors_visited += row["investors"] or 0
    s.reception_batches += row["batches"] or 0
    s.promotion_events += row["events"] or 0


def count_activities(activities, period: Period, *, regions=None, officials=None) -> None:
    """Add the activities' figures for ``period`` into ``regions`` (region id → ``Stats``) and
    ``officials`` (official id → ``Stats``: the leader and each participant, an official counts
    the activities they led or joined); either may be ``None``."""
    activities = activities.filter(
        is_archived=False, start_date__lte=period.end, end_date__gte=period.start
    ).order_by()
    principals = list(
        Official.objects.filter(is_principal=True).order_by().values_list("pk", flat=True)
    )
    figures = _figures(period, principals)
    # grouped by region and leader: both lists from one pass over the period's index
    for row in activities.values("region_id", "leader_id").annotate(**figures):
        _add_activities(_by(regions, row["region_id"]), row)
        _add_activities(_by(officials, row["leader_id"]), row)
    if officials is not None:
        # from the activities' side (a left join; the ones without participants make a group
        # of their own): the period's activities drive the join, not every participant row
        for row in activities.values("officials").annotate(**figures):
            if row["officials"] is not None:
                _add_activities(_by(officials, row["officials"]), row)
    if not principals:
        return
    # the trips a principal joined but did not lead count as a principal's trips too: a few
    # thousand rows at most (each such trip once per participant), summed here
    through = Activity.officials.through.objects
    joined = (
        activities.filter(kind=ActivityKind.TRIP)
        .filter(pk__in=through.filter(official_id__in=principals).values("activity_id"))
        .exclude(leader_id__in=principals)
        .annotate(clipped=_trip_days(period))
        .values_list("pk", "region_id", "leader_id", "officials", "clipped")
    )
    counted = set()
    for pk, region_id, leader_id, official_id, days in joined:
        if pk not in counted:
            counted.add(pk)
            _by(regions, region_id).principal_trip_days += days
            _by(officials, leader_id).principal_trip_days += days
        if officials is not None and official_id is not None:
            _by(officials, official_id).principal_trip_days += days


def count_leads(leads, period: Period, *, regions=None, officials=None) -> None:
    """Add the leads' figures for ``period`` into ``regions`` and ``officials`` (the owner),
    as ``count_activities`` does."""
    count_talks(leads, period, regions=regions, officials=officials)
    leads = leads.filter(is_archived=False, recorded_on__lte=period.end).order_by()
    signed = Q(signed_on__gte=period.start, signed_on__lte=period.end)
    rows = leads.values("region_id", "owner_id").annotate(
        new=Count("pk", filter=Q(recorded_on__gte=period.start)),
        signed=Count("pk", filter=signed),
        investment=Sum("intended_investment", filter=signed),
        over=Count("pk", filter=signed & Q(intended_investment__gte=BILLION_WAN)),
        listed=Count("pk", filter=signed & ~Q(listing=Listing.NONE)),
    )
    for row in rows:
        for s in (_by(regions, row["region_id"]), _by(officials, row["owner_id"])):
            s.new_leads += row["new"]
            s.signed += row["signed"]
            s.signed_investment_wan += row["investment"] or Decimal(0)
            s.signed_over_100m += row["over"]
            s.signed_listed += row["listed"]
    for name, attr in (
        ("category", "signed_by_category"),
        ("home_province", "signed_by_province"),
    ):
        split = leads.filter(signed).values("region_id", "owner_id", name).annotate(n=Count("pk"))
        for row in split:
            for s in (_by(regions, row["region_id"]), _by(officials, row["owner_id"])):
                bucket = getattr(s, attr)
                key = row[name] or "未填"
                bucket[key] = bucket.get(key, 0) + row["n"]


def count_talks(leads, period: Period, *, regions=None, officials=None) -> None:
    """Add the leads' 在谈 (under negotiation at the end of the period's last day) and 洽谈
    (under negotiation on some day of it) into ``regions`` and ``officials`` (the owner), each
    lead once however many of its spans (``Negotiation``) the period meets. One query: the
    leads joined to their spans that reach into the period (the span's conditions in one
    ``filter``, so that they hold of the same span)."""
    end = period.end
    reaching = leads.filter(
        Q(negotiations__closed_on__isnull=True) | Q(negotiations__closed_on__gte=period.start),
        negotiations__opened_on__lte=end,
        is_archived=False,
        recorded_on__lte=end,
    )
    going_on = Q(negotiations__closed_on__isnull=True) | Q(negotiations__closed_on__gt=end)
    rows = (
        reaching.order_by()
        .values("region_id", "owner_id")
        .annotate(
            negotiated=Count("pk", distinct=True),
            negotiating=Count("pk", distinct=True, filter=going_on),
        )
    )
    for row in rows:
        for s in (_by(regions, row["region_id"]), _by(officials, row["owner_id"])):
            s.negotiating += row["negotiating"]
            s.negotiated += row["negotiated"]


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


def by_region_and_official(activities, leads, period: Period) -> tuple[dict, dict]:
    """``by_region`` and ``by_official`` of the same activities and leads, each table read
    once for both."""
    regions: dict = defaultdict(Stats)
    officials: dict = defaultdict(Stats)
    count_activities(activities, period, regions=regions, officials=officials)
    count_leads(leads, period, regions=regions, officials=officials)
    officials.pop(None, None)
    return regions, officials


def by_region(activities, leads, period: Period) -> dict[int, Stats]:
    """Each region's own figures (region id → ``Stats``)."""
    regions: dict = defaultdict(Stats)
    count_activities(activities, period, regions=regions)
    count_leads(leads, period, regions=regions)
    return regions


def by_official(activities, leads, period: Period) -> dict[int, Stats]:
    """Each official's figures: the activities they led or joined, the leads they own."""
    officials: dict = defaultdict(Stats)
    count_activities(activities, period, officials=officials)
    count_leads(leads, period, officials=officials)
    officials.pop(None, None)
    return officials


def officials_named(ids) -> dict[int, Official]:
    return {o.pk: o for o in Official.objects.filter(pk__in=list(ids)).select_related("region")}
