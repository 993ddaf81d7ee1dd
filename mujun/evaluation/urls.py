from django.urls import path

from . import views, views_runs

app_name = "evaluation"

urlpatterns = [
    path("", views_runs.RunListView.as_view(), name="run_list"),
    path("runs/<int:pk>/", views_runs.RunDetailView.as_view(), name="run"),
    path("runs/<int:pk>/results/", views_runs.RunResultsView.as_view(), name="result_list"),
    path(
        "runs/<int:pk>/inefficient/",
        views_runs.RunInefficientView.as_view(),
        name="run_inefficient",
    ),
    path("runs/<int:pk>/surcharges/", views_runs.RunSurchargeView.as_view(), name="run_surcharges"),
    path("runs/<int:pk>/publicity/", views_runs.RunPublicityView.as_view(), name="run_publicity"),
    path("runs/<int:pk>/publish/", views_runs.RunPublishView.as_view(), name="run_publish"),
    path("runs/<int:pk>/history/", views_runs.RunHistoryView.as_view(), name="run_history"),
    path("results/<int:pk>/", views_runs.ResultDetailView.as_view(), name="result"),
    path(
        "results/<int:pk>/objection/",
        views_runs.ResultObjectionView.as_view(),
        name="result_objection",
    ),
    path("objections/", views_runs.ObjectionListView.as_view(), name="objection_list"),
    path("objections/<int:pk>/", views_runs.ObjectionDetailView.as_view(), name="objection"),
    path(
        "objections/<int:pk>/resolve/",
        views_runs.ObjectionResolveView.as_view(),
        name="objection_resolve",
    ),
    path(
        "objections/<int:pk>/history/",
        views_runs.ObjectionHistoryView.as_view(),
        name="objection_history",
    ),
    path("schemes/", views.SchemeListView.as_view(), name="scheme_list"),
    path("schemes/add/", views.SchemeEditView.as_view(), name="scheme_add"),
    path("schemes/<int:pk>/", views.SchemeDetailView.as_view(), name="scheme"),
    path("schemes/<int:pk>/edit/", views.SchemeEditView.as_view(), name="scheme_edit"),
    path("schemes/<int:pk>/toml/", views.SchemeDownloadView.as_view(), name="scheme_download"),
    path("schemes/<int:pk>/history/", views.SchemeHistoryView.as_view(), name="scheme_history"),
    path("schemes/<int:pk>/run/", views.SchemeRunView.as_view(), name="scheme_run"),
    path("data/", views.EnterpriseYearListView.as_view(), name="enterpriseyear_list"),
    path("data/import/", views.EnterpriseYearImportView.as_view(), name="enterpriseyear_import"),
    path("data/<int:pk>/", views.EnterpriseYearDetailView.as_view(), name="enterpriseyear"),
    path(
        "data/<int:pk>/history/",
        views.EnterpriseYearHistoryView.as_view(),
        name="enterpriseyear_history",
    ),
]
