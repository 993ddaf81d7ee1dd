"""What every API router shares: authentication, scoping per request, paging, errors.

Scoping follows the UI exactly: the HTTP method maps to an action, a role without it gets
403, and an object outside the user's subtree is a 404.
"""

from typing import Annotated, Generic, TypeVar

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .filters import filter_values
from .money import quantize
from .paging import capped_count, reach_for
from .roles import METHOD_ACTIONS, VIEW, role_allows


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        from mujun.accounts.actions import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


# A token for scripts, the session cookie for the pages' own htmx and chart calls.
AUTH = [BearerAuth(), django_auth]


def action_for(request: HttpRequest, action: str | None = None) -> str:
    return action or METHOD_ACTIONS.get(request.method, VIEW)


def scoped(request: HttpRequest, model, action: str | None = None):
    """``model.objects.for_user`` for the request's user and action; 403 if the role lacks it."""
    action = action_for(request, action)
    if not role_allows(request.user, action):
        raise HttpError(403, _("您的角色无权执行此操作。"))
    return model.objects.for_user(request.user, action)


def get_scoped(request: HttpRequest, model, pk, action: str | None = None, queryset=None):
    qs = queryset if queryset is not None else scoped(request, model, action)
    return get_object_or_404(qs, pk=pk)


T = TypeVar("T")


class Page(Schema, Generic[T]):
    count: int = Field(
        description="符合条件的条数。超过 10,000 条（设置 MUJUN_COUNT_LIMIT）时只数到 10,000 条"
        "（或所请求页的末尾），此时 count_capped 为 true，count 是已数到的条数，还有更多"
    )
    count_capped: bool = Field(
        False, description="为 true 时 count 不是总数：还有更多记录，请继续翻页直到 items 为空"
    )
    page: int
    page_size: int
    items: list[T]


def paginate(qs, page: int, page_size: int, rows=None) -> dict:
    """One page of ``qs`` and the count of all, capped as every list caps it
    (``core.paging``). ``rows(qs_slice)`` fetches the page's items some other way than as
    model instances (the count still runs on ``qs`` itself). A page past the last is empty,
    without a query (an offset beyond a 64-bit integer is an error in the database)."""
    page_size = max(1, min(page_size, 500))
    page = max(1, page)
    count, capped = capped_count(qs, reach_for(page, page_size))
    start = (page - 1) * page_size
    if start >= count:
        items = []
    else:
        chunk = qs[start : start + page_size]
        items = list(chunk) if rows is None else rows(chunk)
    return {
        "count": count,
        "count_capped": capped,
        "page": page,
        "page_size": page_size,
        "items": items,
    }


class ErrorOut(Schema):
    """Every error answer. ``detail`` is a message (401, 403, 404, 409, 413), or for 422 the
    messages by field as the caller named them (``{"year": ["应不大于 2100"]}``; ``__all__``
    for the request as a whole), or, where an operation says so, a list of problems by item."""

    detail: str | dict[str, list[str] | str | list] | list


class ApiError(Exception):
    """An error answered as ``{"detail": ...}`` with its status (``detail`` may be a dict of
    field → messages for 422)."""

    def __init__(self, status: int, detail):
        self.status = status
        self.detail = detail
        super().__init__(str(detail))


def form_errors(form, schema=None) -> dict:
    """A form's errors by field; with ``schema`` (an input schema whose fields carry the API's
    names as aliases of the form's), under the names the caller sent."""
    names = {}
    if schema is not None:
        names = {name: info.alias for name, info in schema.model_fields.items() if info.alias}
    return {names.get(f, f): [str(e) for e in errors] for f, errors in form.errors.items()}


def invalid(form, schema=None) -> ApiError:
    return ApiError(422, form_errors(form, schema))


def patch_schema(schema, name: str):
    """The PATCH body of ``schema`` (an input schema): every field optional and unset unless
    sent, under the same names and aliases, plus the ``version`` the caller read."""
    from pydantic import Field, create_model
    from pydantic.fields import FieldInfo

    # A field keeps its type: ``null`` is a value only where the field may be empty
    # (``enterprise_id``); elsewhere (``tiers``, ``name``) it answers 422, never reaching the
    # form as a value it cannot take. Leaving a field out leaves it as it is.
    fields = {
        field: (info.annotation, FieldInfo.merge_field_infos(info, default=None))
        for field, info in schema.model_fields.items()
    }
    fields["version"] = (int, Field(description="读取时的版本号；此后有人保存过则答 409"))
    return create_model(name, __base__=Schema, **fields)


def decimal_str(value, places: int = 4) -> str | None:
    """Amounts leave the API as decimal strings with fixed places (``"12.5000"``)."""
    return None if value is None else str(quantize(value, places))


class RowOut(BaseModel):
    """An output schema for the rows of a long list, read by pydantic itself from the objects'
    attributes (``from_attributes``): a related object's value by ``AliasPath("region",
    "code")``, a method's result through ``Called``. Django Ninja's ``Schema`` resolves every
    field of every row through a getter of its own, which cost the 50 rows of a project page as
    much as fetching them; a schema of a single object stays a ``Schema``."""

    model_config = ConfigDict(from_attributes=True)


# a field read from a method (``planned_dates``): the method's result
Called = BeforeValidator(lambda value: value() if callable(value) else value)

# What an output schema's amount, area or percentage field holds: the decimal as a string with
# four places (万元, 亩) or two (percent), whatever the attribute it is read from holds.
Wan = Annotated[str, BeforeValidator(decimal_str)]
Pct = Annotated[str, BeforeValidator(lambda value: decimal_str(value, 2))]


def filter_list(request: HttpRequest, filterset_class, queryset, params):
    """``queryset`` filtered by the list's FilterSet with the query parameters of its
    ``core.filters.query_schema`` (the page's filters under the same names); an invalid value
    answers 422 with the field's message."""
    filterset = filterset_class(filter_values(params), queryset=queryset, request=request)
    if not filterset.is_valid():
        raise invalid(filterset.form)
    return filterset.qs
