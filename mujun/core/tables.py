"""One table per model drives the list page, its htmx partial and the Excel export, so what
the user sees is what they download (STYLE.md §5)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

from .money import quantize
from .spreadsheets import Fixed, is_formula_like, write_sheets


@dataclass(frozen=True)
class Col:
    header: str
    value: Callable[[Any], Any]
    # URL name to link the cell to the row's detail page (with the row's pk)
    link: str | None = None
    numeric: bool = False
    # shown on the page but left out of the Excel file (buttons, badges)
    export: bool = True
    # the action the link leads to (``change`` for an edit page): no link for a role without it
    link_action: str = "view"
    # a badge after the cell's text on the page: ``badge(row)`` → (css class, text, tooltip)
    # or None; never exported
    badge: Callable[[Any], tuple | None] | None = None
    # long text that wraps within its column instead of widening the table
    wrap: bool = False
    # an identifier (an indicator's key, a code), set in the code face as such
    code: bool = False
    # what the cells read that a list attaches to its rows only while a shown column needs it
    # (``Table.needs()``): a project's tiers, its liaison leaders, a query each
    needs: str = ""

    @property
    def key(self) -> str:
        """The column's name in a user's choice of columns: its header as written in the
        installation's language, whatever the page's language."""
        return _keys([self])[0]


def _keys(columns) -> list[str]:
    """The ``key`` of each of ``columns``: in one switch of language for them all, and none
    while the request is in the installation's language already (a switch costs more than
    the translations)."""
    from django.conf import settings
    from django.utils.translation import get_language, override

    if get_language() == settings.LANGUAGE_CODE:
        return [str(c.header) for c in columns]
    with override(settings.LANGUAGE_CODE):
        return [str(c.header) for c in columns]


def _css(col: Col) -> str:
    return "num" if col.numeric else "wrap" if col.wrap else "mono" if col.code else ""


def choice(name: str, choices) -> Callable[[Any], Any]:
    """The label of a choice field (``name`` may be a dotted path), looked up in a dict made
    once per table rather than by ``get_FOO_display``, which rebuilds and translates the whole
    choice list on every call."""
    labels = {}
    value_of = attr(name)

    def get(obj):
        if not labels:
            labels.update((k, str(v)) for k, v in choices)
        value = value_of(obj)
        return labels.get(value, value)

    return get


def attr(name: str) -> Callable[[Any], Any]:
    parts = name.split(".")
    if len(parts) == 1:

        def get_one(obj):
            value = getattr(obj, name, None)
            return value() if callable(value) else value

        return get_one

    def get(obj):
        value = obj
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return None
        return value() if callable(value) else value

    return get


def display(value) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Fixed):
        return value.text()
    if isinstance(value, Decimal):
        # half-up to four places first, as every figure is rounded (format rounds half-even)
        return f"{quantize(value):,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, datetime):
        return local_time(value)
    return str(value)


def local_time(value: datetime) -> str:
    """A moment as the installation's clock shows it, to the minute (stored in UTC)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


_PK = 987654321
_NUMBERS = (Decimal, int, float)


