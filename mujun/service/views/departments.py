"""Pages of the departments: list, and each department's page with its queue and figures."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from mujun.core.roles import CHANGE, role_allows
from mujun.core.views import ObjectEditView, ObjectHistoryView, ObjectListView, ScopedView

from .. import actions
from ..choices import WITH_RECEIVER
from ..filters import DepartmentFilterSet
from ..forms import DepartmentForm
from ..models import Department, Problem
from ..tables import DepartmentTable
from .problems import decorate, listed


class DepartmentListView(ObjectListView):
    model = Department
    filterset_class = DepartmentFilterSet
    table_class = DepartmentTable
    title = _("承办部门")
    template_name = "service/department_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class DepartmentDetailView(ScopedView):
    """A department with the problems waiting for it, soonest deadline first, and how many
    it had, closed and let run over."""

    model = Department

    def get(self, request, pk):
        department = self.get_object()
        user = request.user
        day = actions.today()
        problems = Problem.objects.for_user(user).filter(departments=department)
        waiting = listed(problems.filter(department=department, status__in=WITH_RECEIVER)).order_by(
            "due_on", "pk"
        )[:200]
        return render(
            request,
            "service/department_detail.html",
            {
                "object": department,
                "waiting": decorate(list(waiting), day),
                "handled": problems.count(),
                "overdue": problems.filter(department=department).overdue(day).count(),
                "users": department.users.filter(is_active=True),
                "can_change": role_allows(user, CHANGE),
            },
        )


class DepartmentEditView(ObjectEditView):
    model = Department
    form_class = DepartmentForm
    success_url_name = "service:department"


class DepartmentHistoryView(ObjectHistoryView):
    model = Department
