"""Pages of the evaluation schemes: list, detail, edit (paste, upload, start from a shipped one), download, history, and running one."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.roles import ADD, MANAGE, role_allows
from mujun.core.views import (
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ScopedView,
)

from .. import labels
from ..columns import extra_columns
from ..engine.loader import parse_scheme, shipped_schemes
from ..filters import SchemeFilterSet
from ..forms import (
    RunForm,
    SchemeForm,
)
from ..jobs import start_run
from ..models import EvaluationRun, Scheme
from ..tables import SchemeTable
from . import may


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
        extras = extra_columns([scheme])
        groups = [(g, labels.indicator_lines(g, extras)) for g in parsed.groups]
        return render(
            request,
            "evaluation/scheme_detail.html",
            {
                "object": scheme,
                "parsed": parsed,
                "groups": groups,
                "inefficient": labels.inefficient_rules(parsed),
                "runs": runs.select_related("region"),
                "run_form": RunForm(initial={"year": scheme.year}),
                "can_run": may(request.user, scheme, ADD),
                "can_manage": may(request.user, scheme, MANAGE),
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
    """POST: compute a year with this scheme (officers and admins of the scheme's region). A
    county's run takes longer than a web request may: the worker runs it, and the job's page
    shows its stages, then links to the run (evaluation/jobs.py)."""

    model = Scheme
    action = ADD

    def post(self, request, pk):
        scheme = self.get_object()
        form = RunForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请填写有效的数据年度。"))
            return redirect("evaluation:scheme", scheme.pk)
        job = start_run(
            request.user, scheme, year=form.cleaned_data["year"], note=form.cleaned_data["note"]
        )
        return redirect("core:job", job.pk)
