"""Pages of the visits: list, detail, record (with the problems raised on the spot), edit,
history, import."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from mujun.core.history import timeline
from mujun.core.roles import ADD, CHANGE, role_allows
from mujun.core.views import (
    ObjectEditView,
    ObjectHistoryView,
    ObjectImportView,
    ObjectListView,
    ScopedView,
)

from .. import actions
from ..filters import VisitFilterSet
from ..forms import VisitForm
from ..imports import VisitImporter
from ..models import Problem, Visit
from ..tables import VisitTable


class VisitListView(ObjectListView):
    model = Visit
    filterset_class = VisitFilterSet
    table_class = VisitTable
    title = _("走访记录")
    template_name = "service/visit_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("enterprise", "region")
            .prefetch_related("officials")
        )


class VisitDetailView(ScopedView):
    model = Visit

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "region")

    def get(self, request, pk):
        visit = self.get_object()
        user = request.user
        return render(
            request,
            "service/visit_detail.html",
            {
                "object": visit,
                "officials": visit.officials.all(),
                "problems": Problem.objects.for_user(user).filter(visit=visit),
                "timeline": timeline(visit.events.for_user(user)),
                "can_change": role_allows(user, CHANGE),
                "can_add": role_allows(user, ADD),
            },
        )


class VisitEditView(ObjectEditView):
    model = Visit
    form_class = VisitForm
    success_url_name = "service:visit"

    def get_initial(self):
        enterprise = self.request.GET.get("enterprise")
        return {"enterprise": enterprise} if enterprise else {}

    def save(self, form, *, expected_version):
        return actions.save_visit(
            form,
            expected_version=expected_version,
            user=self.request.user,
            problems=form.raised_problems() if "problem_1_category" in form.fields else (),
        )


class VisitHistoryView(ObjectHistoryView):
    model = Visit


class VisitImportView(ObjectImportView):
    model = Visit
    importer_class = VisitImporter
    title = _("走访记录导入")
