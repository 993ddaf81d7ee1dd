"""What a list, the API and the meeting pack show of a project beside its own columns: its
figures, its tiers and its alert, attached to a batch of projects in a fixed number of
queries (``decorate``)."""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from . import alerts
from .figures import figures_for, stored_figures
from .models import Project
from .rules import evaluate


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


def leaders_for(project_ids) -> dict[int, list[str]]:
    """The names of each project's liaison leaders in the officials' register (enterprise
    service's ``Liaison``): one query for the batch."""
    from mujun.service.models import Liaison

    ids = list(project_ids)
    if not ids:
        return {}
    result: dict[int, list[str]] = {}
    rows = (
        Liaison.objects.filter(project_id__in=ids, role="leader", is_archived=False)
        .order_by("official__name")
        .values_list("project_id", "official__name")
    )
    for project_id, name in rows:
        result.setdefault(project_id, []).append(name)
    return result


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


def decorate(
    projects: list, as_of: date | None = None, *, tiers: bool = True, leaders: bool = True
) -> list:
    """Attach ``figures``, ``alert``, ``tiers`` and ``liaison_names`` to each project: the
    figures and the alert stored with the project when they were computed for that day,
    computed now for another date (or for a row the daily refresh has not reached yet; nothing
    is written). Up to four queries for the batch; ``tiers=False`` or ``leaders=False`` leaves
    out that attribute and its query (a list page whose columns do not show it)."""
    as_of = as_of or alerts.today()
    computed = [p for p in projects if p.alerts_as_of != as_of]
    figures = figures_for((p.pk for p in computed), as_of) if computed else {}
    tiers_of = tiers_for(p.pk for p in projects) if tiers else None
    leaders_of = leaders_for(p.pk for p in projects) if leaders else None
    lag_rules = alerts.rules()
    for project in projects:
        if tiers_of is not None:
            project.tiers = tiers_of.get(project.pk, [])
        if leaders_of is not None:
            # the linked officials, then a name typed before the register had it
            project.liaison_names = leaders_of.get(project.pk, []) + (
                [project.liaison_leader] if project.liaison_leader else []
            )
        if project.pk in figures:
            project.figures = figures[project.pk]
            alert = evaluate(alerts.facts(project, project.figures), as_of, lag_rules)
            project.alert = AlertView(alert.level, alerts.reasons_of(alert))
        else:
            project.figures = stored_figures(project)
            project.alert = AlertView(project.alert_level, project.alert_reasons)
    return projects
