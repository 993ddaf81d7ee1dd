"""The API's error answers, all ``{"detail": ...}`` in Chinese (issue 21, items 7 and 9).

A request the schema refuses answers 422 with ``detail`` as field → messages, the shape of a
form's errors (``core.api.form_errors``), so every 422 reads alike; a database refusal that
slipped past validation answers 409 (a simultaneous write) or 422 (a value out of range), never
500; an unexpected error answers 500 with a message, never a traceback.
"""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import HttpError, ValidationError

logger = logging.getLogger("mujun.api")

# pydantic's error types, in the words of the forms
_MESSAGES = {
    "missing": "必填",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "整数部分位数过多",
    "string_type": "应为文本",
    "string_too_short": "至少 %(min_length)s 个字符",
    "string_too_long": "最多 %(max_length)s 个字符",
    "string_unicode": "应为文本",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "datetime_type": "应为日期时间（ISO 8601）",
    "datetime_parsing": "应为日期时间（ISO 8601）",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "set_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "too_short": "至少 %(min_length)s 项",
    "too_long": "最多 %(max_length)s 项",
    "greater_than": "应大于 %(gt)s",
    "greater_than_equal": "应不小于 %(ge)s",
    "less_than": "应小于 %(lt)s",
    "less_than_equal": "应不大于 %(le)s",
    "literal_error": "应为以下之一：%(expected)s",
    "enum": "应为以下之一：%(expected)s",
    "json_invalid": "请求体不是有效的 JSON",
    "json_type": "请求体不是有效的 JSON",
    "extra_forbidden": "不认识的字段",
    "union_tag_invalid": "取值无效",
}
_HTTP = {
    "Cannot parse request body": "请求体不是有效的 JSON",
    "Unauthorized": "未登录，或接口令牌无效、已过期",
    "Forbidden": "无权访问",
}


def _field(loc) -> str:
    # ("body", "payload", "facts", 0, "key") → "facts.0.key"; ("query", "year") → "year"
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form", "file"):
        kind = parts.pop(0)
        if kind == "body" and parts:
            parts.pop(0)  # the view's parameter name
    return ".".join(str(p) for p in parts) or "__all__"


def message(error: dict) -> str:
    """One pydantic error in Chinese."""
    text = _MESSAGES.get(error.get("type", ""))
    if text is None:
        return _("取值无效")
    try:
        return text % {k: v for k, v in (error.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return text.split("%")[0].strip() or _("取值无效")


def field_errors(errors) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for error in errors:
        out.setdefault(_field(error.get("loc", ())), []).append(message(error))
    return out


def install(api) -> None:
    """Register the handlers on the NinjaAPI ``api``."""

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        return api.create_response(request, {"detail": field_errors(exc.errors)}, status=422)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        # the same words whether the object does not exist or lies outside the caller's scope
        return api.create_response(
            request, {"detail": _("未找到，或不在您的管辖范围内")}, status=404
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        text = str(exc)
        return api.create_response(
            request, {"detail": _HTTP.get(text, text)}, status=exc.status_code
        )

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return api.create_response(request, {"detail": _("请求体过大；请分批提交")}, status=413)

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):
        return api.create_response(request, {"detail": _("请求无效")}, status=400)

    @api.exception_handler(IntegrityError)
    def integrity_error(request, exc):
        # a unique key taken by a write that happened at the same moment
        logger.info("integrity error answered 409: %s", exc)
        return api.create_response(
            request,
            {"detail": _("与他人同时进行的修改冲突，未保存。请刷新后重试。")},
            status=409,
        )

    @api.exception_handler(DataError)
    def data_error(request, exc):
        logger.info("data error answered 422: %s", exc)
        return api.create_response(
            request, {"detail": {"__all__": [_("数值超出范围或文字过长，未保存")]}}, status=422
        )

    @api.exception_handler(OverflowError)
    def overflow_error(request, exc):
        return api.create_response(
            request, {"detail": {"__all__": [_("数值超出范围")]}}, status=422
        )

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error on %s %s", request.method, request.path)
        return api.create_response(
            request, {"detail": _("服务器内部错误，已记录。请稍后重试或联系管理员。")}, status=500
        )


# What each error status means, as the OpenAPI schema documents it
_DOCUMENTED = {
    "400": "请求体不是有效的 JSON",
    "401": "未登录，或接口令牌无效、已过期",
    "403": "您的角色无权执行此操作",
    "404": "对象不存在，或不在您的管辖范围内",
    "409": "此后有人保存过（版本号过期），或与同时进行的修改冲突；未保存",
    "422": "输入有误：detail 按字段列出原因",
}


def document_errors(schema: dict) -> dict:
    """Adds to every operation of an OpenAPI ``schema`` the error answers it can give, each
    as ``ErrorOut``: 401 and 403 where it needs a login, 404 where its path names an object,
    422 where it takes parameters or a body, 400 where it takes a body, 409 where it writes.
    An answer an operation documents itself (a 422 of its own shape) is left as it is."""
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            codes = set()
            if operation.get("security"):
                codes |= {"401", "403"}
            if "{" in path:
                codes.add("404")
            if operation.get("parameters") or operation.get("requestBody"):
                codes.add("422")
            if operation.get("requestBody"):
                codes.add("400")
            if method in ("post", "put", "patch", "delete"):
                codes.add("409")
            # the operation's own answers are keyed by number (Django Ninja): keyed by text
            # beside them, a code would appear twice in the JSON and Swagger UI refuses it
            responses = {
                str(code): answer for code, answer in operation.get("responses", {}).items()
            }
            operation["responses"] = responses
            for code in sorted(codes):
                responses.setdefault(code, {"description": _DOCUMENTED[code], **error})
    return schema
