"""Flattened tables: a table copied from a page as one cell per line.

```
1 上半年,全区规上工业产值增速      ← caption: the indicator (and 增速: the cells are growth)
单位:%                            ← unit of the cells
月份 / 3 / 4 / 5 / 6              ← header: the months the columns are
全区规上累计 / 51.2 / 28.5 / …     ← a row: region and kind (累计 year to date, 当月 the month)
区内当月 / -12.7 / 9.1 / …
```

Each cell is its own fact with the cell as its span (gold README). Only tables whose columns
are months are read; a row is its label followed by exactly one number per column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .lexicon import bare_key, match_term
from .numbers import UNITS, to_base
from .periods import MONTH, YTD, Period

_CELL = re.compile(r"-?\d+(?:\.\d+)?")
_MONTH_CELL = re.compile(r"(1[0-2]|[1-9])月?(?:份)?")
_UNIT_LINE = re.compile(r"单位[:：]\s*(?P<unit>%|[^\s]+)")
_ROW_WORDS = re.compile(r"规模以上|规上|工业|产值|增加值|增速|增幅|累计|当月|本月|全部|合计")
_GROWTH_WORDS = re.compile(r"增速|增幅|增长")


@dataclass(frozen=True)
class Cell:
    region: str | None  # None: the text's own region
    period: Period
    key: str
    indicator: str
    value: int | float | None
    yoy_pct: float | None
    unit: str | None
    base_unit: str | None
    start: int
    end: int


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            out.append((pos + raw.index(stripped[0]), stripped))
        pos += len(raw) + 1
    return out


def _number(s: str) -> int | float:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def read_tables(text: str, year: int | None, above_size: bool = True) -> list[Cell]:
    """Every cell of every month-column table in `text` (cleaned)."""
    lines = _lines(text)
    cells: list[Cell] = []
    i = 0
    while i < len(lines):
        if lines[i][1] not in ("月份", "月度", "时间"):
            i += 1
            continue
        months = []
        j = i + 1
        while j < len(lines) and _MONTH_CELL.fullmatch(lines[j][1]):
            months.append(int(_MONTH_CELL.fullmatch(lines[j][1]).group(1)))
            j += 1
        if len(months) < 2:
            i += 1
            continue
        unit, caption = _caption(lines, i)
        caption = caption or ""
        term = match_term(caption, 0, len(caption), "yuan")
        growth = unit == "%" or bool(_GROWTH_WORDS.search(caption))
        k = len(months)
        while j + k < len(lines) and not _CELL.fullmatch(lines[j][1]):
            label = lines[j][1]
            row = lines[j + 1 : j + 1 + k]
            if not all(_CELL.fullmatch(c) for _, c in row):
                break
            # the indicator is the caption's, else the row's own (`全镇财政收入累计`)
            own = None if term is not None else match_term(label, 0, len(label), "yuan")
            named = term or own
            if named is None:
                j += 1 + k
                continue
            key = bare_key(named, above_size or "规上" in caption + label)
            rest = label if own is None else label[: own.start] + label[own.end :]
            region = _ROW_WORDS.sub("", rest) or None
            indicator = caption if own is None else label[own.start : own.end]
            monthly = bool(re.search(r"当月|本月", label))
            for m, (pos, cell) in zip(months, row, strict=True):
                # January's cumulative figure is January's
                monthly_cell = monthly or m == 1
                period = Period(MONTH, year, m, m) if monthly_cell else Period(YTD, year, 1, m)
                end = pos + len(cell)
                if growth:
                    yoy = _number(cell)
                    cells.append(
                        Cell(region, period, key, indicator, None, yoy, None, None, pos, end)
                    )
                elif unit in UNITS:
                    mult, base = UNITS[unit]
                    value = to_base(Decimal(cell), mult)
                    cells.append(
                        Cell(region, period, key, indicator, value, None, unit, base, pos, end)
                    )
            j += 1 + k
        i = j
    return [c for c in cells if c.key]


def _caption(lines: list[tuple[int, str]], header: int) -> tuple[str | None, str | None]:
    """The unit and the caption in the few lines above a table's header."""
    unit = caption = None
    for _, line in reversed(lines[max(0, header - 3) : header]):
        m = _UNIT_LINE.match(line)
        if m and unit is None:
            unit = m.group("unit")
        elif caption is None:
            caption = line
    return unit, caption
