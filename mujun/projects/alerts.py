"""Lag alerts of many projects: computed from the rules (rules.py) and the figures
(figures.py), stored with each project so lists filter 20,000 projects by level, and
recomputed by every verb that changes a project and by the daily ``mujun project_alerts``.
No page that only reads writes them."""

from datetime import date

from django.conf import settings
from django.db import connections
from django.utils import timezone

from .figures import Figures, figures_for
from .models import Project
from .rules import LagRules, ProjectFacts, evaluate


def rules() -> LagRules:
    return LagRules.from_settings(getattr(settings, "MUJUN_PROJECT_RULES", None))


def today() -> date:
    return timezone.localdate()


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


def filter_alert_as_of(queryset, alert: str, as_of: date):
    """Projects whose alert *as of another date* matches ``alert`` (computed, not stored)."""
    if not alert:
        return queryset
    computed = alerts_for(queryset, as_of)
    wanted = {"yellow", "red"} if alert == "lagging" else {alert}
    return queryset.filter(pk__in=[pk for pk, a in computed.items() if a.level in wanted])


def refresh_alerts(queryset, as_of: date | None = None, batch: int = 2000) -> int:
    """Recompute and store the alert of every project in ``queryset``, with the figures it was
    computed from; returns how many projects changed."""
    as_of = as_of or today()
    changed = 0
    ids = list(queryset.values_list("pk", flat=True))
    lag_rules = rules()
    for start in range(0, len(ids), batch):
        chunk = list(Project.objects.filter(pk__in=ids[start : start + batch]))
        figures = figures_for((p.pk for p in chunk), as_of)
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
