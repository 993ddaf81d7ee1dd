"""CSV text made column by column in NumPy, without a Python string per cell.

Formatting 100,000 rows × 30 cells one string at a time takes seconds on a small machine. Here
each column becomes a block of bytes, one fixed-width row per record, padded with the byte
0xFF (which never occurs in UTF-8); the blocks are laid side by side with commas and newlines,
and one ``bytes.replace`` removes the padding. Numbers come from their integer units digit by
digit, so the text is exact; cells that need CSV quoting are quoted before encoding.
"""

from dataclasses import dataclass

import numpy as np

FILL = 0xFF
# Above this many bytes for one column block (a single very long cell widens every row), the
# caller falls back to joining strings; memory matters more than speed then.
MAX_BLOCK_BYTES = 64 * 2**20


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


class TooWide(ValueError):
    """A column would need more than ``MAX_BLOCK_BYTES``."""


def csv_body(columns: list[Cells], rows: int) -> bytes:
    """The data rows of a CSV (no header), each ending in a newline."""
    if rows == 0:
        return b""
    blocks = [_block(c) for c in columns]
    width = sum(b.shape[1] for b in blocks) + len(blocks)
    out = np.empty((rows, width), dtype=np.uint8)
    at = 0
    for j, block in enumerate(blocks):
        out[:, at : at + block.shape[1]] = block
        at += block.shape[1]
        out[:, at] = ord("\n") if j == len(blocks) - 1 else ord(",")
        at += 1
    return out.tobytes().replace(bytes([FILL]), b"")


def _block(cells: Cells) -> np.ndarray:
    if cells.codes is not None:
        return _text_block(cells.categories)[cells.codes]
    if cells.texts is not None:
        return _text_block(cells.texts)
    return _number_block(cells)


def quote(text: str) -> str:
    """RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled."""
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _text_block(texts: list[str]) -> np.ndarray:
    """Texts as UTF-8 rows: one join and one encode for the column, then a scatter of the
    bytes into their rows (per-cell ``encode`` costs ten times as much)."""
    joined = "\0".join(texts)
    if any(ch in joined for ch in ',"\n\r'):
        joined = "\0".join(quote(t) for t in texts)
    if joined.count("\0") != len(texts) - 1:  # NUL separates the cells; none may be inside
        joined = "\0".join(t.replace("\0", "") for t in texts)
    data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    separators = np.flatnonzero(data == 0)
    first = np.concatenate(([0], separators + 1))
    lengths = np.concatenate((separators, [len(data)])) - first
    width = int(lengths.max()) if len(texts) else 0
    if width * len(texts) > MAX_BLOCK_BYTES:
        raise TooWide(width)
    block = np.full((len(texts), width), FILL, dtype=np.uint8)
    rows = np.repeat(np.arange(len(texts)), lengths)
    offsets = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    block[rows, offsets] = data[data != 0]
    return block


def _number_block(cells: Cells) -> np.ndarray:
    """Fixed-point text of ``units`` × 10**-decimals: sign, digits, point, digits.

    Built one text column per digit (rows of the transposed block): dividing a whole array by
    the scalar 10 is several times faster than by an array of powers."""
    units, decimals = cells.units, cells.decimals
    magnitude = np.abs(units)
    top = int(magnitude.max()) if magnitude.size else 0
    count = max(len(str(top)), decimals + 1)
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
