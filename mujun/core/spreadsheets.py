"""Reading and writing spreadsheets: CSV or Excel in, Excel out."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
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


def read_rows(name: str, content: bytes) -> list[list[str]]:
    """All rows of the first sheet (or of the CSV) as text, header row included."""
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
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    if lower.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        from python_calamine import CalamineWorkbook

        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(content))
            sheet = book.get_sheet_by_index(0)
            return [[_cell_text(c) for c in row] for row in sheet.to_python(skip_empty_area=False)]
        except Exception as exc:  # calamine raises its own error types per format
            raise UnreadableFile(f"无法读取 Excel 文件：{exc}") from exc
    raise UnreadableFile("只支持 .xlsx、.xls 或 .csv 文件")


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _excel_value(value):
    if isinstance(value, Decimal):
        # openpyxl writes Decimal as a number; keep it exact in the cell's text form
        return float(value) if value == value.normalize() else float(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


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
    book = Workbook()
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
        for row in rows:
            sheet.append([_excel_value(v) for v in row])
        for i, header in enumerate(headers, start=1):
            width = max(10, len(str(header)) * 2 + 2)
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
    if notes:
        info = book.create_sheet("说明")
        for line in notes:
            info.append([line])
        info.column_dimensions["A"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
