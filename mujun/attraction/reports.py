"""A region's attraction report for a period: its figures, its sentence in house style, the
figures of the regions under it and of its officials, and the ranks among siblings — all in
the user's scope (the regions and officials a user may see, nothing else)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from mujun.core.querysets import in_region
from mujun.indicators.rules import Rank, ranks
from mujun.officials.models import Official
from mujun.regions.models import Region

from . import actions, rules, tally
from .models import Activity, Lead, MonthlyTally
from .stats import by_region, by_region_and_official, merge

# the figures regions are ranked by, with the words a page says them in
RANKED = {"trip_days": "外出招商天数", "signed": "签约项目数"}


@dataclass
class Row:
    subject: object  # a Region or an Official
    stats: rules.Stats
    ranks: dict = field(default_factory=dict)
    # the figures recorded at the region's own level (a county's own trips), beside its
    # children's: not the region's total, which the report's ``stats`` are
    own_level: bool = False

    @property
    def name(self) -> str:
        if self.own_level:
            return gettext("%(name)s（本级）") % {"name": self.subject.name}
        return self.subject.name


@dataclass
class Report:
    region: Region
    period: rules.Period
    stats: rules.Stats
    sentence: str
    regions: list[Row]
    officials: list[Row]
    # the region's rank among the siblings the user may see, per figure of RANKED
    ranks: dict[str, Rank | None]


def _child_of(region: Region, children: list[Region], region_path: str) -> Region:
    """The child of ``region`` that ``region_path`` lies under, or ``region`` itself."""
    for child in children:
        if region_path.startswith(child.path):
            return child
    return region


def _counted(user, region: Region, period) -> tuple[dict, dict]:
    """The figures of each region of ``region``'s subtree in the user's scope and of each
    official there: summed from the monthly tally for a period of whole months (every period
    the pages and the API ask for), else counted from the activities and the leads."""
    leads = Lead.objects.for_user(user).filter(in_region(Lead, region))
    if tally.whole_months(period):
        tallies = MonthlyTally.objects.for_user(user).filter(in_region(MonthlyTally, region))
        return tally.by_region_and_official(tallies, leads, period)
    activities = Activity.objects.for_user(user).filter(in_region(Activity, region))
    return by_region_and_official(activities, leads, period)


def _counted_regions(user, region: Region, period) -> dict:
    """The figures of each region of ``region``'s subtree in the user's scope, as ``_counted``
    counts them, without the officials' and — from the tally — the signed projects' make-up:
    what ranking siblings reads."""
    if tally.whole_months(period):
        tallies = MonthlyTally.objects.for_user(user).filter(in_region(MonthlyTally, region))
        return tally.by_region(tallies, period)
    leads = Lead.objects.for_user(user).filter(in_region(Lead, region))
    activities = Activity.objects.for_user(user).filter(in_region(Activity, region))
    return by_region(activities, leads, period)


def _subtree(user, region: Region) -> dict[int, Region]:
    """The regions of ``region``'s subtree in the user's scope, by id: its children, where
    each counted region lies, and the officials' regions, in one query."""
    return {r.pk: r for r in Region.objects.for_user(user).subtree(region)}


def _regions_rows(user, region: Region, own: dict, subtree=None) -> tuple[rules.Stats, list[Row]]:
    """The rows of ``region``'s children (and of its own level) from ``own``, the figures of
    each region of its subtree (``_counted``), ranked; ``subtree`` (``_subtree``) when the
    caller has it already."""
    subtree = _subtree(user, region) if subtree is None else subtree
    children = [r for r in subtree.values() if r.parent_id == region.pk and not r.is_peer]
    rows = {r.pk: Row(r, rules.Stats()) for r in [*children, region]}
    total = rules.Stats()
    for region_id, stats in own.items():
        merge(rows[_child_of(region, children, subtree[region_id].path).pk].stats, stats)
        merge(total, stats)
    listed = [rows[c.pk] for c in children] or [rows[region.pk]]
    # ranked among the siblings only: the region's own level is not one of its children, and
    # a region without children in scope (a town's own row) has no siblings here to rank among
    for name in RANKED:
        positions = (
            ranks({row.subject.pk: getattr(row.stats, name) for row in listed}) if children else {}
        )
        for row in listed:
            row.ranks[name] = positions.get(row.subject.pk)
    if children and rows[region.pk].stats != rules.Stats():
        # the figures recorded at the region's own level (a county's own trips)
        rows[region.pk].own_level = True
        listed.append(rows[region.pk])
    return total, listed


