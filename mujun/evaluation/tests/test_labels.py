"""The evaluation's words and figures (``labels``): one source for pages, exports and history.
No database."""

from decimal import Decimal

import pytest

from mujun.evaluation import labels
from mujun.evaluation.engine.loader import load_scheme


def indicator(scheme, group, key):
    g = next(g for g in load_scheme(scheme).groups if g.key == group)
    return next(i for i in g.indicators if i.key == key)


def test_columns_have_chinese_names_and_units():
    assert labels.name_and_unit("tax_wan") == ("评价税收", "万元")
    assert labels.name_and_unit("land_mu") == ("用地面积", "亩")
    assert labels.header("tax_wan") == "评价税收(万元)"
    assert labels.header("electricity_wan_kwh") == "用电量(万千瓦时)"
    # the engine reads the head count without a unit, so the header has none either
    assert labels.header("employees") == "年平均职工人数"


def test_a_schemes_own_column_takes_its_chinese_header():
    extras = {"cod_t": ("化学需氧量排放量(吨)", "number")}
    assert labels.name_and_unit("cod_t", extras) == ("化学需氧量排放量", "吨")


@pytest.mark.parametrize(
    ("key", "unit"),
    [
        ("tax_per_mu", "万元/亩"),
        ("value_added_per_energy", "万元/吨标准煤"),
        ("value_added_per_emission", "万元/吨"),
        ("labour_productivity", "万元/人"),
        ("rd_intensity", "%"),
    ],
)
def test_indicator_units_follow_from_the_formula(key, unit):
    assert labels.unit_of(indicator("huangyan-2022", "above", key)) == unit


def test_tax_per_electricity_is_yuan_per_kwh():
    assert labels.unit_of(indicator("huangyan-2022", "below", "tax_per_electricity")) == (
        "元/千瓦时"
    )


def test_formula_in_chinese_names_and_units():
    tax = indicator("huangyan-2022", "above", "tax_per_mu")
    assert labels.formula(tax) == "评价税收(万元) ÷ 用地面积(亩)"


def test_values_to_the_schemes_precision_with_units():
    assert labels.figure(Decimal("37.5"), "万元/亩", 4) == "37.5000 万元/亩"
    assert labels.figure("46.68634", "", 4) == "46.6863"
    assert labels.figure("46.68635", "", 4) == "46.6864"  # half-up, not half-even
    assert labels.figure(None, "万元/亩", 4) == "—"


def test_a_share_is_a_percentage_never_a_fraction():
    assert labels.figure(Decimal("0.0302"), "%", 4) == "3.02%"
    assert labels.figure(Decimal("0.025"), "%", 4) == "2.50%"
    assert labels.benchmark("0.0302", "%", 4, given=True) == "3.02%"


def test_a_needed_value_is_rounded_up_so_it_still_suffices():
    assert labels.figure("12.000001", "万元/亩", 4, up=True) == "12.0001 万元/亩"
    assert labels.amount_up(Decimal("12.341")) == "12.35万元"
    assert labels.amount_up(Decimal("12345")) == "1.24亿元"


def test_benchmarks_fixed_as_written_computed_to_precision():
    assert labels.benchmark("24.097", "万元/亩", 4, given=True) == "24.097 万元/亩"
    assert labels.benchmark("16.601058", "万元/亩", 4, given=True) == "16.601058 万元/亩"
    assert labels.benchmark("18.903456", "万元/亩", 4, given=False) == "18.9035 万元/亩"
    assert labels.benchmark("", "万元/亩", 4, given=False) == "—"


def test_scores_keep_their_trailing_zeros():
    assert labels.score(Decimal("77.02"), 4) == "77.0200"
    assert labels.score(Decimal("-0.00001"), 4) == "0.0000"


def test_share_of_benchmark():
    assert labels.share_of_benchmark("37.5", "20", 4) == "187.50%"
    assert labels.share_of_benchmark("37.5", "0", 4) == "—"


def test_input_cells_as_a_person_reads_them():
    assert labels.quantity("tax_wan", "15000") == "1.5亿元"
    assert labels.quantity("tax_wan", "1500") == "1500万元"
    assert labels.quantity("land_mu", "6.3100") == "6.31 亩"
    assert labels.quantity("size_class", "above") == "规上"
    assert labels.quantity("employees", "200") == "200 人"
    extras = {"safety_accident": ("发生安全生产事故", "flag")}
    assert labels.quantity("safety_accident", "1", extras) == "是"
    assert labels.labelled("land_mu", "6.31") == "用地面积：6.31 亩"


def test_scheme_rules_in_words():
    scheme = load_scheme("huangyan-2022")
    assert labels.group_names(scheme) == {"above": "规上工业企业", "below": "规下工业企业"}
    mean = indicator("huaian-2024", "above", "tax_per_mu")
    assert labels.benchmark_rule(mean) == "参评企业平均值 × 2"
    assert labels.share_words(Decimal("0.20")) == "20%"
    assert labels.note_words("no positive benchmark: every score is 0").startswith("无")


def test_a_flag_reads_as_the_engine_reads_it():
    extras = {"is_high_tech": ("高新技术企业", "flag")}
    assert [labels.quantity("is_high_tech", v, extras) for v in ("1", "2", "是", "0", "")] == [
        "是",
        "是",
        "是",
        "否",
        "—",
    ]
