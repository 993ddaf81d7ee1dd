"""Period phrases of Chinese statistical reporting and the gold period notation.

`find_period_phrases` finds phrases such as 1-5月, 1至5月, 上半年, 前三季度, 今年以来, 截至5月底,
目前, 2017年, 去年 in cleaned text; the extractor resolves their year against what the text said
before. `Period` renders the gold fields (`period`, `period_type`, `period_start`, `period_end`),
with `????` where the year is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

YTD, YEAR, MONTH, AS_OF, YTD_OPEN = "ytd", "year", "month", "as_of", "ytd_open"


@dataclass(frozen=True)
class Period:
    type: str
    year: int | None = None
    start_month: int | None = None
    end_month: int | None = None

    def _ym(self, month: int | None) -> str | None:
        if month is None:
            return None
        return f"{self.year if self.year else '????'}-{month:02d}"

    @property
    def start(self) -> str | None:
        if self.type == AS_OF:
            return None
        if self.type == YEAR:
            return self._ym(1)
        return self._ym(self.start_month)

    @property
    def end(self) -> str | None:
        if self.type == YTD_OPEN:
            return None
        if self.type == YEAR:
            return self._ym(12)
        if self.type == AS_OF and self.year is None:
            return None  # a stock "as of" an unknown date has no month either
        return self._ym(self.end_month)

    @property
    def label(self) -> str:
        y = str(self.year) if self.year else "????"
        if self.type == YEAR:
            return y
        if self.type == MONTH:
            return self.start or y
        if self.type == AS_OF:
            return f"as of {self.end or y}"
        if self.type == YTD_OPEN:
            return f"{self.start}..?"
        return f"{self.start}..{self.end}"

    def with_year(self, year: int | None) -> Period:
        return replace(self, year=year)


_CN_MONTH = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_Y = r"(?:(?P<y>(?:19|20)\d{2})年|(?P<rel>今年|去年|上年|明年|本年|当年))?"

# order matters: the first alternative that matches at a position wins
_PHRASES = [
    (
        "range",
        re.compile(
            rf"{_Y}(?P<m1>{_M})(?:月份?)?\s*(?:-|~|至|到)\s*(?P<m2>{_M})月(?:份)?(?:底|末)?"
        ),
    ),
    ("until", re.compile(rf"(?:截至|截止|截止到|到)\s*{_Y}(?P<m2>{_M})月(?:份)?(?:底|末|末止)?")),
    (
        "quarter",
        re.compile(rf"{_Y}(?P<q>上半年|下半年|前三季度|前两季度|第?[一二三四]季度|首季度?)"),
    ),
    ("ytd_open", re.compile(r"(?:今年|年初|本年)(?:以来|至今|截至目前|截止目前|到目前|以來)")),
    ("keep", re.compile(r"截至目前|截止目前|截至当前|到目前为止")),
    ("as_of", re.compile(r"目前|至今|现已|当前|拥有")),
    ("current_month", re.compile(r"当月|单月|本月")),
    ("month", re.compile(rf"{_Y}(?P<m2>{_M})月(?:份)?(?:\d{{1,2}}日|初|中旬|上旬|下旬|底|末)?")),
    ("year", re.compile(r"(?P<y>(?:19|20)\d{2})年(?:度|全年|末|底)?(?!\d)")),
    ("rel_year", re.compile(r"(?P<rel>今年|去年|上年|明年|本年|当年|年内|全年|年度)(?!同期|平均)")),
]
_QUARTERS = {
    "上半年": (1, 6),
    "下半年": (7, 12),
    "前三季度": (1, 9),
    "前两季度": (1, 6),
    "一季度": (1, 3),
    "第一季度": (1, 3),
    "首季": (1, 3),
    "首季度": (1, 3),
    "二季度": (4, 6),
    "第二季度": (4, 6),
    "三季度": (7, 9),
    "第三季度": (7, 9),
    "四季度": (10, 12),
    "第四季度": (10, 12),
}
_REL = {
    "今年": 0,
    "本年": 0,
    "当年": 0,
    "年内": 0,
    "全年": 0,
    "年度": 0,
    "去年": -1,
    "上年": -1,
    "明年": 1,
}


_TRIGGER = re.compile(r"[\d今去上明本当年全截到目至现拥单一二三四五六七八九十前首第下]")


@dataclass(frozen=True)
class PeriodPhrase:
    """A period phrase found in the text, its year not yet resolved.

    `kind` is one of range, until, quarter, ytd_open, keep, as_of, current_month, month, year,
    rel_year; `year` is an explicit year, `rel` a year offset from the current year.
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    rel: int | None = None
    m1: int | None = None
    m2: int | None = None


def _month(s: str | None) -> int | None:
    if s is None:
        return None
    return int(s) if s.isdigit() else _CN_MONTH.get(s)


def find_period_phrases(text: str, start: int = 0, end: int | None = None) -> list[PeriodPhrase]:
    end = len(text) if end is None else end
    found: list[PeriodPhrase] = []
    pos = start
    while pos < end:
        # jump to the next character a period phrase can start with
        nxt = _TRIGGER.search(text, pos, end)
        if nxt is None:
            break
        pos = nxt.start()
        hit = None
        for kind, rx in _PHRASES:
            m = rx.match(text, pos, end)
            if m and m.end() > pos:
                hit = (kind, m)
                break
        if hit is None:
            pos += 1
            continue
        kind, m = hit
        g = m.groupdict()
        year = int(g["y"]) if g.get("y") else None
        rel = _REL.get(g["rel"]) if g.get("rel") else None
        m1 = m2 = None
        if kind == "range":
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            if m1 is None or m2 is None or m1 > m2:
                pos += 1
                continue
        elif kind in ("until", "month"):
            m2 = _month(g["m2"])
            # a bare digit before 月 may be the tail of a figure (`18月` is rare, `12个月` is not)
            if m.start() > 0 and text[m.start() - 1].isdigit():
                pos += 1
                continue
        elif kind == "quarter":
            q = g["q"]
            m1, m2 = _QUARTERS.get(q, (1, 3))
        elif kind == "year" and m.start() > 0 and text[m.start() - 1].isdigit():
            pos = m.end()
            continue
        found.append(PeriodPhrase(m.start(), m.end(), kind, year, rel, m1, m2))
        pos = m.end()
    return found
