"""The user's own region against peer regions, on the same indicator and period, read from
the database through the user's scope (peer values are visible to everyone who may view)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from mujun.core.money import percent
from mujun.indicators.models import Indicator, IndicatorValue

from .choices import FactStatus
from .models import ReportFact


@dataclass
class Row:
    region: object
    value: IndicatorValue | None
    is_own: bool
    report: object = None
    # own value ÷ this region's value × 100: how far the own region is from the peer
    own_share: Decimal | None = None
    rank: int | None = None


def default_choice(*, user, region) -> tuple[Indicator, int, int] | None:
    """The indicator and period the page opens on: the latest period with peer figures that
    the region also has, else the latest period with peer figures at all. Two queries."""
    periods = list(
        IndicatorValue.objects.for_user(user)
        .filter(region__is_peer=True, is_archived=False)
        .values_list("indicator", "year", "month")
        .annotate(n=Count("pk"))
        .order_by("-year", "-month", "-n", "indicator")
    )
    if not periods:
        return None
    own = set(
        IndicatorValue.objects.for_user(user)
        .filter(region=region, is_archived=False)
        .values_list("indicator", "year", "month")
    )
    pick = next((p for p in periods if p[:3] in own), periods[0])
    return Indicator.objects.get(pk=pick[0]), pick[1], pick[2]


def compare(*, user, region, indicator, year: int, month: int) -> list[Row]:
    """The region first, then every peer with a figure, largest first; ranks by value among
    the regions with a figure. Two queries."""
    values = list(
        IndicatorValue.objects.for_user(user)
        .filter(indicator=indicator, year=year, month=month, is_archived=False)
        .filter(Q(region=region) | Q(region__is_peer=True))
        .select_related("region")
    )
    sources = {
        fact.indicator_value_id: fact.report
        for fact in ReportFact.objects.for_user(user)
        .filter(indicator_value__in=values, status=FactStatus.ACCEPTED)
        .select_related("report")
        .order_by("pk")
    }
    own_value = next((v for v in values if v.region_id == region.pk), None)
    peers = sorted(
        (v for v in values if v.region_id != region.pk), key=lambda v: (-v.value, v.region.name)
    )
    rows = [Row(region, own_value, True)]
    for v in peers:
        share = percent(own_value.value, v.value, 1) if own_value is not None else None
        rows.append(Row(v.region, v, False, sources.get(v.pk), share))
    ranked = sorted((r for r in rows if r.value is not None), key=lambda r: -r.value.value)
    for r in rows:
        if r.value is not None:
            # competition ranking, as the indicators app ranks: equal values share a place
            r.rank = 1 + sum(1 for other in ranked if other.value.value > r.value.value)
    return rows


def latest_same_month(*, user, region, indicator, month: int, before: int):
    """The region's figure for the same months (1–``month``) of its latest year other than
    ``before``: shown when the compared period has none. One query."""
    return (
        IndicatorValue.objects.for_user(user)
        .filter(region=region, indicator=indicator, month=month, is_archived=False)
        .exclude(year=before)
        .order_by("-year")
        .first()
    )


def matrix(*, user, region, year: int, month: int) -> tuple[list, list]:
    """Every indicator with a peer figure in the period: one row per indicator, one column per
    region (the own region first). Two queries."""
    values = list(
        IndicatorValue.objects.for_user(user)
        .filter(year=year, month=month, is_archived=False)
        .filter(Q(region=region) | Q(region__is_peer=True))
        .select_related("region", "indicator")
    )
    peer_values = [v for v in values if v.region_id != region.pk]
    columns = [region, *sorted({v.region for v in peer_values}, key=lambda r: r.sort_order)]
    indicators = sorted({v.indicator for v in peer_values}, key=lambda i: i.sort_order)
    cells = {(v.indicator_id, v.region_id): v for v in values}
    rows = [(i, [cells.get((i.pk, r.pk)) for r in columns]) for i in indicators]
    return columns, rows


def chart_data(rows: list[Row], unit: str) -> dict:
    # ECharts draws floats; the table beside the chart shows the exact decimals
    return {
        "unit": unit,
        "regions": [r.region.name for r in rows],
        "values": [float(r.value.value) if r.value else None for r in rows],
        "growth": [
            float(r.value.yoy_pct) if r.value and r.value.yoy_pct is not None else None
            for r in rows
        ],
        "own": [r.is_own for r in rows],
        "labels": {"value": _("累计值"), "growth": _("同比（%）")},
    }
