"""Demo indicators: monthly year-to-date figures of every town and of the county from January
two years ago to the last complete month, and annual targets for those years.

The months follow the day the demo is built, as its other parts do: figures for a month are
reported in the month after, so the last month is last month (built on 7 December, 1 to 11月).
Towns' figures add up to the county's for every additive indicator
(the county's are written as 下级汇总); fiscal revenue is not additive, and the county's
includes county-level revenue no town reports. Three towns fall behind in 2026: their output
and investment shrink and they lag their targets.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mujun.core.money import quantize

from .choices import Source
from .models import Indicator, IndicatorValue, Target


class Span(NamedTuple):
    first_year: int
    last_year: int
    last_month: int


def span(today: date) -> Span:
    """The demo's months for a demo built on ``today``: January two years before the last
    complete month's year to that month."""
    last = today.replace(day=1) - timedelta(days=1)
    return Span(last.year - 2, last.year, last.month)


# Share of a year's amount reported in each month: the Spring Festival empties February,
# and year-end pushes (冲刺) fill December.
SEASON = [7.8, 6.2, 8.6, 8.4, 8.5, 9.0, 8.2, 8.2, 8.8, 8.6, 8.7, 9.0]

# key: (annual amount of an average town in 2024 in the indicator's unit, how to derive it)
# A derived indicator is a share of another one of the same town and month.
BASES = {
    "industrial_output_above_size": (150000, None),
    "industrial_value_added_above_size": (0.22, "industrial_output_above_size"),
    "new_product_output": (0.32, "industrial_output_above_size"),
    "high_tech_output": (0.45, "industrial_output_above_size"),
    "strategic_emerging_output": (0.28, "industrial_output_above_size"),
    "equipment_manufacturing_output": (0.36, "industrial_output_above_size"),
    "fiscal_revenue": (12000, None),
    "general_budget_revenue": (0.62, "fiscal_revenue"),
    "fixed_asset_investment": (60000, None),
    "industrial_investment": (0.46, "fixed_asset_investment"),
    "tech_renovation_investment": (0.31, "industrial_investment"),
    "foreign_capital_actual": (320, None),
    "exports": (42000, None),
}
# Targets: growth over the previous year's total, as county plans set them.
TARGET_GROWTH = {
    "industrial_output_above_size": Decimal("0.07"),
    "fiscal_revenue": Decimal("0.06"),
    "fixed_asset_investment": Decimal("0.08"),
    "industrial_investment": Decimal("0.09"),
    "exports": Decimal("0.06"),
}
# The county's fiscal revenue includes what the county level itself collects.
COUNTY_FISCAL_FACTOR = Decimal("1.45")
# Value added grows at comparable prices: nominal growth less the price rise.
PRICE_RISE_PCT = Decimal("2.3")
LAGGARDS = 3


def _months(s: Span, first: int | None = None):
    for year in range(s.first_year if first is None else first, s.last_year + 1):
        for month in range(1, 13):
            if (year, month) > (s.last_year, s.last_month):
                return
            yield year, month


def _town_plan(rng, towns, s: Span):
    """Size and yearly growth of each town; the laggards shrink in the last year."""
    weights = {}
    for town in towns:
        if town.kind in ("zone", "park"):
            weights[town.pk] = rng.uniform(2.5, 4.0)
        elif town.kind == "township":
            weights[town.pk] = rng.uniform(0.2, 0.4)
        else:
            weights[town.pk] = rng.uniform(0.6, 1.5)
    ordinary = [t for t in towns if t.kind not in ("zone", "park")]
    laggards = {t.pk for t in rng.sample(ordinary, min(LAGGARDS, len(ordinary)))}
    growth = {}
    for town in towns:
        for year in range(s.first_year, s.last_year + 1):
            g = rng.gauss(0.095, 0.03)
            if year == s.last_year and town.pk in laggards:
                g = rng.uniform(-0.12, -0.03)
            growth[(town.pk, year)] = g
    return weights, growth, laggards


