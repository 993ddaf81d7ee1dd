from django.urls import path

from .views import data, objections, runs, schemes

app_name = "evaluation"

urlpatterns = [
    path("", runs.RunListView.as_view(), name="run_list"),
    path("runs/<int:pk>/", runs.RunDetailView.as_view(), name="run"),
    path("runs/<int:pk>/results/", runs.RunResultsView.as_view(), name="result_list"),
    path(
        "runs/<int:pk>/inefficient/",
        runs.RunInefficientView.as_view(),
        name="run_inefficient",
    ),
    path("runs/<int:pk>/surcharges/", runs.RunSurchargeView.as_view(), name="run_surcharges"),
    path("runs/<int:pk>/publicity/", runs.RunPublicityView.as_view(), name="run_publicity"),
    path("runs/<int:pk>/publish/", runs.RunPublishView.as_view(), name="run_publish"),
    path("runs/<int:pk>/history/", runs.RunHistoryView.as_view(), name="run_history"),
    path("results/<int:pk>/", runs.ResultDetailView.as_view(), name="result"),
    path(
        "results/<int:pk>/objection/",
        objections.ResultObjectionView.as_view(),
        name="result_objection",
    ),
    path("objections/", objections.ObjectionListView.as_view(), name="objection_list"),
    path("objections/<int:pk>/", objections.ObjectionDetailView.as_view(), name="objection"),
    path(
        "objections/<int:pk>/resolve/",
        objections.ObjectionResolveView.as_view(),
        name="objection_resolve",
    ),
    path(
        "objections/<int:pk>/history/",
        objections.ObjectionHistoryView.as_view(),
        name="objection_history",
    ),
    path("schemes/", schemes.SchemeListView.as_view(), name="scheme_list"),
    path("schemes/add/", schemes.SchemeEditView.as_view(), name="scheme_add"),
    path("schemes/<int:pk>/", schemes.SchemeDetailView.as_view(), name="scheme"),
    path("schemes/<int:pk>/edit/", schemes.SchemeEditView.as_view(), name="scheme_edit"),
    path("schemes/<int:pk>/toml/", schemes.SchemeDownloadView.as_view(), name="scheme_download"),
    path("schemes/<int:pk>/history/", schemes.SchemeHistoryView.as_view(), name="scheme_history"),
    path("schemes/<int:pk>/run/", schemes.SchemeRunView.as_view(), name="scheme_run"),
    path("data/", data.EnterpriseYearListView.as_view(), name="enterpriseyear_list"),
    path("data/import/", data.EnterpriseYearImportView.as_view(), name="enterpriseyear_import"),
    path("data/<int:pk>/", data.EnterpriseYearDetailView.as_view(), name="enterpriseyear"),
    path(
        "data/<int:pk>/history/",
        data.EnterpriseYearHistoryView.as_view(),
        name="enterpriseyear_history",
    ),
]
