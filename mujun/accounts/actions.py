"""Signing in with the lockout rule: five failures in a row lock the account for 15 minutes."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, User, hash_token


@dataclass
class LoginResult:
    user: User | None
    error: str | None = None


def _lock_message(user: User) -> str:
    local = timezone.localtime(user.locked_until)
    return _("登录失败次数过多，账号已锁定至 %(t)s，请稍后再试。") % {"t": f"{local:%H:%M}"}


def sign_in(request, *, username: str, password: str) -> LoginResult:
    """Check the password unless the account is locked; count failures and lock on the fifth.

    A wrong password for an unknown user name gives the same message as for a known one, so
    the form does not reveal which accounts exist.
    """
    generic = _("用户名或密码不正确。")
    user = User.objects.filter(username=username).first()
    if user is not None and user.is_locked:
        return LoginResult(None, _lock_message(user))
    authed = authenticate(request, username=username, password=password)
    if authed is not None:
        if authed.failed_logins or authed.locked_until:
            User.objects.filter(pk=authed.pk).update(failed_logins=0, locked_until=None)
            authed.failed_logins, authed.locked_until = 0, None
        return LoginResult(authed)
    if user is None:
        return LoginResult(None, generic)
    failures = user.failed_logins + 1
    locked_until = None
    if failures >= settings.MUJUN_LOGIN_MAX_FAILURES:
        locked_until = timezone.now() + timezone.timedelta(
            minutes=settings.MUJUN_LOGIN_LOCK_MINUTES
        )
        failures = 0
    User.objects.filter(pk=user.pk).update(failed_logins=failures, locked_until=locked_until)
    if locked_until is not None:
        user.locked_until = locked_until
        return LoginResult(None, _lock_message(user))
    return LoginResult(None, generic)


def user_for_token(raw: str) -> User | None:
    """The active user a bearer token belongs to, or ``None`` if unknown or expired."""
    # one query: the token with its user and the user's region
    token = ApiToken.objects.select_related("user__region").filter(key_hash=hash_token(raw)).first()
    if token is None:
        return None
    user, now = token.user, timezone.now()
    if token.expires_at and token.expires_at < now:
        return None
    if not user.is_active or user.is_locked:
        return None
    # Recorded to the minute at most: a write on every call would serialise API readers on
    # SQLite, where writers take the database lock.
    if token.last_used_at is None or now - token.last_used_at > timezone.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user
