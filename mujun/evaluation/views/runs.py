"""Pages of the evaluation runs (result versions) and their results: list, detail with the class mix, publicity and publishing, the ranked results, inefficient land, surcharges, one enterprise's report card."""

from django.contrib import messages
from django.db.models import Count, Sum
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.history import timeline
from mujun.core.roles import ADD, CHANGE, PUBLISH
from mujun.core.views import ObjectHistoryView, ObjectListView, ScopedView
from mujun.enterprises.industries import DIVISIONS

from .. import actions, labels, reportcard
from ..choices import RunStatus
from ..columns import extra_columns
from ..engine.loader import parse_scheme
from ..filters import ResultFilterSet, RunFilterSet
from ..forms import ObjectionForm, PublicityForm
from ..models import EvaluationResult, EvaluationRun, Objection
from ..reportcard import run_scheme
from ..tables import InefficientTable, RunTable, SurchargeTable, result_table
from . import may

LETTERS = ["A", "B", "C", "D", "T"]


class RunListView(ObjectListView):
    model = EvaluationRun
    filterset_class = RunFilterSet
    table_class = RunTable
    title = gettext_lazy("亩均评价结果版本")
    template_name = "evaluation/run_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")

    def extra_context(self):
        return {"can_add": False, "section": "runs"}


def distribution(results, key: str) -> dict:
    """Class counts per category (town, industry division) for stacked bar charts."""
    rows = results.values(key, "klass").annotate(n=Count("pk")).order_by(key)
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        if row["klass"]:
            table.setdefault(row[key] or "", {})[row["klass"]] = row["n"]
    names = sorted(table)
    return {
        "categories": names,
        "series": [
            {"name": f"{x} 类", "data": [table[n].get(x, 0) for n in names]} for x in LETTERS
        ],
    }


class RunDetailView(ScopedView):
    model = EvaluationRun

    def get_queryset(self):
        return super().get_queryset().select_related("region", "scheme", "based_on", "run_by")

    def get(self, request, pk):
        run = self.get_object()
        user = request.user
        results = EvaluationResult.objects.for_user(user).filter(run=run)
        by_town = distribution(results, "enterprise__region__name")
        industry = distribution(
            results.annotate(division=Substr("enterprise__industry_code", 1, 2)), "division"
        )
        industry["categories"] = [
            f"{c} {DIVISIONS.get(c, '')}".strip() for c in industry["categories"]
        ]
        versions = EvaluationRun.objects.for_user(user).filter(region=run.region, year=run.year)
        scheme = parse_scheme(run.scheme_text, run.scheme_name)
        summary = labels.summary_lines(run.summary, scheme, extra_columns([run_scheme(run)]))
        return render(
            request,
            "evaluation/run_detail.html",
            {
                "object": run,
                "summary": summary,
                "charts": {"town": by_town, "industry": industry},
                "mine": results.count(),
                "versions": versions.order_by("-number"),
                "events": timeline(run.events.for_user(user)),
                "publicity_form": PublicityForm(
                    initial={"start": actions.today(), "end": actions.today()}
                ),
                "can_publicise": run.status == RunStatus.DRAFT and may(user, run, CHANGE),
                "can_publish": run.status == RunStatus.PUBLICITY and may(user, run, PUBLISH),
                "open_objections": actions.open_objections(run),
                "section": "runs",
            },
        )


class RunActionView(ScopedView):
    model = EvaluationRun

    def post(self, request, pk):
        run = self.get_object()
        try:
            self.perform(run)
        except actions.EvaluationProblem as exc:
            for problem in exc.problems:
                messages.error(request, problem)
        return redirect("evaluation:run", run.pk)


class RunPublicityView(RunActionView):
    action = CHANGE

    def perform(self, run):
        form = PublicityForm(self.request.POST)
        if not form.is_valid():
            raise actions.EvaluationProblem([_("请填写有效的公示开始和截止日期。")])
        actions.start_publicity(run, user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("已开始公示。"))


