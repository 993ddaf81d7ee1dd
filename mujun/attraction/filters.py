"""The attraction lists' filters: the pages' forms, the API's query parameters and the
filtering of both (core/filters.py)."""

import contextlib

import django_filters as df
from django.utils.translation import gettext_lazy as _

from mujun.core.filters import ListFilterSet, RegionFilter, RowChoiceFilter, scoped_rows
from mujun.core.forms import DateInput
from mujun.enterprises.filters import IndustryFilter
from mujun.officials.models import Official

from . import rules
from .choices import ActivityKind, Channel, LeadCategory, LeadStatus


def _officials():
    return RowChoiceFilter(
        label=_("干部"),
        rows=scoped_rows(Official.objects.filter(is_archived=False), "pk", "name"),
        empty_label=_("全部干部"),
        method="filter_official",
    )


class ActivityFilterSet(ListFilterSet):
    region = RegionFilter(label=_("地区"), empty_label=_("全部地区"))
    kind = df.ChoiceFilter(
        label=_("类型"), choices=lambda: ActivityKind.choices, empty_label=_("全部类型")
    )
    official = _officials()
    since = df.DateFilter(label=_("起始日期"), method="filter_since", widget=DateInput())
    until = df.DateFilter(label=_("截止日期"), method="filter_until", widget=DateInput())

    def filter_official(self, queryset, name, value):
        # led it or went with it
        joined = queryset.filter(officials=value).values("pk")
        return queryset.filter(leader=value) | queryset.filter(pk__in=joined)

    def filter_since(self, queryset, name, value):
        return queryset.filter(end_date__gte=value)

    def filter_until(self, queryset, name, value):
        return queryset.filter(start_date__lte=value)


class LeadFilterSet(ListFilterSet):
    region = RegionFilter(label=_("地区"), empty_label=_("全部地区"))
    status = df.ChoiceFilter(
        label=_("状态"), choices=lambda: LeadStatus.choices, empty_label=_("全部状态")
    )
    channel = df.ChoiceFilter(
        label=_("渠道"), choices=lambda: Channel.choices, empty_label=_("全部渠道")
    )
    category = df.ChoiceFilter(
        label=_("类别"), choices=lambda: LeadCategory.choices, empty_label=_("全部类别")
    )
    industry = IndustryFilter()
    owner = _officials()
    province = df.CharFilter(label=_("投资方省份"), method="filter_province")

    def filter_province(self, queryset, name, value):
        # as stored: 上海 finds the leads of 上海市
        with contextlib.suppress(ValueError):
            value = rules.home_province(value) or value
        return queryset.filter(home_province=value.strip())

    def filter_official(self, queryset, name, value):
        return queryset.filter(owner=value)
