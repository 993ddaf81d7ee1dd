"""Rows of small, seldom-changed tables kept by each worker for a while: the filter forms'
towns and tiers, and the tier names of a project list (docs/foundation.md)."""

import time

from django.conf import settings
from django.db.models.signals import post_delete, post_save

# (database, SQL, params) -> (monotonic expiry, rows)
_LISTED: dict = {}
_LISTED_MODELS: set = set()
_LISTED_MAX = 512


class KeptRows(list):
    """Kept rows, with what is made from them once (``made``) kept alongside."""

    def made(self, key, make):
        """``make()``, once for these rows and ``key`` (text shown for them, say)."""
        memo = self.__dict__.setdefault("_made", {})
        if key not in memo:
            memo[key] = make()
        return memo[key]


def listed_rows(queryset, key=None) -> list:
    """The rows of a small table (towns, tiers), kept by this process for
    ``MUJUN_CHOICES_CACHE_SECONDS`` per distinct query (so per user scope): towns and tiers
    change a few times a year, and reading them on every list page cost more than its table.
    A save or delete in this process clears them at once; another worker sees it within the
    setting's seconds (docs/foundation.md).

    ``key``, when given, stands for the query instead of its SQL: a hashable value naming
    everything the query depends on (a user's part by ``core.querysets.scope_key``). The SQL of a
    small scoped query took a third of a millisecond to compile, three times a list page."""
    seconds = getattr(settings, "MUJUN_CHOICES_CACHE_SECONDS", 60)
    if seconds <= 0 or queryset.query.is_empty():
        return list(queryset)
    if key is None:
        sql, params = queryset.query.sql_with_params()
        key = ("sql", sql, tuple(params))
    key = (queryset.db, queryset.model, key)
    now = time.monotonic()
    hit = _LISTED.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    rows = KeptRows(queryset)
    if len(_LISTED) >= _LISTED_MAX:
        _LISTED.clear()
    _LISTED[key] = (now + seconds, rows)
    _LISTED_MODELS.add(queryset.model)
    return rows


def _forget_listed(sender, **kwargs):
    if sender in _LISTED_MODELS:
        _LISTED.clear()


post_save.connect(_forget_listed, dispatch_uid="mujun.core.kept.save")
post_delete.connect(_forget_listed, dispatch_uid="mujun.core.kept.delete")


def forget_all() -> None:
    """Drop every kept row (tests that turn the keeping on start and end with this)."""
    _LISTED.clear()
