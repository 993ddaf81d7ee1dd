"""Who a screen is shown to: a signed-in user (their own region, or a region of their scope), or
a screen link's stand-in viewer, which reads exactly what a viewer of the link's region reads
through the one scoping method (``for_user``) and nothing else: the link grants no session and
no API token, so every other URL and API endpoint stays closed to it."""

from django.utils import timezone

from mujun.accounts.models import hash_token
from mujun.core.roles import Role

from .models import ScreenLink


class LinkViewer:
    """A read-only user of the link's region, for ``for_user``: not a database user, never
    signed in, a superuser never."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_staff = False
    role = Role.VIEWER
    department_id = None

    def __init__(self, link: ScreenLink):
        self.link = link
        self.region = link.region
        self.region_id = link.region_id
        self.pk = self.id = None


def link_for_key(raw: str | None) -> ScreenLink | None:
    """The live link a raw key opens, with its region, or ``None`` (unknown or revoked). One
    query, and a write at most once a minute: a write on every refresh would serialise the
    screens on SQLite."""
    if not raw or len(raw) > 200:
        return None
    link = (
        ScreenLink.objects.select_related("region")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if link is None:
        return None
    now = timezone.now()
    if link.last_used_at is None or now - link.last_used_at > timezone.timedelta(minutes=1):
        ScreenLink.objects.filter(pk=link.pk).update(last_used_at=now)
        link.last_used_at = now
    return link
