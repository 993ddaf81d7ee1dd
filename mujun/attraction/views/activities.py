"""Pages of the attraction activities: list, detail, record, edit, archive, history, import."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

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
from ..filters import ActivityFilterSet
from ..forms import ActivityForm
from ..imports import ActivityImporter
from ..models import Activity
from ..rules import split_names
from ..tables import ActivityTable


class ActivityListView(ObjectListView):
    model = Activity
    filterset_class = ActivityFilterSet
    table_class = ActivityTable
    title = _("招商活动")
    template_name = "attraction/activity_list.html"

    def get_queryset(self):
        return (
            super().get_queryset().select_related("region", "leader").prefetch_related("officials")
        )


class ActivityDetailView(ScopedView):
    model = Activity

    def get_queryset(self):
        return super().get_queryset().select_related("region", "leader")

    def get(self, request, pk):
        activity = self.get_object()
        user = request.user
        return render(
            request,
            "attraction/activity_detail.html",
            {
                "object": activity,
                "officials": activity.officials.all(),
                "leads": activity.leads.for_user(user),
                "investors": split_names(activity.investors),
                "timeline": timeline(activity.events.for_user(user)),
                "can_change": role_allows(user, CHANGE),
                "can_delete": role_allows(user, DELETE),
            },
        )


class ActivityEditView(ObjectEditView):
    model = Activity
    form_class = ActivityForm
    success_url_name = "attraction:activity"

    def save(self, form, *, expected_version):
        return actions.save_activity(
            form, expected_version=expected_version, user=self.request.user
        )


class ActivityArchiveView(ObjectArchiveView):
    model = Activity
    success_url_name = "attraction:activity"

    def set_archived(self, obj, *, archived):
        actions.set_archived(obj, archived=archived, user=self.request.user)


class ActivityHistoryView(ObjectHistoryView):
    model = Activity


class ActivityImportView(ObjectImportView):
    model = Activity
    importer_class = ActivityImporter
    title = _("招商活动导入")
