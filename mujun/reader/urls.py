from django.urls import path

from . import views, views_compare

app_name = "reader"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("compare/", views_compare.CompareView.as_view(), name="compare"),
    path("reports/add/", views.ReportAddView.as_view(), name="report_add"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("reports/<int:pk>/accept/", views.ReportAcceptView.as_view(), name="report_accept"),
    path("reports/<int:pk>/archive/", views.ReportArchiveView.as_view(), name="report_archive"),
    path("reports/<int:pk>/history/", views.ReportHistoryView.as_view(), name="report_history"),
    path("facts/<int:pk>/edit/", views.ReportFactEditView.as_view(), name="reportfact_edit"),
    path("facts/<int:pk>/drop/", views.ReportFactDropView.as_view(), name="reportfact_drop"),
]
