"""Pages of the month's figures: list, detail, edit, archive, history, import, and the sum of a region's children."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mujun.core.history import timeline
from mujun.core.roles import ADD, CHANGE, DELETE, role_allows
from mujun.core.views import (
    ObjectArchiveView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectImportView,
    ObjectListView,
    ScopedView,
)
from mujun.regions.models import Region

from ..actions import CannotSum, save_value, sum_from_children
from ..derive import decorate
from ..filters import IndicatorValueFilterSet
from ..forms import IndicatorValueForm
from ..imports import IndicatorValueImporter
from ..models import Indicator, IndicatorValue
from ..tables import IndicatorValueTable


class IndicatorValueListView(ObjectListView):
    model = IndicatorValue
    filterset_class = IndicatorValueFilterSet
    table_class = IndicatorValueTable
    title = _("经济指标")
    template_name = "indicators/indicatorvalue_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "indicator")

    def decorate(self, rows):
        return decorate(self.request.user, rows)


class IndicatorValueDetailView(ScopedView):
    model = IndicatorValue

    def get_queryset(self):
        return super().get_queryset().select_related("region__parent", "indicator")

    def get(self, request, pk):
        value = self.get_object()
        decorate(request.user, [value])
        user = request.user
        return render(
            request,
            "indicators/indicatorvalue_detail.html",
            {
                "object": value,
                "d": value.derived,
                "timeline": timeline(value.events.for_user(user)),
                "can_change": role_allows(user, CHANGE),
                "can_delete": role_allows(user, DELETE),
            },
        )


class IndicatorValueEditView(ObjectEditView):
    model = IndicatorValue
    form_class = IndicatorValueForm
    success_url_name = "indicators:indicatorvalue"

    def save(self, form, *, expected_version):
        return save_value(form, expected_version=expected_version, user=self.request.user)


class IndicatorValueArchiveView(ObjectArchiveView):
    model = IndicatorValue
    success_url_name = "indicators:indicatorvalue"


class IndicatorValueHistoryView(ObjectHistoryView):
    model = IndicatorValue


class IndicatorValueImportView(ObjectImportView):
    model = IndicatorValue
    importer_class = IndicatorValueImporter
    title = _("指标数据导入")


class SumChildrenView(ScopedView):
    """POST: write a region's figure as the sum of its children's (来源：下级汇总)."""

    model = IndicatorValue
    action = ADD

    def post(self, request):
        region = get_object_or_404(
            Region.objects.for_user(request.user, ADD), pk=request.POST.get("region")
        )
        indicator = get_object_or_404(Indicator, pk=request.POST.get("indicator"))
        try:
            year, month = int(request.POST["year"]), int(request.POST["month"])
        except (KeyError, ValueError):
            messages.error(request, _("年份或月份无效。"))
            return redirect("indicators:indicator", indicator.pk)
        try:
            value = sum_from_children(
                region=region, indicator=indicator, year=year, month=month, user=request.user
            )
        except CannotSum as exc:
            messages.error(request, _("无法汇总：%(r)s") % {"r": exc})
            url = reverse("indicators:indicator", args=[indicator.pk])
            return redirect(f"{url}?region={region.pk}&year={year}&month={month}")
        messages.success(request, _("已按下级合计写入。"))
        return redirect("indicators:indicatorvalue", value.pk)
