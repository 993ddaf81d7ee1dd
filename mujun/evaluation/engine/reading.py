"""Data file → text grid: the cells of a CSV or Excel file as untyped text columns, with
spreadsheet row numbers; it knows no column's meaning (``data`` types and checks the cells, and
the scheme file is read by ``loader``).

Row numbers count the header as row 1, as a spreadsheet shows them, so "row 7" in a message is
the row the user sees. Entirely blank rows are skipped: Excel leaves them after the data.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass
class Grid:
    header: list[str]
    columns: list[list[str]]  # one list of cell texts per header cell
    rows: list[int]  # the spreadsheet row of each record


class Unreadable(ValueError):
    """The file cannot be read at all; the messages say why."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_grid(path: Path) -> Grid:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise Unreadable([f"{path}: cannot read ({exc.strerror})"]) from None
        return _csv_grid(_decode(data), str(path))
    if suffix in SPREADSHEET_SUFFIXES:
        return _excel_grid(path)
    raise Unreadable([f"{path}: the data file must be .csv or .xlsx"])


def _decode(data: bytes) -> str:
    # §2 asks for UTF-8; Excel on Chinese Windows saves "CSV" as GBK, which gb18030 covers,
    # so such a file is read rather than refused.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _csv_grid(text: str, origin: str) -> Grid:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if '"' not in text:
        grid = _plain_grid(text)
        if grid is not None:
            return grid
        records = [line.split(",") for line in text.split("\n")]
    else:
        records = list(csv.reader(io.StringIO(text)))
    while records and not any(records[-1]):
        records.pop()
    if not records:
        raise Unreadable([f"{origin}: the file is empty"])
    return _grid(records, origin)


def _plain_grid(text: str) -> Grid | None:
    """Without quotes a CSV is plain: split all cells at once in C and slice the columns,
    three times faster than csv.reader on 100,000 rows. ``None`` when a row is blank or has
    another number of cells than the header (the general path reports it)."""
    lines = text.rstrip("\n").split("\n")
    if not lines or not lines[0]:
        return None
    width = lines[0].count(",") + 1
    counts = list(map(str.count, lines, [","] * len(lines)))
    if counts.count(width - 1) != len(counts):
        return None
    cells = ",".join(lines).split(",")
    columns = [cells[j::width] for j in range(width)]
    header = [c[0].strip() for c in columns]
    columns = [c[1:] for c in columns]
    # A row of empty cells (",,,,") is blank; only rows with an empty first cell can be.
    for i, first in enumerate(columns[0]):
        if not first.strip() and not "".join(col[i] for col in columns).strip():
            return None
    return Grid(header, columns, list(range(2, len(lines) + 1)))


def _grid(records: list[list[str]], origin: str) -> Grid:
    header = [h.strip() for h in records[0]]
    width = len(header)
    problems = []
    kept, rows = [], []
    for index, record in enumerate(records[1:], start=2):
        # A blank row has an empty first cell; only then is the whole row looked at.
        if not record[0].strip() and not "".join(record).strip():
            continue
        if len(record) != width:
            problems.append(f"{origin}: row {index} has {len(record)} cells, the header {width}")
            continue
        kept.append(record)
        rows.append(index)
    if problems:
        raise Unreadable(problems)
    columns = [list(c) for c in zip(*kept, strict=True)] if kept else [[] for _ in header]
    return Grid(header, columns, rows)


def _excel_grid(path: Path) -> Grid:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet = book.get_sheet_by_index(0)
        records = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own types for every kind of damage
        raise Unreadable([f"{path}: not a readable Excel file ({exc})"]) from None
    if not records:
        raise Unreadable([f"{path}: the first sheet is empty"])
    width = max(len(r) for r in records)
    grid = [[_cell_text(v) for v in r] + [""] * (width - len(r)) for r in records]
    while grid[0] and grid[0][-1] == "" and all(r[-1] == "" for r in grid):
        for r in grid:
            r.pop()
    return _grid(grid, str(path))


def _cell_text(value) -> str:
    """Excel hands numbers over as floats; 12.0 is the 12 someone typed, and repr() gives the
    shortest text that reads back as the same float, i.e. the decimal Excel shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
