"""An admin's home page (管理员, issue 19 item 4): the users and regions they manage, the
database's and the disk's size, and when the daily alert refresh last ran. The last imports
of the users they manage are read by imports.py."""

import shutil
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.db import connection
from django.db.models import Count

from mujun.core.roles import MANAGE, Role
from mujun.projects.models import AlertRefresh
from mujun.regions.choices import Level
from mujun.regions.models import Region


@dataclass
class System:
    users: list  # (role, its name, active users the admin manages of it)
    regions: list  # (level, its name, regions the admin manages of it)
    database_bytes: int | None
    disk_total_bytes: int | None
    disk_free_bytes: int | None
    last_refresh: AlertRefresh | None

    @property
    def user_count(self) -> int:
        return sum(n for _role, _name, n in self.users)

    @property
    def town_count(self) -> int:
        return sum(n for level, _name, n in self.regions if level == Level.TOWN)


def users_by_role(user) -> list:
    """Active users the admin manages (the management site's ``users_in_scope``) by role, in
    the roles' order: one grouped query."""
    from mujun.admin import users_in_scope

    counts = dict(
        users_in_scope(SimpleNamespace(user=user))
        .filter(is_active=True)
        .values("role")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("role", "n")
    )
    return [(role, str(role.label), counts.get(role, 0)) for role in Role]


def regions_by_level(user) -> list:
    rows = (
        Region.objects.for_user(user, MANAGE)
        .filter(is_peer=False)
        .values("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["level"]: row["n"] for row in rows}
    return [(level, str(level.label), counts[level]) for level in Level if level in counts]


def database_bytes() -> int | None:
    """The database's size on disk: PostgreSQL's own figure, SQLite's pages × page size."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            return pages * cursor.fetchone()[0]
    return None


def disk_usage() -> tuple[int, int] | tuple[None, None]:
    """Total and free bytes of the disk that holds the installation's files (``MUJUN_VAR``:
    the SQLite file, uploads, collected static files)."""
    folder = Path(getattr(settings, "VAR_DIR", settings.MEDIA_ROOT))
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return None, None
    return usage.total, usage.free


def system(user) -> System:
    total, free = disk_usage()
    return System(
        users=users_by_role(user),
        regions=regions_by_level(user),
        database_bytes=database_bytes(),
        disk_total_bytes=total,
        disk_free_bytes=free,
        last_refresh=AlertRefresh.objects.order_by("-finished_at", "-pk").first(),
    )
