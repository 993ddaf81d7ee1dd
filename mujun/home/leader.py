"""A leader's home page (领导, issue 19 item 2; a viewer's without what waits for sign-off):
the region's key indicators, key projects, flags by town, the year's attraction funnel,
overdue problems by department, the latest evaluation's class mix and what waits for
sign-off. Each figure is the area's own function or one grouped query through the user's
scope; the Python loops run over towns, tiers and departments, never over rows."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count

from mujun.core.querysets import in_region
from mujun.projects.models import Project, ProjectTag
from mujun.regions.models import Region

# the indicators a leader reads first, in the catalogue's order, unless the installation names
# its own (MUJUN_HOME_INDICATORS): the headline clauses of the county's monthly 通报 (seed 002)
KEY_INDICATORS = (
    "fiscal_revenue",
    "industrial_output_above_size",
    "industrial_value_added_above_size",
    "fixed_asset_investment",
    "industrial_investment",
    "exports",
)


@dataclass
class KeyIndicators:
    region: Region
    year: int
    month: int
    # indicators.reports.BriefingRow: the indicator, its stored value and derived figures
    rows: list


def key_indicators(user, region) -> KeyIndicators | None:
    """The key indicators of ``region`` for the latest month it has figures for, as the
    briefing derives them (YoY, target completion, rank among siblings): five queries. None
    without any figure."""
    from mujun.indicators.models import Indicator, IndicatorValue
    from mujun.indicators.reports import make_briefing

    keys = getattr(settings, "MUJUN_HOME_INDICATORS", KEY_INDICATORS)
    indicators = list(Indicator.objects.filter(key__in=keys).select_related("part_of"))
    latest = (
        IndicatorValue.objects.for_user(user)
        .filter(region=region, is_archived=False, indicator__in=indicators)
        .order_by("-year", "-month")
        .values_list("year", "month")
        .first()
    )
    if latest is None or not indicators:
        return None
    year, month = latest
    briefing = make_briefing(
        user=user, region=region, year=year, month=month, indicators=indicators
    )
    return KeyIndicators(region, year, month, [r for r in briefing.rows if r.value is not None])


def last_month(day: date) -> date:
    """The last day of the month before ``day``'s: the period the reports are complete to."""
    return day.replace(day=1) - timedelta(days=1)


@dataclass
class TierPlan:
    tier: ProjectTag
    # projects.figures.Summary: count, investment, plan and completed, completion rate
    summary: object


def key_projects(user, region, day: date) -> tuple[date, list[TierPlan]]:
    """Plan completion of each tier's projects (省重点, 市重大 …) with a plan for the year, to
    the last complete month: ``projects.tally.summary`` per tier, one query each."""
    from mujun.projects.choices import Basis
    from mujun.projects.tally import summary

    upto = last_month(day)
    scoped = Project.objects.for_user(user)
    rows = []
    for tier in ProjectTag.objects.all():
        figures = summary(
            scoped,
            user=user,
            region=region,
            tier=tier,
            basis=Basis.PLANNED,
            year=upto.year,
            month=upto.month,
        )
        rows.append(TierPlan(tier, figures))
    return upto, rows


@dataclass
class TownFlags:
    region: Region
    red: int = 0
    yellow: int = 0


def flags_by_town(user, region) -> list[TownFlags]:
    """Red and yellow projects under each region below ``region`` (or ``region`` itself
    without any): the kept count of each region (``projects.tally.flags_by_region``), summed
    into the child each lies under. Counted from the projects, the county's 80,000 lagging
    ones in the benchmark, it was the one figure of the page that grew with the county."""
    from mujun.projects.tally import flags_by_region

    children = list(
        Region.objects.for_user(user)
        .filter(parent=region, is_peer=False)
        .order_by("sort_order", "code")
    )
    units = children or [region]
    rows = {r.pk: TownFlags(r) for r in units}
    owner = Region.objects.unit_of(region, units)
    counted = flags_by_region(Project.objects.for_user(user), user=user, region=region)
    for region_id, (red, yellow) in counted.items():
        unit = owner(region_id)
        if unit is None:
            continue  # a project at the region's own level belongs to no town
        rows[unit].red += red
        rows[unit].yellow += yellow
    return list(rows.values())


def attraction_funnel(user, region, day: date):
    """The year's attraction funnel of ``region`` (``attraction.funnel.funnel_report``)."""
    from mujun.attraction.funnel import funnel_report
    from mujun.attraction.rules import Period

    return funnel_report(user, region, Period.months((day.year, 1), (day.year, 12)))


@dataclass
class DepartmentOverdue:
    department_id: int
    name: str
    overdue: int


@dataclass
class Overdue:
    total: int
    by_department: list[DepartmentOverdue] = field(default_factory=list)


def overdue_by_department(user, region, day: date) -> Overdue:
    """Open problems of ``region`` past their deadline, and how many of them each department
    has handled (the problem list's department filter: every department it went to). Two
    queries."""
    from mujun.service.models import Problem

    overdue = (
        Problem.objects.for_user(user)
        .filter(in_region(Problem, region), is_archived=False)
        .overdue(day)
    )
    through = Problem.departments.through
    rows = (
        through.objects.filter(problem__in=overdue.values("pk"))
        .values("department_id", "department__name")
        .annotate(n=Count("problem_id"))
        .order_by("-n", "department__name")
    )
    return Overdue(
        overdue.count(),
        [DepartmentOverdue(r["department_id"], r["department__name"], r["n"]) for r in rows],
    )


CLASSES = ("A", "B", "C", "D")


@dataclass
class ClassMix:
    run: object
    counts: dict  # class letter → enterprises in the user's scope
    total: int


def class_mix(user) -> ClassMix | None:
    """The latest published evaluation the user may read and how many of the enterprises in
    the user's scope it placed in each class: two queries."""
    from mujun.evaluation.choices import RunStatus
    from mujun.evaluation.models import EvaluationResult, EvaluationRun

    run = (
        EvaluationRun.objects.for_user(user)
        .filter(status=RunStatus.PUBLISHED, is_archived=False)
        .select_related("region")
        .order_by("-year", "-number")
        .first()
    )
    if run is None:
        return None
    counts = dict.fromkeys(CLASSES, 0)
    rows = (
        EvaluationResult.objects.for_user(user)
        .filter(run=run, klass__in=CLASSES)
        .values("klass")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["klass"]] = row["n"]
    return ClassMix(run, counts, sum(counts.values()))


@dataclass
class SignOff:
    runs: list  # EvaluationRun in publicity, oldest publicity first
    objections: int  # open objections


def sign_off(user) -> SignOff:
    """What waits for a leader's sign-off: evaluation runs in publicity (published by a
    leader once it ends) and objections not yet answered. Two queries."""
    from mujun.evaluation.choices import ObjectionStatus, RunStatus
    from mujun.evaluation.models import EvaluationRun, Objection

    runs = list(
        EvaluationRun.objects.for_user(user)
        .filter(status=RunStatus.PUBLICITY, is_archived=False)
        .select_related("region")
        .order_by("year", "number")[:10]
    )
    objections = (
        Objection.objects.for_user(user)
        .filter(status=ObjectionStatus.OPEN, is_archived=False)
        .count()
    )
    return SignOff(runs, objections)


def region_of(user) -> Region | None:
    """The region a leader's page is about: theirs, or the installation's top for a
    superuser."""
    return getattr(user, "region", None) or (
        Region.objects.filter(parent__isnull=True, is_peer=False).order_by("code").first()
    )
