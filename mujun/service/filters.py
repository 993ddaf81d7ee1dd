"""The enterprise service's list filters: the pages' forms, the API's query parameters and the
filtering of both (core/filters.py)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from mujun.core.filters import FlagFilter, ListFilterSet, RegionFilter, RowChoiceFilter, scoped_rows
from mujun.core.forms import DateInput
from mujun.officials.models import Official

from .choices import (
    DUE_SOON_DAYS,
    OPEN,
    Category,
    Handling,
    IssueStatus,
    Satisfaction,
    Source,
    Status,
    VisitKind,
)
from .models import Department


class ProblemFilterSet(ListFilterSet):
    region = RegionFilter()
    status = df.ChoiceFilter(
        label=_("状态"), choices=lambda: Status.choices, empty_label=_("全部状态")
    )
    category = df.ChoiceFilter(
        label=_("类别"), choices=lambda: Category.choices, empty_label=_("全部类别")
    )
    handling = df.ChoiceFilter(
        label=_("处理方式"), choices=lambda: Handling.choices, empty_label=_("全部方式")
    )
    source = df.ChoiceFilter(
        label=_("提出方式"), choices=lambda: Source.choices, empty_label=_("全部")
    )
    department = RowChoiceFilter(
        label=_("经办部门"),
        rows=scoped_rows(Department.objects.filter(is_archived=False), "pk", "name"),
        empty_label=_("全部部门"),
        method="filter_department",
    )
    satisfaction = df.ChoiceFilter(
        label=_("满意度"), choices=lambda: Satisfaction.choices[1:], empty_label=_("全部")
    )
    since = df.DateFilter(
        label=_("提出日期起"), field_name="raised_on", lookup_expr="gte", widget=DateInput()
    )
    until = df.DateFilter(
        label=_("提出日期止"), field_name="raised_on", lookup_expr="lte", widget=DateInput()
    )
    open = FlagFilter(label=_("只看未办结"), method="filter_open")
    overdue = FlagFilter(label=_("只看超期"), method="filter_overdue")
    due_soon = FlagFilter(label=_("只看7日内到期"), method="filter_due_soon")
    mine = FlagFilter(label=_("待我办理"), method="filter_mine")

    def filter_department(self, queryset, name, value):
        return queryset.filter(
            pk__in=Department.handled_problems.through.objects.filter(department_id=value).values(
                "problem_id"
            )
        )

    def filter_open(self, queryset, name, value):
        return queryset.filter(status__in=OPEN) if value else queryset

    def filter_overdue(self, queryset, name, value):
        from .actions import today

        return queryset.overdue(today()) if value else queryset

    def filter_due_soon(self, queryset, name, value):
        """Open problems due today or within the next 7 days (the home pages' 7日内到期)."""
        from datetime import timedelta

        from .actions import today

        if not value:
            return queryset
        day = today()
        return queryset.filter(
            status__in=OPEN, due_on__gte=day, due_on__lte=day + timedelta(days=DUE_SOON_DAYS)
        )

    def filter_mine(self, queryset, name, value):
        return queryset.waiting_for(self.request.user) if value else queryset


class VisitFilterSet(ListFilterSet):
    region = RegionFilter()
    kind = df.ChoiceFilter(
        label=_("方式"), choices=lambda: VisitKind.choices, empty_label=_("全部方式")
    )
    official = RowChoiceFilter(
        label=_("干部"),
        rows=scoped_rows(Official.objects.filter(is_archived=False), "pk", "name"),
        empty_label=_("全部干部"),
        method="filter_official",
    )
    since = df.DateFilter(
        label=_("起始日期"), field_name="visited_on", lookup_expr="gte", widget=DateInput()
    )
    until = df.DateFilter(
        label=_("截止日期"), field_name="visited_on", lookup_expr="lte", widget=DateInput()
    )

    def filter_official(self, queryset, name, value):
        return queryset.filter(
            pk__in=queryset.model.officials.through.objects.filter(official_id=value).values(
                "visit_id"
            )
        )


class DepartmentFilterSet(ListFilterSet):
    region = RegionFilter(label=_("所属地区"), empty_label=_("全部地区"))


class CommonIssueFilterSet(ListFilterSet):
    status = df.ChoiceFilter(
        label=_("状态"), choices=lambda: IssueStatus.choices, empty_label=_("全部状态")
    )
    category = df.ChoiceFilter(
        label=_("类别"), choices=lambda: Category.choices, empty_label=_("全部类别")
    )


class LiaisonFilterSet(ListFilterSet):
    region = RegionFilter()
    official = RowChoiceFilter(
        label=_("干部"),
        rows=scoped_rows(Official.objects.filter(is_archived=False), "pk", "name"),
        empty_label=_("全部干部"),
        field_name="official_id",
    )
