"""The rules as plain functions: no database, milliseconds."""

from decimal import Decimal as D

import pytest

from mujun.indicators import rules


class TestYoY:
    @pytest.mark.parametrize(
        "current, base, expected",
        [
            # hand-computed: (326 − 305.53) ÷ 305.53 = 6.6998… → 6.7
            ("3260000", "3055300", "6.7"),
            # (17.9 − 16.45) ÷ 16.45 = 8.8146… → 8.8
            ("179000", "164500", "8.8"),
            # a fall: (90 − 100) ÷ 100 = −10
            ("90", "100", "-10.0"),
            # half-up, not banker's: 0.05 → 0.1 (1.0005 × 100 − 100 = 0.05)
            ("10005", "10000", "0.1"),
            # flat
            ("100", "100", "0.0"),
        ],
    )
    def test_computed_from_last_years_same_period(self, current, base, expected):
        figure = rules.computed_yoy(D(current), D(base))
        assert figure.value == D(expected)
        assert "上年同期" in figure.rule

    def test_zero_base_gives_no_figure_with_the_reason(self):
        figure = rules.computed_yoy(D("12.5"), D(0))
        assert figure.value is None and not figure.ok
        assert figure.reason == "上年同期为零，增速无意义"

    def test_missing_base_gives_no_figure_with_the_reason(self):
        figure = rules.computed_yoy(D("12.5"), None)
        assert figure.value is None and figure.reason == "缺少上年同期数据"

    def test_negative_base_gives_no_figure(self):
        assert rules.computed_yoy(D(5), D(-3)).reason == "上年同期为负数，增速无意义"

    def test_comparable_price_indicator_is_never_computed(self):
        growth = rules.yoy(D(120), D(100), price_basis="comparable", reported=None)
        assert growth.effective.value is None and growth.computed.value is None
        assert "统计部门公布" in growth.effective.reason

    def test_comparable_price_indicator_takes_the_reported_figure(self):
        growth = rules.yoy(D(120), D(100), price_basis="comparable", reported=D("7.2"))
        assert growth.effective.value == D("7.2")
        assert growth.computed.value is None

    def test_reported_figure_wins_over_computed_and_both_are_kept(self):
        growth = rules.yoy(D(110), D(100), price_basis="current", reported=D("9.6"))
        assert growth.effective.value == D("9.6") and growth.effective.rule == "采用公布的同比增速"
        assert growth.computed.value == D("10.0")

    def test_current_price_without_report_is_computed(self):
        growth = rules.yoy(D(110), D(100), price_basis="current", reported=None)
        assert growth.effective.value == D("10.0") and growth.reported is None


class TestUnits:
    @pytest.mark.parametrize(
        "amount, unit, base_unit, stored",
        [
            ("17.9", "亿元", "万元", "179000.0000"),
            ("42.18", "亿元", "万元", "421800.0000"),
            ("123456789", "元", "万元", "12345.6789"),
            ("0.1", "亿元", "万元", "1000.0000"),
            ("5735", "万美元", "万美元", "5735.0000"),
            ("57350000", "美元", "万美元", "5735.0000"),
            ("1.2", "亿美元", "万美元", "12000.0000"),
            ("19", "个", "个", "19.0000"),
        ],
    )
    def test_to_base(self, amount, unit, base_unit, stored):
        value = rules.to_base(D(amount), unit, base_unit)
        assert isinstance(value, D) and value == D(stored)

    @pytest.mark.parametrize(
        "amount, unit", [("0.1", "亿元"), ("0.3", "亿元"), ("12345", "元"), ("0.0001", "亿元")]
    )
    def test_round_trip_has_no_float_drift(self, amount, unit):
        # 0.1 + 0.2 style drift would show here if a float slipped in anywhere
        stored = rules.to_base(D(amount), unit, "万元")
        assert rules.from_base(stored, "万元", unit) == D(amount)
        three = sum((rules.to_base(D("0.1"), "亿元", "万元") for _ in range(3)), D(0))
        assert three == rules.to_base(D("0.3"), "亿元", "万元") == D("3000")

    def test_from_base_both_ways(self):
        assert rules.from_base(D("179000"), "万元", "亿元") == D("17.9")
        assert rules.from_base(D("1.2345"), "万元", "元") == D("12345")

    def test_yuan_below_one_wan_rounds_half_up_to_the_yuan(self):
        assert rules.to_base(D("0.5"), "元", "万元") == D("0.0001")
        assert rules.to_base(D("0.49"), "元", "万元") == D("0.0000")

    @pytest.mark.parametrize(
        "unit, base_unit", [("美元", "万元"), ("万元", "万美元"), ("千元", "万元"), ("万元", "个")]
    )
    def test_unit_of_another_family_is_an_error_not_a_guess(self, unit, base_unit):
        with pytest.raises(ValueError, match="不适用于此指标"):
            rules.to_base(D(1), unit, base_unit)

    def test_input_units(self):
        assert rules.input_units("万元") == ["元", "万元", "亿元"]
        assert rules.input_units("万美元") == ["美元", "万美元", "亿美元"]
        assert rules.input_units("个") == ["个"]


