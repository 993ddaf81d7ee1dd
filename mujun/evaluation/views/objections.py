"""Pages of the objections to a run's results: filing one from a result, listing, resolving."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.roles import ADD, CHANGE
from mujun.core.views import ObjectHistoryView, ObjectListView, ScopedView
from mujun.enterprises.models import Enterprise

from .. import actions, labels
from ..choices import ObjectionStatus
from ..columns import extra_columns
from ..filters import ObjectionFilterSet
from ..forms import ObjectionForm, ResolveForm
from ..models import EvaluationRun, Objection
from ..reportcard import run_scheme
from ..tables import ObjectionTable
from . import may
from .runs import ResultDetailView


class ResultObjectionView(ResultDetailView):
    """POST: an officer records the enterprise's objection with the corrected figures."""

    action = ADD

    def post(self, request, pk):
        result = self.get_object()
        form = ObjectionForm(request.POST, scheme_text=result.run.scheme_text)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        try:
            actions.file_objection(
                result,
                note=form.cleaned_data["note"],
                corrections=form.corrections(),
                user=request.user,
            )
        except actions.EvaluationProblem as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
            return self.get(request, pk, form=form)
        messages.success(request, _("异议已登记，待评价地区的经办人处理。"))
        return redirect("evaluation:result", result.pk)


class ObjectionListView(ObjectListView):
    model = Objection
    filterset_class = ObjectionFilterSet
    template_name = "evaluation/objection_list.html"
    table_class = ObjectionTable
    title = gettext_lazy("异议")

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise__region", "run", "new_run")

    def extra_context(self):
        return {"can_add": False, "section": "objections"}


class ObjectionDetailView(ScopedView):
    model = Objection

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "run", "new_run", "filed_by")

    def get(self, request, pk, form=None, status=200):
        objection = self.get_object()
        others, hidden = visible_others(request.user, objection.others_changed)
        run = objection.run
        extras = extra_columns([run_scheme(run)])
        corrections = [labels.labelled(c, v, extras) for c, v in objection.corrections.items()]
        return render(
            request,
            "evaluation/objection_detail.html",
            {
                "object": objection,
                "corrections": corrections,
                "decimals": run.score_decimals,
                "others": others,
                "others_hidden": hidden,
                "form": form or ResolveForm(),
                # resolving changes the run (a new version): only who may change the run
                "can_resolve": objection.status == ObjectionStatus.OPEN
                and may(request.user, objection.run, CHANGE),
                "section": "objections",
            },
            status=status,
        )


def visible_others(user, others: list[dict]) -> tuple[list[dict], int]:
    """The enterprises whose class moved with an accepted objection that ``user`` may see, and
    how many others moved (an officer of one town sees the count, never another town's
    names). One query."""
    usccs = [o["uscc"] for o in others]
    seen = set(
        Enterprise.objects.for_user(user).filter(uscc__in=usccs).values_list("uscc", flat=True)
    )
    shown = [o for o in others if o["uscc"] in seen]
    return shown, len(others) - len(shown)


class ObjectionResolveView(ObjectionDetailView):
    action = CHANGE

    def post(self, request, pk):
        objection = self.get_object()
        # Accepting makes a new version of the county's run: only users who may change that run.
        if (
            not EvaluationRun.objects.for_user(request.user, CHANGE)
            .filter(pk=objection.run_id)
            .exists()
        ):
            raise PermissionDenied(_("须由评价地区的经办人或管理员处理异议。"))
        form = ResolveForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form=form, status=400)
        verb = (
            actions.accept_objection
            if form.cleaned_data["decision"] == "accept"
            else (actions.reject_objection)
        )
        try:
            verb(objection, resolution=form.cleaned_data["resolution"], user=request.user)
        except actions.EvaluationProblem as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
            return self.get(request, pk, form=form, status=400)
        messages.success(request, _("异议已处理。"))
        return redirect("evaluation:objection", objection.pk)


class ObjectionHistoryView(ObjectHistoryView):
    model = Objection
