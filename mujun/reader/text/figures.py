"""One figure of a sentence: its indicator, scope, and the growth that follows it.

`FigureReader.read` takes a number with its unit (`numbers.Quantity`) and the stretch of the
clause before it, and returns a `Fact` named by the nearest indicator term before the figure
(or the noun after a count), a project phrase (`签约项目`, `省重点项目`), the money of the
project count before it (`总投资`), or the indicator of the figure before it (`…、314.5亿元`).
Region, period and target flags are the sentence's business (`sentences.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Cleaned, strip_pinyin
from .lexicon import (
    PROJECT_MONEY,
    Term,
    bare_key,
    later_project_verb,
    match_term,
    project_money_key,
    project_phrase,
)
from .numbers import Quantity
from .periods import YEAR, Period

CLAUSE_BREAK = ",:;"
_SENTENCE_END = re.compile(r"[。!?\n]")
_THRESHOLD_AFTER = re.compile(r"^(?:以上|以下|及以上|以内|左右|以外|\(含\)以上)")
# `总投资50亿元的…项目` is a single project's size; `75亿元的23.7%` is a target and its rate
_MODIFIER_AFTER = re.compile(r"^的(?!\d+(?:\.\d+)?%)")
# a measure word followed by one of these does not name what it counts
_NOT_NOUN = re.compile(r"^(?:已|正|在|将|共|累计|均|同比|增|以|左|,|。|;|、|\(|\)|的|\d|$)")
_LEAD_FILLER = re.compile(r"^(?:共|合计|共计|累计|其中|计|另|又|分别为?|为)*$")
# the lead of an amount that is the target of the figure before it (`完成年任务75亿元的23.7%`,
# `(任务数34亿元)`, `占目标任务2个的200%`)
_TARGET_LEAD = re.compile(
    r"^\(?(?:完成|占)?(?:了)?(?:全年|年度|年)?(?:目标|计划)?(?:任务数?|目标|计划数?)$"
)
_TRIP_KEYS = ("attraction_trip_days", "attraction_trips_count")
_SIZE_SCOPE = (("规模以上", "规上"), ("规上", "规上"), ("规模以下", "规下"), ("规下", "规下"))
_EVALUATED = re.compile(r"参评|参与[^,;。]{0,6}评价|参加[^,;。]{0,6}评价")


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


NOT_A_FIGURE = object()


def number(s: str) -> int | float:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def size_scope(text: str) -> str | None:
    """规上 or 规下 when a phrase names the size class (`39家规模以上工业企业`)."""
    for word, scope in _SIZE_SCOPE:
        if word in text:
            return scope
    return None


def last_size_scope(text: str) -> str | None:
    """The size class a text names last (`规模以上…和…规模以下` → 规下)."""
    found = None
    for m in re.finditer(r"规模以上|规上|规模以下|规下", text):
        found = m.group(0)
    return size_scope(found) if found else None


class FigureReader:
    """Reads single figures in one cleaned text; knows the words that are not qualifiers."""

    def __init__(self, text: str, cleaned: Cleaned, original: str, strip: tuple[str, ...]):
        self.t = text
        self.c = cleaned
        self.original = original
        self.strip = strip

    def sentence_end(self, pos: int) -> int:
        m = _SENTENCE_END.search(self.t, pos)
        return m.start() if m else len(self.t)

    def clause_end(self, pos: int, e: int) -> int:
        i = pos
        while i < e and self.t[i] not in CLAUSE_BREAK:
            i += 1
        return i

    def indicator_text(self, a: int, b: int) -> str:
        oa, ob = self.c.original_span(a, b) if b > a else (0, 0)
        return strip_pinyin(self.original[oa:ob]) if ob > oa else ""

    def _key_of(self, term: Term, above_size: bool, lead: str) -> str | None:
        if term.bare is None:
            return term.key
        # `产值`, `增加值` alone are the industry's the paragraph is about (规上 or none); an
        # industry's own (`服装行业实现产值`) is a breakdown, not labelled
        if re.search(r"(?:行业|产业|制造业|服务业|建筑业)(?:实现|完成|共)?$", lead):
            return None
        return bare_key(term, above_size)

    # -- one number ------------------------------------------------------------------------
    def read(
        self,
        q: Quantity,
        ps: int,
        e: int,
        sent_facts: list[Fact],
        last_count: Fact | None,
        above_size: bool = False,
    ):
        """The fact of `q` (None: no indicator; NOT_A_FIGURE: part of a phrase)."""
        t = self.t
        after = t[q.end : q.end + 8]
        if _THRESHOLD_AFTER.match(after):
            return NOT_A_FIGURE
        if _MODIFIER_AFTER.match(after) and not re.match(
            r"^的?(?:年度|全年|年)?(?:目标|任务)", after
        ):
            return NOT_A_FIGURE
        base = q.base_unit
        key = scope = None
        target = False
        istart = iend = q.start
        ce = self.clause_end(q.end, e)
        lead_text = t[ps : q.start]
        # a count followed by a noun counts that noun (`125家重点工业企业`, `7个项目已实际开工`)
        if base == "count" and not _NOT_NOUN.match(after):
            found = self._counted_noun(q, ps, ce)
            if found is None:
                return None
            key, scope, istart, iend = found
        parent = self._parenthetical_parent(q, ps, sent_facts)
        if key is None and parent is not None:
            # a breakdown in brackets after a project count: `签约项目16个(产业项目8个、…)`
            seg = lead_text.lstrip("(、")
            if seg.endswith("项目"):
                key, scope, istart, iend = parent.key, seg, ps, q.start
        if key is None and sent_facts and _TARGET_LEAD.match(lead_text.lstrip(",;、")):
            prev = next((f for f in reversed(sent_facts) if not f.is_target), None)
            if prev is not None and prev.base_unit == base:
                key, scope, istart, iend = prev.key, prev.scope, ps, q.start
                target = True
        if key is None and base == "count" and last_count is not None:
            key, scope, istart, iend = self._tier_part(q, ps, last_count)
        if key is None and ps < q.start:
            key, scope, istart, iend = self._prefix(q, ps, base, last_count, above_size)
        if key is None:
            # ellipsis: `盘活土地557亩,目前已收购2家,共199亩` — same indicator as before
            lead = re.sub(r"[目前已今年现]", "", lead_text)
            paired = bool(sent_facts) and t[sent_facts[-1].end : q.start] in ("和", "、", "及")
            if (_LEAD_FILLER.match(lead) or paired) and _NOT_NOUN.match(after):
                for f in reversed(sent_facts):
                    if f.base_unit == base and f.value is not None:
                        key, scope, istart, iend = f.key, f.scope, ps, ps
                        break
        if key is None:
            return None
        if key == "urban_income_per_capita" and sent_facts and iend == istart:
            prev = sent_facts[-1]
            if prev.key == key and prev.indicator.startswith("城乡"):
                key = "rural_income_per_capita"  # the second of 城乡…分别 is the rural one
        self._pair(q, ps, key, sent_facts)
        if key in _TRIP_KEYS and scope is None:
            # who made the trips (`主要领导赴上海招商110天`)
            who = self._qualifier_before(ps, istart)
            scope = (
                who
                if who and re.search(r"领导|书记|镇长|县长|区长|主任|干部|班子|成员", who)
                else None
            )
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
        indicator = self.indicator_text(min(istart, q.start), iend)
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
            is_target=target,
            start=span_start,
            end=max(q.end, iend),
            extra={"ps": ps, "qs": q.start, "phrase": t[istart:iend], "lead": t[ps : q.start]},
        )

    def _tier_part(self, q: Quantity, ps: int, parent: Fact):
        """A part of the project count before it, named by its tier, kind or qualifier alone.

        `省级6项,概算投资…` and `其中:建设项目27项(省级6项、…)` after a count of key projects;
        `其中超亿元项目5个` after any project count.
        """
        raw = self.t[ps : q.start]
        lead = re.sub(r"^[\s(、,:;]*(?:其中[::]?)?", "", raw)
        if parent.key == "key_projects_count":
            if re.fullmatch(r"(?:省|市|县|区)级|[\u4e00-\u9fff]{2}项目", lead):
                return "key_projects_count", lead, q.start - len(lead), q.end
        elif parent.key.endswith("projects_count") and re.match(r"^[\s,;]*其中", raw):
            # `引进项目18个,其中超亿元项目5个`: a part of the count before, by its qualifier
            part = re.fullmatch(r"([^\d,;。]{1,10}?)项目", lead)
            if part is not None and project_phrase(lead, 0, len(lead), self.strip) is None:
                return parent.key, part.group(1), q.start - len(lead), q.end
        return None, None, q.start, q.start

    def _counted_noun(self, q: Quantity, ps: int, ce: int):
        """`125家重点工业企业`, `签约67个山海协作项目`, `A类11家`: what a count counts."""
        t = self.t
        verb_lead = t[ps : q.start]
        pp = project_phrase(t, q.end, ce, self.strip, q.unit, counted=True)
        if pp is not None and (
            t.startswith("项目", q.end) or (pp.key == "key_projects_count" and pp.start == q.end)
        ):
            return pp.key, pp.scope, pp.start, pp.end
        # the verb before the count and the noun after it (`签约67个山海协作项目`)
        noun_end = q.end
        while noun_end < ce and t[noun_end] not in "、和及与,;。(":
            noun_end += 1
        noun = t[q.end : noun_end]
        firm = re.match(r".{0,10}?企业", noun)
        if firm is not None:
            noun_end = q.end + firm.end()
            noun = firm.group(0)
        head = re.match(r".{0,8}?项目", noun)
        # `三项举措解决一些签约项目`: a noun with a verb of its own is a clause, not what is counted
        if head is not None and later_project_verb(head.group(0)[:-2]) is None:
            noun_end = q.end + head.end()
            noun = head.group(0)
            pp = project_phrase(verb_lead + noun, 0, len(verb_lead) + len(noun), self.strip, q.unit)
            if pp is not None:
                return pp.key, pp.scope, q.start, noun_end
            if noun == "项目":
                # `…等14个项目,…等15个项目已复工`: the verb closing the list
                later = later_project_verb(t[noun_end : self.sentence_end(noun_end)])
                if later is not None:
                    return later[0], None, q.start, noun_end
        if re.search(r"企业$", noun) and _EVALUATED.search(t, noun_end, ce + 20):
            return "evaluated_enterprises_count", size_scope(noun), q.start, noun_end
        # the verb before the count may belong to the term (`新增37户规上工业企业`)
        verb = verb_lead[-4:]
        combined = verb + noun
        term = match_term(combined, 0, len(combined), q.base_unit)
        if term is not None and term.bare is None and term.start < len(verb) < term.end:
            return term.key, term.scope, q.start, noun_end
        term = match_term(t, q.end, ce, q.base_unit)
        if term is not None and term.start - q.end <= 2 and term.bare is None:
            return term.key, term.scope, term.start, term.end
        return None

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

    def _prefix(self, q: Quantity, ps: int, base: str, last_count: Fact | None, above_size: bool):
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
                        if phrase[:1].isdigit():  # `签约67个山海协作项目`: the count's scope
                            scope = last_count.scope
                return key, scope, money.start(), money.end()
        if pp is not None and (term is None or pp.end >= term.end):
            return pp.key, pp.scope, pp.start, q.start
        if term is not None:
            key = self._key_of(term, above_size, t[ps : term.start])
            if key is None:
                return None, None, q.start, q.start
            scope = term.scope
            if key.startswith("grade_") or key == "evaluated_enterprises_count":
                scope = scope or size_scope(t[ps : q.start])
            return key, scope, term.start, term.end
        return None, None, q.start, q.start
