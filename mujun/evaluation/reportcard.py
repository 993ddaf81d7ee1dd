"""An enterprise's report card (评价报告): its values against the benchmarks, each score, its
rank and class with the reason for any override, and what each indicator would need for the
next class. The same data feeds the page and ``GET /api/evaluation/runs/{id}/enterprises/{uscc}``.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from mujun.core.money import percent

from . import labels as words
from .choices import Department
from .columns import HEADERS, extra_columns
from .engine.exact import half_up
from .engine.loader import parse_scheme
from .models import EvaluationResult
from .rules import (
    Need,
    Position,
    Target,
    class_by_rank,
    needed,
    next_class_target,
    reason_words,
)


@dataclass
class IndicatorLine:
    key: str
    label: str
    unit_of: str  # "numerator ÷ denominator" in Chinese names with units
    numerator_label: str
    weight: Decimal
    value: Decimal | None
    benchmark: str
    score: Decimal | None
    percent_of_benchmark: Decimal | None
    need: Need | None = None
    # as the page shows them: to the scheme's precision, with units (``labels``)
    unit: str = ""
    shown: dict = field(default_factory=dict)


@dataclass
class Card:
    result: EvaluationResult
    group_label: str = ""
    graded_in_group: int = 0
    rank_class: str = ""
    overrides: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    inefficient_reasons: list[str] = field(default_factory=list)
    indicators: list[IndicatorLine] = field(default_factory=list)
    target: Target | None = None
    inputs: list[tuple[str, str, str]] = field(default_factory=list)  # label, value, department
    # the same cells as the page shows them: name, value with its unit, department
    shown_inputs: list[tuple[str, str, str]] = field(default_factory=list)
    decimals: int = 4


def _fraction(text) -> Fraction | None:
    return Fraction(Decimal(text)) if text not in (None, "") else None


def build(result: EvaluationResult) -> Card:
    """The card of ``result`` (its run loaded). A few queries: the cut-off total of the next
    class, and for min–max indicators the group's values."""
    run = result.run
    scheme = parse_scheme(run.scheme_text, run.scheme_name)
    card = Card(result, reasons=reason_words(result.reason))
    card.inefficient_reasons = reason_words(result.inefficient_reasons)
    departments = dict(Department.choices)
    extras = extra_columns([run_scheme(run)])
    labels = {**HEADERS, **{c: lab for c, (lab, _k) in extras.items()}}
    shown = [
        (column, value, str(departments.get(result.sources.get(column), "")))
        for column, value in result.inputs.items()
        if column not in ("uscc", "name", "region", "industry_code")
    ]
    card.inputs = [
        (
            labels.get(column, column),
            words.SIZES.get(value, value) if column == "size_class" else value,
            department,
        )
        for column, value, department in shown
    ]
    card.shown_inputs = [
        (words.name_and_unit(c, extras)[0], words.quantity(c, v, extras), d) for c, v, d in shown
    ]
    card.decimals = scheme.score_decimals
    group = next((g for g in scheme.groups if g.key == result.group), None)
    if group is None:
        return card
    card.group_label = group.label
    summary = next((s for s in run.summary if s["key"] == group.key), {})
    card.graded_in_group = summary.get("graded", 0)
    benchmarks = {b["key"]: b["benchmark"] for b in summary.get("benchmarks", [])}
    decimals = scheme.score_decimals
    graded = result.status == "graded" and result.total is not None

    if graded:
        total_units = half_up(result.total, decimals)
        method = group.classes.method
        card.rank_class = class_by_rank(
            result.rank,
            card.graded_in_group,
            method,
            group.classes.shares,
            group.classes.thresholds,
            total_units,
            decimals,
        )
        card.overrides = [w for w in card.reasons if w.startswith(("否决事项", "保护事项"))]
        vetoed = any(w.startswith("否决事项") for w in card.reasons)
        card.target = next_class_target(
            klass=result.klass,
            vetoed=vetoed,
            veto_class=group.veto_class,
            method=method,
            shares=group.classes.shares,
            thresholds=group.classes.thresholds,
            count=card.graded_in_group,
            total_at_rank=lambda r: _total_units_at(run, group.key, r, decimals),
            decimals=decimals,
        )

    ranges = (
        _minmax_ranges(run, group) if any(i.method == "minmax" for i in group.indicators) else {}
    )
    subtotal = sum(
        half_up(Decimal(result.scores.get(i.key, "0")), decimals) for i in group.indicators
    )
    for ind in group.indicators:
        value = result.values.get(ind.key)
        score = result.scores.get(ind.key)
        bench = benchmarks.get(ind.key, "")
        line = IndicatorLine(
            key=ind.key,
            label=ind.label,
            unit_of=words.formula(ind, extras),
            numerator_label=words.name_and_unit(ind.numerator, extras)[0],
            unit=words.unit_of(ind, extras),
            weight=ind.weight,
            value=Decimal(value) if value else None,
            benchmark=bench,
            score=Decimal(score) if score else None,
            percent_of_benchmark=(
                percent(Decimal(value), Decimal(bench), 1)
                if value and bench and Decimal(bench) > 0
                else None
            ),
        )
        if graded and card.target and card.target.units is not None:
            low, high = ranges.get(ind.key, (None, None))
            position = Position(
                key=ind.key,
                method=ind.method,
                weight=ind.weight,
                score_units=half_up(Decimal(score or "0"), decimals),
                value=_fraction(value),
                benchmark=_fraction(bench),
                low=low,
                high=high,
                cap=ind.cap,
                numerator=_fraction(result.inputs.get(ind.numerator)),
                denominator=_fraction(result.inputs.get(ind.denominator)),
                factor=ind.factor,
            )
            if ind.method == "minmax" and low is None:
                line.need = Need(ind.key, False, reason="本组无此项数据")
            else:
                line.need = needed(
                    position,
                    subtotal_units=subtotal,
                    total_units=half_up(result.total, decimals),
                    target_units=card.target.units,
                    bonus_units=half_up(result.bonus or 0, decimals),
                    correction=Fraction(group.correction),
                    decimals=decimals,
                )
        line.shown = _shown(line, ind, decimals, extras)
        card.indicators.append(line)
    return card


