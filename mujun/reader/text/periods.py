"""Period phrases of Chinese statistical reporting and the gold period notation.

`find_period_phrases` finds phrases such as 1-5月, 1至5月, 元至7月, 上半年, 前三季度, 今年以来,
截至5月底, 6月末, 目前, 2017年, 2016年至2018年, 去年 in cleaned text. `Calendar` gives each phrase
its year the way the gold README asks: from the text (the title, an earlier sentence), else from
the document's date, and `????` only where neither gives it. `Period` renders the gold fields
(`period`, `period_type`, `period_start`, `period_end`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .numbers import chinese_numeral

YTD, YEAR, MONTH, AS_OF, YTD_OPEN = "ytd", "year", "month", "as_of", "ytd_open"
# figures over several years (`“十四五”以来累计…`): read past, never a fact
MULTI_YEAR = "multi_year"


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
        if self.type == AS_OF and self.year is None and self.end_month is None:
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


_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_M1 = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|元)"  # 元至7月: 元月 is January
_REL_WORDS = r"今年|去年|上年|明年|本年|当年"
_Y = rf"(?:(?P<y>(?:19|20)\d{{2}})年|(?P<rel>{_REL_WORDS}))?"

# order matters: the first alternative that matches at a position wins
_PHRASES = [
    (
        "years",
        re.compile(r"(?P<y>(?:19|20)\d{2})年?(?:-|~|至|到)(?P<y2>(?:19|20)\d{2})年(?:度|间)?"),
    ),
    (
        "range",
        re.compile(
            rf"{_Y}(?P<m1>{_M1})月?份?\s*(?:-|~|至|到)\s*(?P<m2>{_M})月(?:份)?(?:底|末)?"
            r"(?:累计)?"
        ),
    ),
    # 19月份 is 1-9月份 whose range mark was lost: no month 19 exists (gold dev notes)
    ("lost_range", re.compile(rf"{_Y}(?P<m1>1)(?P<m2>[0-9]|1[0-2])月份(?!\d)")),
    (
        "until",
        re.compile(rf"(?:截至|截止|截止到|到)\s*{_Y}(?P<m2>{_M})月(?:份)?(?:底|末|末止|止|份止)?"),
    ),
    # 6月末, 12月底 without 截至: a point in time for stocks, the year to date for flows
    ("until", re.compile(rf"{_Y}(?P<m2>{_M})月(?:份)?(?:底|末)(?!\d)")),
    (
        "quarter",
        re.compile(
            rf"{_Y}(?P<q>上半年|下半年|前三季度|前两季度|1-3季度|第?[一二三四1-4]季度|首季度?)"
        ),
    ),
    (
        "ytd_open",
        re.compile(r"(?:今年|年初|本年)(?:以来|至今|截至目前|截止目前|到目前|以來|来)(?!源)"),
    ),
    ("keep", re.compile(r"截至目前|截止目前|截至当前|到目前为止")),
    # a span of several years (`“十四五”以来`, `近三年`, `三年来`): no period the gold labels
    (
        "multi_year",
        re.compile(
            r"“?十[一二三四五]五”?(?:以来|期间|时期)|近[两二三四五]年|[两二三四五多]年来|历年来"
        ),
    ),
    ("as_of", re.compile(r"目前|至今|现已|当前|拥有")),
    ("current_month", re.compile(r"当月|单月|本月")),
    ("month", re.compile(rf"{_Y}(?P<m2>{_M})月(?:份)?(?:\d{{1,2}}日|初|中旬|上旬|下旬)?")),
    ("year_end", re.compile(r"(?P<y>(?:19|20)\d{2})?年(?:末|底)(?!\d)")),
    ("year", re.compile(r"(?P<y>(?:19|20)\d{2})年(?:度|全年)?(?!\d)")),
    (
        "rel_year",
        # 年度目标任务 is a target's name, not a period
        re.compile(
            rf"(?P<rel>{_REL_WORDS}|年内|全年|年度)(?!同期|平均|以来|[一二三四]季度|目标|任务|计划|考核)"
        ),
    ),
]
_QUARTERS = {
    "上半年": (1, 6),
    "下半年": (7, 12),
    "前三季度": (1, 9),
    "1-3季度": (1, 9),
    "前两季度": (1, 6),
    "首季": (1, 3),
    "首季度": (1, 3),
}
for _i, _q in enumerate("一二三四"):
    _QUARTERS[f"{_q}季度"] = _QUARTERS[f"第{_q}季度"] = _QUARTERS[f"{_i + 1}季度"] = (
        (1, 3) if _i == 0 else (3 * _i + 1, 3 * _i + 3)
    )
    _QUARTERS[f"第{_i + 1}季度"] = _QUARTERS[f"{_q}季度"]
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


# every phrase at once, groups unnamed: finds where the next phrase may start in one C scan
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_ANY_PHRASE = re.compile(
    "|".join("(?:" + _NAMED_GROUP.sub("(?:", rx.pattern) + ")" for _, rx in _PHRASES)
)
# a year after these words is compared with, not reported on (比2010年增长, 较上年同期)
_COMPARED = re.compile(r"(?:比|较|与|同|自|从|于|低于|高于)$")


@dataclass(frozen=True)
class PeriodPhrase:
    """A period phrase found in the text, its year not yet resolved.

    `kind` is one of years, range, until, quarter, ytd_open, keep, multi_year, as_of,
    current_month, month, year_end, year, rel_year; `year` is an explicit year (`year2` the end of a span of years), `rel`
    a year offset from the current year, `compared` true after 比/较 (a base, not a period).
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    rel: int | None = None
    m1: int | None = None
    m2: int | None = None
    year2: int | None = None
    compared: bool = False
    when: str | None = None  # the relative-year word as written (今年, 当年 …)