class RunPublishView(RunActionView):
    action = PUBLISH

    def perform(self, run):
        actions.publish(run, user=self.request.user)
        messages.success(self.request, _("已发布。"))


class RunHistoryView(ObjectHistoryView):
    model = EvaluationRun


class RunResultsView(ObjectListView):
    """A run's rows in the user's scope; ``for_user`` on the results, the run fetched scoped."""

    model = EvaluationResult
    template_name = "evaluation/result_list.html"
    title = gettext_lazy("评价结果")

    def get(self, request, pk):
        self.run = get_object_or_404(EvaluationRun.objects.for_user(request.user), pk=pk)
        self.title = self.make_title()
        return super().get(request)

    def get_filterset(self):
        groups = [(s["key"], s["label"]) for s in self.run.summary]
        return ResultFilterSet(
            self.request.GET, queryset=self.get_queryset(), request=self.request, groups=groups
        )

    @cached_property
    def table_class(self):
        """The ranking, with the run's indicators as columns a user may add."""
        scheme = parse_scheme(self.run.scheme_text, self.run.scheme_name)
        return result_table(scheme, extra_columns([run_scheme(self.run)]))

    def make_title(self):
        return _("%(run)s · 评价结果") % {"run": self.run}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(run=self.run)
            .select_related("enterprise__region")
            .order_by("group", "rank", "enterprise__name", "pk")
        )

    def decorate(self, rows: list) -> list:
        # every row is written to its run's precision (no query: the run is already read)
        for row in rows:
            row.decimals = self.run.score_decimals
        return rows

    def extra_context(self):
        return {"can_add": False, "run": self.run, "section": "runs"}


class RunInefficientView(RunResultsView):
    table_class = InefficientTable
    template_name = "evaluation/inefficient_list.html"

    def make_title(self):
        return _("%(run)s · 低效用地") % {"run": self.run}

    def get_queryset(self):
        return super().get_queryset().filter(inefficient=True)

    def extra_context(self):
        area = self.get_queryset().aggregate(area=Sum("land_mu"), n=Count("pk"))
        return {**super().extra_context(), "area": area}


class RunSurchargeView(RunResultsView):
    table_class = SurchargeTable
    template_name = "evaluation/surcharge_list.html"

    def make_title(self):
        return _("%(run)s · 差别电价") % {"run": self.run}

    def get_queryset(self):
        return super().get_queryset().filter(surcharge_rate__gt=0)

    def extra_context(self):
        total = self.get_queryset().aggregate(amount=Sum("surcharge_wan"), n=Count("pk"))
        return {**super().extra_context(), "total": total}


class ResultDetailView(ScopedView):
    """The report card."""

    model = EvaluationResult

    def get_queryset(self):
        return super().get_queryset().select_related("run__region", "enterprise__region")

    def get(self, request, pk, form=None):
        result = self.get_object()
        run = result.run
        user = request.user
        objections = Objection.objects.for_user(user).filter(
            enterprise=result.enterprise, run__region=run.region, run__year=run.year
        )
        can_object = run.status in (RunStatus.PUBLICITY, RunStatus.PUBLISHED) and may(
            user, result, ADD
        )
        return render(
            request,
            "evaluation/result_detail.html",
            {
                "object": result,
                "run": run,
                "card": reportcard.build(result),
                "objections": objections.select_related("new_run"),
                "grades": grades_of(user, result.enterprise),
                "objection_form": form or ObjectionForm(scheme_text=run.scheme_text),
                "can_object": can_object,
                "section": "runs",
            },
            status=400 if form is not None else 200,
        )


def grades_of(user, enterprise):
    """The enterprise's class in each year's newest published (else newest) version."""
    rows = (
        EvaluationResult.objects.for_user(user)
        .filter(enterprise=enterprise)
        .exclude(run__status=RunStatus.SUPERSEDED)
        .select_related("run")
        .order_by("-run__year", "-run__status", "-run__number")
    )
    seen, grades = set(), []
    for row in rows:
        if row.run.year in seen:
            continue
        seen.add(row.run.year)
        grades.append(row)
    return grades
