"""Imports as set operations (issue 16, item 1): the same rules as ``Importer``, at the cost
of reading the file rather than of a form and a dozen queries a row.

The file is read once; every cell is cleaned by a plain function chosen once per column from
the import form's field (``cleaners.py``: the common cell read directly, any other handed to
the form field, so the reasons are the form's words); what a row is checked against — regions,
codes, the stored rows of every key in the file — is read once per import, a few thousand keys
a query. Only a file without problems is written, in one transaction: new rows and their audit
records through the bulk writer (``bulk_write.py``: COPY on PostgreSQL, ``executemany`` on
SQLite), changed rows with ``bulk_update`` a chunk at a time and their audit records with
django-simple-history's ``bulk_update_with_history``. A row equal to what is stored is not
written, so importing the same file twice changes nothing.

Only the columns present in the file are compared and written: a file without the 地址 column
leaves the stored addresses as they are.
"""

from collections.abc import Callable, Iterable, Iterator

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from . import bulk_write, imports
from .cleaners import cleaner
from .imports import Importer, ImportResult, Problem, silent

# Rows built into model objects, written and let go at a time: memory follows the file, not
# one Django object per row of it; a few thousand keys also stay below SQLite's variable limit.
CHUNK = 2000


def chunks(items: list, size: int | None = None) -> Iterator[list]:
    size = size or CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Beyond this many keys a table is read whole, in one streamed query, rather than a chunk of
# keys a query: for a county's whole register, PostgreSQL's driver spent more on fifty queries
# of 2,000 parameters than the server on every row of the table.
WHOLE_TABLE_KEYS = 20_000


def where_in(queryset, field: str, values: Iterable) -> Iterator[dict]:
    """The rows of ``queryset`` (a ``.values()`` queryset naming ``field``) whose ``field`` is
    one of ``values``: one query per ``CHUNK`` values, or one for the whole table when there
    are more than ``WHOLE_TABLE_KEYS`` of them."""
    values = list(dict.fromkeys(values))
    if len(values) > WHOLE_TABLE_KEYS:
        wanted = set(values)
        for row in queryset.iterator(chunk_size=5 * CHUNK):
            if row[field] in wanted:
                yield row
        return
    for part in chunks(values):
        yield from queryset.filter(**{f"{field}__in": part})


def rows_by_key(queryset, key_field: str, keys: Iterable, fields: Iterable[str]) -> dict:
    """The stored rows of ``queryset`` whose ``key_field`` is one of ``keys``, as
    ``{key: {field: value}}`` (the first by id where a key repeats)."""
    found = {}
    names = list(dict.fromkeys([key_field, *fields]))
    for row in where_in(queryset.order_by("pk").values(*names), key_field, keys):
        found.setdefault(row[key_field], row)
    return found


def pks_among(queryset, pks: Iterable) -> set:
    """Which of ``pks`` ``queryset`` holds (a scope's rows among a file's)."""
    return {row["pk"] for row in where_in(queryset.order_by().values("pk"), "pk", pks)}


class Row:
    """A checked row: its number in the file, its key, its cleaned values by field."""

    __slots__ = ("number", "key", "values")

    def __init__(self, number: int, key: str, values: dict):
        self.number, self.key, self.values = number, key, values


