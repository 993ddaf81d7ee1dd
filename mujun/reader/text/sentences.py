"""Reading a report sentence by sentence: which period, region and target flag govern a figure.

A sentence runs to 。!? or a line break (a `;` does not end it: `1—11月份实现…;地方财政收入…`
is one statement). It is read left to right as a stream of events — period phrases, region
subjects at clause starts, target and estimate words, completion rates, growth rates and
figures — and each figure becomes a fact through `figures.FigureReader`.

- Period: a phrase holds to the end of its sentence; the sentence's first phrase also holds
  for the sentences after it (until another sentence's first phrase). Years come from
  `periods.Calendar`.
- Region: each sentence starts with the region the text is about; a clause whose subject is
  another region (`拱辰办实现产值…`, `其中,肥西经开区完成…`) gives its figures, and those of the
  clauses after it in the sentence, to that region.
- Targets: 计划, 目标, 力争 … mark the figures after them; an amount inside a completion phrase
  (`完成年任务3.5亿元的19.8%`) is the target of the figure before it.
"""

from __future__ import annotations

import re

from .clean import clean
from .figures import (
    CLAUSE_BREAK,
    NOT_A_FIGURE,
    Fact,
    FigureReader,
    last_size_scope,
    number,
)
from .growth import GROWTH, read_growth
from .lexicon import (
    PORTFOLIO_KEYS,
    STATUS_VERBS,
    STOCK_KEYS,
    TARGET_KEYS,
    later_project_verb,
)
from .numbers import Quantity, find_quantities
from .periods import (
    AS_OF,
    MONTH,
    MULTI_YEAR,
    YEAR,
    YTD,
    YTD_OPEN,
    Calendar,
    Period,
    PeriodPhrase,
    find_period_phrases,
)
from .regions import Regions, find_regions
from .tables import read_tables

_SENTENCE = re.compile(r"[^。!?\n]+")
_COMPLETION = re.compile(
    r"(?:年计划|年度|全年)?(?:计划|目标|任务)?完成率(?:为|达到|达)?(?P<a>\d+(?:\.\d+)?)%"
    r"|(?:完成|占)(?:了)?(?:全年|年度|年)?(?:目标|计划)?(?:任务数?|目标|计划)(?:指标)?"
    r"[^,;。%]{0,14}?的?(?P<b>\d+(?:\.\d+)?)%"
)
_TARGET = re.compile(
    r"计划(?!总投资|完成|投资|表|项目|指标)|目标(?!任务进行)|力争|任务数|预期|将努力|争取|拟"
)
_TARGET_AFTER = re.compile(r"^的?(?:年度|全年|年)?(?:目标|任务)")
_ESTIMATE = re.compile(r"预计")
_RESET = re.compile(r"已")
_RESPECTIVELY = re.compile(r"分别")
_OWN_VERB = re.compile(r"\s*(?:完成|实现|达到|引进|签约|新增|累计完成|共完成)")
# words that may stand before a clause's subject (`其中,肥西经开区…`, `从分乡镇来看:拱辰办…`)
_SUBJECT_LEAD = re.compile(r"(?:其中|另外|另|同时|此外|而|其|全年|今年|累计|共|据统计|[\s“\"(])*")
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
    "我县",
    "该县",
    "全市",
    "我市",
    "园区",
)
_ABOVE_SIZE = re.compile(r"规模以上|规上|规模工业")
# `75个“两重一实”项目中,…`: a count naming a group whose members the clause goes on to count
_GROUP_OF = re.compile(r"[^,;。]{0,12}?(?:项目|工程|实事)中")
_SELF_WORD = re.compile(r"(?:全|我|该|本)(?:区|县|市|镇|乡|街道)")
_SIZE_SCOPED = re.compile(r"grade_[a-d]_enterprises_count|evaluated_enterprises_count")
_ALL_INDUSTRY = re.compile(r"工业总产值|全部工业|全社会")


