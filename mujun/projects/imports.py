"""Importing monthly reports from Excel, matched by project code + year + month.

A file is checked and written as a set (core/bulk_imports.py): the projects of its codes that
the user may change and the stored reports of those projects and years are read once, the
reports and their audit trail written in bulk, each written report's ledger event with them,
and the alerts of the projects the file changed refreshed and the summary's tally of their
towns and years recounted once at the end."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.bulk_imports import SetImporter, chunks, where_in
from mujun.core.forms import Form
from mujun.core.imports import Column
from mujun.core.roles import CHANGE

from . import events, tally
from .actions import report_changes, report_values
from .alerts import refresh_alerts
from .models import MonthlyReport, Project

# the columns a report's values come from; the project, year and month are its key
VALUE_FIELDS = ("completed_investment", "progress_note", "problems")


class ReportRowForm(Form):
    """One row's cells: the import cleans each with its field (the project's code is looked
    up among the projects the user may change, read once per file)."""

    project = forms.CharField(label=_("项目编号"))
    year = forms.IntegerField(label=_("年"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月"), min_value=1, max_value=12)
    completed_investment = forms.DecimalField(
        label=_("本月完成投资（万元）"), min_value=0, max_digits=18, decimal_places=4
    )
    progress_note = forms.CharField(label=_("形象进度"), required=False)
    problems = forms.CharField(label=_("存在问题"), required=False)

    def __init__(self, data=None, *, instance=None, user=None):
        super().__init__(data)
        self.instance = instance
        self.user = user


def unknown_project(code: str) -> str:
    return str(_("未知的项目编号“%(c)s”（或不在您的管辖范围内）") % {"c": code})


class MonthlyReportImporter(SetImporter):
    model = MonthlyReport
    model_fields = ("year", "month", *VALUE_FIELDS)
    # The natural key is three columns (project, year, month), built by ``key_of``; a key
    # twice in one file is named on the row, not on one of its columns.
    key_field = "key"
    matched_by = _("项目编号、年和月")
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
        self.projects, self.stored, self.touched = {}, {}, set()
        # the (region id, year) pairs of the summary's tally the file changed
        self.counted = set()

    def key_of(self, values, text):
        parts = tuple(values.get(f) for f in ("project", "year", "month"))
        return None if None in parts or "" in parts else parts

    def load_stored(self, keys):
        """The projects of the file's codes that the user may change, and their stored reports
        of the file's years, by (code, year, month)."""
        codes = {code for code, _year, _month in keys}
        self.projects = {}
        changeable = Project.objects.for_user(self.user, CHANGE).only("pk", "code", "region_id")
        for part in chunks(sorted(codes)):
            for project in changeable.filter(code__in=part):
                self.projects[project.code] = project
        wanted = set(keys)
        years = {year for _code, year, _month in keys}
        code_of = {project.pk: code for code, project in self.projects.items()}
        stored = MonthlyReport._base_manager.filter(year__in=years).order_by("pk")
        fields = ("pk", "project_id", "year", "month", "is_archived", *VALUE_FIELDS)
        self.stored = {}
        for row in where_in(stored.values(*fields), "project_id", list(code_of)):
            key = (code_of[row["project_id"]], row["year"], row["month"])
            if key in wanted:
                self.stored.setdefault(key, row)

    def check_row(self, row, present):
        code = row.values["project"]
        if code not in self.projects:
            return [("project", unknown_project(code))]
        return []

    def write(self, rows, present, result, report):
        # a column left out of the file keeps what is stored (core/bulk_imports.py)
        fields = [f for f in VALUE_FIELDS if f in present]
        new, changes, touched = [], {}, set()
        for row in rows:
            values = report_values(**{f: row.values[f] for f in fields})
            stored = self.stored.get(row.key)
            if stored is None:
                new.append((row, values))
            elif change := report_changes(stored, values):
                changes[stored["pk"]] = change
            else:
                result.unchanged += 1
                continue
            project = self.projects[row.values["project"]]
            self.counted.add((project.region_id, row.values["year"]))
        by_pk = {project.pk: project for project in self.projects.values()}
        for objects in self.update_in_bulk(MonthlyReport, changes):
            for filed in objects:
                filed.project = by_pk[filed.project_id]
            self._ledger(objects, corrected=True)
            touched.update(filed.project_id for filed in objects)
            result.updated += len(objects)
        for part in chunks(new):
            objects = [
                MonthlyReport(
                    project=self.projects[row.values["project"]],
                    year=row.values["year"],
                    month=row.values["month"],
                    **values,
                )
                for row, values in part
            ]
            self.create_objects_in_bulk(MonthlyReport, objects)
            self._ledger(objects, corrected=False)
            touched.update(filed.project_id for filed in objects)
            result.created += len(part)
            report(checked=len(rows), written=result.created + result.updated, problems=[])
        self.touched = touched

    def _ledger(self, reports, *, corrected: bool) -> None:
        events.save_all(
            [
                events.report_filed(report=filed, user=self.user, corrected=corrected, commit=False)
                for filed in reports
            ]
        )

    def after_import(self):
        # one alert refresh for every project the file changed, not one a row (SPEC §3), and
        # one recount of the summary's tally for the towns and years it changed
        for part in chunks(sorted(self.touched)):
            refresh_alerts(Project.objects.filter(pk__in=part))
        tally.recount(self.counted)
