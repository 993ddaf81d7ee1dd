"""The indicator catalogue and an indicator's page: its figures for a region and period, with
the rule behind each, and the charts."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from mujun.core.roles import ADD, MANAGE, VIEW, role_allows
from mujun.core.views import xlsx_file_response
from mujun.regions.models import Region

from .. import reports
from ..derive import Context
from ..forms import IndicatorForm, PeriodForm, default_period
from ..models import Indicator, IndicatorValue
from ..tables import IndicatorTable


class CatalogueView(LoginRequiredMixin, View):
    """The catalogue is not regional data: every role that may view reads it, and only roles
    that manage the installation (admins) change it."""

    action = VIEW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not role_allows(request.user, self.action):
            raise PermissionDenied(_("您的角色无权执行此操作。"))
        return super().dispatch(request, *args, **kwargs)


class IndicatorListView(CatalogueView):
    def get(self, request):
        indicators = Indicator.objects.select_related("part_of")
        table = IndicatorTable(indicators)
        if request.GET.get("export") == "xlsx":
            return xlsx_file_response(table.write_xlsx, _("指标目录"))
        return render(
            request,
            "indicators/indicator_list.html",
            {
                "table": table,
                "count": len(indicators),
                "can_manage": role_allows(request.user, MANAGE),
            },
        )


class IndicatorEditView(CatalogueView):
    action = MANAGE

    def get_instance(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(Indicator, pk=pk) if pk else None

    def get(self, request, **kwargs):
        obj = self.get_instance()
        return self._render(IndicatorForm(instance=obj), obj)

    def post(self, request, **kwargs):
        obj = self.get_instance()
        form = IndicatorForm(request.POST, instance=obj)
        if not form.is_valid():
            return self._render(form, obj, status=400)
        saved = form.save(commit=False)
        saved._history_user = request.user
        saved.save()
        messages.success(request, _("已保存。"))
        return redirect("indicators:indicator", saved.pk)

    def _render(self, form, obj, status=200):
        return render(
            request=self.request,
            template_name="indicators/indicator_form.html",
            context={"form": form, "object": obj},
            status=status,
        )


def _home_region(user):
    """The region a page opens on: the user's own, or the top of a superuser's tree."""
    if getattr(user, "region", None) is not None:
        return user.region
    return Region.objects.for_user(user).filter(is_peer=False).order_by("path").first()


def _latest_period(user, region, indicator):
    latest = (
        IndicatorValue.objects.for_user(user)
        .filter(region=region, indicator=indicator, is_archived=False)
        .order_by("-year", "-month")
        .values_list("year", "month")
        .first()
    )
    return latest or default_period()


class IndicatorDetailView(CatalogueView):
    def get(self, request, pk):
        indicator = get_object_or_404(Indicator.objects.select_related("part_of"), pk=pk)
        user = request.user
        form = PeriodForm(request.GET or None, user=user)
        page = {"indicator": indicator, "can_manage": role_allows(user, MANAGE)}
        if request.GET and not form.is_valid():
            # another town is not among the choices: the form says so, nothing is read
            return render(request, "indicators/indicator_detail.html", {**page, "form": form})
        if request.GET:
            region = form.cleaned_data["region"]
            year, month = form.cleaned_data["year"], form.cleaned_data["month"]
        else:
            region = _home_region(user)
            if region is None:
                return render(request, "indicators/indicator_detail.html", {"indicator": indicator})
            year, month = _latest_period(user, region, indicator)
            form = PeriodForm(initial={"region": region, "year": year, "month": month}, user=user)
        stored = (
            IndicatorValue.objects.for_user(user)
            .filter(region=region, indicator=indicator, year=year, month=month, is_archived=False)
            .select_related("region__parent", "indicator")
            .first()
        )
        row = stored or IndicatorValue(
            region=region, indicator=indicator, year=year, month=month, value=None
        )
        derived = Context(user, [row]).derive(row)
        return render(
            request,
            "indicators/indicator_detail.html",
            {
                **page,
                "form": form,
                "region": region,
                "year": year,
                "month": month,
                "value": stored,
                "d": derived,
                "can_sum": role_allows(user, ADD)
                and derived.children.total.ok
                and (stored is None or derived.children.mismatch),
                "trend": reports.trend(user=user, region=region, indicator=indicator, year=year),
                "comparison": reports.comparison(
                    user=user, region=region, indicator=indicator, year=year, month=month
                ),
            },
        )
