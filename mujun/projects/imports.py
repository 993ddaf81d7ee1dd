"""Importing monthly reports from Excel, matched by project code + year + month."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import Form
from mujun.core.imports import Column, Importer

from . import actions, tally
from .alerts import refresh_alerts
from .models import MonthlyReport, Project


class ReportRowForm(Form):
    """One row: the project must be in the importing user's scope."""

    project = forms.CharField(label=_("项目编号"))
    year = forms.IntegerField(label=_("年"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月"), min_value=1, max_value=12)
    completed_investment = forms.DecimalField(
        label=_("本月完成投资（万元）"), min_value=0, max_digits=18, decimal_places=4
    )
    progress_note = forms.CharField(label=_("形象进度"), required=False)
    problems = forms.CharField(label=_("存在问题"), required=False)

    def __init__(self, data, *, instance=None, user=None):
        super().__init__(data)
        self.instance = instance
        self.user = user

    def clean_project(self):
        code = self.cleaned_data["project"].strip()
        project = Project.objects.for_user(self.user, "change").filter(code=code).first()
        if project is None:
            raise forms.ValidationError(
                _("未知的项目编号“%(c)s”（或不在您的管辖范围内）") % {"c": code}
            )
        return project

    def has_changed(self):
        if self.instance is None:
            return True
        data = self.cleaned_data
        return (
            self.instance.completed_investment != data["completed_investment"]
            or self.instance.progress_note != data["progress_note"]
            or self.instance.problems != data["problems"]
        )


class MonthlyReportImporter(Importer):
    # The natural key is three columns; rows are keyed by them joined (see normalise_key).
    key_field = "key"
    form_class = ReportRowForm
    columns = [
        Column("project", "项目编号", required=True),
        Column("year", "年", required=True, help="如 2026"),
        Column("month", "月", required=True, help="1 至 12"),
        Column("completed_investment", "本月完成投资（万元）", required=True, help="单位：万元"),
        Column("progress_note", "形象进度"),
        Column("problems", "存在问题"),
    ]

    def __init__(self, user):
        super().__init__(user)
        self.touched = set()
        # the (region id, year) pairs of the summary's tally the file changed
        self.counted = set()

    def row_key(self, data: dict) -> str:
        if not all(str(data.get(f, "")).strip() for f in ("project", "year", "month")):
            return ""
        return "|".join(str(data.get(f, "")).strip() for f in ("project", "year", "month"))

    def find_existing(self, key):
        code, year, month = key.split("|")
        if not (year.isdigit() and month.isdigit()):
            return None
        return MonthlyReport.objects.filter(
            project__code=code, year=int(year), month=int(month)
        ).first()

    def save_form(self, form):
        data = dict(form.cleaned_data)
        project = data.pop("project")
        _report, changed = actions.file_report(project, user=self.user, refresh_alert=False, **data)
        if changed:
            self.touched.add(project.pk)
            self.counted.add((project.region_id, data["year"]))
        return changed

    def after_import(self):
        # One alert refresh and one recount for all projects the file changed, not one per row.
        refresh_alerts(Project.objects.filter(pk__in=self.touched))
        tally.recount(self.counted)
