"""Text grid → enterprise table: the table of EVALUATION.md §2 typed and checked cell by cell
against the columns the scheme reads, from a ``reading.Grid`` (a file ``reading`` split into
text) or a grid the platform builds from its database rows.

``read_table`` either returns a ``Table`` whose every cell is valid for the scheme, or raises
``DataError`` listing every bad cell as "file: row N, column C: reason".
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np

from .columns import (
    COUNT,
    FLAG,
    NON_NEGATIVE,
    SIZE_CLASS_VALUES,
    STANDARD,
    TEXT,
    normalise_header,
    standard_aliases,
)
from .exact import fraction
from .reading import ArrowText, Grid, Unreadable, read_grid, texts
from .scheme import Scheme

_BLANK = re.compile(r"\s")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
# §4 step 10: "1, true, 是, yes or a non-zero number" is true; their opposites and an empty
# cell are false. Anything else in a flag column is a mistake, not a silent false.
_FLAG_WORDS = {
    "": False,
    "1": True,
    "true": True,
    "是": True,
    "yes": True,
    "0": False,
    "false": False,
    "否": False,
    "no": False,
}


class DataError(ValueError):
    """A data file that cannot be evaluated; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Table:
    """One record per enterprise, columns by identifier. Missing numbers are NaN."""

    origin: str
    rows: np.ndarray  # spreadsheet row number of each record
    text: dict[str, list[str]] = field(default_factory=dict)
    numbers: dict[str, np.ndarray] = field(default_factory=dict)
    raw: dict[str, list[str]] = field(default_factory=dict)  # number cells as written
    flags: dict[str, np.ndarray] = field(default_factory=dict)
    _arrays: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.rows)

    def number(self, column: str) -> np.ndarray:
        if column in self.numbers:
            return self.numbers[column]
        return np.full(self.n, np.nan)

    def flag(self, column: str) -> np.ndarray:
        if column in self.flags:
            return self.flags[column]
        values = self.number(column)
        return ~np.isnan(values) & (values != 0)

    def exact(self, column: str, i: int) -> Fraction:
        """The cell at position ``i`` exactly as written (callers check it is not empty)."""
        return fraction(self.raw[column][i])

    def texts(self, column: str) -> list[str]:
        return self.text.get(column) or [""] * self.n

    def text_array(self, column: str) -> np.ndarray:
        """A text column as a NumPy string array, made once."""
        if column not in self._arrays:
            self._arrays[column] = np.array(self.texts(column), dtype=str)
        return self._arrays[column]


def read_table(path: str | Path, scheme: Scheme | None) -> Table:
    """Read and check the data file against the columns ``scheme`` reads.

    Without a scheme (because it failed to load) only the §2 columns are checked, so the
    user still sees the data's own mistakes in the same run.
    """
    path = Path(path)
    try:
        grid = read_grid(path)
    except Unreadable as exc:
        raise DataError(exc.problems) from None
    return check_grid(grid, str(path), scheme)


