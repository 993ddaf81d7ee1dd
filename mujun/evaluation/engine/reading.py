"""Data file → text grid: the cells of a CSV or Excel file as untyped text columns, with
spreadsheet row numbers; it knows no column's meaning (``data`` types and checks the cells, and
the scheme file is read by ``loader``).

A plain CSV (no quotes, no blank rows) is split by Arrow's C++ reader into Arrow string columns
(``ArrowText``): the numbers are then parsed in C++ too, and a cell becomes a Python string only
when something asks for it. Any other CSV takes ``csv.reader``; both give the same grid.

Row numbers count the header as row 1, as a spreadsheet shows them, so "row 7" in a message is
the row the user sees. Entirely blank rows are skipped: Excel leaves them after the data.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass
class Grid:
    header: list[str]
    columns: list[Sequence[str]]  # cell texts per header cell: a list or an ``ArrowText``
    rows: list[int]  # the spreadsheet row of each record


class ArrowText(Sequence):
    """An Arrow string column that reads as a sequence of ``str``. A number column is read
    as text only at the few cells that need exact arithmetic, so a single cell is taken
    from Arrow; the whole column becomes Python strings only when asked for as a list."""

    def __init__(self, array):
        self.array = array
        self._list = None
        self._asked = 0

    def __len__(self) -> int:
        return len(self.array)

    def __getitem__(self, index):
        # One cell from Arrow costs as much as some thirty made in bulk: a column asked for
        # more than a thirty-second of its cells (surcharges of class D, say) is made whole.
        self._asked += 1
        if self._list is None and self._asked * 32 < len(self) and not isinstance(index, slice):
            return self.array[int(index)].as_py()
        return self.tolist()[index]

    def tolist(self) -> list[str]:
        if self._list is None:
            self._list = self.array.to_pylist()
        return self._list

    def __eq__(self, other) -> bool:
        # the same cells as a list of them, as a column read by ``csv.reader`` is
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self.tolist() == texts(other)
        return NotImplemented

    __hash__ = None


def texts(cells: Sequence[str]) -> list[str]:
    """The cells as a list of ``str`` (a column that is not a list has ``tolist``)."""
    if isinstance(cells, list):
        return cells
    return cells.tolist() if hasattr(cells, "tolist") else list(cells)


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
        return _arrow_grid(data) or _csv_grid(_decode(data), str(path))
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


def _arrow_grid(data: bytes) -> Grid | None:
    """A plain CSV read by Arrow; ``None`` when the file is not plain UTF-8 without quotes,
    blank rows or lone carriage returns, or a row has another number of cells (``_csv_grid``
    reads those, and reports what is wrong with them)."""
    if b'"' in data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    data = data.replace(b"\r\n", b"\n") if b"\r" in data else data
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    end = data.find(b"\n", start)
    stop = len(data)
    while stop > start and data[stop - 1] == ord("\n"):
        stop -= 1
    if end <= start or end >= stop or data.find(b"\n\n", start, stop) >= 0:
        return None
    try:
        header = data[start:end].decode("utf-8").split(",")
    except UnicodeDecodeError:
        return None
    import pyarrow as pa
    from pyarrow import csv as arrow_csv

    names = [f"c{j}" for j in range(len(header))]
    try:
        read = arrow_csv.read_csv(
            pa.py_buffer(memoryview(data)[end + 1 : stop]),  # no copy of the file
            # one thread: on a shared two-core machine threads cost more than they give
            read_options=arrow_csv.ReadOptions(column_names=names, use_threads=False),
            parse_options=arrow_csv.ParseOptions(quote_char=False),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string())
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None  # another number of cells, or not UTF-8
    columns = [ArrowText(read.column(j)) for j in range(len(names))]
    # A row of empty cells (",,,,") is blank and skipped by the general path: only a row
    # whose first cell is empty can be one.
    if not all(map(str.strip, columns[0].tolist())):
        return None
    return Grid([h.strip() for h in header], columns, list(range(2, read.num_rows + 2)))


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