def _month(s: str | None) -> int | None:
    if s is None:
        return None
    if s.isdigit():
        return int(s)
    return 1 if s == "元" else chinese_numeral(s)  # 元月 is January


def find_period_phrases(text: str, start: int = 0, end: int | None = None) -> list[PeriodPhrase]:
    end = len(text) if end is None else end
    found: list[PeriodPhrase] = []
    pos = start
    while pos < end:
        # jump to the next character a period phrase can start with
        nxt = _ANY_PHRASE.search(text, pos, end)
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
        m1 = m2 = year2 = None
        before = text[max(0, m.start() - 3) : m.start()]
        digit_before = m.start() > 0 and text[m.start() - 1].isdigit()
        if kind == "years":
            year2 = int(g["y2"])
            if year2 <= year:
                pos += 1
                continue
        elif kind in ("range", "lost_range"):
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            if m1 is None or m2 is None or m1 >= m2 or digit_before:
                pos += 1
                continue
            kind = "range"
        elif kind in ("until", "month"):
            m2 = _month(g["m2"])
            # a bare digit before 月 may be the tail of a figure (`18月` is rare, `12个月` is not)
            if digit_before:
                pos += 1
                continue
        elif kind == "quarter":
            m1, m2 = _QUARTERS.get(g["q"], (1, 3))
        elif kind in ("year", "year_end", "years") and digit_before:
            pos = m.end()
            continue
        compared = bool(_COMPARED.search(before))
        found.append(
            PeriodPhrase(m.start(), m.end(), kind, year, rel, m1, m2, year2, compared, g.get("rel"))
        )
        pos = m.end()
    return found


# --- which year a phrase means ----------------------------------------------------------------
_HEADING_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\d{1,2}月\d{1,2}日|\s*\d)")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def parse_date(date: str | None) -> tuple[int | None, int | None]:
    """(year, month) of `YYYY-MM-DD` or `YYYY-MM`; (None, None) without a date."""
    if not date:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?", date)
    if not m:
        return None, None
    return int(m.group(1)), (int(m.group(2)) if m.group(2) else None)


def heading_year(text: str) -> int | None:
    """The year a title line states (`2020年度某街道工作总结`, `虎门镇2022年上半年经济运行情况`).

    A title is the first non-empty line when it is short and ends no sentence; a date
    (`2007年10月31日`) is a dateline, not a title's year.
    """
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) > 60 or re.search(r"[。;!?]", line):
            return None
        m = _HEADING_YEAR.search(line)
        return int(m.group(1)) if m else None
    return None


class Calendar:
    """The years of a text's period phrases, read in order.

    - An explicit year (`2017年`) is that year, and phrases after it without one take it
      (`2017年,…。1-5月,…` is 2017), unless it is a base of comparison (`比2010年`).
    - 今年, 全年, 本年 are the year of the title; else of the document's date; else the year an
      earlier sentence stated; else unknown (`????`).
    - 去年 is the year before that; without a date or a title year, the year before the latest
      year the text states (a review of 2017 written in 2018 calls 2017 去年).
    - A range without a year (`1-11月`) takes the year the text stated before it; else the date's
      year, or the year before when the range ends after the publication month (a `1-11月`
      published in January).
    """

    def __init__(self, text: str, date: str | None):
        self.date_year, self.date_month = parse_date(date)
        self.title_year = heading_year(text)
        years = [int(y) for y in _ANY_YEAR.findall(text) if 1990 <= int(y) <= 2100]
        if self.date_year:
            years = [y for y in years if y <= self.date_year]
        self.latest_year = max(years) if years else None
        self.context: int | None = self.title_year  # the last year the text stated

    @property
    def this_year(self) -> int | None:
        return self.title_year or self.date_year or self.context

    def year_of(self, ph: PeriodPhrase) -> int | None:
        """The year `ph` refers to; remembers an explicit year as the text's context."""
        if ph.year:
            if not ph.compared and ph.kind != "years":
                self.context = ph.year
            return ph.year
        if ph.rel is not None:
            if ph.rel == 0:
                # 当年 is "that year": the year the text speaks of, before the date's
                if ph.kind == "rel_year" and ph.when == "当年" and self.context:
                    return self.context
                return self.this_year
            if self.title_year or self.date_year:
                return self.this_year + ph.rel
            return self.latest_year + ph.rel if self.latest_year else None
        if self.context:
            return self.context
        if self.date_year and ph.m2 and self.date_month and ph.m2 > self.date_month:
            return self.date_year - 1
        return self.date_year

    def as_of_publication(self) -> Period:
        if self.date_month:
            return Period(AS_OF, self.date_year, None, self.date_month)
        return Period(AS_OF)
