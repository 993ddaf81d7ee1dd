"""Signing in with the lockout rule: five failures in a row lock the account for 15 minutes.

The rule lives in ``check_credentials``, which the authentication backend calls, so every way
in — the login page, the token endpoint, the management site's login, anything calling
``django.contrib.auth.authenticate`` — counts and respects the same lock. An attempt is counted
*before* its password is checked, by one conditional ``UPDATE`` that refuses once the count is
full: however many requests arrive at once, at most ``MUJUN_LOGIN_MAX_FAILURES`` passwords are
checked before the lock.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, User, hash_token


@dataclass
class LoginResult:
    user: User | None
    error: str | None = None


def _unlocked(now) -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lte=now)


def _reserve_attempt(user: User) -> bool:
    """Count an attempt for ``user`` unless the account is locked or its count is full."""
    now = timezone.now()
    return (
        User.objects.filter(_unlocked(now), pk=user.pk)
        .filter(failed_logins__lt=settings.MUJUN_LOGIN_MAX_FAILURES)
        .update(failed_logins=F("failed_logins") + 1)
        == 1
    )


def _lock_if_full(user: User) -> None:
    """The attempt failed: a full count locks the account (and starts the next count at 0)."""
    until = timezone.now() + timezone.timedelta(minutes=settings.MUJUN_LOGIN_LOCK_MINUTES)
    User.objects.filter(pk=user.pk, failed_logins__gte=settings.MUJUN_LOGIN_MAX_FAILURES).update(
        failed_logins=0, locked_until=until
    )


def check_credentials(username, password, *, can_authenticate) -> User | None:
    """The user whose name and password these are, under the lockout rule; ``None`` for an
    unknown name, a wrong password, a locked account or one ``can_authenticate`` refuses.
    A right password clears the count."""
    try:
        user = User._default_manager.get_by_natural_key(username)
    except User.DoesNotExist:
        # Run the default password hasher once, as Django does, so that an unknown name
        # takes as long as a known one (Django ticket #20760).
        User().set_password(password)
        return None
    if not _reserve_attempt(user):
        return None
    if user.check_password(password):
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
        user.failed_logins, user.locked_until = 0, None
        return user if can_authenticate(user) else None
    _lock_if_full(user)
    return None


def lock_message(user: User) -> str | None:
    """What to tell someone signing in as ``user`` while it is locked, else ``None``."""
    user.refresh_from_db(fields=["failed_logins", "locked_until"])
    if user.is_locked:
        local = timezone.localtime(user.locked_until)
        return _("登录失败次数过多，账号已锁定至 %(t)s，请稍后再试。") % {"t": f"{local:%H:%M}"}
    if user.failed_logins >= settings.MUJUN_LOGIN_MAX_FAILURES:
        # the count is full and the lock is being written by the attempt that filled it
        return _("登录失败次数过多，账号已锁定，请稍后再试。")
    return None


def sign_in(request, *, username: str, password: str) -> LoginResult:
    """Check the password under the lockout rule (``check_credentials``, through the backend).

    A wrong password for an unknown user name gives the same message as for a known one, so
    the form does not reveal which accounts exist.
    """
    authed = authenticate(request, username=username, password=password)
    if authed is not None:
        return LoginResult(authed)
    user = User.objects.filter(username=username).first()
    message = lock_message(user) if user is not None else None
    return LoginResult(None, message or _("用户名或密码不正确。"))


def revoke_tokens(user: User) -> int:
    """Delete every API token of ``user``; the number deleted."""
    return ApiToken.objects.filter(user=user).delete()[0]


def user_for_token(raw: str) -> User | None:
    """The active user a bearer token belongs to, or ``None`` if unknown or expired."""
    # One query: the token with its user and the user's region, unsorted (``first()`` would
    # sort by the model's ordering) and without counting a second row the unique hash rules out.
    tokens = ApiToken.objects.select_related("user__region").order_by()
    token = next(iter(tokens.filter(key_hash=hash_token(raw))[:1]), None)
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