class ReportReader:
    """The whole reading of one text; `read()` returns its facts in text order."""

    def __init__(self, text: str, date: str | None):
        self.original = text
        self.c = clean(text)
        self.t = self.c.text
        self.regions: Regions = find_regions(self.t)
        self.cal = Calendar(self.t, date)
        self.P = Period(YEAR, self.cal.this_year) if self.cal.this_year else Period(YEAR)
        self.until: Period | None = None
        self.last_month: int | None = None  # the month 当月 refers to
        self.above_size = False  # the paragraph is about 规模以上 industry
        self.last_count: Fact | None = None
        self.facts: list[Fact] = []
        main = self.regions.main or ""
        strip = tuple(w for w in (*_GENERIC_WORDS, main, *self.regions.aliases) if w)
        self.fig = FigureReader(self.t, self.c, text, strip)

    # -- periods ---------------------------------------------------------------------------
    def _resolve(self, ph: PeriodPhrase, S: Period) -> Period:
        y = self.cal.year_of(ph)
        k = ph.kind
        if k in ("range", "quarter", "until"):
            self.last_month = ph.m2
            if ph.m1 in (None, 1) and ph.m2 == 12:
                return Period(YEAR, y)  # 1-12月, 到12月底: the whole year
            return Period(YTD, y, ph.m1 or 1, ph.m2)
        if k == MULTI_YEAR:
            return Period(MULTI_YEAR)
        if k == "ytd_open":
            return Period(YTD_OPEN, self.cal.this_year, 1, None)
        if k == "keep":
            # 截至目前 after a range or a year keeps it (`2021年,…。截至目前,…` read in 2022)
            if S.type == YTD or (S.type == YEAR and S.year):
                return S
            return Period(YTD_OPEN, self.cal.this_year, 1, None)
        if k == "as_of" and self.t[ph.start : ph.end] == "拥有" and S.type == YTD and S.end_month:
            return Period(AS_OF, S.year, None, S.end_month)  # 截至5月底,拥有… is a stock at May
        if k == "as_of":
            return self.cal.as_of_publication()
        if k == "current_month":
            m = self.last_month or S.end_month or self.cal.date_month
            return Period(MONTH, S.year or y, m, m)
        if k == "month":
            self.last_month = ph.m2
            return Period(MONTH, y, ph.m2, ph.m2)
        if k == "year_end":
            return Period(YEAR, y if ph.year else S.year)
        if k in ("year", "years"):
            return Period(YEAR, y)
        # 今年/去年/年内/全年/年度
        if ph.rel == 0 and self.t[ph.start : ph.end] in ("年内", "全年", "年度") and S.year:
            return Period(YEAR, S.year)
        return Period(YEAR, y)

    # -- sentences ------------------------------------------------------------------------
    def read(self) -> list[Fact]:
        for m in _SENTENCE.finditer(self.t):
            # bare 产值, 增加值 are above-size industry's from the sentence that names 规模以上
            # industry on, until one names all industry (工业总产值, 全部工业)
            if _ABOVE_SIZE.search(m.group(0)):
                self.above_size = True
            elif _ALL_INDUSTRY.search(m.group(0)):
                self.above_size = False
            if re.search(r"\d|[一二三四五六七八九十两]", m.group(0)):
                self._sentence(m.start(), m.end())
            else:
                self._periods_only(m.start(), m.end())
        self._tables()
        return self._dedup()

    def _tables(self) -> None:
        year = self.cal.context or self.cal.this_year
        for cell in read_tables(self.t, year, self.above_size):
            region = cell.region
            if region is None or region in self.regions.aliases or _SELF_WORD.fullmatch(region):
                region = self.regions.main
            self.facts.append(
                Fact(
                    region,
                    cell.period,
                    cell.indicator,
                    cell.key,
                    None,
                    cell.value,
                    cell.unit,
                    cell.base_unit,
                    yoy_pct=cell.yoy_pct,
                    start=cell.start,
                    end=cell.end,
                )
            )

    def _periods_only(self, s: int, e: int) -> None:
        for ph in find_period_phrases(self.t, s, e):
            if ph.kind not in ("month", "current_month", MULTI_YEAR) and not ph.compared:
                self.P = self._resolve(ph, self.P)
            return

    def _clause_start(self, s: int, pos: int) -> int:
        t = self.t
        i = pos
        depth = 0
        while i > s:
            ch = t[i - 1]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    break
                depth -= 1
            elif ch in CLAUSE_BREAK and depth == 0:
                break
            i -= 1
        return i

    def _subject(self, cs: int, e: int, phrases: dict[int, PeriodPhrase]) -> str | None:
        """The region a clause starting at `cs` is about, when its subject names one."""
        t = self.t
        pos = cs
        for _ in range(3):
            pos = _SUBJECT_LEAD.match(t, pos, e).end()
            ph = phrases.get(pos)
            if ph is None:
                break
            pos = ph.end
            if pos < e and t[pos] in ",:":
                pos += 1
        return self.regions.at(t, pos, e)

    def _sentence(self, s: int, e: int) -> None:
        t = self.t
        phrases = find_period_phrases(t, s, e)
        at = {p.start: p for p in phrases}
        events: list[tuple[int, int, str, object]] = []
        for ph in phrases:
            events.append((ph.start, 0, "period", ph))
        skip: list[tuple[int, int]] = []
        for c in _COMPLETION.finditer(t, s, e):
            events.append((c.end() - 1, 1, "completion", c))
            skip.append(c.span())
        rates = []  # growth rates: their numbers are no figures
        for g in GROWTH.finditer(t, s, e):
            events.append((g.start(), 1, "growth", g))
            skip.append(g.span())
            rates.append(g.span())
        for m in _TARGET.finditer(t, s, e):
            if not any(a <= m.start() < b for a, b in skip) and t[m.start() - 1 : m.start()] != "(":
                events.append((m.start(), 2, "target", m))
        for m in _RESET.finditer(t, s, e):
            events.append((m.start(), 2, "reset", m))
        for m in _ESTIMATE.finditer(t, s, e):
            events.append((m.start(), 2, "estimate", m))
        for m in re.finditer(r"[,;:]", t[s:e]):
            events.append((s + m.end(), -1, "clause", None))  # a subject may open the clause
        for q in find_quantities(t, s, e):
            if q.base_unit == "percent" or any(a <= q.num_start < b for a, b in rates):
                continue
            events.append((q.start, 3, "quantity", q))
        events.sort(key=lambda ev: (ev[0], ev[1]))

        S = self.P
        first_phrase = True
        target = estimate = False
        region = self.regions.main
        sub = self._subject(s, e, at)
        if sub:
            region = sub
        prev_end = s
        clause_seen = s
        sent_facts: list[Fact] = []
        last_read = True  # the last figure of the sentence became a fact
        growth_key: str | None = None  # the last growth-only fact's indicator and region
        growth_region: str | None = None
        group_scope: str | None = None
        first_group: str | None = None
        group_money: Quantity | None = None
        # the last count of projects: its money may follow in the next sentences
        last_count: Fact | None = self.last_count
        whole: Fact | None = None  # a portfolio counted whole, whose parts may follow
        years: PeriodPhrase | None = None
        above_size = self.above_size
        for pos, _, kind, obj in events:
            if pos < prev_end and kind in ("period", "target", "reset", "estimate"):
                continue
            if kind == "period" and any(a <= pos < b for a, b in skip):
                continue  # 完成全年任务的114%: no period of its own
            if kind == "clause":
                sub = self._subject(pos, e, at)
                if sub:
                    region = sub
                # 预计 covers the later items of its list that have no verb of their own
                if _OWN_VERB.match(t, pos):
                    estimate = False
                clause_seen = max(clause_seen, pos)
                continue
            cs = self._clause_start(s, pos)
            if cs > clause_seen:
                clause_seen = cs
                sub = self._subject(cs, e, at)
                if sub:
                    region = sub
                # 预计 covers the later items of its list that have no verb of their own
                if _OWN_VERB.match(t, cs):
                    estimate = False
            if kind == "period":
                ph: PeriodPhrase = obj  # type: ignore[assignment]
                if ph.compared:
                    continue
                new = self._resolve(ph, S)
                if ph.kind == "years":
                    years = ph
                if ph.kind in ("as_of", "keep", "until", "ytd_open"):
                    target = False
                # the sentence's first period phrase also holds for the sentences after it
                if first_phrase:
                    first_phrase = False
                    if ph.kind in ("month", "current_month"):
                        if ph.year or ph.rel is not None:
                            self.P = Period(YEAR, new.year)
                    elif ph.kind != MULTI_YEAR:
                        self.P = new
                S = new
                if ph.kind == "until":
                    self.until = new
                prev_end = max(prev_end, ph.end)
            elif kind == "target":
                target = True
            elif kind == "reset":
                target = False
            elif kind == "estimate":
                estimate = True
            elif kind == "growth":
                g = obj
                open_facts = sent_facts if last_read else []
                parallel = growth_key if region != growth_region else None
                for f in read_growth(
                    self.fig,
                    g,
                    cs,
                    s,
                    open_facts,
                    prev_end,
                    above_size,
                    parallel,  # type: ignore[arg-type]
                ):
                    if S.type == MULTI_YEAR:
                        break  # several years' growth: no period to give it
                    f.is_target = target  # `全年目标:地区生产总值增长6.5%`
                    f.region = region
                    f.period = sent_facts[-1].period if sent_facts else S
                    f.is_estimate = estimate
                    sent_facts.append(f)
                    growth_key, growth_region = f.key, region
                prev_end = max(prev_end, g.end())  # type: ignore[attr-defined]
            elif kind == "completion":
                m = obj
                v = m.group("a") or m.group("b")  # type: ignore[attr-defined]
                for f in reversed(sent_facts if last_read else []):
                    if f.target_completion_pct is None and f.value is not None and not f.is_target:
                        f.target_completion_pct = number(v)
                        f.end = max(f.end, m.end())  # type: ignore[attr-defined]
                        break
                prev_end = max(prev_end, m.end())  # type: ignore[attr-defined]
            else:
                q: Quantity = obj  # type: ignore[assignment]
                fact = self.fig.read(q, max(cs, prev_end), e, sent_facts, last_count, above_size)
                if fact is NOT_A_FIGURE:
                    # `总投资210亿元的75个…项目`: the total of the projects counted next
                    if t.startswith("的", q.end) and re.search(r"总投资$", t[cs : q.start]):
                        group_money = q
                    continue  # a threshold or modifier stays part of the phrase around it
                prev_end = max(prev_end, q.end)
                # a rate after a figure without an indicator (`引进优强企业8家,完成…的114%`)
                # is that figure's, not the one before it
                last_read = fact is not None
                if fact is None:
                    continue
                if S.type == MULTI_YEAR:
                    continue  # several years' total: no period to give it
                fact.region = region
                fact.period = S
                fact.until = self.until
                if fact.key == "key_projects_completed_investment" and first_group:
                    # money after a list of sub-groups is the whole group's
                    fact.scope = first_group
                if fact.scope is None and _SIZE_SCOPED.match(fact.key):
                    # `规模以上工业企业评价结果为A类11家、B类21家`: the class counts of the size
                    # class the sentence last named
                    fact.scope = last_size_scope(t[s : fact.start])
                fact.is_target = fact.is_target or target or fact.key in TARGET_KEYS
                fact.is_estimate = estimate
                if fact.key.endswith("projects_count"):
                    # `75个“两重一实”项目中,已开复工50个项目`: counts inside a group are of it
                    if fact.scope is None and group_scope:
                        fact.scope = group_scope
                    if _GROUP_OF.match(t, q.end):
                        group_scope = fact.scope
                        first_group = first_group or fact.scope
                    said = fact.extra.get("lead", "")[-4:] + fact.extra.get("phrase", "")
                    verb = re.search("|".join(STATUS_VERBS), said)
                    if verb is None and not re.search(r"开工|竣工|复工", said):
                        later = later_project_verb(t[fact.end : self.fig.sentence_end(fact.end)])
                        verb = later and later[1] in STATUS_VERBS
                    if fact.key == "started_projects_count" and verb:
                        fact.extra["status"] = True
                    if group_money is not None and fact.key == "key_projects_count":
                        sent_facts.append(self._group_money(group_money, fact))
                        group_money = None
                    parent = last_count
                    last_count = fact
                    if not fact.is_target and self._inherit_parent_count(fact, cs, parent):
                        # money after a 其中 subset is the whole's (`…111个,其中…24个,协议投资总额`)
                        last_count = parent
                    elif fact.key == "key_projects_count" and fact.scope is None:
                        whole = fact
                    elif (
                        whole is not None
                        and fact.key == "key_projects_count"
                        and re.search(r"其中|\(", t[whole.end : fact.start])
                    ):
                        # `共30项,其中:建设项目27项(省级6项…),前期项目3项。总投资…`: the money
                        # after the parts is the whole's
                        last_count = whole
                sent_facts.append(fact)
        # 的年度目标 after figures makes them targets (`新开20个、竣工12个的年度目标`)
        for f in sent_facts:
            after = t[f.end : self.fig.clause_end(f.end, e) + 1]
            tail = re.sub(r"^[^,;]*?(?=的?(?:年度|全年)?目标)", "", after)
            if _TARGET_AFTER.match(tail) and not f.is_target:
                f.is_target = True
        self.last_count = last_count
        if years is not None:
            self._series(sent_facts, years)
        for f in sent_facts:
            f.period = self._final_period(f, s)
        self.facts.extend(sent_facts)

    def _group_money(self, q: Quantity, count: Fact) -> Fact:
        ua, ub = self.c.original_span(q.unit_start, q.end)
        fact = Fact(
            count.region,
            count.period,
            self.fig.indicator_text(q.start - 3, q.start),
            "key_projects_total_investment",
            count.scope,
            q.value,
            self.original[ua:ub],
            q.base_unit,
            start=q.start - 3,
            end=count.end,
        )
        fact.until = count.until
        return fact

    def _inherit_parent_count(self, fact: Fact, cs: int, parent: Fact | None) -> bool:
        """`引进市外项目111个,其中引进5000万元以上项目24个`: a 其中 subset is of its parent's kind."""
        if parent is None or not self.t.startswith("其中", cs):
            return False
        if fact.key == parent.key:
            return True  # a part named by its qualifier (`其中超亿元项目5个`)
        verb = re.match(r"[\u4e00-\u9fff]{2}", fact.extra.get("phrase", ""))
        said = parent.extra.get("lead", "") + parent.extra.get("phrase", "")
        if verb and verb.group(0) in said:
            fact.key = parent.key
            return True
        return False

    def _series(self, facts: list[Fact], years: PeriodPhrase) -> None:
        """`2016年至2018年,分别完成…236.3亿元、314.5亿元、365亿元`: one value a year."""
        n = years.year2 - years.year + 1
        run: list[Fact] = []
        for f in [*facts, None]:
            if f is not None and run and f.key == run[-1].key and not f.is_target:
                run.append(f)
                continue
            if len(run) == n and re.search(
                _RESPECTIVELY, self.t[run[0].extra["ps"] - 12 : run[0].start + 8]
            ):
                for i, g in enumerate(run):
                    g.period = Period(YEAR, years.year + i)
            run = [f] if f is not None else []

    def _final_period(self, f: Fact, s: int) -> Period:
        p = f.period
        if f.is_target:
            if p.type in (MONTH, YEAR):
                return p
            return Period(YEAR, p.year)
        # a portfolio of key projects is the year's (`今年…截至5月底…;省重点项目3个,总投资55亿元`);
        # since the start of the year, with no end, it is the portfolio as it stands
        if f.key in PORTFOLIO_KEYS and p.type == YTD:
            return Period(YEAR, p.year)
        if (f.key in PORTFOLIO_KEYS and p.type == YTD_OPEN) or f.extra.get("status"):
            return self.cal.as_of_publication()
        if f.key in STOCK_KEYS and p.type != AS_OF:
            if p.type == YTD and f.until is not None and p == f.until:
                return Period(AS_OF, p.year, None, p.end_month)
            if p.type in (YTD, MONTH) and p.end_month:
                return Period(AS_OF, p.year, None, p.end_month)
            if p.type == YEAR and p.year and "年末" in self.t[s : f.start]:
                return Period(AS_OF, p.year, None, 12)
            return self.cal.as_of_publication()
        # 累计完成 after a 截至N月底 earlier in the paragraph is cumulative to that month
        cumulative = "累计" in f.indicator or "累计" in self.t[max(s, f.start - 4) : f.start]
        if cumulative and p.type == YEAR and f.until is not None and f.until.year == p.year:
            return f.until
        return p

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