def check_grid(grid: Grid, origin: str, scheme: Scheme | None) -> Table:
    """The checks of ``read_table`` on cells already in memory (the platform builds the grid
    from its database rows, so both paths type and check every cell alike)."""
    problems: list[str] = []
    kinds = {c: kind for c, (_, kind) in STANDARD.items()}
    aliases = standard_aliases()
    if scheme is not None:
        kinds.update(scheme.column_kinds())
        for identifier in kinds:
            aliases[normalise_header(identifier)] = identifier
        for header, identifier in scheme.header_aliases().items():
            aliases[normalise_header(header)] = identifier

    found: dict[str, int] = {}
    for j, header in enumerate(grid.header):
        identifier = aliases.get(normalise_header(header))
        if identifier is None:
            if scheme is not None and (header or any(map(str.strip, texts(grid.columns[j])))):
                name = header or f"number {j + 1}"
                problems.append(f"{origin}: column {name}: unknown column")
        elif identifier in found:
            first = grid.header[found[identifier]]
            problems.append(f"{origin}: column {header}: same column as {first} ({identifier})")
        else:
            found[identifier] = j
    required = {"uscc"} | (set(scheme.column_kinds()) - {"prior_d_years"} if scheme else set())
    chinese = {c: h for c, (h, _) in STANDARD.items()}
    if scheme is not None:
        chinese.update((c, h) for h, c in scheme.header_aliases().items())
    for identifier in sorted(required - set(found)):
        label = f"{identifier} ({chinese[identifier]})" if identifier in chinese else identifier
        why = "every row needs it" if identifier == "uscc" else "the scheme needs it"
        problems.append(f"{origin}: column {label}: missing, {why}")

    table = Table(origin, np.array(grid.rows, dtype=np.int64))
    for identifier, j in found.items():
        where = f"column {grid.header[j]}"
        cells = grid.columns[j]
        bad = sorted(_parse(table, identifier, kinds[identifier], cells))
        problems.extend(f"{origin}: row {grid.rows[i]}, {where}: {msg}" for i, msg in bad)
    if problems:
        raise DataError(problems)
    return table


def _parse(table: Table, column: str, kind: str, cells: list[str]) -> list[tuple[int, str]]:
    """Store the typed column in ``table``; returns (position, reason) of each bad cell."""
    if kind == TEXT:
        return _parse_text(table, column, texts(cells))
    if kind == FLAG:
        return _parse_flags(table, column, texts(cells))
    values, raw, bad = parse_numbers(cells)
    if column in NON_NEGATIVE or kind == COUNT:
        bad += [(i, "must not be negative") for i in np.flatnonzero(values < 0).tolist()]
    if kind == COUNT:
        whole = np.isnan(values) | (values == np.floor(values))
        bad += [(i, "must be a whole number") for i in np.flatnonzero(~whole).tolist()]
        values = np.nan_to_num(values, nan=0.0)  # §2: prior_d_years defaults to 0
    table.numbers[column] = values
    table.raw[column] = raw
    return bad


def decimal_text(value) -> str:
    """A stored number (``Decimal`` or int) as a data file's cell: '' when missing, no
    trailing zeros."""
    if value is None:
        return ""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class DecimalCells(Sequence):
    """A number column as the platform stores it (``Decimal`` or int, ``None`` when missing)
    that reads as the cells of a data file (``decimal_text``). The floats come straight from
    the numbers; a cell's text is made only where exact arithmetic asks for it."""

    def __init__(self, values):
        self.values = list(values)

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return decimal_text(self.values[int(index)])
        return list(map(decimal_text, self.values[index]))

    def tolist(self) -> list[str]:
        return list(map(decimal_text, self.values))

    def floats(self) -> np.ndarray:
        return np.array([np.nan if v is None else float(v) for v in self.values], np.float64)

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self.tolist() == texts(other)
        return NotImplemented

    __hash__ = None


def parse_numbers(cells: Sequence[str]) -> tuple[np.ndarray, Sequence[str], list[tuple[int, str]]]:
    """(floats with NaN for empty cells, the cells as written, bad cells)."""
    if isinstance(cells, ArrowText):
        empty, values = _arrow_numbers(cells)
        if values is None:  # a cell Arrow refuses: the column is read as Python reads it
            cells = cells.tolist()
    elif isinstance(cells, DecimalCells):
        empty, values = cells.values.count(None), cells.floats()
    if isinstance(cells, list):
        empty = cells.count("")
        try:
            values = np.array([c or "nan" for c in cells] if empty else cells, dtype=np.float64)
        except ValueError:
            values = None
    # float() also takes "nan", "inf" and "1_000"; a table cell meaning any of those is a
    # mistake, so the fast result stands only when none can be present.
    if (
        values is not None
        and int(np.isnan(values).sum()) == empty
        and np.isfinite(values[~np.isnan(values)]).all()
        and (isinstance(cells, ArrowText | DecimalCells) or "_" not in "".join(cells))
    ):
        return values, cells, []
    cells = texts(cells)
    values = np.full(len(cells), np.nan)
    raw = list(cells)
    bad = []
    for i, cell in enumerate(cells):
        # NFKC turns full-width digits (１２.５) into ASCII, as typed by Chinese input methods.
        text = unicodedata.normalize("NFKC", cell).strip()
        if not text:
            raw[i] = ""
        elif _NUMBER.match(text):
            values[i] = float(text)
            raw[i] = text
            if not np.isfinite(values[i]):
                bad.append((i, f"{cell!r} is too large"))
        else:
            bad.append((i, f"{cell!r} is not a number"))
    return values, raw, bad


