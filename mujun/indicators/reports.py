"""The briefing and the charts' data, read from the database through the user's scope.

``user=None`` is the operator at the command line (``mujun briefing``), who sees everything.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from mujun.regions.models import Region

from . import briefing as text
from . import rules
from .derive import Context
from .models import Indicator, IndicatorValue


class _Everyone:
    """Stands in for the operator: ``for_user`` lets a superuser see every region."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    region = None


def _viewer(user):
    return _Everyone() if user is None else user


@dataclass
class BriefingRow:
    indicator: Indicator
    value: IndicatorValue | None
    derived: object | None


@dataclass
class BriefingResult:
    region: Region
    year: int
    month: int
    text: str
    skipped: list
    rows: list[BriefingRow]

    @property
    def title(self) -> str:
        return _("%(region)s%(period)s主要经济指标完成情况") % {
            "region": self.region.name,
            "period": text.period_phrase(self.year, self.month),
        }


def default_indicators():
    return list(Indicator.objects.select_related("part_of"))


def make_briefing(*, user, region, year: int, month: int, indicators=None) -> BriefingResult:
    """The paragraph for ``region`` and the period 1–``month`` of ``year``, indicators in the
    order given (the catalogue's order by default). Four queries whatever the list's length."""
    viewer = _viewer(user)
    indicators = list(indicators) if indicators else default_indicators()
    stored = {
        v.indicator_id: v
        for v in IndicatorValue.objects.for_user(viewer)
        .filter(
            region=region,
            year=year,
            month=month,
            is_archived=False,
            indicator__in=indicators,
        )
        .select_related("region", "indicator")
    }
    context = Context(viewer, list(stored.values()))
    rows, items = [], []
    for indicator in indicators:
        value = stored.get(indicator.pk)
        derived = context.derive(value) if value is not None else None
        rows.append(BriefingRow(indicator, value, derived))
        items.append(
            text.BriefItem(
                key=indicator.key,
                name=indicator.name,
                unit=indicator.unit,
                value=value.value if value else None,
                growth=derived.growth.effective.value if derived else None,
                part_of=indicator.part_of.key if indicator.part_of_id else None,
                is_cumulative=indicator.is_cumulative,
                rank_by_value=derived.rank_by_value if derived else None,
                rank_by_growth=derived.rank_by_growth if derived else None,
            )
        )
    parent = region.parent
    result = text.compose(
        year=year,
        month=month,
        region_phrase=region.whole_phrase,
        sibling_scope=parent.whole_phrase if parent else "",
        items=items,
    )
    return BriefingResult(region, year, month, result.text, result.skipped, rows)


# -- charts ---------------------------------------------------------------------------------


def _num(value) -> float | None:
    # ECharts draws numbers; the page's tables show the exact decimals beside the chart.
    return None if value is None else float(value)


def trend(*, user, region, indicator, year: int) -> dict:
    """Monthly values of ``year`` against the year before, and the cumulative YoY by month.
    One query."""
    cum: dict[tuple, Decimal] = {}
    reported: dict[int, Decimal] = {}
    for y, m, value, yoy in (
        IndicatorValue.objects.for_user(user)
        .filter(region=region, indicator=indicator, year__in=(year, year - 1), is_archived=False)
        .values_list("year", "month", "value", "yoy_pct")
    ):
        cum[(y, m)] = value
        if y == year and yoy is not None:
            reported[m] = yoy

    def monthly(y):
        out = []
        for m in range(1, 13):
            if (y, m) not in cum:
                out.append(None)
                continue
            figure = rules.monthly_value(
                cum[(y, m)], cum.get((y, m - 1)), m, is_cumulative=indicator.is_cumulative
            )
            out.append(_num(figure.value))
        return out

    growth = []
    for m in range(1, 13):
        if (year, m) not in cum:
            growth.append(None)
            continue
        g = rules.yoy(
            cum[(year, m)],
            cum.get((year - 1, m)),
            price_basis=indicator.price_basis,
            reported=reported.get(m),
        )
        growth.append(_num(g.effective.value))
    return {
        "months": [f"{m}月" for m in range(1, 13)],
        "this_year": monthly(year),
        "last_year": monthly(year - 1),
        "cumulative_this": [_num(cum.get((year, m))) for m in range(1, 13)],
        "cumulative_last": [_num(cum.get((year - 1, m))) for m in range(1, 13)],
        "growth": growth,
        "labels": [f"{year}年", f"{year - 1}年"],
    }


def comparison_group(*, user, region):
    """The regions compared with each other: the region's children the user can see, or else
    its siblings the user can see (a town officer sees only their own town)."""
    children = list(Region.objects.for_user(user).filter(parent=region, is_peer=False))
    if children:
        return children, _("下级地区对比")
    if region.parent_id is None:
        return [region], _("同级地区对比")
    siblings = list(Region.objects.for_user(user).filter(parent_id=region.parent_id, is_peer=False))
    return siblings, _("同级地区对比")


def comparison(*, user, region, indicator, year: int, month: int) -> dict:
    """Each region of the group: cumulative value and YoY for the period. Two queries."""
    group, title = comparison_group(user=user, region=region)
    rows = [
        IndicatorValue(region=r, indicator=indicator, year=year, month=month, value=None)
        for r in group
    ]
    stored = {
        v.region_id: v
        for v in IndicatorValue.objects.for_user(user)
        .filter(region__in=group, indicator=indicator, year=year, month=month, is_archived=False)
        .select_related("region", "indicator")
    }
    context = Context(user, [stored.get(r.region.pk, r) for r in rows])
    names, values, growth = [], [], []
    for row in rows:
        value = stored.get(row.region.pk)
        names.append(row.region.name)
        values.append(_num(value.value) if value else None)
        g = context.growth(row.region.pk, indicator, year, month)
        growth.append(_num(g.effective.value) if g else None)
    return {"title": title, "regions": names, "values": values, "growth": growth}
