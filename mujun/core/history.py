"""The change history of an object, field by field, from django-simple-history's records."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils import timezone

_KIND = {"+": "创建", "~": "修改", "-": "删除"}
_HIDDEN = {"version", "updated_at", "created_at"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    kind: str
    changes: list[Change]


def _shown(field, value, fk_names, labels=None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ForeignKey):
        return fk_names.get((field.name, value), f"#{value}")
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dict):
        # a JSON field's cells, as a person would list them (a model's ``history_labels``
        # names its keys; its ``history_cell`` words a value, e.g. a code as its name)
        if labels is None:
            labels = getattr(field.model, "history_labels", dict)()
        cell = getattr(field.model, "history_cell", None)
        shown = (lambda k, v: cell(field.name, k, v)) if cell else (lambda _k, v: _cell(v))
        return "；".join(f"{labels.get(k, k)}：{shown(k, v)}" for k, v in value.items()) or "—"
    if isinstance(value, list):
        return "、".join(_cell(v) for v in value) or "—"
    return str(value)


def _cell(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return "—" if value in (None, "") else str(value)


def history_entries(obj) -> list[Entry]:
    """Newest first. One query for the records and one per foreign-key field shown."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    # A model's ``derived_fields`` are recomputed by the platform, never edited: not history.
    hidden = _HIDDEN | set(getattr(obj, "derived_fields", ()))
    # the row's own id is no fact a user changed
    fields = {
        f.attname: f
        for f in obj._meta.concrete_fields
        if f.attname not in hidden and not f.primary_key
    }
    fk_names = {}
    for attname, field in fields.items():
        if isinstance(field, models.ForeignKey):
            ids = {getattr(r, attname) for r in records} - {None}
            for related in field.related_model._base_manager.filter(pk__in=ids):
                fk_names[(field.name, related.pk)] = str(related)
    # the JSON fields' key names, asked once for the page (they may need a query)
    json_labels = None
    if any(isinstance(f, models.JSONField) for f in fields.values()):
        json_labels = getattr(type(obj), "history_labels", dict)()
    entries, previous = [], None
    for record in records:
        changes = []
        for attname, field in fields.items():
            new = getattr(record, attname)
            old = getattr(previous, attname) if previous is not None else None
            if previous is None and (new in (None, "", False)):
                continue
            if previous is not None and new == old:
                continue
            if attname in ("is_archived",) and previous is None:
                continue
            changes.append(
                Change(
                    str(field.verbose_name),
                    _shown(field, old, fk_names, json_labels) if previous is not None else "—",
                    _shown(field, new, fk_names, json_labels),
                )
            )
        who = record.history_user.display_name if record.history_user else "系统"
        kind = _KIND.get(record.history_type, record.history_type)
        if previous is not None and record.is_archived != previous.is_archived:
            kind = "归档" if record.is_archived else "恢复"
        entries.append(Entry(record.history_date, who, kind, changes))
        previous = record
    return list(reversed(entries))


def timeline(events) -> list:
    """A ledger's events (``core.models.Event``) as a timeline shows them: newest day first,
    the later record first within a day. One query, the users with it."""
    rows = list(events.select_related("user"))
    return sorted(rows, key=lambda e: (e.day, e.created_at, e.pk), reverse=True)
