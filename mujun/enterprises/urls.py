from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("add/", views.EnterpriseEditView.as_view(), name="enterprise_add"),
    path("import/", views.EnterpriseImportView.as_view(), name="enterprise_import"),
    path("options/", views.EnterpriseOptionsView.as_view(), name="enterprise_options"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise"),
    path("<int:pk>/edit/", views.EnterpriseEditView.as_view(), name="enterprise_edit"),
    path("<int:pk>/archive/", views.EnterpriseArchiveView.as_view(), name="enterprise_archive"),
    path("<int:pk>/history/", views.EnterpriseHistoryView.as_view(), name="enterprise_history"),
    path(
        "<int:enterprise>/parcels/add/",
        views.LandParcelEditView.as_view(),
        name="landparcel_add",
    ),
    path("parcels/<int:pk>/edit/", views.LandParcelEditView.as_view(), name="landparcel_edit"),
]
