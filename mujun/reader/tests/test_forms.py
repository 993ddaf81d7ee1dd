"""The hard forms of the genre, each on a sentence written for the test (not a report's)."""

import pytest

from mujun.reader.text.extract import extract


def _facts(text: str, date: str | None = "2023-08-10") -> list[dict]:
    return extract(text, date)


def _one(text: str, key: str, date: str | None = "2023-08-10") -> dict:
    (f,) = [f for f in _facts(text, date) if f["key"] == key]
    return f


# -- regions ----------------------------------------------------------------------------------
def test_a_phrase_ending_in_zhen_is_not_a_town():
    text = "全镇上下努力建设美丽宜居、生态型村镇。1-6月,全镇完成财政总收入3.2亿元。"
    assert _one(text, "fiscal_revenue")["region"] == "全镇"


def test_a_verb_before_a_park_word_is_not_its_name():
    text = "按照园区规划要求推进建设。上半年,园区完成工业总产值12亿元。"
    assert _one(text, "industrial_output")["region"] == "园区"


def test_a_text_that_names_itself_only_as_the_county_keeps_it_over_the_city():
    text = "1-9月,全县完成财政总收入8.1亿元,增速列全市第2位。全县规上工业增加值同比增长6.2%。"
    assert {f["region"] for f in _facts(text)} == {"全县"}


def test_the_city_above_does_not_take_a_streets_figures():
    text = (
        "河西街道是我市的商贸中心。1-6月,河西街道完成财政总收入2.1亿元;"
        "该街道规模以上工业产值完成18亿元。"
    )
    regions = {f["region"] for f in _facts(text)}
    assert regions == {"河西街道"}


def test_a_clause_that_starts_with_a_town_gives_its_figures_to_that_town():
    text = (
        "1-5月,全区规上工业总产值120亿元。其中,柳市镇完成产值30亿元,增长5%;西乡街道完成产值12亿元。"
    )
    by_region = {f["region"]: f["value"] for f in _facts(text)}
    assert by_region["柳市镇"] == 3_000_000_000 and by_region["西乡街道"] == 1_200_000_000


def test_a_zone_named_after_a_place_is_a_sub_region():
    text = "1-5月,全县规上工业增加值50亿元。其中,肥西经开区完成增加值20亿元,下降3%。"
    f = [f for f in _facts(text) if f["value"] == 2_000_000_000][0]
    assert f["region"] == "肥西经开区" and f["yoy_pct"] == -3


def test_a_region_with_a_qualifier_is_its_own_region():
    text = "2023年,我区完成情况(含城东新区)签约项目50个。其中,我区单独签约项目40个。"
    assert [f["region"] for f in _facts(text)] == ["我区(含城东新区)", "我区"]


# -- periods ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "date", "period"),
    [
        ("19月份,全镇财政总收入2.9亿元。", "2007-10-31", "2007-01..2007-09"),  # range mark lost
        ("元至8月,全县财政总收入4亿元。", "2011-09-20", "2011-01..2011-08"),
        ("1-11月,全区财政总收入9亿元。", "2024-01-15", "2023-01..2023-11"),  # the year before
        ("1-12月份,全区财政总收入9亿元。", "2024-01-15", "2023"),  # the whole year
        ("1-5月,全区财政总收入9亿元。", None, "????-01..????-05"),
    ],
)
def test_year_to_date_ranges_and_their_year(text, date, period):
    assert _one(text, "fiscal_revenue", date)["period"] == period


def test_this_year_takes_the_title_year_over_the_publication_date():
    text = "2021年度某镇工作总结\n今年以来,全镇完成财政总收入5亿元。"
    assert _one(text, "fiscal_revenue", "2022-03-01")["period"] == "2021-01..?"


def test_this_year_without_title_or_date_is_unknown():
    text = "今年以来,开发区引进外资项目8个。2019年至2021年分别完成生产总值10亿元、12亿元、15亿元。"
    assert _one(text, "new_foreign_projects_count", None)["period"] == "????-01..?"


def test_a_series_with_fenbie_gives_one_year_a_value():
    text = "2019年至2021年,分别完成地区生产总值10亿元、12亿元、15亿元。"
    assert [f["period"] for f in _facts(text)] == ["2019", "2020", "2021"]


def test_balances_at_the_end_of_a_month_are_stocks_at_that_month():
    text = "2023年上半年经济运行情况\n今年6月末,本外币存款余额88亿元,同比增长7%。"
    f = _one(text, "deposits_balance", None)
    assert (f["period"], f["yoy_pct"]) == ("as of 2023-06", 7)


