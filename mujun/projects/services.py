"""Derived figures of many projects at once: plans, completed investment, alerts, summaries.

Each function runs a fixed number of grouped queries whatever the number of projects.
"""

import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db import connections
from django.db.models import Count, Q, Sum
from django.utils import timezone

from mujun.core.kept import listed_rows

from .models import AnnualPlan, MonthlyReport, Project, ProjectTag
from .rules import LagRules, ProjectFacts, completion_rate, evaluate

ZERO = Decimal(0)


def rules() -> LagRules:
    return LagRules.from_settings(getattr(settings, "MUJUN_PROJECT_RULES", None))


def today() -> date:
    return timezone.localdate()


@dataclass
class Figures:
    completed_total: Decimal
    completed_this_year: Decimal
    plan_this_year: Decimal | None

    @property
    def plan_completion_pct(self) -> Decimal | None:
        return completion_rate(self.completed_this_year, self.plan_this_year)


def figures_for(project_ids, as_of: date) -> dict[int, Figures]:
    """Cumulative and this-year completed investment (reports up to ``as_of``'s month) and the
    plan of ``as_of``'s year, keyed by project id. Two queries."""
    ids = list(project_ids)
    year, month = as_of.year, as_of.month
    upto = Q(year__lt=year) | Q(year=year, month__lte=month)
    sums = (
        MonthlyReport.objects.filter(upto, project_id__in=ids, is_archived=False)
        .order_by()  # the model's ordering would join projects to sort a grouped result
        .values("project_id")
        .annotate(
            total=Sum("completed_investment"),
            this_year=Sum("completed_investment", filter=Q(year=year)),
        )
    )
    plans = dict(
        AnnualPlan.objects.filter(project_id__in=ids, year=year, is_archived=False)
        .order_by()
        .values_list("project_id", "planned_investment")
    )
    result = {pid: Figures(ZERO, ZERO, plans.get(pid)) for pid in ids}
    for row in sums:
        figures = result[row["project_id"]]
        figures.completed_total = row["total"] or ZERO
        figures.completed_this_year = row["this_year"] or ZERO
    return result


class Tier(NamedTuple):
    key: str
    name: str


def tiers_for(project_ids) -> dict[int, list[Tier]]:
    """The tiers of each project, in their order: one query on the link table, lighter than a
    prefetch, which builds a related manager and a model instance per link."""
    ids = list(project_ids)
    if not ids:
        return {}
    through = Project.tags.through
    result: dict[int, list[Tier]] = {}
    rows = (
        through.objects.filter(project_id__in=ids)
        .order_by("projecttag__sort_order", "projecttag__key")
        .values_list("project_id", "projecttag__key", "projecttag__name")
    )
    for project_id, key, name in rows:
        result.setdefault(project_id, []).append(Tier(key, name))
    return result


def tiers_of(projects: list) -> dict[int, list[Tier]]:
    """``tiers_for`` the projects, read from the tier ids a fetched row carries (rows.py)
    against the tier table each worker keeps (``core.kept.listed_rows``); model instances,
    or an id that table does not know yet, take the query."""
    if not projects or any(getattr(p, "tag_ids", None) is None for p in projects):
        return tiers_for(p.pk for p in projects)
    known = {t.pk: Tier(t.key, t.name) for t in listed_rows(ProjectTag.objects.all(), "all")}
    rank = {pk: n for n, pk in enumerate(known)}
    result: dict[int, list[Tier]] = {}
    for project in projects:
        if not project.tag_ids:
            continue
        ids = [int(i) for i in project.tag_ids.split(",")]
        if any(i not in known for i in ids):
            return tiers_for(p.pk for p in projects)
        result[project.pk] = [known[i] for i in sorted(ids, key=rank.__getitem__)]
    return result


def facts(project: Project, figures: Figures) -> ProjectFacts:
    return ProjectFacts(
        stage=project.stage,
        planned=project.planned_dates(),
        actual=project.actual_dates(),
        plan_this_year=figures.plan_this_year,
        completed_this_year=figures.completed_this_year,
    )


def alerts_for(projects, as_of: date) -> dict:
    """The alert of each project as of ``as_of``, computed now (nothing stored)."""
    projects = list(projects)
    figures = figures_for((p.pk for p in projects), as_of)
    lag_rules = rules()
    return {p.pk: evaluate(facts(p, figures[p.pk]), as_of, lag_rules) for p in projects}


def reasons_of(alert) -> list[dict]:
    """An alert's reasons as stored with the project and answered by the API."""
    return [{"level": r.level, "code": r.code, "text": r.text} for r in alert.reasons]


def refresh_alerts(queryset, as_of: date | None = None, batch: int = 2000) -> int:
    """Recompute and store the alert of every project in ``queryset``, with the figures it was
    computed from; returns how many projects changed."""
    as_of = as_of or today()
    changed = 0
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = list(Project.objects.filter(pk__in=ids[start : start + batch]))
        figures = figures_for((p.pk for p in chunk), as_of)
        lag_rules = rules()
        dirty = []
        for project in chunk:
            f = figures[project.pk]
            alert = evaluate(facts(project, f), as_of, lag_rules)
            stored = {
                "alert_level": alert.level,
                "alert_reasons": reasons_of(alert),
                "alerts_as_of": as_of,
                "completed_total": f.completed_total,
                "completed_this_year": f.completed_this_year,
                "plan_this_year": f.plan_this_year,
            }
            if any(getattr(project, k) != v for k, v in stored.items()):
                for key, value in stored.items():
                    setattr(project, key, value)
                dirty.append(project)
        _store_derived(dirty)
        changed += len(dirty)
    return changed


