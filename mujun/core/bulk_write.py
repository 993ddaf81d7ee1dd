"""New rows written into a model's table without a model object a row: the one place the
platform inserts past the ORM (docs/foundation.md, "Imports as set operations").

Django's ``bulk_create`` prepares every value of every row in Python (``pre_save``,
``get_db_prep_save``, a placeholder a value, on SQLite about 50 rows a statement) and
django-simple-history builds a model object for each audit record before that: for an import
of 100,000 enterprises that was 80% of the job. Here a row is a tuple handed to the driver:
PostgreSQL's ``COPY`` (psycopg's ``write_row``) or SQLite's ``executemany``; its audit record
is copied from it by the database.

The table and its columns come from the model's ``_meta``: a field added to a model is written
with its default until a caller gives it. A value is converted only where the driver cannot
take the Python value, by a converter chosen once per column from the field's type.

Ids are reserved before the insert and written with the rows (``reserve_ids``), so no read
back is needed and the audit records carry them.
"""

from collections.abc import Sequence
from datetime import date
from operator import itemgetter

from django.db import connection, models
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model

# Field types whose Python values both drivers take as they are (Django registers SQLite's
# adapters for dates and decimals; psycopg has its own). A type not named here is converted
# by the field itself (``get_db_prep_save``), a value at a time.
PLAIN = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DecimalField",
    "EmailField",
    "FloatField",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}
# PostgreSQL takes an aware datetime; SQLite is given Django's text for it.
PLAIN_ON = {"postgresql": {"DateTimeField"}, "sqlite": set()}


def create(model, rows: Sequence[dict], *, user=None) -> list[int]:
    """Insert ``rows`` (each a dict of the same field attnames: ``region_id``, not
    ``region``) into ``model``'s table with an audit record each when the model keeps a
    history (``user`` named in it), inside the caller's transaction. A field not given takes
    its default; ``auto_now`` and ``auto_now_add`` fields the time of the call. The ids of
    the new rows, in order."""
    if not rows:
        return []
    now = timezone.now()
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    given = list(rows[0])
    unknown = [name for name in given if name not in by_attname or name == meta.pk.attname]
    if unknown:
        raise ValueError(f"{model.__name__} has no column to give: {', '.join(unknown)}")
    fields = [meta.pk, *(by_attname[name] for name in given)]
    same = {f: _default(f, now) for f in meta.concrete_fields if f not in fields}
    ids = reserve_ids(model, len(rows))
    pick = itemgetter(*given)
    if len(given) == 1:
        records = [(pk, pick(row)) for pk, row in zip(ids, rows, strict=True)]
    else:
        records = [(pk, *pick(row)) for pk, row in zip(ids, rows, strict=True)]
    insert(model, fields, records, same)
    if _has_history(model):
        _write_history(model, ids, user=user, now=now)
    return ids


def insert(model, fields: list, records: Sequence[tuple], same: dict | None = None) -> None:
    """Insert ``records`` (tuples of the values of ``fields``, in that order) into
    ``model``'s table; ``same`` gives the fields whose value is one for every row."""
    same = same or {}
    vendor = connection.vendor
    converters = [_converter(f, vendor) for f in fields]
    constant = tuple(_prepared(f, value, vendor) for f, value in same.items())
    to_convert = [(i, c) for i, c in enumerate(converters) if c is not None]
    columns = [f.column for f in fields] + [f.column for f in same]
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    names = ", ".join(qn(c) for c in columns)

    def rows():
        for record in records:
            if to_convert:
                record = list(record)
                for i, convert in to_convert:
                    record[i] = convert(record[i])
            yield (*record, *constant)

    with connection.cursor() as cursor:
        if vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row(row)
        elif vendor == "sqlite":
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows())
        else:  # pragma: no cover - the platform runs on SQLite and PostgreSQL only
            raise NotImplementedError(f"no bulk writer for {vendor}")


