"""The project list's filters: the page's form, the API's query parameters and the filtering
of both (core/filters.py)."""

from datetime import timedelta

import django_filters as df
from django.utils.translation import gettext_lazy as _

from mujun.core.filters import FlagFilter, ListFilterSet, RegionFilter, RowChoiceFilter, all_rows
from mujun.core.forms import DateInput
from mujun.enterprises.filters import IndustryFilter

from . import alerts
from .choices import AlertLevel, Stage
from .models import BILLION_WAN, LAGGING_LEVELS, ProjectTag

ALERT_CHOICES = [("lagging", _("黄色及红色")), *AlertLevel.choices]


class ProjectFilterSet(ListFilterSet):
    region = RegionFilter()
    stage = df.ChoiceFilter(
        label=_("阶段"), choices=lambda: Stage.choices, empty_label=_("全部阶段")
    )
    tier = RowChoiceFilter(
        label=_("层级"),
        field_name="tags__key",
        rows=all_rows(ProjectTag.objects.all(), "key", "name"),
        empty_label=_("全部层级"),
    )
    billion = FlagFilter(label=_("亿元以上"), method="filter_billion")
    industry = IndustryFilter()
    alert = df.ChoiceFilter(
        label=_("预警"), choices=lambda: ALERT_CHOICES, empty_label=_("全部"), method="filter_alert"
    )
    leader = df.CharFilter(
        label=_("联系领导"), field_name="liaison_leader", lookup_expr="icontains"
    )
    unreported = FlagFilter(
        label=_("上月未报月度报表"),
        method="filter_unreported",
        help_text=_("上月所在年度列入计划、上月月度报表未报的项目"),
    )
    as_of = df.DateFilter(
        label=_("截至日期"),
        method="filter_as_of",
        help_text=_("预警按此日期计算，默认今天"),
        widget=DateInput(),
    )

    def filter_billion(self, queryset, name, value):
        return queryset.filter(total_investment__gte=BILLION_WAN) if value else queryset

    def filter_alert(self, queryset, name, value):
        as_of = self.alerts_day()
        if as_of != alerts.today():
            # another day's alert is computed, not stored
            return alerts.filter_alert_as_of(queryset, value, as_of)
        if value == "lagging":
            return queryset.filter(alert_level__in=LAGGING_LEVELS)
        return queryset.filter(alert_level=value)

    def filter_unreported(self, queryset, name, value):
        if not value:
            return queryset
        # reports are filed for ended months: in December, November's is the one due
        last = alerts.today().replace(day=1) - timedelta(days=1)
        return queryset.unreported(last.year, last.month)

    def filter_as_of(self, queryset, name, value):
        # the date the alerts are shown and filtered for (``alerts_day()``), not a filter of rows
        return queryset

    def alerts_day(self):
        """The day the list's alerts are for: the form's ``as_of``, or today."""
        data = self.form.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("as_of") or alerts.today()
