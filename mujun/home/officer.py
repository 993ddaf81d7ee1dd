"""An officer's home page (经办人, issue 19 item 1): the region's flagged projects, the monthly
figures due and not yet filed, the problems waiting for the officer, and this month's
一月一招商. Each function reads through the user's scope and counts in the database; lists are
cut to a few rows, so a page costs the same at any number of projects or problems."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q

from mujun.indicators.models import IndicatorValue
from mujun.projects.listing import decorate
from mujun.projects.models import LAGGING_LEVELS, Project
from mujun.service.choices import DUE_SOON_DAYS
from mujun.service.models import Problem
from mujun.service.views.problems import decorate as with_overdue
from mujun.service.views.problems import listed

from .rules import DEFAULT_DUE_DAY, Due, monthly_due, previous_month

# rows a panel lists before its link to the whole list
LISTED = 10


@dataclass
class Flagged:
    red: int
    yellow: int
    # the first ``LISTED``, red first and larger first, with ``alert`` attached
    projects: list = field(default_factory=list)


def flagged_projects(user, day: date) -> Flagged:
    """The region's projects with a red or yellow flag and their reasons: one count and the
    first rows, decorated as the project list decorates them."""
    lagging = Project.objects.for_user(user).filter(is_archived=False).lagging()
    counts = lagging.aggregate(
        red=Count("pk", filter=Q(alert_level=LAGGING_LEVELS[1])),
        yellow=Count("pk", filter=Q(alert_level=LAGGING_LEVELS[0])),
    )
    # "red" sorts before "yellow"
    rows = list(lagging.listed().order_by("alert_level", "-total_investment", "code")[:LISTED])
    return Flagged(counts["red"], counts["yellow"], decorate(rows, day))


@dataclass
class Filing:
    due: Due
    # projects of the region with a plan for the due month's year and no report for it
    projects: int
    # the indicators the region reported the month before and not yet for the due month
    indicators: list[str]


def due_day() -> int:
    return getattr(settings, "MUJUN_MONTHLY_DUE_DAY", DEFAULT_DUE_DAY)


def filing(user, day: date) -> Filing:
    """The month's figures not yet filed: project reports (``Project.unreported``) and the
    region's own indicator values. Two queries."""
    due = monthly_due(day, due_day())
    projects = Project.objects.for_user(user).unreported(due.year, due.month).count()
    indicators = []
    region = getattr(user, "region", None)
    if region is not None:
        year, month = previous_month(due.year, due.month)
        values = IndicatorValue.objects.for_user(user).filter(region=region, is_archived=False)
        filed = values.filter(year=due.year, month=due.month).values("indicator_id")
        indicators = list(
            values.filter(year=year, month=month)
            .exclude(indicator_id__in=filed)
            .order_by("indicator__sort_order", "indicator__key")
            .values_list("indicator__name", flat=True)
        )
    return Filing(due, projects, indicators)


@dataclass
class Waiting:
    overdue: int
    due_soon: int
    # the overdue and due-soon ones, soonest deadline first, with ``overdue_days``
    problems: list = field(default_factory=list)


def waiting_problems(user, day: date) -> Waiting:
    """The problems waiting for the user (``waiting_for``, the list's 待我办理) that are past
    their deadline or due within ``DUE_SOON_DAYS`` days. Two queries."""
    soon = day + timedelta(days=DUE_SOON_DAYS)
    waiting = (
        Problem.objects.for_user(user)
        .filter(is_archived=False)
        .waiting_for(user)
        .filter(due_on__lte=soon)
    )
    counts = waiting.aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=day)),
        due_soon=Count("pk", filter=Q(due_on__gte=day)),
    )
    rows = list(listed(waiting).order_by("due_on", "pk")[:LISTED])
    return Waiting(counts["overdue"], counts["due_soon"], with_overdue(rows, day))


@dataclass
class MonthCheck:
    """一月一招商 of the region's principal officials: this month so far (who has led or
    joined no activity yet) and the last complete month (who missed it)."""

    region: object
    year: int
    month: int
    principals: int
    not_yet: list[str]
    last_year: int
    last_month: int
    missed: int


def attraction_check(user, day: date) -> MonthCheck | None:
    """None where the user's region has no principal officials (or the user no region).
    ``attraction.reports.monthly_misses`` of the year (and of last year in January)."""
    from mujun.attraction.reports import monthly_misses

    region = getattr(user, "region", None)
    if region is None:
        return None
    grid = monthly_misses(user, region, day.year)
    last = day.replace(day=1) - timedelta(days=1)
    last_grid = grid if last.year == day.year else monthly_misses(user, region, last.year)
    if not grid:
        return None
    return MonthCheck(
        region=region,
        year=day.year,
        month=day.month,
        principals=len(grid),
        not_yet=[official.name for official, misses in grid if misses[day.month - 1]],
        last_year=last.year,
        last_month=last.month,
        missed=sum(1 for _official, misses in last_grid if misses[last.month - 1]),
    )
