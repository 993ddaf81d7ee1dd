"""The platform's evaluation rules as plain functions (no ORM): when a run may be published,
the reasons in words, and what an enterprise would need to reach the next class."""

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

from .engine.classify import class_by_shares
from .engine.exact import half_up
from .engine.scheme import CLASSES

# -- publication ------------------------------------------------------------------------------


def publicity_problem(start: date | None, end: date | None) -> str | None:
    """Why a publicity period cannot be used, or ``None``."""
    if start is None or end is None:
        return "请填写公示开始和截止日期"
    if end < start:
        return "公示截止日期不能早于开始日期"
    return None


def publish_problem(
    *, status: str, publicity_end: date | None, today: date, open_objections: int
) -> str | None:
    """Why a run cannot be published today, or ``None``.

    Results are published after their publicity (EVALUATION.md §1: publicity of 3–7 days,
    objections, re-computation, approval, publication): the period must be over, i.e. today
    is after its last day, and every objection must have been answered.
    """
    if status != "publicity":
        return "只有公示中的版本可以发布"
    if publicity_end is None or today <= publicity_end:
        end = f"{publicity_end:%Y年%m月%d日}" if publicity_end else "—"
        return f"公示期至 {end} 结束，结束后方可发布"
    if open_objections:
        return f"尚有 {open_objections} 件异议未处理"
    return None


# -- reasons in words ---------------------------------------------------------------------------

_REASONS = [
    (re.compile(r"^no group$"), "不属于方案中的任何评价组"),
    (re.compile(r"^land missing$"), "缺少用地面积"),
    (re.compile(r"^land_mu < (.+)$"), r"用地面积小于 \1 亩"),
    (re.compile(r"^exempt: (.+)$"), r"不参评：\1"),
    (re.compile(r"^veto: (.+)$"), r"否决事项：\1"),
    (re.compile(r"^protect: (.+)$"), r"保护事项：\1"),
    (re.compile(r"^tax_per_mu < (.+)$"), r"亩均税收低于 \1 万元/亩"),
    (re.compile(r"^land_mu >= (.+)$"), r"用地面积 \1 亩及以上"),
    (re.compile(r"^class (.)$"), r"评为 \1 类"),
]


def reason_words(reasons: str) -> list[str]:
    """The engine's reasons (``"veto: 发生安全生产事故; land_mu < 3"``) in Chinese words."""
    words = []
    for part in (p.strip() for p in (reasons or "").split("; ")):
        if not part:
            continue
        for pattern, replacement in _REASONS:
            if pattern.match(part):
                words.append(pattern.sub(replacement, part))
                break
        else:
            words.append(part)
    return words


# -- the class an enterprise's rank gives, before overrides -------------------------------------


def class_by_rank(rank: int, count: int, method: str, shares, thresholds, total_units, decimals):
    """The class the score alone gives (EVALUATION.md §4 step 7), before vetoes and protection."""
    if method == "thresholds":
        for letter, low in thresholds:
            if total_units >= _units_ceiling(low, decimals):
                return letter
        return "D"
    return CLASSES[int(class_by_shares(count, shares)[rank - 1])]


def _units_ceiling(value: Decimal, decimals: int) -> int:
    return int(Decimal(value).scaleb(decimals).to_integral_value(ROUND_CEILING))


@dataclass(frozen=True)
class Target:
    """The next class and the least total (in units of the last score decimal) that reaches it;
    ``units`` is None with ``reason`` when no score can reach it."""

    letter: str | None
    units: int | None
    reason: str = ""


def next_class_target(
    *,
    klass: str,
    vetoed: bool,
    veto_class: str | None,
    method: str,
    shares=(),
    thresholds=(),
    count: int = 0,
    total_at_rank=None,
    decimals: int = 4,
) -> Target:
    """What total lifts an enterprise of class ``klass`` one class up, all else equal.

    By shares the classes are places: to enter the next class an enterprise must pass the one
    that holds the last place of it, so the target is one unit above that enterprise's total
    (``total_at_rank(r)`` gives it in units); equal totals would go to the tie-break. By
    thresholds the target is the class's threshold. A vetoed enterprise cannot rise above its
    ``veto_class`` whatever its score (§4 step 8).
    """
    if klass not in CLASSES or klass == "A":
        return Target(None, None, "已是最高类别" if klass == "A" else "不参与分类")
    letter = CLASSES[CLASSES.index(klass) - 1]
    if vetoed and veto_class and CLASSES.index(letter) < CLASSES.index(veto_class):
        return Target(letter, None, f"因否决事项，最高只能评为 {veto_class} 类")
    if method == "thresholds":
        limits = dict(thresholds)
        if letter not in limits:
            return Target(letter, None, f"方案未设 {letter} 类分数线")
        return Target(letter, _units_ceiling(limits[letter], decimals))
    slots = class_by_shares(count, shares) if count else []
    places = [r for r, c in enumerate(slots, start=1) if c <= CLASSES.index(letter)]
    if not places:
        return Target(letter, None, f"本组参评企业数下 {letter} 类名额为 0")
    return Target(letter, total_at_rank(places[-1]) + 1)


# -- what each indicator would need -------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """One indicator of one enterprise: its definition, value and score as computed."""

    key: str
    method: str  # "ratio" or "minmax"
    weight: Decimal
    score_units: int
    value: Fraction | None
    benchmark: Fraction | None = None  # ratio
    low: Fraction | None = None  # minmax: the group's lowest and highest value
    high: Fraction | None = None
    cap: Decimal | None = None
    numerator: Fraction | None = None
    denominator: Fraction | None = None
    factor: Decimal = Decimal(1)


