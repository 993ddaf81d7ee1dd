"""Growth rates: which figure or indicator a 同比增长 …% belongs to (gold README: growth attaches
to the nearest indicator before it; 百分点 changes and growth against a plan or a base year are
not YoY)."""

from __future__ import annotations

import re

from .figures import Fact, FigureReader, number
from .lexicon import Term, match_term
from .periods import YEAR, Period

_PCT = r"-?\d+(?:\.\d+)?%"
GROWTH = re.compile(
    r"(?P<neg>下降|减少|回落|负增长|降低)了?(?P<n>\d+(?:\.\d+)?)%"
    r"|(?:增长|增加|提高|上升|比增|增幅|增速|增)(?:为|达到|达|了)?"
    rf"(?:(?P<p>{_PCT}(?:(?:和|、|及){_PCT})*)|(?P<times>\d+(?:\.\d+)?)倍)"
)
# growth against something other than the same period last year is not YoY (gold README)
_NOT_YOY = re.compile(
    r"年均|平均|两年|三年|比\d{4}年|较\d{4}年|比计划|较计划|快|慢|高于|低于|较\d+-?\d*月"
    r"|比一季度|较一季度|比上月|较上月|环比"
)


def growth_values(g: re.Match[str]) -> list[int | float]:
    """YoY percentages of a growth phrase: 下降 negative, `增长1.1倍` = 110, lists in order."""
    if g.group("neg"):
        return [-number(g.group("n"))]
    if g.group("times"):
        v = round(float(g.group("times")) * 100, 6)
        return [int(v) if v.is_integer() else v]
    return [number(x) for x in re.findall(r"-?\d+(?:\.\d+)?", g.group("p"))]


def _growth_fact(fr: FigureReader, term: Term, key: str, yoy, g: re.Match[str]) -> Fact:
    scope = term.scope
    # `规上工业总产值(不含军工)`: a bracketed 不含/含 after the term narrows it
    note = re.match(r"\(((?:不含|含)[^()]{1,8})\)", fr.t[term.end : term.end + 12])
    if note and scope is None:
        scope = note.group(1)
    return Fact(
        None,
        Period(YEAR),
        fr.indicator_text(term.start, term.end),
        key,
        scope,
        None,
        None,
        None,
        yoy_pct=yoy,
        start=term.start,
        end=g.end(),
    )


def _any_term(t: str, a: int, b: int) -> Term | None:
    term = match_term(t, a, b, "yuan")
    for base in ("count", "kwh", "usd", "m2"):
        term = term or match_term(t, a, b, base)
    return term


def read_growth(
    fr: FigureReader,
    g: re.Match[str],
    cs: int,
    s: int,
    sent_facts: list[Fact],
    prev_end: int,
    above_size: bool,
    parallel_key: str | None = None,
) -> list[Fact]:
    """Attach a growth rate to the figure before it, or make growth-only facts.

    - an indicator named between the last figure and the growth has no figure of its own
      (`规上工业总产值同比下降11.2%`): a fact with the growth only;
    - `A、B、C同比分别增长x%、y%、z%`: one fact per named indicator, in order;
    - `区本级产值全区占比63.5%,同比增长3.9%`: the indicator of the share before it;
    - `经开区占比22.7%,同比增长92.8%` after a sub-region's growth: that indicator again
      (`parallel_key`).
    """
    t = fr.t
    if _NOT_YOY.search(t, max(cs, g.start() - 8), g.start()):
        return []
    values = growth_values(g)
    lo = max(prev_end, cs)
    if len(values) > 1:
        lead = re.sub(r"(?:同比)?(?:分别)?(?:为|是)?$", "", t[lo : g.start()])
        names = re.split(r"、|和|及", lead)
        if len(names) == len(values):
            out, pos = [], lo
            for name, v in zip(names, values, strict=True):
                term = _any_term(t, pos, pos + len(name))
                pos += len(name) + 1
                key = term and fr._key_of(term, above_size, "")
                if key:
                    out.append(_growth_fact(fr, term, key, v, g))
            if out:
                return out
    term = _any_term(t, lo, g.start())
    if term is not None:
        key = fr._key_of(term, above_size, t[lo : term.start])
        return [_growth_fact(fr, term, key, values[0], g)] if key else []
    open_facts = [
        f for f in sent_facts if f.yoy_pct is None and f.value is not None and not f.is_target
    ]
    if open_facts:
        targets = open_facts[-len(values) :]
        for f, v in zip(targets, values[-len(targets) :], strict=False):
            f.yoy_pct = v
            f.end = max(f.end, g.end())
        return []
    lo = max(prev_end, s)
    term = _any_term(t, lo, g.start())
    if term is not None and not re.search(r"\d+(?:\.\d+)?[万亿元个家]", t[term.end : g.start()]):
        key = fr._key_of(term, above_size, t[lo : term.start])
        return [_growth_fact(fr, term, key, values[0], g)] if key else []
    if parallel_key:
        f = Fact(None, Period(YEAR), "", parallel_key, None, None, None, None, yoy_pct=values[0])
        f.start, f.end = cs, g.end()
        return [f]
    return []
