"""The summary's tally (``ProjectTally``): kept by the verbs, read by the summary.

A summary — count, total investment, the year's plan and the investment completed from
January to a month, of the active projects of a region's subtree, of one tier or all, started
in a year or with a plan for it (``figures.summary_projects``, ``summary_set``,
``summarise``) — added up every project it covered, so its cost grew with the county. The
tally keeps those figures per region (the projects' own), year, basis and tier (or all), the
completed investment month by month, and a summary adds up one row per region in the user's
scope whatever the number of projects (``summary``).

A project counts in its region in the year it started and in each year it has a plan for
(``keys_of``). Each verb that changes what is counted — saving a project (its region, tiers,
total investment), a stage move (its actual start), archiving or restoring, a plan, a monthly
report, the report import — recounts those (region, year) pairs, as stored before and after
the change, from the rows, in its own transaction (``recount``); ``rebuild`` (``mujun
project_tally``, the daily ``mujun project_alerts``) recounts everything. Both count with the
same grouped queries (``_counted``), which select and add up what ``summary_set`` and
``summarise`` do; tests/test_tally.py holds the tally equal to ``summarise`` after every verb.

The leader's flags by town are kept the same way (``FlagTally``: the red and yellow projects
of each region, ``flags_by_region``): ``recount`` counts again the flags of the regions of its
pairs and of the regions it is given — those of a project whose alert, region or archiving
changed, which may count in no year — and ``rebuild`` every region's.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear

from mujun.core.querysets import in_region
from mujun.core.roles import VIEW

from .choices import AlertLevel, Basis
from .figures import Summary, summarise, summary_projects, summary_set
from .models import LAGGING_LEVELS

ZERO = Decimal(0)
# the tally's columns of each month's completed investment, January first
COMPLETED = tuple(f"completed_{m}" for m in range(1, 13))


@dataclass
class Counted:
    """One tally row's figures as they are counted."""

    count: int = 0
    total: Decimal = ZERO
    planned: Decimal = ZERO
    completed: list = field(default_factory=lambda: [ZERO] * 12)


def added_up(rows, month: int) -> Summary:
    """The summary of tally ``rows`` — (count, total investment, planned investment, then the
    completed investment of each month from January) — to ``month``: Decimal sums."""
    count, total, planned, completed = 0, ZERO, ZERO, ZERO
    for n, own, plan, *done in rows:
        count += n
        total += own
        planned += plan
        completed += sum(done[:month], ZERO)
    return Summary(count, total, planned, completed)


def summary(projects, *, user, region, tier, basis: str, year: int, month: int, action=VIEW):
    """The summary of ``projects`` (``Project.objects.for_user(user, action)``): the active
    ones in ``region``'s subtree (``None``: all), of ``tier`` (``None``: all), of ``basis`` in
    ``year``, completed from January to ``month``. Summed from the tally rows of the regions
    the user's scope reaches, one query; counted from the projects (``summarise``) when the
    scope lets some rows through by another rule than their region, which a tally per region
    cannot answer."""
    from .models import ProjectTally

    if not projects.scoped_by_region(user, action):
        chosen = summary_set(
            summary_projects(projects, region=region, tier=tier), basis=basis, year=year
        )
        return summarise(chosen, year=year, month=month)
    rows = ProjectTally.objects.for_user(user, action).filter(year=year, basis=basis, tier=tier)
    if region is not None:
        rows = rows.filter(in_region(ProjectTally, region))
    columns = ("count", "total_investment", "planned_investment", *COMPLETED[:month])
    return added_up(rows.order_by().values_list(*columns), month)


def _models(apps=None):
    apps = apps or installed_apps
    return (
        apps.get_model("projects", "Project"),
        apps.get_model("projects", "AnnualPlan"),
        apps.get_model("projects", "MonthlyReport"),
        apps.get_model("projects", "ProjectTally"),
        apps.get_model("regions", "Region"),
    )


def flags_counted(projects) -> dict[int, list[int]]:
    """The red and yellow projects among the active ones of ``projects``, ``[red, yellow]``
    by their own region: one grouped count, which reads the alert index alone."""
    out: dict[int, list[int]] = {}
    rows = (
        projects.filter(is_archived=False, alert_level__in=LAGGING_LEVELS)
        .order_by()
        .values_list("region_id", "alert_level")
        .annotate(n=Count("pk"))
    )
    for region_id, level, n in rows:
        out.setdefault(region_id, [0, 0])[0 if level == AlertLevel.RED else 1] += n
    return out


