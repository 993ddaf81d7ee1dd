"""Pages of the report reader: read a report, review its facts beside the text, accept them
as peer-region values, compare the own region with its peers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.history import timeline
from mujun.core.roles import ADD, CHANGE, DELETE, VIEW, role_allows
from mujun.core.views import (
    ObjectArchiveView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ScopedView,
)

from .. import actions, display, review
from ..choices import FactStatus
from ..filters import ReportFilterSet
from ..forms import ReportFactForm, ReportFactsSetForm, ReportForm
from ..models import Report, ReportFact
from ..tables import ReportTable
from ..text.key_names import key_name


class ReportListView(ObjectListView):
    model = Report
    filterset_class = ReportFilterSet
    table_class = ReportTable
    title = gettext_lazy("对标报告")
    template_name = "reader/report_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "uploaded_by")


class ReportAddView(ScopedView):
    """Paste or upload a report; it is read at once and opens for review."""

    model = Report
    action = ADD
    template_name = "reader/report_add.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ReportForm()})

    def post(self, request):
        form = ReportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data
        try:
            report, created = actions.read_report(
                user=request.user,
                title=data["title"],
                text=data["text"],
                published_on=data.get("published_on"),
                filename=data.get("filename", ""),
            )
        except actions.CannotRead as exc:
            form.add_error(None, str(exc))
            return render(request, self.template_name, {"form": form}, status=400)
        if created:
            messages.success(
                request,
                _("已读取，找到 %(n)s 条数据。请核对后采纳。") % {"n": report.facts.count()},
            )
        else:
            messages.info(request, _("这篇报告已读取过，打开的是原来的记录。"))
        return redirect("reader:report", report.pk)


class ReportDetailView(ScopedView):
    """The cleaned text with every figure marked, and the facts in a table beside it."""

    model = Report

    def get(self, request, pk):
        report = self.get_object()
        facts = list(
            ReportFact.objects.for_user(request.user).filter(report=report).select_related("report")
        )
        specs = actions.catalogue()
        own_names = actions.own_region_names()
        for fact in facts:
            fact.problems = (
                actions.fact_problems(fact, specs, own_names)
                if fact.status != FactStatus.DROPPED
                else []
            )
            spec = specs.get(fact.indicator_key)
            # the catalogue's name, else the reader's table's: never the key
            fact.indicator_name = spec.name if spec else key_name(fact.indicator_key)
            fact.in_catalogue = spec is not None
            fact.period_text = display.period_text(fact.year, fact.month)
            fact.reading_text = display.reading_text(fact.extracted)
            fact.amount_text = display.amount_text(fact.value, fact.unit, spec and spec.unit)
        segments = review.cleaned_segments(report.text, [(f.span_start, f.span_end) for f in facts])
        by_index = dict(enumerate(facts))
        kept = [f for f in facts if f.status != FactStatus.DROPPED]
        user = request.user
        # a report read at the county is read-only for the towns below it
        own = Report.objects.for_user(user, CHANGE).filter(pk=report.pk).exists()
        can_change = role_allows(user, CHANGE) and own
        return render(
            request,
            "reader/report_detail.html",
            {
                "object": report,
                "facts": facts,
                "segments": [(s.text, [by_index[i] for i in s.facts]) for s in segments],
                "to_accept": sum(
                    1 for f in kept if not f.problems and f.status == FactStatus.PENDING
                ),
                "accepted": sum(1 for f in kept if f.status == FactStatus.ACCEPTED),
                "blocked": sum(1 for f in kept if f.problems),
                "dropped": len(facts) - len(kept),
                "timeline": timeline(report.events.for_user(user)),
                "can_change": can_change,
                "can_accept": actions.may_write_peer_values(user),
                "can_delete": role_allows(user, DELETE) and own,
                "set_form": ReportFactsSetForm(instance=report, user=user) if can_change else None,
            },
        )


class ReportAcceptView(ScopedView):
    """Accept every kept fact that can be accepted; the rest stay for correction. Admins and
    leaders only (``actions.may_write_peer_values``): the values are every town's benchmark."""

    model = Report
    action = VIEW

    def post(self, request, pk):
        report = self.get_object()
        if not actions.may_write_peer_values(request.user):
            raise PermissionDenied(_("只有管理员和领导可以采纳对标地区的数据"))
        result = actions.accept_report(report=report, user=request.user)
        messages.success(
            request,
            _("已采纳 %(n)s 条（新增 %(c)s，更新 %(u)s，未变 %(s)s）。")
            % {
                "n": result.accepted,
                "c": result.created,
                "u": result.updated,
                "s": result.unchanged,
            },
        )
        if result.skipped:
            messages.warning(
                request,
                _("%(n)s 条需更正或舍弃，暂未采纳：见表中原因。") % {"n": len(result.skipped)},
            )
        return redirect("reader:report", report.pk)


class ReportFactsSetView(ObjectEditView):
    """One region or one year for many facts at once (``actions.set_report_facts``)."""

    model = Report
    form_class = ReportFactsSetForm
    template_name = "reader/report_set.html"

    def get_action(self):
        return CHANGE

    def save(self, form, *, expected_version):
        data = form.cleaned_data
        n = actions.set_report_facts(
            report=form.instance,
            user=self.request.user,
            region_from=data.get("region_from") or "",
            region_name=data.get("region_name") or "",
            year=data.get("year"),
        )
        messages.info(self.request, _("已更新 %(n)s 处。") % {"n": n})
        return form.instance

    def get_success_url(self, saved):
        return reverse("reader:report", args=[saved.pk]) + "#facts"


class ReportArchiveView(ObjectArchiveView):
    model = Report
    success_url_name = "reader:report"


class ReportHistoryView(ObjectHistoryView):
    model = Report


class ReportFactEditView(ObjectEditView):
    """Correct a fact: region, indicator, period, value, growth and flags."""

    model = ReportFact
    form_class = ReportFactForm
    template_name = "reader/reportfact_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("report")

    def get_action(self):
        return CHANGE

    def save(self, form, *, expected_version):
        return actions.correct_fact(form, expected_version=expected_version, user=self.request.user)

    def get_success_url(self, saved):
        return reverse("reader:report", args=[saved.report_id]) + f"#fact-{saved.position}"


class ReportFactDropView(ScopedView):
    """Drop a fact from the review, or take a dropped one back (``keep=1``)."""

    model = ReportFact
    action = CHANGE
    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().select_related("report", "indicator_value")

    def post(self, request, pk):
        fact = self.get_object()
        if request.POST.get("keep"):
            actions.keep_fact(fact=fact, user=request.user)
        else:
            actions.drop_fact(fact=fact, user=request.user)
        return redirect(reverse("reader:report", args=[fact.report_id]) + f"#fact-{fact.position}")
