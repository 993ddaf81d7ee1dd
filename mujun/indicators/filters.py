"""The filters of the indicator values and the targets: the pages' forms, the API's query
parameters and the filtering of both (core/filters.py)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from mujun.core.filters import (
    ListFilterSet,
    RegionFilter,
    RowChoiceFilter,
    all_rows,
    scoped_rows,
)
from mujun.regions.models import Region

from .models import FIRST_YEAR, LAST_YEAR, Indicator

MONTH_CHOICES = [(m, f"{m}月") for m in range(1, 13)]


class _RegionIndicatorYear(ListFilterSet):
    # figures are not searched by words: the region, the indicator and the period say it all
    q = None
    # that region only: a county's own figure is not the sum of its towns' rows
    region = RegionFilter(
        label=_("地区"),
        rows=scoped_rows(Region.objects.all(), "code", "name"),
        subtree=False,
        empty_label=_("全部地区"),
    )
    indicator = RowChoiceFilter(
        label=_("指标"),
        field_name="indicator__key",
        rows=all_rows(Indicator.objects.all(), "key", "name"),
        empty_label=_("全部指标"),
    )
    year = df.NumberFilter(label=_("年份"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class IndicatorValueFilterSet(_RegionIndicatorYear):
    month = df.ChoiceFilter(
        label=_("月份"), choices=lambda: MONTH_CHOICES, empty_label=_("全部月份")
    )


class TargetFilterSet(_RegionIndicatorYear):
    pass