class Table:
    columns: list[Col] = []
    # the keys of the columns shown until a user chooses their own; None: all of them
    default_columns: tuple[str, ...] | None = None
    export_name = "export"

    def __init__(self, rows, *, user=None):
        self.rows = rows
        self.user = user
        self.shown = self._shown()

    @classmethod
    def name(cls) -> str:
        return f"{cls.__module__.split('.')[1]}.{cls.__name__}"

    def _shown(self) -> list[Col]:
        chosen = None
        if self.user is not None:
            chosen = (getattr(self.user, "table_columns", None) or {}).get(self.name())
        keys = chosen or self.default_columns
        if not keys:
            return list(self.columns)
        pairs = zip(self.columns, _keys(self.columns), strict=True)
        shown = [c for c, key in pairs if key in keys]
        # a choice made before the table changed keeps what still exists
        return shown or list(self.columns)

    def choices(self) -> list[tuple[str, bool]]:
        """Every column's key and whether it is shown: the page's column chooser."""
        shown = {id(c) for c in self.shown}
        pairs = zip(self.columns, _keys(self.columns), strict=True)
        return [(key, id(c) in shown) for c, key in pairs]

    def needs(self) -> set[str]:
        """What the shown columns read beyond the rows' own fields (``Col.needs``)."""
        return {c.needs for c in self.shown if c.needs}

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.shown]

    def body_html(self):
        """The <tbody> rows as HTML. Built here with plain escaping: a template loop (or
        format_html) over every cell of a 50-row, 14-column page cost more than its queries.
        A number's text (digits, separators, sign) has nothing to escape."""
        from html import escape

        from django.utils.safestring import mark_safe
        from django.utils.translation import gettext

        links = self._links()
        columns = [(c.value, links.get(c.link), _css(c), c.badge) for c in self.shown]
        # an archived row, listed when the user asks for them, is marked as such
        archived = f' <span class="badge grey">{escape(gettext("已归档"))}</span>'
        parts = []
        for obj in self.rows:
            gone = getattr(obj, "is_archived", False) is True
            parts.append('<tr class="archived">' if gone else "<tr>")
            for n, (value_of, link, css, badge) in enumerate(columns):
                value = value_of(obj)
                text = display(value) if type(value) in _NUMBERS else escape(display(value))
                if css == "mono":
                    # an identifier is marked as code, as <code> marks it in running text
                    text = f"<code>{text}</code>"
                if link:
                    text = f'<a href="{escape(link.format(obj.pk))}">{text}</a>'
                marked = badge(obj) if badge else None
                if marked:
                    css, label, title = marked
                    text += (
                        f' <span class="badge {escape(css)}" title="{escape(title)}">'
                        f"{escape(label)}</span>"
                    )
                if gone and n == 0:
                    text += archived
                parts.append(f'<td class="{css}">{text}</td>' if css else f"<td>{text}</td>")
            parts.append("</tr>")
        return mark_safe("".join(parts))  # every piece of text above is escaped or a number

    def _links(self) -> dict:
        # One reverse() per linked column, not per row: the pk is put into the URL by format.
        # A link to what the user's role may not do (an edit page for a viewer) is left out.
        from .roles import role_allows

        return {
            col.link: reverse(col.link, args=[_PK]).replace(str(_PK), "{}")
            for col in self.shown
            if col.link and (self.user is None or role_allows(self.user, col.link_action))
        }

    def cells(self):
        """Rows of (text, href, numeric)."""
        links = self._links()
        for obj in self.rows:
            row = []
            for col in self.shown:
                href = links[col.link].format(obj.pk) if col.link in links else None
                row.append((display(col.value(obj)), href, col.numeric))
            yield row

    def xlsx(self, rows=None) -> bytes:
        import io

        out = io.BytesIO()
        self.write_xlsx(out, rows)
        return out.getvalue()

    def write_xlsx(self, out, rows=None) -> None:
        """The export of ``rows`` (default: the table's) written to ``out`` a row at a time
        (``core.spreadsheets.write_sheets``): an iterator of rows is never held whole."""
        cols = [c for c in self.shown if c.export]
        rows = self.rows if rows is None else rows
        write_sheets(
            out,
            [
                (
                    self.export_name,
                    [str(c.header) for c in cols],
                    ([_export_value(c.value(obj)) for c in cols] for obj in rows),
                )
            ],
        )

    def csv_chunks(self, rows=None, batch: int = 500):
        """The export as CSV text, streamed ``batch`` rows a chunk: the header first, after the
        byte-order mark that makes Excel read UTF-8 as such (Chinese would otherwise be
        garbled). Numbers are written plainly (no thousands separators), yes/no as 是/否, and a
        text a spreadsheet would take for a formula gets a leading ``'`` (OWASP's advice for
        CSV, which has no quote prefix of its own)."""
        import csv
        import io

        cols = [c for c in self.shown if c.export]
        rows = self.rows if rows is None else rows
        buffer = io.StringIO()
        writer = csv.writer(buffer)

        def taken() -> str:
            text = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            return text

        writer.writerow([str(c.header) for c in cols])
        yield "\ufeff" + taken()
        for n, obj in enumerate(rows, start=1):
            writer.writerow([_csv_value(c.value(obj)) for c in cols])
            if n % batch == 0:
                yield taken()
        yield taken()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Fixed):
        number = value.number()
        if value.percent:
            return f"{number * 100:.{max(value.places - 2, 0)}f}%"
        return format(number, "f")
    if isinstance(value, Decimal):
        # the stored four places without their trailing zeros, as the .xlsx cell reads
        return format(quantize(value).normalize(), "f")
    text = _export_value(value)
    text = text if isinstance(text, str) else str(text)
    return "'" + text if is_formula_like(text) else text


def _export_value(value):
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, datetime):
        return local_time(value)
    if value is None or isinstance(value, int | float | Decimal | bool | Fixed):
        return value
    return str(value)
