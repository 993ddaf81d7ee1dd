"""Indicator facts from the text of a published report.

The text is cleaned (`clean.py`), cut into sentences and read sentence by sentence
(`sentences.py`); each figure is read by `figures.py` and flattened tables by `tables.py`. The
gold README's reading conventions are followed; `docs/reader.md` lists the choices made where
it is silent.
"""

from __future__ import annotations

from .periods import parse_date
from .sentences import ReportReader

__all__ = ["extract", "parse_date"]


def extract(text: str, date: str | None = None, doc: str = "") -> list[dict]:
    """Every indicator fact in `text` as a gold-style dict (spans index `text` itself)."""
    r = ReportReader(text, date)
    return [f.as_dict(doc, r.c, text) for f in r.read()]
