"""Pages for schemes and the year's enterprise data."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.roles import ADD, MANAGE, role_allows
from mujun.core.views import (
    ObjectEditView,
    ObjectHistoryView,
    ObjectImportView,
    ObjectListView,
    ScopedView,
)

from . import actions
from .choices import Department
from .columns import HEADERS, extras_for
from .engine.loader import parse_scheme, shipped_schemes
from .filters import EnterpriseYearFilterSet, SchemeFilterSet
from .forms import (
    ImportDepartmentForm,
    RunForm,
    SchemeForm,
)
from .imports import EnterpriseYearImporter
from .models import EnterpriseYear, EvaluationRun, Scheme
from .tables import EnterpriseYearTable, SchemeTable


class SchemeListView(ObjectListView):
    model = Scheme
    filterset_class = SchemeFilterSet
    table_class = SchemeTable
    title = gettext_lazy("评价方案")
    template_name = "evaluation/scheme_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")

    def extra_context(self):
        return {"can_add": role_allows(self.request.user, MANAGE), "section": "schemes"}


class SchemeDetailView(ScopedView):
    model = Scheme

    def get(self, request, pk):
        scheme = self.get_object()
        parsed = parse_scheme(scheme.text, scheme.name)
        runs = EvaluationRun.objects.for_user(request.user).filter(scheme=scheme)
        return render(
            request,
            "evaluation/scheme_detail.html",
            {
                "object": scheme,
                "parsed": parsed,
                "runs": runs.select_related("region"),
                "run_form": RunForm(initial={"year": scheme.year}),
                "can_run": role_allows(request.user, ADD),
                "can_manage": role_allows(request.user, MANAGE),
                "section": "schemes",
            },
        )


class SchemeEditView(ObjectEditView):
    """Admins write schemes: paste, upload or start from a shipped one; the engine checks it."""

    model = Scheme
    form_class = SchemeForm
    template_name = "evaluation/scheme_form.html"
    success_url_name = "evaluation:scheme"
    success_message = gettext_lazy("方案已通过校验并保存。")

    def get_action(self):
        return MANAGE

    def get_initial(self):
        shipped = self.request.GET.get("from", "")
        if "pk" in self.kwargs or shipped not in shipped_schemes():
            return {}
        text = shipped_schemes()[shipped].read_text(encoding="utf-8")
        return {"text": text, "region": self.request.user.region}

    def extra_context(self):
        return {"shipped": list(shipped_schemes()), "section": "schemes"}


class SchemeDownloadView(ScopedView):
    model = Scheme

    def get(self, request, pk):
        scheme = self.get_object()
        response = HttpResponse(scheme.text, content_type="application/toml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="scheme-{scheme.pk}.toml"'
        return response


class SchemeHistoryView(ObjectHistoryView):
    model = Scheme


class SchemeRunView(ScopedView):
    """POST: compute a year with this scheme (officers and admins of the scheme's region)."""

    model = Scheme
    action = ADD

    def post(self, request, pk):
        scheme = self.get_object()
        form = RunForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请填写有效的数据年度。"))
            return redirect("evaluation:scheme", scheme.pk)
        try:
            run = actions.run_evaluation(
                scheme=scheme,
                year=form.cleaned_data["year"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except actions.EvaluationProblem as exc:
            return render(
                request,
                "evaluation/problems.html",
                {"title": _("无法计算"), "problems": exc.problems, "back": scheme},
                status=400,
            )
        messages.success(
            request,
            _("已计算 %(n)s 家企业，用时 %(s).1f 秒。")
            % {"n": run.enterprise_count, "s": run.duration_ms / 1000},
        )
        return redirect("evaluation:run", run.pk)


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
        rows = [
            (HEADERS[c], getattr(ey, c), departments.get(ey.sources.get(c), ""))
            for c in ("size_class", "land_mu", "tax_wan", "value_added_wan", "revenue_wan",
                      "rd_wan", "energy_tce", "emission_t", "employees",
                      "electricity_wan_kwh", "prior_d_years")
        ]  # fmt: skip
        rows[0] = (rows[0][0], ey.get_size_class_display(), rows[0][2])
        rows += [
            (extras.get(c, (c,))[0], value, departments.get(ey.sources.get(c), ""))
            for c, value in ey.extra.items()
        ]
        return render(
            request,
            "evaluation/enterpriseyear_detail.html",
            {"object": ey, "rows": rows, "section": "data"},
        )


class EnterpriseYearHistoryView(ObjectHistoryView):
    model = EnterpriseYear


class EnterpriseYearImportView(ObjectImportView):
    """One department's file at a time; the department is recorded on every value written."""

    model = EnterpriseYear
    importer_class = EnterpriseYearImporter
    template_name = "evaluation/enterpriseyear_import.html"
    title = gettext_lazy("企业年度数据导入")

    def get(self, request):
        if request.GET.get("template"):
            return super().get(request)
        return render(
            request,
            self.template_name,
            {"title": self.title, "department_form": ImportDepartmentForm(), "section": "data"},
        )

    def post(self, request):
        department_form = ImportDepartmentForm(request.POST)
        upload = request.FILES.get("file")
        context = {"title": self.title, "department_form": department_form, "section": "data"}
        if not department_form.is_valid() or upload is None:
            messages.error(request, _("请选择数据来源部门和要导入的文件。"))
            return render(request, self.template_name, context, status=400)
        department = department_form.cleaned_data["department"]
        result = EnterpriseYearImporter(request.user, department).run(upload.name, upload.read())
        context.update(result=result, filename=upload.name)
        return render(request, self.template_name, context, status=200 if result.ok else 400)
