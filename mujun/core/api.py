"""What every API router shares: authentication, scoping per request, paging, errors.

Scoping follows the UI exactly: the HTTP method maps to an action, a role without it gets
403, and an object outside the user's subtree is a 404.
"""

from typing import Generic, TypeVar

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from .money import quantize
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
    count: int
    page: int
    page_size: int
    items: list[T]


def paginate(qs, page: int, page_size: int, rows=None) -> dict:
    """One page of ``qs`` and the count of all. ``rows(qs_slice)`` fetches the page's items
    some other way than as model instances (the count still runs on ``qs`` itself)."""
    page_size = max(1, min(page_size, 500))
    page = max(1, page)
    count = qs.count()
    start = (page - 1) * page_size
    chunk = qs[start : start + page_size]
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "items": list(chunk) if rows is None else rows(chunk),
    }


class ApiError(Exception):
    """An error answered as ``{"detail": ...}`` with its status (``detail`` may be a dict of
    field → messages for 422)."""

    def __init__(self, status: int, detail):
        self.status = status
        self.detail = detail
        super().__init__(str(detail))


def form_errors(form) -> dict:
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


def invalid(form) -> ApiError:
    return ApiError(422, form_errors(form))


def decimal_str(value, places: int = 4) -> str | None:
    """Amounts leave the API as decimal strings with fixed places (``"12.5000"``)."""
    return None if value is None else str(quantize(value, places))
