"""What an upload may cost the server (issue 21, item 8): its size, the bytes its zip container
unpacks to, and the rows of a spreadsheet, each checked before the expensive reading starts.

A 1.79 MB .xlsx of six million inline rows took 21.6 s and 2.2 GB to parse, and an 87 KB
.docx that unpacks to hundreds of megabytes 44 s: the size of a file says little about what
reading it costs, the sizes its zip directory declares and a count of its rows say a lot,
and both are read without unpacking everything.

The limits are settings (``MUJUN_UPLOAD_MAX_MB``, ``MUJUN_UNPACKED_MAX_MB``,
``MUJUN_IMPORT_MAX_ROWS``); the functions take them as arguments so that the spreadsheet
reader stays free of Django.
"""

import io
import re
import zipfile

MB = 1024 * 1024


class TooCostly(ValueError):
    """The upload would cost more than the limits allow; the message says which and why."""


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise TooCostly(f"文件过大（{megabytes(size)}），上限为 {megabytes(limit)}")


def check_unpacked(content: bytes, limit: int) -> None:
    """A zip container (.xlsx, .docx) whose members unpack to more than ``limit`` bytes is
    refused from its directory alone; the sizes it declares are also what ``zipfile`` lets
    each member unpack to (it stops a member that lies about its size)."""
    if not content.startswith(b"PK"):
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return  # the reader that follows says the file is damaged
    total = sum(info.file_size for info in archive.infolist())
    if total > limit:
        raise TooCostly(
            f"文件解压后过大（{megabytes(total)}），上限为 {megabytes(limit)}；"
            "请删去无关的工作表、图片或格式后重试"
        )


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml$")


def check_xlsx_rows(content: bytes, limit: int) -> None:
    """Counts the rows of every worksheet of an .xlsx by streaming its XML, and stops at the
    first sheet with more than ``limit`` rows below its header: a sheet of millions of rows
    is refused after reading as many rows as the limit, never parsed whole."""
    if not content.startswith(b"PK"):
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return
    for info in archive.infolist():
        if not _SHEET.match(info.filename):
            continue
        with archive.open(info) as sheet:
            if _rows_above(sheet, limit + 1):
                raise TooCostly(too_many_rows(limit))


def _rows_above(sheet, most: int) -> bool:
    """Whether the sheet's XML (a binary file) holds more than ``most`` row tags. Every row
    tag has ``<row`` or, with a namespace prefix, ``:row`` in it, so their count — a byte
    search — is never below the tags'; only a sheet whose count goes past ``most`` has its
    tags counted exactly (``_ROW``), which costs five times as much."""
    if _streamed_count(sheet, _marks, most) <= most:
        return False
    sheet.seek(0)
    return _streamed_count(sheet, _tags, most) > most


def _streamed_count(sheet, count, above: int | None = None) -> int:
    """The sum of ``count`` over the sheet's XML read a megabyte at a time, stopping once it
    passes ``above``. The end of each block is read again with the next, so that a tag cut in
    two is seen; one seen whole in it then was counted then, and is taken off."""
    total, tail = 0, b""
    while chunk := sheet.read(1 << 20):
        block = tail + chunk
        total += count(block) - count(tail)
        tail = block[-16:]
        if above is not None and total > above:
            break
    return total


def _marks(block: bytes) -> int:
    return block.count(b"<row") + block.count(b":row")


def _tags(block: bytes) -> int:
    # counted by findall: a generator over 100,000 matches cost a second
    return len(_ROW.findall(block))


def too_many_rows(limit: int) -> str:
    return f"行数超过上限 {limit:,} 行；请分成几个文件导入"


def count_rows(name: str, content: bytes) -> int | None:
    """The rows below the header, counted without parsing the file: the newlines of a CSV (a
    quoted newline counts too), the ``<row>`` tags of an .xlsx's first sheet; ``None`` for an
    .xls (at most 65,536 rows, read in the request). Decides whether an import runs as a
    background job and gives its page the total to show progress against."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return max(content.rstrip(b"\r\n").count(b"\n"), 0)
    if not (lower.endswith((".xlsx", ".xlsm")) and content.startswith(b"PK")):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        sheets = [i for i in archive.infolist() if _SHEET.match(i.filename)]
    except zipfile.BadZipFile:
        return None
    if not sheets:
        return None
    with archive.open(min(sheets, key=lambda i: i.filename)) as sheet:
        rows = _streamed_count(sheet, _tags)
    return max(rows - 1, 0)
