"""The list export streams from openpyxl's write-only mode (issue 16, item 3) and holds what the
in-memory workbook held: the same cells, types, number formats, header and formula guard."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from mujun.core.spreadsheets import _HEADER_FILL, _HEADER_FONT, _excel_value, append_row
from mujun.core.testing import FORMULA_NAME
from mujun.projects.listing import decorate
from mujun.projects.models import Project
from mujun.projects.tables import ProjectTable
from mujun.projects.testing import make_project


def in_memory_export(table, rows) -> bytes:
    """The export as it was built before it streamed: a normal workbook kept whole."""
    cols = [c for c in table.shown if c.export]
    book = Workbook()
    book.remove(book.active)
    sheet = book.create_sheet(table.export_name[:31])
    sheet.append([str(c.header) for c in cols])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for obj in rows:
        values = [c.value(obj) for c in cols]
        values = ["、".join(map(str, v)) if isinstance(v, list | tuple) else v for v in values]
        append_row(sheet, [_excel_value(v) for v in values])
    for i, col in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(10, len(str(col.header)) * 2 + 2)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def described(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [
        (c.coordinate, c.value, c.data_type, c.quotePrefix, c.number_format, c.font.b)
        for row in sheet.iter_rows()
        for c in row
    ]
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    return cells, widths, sheet.freeze_panes


@pytest.mark.django_db
def test_streamed_export_holds_what_the_in_memory_workbook_held(login, cast):
    make_project(cast.regions.town1, name=FORMULA_NAME, total_investment=Decimal("12345.6789"))
    make_project(cast.regions.town1, name="城关新材料项目", total_investment=Decimal("0.5"))

    response = login(cast.town1).get(reverse("projects:project_list") + "?export=xlsx")

    assert response.status_code == 200 and response.streaming
    assert int(response["Content-Length"]) > 0
    rows = decorate(list(Project.objects.for_user(cast.town1).listed()))
    expected = in_memory_export(ProjectTable([], user=cast.town1), rows)
    streamed = described(response.getvalue())
    assert streamed == described(expected)
    cells = streamed[0]
    assert any(v == FORMULA_NAME and t == "s" and quoted for _, v, t, quoted, _, _ in cells)
    assert not any(t == "f" for _, _, t, *_ in cells)


@pytest.mark.django_db
def test_csv_export_streams_the_rows_of_the_excel_file(login, cast):
    import csv

    from mujun.core.spreadsheets import read_rows

    make_project(cast.regions.town1, name=FORMULA_NAME, total_investment=Decimal("12345.6789"))
    make_project(cast.regions.town1, name="城关新材料项目", total_investment=Decimal("20000"))
    client = login(cast.town1)
    url = reverse("projects:project_list") + "?export=csv"

    response = client.get(url)

    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert ".csv" in response["Content-Disposition"]
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.reader(text[1:].splitlines()))
    excel = read_rows("x.xlsx", client.get(url.replace("csv", "xlsx")).getvalue())
    # the same cells, the formula-like name with the quote CSV has instead of a quote prefix
    assert rows == [["'" + c if c == FORMULA_NAME else c for c in row] for row in excel]
    assert any("'" + FORMULA_NAME in row for row in rows)
