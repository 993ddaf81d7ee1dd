"""The monthly tally (``MonthlyTally``): kept by the verbs, read by the period statistics.

A verb that changes an activity, a lead or whether an official is principal recounts the
months it touched — before and after the change — of the regions concerned, from the rows, in
its own transaction (``recount``); ``rebuild`` (``mujun attraction_tally``) recounts
everything. A period of whole months is then summed from the tally whatever the number of
activities, with the make-up of the projects signed in it read from their leads
(``by_region_and_official``); tally_rules.py says what each figure counts.
"""

from collections import defaultdict
from datetime import date

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, Q, Sum

from . import tally_rules
from .rules import ActivityFact, LeadFact, Period, Stats
from .stats import count_talks

# the figures summed over the period's months as they are
ADDED = (
    "trip_days",
    "principal_trip_days",
    "investors_visited",
    "reception_batches",
    "promotion_events",
    "new_leads",
    "signed",
    "signed_investment_wan",
    "signed_over_100m",
    "signed_listed",
)


def _models(apps=None):
    apps = apps or installed_apps
    return (
        apps.get_model("attraction", "Activity"),
        apps.get_model("attraction", "Lead"),
        apps.get_model("officials", "Official"),
        apps.get_model("attraction", "MonthlyTally"),
    )


def whole_months(period: Period) -> bool:
    """Whether ``period`` runs from a month's first day to a month's last, as the tally
    counts."""
    after = date.fromordinal(period.end.toordinal() + 1)
    return period.start.day == 1 and after.day == 1


def activity_keys(activity) -> set[tuple[int, date]]:
    """The (region id, month) tallies ``activity`` (as stored) counts in."""
    months = tally_rules.activity_months(activity.kind, activity.start_date, activity.end_date)
    return {(activity.region_id, month) for month in months}


def lead_keys(lead) -> set[tuple[int, date]]:
    """The (region id, month) tallies ``lead`` (as stored) counts in."""
    return {(lead.region_id, month) for month in tally_rules.lead_months(_lead_fact(lead))}


def stored_keys(obj) -> set[tuple[int, date]]:
    """The tallies an ``Activity`` or a ``Lead`` counted in as stored, read before a change (a
    form has already laid the new values over its instance); none for a new one."""
    from .models import Activity

    if obj.pk is None:
        return set()
    stored = type(obj)._base_manager.get(pk=obj.pk)
    return activity_keys(stored) if isinstance(stored, Activity) else lead_keys(stored)


def _lead_fact(lead) -> LeadFact:
    return LeadFact(
        region_id=lead.region_id,
        owner_id=lead.owner_id,
        category=lead.category,
        home_province=lead.home_province,
        listed=bool(lead.listing),
        intended_investment=lead.intended_investment,
        recorded_on=lead.recorded_on,
        signed_on=lead.signed_on,
    )


def _activity_facts(activities, Activity, Official) -> list[ActivityFact]:
    """``activities`` (a queryset) as the rules read them, in three queries: the rows, their
    participants and the principal officials (as the register says now)."""
    rows = list(
        activities.order_by().values_list(
            "pk",
            "kind",
            "start_date",
            "end_date",
            "region_id",
            "leader_id",
            "investor_count",
            "batches",
        )
    )
    people = defaultdict(set)
    through = Activity.officials.through.objects.filter(activity__in=activities.values("pk"))
    for activity_id, official_id in through.values_list("activity_id", "official_id"):
        people[activity_id].add(official_id)
    principals = set(
        Official.objects.filter(is_principal=True).order_by().values_list("pk", flat=True)
    )
    facts = []
    for pk, kind, start, end, region_id, leader_id, investors, batches in rows:
        went = frozenset({leader_id, *people[pk]})
        facts.append(
            ActivityFact(
                kind=kind,
                start=start,
                end=end,
                region_id=region_id,
                official_ids=went,
                principal_joined=bool(went & principals),
                investors=investors,
                batches=batches,
            )
        )
    return facts


def _rows(figures: dict, MonthlyTally) -> list:
    return [
        MonthlyTally(region_id=region_id, official_id=official_id, month=month, **vars(t))
        for (region_id, official_id, month), t in figures.items()
    ]


def _in_months(field: str, months) -> Q:
    """Rows whose ``field`` lies in one of ``months``."""
    condition = Q(pk__in=[])
    for month in months:
        last = tally_rules.month_period(month).end
        condition |= Q(**{f"{field}__gte": month, f"{field}__lte": last})
    return condition


