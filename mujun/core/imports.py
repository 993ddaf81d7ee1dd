"""One import path for every spreadsheet (STYLE.md §4).

The whole file is checked first: every row is validated with the model's import form and
every problem collected as "第 N 行，「列」：原因". Only a file without problems is written,
in one transaction. Rows are matched by natural key, and a row equal to what is stored is
not saved again, so importing the same file twice changes nothing.

This is the form path: a form a row. ``bulk_imports.SetImporter`` keeps the same rules and words
and checks and writes a file as sets (the enterprise and indicator imports); an import page
hands a long file of either kind to the background worker (``jobs.py``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.forms import BaseModelForm
from django.utils.translation import gettext as _

from .spreadsheets import read_rows
from .uploads import MB, TooCostly, check_size


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool = False
    help: str = ""


@dataclass
class Problem:
    row: int | None
    column: str | None
    reason: str

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(_("第 %(n)s 行") % {"n": self.row})
        if self.column:
            where.append(f"「{self.column}」")
        return ("，".join(where) + "：" if where else "") + self.reason


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# How often (in rows) a watcher hears of the rows checked.
PROGRESS_EVERY = 1000


def silent(*, checked: int, written: int, problems: list) -> None:
    """The progress of an import nobody watches (a page answering at once, a test)."""


class Importer:
    """Subclasses give the columns, the natural key, the form and how to find a row's object.

    ``form_class(data, instance=..., user=...)`` validates one row; ``save_form`` writes it.
    """

    columns: list[Column] = []
    key_field: str = ""
    # the columns a row is matched to a stored record by, as the import page says them
    matched_by = ""
    form_class = None

    def __init__(self, user):
        self.user = user

    # -- what a model supplies -------------------------------------------------------------
    def find_existing(self, key):  # pragma: no cover - every importer defines it
        raise NotImplementedError

    def save_form(self, form):
        return form.save()

    def normalise_key(self, value: str) -> str:
        return value.strip()

    def row_key(self, data: dict) -> str:
        """The natural key of a row (normalised in place when it is one column)."""
        key = self.normalise_key(data.get(self.key_field, ""))
        data[self.key_field] = key
        return key

    def after_import(self):
        """Work done once after all rows are saved, inside the same transaction."""

    def prefetch(self, keys: list) -> None:
        """Called with every row's natural key before the rows are checked: an importer may
        read the stored objects of all of them at once here, for ``find_existing`` to take
        from memory (one query a file rather than one a row)."""

    # -- the shared path -------------------------------------------------------------------
    def _header_map(self, header: list[str]) -> tuple[dict[int, Column], list[Problem]]:
        by_name = {}
        for col in self.columns:
            by_name[col.header] = col
            by_name[col.field] = col
        mapping, problems, seen = {}, [], set()
        for i, name in enumerate(header):
            name = name.strip()
            if not name:
                continue
            col = by_name.get(name)
            if col is None:
                problems.append(Problem(1, name, _("未知的列")))
            elif col.field in seen:
                problems.append(Problem(1, name, _("列重复")))
            else:
                mapping[i] = col
                seen.add(col.field)
        for col in self.columns:
            if col.required and col.field not in seen:
                problems.append(Problem(1, col.header, _("缺少必填列")))
        return mapping, problems

    def read_lines(self, name: str, content: bytes, result: "ImportResult"):
        """The file's rows below the header as ``(row number, cells, natural key)`` and the
        header's column of each cell (``{index: Column}``); problems with the file or its
        header go into ``result``, and nothing comes back then."""
        try:
            rows = read_rows(
                name,
                content,
                max_rows=settings.MUJUN_IMPORT_MAX_ROWS,
                max_unpacked=settings.MUJUN_IMPORT_UNPACKED_MAX_MB * MB,
            )
        except ValueError as exc:
            result.problems.append(Problem(None, None, str(exc)))
            return [], {}
        # read_rows hands every cell over stripped: a blank row is one of empty strings
        if not any(any(r) for r in rows):
            result.problems.append(Problem(None, None, _("文件是空的")))
            return [], {}
        mapping, problems = self._header_map(rows[0])
        result.problems.extend(problems)
        if problems:
            return [], {}
        key_index = next((i for i, c in mapping.items() if c.field == self.key_field), None)
        lines = []
        for number, row in enumerate(rows[1:], start=2):
            if not any(row):
                continue
            key = ""
            if key_index is not None:
                key = self.normalise_key(row[key_index] if key_index < len(row) else "")
            lines.append((number, row, key))
        return lines, mapping

    def check(self, name: str, content: bytes, progress=None):
        """Validate the whole file; return (forms to save, result with problems)."""
        report = progress or silent
        result = ImportResult()
        rows, mapping = self.read_lines(name, content, result)
        if result.problems:
            return [], result
        header_of = {c.field: c.header for c in self.columns}
        lines = []
        for number, row, _key in rows:
            data = {col.field: (row[i] if i < len(row) else "") for i, col in mapping.items()}
            lines.append((number, data, self.row_key(data)))
        self.prefetch([key for _number, _data, key in lines if key])
        forms, seen_keys = [], {}
        for done, (number, data, key) in enumerate(lines, start=1):
            if done % PROGRESS_EVERY == 0:
                report(checked=done, written=0, problems=result.problems)
            if key and key in seen_keys:
                result.problems.append(
                    Problem(
                        number,
                        header_of.get(self.key_field),
                        _("与第 %(n)s 行重复") % {"n": seen_keys[key]},
                    )
                )
                continue
            if key:
                seen_keys[key] = number
            instance = self.find_existing(key) if key else None
            form = self.form_class(data, instance=instance, user=self.user)
            if not form.is_valid():
                for fname, errors in form.errors.items():
                    column = header_of.get(fname) if fname != "__all__" else None
                    for error in errors:
                        result.problems.append(Problem(number, column, error))
                continue
            forms.append(form)
        return forms, result

    def run_upload(self, upload) -> ImportResult:
        """``run`` on an uploaded file, refused unread when it is larger than the limit."""
        try:
            check_size(upload.size, settings.MUJUN_UPLOAD_MAX_MB * MB)
        except TooCostly as exc:
            return ImportResult(problems=[Problem(None, None, str(exc))])
        return self.run(upload.name, upload.read())

    def run(self, name: str, content: bytes, progress=None) -> ImportResult:
        """Check the whole file, then write it in one transaction. ``progress`` (see
        ``Progress``) hears the rows checked and, once committed, the rows written."""
        report = progress or silent
        forms, result = self.check(name, content, progress=report)
        report(checked=len(forms) + len(result.problems), written=0, problems=result.problems)
        if result.problems:
            return result
        with transaction.atomic():
            for form in forms:
                instance = getattr(form, "instance", None)
                is_new = instance is None or instance.pk is None
                if not is_new and not form.has_changed():
                    result.unchanged += 1
                    continue
                if isinstance(form, BaseModelForm):
                    if not is_new:
                        instance.version += 1
                    instance._history_user = self.user
                changed = self.save_form(form)
                if is_new:
                    result.created += 1
                elif changed is False:
                    result.unchanged += 1
                else:
                    result.updated += 1
            self.after_import()
        report(checked=len(forms), written=result.created + result.updated, problems=[])
        return result

    def template_bytes(self) -> bytes:
        from .spreadsheets import workbook_bytes

        notes = [_("第一行为列名，请勿修改；每条记录一行。带 * 的列必填。")]
        notes += [
            f"{c.header}{' *' if c.required else ''}：{c.help}" for c in self.columns if c.help
        ]
        return workbook_bytes(
            [c.header for c in self.columns], [], title=_("导入模板"), notes=notes
        )
