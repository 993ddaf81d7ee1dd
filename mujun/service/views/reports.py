"""Pages of the reports: coverage of a key list by visits, and the problem statistics of a
region's period (with its sentence and Excel)."""

from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from mujun.core.roles import VIEW
from mujun.core.views import ScopedView, xlsx_response
from mujun.regions.models import Region

from .. import actions, exports
from ..forms import KEY_LISTS, CoverageForm, MonthsForm, PeriodForm
from ..models import Problem, Visit
from ..reports import coverage_report, stats_report


def home_region(user):
    return (
        getattr(user, "region", None)
        or Region.objects.filter(parent__isnull=True, is_peer=False).first()
    )


class ReportView(ScopedView):
    action = VIEW
    form_class = PeriodForm

    def form(self):
        data = self.request.GET
        if not data.get("region"):
            region = home_region(self.request.user)
            day = actions.today()
            data = {
                "region": region.code if region else "",
                "start": date(day.year, 1, 1).isoformat(),
                "end": day.isoformat(),
                "list": "key",
            }
        return self.form_class(data, user=self.request.user)


class CoverageView(ReportView):
    model = Visit
    form_class = CoverageForm

    def get(self, request):
        form = self.form()
        report = None
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = coverage_report(
                    request.user, data["region"], data["start"], data["end"], data["list"], request
                )
            except ValueError as exc:
                form.add_error("list", str(exc))
            else:
                if request.GET.get("format") == "xlsx":
                    name = f"{report.region.name}走访覆盖"
                    return xlsx_response(exports.coverage_xlsx(report), name)
        return render(
            request,
            "service/coverage.html",
            {"form": form, "report": report, "key_lists": KEY_LISTS, "section": "coverage"},
        )


class StatsView(ReportView):
    model = Problem
    form_class = MonthsForm

    def form(self):
        data = self.request.GET
        if not data.get("region"):
            region = home_region(self.request.user)
            day = actions.today()
            data = {
                "region": region.code if region else "",
                "start": f"{day.year}-01",
                "end": f"{day.year}-{day.month:02d}",
            }
        return self.form_class(data, user=self.request.user)

    def get(self, request):
        form = self.form()
        report = None
        if form.is_valid():
            data = form.cleaned_data
            report = stats_report(
                request.user, data["region"], data["first"], data["last"], actions.today()
            )
            if request.GET.get("format") == "xlsx":
                return xlsx_response(
                    exports.stats_xlsx(report), f"{report.region.name}企业诉求统计"
                )
        return render(
            request,
            "service/stats.html",
            {"form": form, "report": report, "title": _("诉求统计"), "section": "stats"},
        )
