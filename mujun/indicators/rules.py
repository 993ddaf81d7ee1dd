"""The rules behind every derived indicator figure, without the database.

Values are year-to-date cumulative figures (累计值) stored in the 万 unit of their family
(万元, 万美元, 万千瓦时) with four decimals, or plain counts. Every derived figure comes back as
a ``Figure``: the number, the rule that produced it in words, and, when there is no number,
the reason — never an exception or an infinity. Rounding is half-up (money.quantize) and is
written down in docs/indicators.md:

- amounts: 4 decimals in the stored unit;
- YoY growth (同比): 1 decimal, as statistics bureaus publish it;
- target completion, time progress and share of the parent: 2 decimals.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from mujun.core.money import percent, quantize

YOY_PLACES = 1
RATE_PLACES = 2

_WAN = Decimal(10000)
_SCALE = {"": Decimal("0.0001"), "万": Decimal(1), "亿": _WAN}


@dataclass(frozen=True)
class Figure:
    """A derived number with its rule; ``value`` is None when it cannot be had, and
    ``reason`` says why."""

    value: Decimal | None
    rule: str
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.value is not None


def _family(base_unit: str) -> str | None:
    """万元 → 元: the family a 万 unit belongs to, or None for a count."""
    return base_unit[1:] if base_unit.startswith("万") and len(base_unit) > 1 else None


def input_units(base_unit: str) -> list[str]:
    """Units a value of this indicator may be entered in (元/万元/亿元 for 万元)."""
    family = _family(base_unit)
    if family is None:
        return [base_unit]
    return [family, f"万{family}", f"亿{family}"]


def _factor(unit: str, base_unit: str) -> Decimal:
    family = _family(base_unit)
    if family is None:
        if unit != base_unit:
            raise ValueError(
                _("单位“%(u)s”不适用于此指标（应为 %(ok)s）") % {"u": unit, "ok": base_unit}
            )
        return Decimal(1)
    prefix = unit[: -len(family)] if unit.endswith(family) else None
    if prefix not in _SCALE:
        raise ValueError(
            _("单位“%(u)s”不适用于此指标（应为 %(ok)s）")
            % {"u": unit, "ok": "、".join(input_units(base_unit))}
        )
    return _SCALE[prefix]


def to_base(value: Decimal, unit: str, base_unit: str) -> Decimal:
    """An amount written in ``unit`` (元, 亿元, 美元 …) in the stored unit ``base_unit``, rounded
    half-up to 4 places. A unit of another family is an error, never a guess."""
    return quantize(Decimal(value) * _factor(unit, base_unit))


def from_base(value: Decimal, base_unit: str, unit: str) -> Decimal:
    """The stored amount expressed in ``unit``: exact (Decimal division by a power of ten)."""
    return Decimal(value) / _factor(unit, base_unit)


# -- figures of one region and period ------------------------------------------------------


def monthly_value(
    cumulative: Decimal, previous: Decimal | None, month: int, *, is_cumulative: bool = True
) -> Figure:
    """当月值 = this month's cumulative minus last month's; January is its own cumulative."""
    if not is_cumulative:
        return Figure(None, _("时点指标"), _("该指标按时点报送，没有当月值"))
    if month == 1:
        return Figure(cumulative, _("1月累计值即当月值"))
    rule = _("本月累计值 − 上月累计值")
    if previous is None:
        return Figure(None, rule, _("缺少%(m)s月的累计值") % {"m": month - 1})
    return Figure(cumulative - previous, rule)


def computed_yoy(current: Decimal, base: Decimal | None) -> Figure:
    """(current − same period last year) ÷ same period last year × 100, 1 decimal half-up."""
    rule = _("（本期累计 − 上年同期累计）÷ 上年同期累计 × 100%")
    if base is None:
        return Figure(None, rule, _("缺少上年同期数据"))
    if base == 0:
        return Figure(None, rule, _("上年同期为零，增速无意义"))
    if base < 0:
        return Figure(None, rule, _("上年同期为负数，增速无意义"))
    return Figure(percent(current - base, base, YOY_PLACES), rule)


@dataclass(frozen=True)
class Growth:
    """The YoY the platform shows (``effective``) and its two candidates."""

    effective: Figure
    computed: Figure
    reported: Decimal | None


def yoy(
    current: Decimal, base: Decimal | None, *, price_basis: str, reported: Decimal | None
) -> Growth:
    """同比. A reported figure always wins: statistics bureaus publish growth on a like-for-like
    basis (同口径, the same set of enterprises) that raw values cannot reproduce. Without one,
    a current-price indicator's growth is computed; a comparable-price indicator's never is."""
    if price_basis == "comparable":
        computed = Figure(
            None,
            _("可比价指标"),
            _("可比价指标的增速只能采用统计部门公布的数字，不能由现价数值计算"),
        )
    else:
        computed = computed_yoy(current, base)
    if reported is not None:
        effective = Figure(reported, _("采用公布的同比增速"))
    elif computed.ok:
        effective = Figure(computed.value, computed.rule)
    else:
        effective = computed
    return Growth(effective, computed, reported)


@dataclass(frozen=True)
class Completion:
    completion: Figure
    time_progress: Decimal
    # 落后序时进度: completed share of the year's target below the share of the year gone
    behind: bool


def target_completion(
    value: Decimal, target: Decimal | None, month: int, *, is_cumulative: bool = True
) -> Completion:
    """完成率 = cumulative ÷ annual target × 100; 序时进度 = month ÷ 12 × 100 (2 decimals)."""
    progress = percent(Decimal(month), Decimal(12), RATE_PLACES) if is_cumulative else None
    progress = progress if progress is not None else Decimal(100)
    rule = _("累计值 ÷ 年度目标 × 100%")
    if target is None:
        return Completion(Figure(None, rule, _("未设年度目标")), progress, False)
    if target <= 0:
        return Completion(Figure(None, rule, _("年度目标不是正数")), progress, False)
    done = percent(value, target, RATE_PLACES)
    return Completion(Figure(done, rule), progress, done < progress)


def share_of_parent(value: Decimal, parent: Decimal | None, *, additive: bool) -> Figure:
    """占上级比重 = the region's value ÷ its parent's × 100 (2 decimals)."""
    rule = _("本地区值 ÷ 上级地区值 × 100%")
    if not additive:
        return Figure(None, rule, _("该指标不能跨地区加总，不计算占比"))
    if parent is None:
        return Figure(None, rule, _("上级地区本期无数据，或不在您的查看范围内"))
    if parent <= 0:
        return Figure(None, rule, _("上级地区本期值不是正数"))
    return Figure(percent(value, parent, RATE_PLACES), rule)


@dataclass(frozen=True)
class ChildrenSum:
    total: Figure
    # reported parent figure − sum of the children; None when there is nothing to compare
    difference: Decimal | None

    @property
    def mismatch(self) -> bool:
        return bool(self.difference)


def children_sum(
    reported: Decimal | None, children: list[Decimal], child_count: int, *, additive: bool
) -> ChildrenSum:
    """下级合计: the sum of the children's values when the indicator adds up and every child
    has reported; a reported parent figure that differs is flagged with the difference."""
    rule = _("各下级地区累计值之和")
    if not additive:
        return ChildrenSum(Figure(None, rule, _("该指标不能跨地区加总")), None)
    if child_count == 0:
        return ChildrenSum(Figure(None, rule, _("没有下级地区")), None)
    if len(children) < child_count:
        reason = _("%(n)s 个下级地区中有 %(m)s 个本期未报") % {
            "n": child_count,
            "m": child_count - len(children),
        }
        return ChildrenSum(Figure(None, rule, reason), None)
    total = sum(children, start=Decimal(0))
    difference = None if reported is None else reported - total
    return ChildrenSum(Figure(total, rule), difference)


# -- ranks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rank:
    position: int
    of: int
    tied: bool

    def __str__(self):
        return f"{self.position}/{self.of}" + ("=" if self.tied else "")


def ranks(values: dict, *, descending: bool = True) -> dict:
    """Competition ranking (1, 1, 3): equal values share a position and the next is skipped.
    Keys with no value are left out and do not count."""
    known = {k: v for k, v in values.items() if v is not None}
    ordered = sorted(known.values(), reverse=descending)
    out = {}
    for key, value in known.items():
        position = ordered.index(value) + 1
        out[key] = Rank(position, len(known), ordered.count(value) > 1)
    return out


def rank_figure(rank: Rank | None, what: str) -> Figure:
    """A rank among siblings as a Figure: meaningless with fewer than two to compare."""
    rule = _("在同级地区中按%(w)s从高到低排名") % {"w": what}
    if rank is None:
        return Figure(None, rule, _("本地区本项无数据"))
    if rank.of < 2:
        return Figure(None, rule, _("可比较的同级地区不足两个"))
    return Figure(Decimal(rank.position), rule)