@dataclass(frozen=True)
class OfficialSubject:
    """What a report shows of an official (the subject of its row): read as values with the
    region from the report's own, since 300 officials read as model instances, each with its
    region, cost as much as all the figures together."""

    pk: int
    name: str
    title: str
    is_principal: bool
    region: Region


def _officials(user, region: Region, subtree: dict[int, Region]) -> list[OfficialSubject]:
    officials = Official.objects.for_user(user).filter(
        in_region(Official, region), is_archived=False
    )
    rows = list(officials.values_list("pk", "name", "title", "is_principal", "region_id"))
    regions = {**subtree}
    # an official the user may see in a region the user's own regions leave out
    regions.update(Region.objects.in_bulk({row[-1] for row in rows} - regions.keys()))
    return [
        OfficialSubject(pk, name, title, is_principal, regions[region_id])
        for pk, name, title, is_principal, region_id in rows
    ]


def attraction_report(user, region: Region, period: rules.Period) -> Report:
    """The report of ``region`` (in the user's scope) for ``period``."""
    # the regions' and the officials' figures in one reading of the activities and the leads
    own, per_official = _counted(user, region, period)
    subtree = _subtree(user, region)
    total, regions = _regions_rows(user, region, own, subtree)
    official_rows = [
        Row(o, per_official.get(o.pk) or rules.Stats()) for o in _officials(user, region, subtree)
    ]
    sibling_ranks = dict.fromkeys(RANKED)
    parent = None
    if region.parent_id is not None:
        parent = Region.objects.for_user(user).filter(pk=region.parent_id).first()
    if parent is not None:
        own_of_parent = _counted_regions(user, parent, period)
        _parent_total, siblings = _regions_rows(user, parent, own_of_parent)
        for row in siblings:
            if row.subject.pk == region.pk:
                sibling_ranks = row.ranks
    return Report(
        region=region,
        period=period,
        stats=total,
        sentence=rules.sentence(region.name, period, total),
        regions=regions,
        officials=official_rows,
        ranks=sibling_ranks,
    )


def monthly_misses(user, region: Region, year: int) -> list[tuple[Official, list[bool]]]:
    """一月一招商 for ``year``: each principal official of ``region``'s subtree with, per month,
    whether they led or joined no activity (True: a miss). Two queries."""
    principals = list(
        Official.objects.for_user(user)
        .filter(in_region(Official, region), is_principal=True, is_archived=False)
        .select_related("region")
    )
    months = rules.months_of(year)
    year_period = rules.Period(months[0].start, months[-1].end)
    ids = {o.pk for o in principals}
    activities = Activity.objects.filter(
        is_archived=False, start_date__lte=year_period.end, end_date__gte=year_period.start
    )
    spans: dict[int, list] = {pk: [] for pk in ids}
    for leader, start, end in activities.filter(leader__in=ids).values_list(
        "leader_id", "start_date", "end_date"
    ):
        spans[leader].append((start, end))
    through = Activity.officials.through.objects.filter(
        official__in=ids, activity__in=activities.values("pk")
    ).values_list("official_id", "activity__start_date", "activity__end_date")
    for official, start, end in through:
        spans[official].append((start, end))
    today = actions.today()
    grid = []
    for official in principals:
        joined = spans[official.pk]
        grid.append((official, [rules.missed(joined, month, today) for month in months]))
    return grid
