"""Pages of the common issues (共性问题): list, the suggested groups, a group with its
problems, grouping, solving."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.core.roles import ADD, CHANGE, VIEW, role_allows
from mujun.core.views import ObjectEditView, ObjectHistoryView, ObjectListView, ScopedView

from .. import actions
from ..choices import OPEN, IssueStatus
from ..filters import CommonIssueFilterSet
from ..forms import CommonIssueForm, GroupForm, SolveForm
from ..models import CommonIssue, Problem
from ..rules import similar_groups
from ..tables import CommonIssueTable


class CommonIssueListView(ObjectListView):
    model = CommonIssue
    filterset_class = CommonIssueFilterSet
    table_class = CommonIssueTable
    title = gettext_lazy("共性问题")
    template_name = "service/issue_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")


class CandidatesView(ScopedView):
    """Groups of open problems of one category with similar descriptions in several towns,
    not yet in a common issue: what a county task force might solve once."""

    model = Problem

    def get(self, request):
        rows = (
            Problem.objects.for_user(request.user)
            .filter(status__in=OPEN, common_issue__isnull=True, is_archived=False)
            .select_related("region", "enterprise")
            .order_by("category", "raised_on")[:2000]
        )
        problems = {p.pk: p for p in rows}
        groups = similar_groups(
            (p.pk, p.category, p.region_id, p.description) for p in problems.values()
        )
        return render(
            request,
            "service/issue_candidates.html",
            {
                "groups": [[problems[pk] for pk in group] for group in groups[:30]],
                "can_add": role_allows(request.user, ADD),
            },
        )


class CommonIssueDetailView(ScopedView):
    model = CommonIssue

    def get(self, request, pk, forms=None, status=200):
        issue = self.get_object()
        user = request.user
        forms = forms or {}
        return render(
            request,
            "service/issue_detail.html",
            {
                "object": issue,
                "problems": Problem.objects.for_user(user)
                .filter(common_issue=issue)
                .select_related("enterprise", "region"),
                "can_change": role_allows(user, CHANGE),
                "group_form": forms.get("group") or GroupForm(user=user),
                "solve_form": forms.get("solve") or SolveForm(),
                "is_open": issue.status == IssueStatus.OPEN,
            },
            status=status,
        )


class CommonIssueGroupView(CommonIssueDetailView):
    action = CHANGE

    def post(self, request, pk):
        issue = self.get_object()
        form = GroupForm(request.POST, user=request.user)
        if form.is_valid():
            actions.group_problems(issue, form.cleaned_data["problems"], user=request.user)
            messages.success(request, _("已归入共性问题。"))
            return redirect("service:issue", issue.pk)
        self.action = VIEW
        return self.get(request, pk, forms={"group": form}, status=400)


class CommonIssueSolveView(CommonIssueDetailView):
    action = CHANGE

    def post(self, request, pk):
        issue = self.get_object()
        form = SolveForm(request.POST)
        if form.is_valid():
            try:
                actions.solve_issue(
                    issue, solution=form.cleaned_data["solution"], user=request.user
                )
            except actions.ProblemError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已记录解决情况，并写入各诉求。"))
                return redirect("service:issue", issue.pk)
        self.action = VIEW
        return self.get(request, pk, forms={"solve": form}, status=400)


class CommonIssueEditView(ObjectEditView):
    model = CommonIssue
    form_class = CommonIssueForm
    success_url_name = "service:issue"

    def get_initial(self):
        region = getattr(self.request.user, "region", None)
        return {"region": region.code} if region else {}


class CommonIssueHistoryView(ObjectHistoryView):
    model = CommonIssue
