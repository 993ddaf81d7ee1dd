"""Test helpers other tests reuse to make indicator figures."""

from decimal import Decimal

from .models import Indicator, IndicatorValue, Target


def indicator(key: str) -> Indicator:
    """An indicator of the seeded catalogue (the data migration puts the glossary's there)."""
    return Indicator.objects.get(key=key)


def make_value(
    region, key="industrial_output_above_size", *, year=2026, month=5, value="1000", **fields
):
    return IndicatorValue.objects.create(
        region=region,
        indicator=indicator(key),
        year=year,
        month=month,
        value=Decimal(str(value)),
        **fields,
    )


def make_target(region, key="industrial_output_above_size", *, year=2026, value="2400", **fields):
    return Target.objects.create(
        region=region, indicator=indicator(key), year=year, value=Decimal(str(value)), **fields
    )
