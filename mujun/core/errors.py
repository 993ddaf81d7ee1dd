"""The error pages: the API's paths answer JSON ``{"detail": …}`` in Chinese, as its own errors
do (a path that matches no operation, ``/api/enterprises/abc``, is a 404 of the API too); the
pages answer the Chinese templates."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def _api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if _api(request):
        return JsonResponse({"detail": _("请求无效")}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _api(request):
        return JsonResponse({"detail": _("您的角色无权执行此操作。")}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _api(request):
        return JsonResponse({"detail": _("未找到，或不在您的管辖范围内")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _api(request):
        return JsonResponse(
            {"detail": _("服务器内部错误，已记录。请稍后重试或联系管理员。")}, status=500
        )
    return defaults.server_error(request)
