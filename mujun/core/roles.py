"""Roles and the actions each may take. The rule is fixed (role plus region), not data.

Actions follow the HTTP verbs the views and the API map onto them: ``view`` (GET),
``add`` (POST), ``change`` (PUT/PATCH), ``delete`` (archive), plus ``manage`` for users and
regions, ``publish`` for signing off results and ``handle`` for working an enterprise problem
(escalate, accept, reply, return, close: docs/service.md).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("管理员")
    LEADER = "leader", _("领导")
    OFFICER = "officer", _("经办人")
    DEPARTMENT = "department", _("部门")
    VIEWER = "viewer", _("只读用户")


VIEW, ADD, CHANGE, DELETE, MANAGE, PUBLISH = "view", "add", "change", "delete", "manage", "publish"
HANDLE = "handle"
ACTIONS = (VIEW, ADD, CHANGE, DELETE, MANAGE, PUBLISH, HANDLE)

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(ACTIONS),
    # A leader reads everything in scope and signs off; data entry is the officers' work.
    Role.LEADER: frozenset({VIEW, PUBLISH}),
    Role.OFFICER: frozenset({VIEW, ADD, CHANGE, DELETE, HANDLE}),
    # A department reads and works the enterprise problems assigned to it, nothing else
    # (core.querysets.ASSIGNED_TO_MY_DEPARTMENT; its region's other data stays the towns').
    Role.DEPARTMENT: frozenset({VIEW, HANDLE}),
    Role.VIEWER: frozenset({VIEW}),
}

METHOD_ACTIONS = {
    "GET": VIEW,
    "HEAD": VIEW,
    "OPTIONS": VIEW,
    "POST": ADD,
    "PUT": CHANGE,
    "PATCH": CHANGE,
    "DELETE": DELETE,
}


def role_allows(user, action: str) -> bool:
    """Whether the user's role permits ``action`` at all (region scope is checked apart)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return action in ROLE_ACTIONS.get(getattr(user, "role", None), frozenset())
