from django.urls import path

from . import views
from .meeting import MeetingPackView

app_name = "projects"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("add/", views.ProjectEditView.as_view(), name="project_add"),
    path("summary/", views.ProjectSummaryView.as_view(), name="project_summary"),
    path("meeting/", MeetingPackView.as_view(), name="meeting"),
    path("reports/import/", views.MonthlyReportImportView.as_view(), name="report_import"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/history/", views.ProjectHistoryView.as_view(), name="project_history"),
    path("<int:pk>/stage/", views.ProjectStageView.as_view(), name="project_stage"),
    path("<int:pk>/plan/", views.ProjectPlanView.as_view(), name="project_plan"),
    path("<int:pk>/report/", views.ProjectReportView.as_view(), name="project_report"),
]
