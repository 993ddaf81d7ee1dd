"""The projects view: the stage funnel, this year's plan completion and the red and yellow
flags by town, and the scrolling list of lagging projects with their reasons (seed 002:
“项目进展情况在一楼电子屏滚动播放，项目滞后的标黄通报”).

Plan and completion are the figures stored with each project's alert (``Project.plan_this_year``,
``completed_this_year``, refreshed on every change and daily by ``mujun project_alerts``), so
the whole view is four grouped queries over the projects' indexes, not a sum of their reports.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from mujun.core.querysets import in_region
from mujun.projects.choices import STAGE_ORDER, AlertLevel
from mujun.projects.models import Project
from mujun.projects.rules import completion_rate
from mujun.regions.models import Region

from .. import rules
from .common import tiles

ZERO = Decimal(0)


def _scoped(viewer, region):
    return Project.objects.for_user(viewer).filter(in_region(Project, region), is_archived=False)


def _plan(planned, completed) -> dict:
    pct = completion_rate(completed or ZERO, planned) if planned else None
    return {
        "planned": rules.value_text(planned or ZERO, "万元"),
        "completed": rules.value_text(completed or ZERO, "万元"),
        "pct": None if pct is None else float(pct),
        "text": rules.completion(pct),
    }


def projects(viewer, region, today) -> dict:
    """``funnel``: active projects by stage; ``plan``: the year's plan completion overall;
    ``towns``: per tile, plan completion and the red and yellow counts; ``lagging``: the red
    then the yellow projects (largest first) with their reasons, at most ``LAGGING_LIMIT``."""
    scoped = _scoped(viewer, region)
    by_stage = dict(scoped.order_by().values_list("stage").annotate(n=Count("pk")))
    funnel = [
        {"stage": stage.value, "name": str(stage.label), "count": by_stage.get(stage.value, 0)}
        for stage in STAGE_ORDER
    ]
    units = tiles(region)
    owner = Region.objects.unit_of(region, units)
    per_unit = {u.pk: {"planned": ZERO, "completed": ZERO, "red": 0, "yellow": 0} for u in units}
    grouped = (
        scoped.order_by()
        .values("region_id")
        .annotate(
            planned=Sum("plan_this_year"),
            completed=Sum("completed_this_year", filter=Q(plan_this_year__gt=0)),
            red=Count("pk", filter=Q(alert_level=AlertLevel.RED)),
            yellow=Count("pk", filter=Q(alert_level=AlertLevel.YELLOW)),
        )
    )
    for row in grouped:
        unit = owner(row["region_id"])
        if unit is None:
            continue
        figures = per_unit[unit]
        figures["planned"] += row["planned"] or ZERO
        figures["completed"] += row["completed"] or ZERO
        figures["red"] += row["red"]
        figures["yellow"] += row["yellow"]
    total_planned = sum((f["planned"] for f in per_unit.values()), ZERO)
    total_completed = sum((f["completed"] for f in per_unit.values()), ZERO)
    towns = [
        {
            "code": u.code,
            "name": u.name,
            "red": per_unit[u.pk]["red"],
            "yellow": per_unit[u.pk]["yellow"],
            "plan": _plan(per_unit[u.pk]["planned"], per_unit[u.pk]["completed"]),
        }
        for u in units
    ]
    lagging = (
        scoped.lagging()
        .order_by("alert_level", "-total_investment", "code")  # "red" sorts before "yellow"
        .values_list("name", "region__name", "alert_level", "alert_reasons", "total_investment")[
            : rules.LAGGING_LIMIT
        ]
    )
    as_of = scoped.order_by("-alerts_as_of").values_list("alerts_as_of", flat=True).first()
    return {
        "as_of": (as_of or today).isoformat(),
        "year": today.year,
        "count": sum(by_stage.values()),
        "red": sum(t["red"] for t in towns),
        "yellow": sum(t["yellow"] for t in towns),
        "funnel": funnel,
        "plan": _plan(total_planned, total_completed),
        "towns": towns,
        "lagging": [
            {
                "name": name,
                "town": town,
                "level": level,
                "investment": rules.value_text(investment, "万元"),
                "reasons": [r.get("text", "") for r in (reasons or [])][:2],
            }
            for name, town, level, reasons, investment in lagging
        ],
    }
