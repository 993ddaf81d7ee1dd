"""The enterprise service's reports read from the database: coverage of a key list by visits
and the problem statistics of a region's period. The counting rules are ``rules.coverage`` and
``rules.problem_stats``; the statistics are summed here in the database (a few grouped
queries, whatever the number of problems), and a test holds them equal to the rule."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum
from django.http import QueryDict

from mujun.core.querysets import in_region
from mujun.enterprises.models import Enterprise
from mujun.regions.models import Region

from . import rules
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
    """The problems raised in ``region`` in the months from ``start`` to ``end``, as they stand
    today: the stored tally of those months (``ProblemTally``: a few rows per town, month and
    category) summed by category, by town and by department, its overdue figures too when it
    was counted today, else those counted live. Five or six queries, whatever the number of
    problems."""
    from .choices import OPEN, Category
    from .models import ProblemTally

    first, last = start.replace(day=1), end
    tallies = ProblemTally.objects.for_user(user).filter(
        in_region(ProblemTally, region), month__gte=first, month__lte=last
    )
    # counted today (by the daily command or a verb since): its overdue figures stand;
    # otherwise they are counted live, and nothing is written by a page (docs/service.md)
    fresh = not ProblemTally.objects.filter(counted_on__lt=today).exists()
    figures = [f for f in rules.Stats.__dataclass_fields__ if fresh or f != "overdue"]
    sums = {f: Sum(f) for f in figures}

    def summed(key, **condition):
        # a few rows each (categories, towns, departments), summed by the database
        rows = tallies.filter(**condition).values(key).annotate(**sums).order_by()
        return {row[key]: rules.Stats(**{f: row[f] or 0 for f in figures}) for row in rows}

    by_category = {k: rules.Stats() for k in Category.values}
    by_category.update(summed("category", department__isnull=True))
    by_town = summed("region_id", department__isnull=True)
    by_department = summed("department_id", department__isnull=False)
    total = rules.Stats()
    for stats in by_category.values():
        _merge(total, stats)
    overdue = (
        []
        if fresh
        else (
            problems_in(user, region, start, end)
            .filter(status__in=OPEN, due_on__lt=today)
            .values("region_id", "category", "department_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    for row in overdue:
        total.overdue += row["n"]
        by_category[row["category"]].overdue += row["n"]
        by_town.setdefault(row["region_id"], rules.Stats()).overdue += row["n"]
        if row["department_id"] is not None:
            by_department.setdefault(row["department_id"], rules.Stats()).overdue += row["n"]
    categories = [(k, str(label), by_category[k]) for k, label in Category.choices]
    regions = {r.pk: r for r in Region.objects.filter(path__startswith=region.path, is_peer=False)}
    children = sorted(
        (r for r in regions.values() if r.parent_id == region.pk),
        key=lambda r: (r.sort_order, r.code),
    )
    region_stats = {child.pk: rules.Stats() for child in children}
    for town_id, stats in by_town.items():
        town = regions.get(town_id)
        child = next((c for c in children if town and town.path.startswith(c.path)), None)
        if child is not None:
            _merge(region_stats[child.pk], stats)
    by_region = [(c, region_stats[c.pk]) for c in children if region_stats[c.pk].raised]
    departments = Department.objects.filter(pk__in=list(by_department)).select_related("region")
    by_department = sorted(
        ((d, by_department[d.pk]) for d in departments),
        key=lambda pair: (-pair[1].raised, pair[0].name),
    )
    lead = rules.period_lead(start, end, today)
    where = region.whole_phrase if region.level != "town" else region.name
    sentence = rules.stats_sentence(lead, total, where)
    return StatsReport(
        region, start, end, today, total, categories, by_department, by_region, sentence
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
            department=p.department.name if p.department_id else None,
            closed_on=p.closed_on,
            outcome=p.outcome,
            satisfaction=p.satisfaction,
            due_on=p.due_on,
        )
        for p in queryset.select_related("region", "department")
    ]


def department_stats(user, department_id: int, start: date, end: date, today: date) -> rules.Stats:
    """How ``department_id`` handled the problems raised from ``start`` to ``end`` that it
    was assigned (the statistics' row of that department, ``rules.problem_stats``), counted
    through the user's scope in one grouped query (``tally``'s SQL of the rule): a department's
    user reads no tally of the towns, only the problems it had."""
    from .tally import FIGURES, _aggregates

    problems = Problem.objects.for_user(user).filter(
        raised_on__gte=start, raised_on__lte=end, is_archived=False
    )
    row = Problem.departments.through.objects.filter(
        department_id=department_id, problem__in=problems.values("pk")
    ).aggregate(**_aggregates(today, "problem__"))
    return rules.Stats(**{name: row[name] or 0 for name in FIGURES})
