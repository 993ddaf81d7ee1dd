"""The JSON API at /api/ (django-ninja); OpenAPI at /api/docs and /api/openapi.json."""

from ninja import NinjaAPI

from mujun.accounts.api import router as auth_router
from mujun.attraction.api import router as attraction_router
from mujun.core import api_errors
from mujun.core.actions import VersionConflict
from mujun.core.api import ApiError
from mujun.enterprises.api import router as enterprises_router
from mujun.evaluation.api import router as evaluation_router
from mujun.home.api import router as home_router
from mujun.indicators.api import router as indicators_router
from mujun.officials.api import router as officials_router
from mujun.projects.api import router as projects_router
from mujun.reader.api import router as reader_router
from mujun.screen.api import router as screen_router
from mujun.service.api import liaisons_router
from mujun.service.api import router as service_router


class MujunAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The schema with the error answers of every operation documented
        (``core.api_errors.document_errors``): the contract names every status it answers."""
        return api_errors.document_errors(super().get_openapi_schema(*args, **kwargs))


api = MujunAPI(
    title="mujun API",
    version="1",
    description="亩均平台接口。金额为万元，以十进制字符串表示；日期为 ISO 格式。",
    urls_namespace="api",
)


api_errors.install(api)


@api.exception_handler(ApiError)
def api_error(request, exc: ApiError):
    return api.create_response(request, {"detail": exc.detail}, status=exc.status)


@api.exception_handler(VersionConflict)
def version_conflict(request, exc: VersionConflict):
    """Someone saved after the caller read: every PATCH answers 409 the same way."""
    return api.create_response(request, {"detail": str(exc)}, status=409)


api.add_router("/auth", auth_router)
api.add_router("/home", home_router)
api.add_router("/enterprises", enterprises_router)
api.add_router("/projects", projects_router)
api.add_router("/attraction", attraction_router)
api.add_router("/officials", officials_router)
api.add_router("/indicators", indicators_router)
api.add_router("/evaluation", evaluation_router)
api.add_router("/reader", reader_router)
api.add_router("/service", service_router)
api.add_router("/screen", screen_router)
# PUT /api/enterprises/{id}/liaisons and /api/projects/{id}/liaisons, kept with the service
api.add_router("", liaisons_router)
