"""Saving and archiving business objects: the verbs every app's views and API call."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _


class VersionConflict(Exception):
    """Someone else saved the object after the caller read it."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(
            _("此记录已被他人修改（当前版本 %(v)s），您的修改未保存。请刷新后重新提交。")
            % {"v": current_version}
        )


@transaction.atomic
def save_versioned(obj, *, expected_version: int | None, user=None):
    """Save ``obj`` if nobody saved it since ``expected_version``; raise ``VersionConflict``.

    The row is re-read under a lock (``select_for_update``; SQLite's IMMEDIATE transactions
    serialise writers) so two concurrent saves cannot both pass the check.
    """
    if obj.pk is not None:
        model = type(obj)
        current = (
            model._base_manager.select_for_update()
            .filter(pk=obj.pk)
            .values_list("version", flat=True)
            .get()
        )
        if expected_version is None or int(expected_version) != current:
            raise VersionConflict(current)
        obj.version = current + 1
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def archive(obj, *, user=None):
    """Archive instead of deleting: the object leaves lists but keeps its history."""
    obj.is_archived = True
    obj.archived_at = timezone.now()
    obj.version += 1
    if user is not None:
        obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def restore(obj, *, user=None):
    obj.is_archived = False
    obj.archived_at = None
    obj.version += 1
    if user is not None:
        obj._history_user = user
    obj.save()
    return obj
