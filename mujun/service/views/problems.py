"""Pages of the problem ledger: list, detail with the steps the user may take, register,
edit, history, import, and the POST verbs."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.history import timeline
from mujun.core.roles import CHANGE, HANDLE, VIEW, role_allows
from mujun.core.views import (
    ObjectArchiveView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectImportView,
    ObjectListView,
    ScopedView,
)

from .. import actions
from ..choices import AT_TOWN, STATUS_BADGE, Outcome, Status
from ..filters import ProblemFilterSet
from ..forms import AcceptForm, CloseForm, HandleForm, ProblemForm, RateForm, ReplyForm, ReturnForm
from ..imports import ProblemImporter
from ..models import Problem
from ..rules import overdue_days
from ..tables import ProblemTable
from ..workdays import calendar_known


def decorate(rows, day=None):
    """Each problem's working days past its deadline (as of its closing, or today)."""
    day = day or actions.today()
    for problem in rows:
        problem.overdue_days = overdue_days(problem.due_on, problem.closed_on, day) or None
    return rows


def listed(queryset):
    """What the list, its export and the API read of each problem, in the same query."""
    return queryset.select_related("enterprise", "region", "department", "receiving_region")


class ProblemListView(ObjectListView):
    model = Problem
    filterset_class = ProblemFilterSet
    table_class = ProblemTable
    title = gettext_lazy("企业诉求")
    template_name = "service/problem_list.html"

    def get_queryset(self):
        return listed(super().get_queryset())

    def decorate(self, rows):
        return decorate(rows)


class ProblemDetailView(ScopedView):
    model = Problem

    def get_queryset(self):
        return listed(super().get_queryset()).select_related(
            "project", "officer", "visit", "common_issue"
        )

    def get(self, request, pk, forms=None, status=200):
        problem = self.get_object()
        user = request.user
        forms = forms or {}
        handles = role_allows(user, HANDLE)
        town = handles and actions.is_town(problem, user)
        receiver = handles and actions.is_receiver(problem, user)
        day = actions.today()
        decorate([problem], day)
        suggested = actions.suggested_deadline(problem, day)
        context = {
            "object": problem,
            "badge": STATUS_BADGE.get(problem.status, ""),
            "receiver": actions.receiver_name(problem),
            "timeline": timeline(problem.events.for_user(user)),
            "can_change": role_allows(user, CHANGE) and actions.is_town(problem, user),
            "is_open": problem.status != Status.CLOSED,
            "calendar_known": calendar_known(suggested),
        }
        if town and problem.status in AT_TOWN:
            context["handle_form"] = forms.get("handle") or HandleForm(
                problem=problem, initial={"deadline": suggested}
            )
        if receiver:
            context["pass_form"] = forms.get("handle") or HandleForm(
                problem=problem, initial={"handling": "escalate", "deadline": problem.due_on}
            )
            if problem.status == Status.ASSIGNED:
                context["accept_form"] = forms.get("accept") or AcceptForm()
            context["reply_form"] = forms.get("reply") or ReplyForm()
            context["return_form"] = forms.get("return") or ReturnForm()
        if town and problem.status != Status.CLOSED:
            context["close_form"] = forms.get("close") or CloseForm(
                initial={"outcome": Outcome.RESOLVED, "resolution": problem.reply}
            )
        if (
            town
            and problem.status == Status.CLOSED
            and not problem.satisfaction
            and problem.outcome != Outcome.WITHDRAWN
        ):
            context["rate_form"] = forms.get("rate") or RateForm()
        return render(request, "service/problem_detail.html", context, status=status)


class ProblemVerbView(ProblemDetailView):
    """The POST verbs on one problem; the scope is what the user may *handle* (a department
    reaches only the problems waiting for it: any other is a 404). A refusal shows the
    problem again with the reason."""

    action = HANDLE
    form_name = ""
    form_class = None

    def make_form(self, problem):
        return self.form_class(self.request.POST)

    def post(self, request, pk):
        problem = self.get_object()
        form = self.make_form(problem)
        if form.is_valid():
            try:
                message = self.perform(problem, form.cleaned_data)
            except actions.ProblemError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, message)
                return redirect("service:problem", problem.pk)
        self.action = VIEW  # shown again as a page the user may view
        return self.get(request, pk, forms={self.form_name: form}, status=400)


class ProblemHandleView(ProblemVerbView):
    form_name = "handle"

    def make_form(self, problem):
        return HandleForm(self.request.POST, problem=problem)

    def perform(self, problem, data):
        actions.handle(
            problem,
            user=self.request.user,
            handling=data["handling"],
            department=data["department"],
            region=data["region"],
            deadline=data["deadline"],
            note=data["note"],
        )
        return _("已处理：%(s)s。") % {"s": problem.get_status_display()}


class ProblemAcceptView(ProblemVerbView):
    form_name, form_class = "accept", AcceptForm

    def perform(self, problem, data):
        actions.accept(problem, user=self.request.user, note=data["note"])
        return _("已受理。")


class ProblemReplyView(ProblemVerbView):
    form_name, form_class = "reply", ReplyForm

    def perform(self, problem, data):
        actions.reply(problem, user=self.request.user, note=data["note"])
        return _("已答复，待镇街征询企业意见后办结。")


class ProblemReturnView(ProblemVerbView):
    form_name, form_class = "return", ReturnForm

    def perform(self, problem, data):
        actions.return_problem(problem, user=self.request.user, reason=data["reason"])
        return _("已退回。")


class ProblemCloseView(ProblemVerbView):
    form_name, form_class = "close", CloseForm

    def perform(self, problem, data):
        actions.close(
            problem,
            user=self.request.user,
            outcome=data["outcome"],
            resolution=data["resolution"],
            satisfaction=data["satisfaction"],
        )
        if problem.status == Status.REOPENED:
            return _("企业不满意，问题已重新办理。")
        return _("已办结。")


class ProblemRateView(ProblemVerbView):
    form_name, form_class = "rate", RateForm

    def perform(self, problem, data):
        actions.rate(problem, user=self.request.user, satisfaction=data["satisfaction"])
        return _("已记录企业评价。")


class ProblemEditView(ObjectEditView):
    model = Problem
    form_class = ProblemForm
    success_url_name = "service:problem"

    def get_initial(self):
        initial = {}
        for name in ("enterprise", "project", "visit"):
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name]
        if self.request.GET.get("visit"):
            initial["source"] = "visit"
        return initial

    def save(self, form, *, expected_version):
        return actions.save_problem(form, expected_version=expected_version, user=self.request.user)


class ProblemArchiveView(ObjectArchiveView):
    model = Problem
    success_url_name = "service:problem"

    def post(self, request, pk):
        response = super().post(request, pk)
        from .. import tally

        # an archived problem leaves the statistics; restored, it counts again
        tally.touch(self.get_object())
        return response


class ProblemHistoryView(ObjectHistoryView):
    model = Problem


class ProblemImportView(ObjectImportView):
    model = Problem
    importer_class = ProblemImporter
    title = gettext_lazy("企业诉求导入")


class ReminderReadView(ScopedView):
    """Mark one of the user's reminders read (their own only)."""

    model = Problem

    def post(self, request, pk):
        from ..models import Reminder

        reminder = get_object_or_404(Reminder, pk=pk, user=request.user)
        if reminder.read_at is None:
            from django.utils import timezone

            reminder.read_at = timezone.now()
            reminder.save(update_fields=["read_at"])
        return redirect(request.POST.get("next") or "home:home")
