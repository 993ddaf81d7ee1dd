"""Pages of the enterprises' yearly data the evaluation reads: list, detail, history, import."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.views import (
    ObjectHistoryView,
    ObjectImportView,
    ObjectListView,
    ScopedView,
)

from .. import labels
from ..choices import Department
from ..columns import extras_for
from ..filters import EnterpriseYearFilterSet
from ..forms import (
    ImportDepartmentForm,
)
from ..imports import EnterpriseYearImporter
from ..models import NUMBER_FIELDS, EnterpriseYear
from ..tables import EnterpriseYearTable


class EnterpriseYearListView(ObjectListView):
    model = EnterpriseYear
    filterset_class = EnterpriseYearFilterSet
    table_class = EnterpriseYearTable
    title = gettext_lazy("企业年度数据")
    template_name = "evaluation/enterpriseyear_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise__region")

    def extra_context(self):
        return {"section": "data"}


class EnterpriseYearDetailView(ScopedView):
    model = EnterpriseYear

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise__region")

    def get(self, request, pk):
        ey = self.get_object()
        departments = dict(Department.choices)
        extras = extras_for(request.user)
        cells = [(c, getattr(ey, c)) for c in ("size_class", *NUMBER_FIELDS, "prior_d_years")]
        cells += list(ey.extra.items())
        rows = [
            (
                labels.name_and_unit(c, extras)[0],
                labels.quantity(c, value, extras),
                departments.get(ey.sources.get(c), ""),
            )
            for c, value in cells
        ]
        return render(
            request,
            "evaluation/enterpriseyear_detail.html",
            {"object": ey, "rows": rows, "section": "data"},
        )


class EnterpriseYearHistoryView(ObjectHistoryView):
    model = EnterpriseYear


class EnterpriseYearImportView(ObjectImportView):
    """One department's file at a time; the department is recorded on every value written.
    The file goes the way of every import page's (core/views.py): checked and written in the
    request, or a job in the worker when it is long, and recorded as a job either way."""

    model = EnterpriseYear
    importer_class = EnterpriseYearImporter
    template_name = "evaluation/enterpriseyear_import.html"
    title = gettext_lazy("企业年度数据导入")
    department_form = None

    def context(self, **extra):
        form = self.department_form or ImportDepartmentForm()
        return super().context(department_form=form, section="data", **extra)

    def post(self, request):
        self.department_form = ImportDepartmentForm(request.POST)
        if not self.department_form.is_valid() or request.FILES.get("file") is None:
            messages.error(request, _("请选择数据来源部门和要导入的文件。"))
            return render(request, self.template_name, self.context(), status=400)
        return super().post(request)

    def importer_options(self) -> dict:
        return {"department": self.department_form.cleaned_data["department"]}
