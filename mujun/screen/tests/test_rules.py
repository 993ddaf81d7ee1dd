"""The screen's number style, without the database."""

from decimal import Decimal

from mujun.screen import rules


def test_growth_carries_an_arrow_and_a_direction():
    assert rules.growth(Decimal("8.8")) == {"text": "▲8.8%", "dir": "up"}
    assert rules.growth(Decimal("-3.25")) == {"text": "▼3.3%", "dir": "down"}
    assert rules.growth(Decimal("0")) == {"text": "持平", "dir": "flat"}
    assert rules.growth(None) == {"text": "—", "dir": "none"}


def test_amounts_switch_to_yi_from_one_yi_up():
    assert rules.value_text(Decimal("179000"), "万元") == "17.9亿元"
    assert rules.value_text(Decimal("9999.5"), "万元") == "9999.5万元"
    assert rules.value_text(Decimal("5735"), "万美元") == "5735万美元"
    assert rules.value_text(Decimal("12000"), "万千瓦时") == "1.2亿千瓦时"
    assert rules.value_text(Decimal("19"), "个") == "19个"
    assert rules.value_text(None, "万元") == "—"


def test_completion_is_cut_as_the_reports_quote_it():
    assert rules.completion(Decimal("64.08")) == "64%"
    assert rules.completion(Decimal("59.85")) == "59.8%"
    assert rules.completion(None) == "—"


def test_period_text():
    assert rules.period_text(2026, 5) == "2026年1至5月"
    assert rules.period_text(2026, 1) == "2026年1月"
    assert rules.period_text(2025, 12) == "2025年"


def test_interval_defaults_and_clips():
    assert rules.interval(None, 20) == 20
    assert rules.interval("abc", 20) == 20
    assert rules.interval("1", 20) == rules.MIN_ROTATE_SECONDS
    assert rules.interval("5", 20) == 5
    assert rules.interval("99999", 20) == rules.MAX_ROTATE_SECONDS


def test_chosen_views_keep_the_screen_order_and_default_to_all():
    assert rules.chosen_views(["evaluation", "economy", "nope"]) == ["economy", "evaluation"]
    assert rules.chosen_views([]) == list(rules.VIEWS)


def test_as_of_text():
    assert rules.as_of_text("2026-06-30") == "2026年6月30日"
    assert rules.as_of_text("2026-05") == "2026年5月"
    assert rules.as_of_text("2025") == "2025年度"
    assert rules.as_of_text(None) == "—"


def test_percent_text_keeps_one_decimal_half_up():
    assert rules.percent_text(Decimal("88.65")) == "88.7%"
    assert rules.percent_text(Decimal("50.00")) == "50%"
    assert rules.percent_text(None) == "—"