@transaction.atomic
def recount(keys, *, apps=None) -> None:
    """Recount the tallies of ``keys`` ((region id, month) pairs) from the rows. The regions
    are locked first, in one order, so that two changes of one region's months are counted
    one after the other."""
    Activity, Lead, Official, MonthlyTally = _models(apps)
    Region = (apps or installed_apps).get_model("regions", "Region")
    months = defaultdict(set)
    for region_id, month in keys:
        months[region_id].add(month)
    if not months:
        return
    list(Region.objects.select_for_update().filter(pk__in=list(months)).order_by("pk"))
    for region_id, wanted in months.items():
        ends = [tally_rules.month_period(m).end for m in wanted]
        overlapping = Q(pk__in=[])
        for month, end in zip(wanted, ends, strict=True):
            overlapping |= Q(start_date__lte=end, end_date__gte=month)
        activities = Activity.objects.filter(overlapping, region_id=region_id, is_archived=False)
        leads = Lead.objects.filter(region_id=region_id, is_archived=False).filter(
            _in_months("recorded_on", wanted) | _in_months("signed_on", wanted)
        )
        figures = tally_rules.tally(
            _activity_facts(activities, Activity, Official),
            [_lead_fact(lead) for lead in leads],
            wanted,
        )
        MonthlyTally.objects.filter(region_id=region_id, month__in=wanted).delete()
        MonthlyTally.objects.bulk_create(_rows(figures, MonthlyTally), batch_size=2000)


def recount_official(official) -> None:
    """Recount the months of every activity ``official`` led or joined: whether they are a
    principal changed the principals' days of those trips."""
    from .models import Activity

    went = Activity.objects.filter(Q(leader=official) | Q(officials=official)).distinct()
    keys = set()
    for activity in went.only("region_id", "kind", "start_date", "end_date"):
        keys |= activity_keys(activity)
    recount(keys)


@transaction.atomic
def rebuild(*, apps=None) -> int:
    """Count the whole table again from the rows; returns the number of tally rows."""
    Activity, Lead, Official, MonthlyTally = _models(apps)
    facts = _activity_facts(Activity.objects.filter(is_archived=False), Activity, Official)
    leads = [_lead_fact(lead) for lead in Lead.objects.filter(is_archived=False)]
    rows = _rows(tally_rules.tally(facts, leads), MonthlyTally)
    MonthlyTally.objects.all().delete()
    MonthlyTally.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _sums(tallies, period: Period):
    """The figures of ``tallies`` for ``period`` summed per region and official, one row
    each."""
    first, last = tally_rules.month_of(period.start), tally_rules.month_of(period.end)
    return (
        tallies.filter(month__gte=first, month__lte=last)
        .order_by()
        .values("region_id", "official_id")
        .annotate(**{name: Sum(name) for name in ADDED})
    )


def _add(s: Stats, row: dict) -> None:
    figures = vars(s)
    for name in ADDED:
        figures[name] += row[name] or 0


def by_region(tallies, period: Period) -> dict:
    """Each region's own figures for ``period`` (whole months) from ``tallies``, without the
    negotiations and the signed projects' make-up: what ranking regions reads, in one
    query."""
    regions: dict = defaultdict(Stats)
    for row in _sums(tallies.filter(official__isnull=True), period):
        _add(regions[row["region_id"]], row)
    return regions


def by_region_and_official(tallies, leads, period: Period) -> tuple[dict, dict]:
    """Each region's and each official's ``Stats`` for ``period`` (whole months) from
    ``tallies`` (a ``MonthlyTally`` queryset: the regions in scope), as
    ``stats.by_region_and_official`` counts them from the rows; the negotiations and the
    signed projects' make-up from ``leads`` (the same regions' leads). Three queries: the
    figures summed per region and official (``_sums``), the negotiations
    (``stats.count_talks``), and the period's signed leads counted by region, owner,
    category and province."""
    regions: dict = defaultdict(Stats)
    officials: dict = defaultdict(Stats)
    for row in _sums(tallies, period):
        official_id = row["official_id"]
        _add(regions[row["region_id"]] if official_id is None else officials[official_id], row)
    count_talks(leads, period, regions=regions, officials=officials)
    officials.pop(None, None)
    signed = leads.filter(is_archived=False, signed_on__gte=period.start, signed_on__lte=period.end)
    made_up = (
        signed.order_by()
        .values("region_id", "owner_id", "category", "home_province")
        .annotate(n=Count("pk"))
        .values_list("region_id", "owner_id", "category", "home_province", "n")
    )
    for region_id, owner_id, category, province, n in made_up:
        province = province or "未填"
        for s in (regions[region_id], officials[owner_id]) if owner_id else (regions[region_id],):
            by_category, by_province = s.signed_by_category, s.signed_by_province
            by_category[category] = by_category.get(category, 0) + n
            by_province[province] = by_province.get(province, 0) + n
    return regions, officials
