"""The enterprise service's reports read from the database: coverage of a key list by visits
and the problem statistics of a region's period. The counting rules are ``rules.coverage`` and
``rules.problem_stats``; the statistics are summed here in the database (a few grouped
queries, whatever the number of problems), and a test holds them equal to the rule."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, Sum
from django.http import QueryDict

from mujun.core.querysets import in_region
from mujun.enterprises.models import Enterprise
from mujun.regions.models import Region

from . import rules
from .choices import Outcome
from .models import Department, Problem, Visit

NAMED_LISTS = ("key", "above_size", "grade_ab", "labelled")


def _labelled():
    return (
        Q(is_high_tech=True) | Q(is_specialized=True) | Q(is_little_giant=True) | Q(is_listed=True)
    )


def _grade_ab(user):
    """Enterprises graded A or B in the newest evaluation year with results (superseded
    versions left out)."""
    from mujun.evaluation.choices import RunStatus
    from mujun.evaluation.models import EvaluationResult

    results = EvaluationResult.objects.for_user(user).exclude(run__status=RunStatus.SUPERSEDED)
    year = results.order_by("-run__year").values_list("run__year", flat=True).first()
    if year is None:
        return Q(pk__in=[])
    return Q(pk__in=results.filter(run__year=year, klass__in=("A", "B")).values("enterprise_id"))


def key_list(user, region, spec: str, request=None):
    """The enterprises of ``region`` on the list ``spec``: a named list (``NAMED_LISTS``) or
    the query string of the enterprise list's filters — any filter saved as a link. Raises
    ``ValueError`` with the reason when the filters are not valid."""
    from mujun.enterprises.filters import EnterpriseFilterSet

    qs = Enterprise.objects.for_user(user).filter(in_region(Enterprise, region), is_archived=False)
    spec = (spec or "key").strip().lstrip("?")
    if spec == "above_size":
        return qs.filter(above_size=True)
    if spec == "labelled":
        return qs.filter(_labelled())
    if spec == "grade_ab":
        return qs.filter(_grade_ab(user))
    if spec == "key":
        return qs.filter(Q(above_size=True) | _labelled() | _grade_ab(user))
    filterset = EnterpriseFilterSet(QueryDict(spec), queryset=qs, request=request)
    if not filterset.is_valid():
        errors = "；".join(f"{k}：{'、'.join(v)}" for k, v in filterset.form.errors.items())
        raise ValueError(f"名单的筛选条件无效：{errors}")
    return filterset.qs


@dataclass
class CoverageReport:
    region: Region
    start: date
    end: date
    result: rules.Coverage
    enterprises: dict  # id -> Enterprise (with region)
    by_region: list = field(default_factory=list)  # (region, listed, visited, share)

    @property
    def not_visited(self):
        return [self.enterprises[pk] for pk in self.result.not_visited]

    @property
    def visited(self):
        return [
            (self.enterprises[pk], self.result.by_whom[pk])
            for pk in self.enterprises
            if pk in self.result.by_whom
        ]


def coverage_report(user, region, start: date, end: date, spec: str = "", request=None):
    """Of the key list of ``region``, who was visited in ``start``–``end`` and by whom, and
    who was not: overall and per child region (the seed's 走访全覆盖 as a figure and a list)."""
    listed = (
        key_list(user, region, spec, request)
        .select_related("region")
        .order_by("region__sort_order", "region__code", "name")
    )
    enterprises = {e.pk: e for e in listed.only("pk", "name", "uscc", "region")}
    visits = (
        Visit.objects.for_user(user)
        .filter(
            enterprise_id__in=list(enterprises),
            visited_on__gte=start,
            visited_on__lte=end,
            is_archived=False,
        )
        .values_list("enterprise_id", "officials__name")
    )
    result = rules.coverage(enterprises, ((e, name or "") for e, name in visits))
    children = {r.path: r for r in Region.objects.filter(parent=region, is_peer=False)}
    tally = {}
    for enterprise in enterprises.values():
        child = next(
            (r for path, r in children.items() if enterprise.region.path.startswith(path)),
            enterprise.region,
        )
        row = tally.setdefault(child.pk, [child, 0, 0])
        row[1] += 1
        row[2] += enterprise.pk in result.by_whom
    by_region = [
        (child, listed_n, visited_n, rules.percent(visited_n, listed_n, 1))
        for child, listed_n, visited_n in sorted(
            tally.values(), key=lambda row: (row[0].sort_order, row[0].code)
        )
    ]
    return CoverageReport(region, start, end, result, enterprises, by_region)


# -- statistics -------------------------------------------------------------------------------


def _aggregates(as_of: date, prefix: str = "") -> dict:
    def f(name):
        return prefix + name

    closed = Q(**{f("closed_on__isnull"): False, f("closed_on__lte"): as_of})
    still_open = Q(**{f("closed_on__isnull"): True}) | Q(**{f("closed_on__gt"): as_of})
    return {
        "raised": Count(f("pk")),
        "closed": Count(f("pk"), filter=closed),
        "resolved": Count(f("pk"), filter=closed & Q(**{f("outcome"): Outcome.RESOLVED})),
        "withdrawn": Count(f("pk"), filter=closed & Q(**{f("outcome"): Outcome.WITHDRAWN})),
        "closed_on_time": Count(
            f("pk"),
            filter=closed
            & (Q(**{f("due_on__isnull"): True}) | Q(**{f("closed_on__lte"): F(f("due_on"))})),
        ),
        "overdue": Count(f("pk"), filter=still_open & Q(**{f("due_on__lt"): as_of})),
        "answered": Count(f("pk"), filter=closed & ~Q(**{f("satisfaction"): ""})),
        "satisfied": Count(f("pk"), filter=closed & Q(**{f("satisfaction__in"): rules.SATISFIED})),
        "days_to_close": Sum(f("days_to_close"), filter=closed),
    }


def _stats(row: dict) -> rules.Stats:
    return rules.Stats(**{k: (row.get(k) or 0) for k in rules.Stats.__dataclass_fields__})


def _merge(into: rules.Stats, other: rules.Stats) -> None:
    for name in rules.Stats.__dataclass_fields__:
        setattr(into, name, getattr(into, name) + getattr(other, name))


@dataclass
class StatsReport:
    region: Region
    start: date
    end: date
    as_of: date
    total: rules.Stats
    by_category: list  # (key, label, Stats)
    by_department: list  # (Department, Stats)
    by_region: list  # (Region, Stats)
    sentence: str


def problems_in(user, region, start: date, end: date):
    return Problem.objects.for_user(user).filter(
        in_region(Problem, region),
        raised_on__gte=start,
        raised_on__lte=end,
        is_archived=False,
    )


def stats_report(user, region, start: date, end: date, today: date) -> StatsReport:
    """The problems raised in ``region`` from ``start`` to ``end`` as they stand at the period's
    end (today while it lasts): three grouped queries — by category, by town, by department —
    and the region's total summed from the first."""
    from .choices import Category

    as_of = min(end, today)
    qs = problems_in(user, region, start, end).order_by()
    aggregates = _aggregates(as_of)
    total = rules.Stats()
    by_category = {}
    for row in qs.values("category").annotate(**aggregates):
        stats = _stats(row)
        by_category[row["category"]] = stats
        _merge(total, stats)
    categories = [
        (k, str(label), by_category.get(k, rules.Stats())) for k, label in Category.choices
    ]
    children = list(
        Region.objects.filter(parent=region, is_peer=False).order_by("sort_order", "code")
    )
    region_stats = {child.pk: rules.Stats() for child in children}
    paths = [(child.path, child.pk) for child in children]
    own = {}
    region_paths = dict(
        Region.objects.filter(path__startswith=region.path).values_list("pk", "path")
    )
    for row in qs.values("region_id").annotate(**aggregates):
        path = region_paths.get(row["region_id"], "")
        child = next((pk for p, pk in paths if path.startswith(p)), None)
        if child is None:
            own.setdefault(row["region_id"], rules.Stats())
            _merge(own[row["region_id"]], _stats(row))
        else:
            _merge(region_stats[child], _stats(row))
    by_region = [
        (child, region_stats[child.pk]) for child in children if region_stats[child.pk].raised
    ]
    through = Problem.departments.through
    department_rows = (
        through.objects.filter(problem__in=qs.values("pk"))
        .values("department_id")
        .annotate(**_aggregates(as_of, "problem__"))
        .order_by()
    )
    department_rows = {row["department_id"]: _stats(row) for row in department_rows}
    departments = Department.objects.filter(pk__in=list(department_rows)).select_related("region")
    by_department = sorted(
        ((d, department_rows[d.pk]) for d in departments), key=lambda pair: -pair[1].raised
    )
    lead = rules.period_lead(start, end, today)
    sentence = rules.stats_sentence(
        lead, total, region.whole_phrase if region.level != "town" else region.name
    )
    return StatsReport(
        region, start, end, as_of, total, categories, by_department, by_region, sentence
    )


def facts(queryset) -> list[rules.ProblemFact]:
    """The problems of ``queryset`` as the rule reads them (tests hold the report equal to it)."""
    through = Problem.departments.through
    departments = {}
    for problem_id, name in through.objects.filter(problem__in=queryset.values("pk")).values_list(
        "problem_id", "department__name"
    ):
        departments.setdefault(problem_id, []).append(name)
    return [
        rules.ProblemFact(
            raised_on=p.raised_on,
            category=p.category,
            region=p.region.code,
            departments=tuple(departments.get(p.pk, ())),
            closed_on=p.closed_on,
            outcome=p.outcome,
            satisfaction=p.satisfaction,
            due_on=p.due_on,
        )
        for p in queryset.select_related("region")
    ]
