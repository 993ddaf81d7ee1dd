from django.urls import path

from .views import briefing, catalogue, targets, values

app_name = "indicators"

urlpatterns = [
    path("", values.IndicatorValueListView.as_view(), name="indicatorvalue_list"),
    path("values/add/", values.IndicatorValueEditView.as_view(), name="indicatorvalue_add"),
    path("values/import/", values.IndicatorValueImportView.as_view(), name="indicatorvalue_import"),
    path("values/sum/", values.SumChildrenView.as_view(), name="indicatorvalue_sum"),
    path("values/<int:pk>/", values.IndicatorValueDetailView.as_view(), name="indicatorvalue"),
    path(
        "values/<int:pk>/edit/", values.IndicatorValueEditView.as_view(), name="indicatorvalue_edit"
    ),
    path(
        "values/<int:pk>/archive/",
        values.IndicatorValueArchiveView.as_view(),
        name="indicatorvalue_archive",
    ),
    path(
        "values/<int:pk>/history/",
        values.IndicatorValueHistoryView.as_view(),
        name="indicatorvalue_history",
    ),
    path("targets/", targets.TargetListView.as_view(), name="target_list"),
    path("targets/add/", targets.TargetEditView.as_view(), name="target_add"),
    path("targets/<int:pk>/edit/", targets.TargetEditView.as_view(), name="target_edit"),
    path("targets/<int:pk>/archive/", targets.TargetArchiveView.as_view(), name="target_archive"),
    path("targets/<int:pk>/history/", targets.TargetHistoryView.as_view(), name="target_history"),
    path("catalogue/", catalogue.IndicatorListView.as_view(), name="indicator_list"),
    path("catalogue/add/", catalogue.IndicatorEditView.as_view(), name="indicator_add"),
    path("catalogue/<int:pk>/", catalogue.IndicatorDetailView.as_view(), name="indicator"),
    path(
        "catalogue/<int:pk>/edit/",
        catalogue.IndicatorEditView.as_view(),
        name="indicator_edit",
    ),
    path("briefing/", briefing.BriefingView.as_view(), name="briefing"),
]
