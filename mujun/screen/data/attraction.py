"""The attraction and enterprise service view: the year's lead funnel, 一月一招商 of the
region's principal officials, the visit coverage of the key enterprises and the problems open
and overdue — counts only: a lobby screen names no enterprise and no official."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from mujun.attraction.models import Lead, Negotiation
from mujun.attraction.reports import monthly_misses
from mujun.core.querysets import in_region
from mujun.service.models import Problem, Visit
from mujun.service.reports import key_list

from .. import rules

# the funnel's steps as the attraction pages name them (attraction/_funnel_table.html)
FUNNEL_NAMES = {
    "recorded": "登记线索",
    "negotiating": "进入洽谈",
    "signed": "签约",
    "funds_in_place": "实际到资",
    "started": "开工",
    "producing": "投产",
}


def lead_funnel(viewer, region, year: int) -> list[dict]:
    """The leads recorded in ``year``, step by step as ``attraction.rules.funnel`` counts them
    (a signed lead's later steps are its project's), counted in one query."""
    signed = Q(signed_on__isnull=False)
    talked = Negotiation.objects.filter(lead=OuterRef("pk"))
    counts = (
        Lead.objects.for_user(viewer)
        .filter(in_region(Lead, region), is_archived=False, recorded_on__year=year)
        .aggregate(
            recorded=Count("pk"),
            # came to the table once, whatever it did since (its negotiation spans)
            negotiating=Count("pk", filter=Q(Exists(talked)) | signed),
            signed=Count("pk", filter=signed),
            funds_in_place=Count("pk", filter=signed & Q(project__completed_total__gt=0)),
            started=Count("pk", filter=signed & Q(project__actual_started__isnull=False)),
            producing=Count("pk", filter=signed & Q(project__actual_producing__isnull=False)),
        )
    )
    return [{"step": k, "name": n, "count": counts[k]} for k, n in FUNNEL_NAMES.items()]


def monthly_attraction(viewer, region, today: date) -> dict:
    """一月一招商: how many of the region's principal officials led or joined an activity in
    each month of the year so far. Three queries (``attraction.reports.monthly_misses``)."""
    grid = monthly_misses(viewer, region, today.year)
    months = range(today.month)
    met = [sum(1 for _, missed in grid if not missed[m]) for m in months]
    return {
        "principals": len(grid),
        "this_month": met[-1] if met else 0,
        "months": [f"{m + 1}月" for m in months],
        "met": met,
    }


def visit_coverage(viewer, region, year: int) -> dict:
    """Of the key enterprises (规上、有称号、A/B 类: ``service.reports.key_list``), how many were
    visited in ``year``. Two counts."""
    listed = key_list(viewer, region, "key")
    visited = (
        Visit.objects.for_user(viewer)
        .filter(enterprise__in=listed.values("pk"), visited_on__year=year, is_archived=False)
        .values("enterprise_id")
        .distinct()
        .count()
    )
    total = listed.count()
    pct = rules.share(visited, total)
    return {"listed": total, "visited": visited, "pct": None if pct is None else float(pct)}


def problems(viewer, region, today: date) -> dict:
    """The region's problems: open, overdue (open past their deadline), raised and closed this
    year. One query."""
    from mujun.service.choices import OPEN

    open_ = Q(status__in=OPEN)
    return (
        Problem.objects.for_user(viewer)
        .filter(in_region(Problem, region), is_archived=False)
        .aggregate(
            open=Count("pk", filter=open_),
            overdue=Count("pk", filter=open_ & Q(due_on__lt=today)),
            raised=Count("pk", filter=Q(raised_on__year=today.year)),
            closed=Count("pk", filter=Q(closed_on__year=today.year)),
        )
    )


def attraction(viewer, region, today) -> dict:
    return {
        "as_of": today.isoformat(),
        "year": today.year,
        "funnel": lead_funnel(viewer, region, today.year),
        "monthly": monthly_attraction(viewer, region, today),
        "visits": visit_coverage(viewer, region, today.year),
        "problems": problems(viewer, region, today),
    }