def _shown(line: IndicatorLine, ind, decimals: int, extras) -> dict:
    """The line's figures as the page writes them (EVALUATION.md §3 ``score_decimals``)."""
    need = line.need
    increase = need.numerator_increase if need and need.reachable else None
    numerator_unit = words.name_and_unit(ind.numerator, extras)[1]
    if increase is None:
        increase_text = ""
    elif numerator_unit == words.MONEY:
        increase_text = words.amount_up(increase)
    else:
        increase_text = words.figure(increase, numerator_unit, decimals, up=True)
    return {
        "value": words.figure(line.value, line.unit, decimals),
        "benchmark": words.benchmark(
            line.benchmark, line.unit, decimals, given=isinstance(ind.benchmark, Decimal)
        ),
        "share": words.share_of_benchmark(line.value, line.benchmark, decimals),
        "weight": words.plain(line.weight),
        "score": words.score(line.score, decimals) if line.score is not None else "—",
        "need": words.figure(need.value, line.unit, decimals, up=True)
        if need and need.reachable
        else "",
        "increase": increase_text,
    }


def run_scheme(run):
    """The run's own scheme text in the shape ``extra_columns`` reads."""
    return type("RunScheme", (), {"text": run.scheme_text, "name": run.scheme_name})


def _total_units_at(run, group: str, rank: int, decimals: int) -> int:
    total = (
        EvaluationResult.objects.filter(run=run, group=group, rank=rank)
        .values_list("total", flat=True)
        .first()
    )
    return half_up(total or 0, decimals)


def _minmax_ranges(run, group) -> dict:
    """Lowest and highest value of each min–max indicator among the group's graded rows."""
    keys = [i.key for i in group.indicators if i.method == "minmax"]
    found: dict[str, list[Fraction]] = {k: [] for k in keys}
    rows = EvaluationResult.objects.filter(run=run, group=group.key, status="graded")
    for values in rows.values_list("values", flat=True):
        for key in keys:
            if values.get(key):
                found[key].append(Fraction(Decimal(values[key])))
    return {k: (min(v), max(v)) for k, v in found.items() if v}
