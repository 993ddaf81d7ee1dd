"""Reading reports from .txt, .html, .docx, .pdf and gold-style .jsonl files.

Offsets of extracted facts index the text returned here: the text "as read from the input".
Parsers for the binary formats are imported only when such a file is read, so that reading a
plain text report starts fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf", ".jsonl")


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    date: str | None = None


class UnreadableReport(ValueError):
    """The file is not a report this reader understands (the message says why)."""


def _decode(raw: bytes) -> str:
    # reports come from Chinese sites: UTF-8 first, then the GB family that older pages use
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def read_html(raw: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    text = soup.get_text("\n")
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def read_docx(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n".join(parts)


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def read_jsonl(path: Path) -> Document:
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    try:
        rec = json.loads(first)
    except json.JSONDecodeError as exc:
        raise UnreadableReport(f"{path}: first line is not JSON ({exc.msg})") from exc
    if (
        not isinstance(rec, dict)
        or rec.get("type") != "doc"
        or not isinstance(rec.get("text"), str)
    ):
        raise UnreadableReport(f'{path}: first line is not a {{"type": "doc", "text": …}} record')
    return Document(rec.get("id") or path.stem, rec["text"], rec.get("date"))


def read_document(path: str | Path, date: str | None = None) -> Document:
    """The report in `path`; `date` (YYYY-MM-DD) overrides a date the file carries."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableReport(f"{path}: unsupported file type (use {', '.join(SUFFIXES)})")
    if not path.is_file():
        raise UnreadableReport(f"{path}: no such file")
    if suffix == ".jsonl":
        doc = read_jsonl(path)
        return Document(doc.id, doc.text, date or doc.date)
    if suffix == ".txt":
        text = _decode(path.read_bytes())
    elif suffix in (".html", ".htm"):
        text = read_html(path.read_bytes())
    elif suffix == ".docx":
        text = read_docx(path)
    else:
        text = read_pdf(path)
    return Document(path.name, text, date)
