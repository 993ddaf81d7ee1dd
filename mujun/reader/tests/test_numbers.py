"""Numbers and units: base units, Chinese numerals, approximations, thresholds."""

import pytest

from mujun.reader.text.extract import extract
from mujun.reader.text.numbers import chinese_numeral, find_quantities


def _one(text):
    (q,) = [q for q in find_quantities(text) if q.base_unit != "percent"]
    return q


@pytest.mark.parametrize(
    ("text", "value", "base"),
    [
        ("产值44.5亿元", 4_450_000_000, "yuan"),
        ("浙商回归1798万元", 17_980_000, "yuan"),
        ("现汇1794万美元", 17_940_000, "usd"),
        ("外资3.5亿美元", 350_000_000, "usd"),
        ("税收3000万,", 30_000_000, "yuan"),
        ("产值7亿,", 700_000_000, "yuan"),
        ("用电量1.2万千瓦时", 12_000, "kwh"),
        ("腾退面积228.8亩", 228.8, "mu"),
        ("接待企业114批次", 114, "count"),
        ("外出招商393天", 393, "day"),
        ("亩均税收25.6万元/亩", 256_000, "yuan_per_mu"),
        ("产值1,234.5万元", 12_345_000, "yuan"),
    ],
)
def test_value_in_base_units(text, value, base):
    q = _one(text)
    assert q.value == value and q.base_unit == base


def test_integral_values_are_ints():
    assert isinstance(_one("产值44.5亿元").value, int)


def test_wan_followed_by_another_measure_is_not_money():
    assert [q.unit for q in find_quantities("人口5万人,面积3万吨")] == []
    # floor area is a quantity of its own (房地产销售面积), in square metres
    assert [q.base_unit for q in find_quantities("销售面积3万平方米")] == ["m2"]


@pytest.mark.parametrize(
    ("s", "n"), [("四", 4), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("两", 2)]
)
def test_chinese_numerals(s, n):
    assert chinese_numeral(s) == n


def test_chinese_numeral_count_is_read():
    q = _one("签约项目四个")
    assert q.value == 4 and q.unit == "个"


def test_chinese_numeral_with_pi_is_an_idiom_not_a_count():
    assert find_quantities("培育一批创新企业") == []


def test_full_width_figures_through_the_reader():
    (f,) = extract("１－５月，全区实现外贸出口１２．５亿元，同比增长１２．５％。", "2019-06-01")
    assert f["value"] == 1_250_000_000 and f["yoy_pct"] == 12.5
    assert f["unit"] == "亿元"


@pytest.mark.parametrize(
    ("text", "yoy"),
    [
        ("1-5月,全区完成财政总收入17.9亿元,同比下降8.8%。", -8.8),
        ("1-5月,全区完成财政总收入17.9亿元,增长-8.7%。", -8.7),
        ("1-5月,全区完成财政总收入17.9亿元,负增长3%。", -3),
        ("1-5月,全区完成外贸出口84亿元,增幅25%。", 25),
    ],
)
def test_growth_words(text, yoy):
    (f,) = extract(text, "2022-07-01")
    assert f["yoy_pct"] == yoy


def test_percentage_points_and_two_year_growth_are_not_yoy():
    facts = extract(
        "1-5月,全区完成财政总收入17.9亿元,增幅较1-4月上升1个百分点;"
        "完成工业投资5亿元,两年平均增长5%。",
        "2022-07-01",
    )
    assert [f["yoy_pct"] for f in facts] == [None, None]


@pytest.mark.parametrize(
    ("text", "approx", "value"),
    [("对接项目40余个", "余", 40), ("新入库工业项目3只,计划总投资约1.63亿元", "约", 163_000_000)],
)
def test_approximation_words(text, approx, value):
    f = extract("1-5月," + text + "。", "2018-06-14")[-1]
    assert f["approx"] == approx and f["value"] == value


def test_project_money_takes_its_key_and_scope_from_the_count():
    count, money = extract("1-5月,新入库工业项目3只,计划总投资约1.63亿元。", "2018-06-14")
    assert count["key"] == "registered_projects_count" and count["scope"] == "工业"
    assert money["key"] == "registered_projects_investment" and money["scope"] == "新入库工业项目"
    assert not money["is_target"]


def test_paired_statement_is_split_in_order():
    facts = extract(
        "上半年,工业和服务业投资为17.1亿元和12.5亿元,同比增长16.9%和23.1%。", "2019-07-01"
    )
    assert [(f["key"], f["value"], f["yoy_pct"]) for f in facts] == [
        ("industrial_investment", 1_710_000_000, 16.9),
        ("services_investment", 1_250_000_000, 23.1),
    ]


def test_threshold_is_part_of_the_indicator_not_a_figure():
    (f,) = extract("1至5月,引进省外2000万元以上项目19个。", "2022-07-22")
    assert f["key"] == "introduced_projects_count" and f["value"] == 19
    assert f["scope"] == "省外2000万元以上"


def test_missing_number_gives_a_growth_only_fact():
    (f,) = extract("1-5月,全县规上工业增加值增长8.5%。", "2019-06-01")
    assert f["key"] == "industrial_value_added_above_size"
    assert f["value"] is None and f["yoy_pct"] == 8.5
