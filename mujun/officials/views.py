"""Pages of the officials' register: list, detail with the work each does, edit, archive,
history."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from mujun.core.roles import CHANGE, DELETE, role_allows
from mujun.core.views import (
    ObjectArchiveView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ScopedView,
)

from .actions import save_official
from .filters import OfficialFilterSet
from .forms import OfficialForm
from .models import Official
from .tables import OfficialTable


class OfficialListView(ObjectListView):
    model = Official
    filterset_class = OfficialFilterSet
    table_class = OfficialTable
    title = _("干部名册")
    template_name = "officials/official_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class OfficialDetailView(ScopedView):
    """An official with the work the register knows of: the attraction activities they led or
    joined, and the leads they own."""

    model = Official

    def get(self, request, pk):
        from mujun.attraction.models import Activity, Lead

        official = self.get_object()
        user = request.user
        activities = Activity.objects.for_user(user).filter(is_archived=False)
        led = activities.filter(leader=official)
        joined = activities.filter(officials=official)
        return render(
            request,
            "officials/official_detail.html",
            {
                "object": official,
                "activities": (led | joined).distinct().order_by("-start_date")[:50],
                "leads": Lead.objects.for_user(user).filter(owner=official, is_archived=False),
                # enterprise service: the enterprises and projects this official serves
                "liaisons": official.liaisons.for_user(user)
                .filter(is_archived=False)
                .select_related("enterprise", "project"),
                "can_change": role_allows(user, CHANGE),
                "can_delete": role_allows(user, DELETE),
            },
        )


class OfficialEditView(ObjectEditView):
    model = Official
    form_class = OfficialForm
    success_url_name = "officials:official"

    def save(self, form, *, expected_version):
        return save_official(form, expected_version=expected_version, user=self.request.user)


class OfficialArchiveView(ObjectArchiveView):
    model = Official
    success_url_name = "officials:official"


class OfficialHistoryView(ObjectHistoryView):
    model = Official