def reserve_ids(model, count: int) -> list[int]:
    """``count`` ids no other row of ``model`` has or will get.

    PostgreSQL: taken from the column's own sequence, which never hands a number out twice,
    whatever runs beside. SQLite: the numbers after the highest ever used, which is safe
    because the transaction holds the database's only write lock from its start
    (``transaction_mode`` IMMEDIATE, settings/base.py): nobody else inserts until it ends."""
    if count == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the sequence named once: looked up again for each id, it took a third of the time
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, %s)", [connection.ops.quote_name(table), column]
            )
            sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count]
            )
            return [row[0] for row in cursor.fetchall()]
        if not connection.in_atomic_block:
            raise RuntimeError("ids are reserved inside the transaction that inserts them")
        mode = connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
        if str(mode).upper() != "IMMEDIATE":
            raise RuntimeError("reserving ids on SQLite needs transaction_mode IMMEDIATE")
        qn = connection.ops.quote_name
        # with AUTOINCREMENT, a deleted row's id is not used again: sqlite_sequence keeps it
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max({qn(column)}) FROM {qn(table)}), 0))",
            [table],
        )
        last = cursor.fetchone()[0]
    return list(range(last + 1, last + 1 + count))


def _write_history(model, ids: list[int], *, user, now) -> None:
    """An audit record of each new row ``ids``, as django-simple-history's
    ``bulk_create_with_history`` writes it: every tracked field's value, the time, ``+``,
    the user, no reason. The database copies the values from the rows just written (``INSERT
    … SELECT``): handing them to the driver a second time cost SQLite three times as much."""
    history = get_history_model_for_model(model)
    history_fields = {f.attname: f for f in history._meta.concrete_fields}
    targets = [history_fields[f.attname] for f in history.tracked_fields]
    sources = [f.column for f in history.tracked_fields]
    constant = {
        history_fields["history_date"]: now,
        history_fields["history_type"]: "+",
        history_fields["history_user_id"]: user.pk if user is not None else None,
        history_fields["history_change_reason"]: None,
    }
    # a history with fields of its own (simple-history's history_relation, custom attributes)
    # would need them written too: refused rather than left empty
    covered = {f.attname for f in (*targets, *constant)} | {history._meta.pk.attname}
    unknown = sorted(set(history_fields) - covered)
    if unknown:
        raise ValueError(f"{history.__name__} has fields the writer does not fill: {unknown}")
    vendor = connection.vendor
    values = [_prepared(f, value, vendor) for f, value in constant.items()]
    qn = connection.ops.quote_name
    names = ", ".join(qn(f.column) for f in (*targets, *constant))
    picked = ", ".join([*(qn(c) for c in sources), *(["%s"] * len(constant))])
    pk = qn(model._meta.pk.column)
    if vendor == "postgresql":
        # ids from the sequence: others' rows may lie between them
        rows, params = f"{pk} = ANY(%s)", [list(ids)]
    else:
        # ids after the highest ever used, reserved under the database's write lock: the
        # range holds these rows and no other
        rows, params = f"{pk} BETWEEN %s AND %s", [ids[0], ids[-1]]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {qn(history._meta.db_table)} ({names}) "
            f"SELECT {picked} FROM {qn(model._meta.db_table)} WHERE {rows} ORDER BY {pk}",
            [*values, *params],
        )


def _has_history(model) -> bool:
    try:
        get_history_model_for_model(model)
    except NotHistoricalModelError:
        return False
    return True


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now if isinstance(field, models.DateTimeField) else date.today()
    return field.get_default()


def _prepared(field, value, vendor: str):
    """``value`` of ``field`` as the driver is to be given it (a value the same for every
    row, converted once)."""
    convert = _converter(field, vendor)
    return convert(value) if convert else value


def _converter(field, vendor: str):
    """How a value of ``field`` reaches the driver: ``None`` where it goes as it is."""
    kind = field.get_internal_type()
    if kind == "ForeignKey":
        kind = field.target_field.get_internal_type()
    if kind in PLAIN or kind in PLAIN_ON.get(vendor, ()):
        return None
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value

    def prepared(value):
        return field.get_db_prep_save(value, connection)

    return prepared