def _cumulate(rng, towns, weights, growth, s: Span) -> dict[tuple, Decimal]:
    """Year-to-date figures per (town, key, year, month), from the year before the first one
    (generated as the base of the first year's growth, not stored). Amounts are rounded to
    0.01 of the unit per month, as towns report them, before they are added up."""
    season = [s / sum(SEASON) for s in SEASON]
    # the township with the least industry had no foreign capital before the last year: its
    # growth cannot be computed from a zero base, which the pages explain
    no_foreign = min(towns, key=lambda t: weights[t.pk]).pk
    monthly: dict[tuple, Decimal] = {}
    years = range(s.first_year - 1, s.last_year + 1)
    for town in towns:
        for key, (base, of) in BASES.items():
            if of is not None:
                continue
            level = base * weights[town.pk] * rng.uniform(0.8, 1.2)
            for year in years:
                if year > s.first_year - 1:
                    level *= 1 + growth[(town.pk, year)] + rng.uniform(-0.02, 0.02)
                for month in range(1, 13):
                    amount = level * season[month - 1] * rng.uniform(0.9, 1.1)
                    if key == "foreign_capital_actual" and town.pk == no_foreign:
                        amount = amount if year == s.last_year else 0.0
                    monthly[(town.pk, key, year, month)] = quantize(Decimal(str(amount)), 2)
        for key, (share, of) in BASES.items():
            if of is None:
                continue
            for year in years:
                ratio = Decimal(str(share * rng.uniform(0.9, 1.1)))
                for month in range(1, 13):
                    parent = monthly[(town.pk, of, year, month)]
                    monthly[(town.pk, key, year, month)] = quantize(parent * ratio, 2)
    cumulative = {}
    for (town, key, year, month), amount in sorted(monthly.items()):
        before = cumulative.get((town, key, year, month - 1), Decimal(0))
        cumulative[(town, key, year, month)] = before + amount
    return cumulative


def _growth(cumulative, region, key, year, month, comparable) -> Decimal | None:
    """The growth a statistics office publishes; at comparable prices for value added."""
    base = cumulative.get((region, key, year - 1, month))
    if not base:
        return None
    pct = (cumulative[(region, key, year, month)] - base) * 100 / base
    return quantize(pct - (PRICE_RISE_PCT if comparable else 0), 1)


def build(ctx):
    rng = ctx.rng_for("indicators")
    indicators = {i.key: i for i in Indicator.objects.filter(key__in=BASES)}
    towns, county = list(ctx.towns), ctx.county
    s = span(timezone.localdate())
    weights, growth, laggards = _town_plan(rng, towns, s)
    cumulative = _cumulate(rng, towns, weights, growth, s)
    # the county's own figures: the towns' sum, and more for fiscal revenue
    for key, indicator in indicators.items():
        factor = Decimal(1) if indicator.additive else COUNTY_FISCAL_FACTOR
        for year, month in _months(s, s.first_year - 1):
            total = sum((cumulative[(t.pk, key, year, month)] for t in towns), start=Decimal(0))
            cumulative[(county.pk, key, year, month)] = quantize(total * factor, 2)
    values = []
    for region in [county, *towns]:
        for key, indicator in indicators.items():
            comparable = indicator.price_basis == "comparable"
            for year, month in _months(s):
                # The first year has no stored base, and value added has no computable growth:
                # both carry the published figure. The county publishes every growth rate.
                published = year == s.first_year or comparable or region is county
                summed = region is county and indicator.additive
                values.append(
                    IndicatorValue(
                        region=region,
                        indicator=indicator,
                        year=year,
                        month=month,
                        value=cumulative[(region.pk, key, year, month)],
                        yoy_pct=_growth(cumulative, region.pk, key, year, month, comparable)
                        if published
                        else None,
                        source=Source.SUMMED if summed else Source.IMPORTED,
                        entered_unit=indicator.unit,
                    )
                )
    # No ledger rows (IndicatorEvent) for these: the demo loads a history nobody entered, and
    # an "imported" event on every one of the tens of thousands of values would only repeat
    # the source column. A value's timeline starts with the first verb a user does to it.
    bulk_create_with_history(values, IndicatorValue, batch_size=2000)
    targets = _targets([county, *towns], indicators, cumulative, s)
    bulk_create_with_history(targets, Target, batch_size=2000)
    names = "、".join(t.name for t in towns if t.pk in laggards)
    ctx.log(
        f"经济指标：{len(values)} 条月度累计数据（{s.first_year}年1月至{s.last_year}年{s.last_month}月），"
        f"{len(targets)} 个年度目标；{s.last_year}年落后的镇街：{names}"
    )


def _targets(regions, indicators, cumulative, s: Span):
    """Each year's target: last year's total grown by the planned rate, in whole 百万."""
    out = []
    for key, rate in TARGET_GROWTH.items():
        for region in regions:
            for year in range(s.first_year, s.last_year + 1):
                previous = cumulative[(region.pk, key, year - 1, 12)]
                out.append(
                    Target(
                        region=region,
                        indicator=indicators[key],
                        year=year,
                        value=quantize(previous * (1 + rate) / 100, 0) * 100,
                        growth_pct=rate * 100,
                    )
                )
    return out