@dataclass(frozen=True)
class Need:
    key: str
    reachable: bool
    value: Decimal | None = None  # the least value that reaches the target, 6 places up
    numerator_increase: Decimal | None = None  # more numerator at the same denominator
    reason: str = ""


def needed_score_units(
    *, other_units: int, target_units: int, bonus_units: int, correction: Fraction
) -> int:
    """The least score units of one indicator for which
    half_up((other + s) × correction) + bonus ≥ target (EVALUATION.md §4 step 5)."""
    goal = target_units - bonus_units
    s = math.ceil((Fraction(goal) - Fraction(1, 2)) / correction) - other_units
    # Half-up rounds ties away from zero, so below zero the bound is strict: step up to it.
    while half_up((other_units + s) * correction) < goal:
        s += 1
    while half_up((other_units + s - 1) * correction) >= goal:
        s -= 1
    return s


def score_units(p: Position, value: Fraction, decimals: int) -> int:
    """The indicator's score of ``value`` for this enterprise, all else equal (§4 step 4)."""
    weight = Fraction(p.weight)
    if p.method == "minmax":
        low, high = p.low, max(p.high, value)
        if value < low:
            low = value
        raw = weight if high == low else weight * (20 + 80 * (value - low) / (high - low)) / 100
    else:
        raw = value / p.benchmark * weight
    if p.cap is not None:
        raw = min(raw, Fraction(p.cap) * weight)
    return half_up(raw, decimals)


def needed(
    p: Position,
    *,
    subtotal_units: int,
    total_units: int,
    target_units: int,
    bonus_units: int,
    correction: Fraction,
    decimals: int,
) -> Need:
    """The least value of indicator ``p`` that lifts the total to ``target_units`` with every
    other figure unchanged, and how much more numerator that means at the same denominator.

    ``subtotal_units`` is Σ of the enterprise's indicator scores (before the correction);
    ``total_units`` its total. A value at or past a cap cannot help (``reachable`` False)."""
    if total_units >= target_units:
        return Need(p.key, True, _up(p.value) if p.value is not None else None, Decimal(0))
    other = subtotal_units - p.score_units
    s = needed_score_units(
        other_units=other,
        target_units=target_units,
        bonus_units=bonus_units,
        correction=correction,
    )
    weight = Fraction(p.weight)
    if weight <= 0:
        return Need(p.key, False, reason="权重为 0，提高此项不影响得分")
    ceiling = half_up(weight * (Fraction(p.cap) if p.cap is not None else 1), decimals)
    if (p.method == "minmax" or p.cap is not None) and s > ceiling:
        return Need(p.key, False, reason="此项已不能单独达到")
    boundary = Fraction(2 * s - 1, 2 * 10**decimals)  # the score that rounds up to s
    if p.method == "minmax":
        if p.high == p.low:
            value = p.high
        else:
            value = p.low + (boundary * 100 / weight - 20) * (p.high - p.low) / 80
    else:
        if p.benchmark is None or p.benchmark <= 0:
            return Need(p.key, False, reason="无有效基准值")
        value = boundary * p.benchmark / weight
    shown = _up(value)
    # Rounding the value up to 6 places can only raise the score; the loop is a guard for the
    # strict bound of negative scores, where one more step is needed.
    for _ in range(3):
        if score_units(p, Fraction(shown), decimals) >= s:
            break
        shown += Decimal("0.000001")
    else:
        return Need(p.key, False, reason="无法计算")
    increase = None
    if p.numerator is not None and p.denominator:
        more = Fraction(shown) * p.denominator / Fraction(p.factor) - p.numerator
        increase = _up(max(more, Fraction(0)), 4)
    return Need(p.key, True, shown, increase)


def _up(value: Fraction, places: int = 6) -> Decimal:
    """``value`` rounded up (toward +∞) to ``places`` decimals: enough, never short."""
    scaled = value * 10**places
    return Decimal(math.ceil(scaled)).scaleb(-places)


# -- the year's data, as a department's file writes it -----------------------------------------


def written_year(
    stored: dict,
    *,
    values: dict,
    extra: dict[str, str],
    department: str,
    registry_size: str,
) -> dict:
    """The yearly data of one enterprise (its §2 fields, ``extra`` and ``sources``) once a
    department's cells are written over ``stored`` (a new row's defaults where none is
    stored). Only the columns given change: ``values`` the §2 ones as cleaned, ``extra`` the
    scheme-named ones as the engine's cell text ("" when empty). A value written records
    ``department`` as its source, an emptied one forgets its source. An empty 规模 keeps a
    stored size class; a row without one takes the registry's (``registry_size``)."""
    fields = {name: value for name, value in stored.items() if name not in ("extra", "sources")}
    extras, sources = dict(stored["extra"] or {}), dict(stored["sources"] or {})
    for column, value in values.items():
        if column == "size_class" and not value:
            continue
        fields[column] = value
        if value is None:
            sources.pop(column, None)
        else:
            sources[column] = department
    for column, text in extra.items():
        if text:
            extras[column] = text
            sources[column] = department
        else:
            extras.pop(column, None)
            sources.pop(column, None)
    if not fields.get("size_class"):
        fields["size_class"] = registry_size
    return {**fields, "extra": extras, "sources": sources}
