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
def save_form(form, *, expected_version: int | None, user, prepare=None):
    """Save a valid model form's object with the version it was read at, and its many-to-many
    fields in the same transaction; ``prepare(obj)`` first sets what the form does not carry.
    The default route of an edit page and a PATCH; an area with a verb of its own (a project's
    ``save_project``) takes the form's values there instead."""
    obj = form.save(commit=False)
    if prepare is not None:
        prepare(obj)
    save_versioned(obj, expected_version=expected_version, user=user)
    form.save_m2m()
    return obj


def patched_form(form_class, instance, changes: dict, *, user, **form_kwargs):
    """A bound ``form_class`` of the stored ``instance`` with ``changes`` laid over it: a PATCH
    names only what it changes, and the form validates a whole record. ``changes`` are named
    as the form's fields; ``None`` clears a field."""
    stored = form_class(instance=instance, user=user, **form_kwargs)
    data = {name: stored[name].value() for name in stored.fields}
    data.update(changes)
    data = {name: ("" if value is None else value) for name, value in data.items()}
    return form_class(data, instance=instance, user=user, **form_kwargs)


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
