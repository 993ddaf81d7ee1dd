from django.urls import path

from .views import JobListView, JobView, TableColumnsView, favicon
from .views_home import health

app_name = "core"

urlpatterns = [
    path("health/", health, name="health"),
    # browsers and bookmarks ask the site's root for its icon before reading any page
    path("favicon.ico", favicon, name="favicon"),
    path("jobs/", JobListView.as_view(), name="job_list"),
    path("jobs/<int:pk>/", JobView.as_view(), name="job"),
    path("table-columns/", TableColumnsView.as_view(), name="table_columns"),
]
