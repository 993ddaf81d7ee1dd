from django.urls import path

from mujun.enterprises.models import Enterprise
from mujun.projects.models import Project

from .views import departments, issues, liaisons, problems, reports, visits

app_name = "service"

urlpatterns = [
    path("", problems.ProblemListView.as_view(), name="problem_list"),
    path("problems/add/", problems.ProblemEditView.as_view(), name="problem_add"),
    path("problems/import/", problems.ProblemImportView.as_view(), name="problem_import"),
    path("problems/<int:pk>/", problems.ProblemDetailView.as_view(), name="problem"),
    path("problems/<int:pk>/edit/", problems.ProblemEditView.as_view(), name="problem_edit"),
    path("problems/<int:pk>/handle/", problems.ProblemHandleView.as_view(), name="problem_handle"),
    path("problems/<int:pk>/accept/", problems.ProblemAcceptView.as_view(), name="problem_accept"),
    path("problems/<int:pk>/reply/", problems.ProblemReplyView.as_view(), name="problem_reply"),
    path("problems/<int:pk>/return/", problems.ProblemReturnView.as_view(), name="problem_return"),
    path("problems/<int:pk>/close/", problems.ProblemCloseView.as_view(), name="problem_close"),
    path("problems/<int:pk>/rate/", problems.ProblemRateView.as_view(), name="problem_rate"),
    path(
        "problems/<int:pk>/archive/", problems.ProblemArchiveView.as_view(), name="problem_archive"
    ),
    path(
        "problems/<int:pk>/history/", problems.ProblemHistoryView.as_view(), name="problem_history"
    ),
    path("reminders/<int:pk>/read/", problems.ReminderReadView.as_view(), name="reminder_read"),
    path("visits/", visits.VisitListView.as_view(), name="visit_list"),
    path("visits/add/", visits.VisitEditView.as_view(), name="visit_add"),
    path("visits/import/", visits.VisitImportView.as_view(), name="visit_import"),
    path("visits/<int:pk>/", visits.VisitDetailView.as_view(), name="visit"),
    path("visits/<int:pk>/edit/", visits.VisitEditView.as_view(), name="visit_edit"),
    path("visits/<int:pk>/history/", visits.VisitHistoryView.as_view(), name="visit_history"),
    path("coverage/", reports.CoverageView.as_view(), name="coverage"),
    path("stats/", reports.StatsView.as_view(), name="stats"),
    path("departments/", departments.DepartmentListView.as_view(), name="department_list"),
    path("departments/add/", departments.DepartmentEditView.as_view(), name="department_add"),
    path("departments/<int:pk>/", departments.DepartmentDetailView.as_view(), name="department"),
    path(
        "departments/<int:pk>/edit/",
        departments.DepartmentEditView.as_view(),
        name="department_edit",
    ),
    path(
        "departments/<int:pk>/history/",
        departments.DepartmentHistoryView.as_view(),
        name="department_history",
    ),
    path("issues/", issues.CommonIssueListView.as_view(), name="issue_list"),
    path("issues/candidates/", issues.CandidatesView.as_view(), name="issue_candidates"),
    path("issues/add/", issues.CommonIssueEditView.as_view(), name="issue_add"),
    path("issues/<int:pk>/", issues.CommonIssueDetailView.as_view(), name="issue"),
    path("issues/<int:pk>/edit/", issues.CommonIssueEditView.as_view(), name="issue_edit"),
    path("issues/<int:pk>/group/", issues.CommonIssueGroupView.as_view(), name="issue_group"),
    path("issues/<int:pk>/solve/", issues.CommonIssueSolveView.as_view(), name="issue_solve"),
    path("issues/<int:pk>/history/", issues.CommonIssueHistoryView.as_view(), name="issue_history"),
    path("liaisons/", liaisons.LiaisonListView.as_view(), name="liaison_list"),
    path(
        "liaisons/enterprise/<int:pk>/",
        liaisons.LiaisonEditView.as_view(subject_model=Enterprise, back="enterprises:enterprise"),
        name="enterprise_liaisons",
    ),
    path(
        "liaisons/project/<int:pk>/",
        liaisons.LiaisonEditView.as_view(subject_model=Project, back="projects:project"),
        name="project_liaisons",
    ),
]
