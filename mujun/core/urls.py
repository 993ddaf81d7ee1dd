from django.urls import path

from .views import TableColumnsView, favicon
from .views_home import health

app_name = "core"

urlpatterns = [
    path("health/", health, name="health"),
    # browsers and bookmarks ask the site's root for its icon before reading any page
    path("favicon.ico", favicon, name="favicon"),
    path("table-columns/", TableColumnsView.as_view(), name="table_columns"),
]
