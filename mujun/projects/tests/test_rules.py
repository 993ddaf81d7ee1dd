from datetime import date
from decimal import Decimal

import pytest

from mujun.projects.rules import (
    NONE,
    RED,
    YELLOW,
    LagRules,
    ProjectFacts,
    completion_rate,
    days_late,
    elapsed_months,
    evaluate,
    plan_share,
    summary_sentence,
)

MILESTONES = ("signed", "land_supplied", "started", "completed", "producing")


def facts(stage="started", planned=None, actual=None, plan=None, done="0"):
    return ProjectFacts(
        stage=stage,
        planned={m: (planned or {}).get(m) for m in MILESTONES},
        actual={m: (actual or {}).get(m) for m in MILESTONES},
        plan_this_year=Decimal(plan) if plan is not None else None,
        completed_this_year=Decimal(done),
    )


AS_OF = date(2026, 6, 30)  # six months ended


class TestMilestoneLateness:
    @pytest.mark.parametrize("days, level", [(30, NONE), (31, YELLOW), (90, YELLOW), (91, RED)])
    def test_boundaries(self, days, level):
        planned = date.fromordinal(AS_OF.toordinal() - days)
        assert evaluate(facts(planned={"completed": planned}), AS_OF).level == level

    def test_reached_milestone_is_not_late(self):
        assert days_late(date(2026, 1, 1), date(2026, 5, 1), AS_OF) == 0
        alert = evaluate(
            facts(planned={"started": date(2026, 1, 1)}, actual={"started": date(2026, 5, 1)}),
            AS_OF,
        )
        assert alert.level == NONE

    def test_reason_names_milestone_date_and_days(self):
        alert = evaluate(facts(planned={"land_supplied": date(2026, 3, 1)}), AS_OF)
        assert alert.reasons[0].text == "计划2026年3月1日供地，已逾期121天"

    def test_terminated_raises_nothing(self):
        assert (
            evaluate(facts(stage="terminated", planned={"started": date(2020, 1, 1)}), AS_OF).level
            == NONE
        )


class TestSignedNotStarted:
    @pytest.mark.parametrize("days, level", [(90, NONE), (91, RED)])
    def test_ninety_days(self, days, level):
        signed = date.fromordinal(AS_OF.toordinal() - days)
        assert evaluate(facts(stage="signed", actual={"signed": signed}), AS_OF).level == level

    def test_limit_is_configurable(self):
        rules = LagRules.from_settings({"sign_to_start_days": 60})
        alert = evaluate(facts(stage="signed", actual={"signed": date(2026, 4, 20)}), AS_OF, rules)
        assert alert.level == RED and "要求60天内开工" in alert.reasons[0].text


class TestPlanShare:
    # plan 1200 × 6/12 = 600 due by 30 June
    @pytest.mark.parametrize(
        "done, level",
        [
            ("480", NONE),
            ("479.99", YELLOW),
            ("479.4", YELLOW),
            ("300", YELLOW),
            ("299.99", RED),
            ("0", RED),
        ],
    )
    def test_80_and_50_percent_boundaries(self, done, level):
        assert evaluate(facts(plan="1200", done=done), AS_OF).level == level

    def test_79_9_percent_is_yellow_and_80_is_not(self):
        assert (
            evaluate(facts(plan="1200", done=str(Decimal("600") * Decimal("0.799"))), AS_OF).level
            == YELLOW
        )
        assert (
            evaluate(facts(plan="1200", done=str(Decimal("600") * Decimal("0.8"))), AS_OF).level
            == NONE
        )

    def test_reason_shows_the_arithmetic(self):
        text = evaluate(facts(plan="1200", done="240"), AS_OF).reasons[0].text
        assert (
            text
            == "今年完成投资240万元，仅为序时进度600万元（年计划1200万元×6/12）的40.0%，低于50%"
        )

    def test_reason_writes_amounts_from_one_yi_up_in_yi(self):
        text = evaluate(facts(plan="36000", done="4000"), AS_OF).reasons[0].text
        assert "今年完成投资4000万元，仅为序时进度1.8亿元（年计划3.6亿元×6/12）" in text

    def test_no_plan_or_no_elapsed_month_no_flag(self):
        assert evaluate(facts(plan=None, done="0"), AS_OF).level == NONE
        assert evaluate(facts(plan="0", done="0"), AS_OF).level == NONE
        assert evaluate(facts(plan="1200", done="0"), date(2026, 1, 30)).level == NONE

    def test_red_wins_over_yellow(self):
        alert = evaluate(facts(plan="1200", done="0", planned={"started": date(2026, 5, 1)}), AS_OF)
        assert alert.level == RED and len(alert.reasons) == 2


class TestArithmetic:
    @pytest.mark.parametrize(
        "as_of, months",
        [
            (date(2026, 5, 30), 4),
            (date(2026, 5, 31), 5),
            (date(2026, 1, 1), 0),
            (date(2026, 12, 31), 12),
            (date(2027, 1, 1), 12),
            (date(2025, 6, 1), 0),
        ],
    )
    def test_elapsed_months(self, as_of, months):
        assert elapsed_months(as_of, 2026) == months

    def test_plan_share_is_exact(self):
        assert plan_share(Decimal("1000"), 5) * 12 == Decimal("5000")

    def test_completion_rate(self):
        assert completion_rate(Decimal("41.43"), Decimal("64.65")) == Decimal("64.08")
        assert completion_rate(Decimal("1"), Decimal("0")) is None
        assert completion_rate(Decimal("1"), None) is None


def test_summary_sentence_reproduces_seed_002():
    # 002_be79d72d987d4d49.txt: 今年开工省大中型项目29个,总投资196.25亿元,年计划投资64.65亿元,
    # 截至5月底,累计完成投资41.43亿元,年计划完成率64%
    text = summary_sentence(
        lead="今年开工",
        tier="省大中型",
        count=29,
        total_investment=Decimal("1962500"),
        planned=Decimal("646500"),
        completed=Decimal("414300"),
        month=5,
    )
    assert (
        text
        == "今年开工省大中型项目29个,总投资196.25亿元,年计划投资64.65亿元,截至5月底,累计完成投资41.43亿元,年计划完成率64%"
    )
    second = summary_sentence(
        lead="",
        tier="省重点",
        count=3,
        total_investment=Decimal("550000"),
        planned=Decimal("200000"),
        completed=Decimal("119700"),
        month=5,
    )
    assert (
        second
        == "省重点项目3个,总投资55亿元,年计划投资20亿元,截至5月底,累计完成投资11.97亿元,年计划完成率59.8%"
    )


def test_summary_sentence_small_amounts_in_wan_and_no_plan():
    text = summary_sentence(
        lead="",
        tier="",
        count=1,
        total_investment=Decimal("8500"),
        planned=Decimal(0),
        completed=Decimal(0),
        month=3,
    )
    assert text == "项目1个,总投资8500万元,年计划投资0万元,截至3月底,累计完成投资0万元"


def test_the_stage_form_offers_the_next_stage():
    from mujun.projects.stages import next_stage

    assert next_stage("lead") == "negotiating"
    assert next_stage("signed") == "registered"
    assert next_stage("accepted") == "accepted"
    assert next_stage("terminated") == "lead"
