"""Plan arithmetic and lag rules for projects. Plain data in, plain data out; no ORM.

Rounding: amounts stay exact ``Decimal`` in 万元; a completion rate is a percentage rounded
half-up to two decimals (``mujun.core.money.percent``). Thresholds compare the exact ratio, so
79.99% is under 80% however it is later displayed.
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from mujun.core.chinese import amount
from mujun.core.chinese import completion_rate as rate_text
from mujun.core.money import percent

YELLOW, RED, NONE = "yellow", "red", "none"
_RANK = {NONE: 0, YELLOW: 1, RED: 2}

MILESTONE_LABELS = {
    "signed": "签约",
    "land_supplied": "供地",
    "started": "开工",
    "completed": "竣工",
    "producing": "投产",
}


@dataclass(frozen=True)
class LagRules:
    """The defaults of SPEC §3; an installation overrides them in settings.MUJUN_PROJECT_RULES."""

    yellow_days_late: int = 30
    red_days_late: int = 90
    yellow_plan_share: Decimal = Decimal("0.8")
    red_plan_share: Decimal = Decimal("0.5")
    sign_to_start_days: int = 90

    @classmethod
    def from_settings(cls, values: dict | None) -> "LagRules":
        values = dict(values or {})
        for key in ("yellow_plan_share", "red_plan_share"):
            if key in values:
                values[key] = Decimal(str(values[key]))
        return cls(**values)


@dataclass(frozen=True)
class Reason:
    level: str
    code: str
    text: str


@dataclass
class Alert:
    level: str = NONE
    reasons: list[Reason] = field(default_factory=list)

    def add(self, reason: Reason):
        self.reasons.append(reason)
        if _RANK[reason.level] > _RANK[self.level]:
            self.level = reason.level


@dataclass(frozen=True)
class ProjectFacts:
    """What the rules need to know of one project."""

    stage: str
    planned: dict[str, date | None]
    actual: dict[str, date | None]
    plan_this_year: Decimal | None
    completed_this_year: Decimal


def elapsed_months(as_of: date, year: int) -> int:
    """Months of ``year`` fully ended by ``as_of``: reports are filed for ended months, so the
    time-proportional share grows at each month's last day (31 May counts May, 30 May does not)."""
    if as_of.year < year:
        return 0
    if as_of.year > year:
        return 12
    ended = as_of.month - 1
    if as_of.day == monthrange(as_of.year, as_of.month)[1]:
        ended += 1
    return ended


def plan_share(plan: Decimal, months: int) -> Decimal:
    """序时进度: the part of the annual plan due after ``months`` months (plan × months ÷ 12)."""
    return Decimal(plan) * months / 12


def completion_rate(completed: Decimal, plan: Decimal | None) -> Decimal | None:
    """年计划完成率 in percent (two decimals, half-up); ``None`` without a positive plan."""
    if not plan:
        return None
    return percent(completed, plan)


def days_late(planned: date | None, actual: date | None, as_of: date) -> int:
    """Days a milestone is overdue as of ``as_of``: 0 when reached, not planned, or not yet due."""
    if planned is None or actual is not None:
        return 0
    return max(0, (as_of - planned).days)


def evaluate(facts: ProjectFacts, as_of: date, rules: LagRules = LagRules()) -> Alert:
    """The alert level and every reason in words. A terminated project raises none."""
    alert = Alert()
    if facts.stage == "terminated":
        return alert
    for key, label in MILESTONE_LABELS.items():
        late = days_late(facts.planned.get(key), facts.actual.get(key), as_of)
        if late > rules.red_days_late:
            level = RED
        elif late > rules.yellow_days_late:
            level = YELLOW
        else:
            continue
        planned = facts.planned[key]
        alert.add(
            Reason(
                level,
                f"late_{key}",
                f"计划{planned.year}年{planned.month}月{planned.day}日{label}，已逾期{late}天",
            )
        )
    signed, started = facts.actual.get("signed"), facts.actual.get("started")
    if signed is not None and started is None:
        waited = (as_of - signed).days
        if waited > rules.sign_to_start_days:
            alert.add(
                Reason(
                    RED,
                    "signed_not_started",
                    f"{signed.year}年{signed.month}月{signed.day}日签约，已{waited}天未开工"
                    f"（要求{rules.sign_to_start_days}天内开工）",
                )
            )
    months = elapsed_months(as_of, as_of.year)
    if facts.plan_this_year and months:
        due = plan_share(facts.plan_this_year, months)
        ratio = Decimal(facts.completed_this_year) / due
        level = (
            RED
            if ratio < rules.red_plan_share
            else YELLOW
            if ratio < rules.yellow_plan_share
            else NONE
        )
        if level != NONE:
            threshold = rules.red_plan_share if level == RED else rules.yellow_plan_share
            alert.add(
                Reason(
                    level,
                    "behind_plan",
                    f"今年完成投资{amount(facts.completed_this_year)}，仅为序时进度"
                    f"{amount(due)}（年计划{amount(facts.plan_this_year)}×{months}/12）的"
                    f"{percent(facts.completed_this_year, due, 1)}%，低于{threshold * 100:.0f}%",
                )
            )
    return alert


def summary_sentence(
    *,
    lead: str,
    tier: str,
    count: int,
    total_investment: Decimal,
    planned: Decimal,
    completed: Decimal,
    month: int,
) -> str:
    """The sentence of SPEC §3, e.g. “今年开工省大中型项目29个,总投资196.25亿元,年计划投资64.65亿元,
    截至5月底,累计完成投资41.43亿元,年计划完成率64%”. Punctuation follows the seeds."""
    rate_pct = completion_rate(completed, planned)
    parts = [
        f"{lead}{tier}项目{count}个",
        f"总投资{amount(total_investment)}",
        f"年计划投资{amount(planned)}",
        f"截至{month}月底",
        f"累计完成投资{amount(completed)}",
    ]
    if rate_pct is not None:
        parts.append(f"年计划完成率{rate_text(percent(completed, planned, 4))}")
    return ",".join(parts)
