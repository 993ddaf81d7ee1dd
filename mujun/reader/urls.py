from django.urls import path

from .views import compare, reports

app_name = "reader"

urlpatterns = [
    path("", reports.ReportListView.as_view(), name="report_list"),
    path("compare/", compare.CompareView.as_view(), name="compare"),
    path("reports/add/", reports.ReportAddView.as_view(), name="report_add"),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report"),
    path("reports/<int:pk>/accept/", reports.ReportAcceptView.as_view(), name="report_accept"),
    path("reports/<int:pk>/set/", reports.ReportFactsSetView.as_view(), name="report_set"),
    path("reports/<int:pk>/archive/", reports.ReportArchiveView.as_view(), name="report_archive"),
    path("reports/<int:pk>/history/", reports.ReportHistoryView.as_view(), name="report_history"),
    path("facts/<int:pk>/edit/", reports.ReportFactEditView.as_view(), name="reportfact_edit"),
    path("facts/<int:pk>/drop/", reports.ReportFactDropView.as_view(), name="reportfact_drop"),
]