def flags_by_region(projects, *, user, region, action=VIEW) -> dict[int, list[int]]:
    """``flags_counted`` of ``projects`` (``Project.objects.for_user(user, action)``) in
    ``region``'s subtree, read from the kept rows (``FlagTally``) of the regions the user's
    scope reaches; counted from the projects when the scope lets some through by another rule
    than their region."""
    from .models import FlagTally

    if not projects.scoped_by_region(user, action):
        return flags_counted(projects.filter(in_region(projects.model, region)))
    rows = FlagTally.objects.for_user(user, action).filter(in_region(FlagTally, region))
    return {r: [red, yellow] for r, red, yellow in rows.values_list("region_id", "red", "yellow")}


def _recount_flags(regions, apps=None) -> None:
    """The kept flags of ``regions`` (ids; ``None``: all) counted again from the projects."""
    Project = _models(apps)[0]
    FlagTally = (apps or installed_apps).get_model("projects", "FlagTally")
    projects = Project._base_manager.all()
    kept = FlagTally.objects.all()
    if regions is not None:
        projects = projects.filter(region_id__in=sorted(regions))
        kept = kept.filter(region_id__in=sorted(regions))
    counted = flags_counted(projects)
    kept.delete()
    FlagTally.objects.bulk_create(
        [FlagTally(region_id=r, red=red, yellow=yellow) for r, (red, yellow) in counted.items()],
        batch_size=2000,
    )


def keys_of(project_ids, *, apps=None) -> set[tuple[int, int]]:
    """The (region id, year) pairs the projects, as stored, count in: the year each started
    and each year it has a plan for (archived, or of nothing, too: a pair recounted for
    nothing costs less than a rule to leave it out)."""
    Project, AnnualPlan, *_ = _models(apps)
    ids = list(project_ids)
    keys = {
        (region_id, started.year)
        for region_id, started in Project._base_manager.filter(pk__in=ids)
        .exclude(actual_started=None)
        .values_list("region_id", "actual_started")
    }
    plans = AnnualPlan._base_manager.filter(project_id__in=ids)
    keys |= set(plans.values_list("project__region_id", "year"))
    return keys


def _grouped(rows, keys: dict, sums: dict, tiers: str):
    """``rows`` summed by ``keys`` for all the tiers (tier ``None``), then by tier (``tiers``:
    the path to the project's tiers), as (tier id, row) pairs: a project of two tiers counts
    in each, and once in all."""
    for by_tier in (False, True):
        group = {**keys, "key_tier": F(tiers)} if by_tier else keys
        for row in rows.order_by().values(**group).annotate(**sums):
            if by_tier and row["key_tier"] is None:
                continue  # a project of no tier, in the all-tier rows already
            yield (row["key_tier"] if by_tier else None), row


