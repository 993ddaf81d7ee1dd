"""Keeping ``ProblemTally``: each verb that changes a counted fact of a problem recounts the
problem's town and month (a handful of rows, from the index of that month's problems);
``rebuild`` recounts everything in two grouped queries (the demo, the benchmark, the daily
command). The counting is ``rules.Stats`` written as SQL; a test holds them equal."""

from datetime import date

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from .choices import OPEN, Outcome, Status
from .models import Problem, ProblemTally
from .rules import SATISFIED

FIGURES = (
    "raised",
    "closed",
    "resolved",
    "withdrawn",
    "closed_on_time",
    "answered",
    "satisfied",
    "days_to_close",
    "overdue",
)


def _aggregates(today: date, prefix: str = "") -> dict:
    def f(name):
        return prefix + name

    closed = Q(**{f("status"): Status.CLOSED})
    overdue = Q(**{f("status__in"): OPEN, f("due_on__lt"): today})
    if prefix:
        # under a department, an overdue problem counts against the one that has it now
        overdue &= Q(**{f("department_id"): F("department_id")})
    return {
        "overdue": Count(f("pk"), filter=overdue),
        "raised": Count(f("pk")),
        "closed": Count(f("pk"), filter=closed),
        "resolved": Count(f("pk"), filter=closed & Q(**{f("outcome"): Outcome.RESOLVED})),
        "withdrawn": Count(f("pk"), filter=closed & Q(**{f("outcome"): Outcome.WITHDRAWN})),
        "closed_on_time": Count(
            f("pk"),
            filter=closed
            & (Q(**{f("due_on__isnull"): True}) | Q(**{f("closed_on__lte"): F(f("due_on"))})),
        ),
        "answered": Count(f("pk"), filter=closed & ~Q(**{f("satisfaction"): ""})),
        "satisfied": Count(f("pk"), filter=closed & Q(**{f("satisfaction__in"): SATISFIED})),
        "days_to_close": Sum(f("days_to_close"), filter=closed),
    }


def _rows(problems, today: date, month=None) -> list[ProblemTally]:
    """Tally rows of ``problems`` by town, category and — without a fixed ``month`` — month
    (its own, and once more through each department it was assigned to)."""
    rows = []
    keys = ("region_id", "category") if month else ("region_id", "month", "category")
    if not month:
        problems = problems.annotate(month=TruncMonth("raised_on"))
    for row in problems.values(*keys).annotate(**_aggregates(today)).order_by():
        rows.append(_tally(row, month, department=None, today=today))
    through = Problem.departments.through.objects.filter(problem__in=problems.values("pk"))
    linked_keys = ["department_id", "problem__region_id", "problem__category"]
    if not month:
        through = through.annotate(month=TruncMonth("problem__raised_on"))
        linked_keys.append("month")
    aggregates = _aggregates(today, "problem__")
    for row in through.values(*linked_keys).annotate(**aggregates).order_by():
        row = {k.removeprefix("problem__"): v for k, v in row.items()}
        rows.append(_tally(row, month, department=row["department_id"], today=today))
    return rows


def _tally(row: dict, month, department, today) -> ProblemTally:
    value = row.get("month") or month
    if hasattr(value, "date"):
        value = value.date()
    return ProblemTally(
        region_id=row["region_id"],
        month=value.replace(day=1),
        category=row["category"],
        department_id=department,
        counted_on=today,
        **{name: row[name] or 0 for name in FIGURES},
    )


def _month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following


def _today() -> date:
    from .actions import today

    return today()


@transaction.atomic
def refresh(*keys) -> None:
    """Recount the (town id, day in the month) buckets ``keys`` as of today: every bucket of
    their towns from their first month to their last, in four queries however many there are
    (a verb's one or two buckets, or all an import touched)."""
    today = _today()
    buckets = {(r, d.replace(day=1)) for r, d in keys if r and d}
    if not buckets:
        return
    regions = {region_id for region_id, _month in buckets}
    first = min(month for _region, month in buckets)
    last = max(month for _region, month in buckets)
    problems = Problem._base_manager.filter(
        region_id__in=regions,
        raised_on__gte=first,
        raised_on__lt=_month_bounds(last)[1],
        is_archived=False,
    )
    # a verb's one bucket is counted without grouping by month
    rows = _rows(problems, today, month=first if len(buckets) == 1 else None)
    ProblemTally.objects.filter(region_id__in=regions, month__gte=first, month__lte=last).delete()
    ProblemTally.objects.bulk_create(rows, batch_size=5000)


def key(problem) -> tuple:
    return (problem.region_id, problem.raised_on)


def touch(*problems) -> None:
    """Recount the buckets of ``problems`` as they are now."""
    refresh(*(key(p) for p in problems))


@transaction.atomic
def rebuild(today: date | None = None) -> int:
    """Recount every bucket as of ``today``: two grouped queries over all problems. Returns
    the rows written."""
    ProblemTally.objects.all().delete()
    rows = _rows(Problem._base_manager.filter(is_archived=False), today or _today())
    ProblemTally.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
