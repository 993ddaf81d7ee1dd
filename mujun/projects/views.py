from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.history import timeline
from mujun.core.roles import CHANGE, role_allows
from mujun.core.views import (
    ObjectEditView,
    ObjectHistoryView,
    ObjectImportView,
    ObjectListView,
    ScopedView,
)

from . import actions, tally
from .alerts import today
from .figures import summary_lead
from .filters import ProjectFilterSet
from .forms import PlanForm, ProjectForm, ReportForm, StageForm, SummaryForm
from .imports import MonthlyReportImporter
from .listing import decorate
from .models import Project
from .rules import MILESTONE_LABELS, days_late, summary_sentence
from .stages import StageError, next_stage
from .tables import ProjectTable


class ProjectListView(ObjectListView):
    model = Project
    filterset_class = ProjectFilterSet
    table_class = ProjectTable
    title = gettext_lazy("项目库")
    template_name = "projects/project_list.html"

    def get_queryset(self):
        return super().get_queryset().listed()

    def filtered(self, filterset):
        self.as_of = filterset.alerts_day() if filterset.is_valid() else today()
        return super().filtered(filterset)

    def decorate(self, rows):
        # the tiers and the liaison leaders cost a query each: read while their columns show
        needs = self.table_class([], user=self.request.user).needs()
        return decorate(rows, self.as_of, tiers="tiers" in needs, leaders="leaders" in needs)


class ProjectDetailView(ScopedView):
    model = Project

    def get(self, request, pk):
        project = self.get_object()
        decorate([project])
        as_of = today()
        milestones = [
            {
                "label": label,
                "planned": project.planned_dates()[key],
                "actual": project.actual_dates()[key],
                "late": days_late(project.planned_dates()[key], project.actual_dates()[key], as_of),
            }
            for key, label in MILESTONE_LABELS.items()
        ]
        can_change = role_allows(request.user, CHANGE)
        from mujun.attraction.models import Lead
        from mujun.service.views.liaisons import liaisons_of
        from mujun.service.views.problems import decorate as with_overdue

        # the project's open problems are the enterprise-problem ledger's (SPEC §7)
        problems = with_overdue(
            list(
                project.service_problems.for_user(request.user)
                .open()
                .filter(is_archived=False)
                .select_related("enterprise", "department", "receiving_region")
            )
        )
        return render(
            request,
            "projects/project_detail.html",
            {
                "object": project,
                "milestones": milestones,
                "plans": project.plans.filter(is_archived=False).order_by("-year"),
                "reports": project.reports.filter(is_archived=False).order_by("-year", "-month")[
                    :24
                ],
                "timeline": timeline(project.events.for_user(request.user)),
                "liaisons": liaisons_of(request.user, project),
                # the lead it was signed from, as the user may see it
                "lead": Lead.objects.for_user(request.user)
                .filter(project=project, is_archived=False)
                .first(),
                "open_problems": problems,
                "can_change": can_change,
                # the next stage, not the first: a careless save never moves a project back
                "stage_form": StageForm(
                    initial={"date": as_of, "stage": next_stage(project.stage)}
                ),
                "plan_form": PlanForm(initial={"year": as_of.year}),
                "report_form": ReportForm(initial={"year": as_of.year, "month": as_of.month}),
            },
        )


class ProjectEditView(ObjectEditView):
    model = Project
    form_class = ProjectForm
    success_url_name = "projects:project"

    def save(self, form, *, expected_version):
        return actions.save_project(form, expected_version=expected_version, user=self.request.user)


class ProjectHistoryView(ObjectHistoryView):
    model = Project


class ProjectActionView(ScopedView):
    """The POST-only verbs on one project: stage, plan, monthly report."""

    model = Project
    action = CHANGE
    form_class = None

    def post(self, request, pk):
        project = self.get_object()
        form = self.form_class(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                for error in errors:
                    label = form.fields[field].label if field in form.fields else ""
                    messages.error(request, f"{label}：{error}" if label else error)
            return redirect("projects:project", project.pk)
        try:
            self.perform(project, form.cleaned_data)
        except StageError as exc:
            messages.error(request, str(exc))
        return redirect("projects:project", project.pk)


class ProjectStageView(ProjectActionView):
    form_class = StageForm

    def perform(self, project, data):
        actions.move_stage(
            project, stage=data["stage"], on=data["date"], user=self.request.user, note=data["note"]
        )
        messages.success(
            self.request, _("阶段已更新为“%(s)s”。") % {"s": project.get_stage_display()}
        )


class ProjectPlanView(ProjectActionView):
    form_class = PlanForm

    def perform(self, project, data):
        actions.set_plan(
            project,
            year=data["year"],
            planned_investment=data["planned_investment"],
            user=self.request.user,
        )
        messages.success(self.request, _("%(y)s年度计划已保存。") % {"y": data["year"]})


class ProjectReportView(ProjectActionView):
    form_class = ReportForm

    def perform(self, project, data):
        actions.file_report(project, user=self.request.user, **data)
        messages.success(
            self.request, _("%(y)s年%(m)s月报表已保存。") % {"y": data["year"], "m": data["month"]}
        )


class MonthlyReportImportView(ObjectImportView):
    model = Project
    action = CHANGE
    importer_class = MonthlyReportImporter
    title = gettext_lazy("月度报表导入")


class ProjectSummaryView(ScopedView):
    """The aggregate and its sentence for a region, tier and period (SPEC §3)."""

    model = Project

    def get(self, request):
        day = today()
        # the last month whose reports are due: on 7 December, 1 to 11月
        last = day.replace(day=1) - timedelta(days=1)
        form = SummaryForm(
            request.GET or {"year": last.year, "month": last.month, "basis": "started"},
            user=request.user,
        )
        result = None
        if form.is_valid():
            data = form.cleaned_data
            summary = tally.summary(
                self.get_queryset(),
                user=request.user,
                region=data["region"],
                tier=data["tier"],
                basis=data["basis"],
                year=data["year"],
                month=data["month"],
                action=self.get_action(),
            )
            sentence = summary_sentence(
                lead=summary_lead(data["basis"], data["year"], day),
                tier=data["tier"].name if data["tier"] else "",
                count=summary.count,
                total_investment=summary.total_investment,
                planned=summary.planned,
                completed=summary.completed,
                month=data["month"],
            )
            result = {"summary": summary, "sentence": sentence}
        return render(request, "projects/project_summary.html", {"form": form, "result": result})
