"""Indicator facts from the text of a published report.

The text is cleaned (`clean.py`), cut into sentences at 。;!? and line breaks, and each sentence
is read left to right: period phrases set the period, 计划/力争/目标 mark targets, every number
with a unit becomes a fact named by the nearest indicator term before it (or the noun after a
count), and 同比增长/下降 …% or 完成率 …% attach to the fact before them. The gold README's
reading conventions are followed; `docs/reader.md` lists the choices made where it is silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Cleaned, clean, strip_pinyin
from .lexicon import (
    PROJECT_MONEY,
    STOCK_KEYS,
    TARGET_KEYS,
    match_term,
    project_money_key,
    project_phrase,
)
from .numbers import Quantity, find_quantities
from .periods import AS_OF, MONTH, YEAR, YTD, YTD_OPEN, Period, PeriodPhrase, find_period_phrases
from .regions import GENERIC, RegionFinder, candidates, find_regions

_SENTENCE = re.compile(r"[^。;!?\n]+")
_CLAUSE_BREAK = ",:()"
_GROWTH = re.compile(
    r"(?P<neg>下降|减少|回落|负增长|降低)了?(?P<n>\d+(?:\.\d+)?)%"
    r"|(?:增长|增加|提高|上升|比增|增幅|增速|增)(?:为|达到|达|了)?"
    r"(?P<p>-?\d+(?:\.\d+)?)%(?:(?:和|、|及)(?P<p2>-?\d+(?:\.\d+)?)%)?"
)
# growth against something other than the same period last year is not YoY (gold README)
_NOT_YOY = re.compile(
    r"年均|平均|两年|三年|比\d{4}年|较\d{4}年|比计划|较计划|快|慢|高于|低于|较\d+-?\d*月"
)
_COMPLETION = re.compile(
    r"(?:年计划|年度|全年)?(?:计划|目标|任务)?完成率(?:为|达到|达)?(?P<a>\d+(?:\.\d+)?)%"
    r"|完成(?:年度|全年|年)?(?:计划|目标|任务)(?:数)?的(?P<b>\d+(?:\.\d+)?)%"
)
_TARGET = re.compile(
    r"计划(?!总投资|完成|投资|表|项目)|目标(?!任务进行)|力争|任务数|预期|将努力|争取|拟"
)
_TARGET_AFTER = re.compile(r"^的?(?:年度|全年|年)?(?:目标|任务)")
_ESTIMATE = re.compile(r"预计|預計")
_RESET = re.compile(r"已")
_THRESHOLD_AFTER = re.compile(r"^(?:以上|以下|及以上|以内|左右|以外)")
_MODIFIER_AFTER = re.compile(r"^的")
# a measure word followed by one of these does not name what it counts
_NOT_NOUN = re.compile(r"^(?:已|正|在|将|共|累计|均|同比|增|以|左|,|。|;|、|\(|\)|的|$)")
_LEAD_FILLER = re.compile(r"^(?:共|合计|共计|累计|其中|计|另|又|分别为?|为)*$")
_YEAR_WORD = re.compile(r"((?:19|20)\d{2})年")
_GENERIC_WORDS = (
    "街道",
    "该区",
    "全区",
    "全镇",
    "我镇",
    "本镇",
    "全县",
    "辖区",
    "全乡",
    "我区",
    "本区",
)
_TRIP_KEYS = ("attraction_trip_days", "attraction_trips_count")


@dataclass
class Fact:
    region: str | None
    period: Period
    indicator: str
    key: str
    scope: str | None
    value: int | float | None
    unit: str | None
    base_unit: str | None
    yoy_pct: float | None = None
    is_target: bool = False
    is_estimate: bool = False
    approx: str | None = None
    target_completion_pct: float | None = None
    start: int = 0  # span in cleaned text
    end: int = 0
    until: Period | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self, doc: str, cleaned: Cleaned, original: str) -> dict:
        a, b = cleaned.original_span(self.start, self.end)
        p = self.period
        return {
            "doc": doc,
            "region": self.region,
            "period": p.label,
            "period_type": p.type,
            "period_start": p.start,
            "period_end": p.end,
            "indicator": self.indicator,
            "key": self.key,
            "scope": self.scope,
            "value": self.value,
            "unit": self.unit,
            "base_unit": self.base_unit,
            "yoy_pct": self.yoy_pct,
            "is_target": self.is_target,
            "is_estimate": self.is_estimate,
            "approx": self.approx,
            "target_completion_pct": self.target_completion_pct,
            "span": original[a:b],
            "span_start": a,
            "span_end": b,
        }


def _num(s: str) -> int | float:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def parse_date(date: str | None) -> tuple[int | None, int | None]:
    if not date:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?", date)
    if not m:
        return None, None
    return int(m.group(1)), (int(m.group(2)) if m.group(2) else None)


_NOT_A_FIGURE = object()


class _Reader:
    def __init__(self, text: str, date: str | None):
        self.original = text
        self.c = clean(text)
        self.t = self.c.text
        self.regions: RegionFinder = find_regions(self.t)
        self.date_year, self.date_month = parse_date(date)
        years = [int(y) for y in _YEAR_WORD.findall(self.t) if 1990 <= int(y) <= 2100]
        if self.date_year:
            years = [y for y in years if y <= self.date_year]
        self.current_year = self.date_year or (max(years) if years else None)
        self.year_ctx: int | None = None  # the last year the text stated
        self.P = Period(YEAR, self.current_year) if self.current_year else Period(YEAR)
        self.until: Period | None = None
        self.last_month: int | None = None  # the month 当月 refers to
        self.facts: list[Fact] = []
        self.strip = tuple(
            w
            for w in (*_GENERIC_WORDS, self.regions.main or "", self._stem(self.regions.main))
            if w
        )

    @staticmethod
    def _stem(name: str | None) -> str:
        if not name:
            return ""
        return re.sub(r"(?:街道|经济技术开发区|经开区|高新区|开发区|镇|乡|县|区|市)$", "", name)

    # -- periods ---------------------------------------------------------------------------
    def _resolve(self, ph: PeriodPhrase, S: Period) -> Period:
        if ph.year:
            self.year_ctx = ph.year
            y = ph.year
        elif ph.rel is not None:
            y = self.current_year + ph.rel if self.current_year else None
        else:
            y = self.year_ctx or self.current_year
        k = ph.kind
        if k in ("range", "quarter", "until"):
            self.last_month = ph.m2
            return Period(YTD, y, ph.m1 or 1, ph.m2)
        if k == "ytd_open":
            return Period(YTD_OPEN, self.current_year or self.year_ctx, 1, None)
        if k == "keep":
            return (
                S
                if S.type == YTD
                else Period(YTD_OPEN, self.current_year or self.year_ctx, 1, None)
            )
        if k == "as_of" and self.t[ph.start : ph.end] == "拥有" and S.type == YTD and S.end_month:
            return Period(AS_OF, S.year, None, S.end_month)  # 截至5月底,拥有… is a stock at May
        if k == "as_of":
            return (
                Period(AS_OF, self.date_year, None, self.date_month)
                if self.date_month
                else Period(AS_OF)
            )
        if k == "current_month":
            m = self.last_month or S.end_month or self.date_month
            return Period(MONTH, S.year or y, m, m)
        if k == "month":
            self.last_month = ph.m2
            return Period(MONTH, y, ph.m2, ph.m2)
        if k == "year":
            return Period(YEAR, y)
        # 今年/去年/年内/全年/年度
        if (
            ph.rel == 0
            and ph.start is not None
            and self.t[ph.start : ph.end] in ("年内", "全年", "年度")
        ):
            return Period(YEAR, S.year if S.year else self.current_year)
        return Period(YEAR, y if y else (S.year if ph.rel == 0 else None))

    # -- sentences ------------------------------------------------------------------------
    def read(self) -> list[Fact]:
        for m in _SENTENCE.finditer(self.t):
            if re.search(r"\d|[一二三四五六七八九十两]", m.group(0)):
                self._sentence(m.start(), m.end())
            else:
                self._periods_only(m.start(), m.end())
        return self._dedup()

    def _periods_only(self, s: int, e: int) -> None:
        for ph in find_period_phrases(self.t, s, e):
            if ph.kind not in ("month", "current_month"):
                self.P = self._resolve(ph, self.P)
            return

    def _is_initial(self, s: int, pos: int) -> bool:
        return self.t[s:pos].strip(" \t“\"'(") == ""

    def _clause_start(self, s: int, pos: int) -> int:
        i = pos
        while i > s and self.t[i - 1] not in _CLAUSE_BREAK:
            i -= 1
        return i

    def _clause_end(self, pos: int, e: int) -> int:
        i = pos
        while i < e and self.t[i] not in _CLAUSE_BREAK:
            i += 1
        return i

    def _sentence(self, s: int, e: int) -> None:
        t = self.t
        events: list[tuple[int, int, str, object]] = []
        for ph in find_period_phrases(t, s, e):
            events.append((ph.start, 0, "period", ph))
        growth_spans = []
        for g in _GROWTH.finditer(t, s, e):
            events.append((g.start(), 1, "growth", g))
            growth_spans.append(g.span())
        for c in _COMPLETION.finditer(t, s, e):
            events.append((c.start(), 1, "completion", c))
            growth_spans.append(c.span())
        for m in _TARGET.finditer(t, s, e):
            events.append((m.start(), 2, "target", m))
        for m in _RESET.finditer(t, s, e):
            events.append((m.start(), 2, "reset", m))
        for q in find_quantities(t, s, e):
            if q.base_unit == "percent" or any(a <= q.num_start < b for a, b in growth_spans):
                continue
            events.append((q.start, 3, "quantity", q))
        events.sort(key=lambda ev: (ev[0], ev[1]))

        S = self.P
        first_phrase = True
        target = False
        region = self.regions.main
        prev_end = s
        sent_facts: list[Fact] = []
        last_count: Fact | None = None
        for pos, _, kind, obj in events:
            if pos < prev_end and kind in ("period", "target", "reset"):
                continue
            if kind == "period":
                ph: PeriodPhrase = obj  # type: ignore[assignment]
                new = self._resolve(ph, S)
                if ph.kind in ("as_of", "keep", "until", "ytd_open"):
                    target = False
                # the sentence's first period phrase also holds for the sentences after it
                if first_phrase:
                    first_phrase = False
                    if ph.kind in ("month", "current_month"):
                        if ph.year or ph.rel is not None:
                            self.P = Period(YEAR, new.year)
                    else:
                        self.P = new
                S = new
                if ph.kind == "until":
                    self.until = new
                prev_end = max(prev_end, ph.end)
                sub = self._subregion(ph.end, e)
                if sub:
                    region = sub
            elif kind == "target":
                target = True
            elif kind == "reset":
                target = False
            elif kind == "growth":
                self._growth(obj, s, sent_facts, prev_end)  # type: ignore[arg-type]
                prev_end = max(prev_end, obj.end())  # type: ignore[attr-defined]
            elif kind == "completion":
                m = obj
                v = m.group("a") or m.group("b")  # type: ignore[attr-defined]
                for f in reversed(sent_facts):
                    if f.target_completion_pct is None and f.value is not None:
                        f.target_completion_pct = _num(v)
                        f.end = max(f.end, m.end())  # type: ignore[attr-defined]
                        break
                prev_end = max(prev_end, m.end())  # type: ignore[attr-defined]
            else:
                q: Quantity = obj  # type: ignore[assignment]
                cs = self._clause_start(s, q.start)
                if cs == q.start or cs > prev_end:
                    sub = self._subregion(cs, e)
                    if sub:
                        region = sub
                fact = self._quantity(q, max(cs, prev_end), e, sent_facts, last_count)
                if fact is _NOT_A_FIGURE:
                    continue  # a threshold or modifier stays part of the phrase around it
                prev_end = max(prev_end, q.end)
                if fact is None:
                    continue
                fact.region = region
                fact.period = S
                fact.until = self.until
                fact.is_target = target or fact.key in TARGET_KEYS
                fact.is_estimate = bool(_ESTIMATE.search(t, cs, q.start))
                if fact.key.endswith("projects_count"):
                    last_count = fact
                sent_facts.append(fact)
        # 的年度目标 after figures makes them targets (`新开20个、竣工12个的年度目标`)
        for f in sent_facts:
            after = t[f.end : self._clause_end(f.end, e) + 1]
            tail = re.sub(r"^[^,;]*?(?=的?(?:年度|全年)?目标)", "", after)
            if _TARGET_AFTER.match(tail) and not f.is_target:
                f.is_target = True
        for f in sent_facts:
            f.period = self._final_period(f, s)
        self.facts.extend(sent_facts)

    def _subregion(self, pos: int, e: int) -> str | None:
        seg = self.t[pos : min(e, pos + 16)]
        for name, start, _ in candidates(seg):
            if start == 0 and not self.regions.is_alias(name) and not GENERIC.match(name):
                return name
        return None

    def _final_period(self, f: Fact, s: int) -> Period:
        p = f.period
        if f.is_target:
            if p.type in (MONTH, YEAR):
                return p
            return Period(YEAR, p.year)
        if f.key in STOCK_KEYS and p.type != AS_OF:
            if p.type == YTD and f.until is not None and p == f.until:
                return Period(AS_OF, p.year, None, p.end_month)
            if self.date_month:
                return Period(AS_OF, self.date_year, None, self.date_month)
            return Period(AS_OF)
        # 累计完成 after a 截至N月底 earlier in the paragraph is cumulative to that month
        cumulative = "累计" in f.indicator or "累计" in self.t[max(s, f.start - 4) : f.start]
        if cumulative and p.type == YEAR and f.until is not None and f.until.year == p.year:
            return f.until
        return p

    # -- one number ------------------------------------------------------------------------
    def _quantity(
        self, q: Quantity, ps: int, e: int, sent_facts: list[Fact], last_count: Fact | None
    ) -> Fact | None:
        t = self.t
        after = t[q.end : q.end + 8]
        if _THRESHOLD_AFTER.match(after):
            return _NOT_A_FIGURE
        if _MODIFIER_AFTER.match(after) and not _TARGET_AFTER.match(after):
            return _NOT_A_FIGURE
        base = q.base_unit
        key = scope = None
        istart = iend = q.start
        ce = self._clause_end(q.end, e)
        # a count followed by a noun counts that noun (`125家重点工业企业`, `7个项目已实际开工`)
        if base == "count" and not _NOT_NOUN.match(after):
            pp = project_phrase(t, q.end, ce, self.strip, q.unit)
            term = match_term(t, q.end, ce, base)
            if pp is not None and t.startswith("项目", q.end):
                key, scope, istart, iend = pp.key, pp.scope, pp.start, pp.end
            elif term is not None and term.start - q.end <= 2:
                key, scope, istart, iend = term.key, term.scope, term.start, term.end
            else:
                return None
        parent = self._parenthetical_parent(q, ps, sent_facts)
        if key is None and parent is not None:
            # a breakdown in brackets after a project count: `签约项目16个(产业项目8个、…)`
            seg = t[ps : q.start].lstrip("(、")
            if seg.endswith("项目"):
                key, scope, istart, iend = parent.key, seg, ps, q.start
        if key is None and ps < q.start:
            key, scope, istart, iend = self._prefix(q, ps, base, last_count)
        if key is None:
            # ellipsis: `盘活土地557亩,目前已收购2家,共199亩` — same indicator as before
            lead = re.sub(r"[目前已今年现]", "", t[ps : q.start])
            paired = bool(sent_facts) and t[sent_facts[-1].end : q.start] in ("和", "、", "及")
            if (_LEAD_FILLER.match(lead) or paired) and _NOT_NOUN.match(after):
                for f in reversed(sent_facts):
                    if f.base_unit == base and f.value is not None:
                        key, scope, istart, iend = f.key, f.scope, ps, ps
                        break
        if key is None:
            return None
        self._pair(q, ps, key, sent_facts)
        if key in _TRIP_KEYS and scope is None:
            scope = self._qualifier_before(ps, istart)
        # list siblings share a qualifier: `亿元以上项目新开20个、竣工12个`
        if scope is None and key.endswith("projects_count") and sent_facts:
            prev = sent_facts[-1]
            if (
                prev.key.endswith("projects_count")
                and prev.scope
                and t[prev.end : ps + 1].strip() in ("、", "")
            ):
                scope = prev.scope
        span_start = min(istart, q.start) if istart < q.start else ps
        while span_start < q.start and t[span_start] in "、,(":
            span_start += 1
        a, b = self.c.original_span(min(istart, q.start), iend) if iend > istart else (0, 0)
        indicator = strip_pinyin(self.original[a:b]) if b > a else ""
        ua, ub = self.c.original_span(q.unit_start, q.end)
        while ub < len(self.original) and self.original[ub] == "(":
            close = self.original.find(")", ub)
            if close < 0 or close - ub > 8:
                break
            ub = close + 1
        approx = None
        if q.approx:
            pos = q.start if q.approx in ("约", "約") else q.end - len(q.unit) - 1
            oa, ob = self.c.original_span(pos, pos + 1)
            approx = self.original[oa:ob]
        return Fact(
            region=None,
            period=Period(YEAR),
            indicator=indicator,
            key=key,
            scope=scope,
            value=q.value,
            unit=self.original[ua:ub],
            base_unit=q.base_unit,
            approx=approx,
            start=span_start,
            end=max(q.end, iend),
            extra={"ps": ps, "qs": q.start, "phrase": t[istart:iend]},
        )

    def _pair(self, q: Quantity, ps: int, key: str, sent_facts: list[Fact]) -> None:
        """`工业和服务业投资为17.1亿元和12.5亿元`: the first figure belongs to 工业投资."""
        t = self.t
        if not sent_facts or t[sent_facts[-1].end : q.start] not in ("和", "、", "及"):
            return
        prev = sent_facts[-1]
        phrase = t[prev.extra.get("ps", prev.start) : prev.extra.get("qs", prev.end)]
        phrase = re.sub(r"(?:分别为|分别|为|达到|达|实现|完成)$", "", phrase)
        parts = re.split(r"和|与|及|、", phrase)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            return
        left, right = parts
        for k in range(1, len(right)):
            cand = left + right[k:]
            term = match_term(cand, 0, len(cand), q.base_unit)
            if term is not None and term.start == 0 and term.end == len(cand) and term.key != key:
                prev.key = term.key
                prev.indicator = cand
                return

    def _parenthetical_parent(self, q: Quantity, ps: int, sent_facts: list[Fact]) -> Fact | None:
        if not sent_facts or q.base_unit != "count":
            return None
        for prev in reversed(sent_facts):
            between = self.t[prev.end : q.start]
            if ")" in between:
                return None
            if between.startswith("("):
                return prev if prev.key.endswith("projects_count") else None
        return None

    def _qualifier_before(self, ps: int, istart: int) -> str | None:
        text = self.t[ps:istart]
        for w in self.strip:
            text = text.replace(w, "")
        text = re.sub(r"共|累计|共计|已|今年|全年|其中|[“”\"]", "", text).strip(" ,、")
        return text or None

    def _prefix(self, q: Quantity, ps: int, base: str, last_count: Fact | None):
        t = self.t
        term = match_term(t, ps, q.start, base)
        pp = project_phrase(t, ps, q.start, self.strip, q.unit) if base == "count" else None
        money = None
        if base in ("yuan", "usd"):
            for m in PROJECT_MONEY.finditer(t, ps, q.start):
                money = m
        if money is not None and (term is None or money.end() >= term.end):
            key = project_money_key(last_count.key if last_count else None, money.group(0))
            if key is not None:
                scope = None
                if last_count is not None:
                    if last_count.key == "key_projects_count":
                        scope = last_count.scope
                    elif last_count.scope:
                        # the count's own phrase without its verb: 省外2000万元以上项目
                        phrase = last_count.extra.get("phrase", "")
                        scope = re.sub(r"^(?:引进|招引|引入)", "", phrase) or None
                return key, scope, money.start(), money.end()
        if pp is not None and (term is None or pp.end >= term.end):
            return pp.key, pp.scope, pp.start, q.start
        if term is not None:
            return term.key, term.scope, term.start, term.end
        return None, None, q.start, q.start

    def _growth(self, g: re.Match[str], s: int, sent_facts: list[Fact], prev_end: int) -> None:
        t = self.t
        cs = self._clause_start(s, g.start())
        if _NOT_YOY.search(t, max(cs, g.start() - 8), g.start()):
            return
        if g.group("neg"):
            values = [-_num(g.group("n"))]
        else:
            values = [_num(g.group("p"))] + ([_num(g.group("p2"))] if g.group("p2") else [])
        # an indicator named between the last figure and the growth has no figure of its own
        term = match_term(t, max(prev_end, cs), g.start(), "yuan")
        if term is None:
            for b in ("count", "kwh", "usd"):
                term = term or match_term(t, max(prev_end, cs), g.start(), b)
        if term is not None:
            a, b = self.c.original_span(term.start, term.end)
            f = Fact(
                None,
                self.P,
                strip_pinyin(self.original[a:b]),
                term.key,
                term.scope,
                None,
                None,
                None,
                yoy_pct=values[0],
                start=term.start,
                end=g.end(),
            )
            f.region = self.regions.main
            f.period = sent_facts[-1].period if sent_facts else self.P
            sent_facts.append(f)
            return
        open_facts = [f for f in sent_facts if f.yoy_pct is None and f.value is not None]
        if not open_facts:
            return
        targets = open_facts[-len(values) :]
        for f, v in zip(targets, values[-len(targets) :], strict=False):
            f.yoy_pct = v
            f.end = max(f.end, g.end())

    def _dedup(self) -> list[Fact]:
        seen = set()
        out = []
        for f in self.facts:
            k = (f.region, f.period, f.key, f.scope, f.value, f.yoy_pct, f.is_target)
            if k in seen:
                continue
            seen.add(k)
            out.append(f)
        return out


def extract(text: str, date: str | None = None, doc: str = "") -> list[dict]:
    """Every indicator fact in `text` as a gold-style dict (spans index `text` itself)."""
    r = _Reader(text, date)
    return [f.as_dict(doc, r.c, text) for f in r.read()]
