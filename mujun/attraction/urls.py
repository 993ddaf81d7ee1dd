from django.urls import path

from .views import activities, leads, reports

app_name = "attraction"

urlpatterns = [
    path("", activities.ActivityListView.as_view(), name="activity_list"),
    path("activities/add/", activities.ActivityEditView.as_view(), name="activity_add"),
    path("activities/import/", activities.ActivityImportView.as_view(), name="activity_import"),
    path("activities/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity"),
    path("activities/<int:pk>/edit/", activities.ActivityEditView.as_view(), name="activity_edit"),
    path(
        "activities/<int:pk>/archive/",
        activities.ActivityArchiveView.as_view(),
        name="activity_archive",
    ),
    path(
        "activities/<int:pk>/history/",
        activities.ActivityHistoryView.as_view(),
        name="activity_history",
    ),
    path("leads/", leads.LeadListView.as_view(), name="lead_list"),
    path("leads/add/", leads.LeadEditView.as_view(), name="lead_add"),
    path("leads/import/", leads.LeadImportView.as_view(), name="lead_import"),
    path("leads/<int:pk>/", leads.LeadDetailView.as_view(), name="lead"),
    path("leads/<int:pk>/edit/", leads.LeadEditView.as_view(), name="lead_edit"),
    path("leads/<int:pk>/status/", leads.LeadStatusView.as_view(), name="lead_status"),
    path("leads/<int:pk>/reopen/", leads.LeadReopenView.as_view(), name="lead_reopen"),
    path("leads/<int:pk>/sign/", leads.LeadSignView.as_view(), name="lead_sign"),
    path("leads/<int:pk>/archive/", leads.LeadArchiveView.as_view(), name="lead_archive"),
    path("leads/<int:pk>/history/", leads.LeadHistoryView.as_view(), name="lead_history"),
    path("stats/", reports.StatsView.as_view(), name="stats"),
    path("monthly-check/", reports.MonthlyCheckView.as_view(), name="monthly_check"),
    path("funnel/", reports.FunnelView.as_view(), name="funnel"),
]