def test_month_alone_and_year_to_date_side_by_side():
    text = "截至8月底,全县工业总产值20亿元。其中,8月份实现工业总产值3亿元。"
    periods = [f["period"] for f in _facts(text, "2016-09-10")]
    assert periods == ["2016-01..2016-08", "2016-08"]


def test_a_range_holds_past_semicolons_to_the_end_of_its_sentence():
    text = "2015年,1-10月份实现财政总收入300万元;地方财政收入120万元。"
    assert [f["period"] for f in _facts(text)] == ["2015-01..2015-10"] * 2


def test_mid_sentence_year_in_a_comparison_is_not_a_period():
    text = "1-6月,全县生产总值比2010年增长一倍,财政总收入6亿元。"
    assert _one(text, "fiscal_revenue")["period"] == "2023-01..2023-06"


# -- forms ------------------------------------------------------------------------------------
def test_target_inside_a_completion_phrase_is_a_fact_of_its_own():
    facts = _facts("1-3月,园区实现税金5000万元,完成年任务2.5亿元的20%。")
    actual, target = facts
    assert (actual["value"], actual["target_completion_pct"], actual["is_target"]) == (
        50_000_000,
        20,
        False,
    )
    assert (target["value"], target["is_target"], target["period"]) == (250_000_000, True, "2023")


def test_task_in_brackets_is_the_target_of_the_figure_before_it():
    actual, target = _facts("2023年,全区上报到位资金12亿元(任务数10亿元)。")
    assert target["key"] == actual["key"] == "funds_in_place" and target["is_target"]


def test_share_of_target_gives_target_and_rate():
    facts = _facts("全年新开工亿元以上项目3个,占目标任务2个的150%。", "2020-12-01")
    assert [(f["value"], f["is_target"], f["scope"]) for f in facts] == [
        (3, False, "亿元以上"),
        (2, True, "亿元以上"),
    ]
    assert facts[0]["target_completion_pct"] == 150


def test_project_names_before_deng_are_not_the_scope():
    f = _one("全年新开工甲乙食品、丙丁机械等1-5亿元项目6个。", "started_projects_count")
    assert f["scope"] == "1-5亿元"


def test_paired_statement_is_split_in_order():
    facts = _facts("1-6月,工业和服务业投资为10.5亿元和8.2亿元,同比增长3.1%和4.2%。")
    assert [(f["key"], f["yoy_pct"]) for f in facts] == [
        ("industrial_investment", 3.1),
        ("services_investment", 4.2),
    ]


def test_key_project_portfolio():
    text = (
        "2023年,全县实施省、市重点项目12个,总投资80亿元,年计划投资20亿元,"
        "截至6月底,累计完成投资11亿元。"
    )
    got = {f["key"]: (f["value"], f["scope"], f["period"]) for f in _facts(text)}
    assert got["key_projects_count"] == (12, "省、市重点项目", "2023")
    assert got["key_projects_total_investment"][0] == 8_000_000_000
    assert got["key_projects_completed_investment"][2] == "2023-01..2023-06"


def test_members_of_a_project_group_take_the_group_as_scope():
    text = "目前,40个重点工程中,已开复工30个项目。"
    got = {f["key"]: (f["value"], f["scope"]) for f in _facts(text)}
    assert got["started_projects_count"] == (30, "重点工程")


def test_evaluation_class_counts_by_size():
    text = (
        "2022年度,全县分别有20家规模以上工业企业和15家规模以下工业企业参与综合评价,"
        "规模以上工业企业评价结果为A类5家、B类10家、C类4家、D类1家。"
    )
    got = [(f["key"], f["scope"], f["value"]) for f in _facts(text)]
    assert ("evaluated_enterprises_count", "规下", 15) in got
    assert ("grade_d_enterprises_count", "规上", 1) in got


def test_flattened_table_one_cell_per_line():
    text = "表1 全区规上工业产值增速\n单位:%\n月份\n4\n5\n全区累计\n8.1\n7.5\n全区当月\n-2.0\n5.3\n"
    got = [(f["period"], f["yoy_pct"]) for f in _facts(text, "2023-06-20")]
    assert got == [
        ("2023-01..2023-04", 8.1),
        ("2023-01..2023-05", 7.5),
        ("2023-04", -2.0),
        ("2023-05", 5.3),
    ]


def test_figures_and_words_broken_by_spaces_and_symbols():
    text = "今年 1-6 月,规上工♂业增加值 12 .5 亿元,同 比下降 3%。"
    f = _one(text, "industrial_value_added_above_size")
    assert (f["value"], f["yoy_pct"]) == (1_250_000_000, -3)


def test_bare_output_in_an_above_size_paragraph_is_above_size():
    text = "1-4月,该区规模以上工业企业实现产值100亿元,实现工业增加值30亿元。"
    assert [f["key"] for f in _facts(text)] == [
        "industrial_output_above_size",
        "industrial_value_added_above_size",
    ]