def _arrow_numbers(cells: ArrowText) -> tuple[int, np.ndarray | None]:
    """(empty cells, floats) parsed by Arrow, or ``None`` for the floats when a cell is not a
    plain decimal number. Arrow takes a subset of what ``float()`` takes (no blanks around the
    digits, no "_", no full-width digits) and gives the same correctly rounded float, so the
    cells it refuses go through the Python path and are read, or reported, as before."""
    import pyarrow as pa
    import pyarrow.compute as pc

    blank = pc.equal(cells.array, "")
    empty = pc.sum(blank).as_py() or 0
    try:
        numbers = pc.cast(pc.if_else(blank, None, cells.array), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return empty, None
    return empty, numbers.to_numpy(zero_copy_only=False)


def _parse_flags(table: Table, column: str, cells: list[str]) -> list[tuple[int, str]]:
    # Few distinct spellings: read each once, then map the column through them.
    meaning = {cell: _flag(cell) for cell in set(cells)}
    table.flags[column] = np.array([meaning[c] is True for c in cells], dtype=bool)
    return [
        (i, f"{c!r} is not 1/0, true/false, 是/否 or a number")
        for i, c in enumerate(cells)
        if meaning[c] is None
    ]


def _flag(cell: str) -> bool | None:
    word = cell.strip().lower()
    if word in _FLAG_WORDS:
        return _FLAG_WORDS[word]
    text = unicodedata.normalize("NFKC", word)
    return float(text) != 0 if _NUMBER.match(text) else None


def _parse_text(table: Table, column: str, cells: list[str]) -> list[tuple[int, str]]:
    if column == "uscc":
        values, bad = _uscc(table, cells)
    elif column == "size_class":
        # Few distinct spellings: translate each once, then map the column through them.
        meaning = {c: SIZE_CLASS_VALUES.get(_fold(c.strip()), "") for c in set(cells)}
        values = list(map(meaning.__getitem__, cells))
        wrong = {c for c, m in meaning.items() if c.strip() and not m}
        bad = [
            (i, f"{c!r} is not above/below (规上/规下)") for i, c in enumerate(cells) if c in wrong
        ]
    else:
        values = list(map(str.strip, cells))
        bad = []
    table.text[column] = values
    return bad


def _fold(text: str) -> str:
    return text.lower() if text.isascii() else text


def _uscc(table: Table, cells: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Codes pasted from Excel carry blanks and lower case; compare them as one code."""
    joined = "\0".join(cells)
    if joined.upper() == joined and not _BLANK.search(joined):
        values = cells  # already clean: no blanks, no lower case
    else:
        values = ["".join(c.split()).upper() for c in cells]
    bad = []
    if "" in values:
        bad = [(i, "missing (统一社会信用代码 is required)") for i, c in enumerate(values) if not c]
    if len(set(values)) + max(len(bad) - 1, 0) != len(values):
        first: dict[str, int] = {}
        for i, code in enumerate(values):
            if code in first:
                bad.append((i, f"{code} repeats row {int(table.rows[first[code]])}"))
            elif code:
                first[code] = i
    return values, bad