def _store_derived(projects: list) -> None:
    """Write the derived fields of ``projects``, one parameterised UPDATE per row sent in one
    batch. Stored alerts are derived data, not an edit: no history row, no version bump.

    Django's ``bulk_update`` builds a CASE expression per field and row, and at 2 ms a row
    that made the daily refresh of 20,000 projects take most of a minute."""
    if not projects:
        return
    connection = connections[Project.objects.db]
    fields = [Project._meta.get_field(name) for name in Project.derived_fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {quote(Project._meta.db_table)} SET {assignments} "
        f"WHERE {quote(Project._meta.pk.column)} = %s"
    )
    rows = [
        [f.get_db_prep_save(getattr(p, f.attname), connection) for f in fields] + [p.pk]
        for p in projects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@dataclass
class Summary:
    count: int
    total_investment: Decimal
    planned: Decimal
    completed: Decimal

    @property
    def completion_pct(self) -> Decimal | None:
        return completion_rate(self.completed, self.planned)


def summarise(projects, *, year: int, month: int) -> Summary:
    """Count and total investment of ``projects``, their plans for ``year`` and what they
    completed from January to ``month`` of it. Three aggregate queries."""
    ids = projects.values("pk")
    head = projects.aggregate(count=Count("pk"), total=Sum("total_investment"))
    planned = AnnualPlan.objects.filter(project__in=ids, year=year, is_archived=False).aggregate(
        s=Sum("planned_investment")
    )["s"]
    completed = MonthlyReport.objects.filter(
        project__in=ids, year=year, month__lte=month, is_archived=False
    ).aggregate(s=Sum("completed_investment"))["s"]
    return Summary(head["count"], head["total"] or ZERO, planned or ZERO, completed or ZERO)


def filter_alert_as_of(queryset, alert: str, as_of: date):
    """Projects whose alert *as of another date* matches ``alert`` (computed, not stored)."""
    if not alert:
        return queryset
    alerts = alerts_for(queryset, as_of)
    wanted = {"yellow", "red"} if alert == "lagging" else {alert}
    return queryset.filter(pk__in=[pk for pk, a in alerts.items() if a.level in wanted])


@dataclass
class AlertView:
    """An alert as pages and the API show it, stored or computed for another date."""

    level: str
    reasons: list[dict]

    @property
    def label(self) -> str:
        from .choices import AlertLevel

        return str(AlertLevel(self.level).label)

    @property
    def texts(self) -> list[str]:
        return [r["text"] for r in self.reasons]

    @property
    def badge(self) -> str:
        from .choices import ALERT_BADGE

        return ALERT_BADGE[self.level]


def stored_figures(project: Project) -> Figures:
    return Figures(project.completed_total, project.completed_this_year, project.plan_this_year)


def decorate(projects: list, as_of: date | None = None) -> list:
    """Attach ``figures``, ``tiers`` and ``alert`` to each project: what is stored with the
    project when it was computed today, computed now for another date (or a stale row). A
    fixed number of queries for the whole batch."""
    current = today()
    as_of = as_of or current
    live = as_of != current
    computed = [p for p in projects if live or p.alerts_as_of != current]
    figures = figures_for((p.pk for p in computed), as_of) if computed else {}
    tiers = tiers_of(projects)
    lag_rules = rules()
    for project in projects:
        project.tiers = tiers.get(project.pk, [])
        if project.pk in figures:
            project.figures = figures[project.pk]
            alert = evaluate(facts(project, project.figures), as_of, lag_rules)
            project.alert = AlertView(alert.level, reasons_of(alert))
        else:
            project.figures = stored_figures(project)
            project.alert = AlertView(project.alert_level, project.alert_reasons)
    return projects


def summary_set(projects, *, basis: str, year: int):
    """今年开工 (``started``: actually started in ``year``) or 列入计划 (``planned``: with a plan
    for ``year``) — the two sets the reports total."""
    if basis == "planned":
        # a join on (project, year), which is unique: no project comes twice
        return projects.filter(
            plans__year=year, plans__is_archived=False, plans__planned_investment__gt=0
        )
    return projects.filter(actual_started__year=year)


def summary_lead(basis: str, year: int) -> str:
    when = "今年" if year == today().year else f"{year}年"
    return f"{when}开工" if basis != "planned" else f"列入{when}计划的"


# Per process: the day and the monotonic time of the last probe that found nothing stale.
_fresh_probe: dict = {}


def ensure_fresh(queryset) -> int:
    """Recompute stored alerts computed on another day. The daily ``mujun project_alerts``
    keeps this cheap; this keeps pages right if it did not run.

    Every change refreshes its project at once, so rows go stale only when the day turns: a
    probe that found nothing stale is trusted for ``MUJUN_ALERT_PROBE_SECONDS`` on the same
    day. The probe itself is three index lookups across all projects (a negation, or the same
    test combined with the scope filter, makes the database read every row)."""
    day = today()
    trust = getattr(settings, "MUJUN_ALERT_PROBE_SECONDS", 60)
    if _fresh_probe.get("day") == day and time.monotonic() - _fresh_probe["at"] < trust:
        return 0
    stale_tests = (
        {"alerts_as_of__lt": day},
        {"alerts_as_of__gt": day},
        {"alerts_as_of__isnull": True},
    )
    if not any(Project.objects.filter(**test).exists() for test in stale_tests):
        _fresh_probe.update(day=day, at=time.monotonic())
        return 0
    stale = queryset.filter(
        Q(alerts_as_of__lt=day) | Q(alerts_as_of__gt=day) | Q(alerts_as_of__isnull=True)
    )
    return refresh_alerts(stale)
