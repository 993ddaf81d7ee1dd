"""Pages of the liaison assignments: the list, and setting an enterprise's or a project's
liaison officials and commissioners."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.forms import ScopedFormMixin
from mujun.core.roles import CHANGE, VIEW
from mujun.core.views import ObjectListView, ScopedView
from mujun.officials.models import Official

from .. import actions
from ..choices import LiaisonRole
from ..filters import LiaisonFilterSet
from ..models import Liaison
from ..tables import LiaisonTable


class LiaisonListView(ObjectListView):
    model = Liaison
    filterset_class = LiaisonFilterSet
    table_class = LiaisonTable
    title = gettext_lazy("联系干部")
    template_name = "service/liaison_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("official", "enterprise", "project", "region")


class LiaisonForm(ScopedFormMixin, forms.Form):
    scope_action = VIEW
    leaders = forms.ModelMultipleChoiceField(
        label=LiaisonRole.LEADER.label,
        queryset=Official.objects.filter(is_archived=False),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    commissioners = forms.ModelMultipleChoiceField(
        label=LiaisonRole.COMMISSIONER.label,
        queryset=Official.objects.filter(is_archived=False),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


def current(subject) -> dict:
    field = "project" if subject._meta.model_name == "project" else "enterprise"
    rows = Liaison.objects.filter(**{field: subject}, is_archived=False)
    return {
        "leaders": [r.official_id for r in rows if r.role == LiaisonRole.LEADER],
        "commissioners": [r.official_id for r in rows if r.role == LiaisonRole.COMMISSIONER],
    }


class LiaisonEditView(ScopedView):
    """``subject_model`` is the enterprise or the project whose liaisons are set."""

    action = CHANGE
    subject_model = None
    back = ""

    def get_queryset(self):
        return self.subject_model.objects.for_user(self.request.user, CHANGE)

    def get(self, request, pk, form=None, status=200):
        subject = self.get_object()
        form = form or LiaisonForm(initial=current(subject), user=request.user)
        return render(
            request,
            "service/liaison_form.html",
            {"subject": subject, "form": form, "back": self.back},
            status=status,
        )

    def post(self, request, pk):
        subject = self.get_object()
        form = LiaisonForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.get(request, pk, form=form, status=400)
        actions.set_liaisons(
            subject,
            leaders=list(form.cleaned_data["leaders"]),
            commissioners=list(form.cleaned_data["commissioners"]),
            user=request.user,
        )
        messages.success(request, _("联系干部已保存。"))
        return redirect(self.back, subject.pk)


def liaisons_of(user, subject):
    """The liaisons of an enterprise or a project the user may see (their pages' card)."""
    field = "project" if subject._meta.model_name == "project" else "enterprise"
    return (
        Liaison.objects.for_user(user)
        .filter(**{field: subject}, is_archived=False)
        .select_related("official")
    )
