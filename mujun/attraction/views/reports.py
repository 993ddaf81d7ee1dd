"""Pages of the attraction reports: a region's statistics for a period (with its sentence, its
regions and officials, Excel and Word), the 一月一招商 check, and the funnel."""

from datetime import timedelta

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from mujun.core.roles import VIEW
from mujun.core.views import ScopedView, xlsx_response
from mujun.core.word import (
    add_body,
    add_table,
    add_title,
    docx_bytes,
    docx_response,
    new_document,
)
from mujun.regions.models import Region

from .. import actions, exports, rules
from ..forms import CheckForm, StatsForm
from ..funnel import funnel_report
from ..models import Activity
from ..reports import attraction_report, monthly_misses


def home_region(user):
    """The region a user's reports open on: their own, or (with none) the installation's top."""
    return (
        getattr(user, "region", None)
        or Region.objects.filter(parent__isnull=True, is_peer=False).first()
    )


def default_months() -> tuple[str, str]:
    """January to the last complete month (a January shows last year's whole)."""
    last = actions.today().replace(day=1) - timedelta(days=1)
    return f"{last.year}-01", f"{last.year}-{last.month:02d}"


def presets() -> list[tuple[str, str, str]]:
    return [(_(label), start, end) for label, start, end in rules.period_presets(actions.today())]


class ReportView(ScopedView):
    model = Activity
    action = VIEW
    form_class = StatsForm

    def form(self):
        data = self.request.GET
        if not data.get("region"):
            region = home_region(self.request.user)
            start, end = default_months()
            data = {"region": region.code if region else "", "start": start, "end": end}
        return self.form_class(data, user=self.request.user)


class StatsView(ReportView):
    def get(self, request):
        form = self.form()
        report = None
        if form.is_valid():
            report = attraction_report(
                request.user, form.cleaned_data["region"], form.cleaned_data["period"]
            )
            kind = request.GET.get("format")
            name = f"{report.region.name}{report.period.text()}招商引资统计"
            if kind == "xlsx":
                return xlsx_response(exports.report_xlsx(report), name)
            if kind == "docx":
                return docx_response(_report_docx(report, name), name)
        return render(
            request,
            "attraction/stats.html",
            {
                "form": form,
                "report": report,
                "title": _("招商统计"),
                "section": "stats",
                "presets": presets(),
            },
        )


def _report_docx(report, title: str) -> bytes:
    doc = new_document()
    add_title(doc, title)
    add_body(doc, report.sentence)
    headers, rows = exports.region_rows(report)
    add_table(doc, headers, rows, title="附：分地区情况")
    return docx_bytes(doc)


class MonthlyCheckView(ReportView):
    """一月一招商: the principal officials who led or joined no activity, month by month."""

    form_class = CheckForm

    def form(self):
        data = self.request.GET
        if not data.get("region"):
            region = home_region(self.request.user)
            data = {"region": region.code if region else "", "year": actions.today().year}
        return self.form_class(data, user=self.request.user)

    def get(self, request):
        form = self.form()
        grid = months = None
        if form.is_valid():
            year = form.cleaned_data["year"]
            grid = monthly_misses(request.user, form.cleaned_data["region"], year)
            today = actions.today()
            # the months that have begun: a month to come is no miss yet
            months = [m for m in range(1, 13) if (year, m) <= (today.year, today.month)]
            grid = [(official, [misses[m - 1] for m in months]) for official, misses in grid]
        return render(
            request,
            "attraction/monthly_check.html",
            {
                "form": form,
                "grid": grid,
                "months": months,
                "title": _("一月一招商"),
                "section": "check",
            },
        )


class FunnelView(ReportView):
    def get(self, request):
        form = self.form()
        report = None
        if form.is_valid():
            report = funnel_report(
                request.user, form.cleaned_data["region"], form.cleaned_data["period"]
            )
        return render(
            request,
            "attraction/funnel.html",
            {
                "form": form,
                "report": report,
                "title": _("招商漏斗"),
                "section": "funnel",
                "presets": presets(),
            },
        )
