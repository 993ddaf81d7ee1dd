"""The evaluation view: the class mix by town of the newest published evaluation, and the
number of A-class enterprises of each published year — counts, never an enterprise."""

from django.db.models import Count

from mujun.core.querysets import in_region
from mujun.evaluation.choices import CLASS_CHOICES, RunStatus
from mujun.evaluation.models import EvaluationResult, EvaluationRun
from mujun.regions.models import Region

from .common import tiles

LETTERS = [letter for letter, _ in CLASS_CHOICES]


def evaluation(viewer, region, today) -> dict:
    """``classes``: per class, its count in the region; ``towns``: per tile, the count of each
    class; ``a_trend``: the A-class count of each published year. Four queries."""
    runs = EvaluationRun.objects.for_user(viewer).filter(
        status=RunStatus.PUBLISHED, is_archived=False
    )
    latest = runs.order_by("-year", "-number").first()
    results = EvaluationResult.objects.for_user(viewer).filter(
        in_region(EvaluationResult, region), run__in=runs.values("pk")
    )
    trend = dict(
        results.filter(klass="A")
        .order_by()
        .values_list("run__year")
        .annotate(n=Count("pk"))
        .values_list("run__year", "n")
    )
    years = sorted(trend)
    units = tiles(region)
    if latest is None:
        return {"as_of": None, "year": None, "classes": [], "towns": [], "a_trend": None}
    owner = Region.objects.unit_of(region, units)
    counts = {u.pk: dict.fromkeys(LETTERS, 0) for u in units}
    for region_id, klass, n in (
        results.filter(run=latest)
        .exclude(klass="")
        .order_by()
        .values_list("enterprise__region_id", "klass")
        .annotate(n=Count("pk"))
    ):
        unit = owner(region_id)
        if unit is not None:
            counts[unit][klass] += n
    return {
        "as_of": str(latest.year),
        "year": latest.year,
        "classes": [
            {"klass": x, "name": f"{x} 类", "count": sum(c[x] for c in counts.values())}
            for x in LETTERS
        ],
        "towns": [
            {"code": u.code, "name": u.name, "counts": [counts[u.pk][x] for x in LETTERS]}
            for u in units
        ],
        "a_trend": {"years": [f"{y}年" for y in years], "counts": [trend[y] for y in years]},
    }
