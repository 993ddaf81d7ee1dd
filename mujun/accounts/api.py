from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from .actions import sign_in
from .models import ApiToken

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class ErrorOut(Schema):
    detail: str


@router.post("/token", response={200: TokenOut, 401: ErrorOut}, auth=None)
def issue_token(request, payload: TokenIn):
    """Exchange a user name and password for a bearer token (same lockout as the login page)."""
    result = sign_in(request, username=payload.username, password=payload.password)
    if result.user is None:
        return Status(401, {"detail": result.error or _("用户名或密码不正确。")})
    return {"token": ApiToken.issue(result.user)}