class TestMonthlyValue:
    def test_is_cumulative_minus_last_month(self):
        assert rules.monthly_value(D("500"), D("380.5"), 5).value == D("119.5")

    def test_january_is_its_own_cumulative(self):
        assert rules.monthly_value(D("80"), None, 1).value == D("80")

    def test_missing_previous_month_says_which(self):
        figure = rules.monthly_value(D("500"), None, 5)
        assert figure.value is None and figure.reason == "缺少4月的累计值"

    def test_point_in_time_indicator_has_no_monthly_value(self):
        assert rules.monthly_value(D(5), D(4), 5, is_cumulative=False).value is None


class TestTargetCompletion:
    def test_completion_and_time_progress(self):
        result = rules.target_completion(D("300"), D("1000"), 5)
        assert result.completion.value == D("30.00")
        assert result.time_progress == D("41.67")
        assert result.behind is True

    def test_ahead_of_time(self):
        assert rules.target_completion(D("600"), D("1000"), 6).behind is False

    def test_no_target(self):
        result = rules.target_completion(D("300"), None, 5)
        assert result.completion.value is None and result.completion.reason == "未设年度目标"
        assert result.behind is False

    def test_zero_target_is_not_divided_by(self):
        assert rules.target_completion(D("3"), D("0"), 5).completion.reason == "年度目标不是正数"


class TestRanks:
    def test_competition_ranking_with_ties(self):
        ranked = rules.ranks({"a": D(10), "b": D(30), "c": D(30), "d": D(5)})
        assert (ranked["b"].position, ranked["c"].position) == (1, 1)
        assert ranked["b"].tied and ranked["c"].tied
        assert ranked["a"].position == 3 and not ranked["a"].tied
        assert ranked["d"].position == 4
        assert {r.of for r in ranked.values()} == {4}

    def test_missing_values_are_not_ranked_and_not_counted(self):
        ranked = rules.ranks({"a": D(1), "b": None, "c": D(2)})
        assert "b" not in ranked and ranked["c"].position == 1 and ranked["c"].of == 2

    def test_negative_growth_ranks_below(self):
        ranked = rules.ranks({"a": D("-3.2"), "b": D("0"), "c": D("8.8")})
        assert [ranked[k].position for k in "cba"] == [1, 2, 3]

    def test_a_rank_of_one_is_no_rank(self):
        figure = rules.rank_figure(rules.Rank(1, 1, False), "累计值")
        assert figure.value is None and "不足两个" in figure.reason


class TestShareAndSums:
    def test_share_of_parent(self):
        assert rules.share_of_parent(D(250), D(1000), additive=True).value == D("25.00")

    def test_no_share_for_a_non_additive_indicator(self):
        assert not rules.share_of_parent(D(250), D(1000), additive=False).ok

    def test_no_share_without_the_parent(self):
        assert "上级地区" in rules.share_of_parent(D(250), None, additive=True).reason

    def test_children_sum_and_mismatch(self):
        result = rules.children_sum(D("100"), [D("60"), D("39.5")], 2, additive=True)
        assert result.total.value == D("99.5")
        assert result.mismatch and result.difference == D("0.5")

    def test_children_sum_matches(self):
        result = rules.children_sum(D("99.5"), [D("60"), D("39.5")], 2, additive=True)
        assert not result.mismatch

    def test_children_sum_needs_every_child(self):
        result = rules.children_sum(None, [D("60")], 3, additive=True)
        assert result.total.value is None and result.total.reason == "3 个下级地区中有 2 个本期未报"

    def test_no_sum_for_a_non_additive_indicator(self):
        assert not rules.children_sum(D(1), [D(1)], 1, additive=False).total.ok