def test_growth_in_times():
    assert (
        _one("2020年,实际利用外资500万美元,增长1.5倍。", "foreign_capital_actual")["yoy_pct"] == 150
    )


# -- keys and scopes ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key", "scope"),
    [
        ("1-3月,完成工业固定资产投资2亿元。", "industrial_investment", None),
        ("1-3月,合同利用外资300万美元。", "foreign_capital_contracted", None),
        ("1-3月,实际到位市外资金3亿元。", "funds_in_place", "市外"),
        ("1-3月,实际利用省外资金3亿元。", "funds_in_place", "省外"),
        ("1-3月,实际利用境外资金0.5亿美元。", "foreign_capital_actual", None),
        ("1-3月,实现税金3000万元。", "tax_revenue", None),
    ],
)
def test_keys_and_scopes(text, key, scope):
    (f,) = _facts(text)
    assert (f["key"], f["scope"]) == (key, scope)


def test_signed_is_not_an_approximation():
    (f,) = _facts("2021年,签约12个工业项目。")
    assert (f["key"], f["value"], f["approx"], f["scope"]) == (
        "signed_projects_count",
        12,
        None,
        "工业",
    )


def test_a_town_name_the_gazetteer_does_not_know_is_not_a_sub_region():
    text = "1-5月,全区规上工业总产值100亿元。其中,宁江街道完成产值12亿元。"
    assert {f["region"] for f in _facts(text)} == {"全区"}


def test_two_bare_zones_in_a_districts_report_are_two_sub_regions():
    text = (
        "前三季度,该区经济稳中有进。其中,经开区完成规上工业产值56亿元,同比增长12.5%;"
        "高新区完成规上工业产值32亿元。全区实现社会消费品零售总额45.6亿元。"
    )
    got = [(f["region"], f["value"]) for f in _facts(text, "2022-10-28")]
    assert got == [("经开区", 5_600_000_000), ("高新区", 3_200_000_000), ("该区", 4_560_000_000)]


def test_a_total_over_several_years_is_no_fact():
    text = "“十四五”以来,全镇累计完成固定资产投资120亿元。2023年1-8月,全镇完成财政总收入8亿元。"
    assert [(f["key"], f["period"]) for f in _facts(text)] == [
        ("fiscal_revenue", "2023-01..2023-08")
    ]


def test_exports_within_the_trade_total_and_signed_amounts():
    text = "1-10月,外贸进出口总额35.6亿元,同比增长9.1%,其中出口28.3亿元,同比增长12.4%;签约项目23个,签约金额56.8亿元。"
    got = {f["key"]: f["value"] for f in _facts(text, "2019-11-12")}
    assert got["exports"] == 2_830_000_000 and got["signed_projects_investment"] == 5_680_000_000


def test_a_part_named_by_its_qualifier_and_growth_targets():
    text = "2022年,该镇共引进项目18个,其中超亿元项目5个;实际到位资金16.3亿元。"
    got = [(f["key"], f["scope"], f["value"]) for f in _facts(text, "2023-01-05")]
    assert ("introduced_projects_count", "超亿元", 5) in got
    assert ("funds_in_place", None, 1_630_000_000) in got
    (gdp,) = _facts("2024年全年目标:地区生产总值增长6.5%。", "2024-02-01")
    assert gdp["is_target"] and gdp["yoy_pct"] == 6.5


def test_a_numeral_before_a_clause_with_a_project_verb_counts_nothing():
    facts = _facts("严格落实三项举措,解决一些签约项目开工慢问题。")
    assert not [f for f in facts if f["key"] == "signed_projects_count"]


def test_a_table_whose_rows_name_the_indicator_in_amounts():
    text = "表2 主要指标\n单位:亿元\n月份\n1\n2\n全镇财政收入累计\n1.2\n2.5\n"
    got = [(f["region"], f["period"], f["key"], f["value"]) for f in _facts(text, "2023-04-10")]
    assert got == [
        ("全镇", "2023-01", "fiscal_revenue", 120_000_000),
        ("全镇", "2023-01..2023-02", "fiscal_revenue", 250_000_000),
    ]


def test_the_region_named_in_the_opening_is_the_texts_over_a_later_part():
    text = (
        "今年前三季度,镇海区实现地区生产总值856.3亿元,同比增长5.1%。规上工业总产值1520亿元。"
        "其中,澥浦镇完成规上工业总产值320亿元;蛟川街道完成规上工业总产值210亿元。"
    )
    got = [f["region"] for f in _facts(text, "2023-10-30")]
    assert got == ["镇海区", "镇海区", "澥浦镇", "蛟川街道"]
