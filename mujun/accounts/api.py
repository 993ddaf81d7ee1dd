import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from mujun.core.api import AUTH, ErrorOut

from .actions import sign_in
from .models import ApiToken

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class TokenInfoOut(Schema):
    """An issued token as its owner may see it again: never its value, which is stored hashed."""

    id: int
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None


@router.post("/token", response={200: TokenOut, 401: ErrorOut}, auth=None)
def issue_token(request, payload: TokenIn):
    """Exchange a user name and password for a bearer token (same lockout as the login page)."""
    result = sign_in(request, username=payload.username, password=payload.password)
    if result.user is None:
        return Status(401, {"detail": result.error or _("用户名或密码不正确。")})
    return {"token": ApiToken.issue(result.user)}


@router.get("/tokens", response=list[TokenInfoOut], auth=AUTH)
def list_tokens(request):
    """The caller's own API tokens, newest first."""
    return list(ApiToken.objects.filter(user=request.user))


@router.delete("/tokens/{int:token_id}", response={204: None, 404: ErrorOut}, auth=AUTH)
def revoke_token(request, token_id: int):
    """Revoke one of the caller's own tokens (another user's answers 404)."""
    get_object_or_404(ApiToken, pk=token_id, user=request.user).delete()
    return Status(204, None)
