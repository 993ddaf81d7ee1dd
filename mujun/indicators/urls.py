from django.urls import path

from . import views, views_briefing, views_catalogue

app_name = "indicators"

urlpatterns = [
    path("", views.IndicatorValueListView.as_view(), name="indicatorvalue_list"),
    path("values/add/", views.IndicatorValueEditView.as_view(), name="indicatorvalue_add"),
    path("values/import/", views.IndicatorValueImportView.as_view(), name="indicatorvalue_import"),
    path("values/sum/", views.SumChildrenView.as_view(), name="indicatorvalue_sum"),
    path("values/<int:pk>/", views.IndicatorValueDetailView.as_view(), name="indicatorvalue"),
    path(
        "values/<int:pk>/edit/", views.IndicatorValueEditView.as_view(), name="indicatorvalue_edit"
    ),
    path(
        "values/<int:pk>/archive/",
        views.IndicatorValueArchiveView.as_view(),
        name="indicatorvalue_archive",
    ),
    path(
        "values/<int:pk>/history/",
        views.IndicatorValueHistoryView.as_view(),
        name="indicatorvalue_history",
    ),
    path("targets/", views.TargetListView.as_view(), name="target_list"),
    path("targets/add/", views.TargetEditView.as_view(), name="target_add"),
    path("targets/<int:pk>/edit/", views.TargetEditView.as_view(), name="target_edit"),
    path("targets/<int:pk>/archive/", views.TargetArchiveView.as_view(), name="target_archive"),
    path("targets/<int:pk>/history/", views.TargetHistoryView.as_view(), name="target_history"),
    path("catalogue/", views_catalogue.IndicatorListView.as_view(), name="indicator_list"),
    path("catalogue/add/", views_catalogue.IndicatorEditView.as_view(), name="indicator_add"),
    path("catalogue/<int:pk>/", views_catalogue.IndicatorDetailView.as_view(), name="indicator"),
    path(
        "catalogue/<int:pk>/edit/",
        views_catalogue.IndicatorEditView.as_view(),
        name="indicator_edit",
    ),
    path("briefing/", views_briefing.BriefingView.as_view(), name="briefing"),
]
