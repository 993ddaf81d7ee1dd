"""CSV text made column by column in NumPy, without a Python string per cell.

Formatting 100,000 rows × 30 cells one string at a time takes seconds on a small machine. Here
each column becomes a block of bytes, one fixed-width row per record, padded with the byte
0xFF (which never occurs in UTF-8); the blocks are laid side by side with commas and newlines,
and one ``bytes.replace`` removes the padding. Numbers come from their integer units digit by
digit, so the text is exact; cells that need CSV quoting are quoted before encoding.

Rows go out a chunk at a time, so memory stays flat however many rows there are; a chunk whose
padded blocks would pass ``MAX_BLOCK_BYTES`` (one very long cell widens every row of its chunk) is
cut into chunks of fewer rows, down to one row, so a long cell costs only its own neighbours.
"""

import io
import re
from dataclasses import dataclass, replace

import numpy as np

FILL = 0xFF
CHUNK_ROWS = 2**15
# Padded bytes the blocks of one chunk of rows may take (a one-row chunk takes what its cells
# need): the writer's memory, whatever the number of rows or the longest cell.
MAX_BLOCK_BYTES = 16 * 2**20
_SPECIAL = ',"\n\r'
# A cell (between NUL separators) holding a character that needs quoting.
_NEEDS_QUOTES = re.compile('(?<![^\0])[^\0,"\n\r]*[,"\n\r][^\0]*')


@dataclass
class Cells:
    """One output column: text; or integer units with ``decimals`` where ``present``; or
    ``codes`` into a short list of ``categories`` (status, class: a handful of words)."""

    name: str
    texts: list[str] | None = None
    units: np.ndarray | None = None
    decimals: int = 0
    present: np.ndarray | None = None
    codes: np.ndarray | None = None
    categories: list[str] | None = None

    def part(self, start: int, stop: int) -> "Cells":
        """The cells of rows ``start``…``stop`` - 1."""
        rows = slice(start, stop)
        return replace(
            self,
            texts=None if self.texts is None else self.texts[rows],
            units=None if self.units is None else self.units[rows],
            present=None if self.present is None else self.present[rows],
            codes=None if self.codes is None else self.codes[rows],
        )


def write_body(columns: list[Cells], rows: int, out, chunk_bytes: int | None = None) -> None:
    """Write the data rows of a CSV (no header), each ending in a newline, to the binary
    file ``out``; ``chunk_bytes`` (``MAX_BLOCK_BYTES`` when not given) bounds a chunk."""
    chunk_bytes = chunk_bytes or MAX_BLOCK_BYTES
    step = max(1, min(rows, CHUNK_ROWS))
    for start in range(0, rows, step):
        _write_rows(columns, start, min(start + step, rows), out, chunk_bytes)


def csv_body(columns: list[Cells], rows: int, chunk_bytes: int | None = None) -> bytes:
    """The data rows of a CSV (no header), each ending in a newline."""
    out = io.BytesIO()
    write_body(columns, rows, out, chunk_bytes)
    return out.getvalue()


def _write_rows(columns: list[Cells], start: int, stop: int, out, chunk_bytes: int) -> None:
    rows = stop - start
    parts = [c.part(start, stop) for c in columns]
    # The chunk's width before any padding: texts are encoded (their longest cell), numbers
    # only measured (their largest magnitude).
    encoded = [_encode(c.texts) if c.texts is not None else None for c in parts]
    width = len(parts)
    for cells, text in zip(parts, encoded, strict=True):
        if text is not None:
            width += int(text[1].max()) if rows else 0
        elif cells.units is not None:
            width += _number_width(cells)
        else:
            width += max(len(c.encode("utf-8")) for c in cells.categories)
    if rows > 1 and rows * width > chunk_bytes:
        # Each smaller chunk is at most as wide as this one, so it fits.
        del encoded
        step = max(1, chunk_bytes // width)
        for first in range(start, stop, step):
            _write_rows(columns, first, min(first + step, stop), out, chunk_bytes)
        return
    laid = np.empty((rows, width), dtype=np.uint8)
    at = 0
    for j, cells in enumerate(parts):
        if encoded[j] is not None:
            block = _pad(*encoded[j])
        elif cells.units is not None:
            block = _number_block(cells)
        else:
            block = _pad(*_encode(cells.categories))[cells.codes]
        laid[:, at : at + block.shape[1]] = block
        at += block.shape[1]
        laid[:, at] = ord("\n") if j == len(parts) - 1 else ord(",")
        at += 1
    laid = laid.reshape(-1)
    out.write(laid[laid != FILL].tobytes())


def quote(text: str) -> str:
    """RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled."""
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _encode(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(the UTF-8 bytes of the cells end to end, each cell's length in bytes): one join and
    one encode for the column (per-cell ``encode`` costs ten times as much)."""
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:  # NUL separates the cells; none may be inside
        joined = "\0".join(t.replace("\0", "") for t in texts)
    if any(ch in joined for ch in _SPECIAL):
        # only the cells that need it, found by one scan of the column in C
        joined = _NEEDS_QUOTES.sub(lambda m: quote(m.group()), joined)
    data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    separators = np.flatnonzero(data == 0)
    first = np.concatenate(([0], separators + 1))
    lengths = np.concatenate((separators, [len(data)])) - first
    return data[data != 0], lengths


def _pad(data: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Cells as fixed-width rows of a block, padded with ``FILL``."""
    width = int(lengths.max()) if len(lengths) else 0
    block = np.full((len(lengths), width), FILL, dtype=np.uint8)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    offsets = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    block[rows, offsets] = data
    return block


def _digits(magnitude: np.ndarray, decimals: int) -> int:
    top = int(magnitude.max()) if magnitude.size else 0
    return max(len(str(top)), decimals + 1)


def _number_width(cells: Cells) -> int:
    """The width of ``_number_block(cells)``, without building it."""
    return 1 + _digits(np.abs(cells.units), cells.decimals) + (1 if cells.decimals else 0)


def _number_block(cells: Cells) -> np.ndarray:
    """Fixed-point text of ``units`` × 10**-decimals: sign, digits, point, digits.

    Built one text column per digit (rows of the transposed block): dividing a whole array by
    the scalar 10 is several times faster than by an array of powers."""
    units, decimals = cells.units, cells.decimals
    magnitude = np.abs(units)
    count = _digits(magnitude, decimals)
    digits = np.empty((count, len(units)), dtype=np.uint8)
    rest = magnitude
    for k in range(count - 1, -1, -1):
        quotient = rest // 10
        digits[k] = rest - quotient * 10
        rest = quotient
    # Leading zeros become padding, except the one before the point ("0.0005").
    shown = np.maximum.accumulate(digits != 0, axis=0)
    shown[count - decimals - 1 :] = True
    text = np.where(shown, digits + np.uint8(ord("0")), np.uint8(FILL))
    point = 1 if decimals else 0
    block = np.empty((1 + count + point, len(units)), dtype=np.uint8)
    block[0] = np.where(units < 0, ord("-"), FILL)  # padding between sign and digits goes
    whole = count - decimals
    block[1 : 1 + whole] = text[:whole]
    if decimals:
        block[1 + whole] = ord(".")
        block[2 + whole :] = text[whole:]
    if cells.present is not None:
        block[:, ~cells.present] = FILL
    return block.T