def _counted(regions=None, years=None, *, apps=None) -> dict[tuple, Counted]:
    """The tally of ``regions`` and ``years`` (``None``: all) from the rows, keyed (region id,
    year, basis, tier id or ``None`` for all): ten grouped queries whatever their number."""
    Project, AnnualPlan, MonthlyReport, *_ = _models(apps)
    out: dict[tuple, Counted] = defaultdict(Counted)

    def active(prefix: str) -> Q:
        """Active projects (their fields under ``prefix``) of ``regions``."""
        q = Q(**{f"{prefix}is_archived": False})
        if regions is not None:
            q &= Q(**{f"{prefix}region_id__in": sorted(regions)})
        return q

    in_years = Q() if years is None else Q(year__in=sorted(years))
    started_in = Q(actual_started__isnull=False)
    if years is not None:
        # a range of dates for each year, which the index of actual_started seeks
        started_in = Q(pk__in=[])
        for year in years:
            started_in |= Q(actual_started__year=year)
    by_year = {"key_region": F("project__region_id"), "key_year": F("year")}
    by_month = {**by_year, "key_month": F("month")}

    def counts(basis, rows, keys, tiers, **sums):
        for tier, row in _grouped(rows, keys, {"n": Count("pk"), **sums}, tiers):
            figures = out[(row["key_region"], row["key_year"], basis, tier)]
            figures.count = row["n"]
            figures.total = row["total"] or ZERO
            if "planned" in row:
                figures.planned = row["planned"] or ZERO

    def plans(basis, rows):
        for tier, row in _grouped(rows, by_year, {"s": Sum("planned_investment")}, "project__tags"):
            out[(row["key_region"], row["key_year"], basis, tier)].planned = row["s"] or ZERO

    def reports(basis, rows):
        done = {"s": Sum("completed_investment")}
        for tier, row in _grouped(rows, by_month, done, "project__tags"):
            figures = out[(row["key_region"], row["key_year"], basis, tier)]
            figures.completed[row["key_month"] - 1] = row["s"] or ZERO

    # 今年开工: the projects started in the year, with their plan of that year if any
    started = Project._base_manager.filter(active(""), started_in)
    keys = {"key_region": F("region_id"), "key_year": ExtractYear("actual_started")}
    counts(Basis.STARTED, started, keys, "tags", total=Sum("total_investment"))
    of_started = Q(project__actual_started__year=F("year"), is_archived=False)
    plans(Basis.STARTED, AnnualPlan._base_manager.filter(active("project__"), in_years, of_started))
    reports(
        Basis.STARTED, MonthlyReport._base_manager.filter(active("project__"), in_years, of_started)
    )

    # 列入计划: the projects with a positive plan for the year (one plan a project and year)
    planned = AnnualPlan._base_manager.filter(
        active("project__"), in_years, is_archived=False, planned_investment__gt=0
    )
    counts(
        Basis.PLANNED,
        planned,
        by_year,
        "project__tags",
        total=Sum("project__total_investment"),
        planned=Sum("planned_investment"),
    )
    # the plan of the report's year, in one filter: a single join, one plan at most
    of_planned = Q(
        project__plans__year=F("year"),
        project__plans__is_archived=False,
        project__plans__planned_investment__gt=0,
        is_archived=False,
    )
    reports(
        Basis.PLANNED, MonthlyReport._base_manager.filter(active("project__"), in_years, of_planned)
    )
    return out


def _rows(counted: dict, ProjectTally) -> list:
    return [
        ProjectTally(
            region_id=region_id,
            year=year,
            basis=basis,
            tier_id=tier_id,
            count=c.count,
            total_investment=c.total,
            planned_investment=c.planned,
            **dict(zip(COMPLETED, c.completed, strict=True)),
        )
        for (region_id, year, basis, tier_id), c in counted.items()
        if c.count
    ]


@transaction.atomic
def recount(keys, *, regions=(), apps=None) -> None:
    """Recount the tally of ``keys`` ((region id, year) pairs) from the rows, and the flags
    (``FlagTally``) of their regions and of ``regions`` (ids: the regions of the projects whose
    alert, region or archiving changed, which may count in no year). The regions are locked
    first, in one order, so that two changes of one region are counted one after the other,
    each from what the other committed."""
    *_, ProjectTally, Region = _models(apps)
    keys = set(keys)
    flagged = {region_id for region_id, _ in keys} | set(regions)
    if not flagged:
        return
    list(Region.objects.select_for_update().filter(pk__in=sorted(flagged)).order_by("pk"))
    _recount_flags(flagged, apps=apps)
    if not keys:
        return
    counted_regions = sorted({region_id for region_id, _ in keys})
    years = sorted({year for _, year in keys})
    # every year of every region named: a pair counted too many is counted right
    counted = _counted(counted_regions, years, apps=apps)
    ProjectTally.objects.filter(region_id__in=counted_regions, year__in=years).delete()
    ProjectTally.objects.bulk_create(_rows(counted, ProjectTally), batch_size=2000)


@transaction.atomic
def rebuild(*, apps=None) -> int:
    """Count the whole table and the kept flags again from the rows; returns the number of
    tally rows. Every region is locked first: a verb's recount waits, then counts what this
    one did not see."""
    rows = rebuild_summary(apps=apps)
    rebuild_flags(apps=apps)
    return rows


@transaction.atomic
def rebuild_summary(*, apps=None) -> int:
    """``rebuild`` of the summary's table alone (its migration, before the flags were kept)."""
    *_, ProjectTally, Region = _models(apps)
    list(Region.objects.select_for_update().order_by("pk").values_list("pk"))
    rows = _rows(_counted(apps=apps), ProjectTally)
    ProjectTally.objects.all().delete()
    ProjectTally.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def rebuild_flags(*, apps=None) -> None:
    """Count the kept flags of every region again from the projects."""
    Region = _models(apps)[-1]
    list(Region.objects.select_for_update().order_by("pk").values_list("pk"))
    _recount_flags(None, apps=apps)
