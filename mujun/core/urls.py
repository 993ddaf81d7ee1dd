from django.urls import path

from .views import TableColumnsView
from .views_home import health, home

app_name = "core"

urlpatterns = [
    path("", home, name="home"),
    path("health/", health, name="health"),
    path("table-columns/", TableColumnsView.as_view(), name="table_columns"),
]
