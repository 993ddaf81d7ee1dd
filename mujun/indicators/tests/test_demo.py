from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from mujun.demo.context import DemoContext
from mujun.indicators import demo
from mujun.indicators.models import IndicatorValue, Target


@pytest.mark.django_db
def test_demo_towns_add_up_to_the_county_and_some_fall_behind(regions):
    ctx = DemoContext.create(seed=7, password="x", log=lambda *a: None)
    ctx.county, ctx.towns = regions.county, [regions.town1, regions.town2]
    demo.build(ctx)
    s = demo.span(timezone.localdate())
    last, before = (s.last_year, s.last_month), s.last_year - 1
    months = 12 * (s.last_year - s.first_year) + s.last_month
    assert IndicatorValue.objects.filter(region=regions.county).count() == 13 * months
    for key in ("industrial_output_above_size", "exports", "industrial_investment"):
        for year, month in ((s.first_year, 1), (before, 12), last):
            rows = IndicatorValue.objects.filter(indicator__key=key, year=year, month=month)
            towns = rows.exclude(region=regions.county).aggregate(s=Sum("value"))["s"]
            assert rows.get(region=regions.county).value == towns
    # fiscal revenue is not additive: the county's includes its own collections
    fiscal = IndicatorValue.objects.filter(
        indicator__key="fiscal_revenue", year=last[0], month=last[1]
    )
    towns = fiscal.exclude(region=regions.county).aggregate(s=Sum("value"))["s"]
    assert fiscal.get(region=regions.county).value > towns
    # value added carries the published (comparable-price) growth on every row
    assert not IndicatorValue.objects.filter(
        indicator__key="industrial_value_added_above_size", yoy_pct__isnull=True
    ).exists()
    assert Target.objects.filter(year=s.last_year, region=regions.county).count() == len(
        demo.TARGET_GROWTH
    )
    # parts stay below their whole
    fai = IndicatorValue.objects.get(
        region=regions.town1, indicator__key="fixed_asset_investment", year=last[0], month=last[1]
    )
    industrial = IndicatorValue.objects.get(
        region=regions.town1, indicator__key="industrial_investment", year=last[0], month=last[1]
    )
    assert Decimal(0) < industrial.value < fai.value

    # the laggards' output shrinks in the last year
    def output(region, year):
        return IndicatorValue.objects.get(
            region=region, indicator__key="industrial_output_above_size", year=year, month=last[1]
        ).value

    assert any(output(t, s.last_year) < output(t, before) for t in (regions.town1, regions.town2))
