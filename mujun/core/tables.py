"""One table per model drives the list page, its htmx partial and the Excel export, so what
the user sees is what they download (STYLE.md §5)."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from .money import quantize
from .spreadsheets import workbook_bytes


@dataclass(frozen=True)
class Col:
    header: str
    value: Callable[[Any], Any]
    # URL name to link the cell to the row's detail page (with the row's pk)
    link: str | None = None
    numeric: bool = False
    # shown on the page but left out of the Excel file (buttons, badges)
    export: bool = True


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
    if isinstance(value, Decimal):
        # half-up to four places first, as every figure is rounded (format rounds half-even)
        return f"{quantize(value):,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


_PK = 987654321
_NUMBERS = (Decimal, int, float)


class Table:
    columns: list[Col] = []
    export_name = "export"

    def __init__(self, rows):
        self.rows = rows

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]

    def body_html(self):
        """The <tbody> rows as HTML. Built here with plain escaping: a template loop (or
        format_html) over every cell of a 50-row, 14-column page cost more than its queries.
        A number's text (digits, separators, sign) has nothing to escape."""
        from html import escape

        from django.utils.safestring import mark_safe

        links = self._links()
        columns = [(col.value, links.get(col.link), col.numeric) for col in self.columns]
        parts = []
        for obj in self.rows:
            parts.append("<tr>")
            for value_of, link, numeric in columns:
                value = value_of(obj)
                text = display(value) if type(value) in _NUMBERS else escape(display(value))
                if link:
                    text = f'<a href="{escape(link.format(obj.pk))}">{text}</a>'
                parts.append(f'<td class="num">{text}</td>' if numeric else f"<td>{text}</td>")
            parts.append("</tr>")
        return mark_safe("".join(parts))  # every piece of text above is escaped or a number

    def _links(self) -> dict:
        # One reverse() per linked column, not per row: the pk is put into the URL by format.
        return {
            col.link: reverse(col.link, args=[_PK]).replace(str(_PK), "{}")
            for col in self.columns
            if col.link
        }

    def cells(self):
        """Rows of (text, href, numeric)."""
        links = self._links()
        for obj in self.rows:
            row = []
            for col in self.columns:
                href = links[col.link].format(obj.pk) if col.link else None
                row.append((display(col.value(obj)), href, col.numeric))
            yield row

    def xlsx(self, rows=None) -> bytes:
        cols = [c for c in self.columns if c.export]
        rows = self.rows if rows is None else rows
        return workbook_bytes(
            [str(c.header) for c in cols],
            ([_export_value(c.value(obj)) for c in cols] for obj in rows),
            title=self.export_name,
        )


def _export_value(value):
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if value is None or isinstance(value, int | float | Decimal | bool):
        return value
    return str(value)
