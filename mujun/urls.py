from django.urls import include, path

from mujun.admin import site as admin_site
from mujun.api import api

urlpatterns = [
    path("", include("mujun.home.urls")),
    path("", include("mujun.core.urls")),
    path("accounts/", include("mujun.accounts.urls")),
    path("enterprises/", include("mujun.enterprises.urls")),
    path("projects/", include("mujun.projects.urls")),
    path("attraction/", include("mujun.attraction.urls")),
    path("service/", include("mujun.service.urls")),
    path("officials/", include("mujun.officials.urls")),
    path("indicators/", include("mujun.indicators.urls")),
    path("evaluation/", include("mujun.evaluation.urls")),
    path("reader/", include("mujun.reader.urls")),
    path("screen/", include("mujun.screen.urls")),
    path("admin/", admin_site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "mujun.core.errors.bad_request"
handler403 = "mujun.core.errors.permission_denied"
handler404 = "mujun.core.errors.page_not_found"
handler500 = "mujun.core.errors.server_error"
