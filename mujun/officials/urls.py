from django.urls import path

from . import views

app_name = "officials"

urlpatterns = [
    path("", views.OfficialListView.as_view(), name="official_list"),
    path("add/", views.OfficialEditView.as_view(), name="official_add"),
    path("<int:pk>/", views.OfficialDetailView.as_view(), name="official"),
    path("<int:pk>/edit/", views.OfficialEditView.as_view(), name="official_edit"),
    path("<int:pk>/archive/", views.OfficialArchiveView.as_view(), name="official_archive"),
    path("<int:pk>/history/", views.OfficialHistoryView.as_view(), name="official_history"),
]
