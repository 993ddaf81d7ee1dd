"""Pages of the leads: list, detail with its status moves and signing, record, edit, archive,
history, import."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.history import timeline
from mujun.core.roles import CHANGE, DELETE, role_allows
from mujun.core.views import (
    ObjectArchiveView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectImportView,
    ObjectListView,
    ScopedView,
)

from .. import actions
from ..choices import LeadStatus
from ..filters import LeadFilterSet
from ..forms import LeadForm, ReopenForm, SignForm, StatusForm
from ..imports import LeadImporter
from ..models import Lead
from ..tables import LeadTable


class LeadListView(ObjectListView):
    model = Lead
    filterset_class = LeadFilterSet
    table_class = LeadTable
    title = gettext_lazy("招商线索")
    template_name = "attraction/lead_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "owner")


def _sign_form(user, lead, data=None):
    form = SignForm(data, user=user, initial={"date": actions.today()})
    form.fields["activity"].queryset = actions.signing_activities(
        lead, form.fields["activity"].queryset
    )
    return form


class LeadDetailView(ScopedView):
    model = Lead

    def get_queryset(self):
        return super().get_queryset().select_related("region", "owner", "project")

    def get(self, request, pk, forms=None, status=200):
        lead = self.get_object()
        user = request.user
        day = actions.today()
        forms = forms or {}
        return render(
            request,
            "attraction/lead_detail.html",
            {
                "object": lead,
                "activities": lead.activities.for_user(user).select_related("leader"),
                "timeline": timeline(lead.events.for_user(user)),
                "can_change": role_allows(user, CHANGE),
                "can_delete": role_allows(user, DELETE),
                "is_open": lead.status not in (LeadStatus.SIGNED, LeadStatus.DROPPED),
                "is_dropped": lead.status == LeadStatus.DROPPED,
                "identity_problem": actions.identity_problem(lead),
                "status_form": forms.get("status") or StatusForm(lead=lead, initial={"date": day}),
                "reopen_form": forms.get("reopen") or ReopenForm(initial={"date": day}),
                "sign_form": forms.get("sign") or _sign_form(user, lead),
            },
            status=status,
        )


class LeadVerbView(LeadDetailView):
    """The POST verbs on one lead; a refusal shows the lead again with the reason."""

    action = CHANGE
    form_name = ""

    def make_form(self, lead):  # pragma: no cover - each verb defines it
        raise NotImplementedError

    def post(self, request, pk):
        lead = self.get_object()
        form = self.make_form(lead)
        if form.is_valid():
            try:
                message = self.perform(lead, form.cleaned_data)
            except actions.LeadError as exc:
                # said above the page, not in the form: the lead may have moved meanwhile (in
                # another window) so that this verb's form is no longer on its page
                messages.error(request, str(exc))
            else:
                messages.success(request, message)
                return redirect("attraction:lead", lead.pk)
        return self.get(request, pk, forms={self.form_name: form}, status=400)


class LeadStatusView(LeadVerbView):
    form_name = "status"

    def make_form(self, lead):
        return StatusForm(self.request.POST, lead=lead)

    def perform(self, lead, data):
        actions.move_lead(
            lead,
            status=data["status"],
            on=data["date"],
            reason=data["reason"],
            user=self.request.user,
        )
        return _("状态已改为“%(s)s”。") % {"s": lead.get_status_display()}


class LeadReopenView(LeadVerbView):
    form_name = "reopen"

    def make_form(self, lead):
        return ReopenForm(self.request.POST)

    def perform(self, lead, data):
        actions.reopen_lead(lead, on=data["date"], reason=data["reason"], user=self.request.user)
        return _("线索已重新启用。")


class LeadSignView(LeadVerbView):
    form_name = "sign"

    def make_form(self, lead):
        return _sign_form(self.request.user, lead, self.request.POST)

    def perform(self, lead, data):
        again = lead.status == LeadStatus.SIGNED
        project = actions.sign_lead(
            lead, on=data["date"], activity=data["activity"], user=self.request.user
        )
        if again:
            return _("已关联本次签约活动；该项目已于此前签约（%(c)s），不重复计数。") % {
                "c": project.code
            }
        return _("已签约，项目 %(c)s 已转入项目库。") % {"c": project.code}


class LeadEditView(ObjectEditView):
    model = Lead
    form_class = LeadForm
    success_url_name = "attraction:lead"

    def save(self, form, *, expected_version):
        return actions.save_lead(form, expected_version=expected_version, user=self.request.user)


class LeadArchiveView(ObjectArchiveView):
    model = Lead
    success_url_name = "attraction:lead"

    def set_archived(self, obj, *, archived):
        actions.set_archived(obj, archived=archived, user=self.request.user)


class LeadHistoryView(ObjectHistoryView):
    model = Lead


class LeadImportView(ObjectImportView):
    model = Lead
    importer_class = LeadImporter
    title = gettext_lazy("招商线索导入")