class SetImporter(Importer):
    """An importer whose rows are checked and written as sets. A model supplies:

    - ``model`` and ``model_fields`` (the columns that are the model's own fields);
    - ``prepare(present)``: read once what cells are cleaned against (towns, a catalogue);
    - ``cell_problems(values, failed)``: the problems of a row's cells taken together (no
      query), reported beside each cell's own;
    - ``key_of(values, text)``: a row's natural key from its cleaned values (the key column's
      normalised text by default), ``None`` while a part of it is missing;
    - ``load_stored(keys)``: read once the stored rows of every key of the file;
    - ``check_row(row, present)``: the problems of one row beyond its cells, as
      ``(field or None, reason)``, from what was read (no query);
    - ``write(rows, present, result, report)``: write the checked rows, counting them into
      ``result`` (``create_in_bulk`` and ``update_in_bulk`` do the writing).
    """

    model = None
    model_fields: tuple[str, ...] = ()

    def prepare(self, present: set[str]) -> None:
        """Read once what the cells are cleaned against."""

    def key_of(self, values: dict, text: str):
        return text or None

    def load_stored(self, keys: list) -> None:
        """Read once the stored rows of ``keys``."""

    def check_row(self, row: Row, present: set[str]) -> list[tuple[str | None, str]]:
        return []

    def cell_problems(self, values: dict, failed: set[str]) -> list[tuple[str | None, str]]:
        """The problems of a row's cells taken together (an official looked up in the row's
        town), reported beside each cell's own whatever else is wrong in the row, from what
        ``prepare`` read (no query); ``failed`` names the cells that were refused."""
        return []

    def write(self, rows: list[Row], present: set[str], result: ImportResult, report) -> None:
        raise NotImplementedError  # pragma: no cover - every importer defines it

    def cleaners(self, present: set[str]) -> dict[str, Callable]:
        """A function per column present that turns its text into the value or raises
        ``ValidationError``: the import form's field (one form built per import) through a
        plain function chosen once for its type (``cleaners.cleaner``), followed by the model
        field's own validators that the form field does not run."""
        form = self.form_class(user=self.user)
        found = {}
        for name in present:
            field = form.fields.get(name)
            if field is None:
                continue
            extra = []
            if name in self.model_fields:
                model_field = self.model._meta.get_field(name)
                extra = [v for v in model_field.validators if v not in field.validators]
            found[name] = cleaner(field, extra)
        return found

    # -- the shared path -------------------------------------------------------------------
    def check(self, name, content, progress=None):  # the form path's; the set path has none
        raise NotImplementedError("SetImporter checks and writes in run()")

    def run(self, name: str, content: bytes, progress=None) -> ImportResult:
        report = progress or silent
        result = ImportResult()
        lines, mapping = self.read_lines(name, content, result)
        if result.problems:
            report(checked=0, written=0, problems=result.problems)
            return result
        present = {col.field for col in mapping.values()}
        header_of = {c.field: c.header for c in self.columns}
        self.prepare(present)
        cleaners = self.cleaners(present)
        # the key's cell (index None) is read normalised (``read_lines``), the others as they are
        cells = [
            (None if col.field == self.key_field else i, col.field, cleaners.get(col.field, _as_is))
            for i, col in mapping.items()
        ]
        width = max(mapping) + 1
        rows, seen, total = [], {}, len(lines)
        for done, (number, cells_text, text_key) in enumerate(lines, start=1):
            if done % imports.PROGRESS_EVERY == 0:
                report(checked=done, written=0, problems=result.problems)
            if len(cells_text) < width:  # a short line of a CSV
                cells_text = cells_text + [""] * (width - len(cells_text))
            values, problems = {}, []
            for index, field, clean in cells:
                try:
                    values[field] = clean(text_key if index is None else cells_text[index])
                except ValidationError as exc:
                    problems += [(field, message) for message in exc.messages]
            problems += self.cell_problems(values, {field for field, _reason in problems})
            key = self.key_of(values, text_key)
            if key is not None and key in seen:
                reason = _("与第 %(n)s 行重复") % {"n": seen[key]}
                problems = [(self.key_field, reason)]
            elif key is not None:
                seen[key] = number
            for field, reason in problems:
                result.problems.append(Problem(number, header_of.get(field), reason))
            if not problems:
                rows.append(Row(number, key, values))
        del lines, seen
        self.load_stored([row.key for row in rows if row.key is not None])
        checked = []
        for row in rows:
            problems = self.check_row(row, present)
            for field, reason in problems:
                result.problems.append(Problem(row.number, header_of.get(field), reason))
            if not problems:
                checked.append(row)
        rows = checked
        result.problems.sort(key=lambda p: p.row or 0)
        report(checked=total, written=0, problems=result.problems)
        if result.problems:
            return result
        with transaction.atomic():
            self.write(rows, present, result, report)
            self.after_import()
        report(checked=len(rows), written=result.created + result.updated, problems=[])
        return result

    # -- writing ---------------------------------------------------------------------------
    def create_in_bulk(self, model, rows: list[dict]) -> list[int]:
        """Insert ``rows`` (a dict of values by attname each, ``region_id`` not ``region``)
        with their audit records naming the importing user, through the bulk writer
        (``bulk_write.create``); the new rows' ids, in order."""
        return bulk_write.create(model, rows, user=self.user)

    def create_objects_in_bulk(self, model, objects: list) -> list:
        """``create_in_bulk`` for unsaved model objects, where the rows are easier built as
        such (a ledger event names each): every field's value as the object holds it, the
        ``auto_now`` times left to the writer; each object is given its new id."""
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key
            and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)
        ]
        rows = [{f.attname: getattr(obj, f.attname) for f in fields} for obj in objects]
        for obj, pk in zip(objects, self.create_in_bulk(model, rows), strict=True):
            obj.pk = pk
        return objects

    def update_in_bulk(self, model, changes: dict[int, dict]) -> Iterator[list]:
        """Apply ``{pk: {field: value}}`` to stored rows, a chunk at a time, each one's version
        increased and an audit record written for it as a form's save would. Yields each
        chunk's updated objects (consume it: nothing is written otherwise)."""
        now = timezone.now()
        for part in chunks(list(changes)):
            objects = model._base_manager.in_bulk(part)
            fields = {"version", "updated_at"}
            for pk, obj in objects.items():
                for field, value in changes[pk].items():
                    setattr(obj, field, value)
                    fields.add(field)
                obj.version += 1
                obj.updated_at = now
            bulk_update_with_history(
                list(objects.values()),
                model,
                sorted(fields),
                batch_size=CHUNK,
                default_user=self.user,
                default_date=now,
            )
            yield list(objects.values())


def _as_is(text: str) -> str:
    return text


def looked_up(found: dict, field_class, normalise: Callable[[str], str] = str.strip) -> Callable:
    """The cleaner of a column naming what the import read once (``found``: the normalised
    cell → its row or object), worded as the column's form field (``field_class``, a choice
    field) words it: a blank cell is required, one not in ``found`` an invalid choice."""
    unknown = field_class.default_error_messages["invalid_choice"]

    def clean(text):
        key = normalise(str(text or ""))
        if not key:
            raise ValidationError(forms.Field.default_error_messages["required"])
        value = found.get(key)
        if value is None:
            raise ValidationError(str(unknown) % {"value": key})
        return value

    return clean


def written(updates: Iterator) -> None:
    """Run ``update_in_bulk``'s chunks where nothing more is done with them."""
    for _chunk in updates:
        pass


def changed_fields(values: dict, stored: dict, fields: Iterable[str]) -> dict:
    """The fields of ``values`` (a foreign key by its object) that differ from ``stored``
    (read with ``.values()``, a foreign key by its ``<name>_id``), by attribute name."""
    changes = {}
    for field in fields:
        if field not in values:
            continue
        value = values[field]
        if hasattr(value, "_meta"):
            if stored.get(f"{field}_id") != value.pk:
                changes[f"{field}_id"] = value.pk
        elif stored.get(field) != value:
            changes[field] = value
    return changes
