"""The platform's plain rules: publication, reasons in words, and the report card's
"needed to reach the next class" arithmetic at its edges."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from mujun.evaluation.rules import (
    Position,
    needed,
    needed_score_units,
    next_class_target,
    publish_problem,
    reason_words,
    score_units,
)

D4 = 4


def ratio(score_units_now, value, *, weight="30", benchmark="24.097", cap=None, num=None, den=None):
    return Position(
        key="tax_per_mu",
        method="ratio",
        weight=Decimal(weight),
        score_units=score_units_now,
        value=Fraction(Decimal(value)),
        benchmark=Fraction(Decimal(benchmark)),
        cap=Decimal(cap) if cap else None,
        numerator=Fraction(Decimal(num)) if num else None,
        denominator=Fraction(Decimal(den)) if den else None,
    )


def test_publish_only_after_the_publicity_period():
    end = date(2023, 9, 30)
    kwargs = {"status": "publicity", "publicity_end": end, "open_objections": 0}
    assert "结束后方可发布" in publish_problem(today=end, **kwargs)
    assert publish_problem(today=date(2023, 10, 1), **kwargs) is None


def test_publish_refused_with_open_objections_or_wrong_status():
    later = date(2023, 10, 1)
    assert "1 件异议" in publish_problem(
        status="publicity", publicity_end=date(2023, 9, 30), today=later, open_objections=1
    )
    assert "公示中" in publish_problem(
        status="draft", publicity_end=None, today=later, open_objections=0
    )


def test_reasons_in_words():
    assert reason_words("veto: 发生安全生产事故; land_mu < 3") == [
        "否决事项：发生安全生产事故",
        "用地面积小于 3 亩",
    ]
    assert reason_words("tax_per_mu < 6; class D") == ["亩均税收低于 6 万元/亩", "评为 D 类"]
    assert reason_words("") == []


def test_needed_score_units_is_the_least_that_reaches_the_target():
    # other indicators 60.0000, target 80.0000, no correction: 20.0000 is needed, not less
    s = needed_score_units(
        other_units=600000, target_units=800000, bonus_units=0, correction=Fraction(1)
    )
    assert s == 200000
    # with a correction of 1.1 the rounded corrected sum must reach the target
    c = Fraction(11, 10)
    s = needed_score_units(other_units=600000, target_units=800000, bonus_units=0, correction=c)
    assert round((600000 + s) * c) >= 800000 > round((600000 + s - 1) * c)


def test_needed_value_lands_exactly_on_the_half_up_boundary():
    # Huangyan 亩均税收: score = v ÷ 24.097 × 30. Need 1.0000 more on this indicator alone.
    p = ratio(300000, "24.097", num="2409.7", den="100")
    need = needed(
        p,
        subtotal_units=900000,
        total_units=900000,
        target_units=910000,
        bonus_units=0,
        correction=Fraction(1),
        decimals=D4,
    )
    assert need.reachable
    # The least value whose score rounds half-up to 31.0000 (30.99995 or more).
    assert score_units(p, Fraction(need.value), D4) == 310000
    assert score_units(p, Fraction(need.value) - Fraction(1, 10**6), D4) < 310000
    # the tax needed at the same land: value × 100 亩 − 2409.7
    assert need.numerator_increase == (need.value * 100 - Decimal("2409.7")).quantize(
        Decimal("0.0001")
    )


def test_already_at_the_target_needs_nothing_more():
    p = ratio(300000, "24.097")
    need = needed(
        p,
        subtotal_units=900000,
        total_units=900000,
        target_units=900000,
        bonus_units=0,
        correction=Fraction(1),
        decimals=D4,
    )
    assert need.reachable and need.numerator_increase == 0


def test_a_cap_makes_the_target_unreachable_by_that_indicator():
    p = ratio(600000, "48.194", cap="2")  # already at 2 × weight
    need = needed(
        p,
        subtotal_units=900000,
        total_units=900000,
        target_units=900001,
        bonus_units=0,
        correction=Fraction(1),
        decimals=D4,
    )
    assert not need.reachable and "不能单独达到" in need.reason


def test_minmax_cannot_go_beyond_the_full_weight():
    p = Position(
        key="x",
        method="minmax",
        weight=Decimal(40),
        score_units=160000,
        value=Fraction(20),
        low=Fraction(10),
        high=Fraction(50),
    )
    reach = needed(
        p,
        subtotal_units=160000,
        total_units=160000,
        target_units=400000,
        bonus_units=0,
        correction=Fraction(1),
        decimals=D4,
    )
    # 40.0000 points once the score reaches 39.99995, just below the top of the range
    assert reach.reachable and Decimal("49.9999") < reach.value < 50
    assert score_units(p, Fraction(reach.value), D4) == 400000
    beyond = needed(
        p,
        subtotal_units=160000,
        total_units=160000,
        target_units=400001,
        bonus_units=0,
        correction=Fraction(1),
        decimals=D4,
    )
    assert not beyond.reachable


def test_zero_weight_cannot_help():
    p = ratio(0, "1", weight="0")
    need = needed(
        p,
        subtotal_units=0,
        total_units=0,
        target_units=1,
        bonus_units=0,
        correction=Fraction(1),
        decimals=D4,
    )
    assert not need.reachable


def test_next_class_by_shares_is_one_unit_above_the_last_place():
    # 8 graded at 25 % each: ranks 5–6 are C, so B's last place is rank 4.
    totals = {4: 812345}
    target = next_class_target(
        klass="C",
        vetoed=False,
        veto_class=None,
        method="shares",
        shares=(("A", Decimal("0.25")), ("B", Decimal("0.25")), ("C", Decimal("0.25")),
                ("D", Decimal("0.25"))),
        count=8,
        total_at_rank=totals.__getitem__,
    )  # fmt: skip
    assert (target.letter, target.units) == ("B", 812346)


def test_next_class_edges():
    shares = (("A", Decimal("0.2")), ("B", Decimal("0.8")))
    # three enterprises at 20 %: no A place (⌊3 × 0.2⌋ = 0)
    none = next_class_target(
        klass="B", vetoed=False, veto_class=None, method="shares", shares=shares, count=3,
        total_at_rank=lambda r: 0,
    )  # fmt: skip
    assert none.units is None and "名额为 0" in none.reason
    vetoed = next_class_target(
        klass="C", vetoed=True, veto_class="C", method="shares", shares=shares, count=10,
        total_at_rank=lambda r: 0,
    )  # fmt: skip
    assert vetoed.units is None and "否决" in vetoed.reason
    top = next_class_target(klass="A", vetoed=False, veto_class=None, method="shares")
    assert top.letter is None
    by_threshold = next_class_target(
        klass="C",
        vetoed=False,
        veto_class=None,
        method="thresholds",
        thresholds=(("A", Decimal(120)), ("B", Decimal("90.00005")), ("C", Decimal(60))),
    )
    assert by_threshold.units == 900001  # 90.00005 rounds up to 90.0001 in score units
