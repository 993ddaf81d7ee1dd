"""The briefing paragraph as plain functions, checked against seed 002's first paragraph."""

from decimal import Decimal as D

import pytest

from mujun.indicators.briefing import (
    BriefItem,
    amount_text,
    compose,
    growth_phrase,
    number_text,
    period_phrase,
    rank_phrase,
)
from mujun.indicators.rules import Rank

# seed 002_be79d72d987d4d49.txt, first paragraph (萍乡经开区, 1至5月)
SEED_002 = (
    "1至5月,全区完成财政总收入17.9亿元,同比增长8.8%;完成规上工业总产值326亿元,同比增长6.7%;"
    "完成全社会固定资产投资87亿元,同比增长10%,其中工业投资完成42.18亿元,同比增长16.2%,"
    "工业技改投资完成8.36亿元,同比增长147.1%;"
)


def seed_items(**extra):
    return [
        BriefItem("fiscal_revenue", "财政总收入", "万元", D("179000"), D("8.8")),
        BriefItem("industrial_output_above_size", "规上工业总产值", "万元", D("3260000"), D("6.7")),
        BriefItem("fixed_asset_investment", "全社会固定资产投资", "万元", D("870000"), D("10")),
        BriefItem(
            "industrial_investment",
            "工业投资",
            "万元",
            D("421800"),
            D("16.2"),
            part_of="fixed_asset_investment",
        ),
        BriefItem(
            "tech_renovation_investment",
            "工业技改投资",
            "万元",
            D("83600"),
            D("147.1"),
            part_of="industrial_investment",
        ),
        BriefItem(
            "foreign_capital_actual",
            "实际利用外资",
            "万美元",
            D("5735"),
            D("13"),
            rank_by_value=Rank(1, 4, False),
        ),
        BriefItem(
            "exports",
            "外贸出口",
            "万元",
            D("840000"),
            D("25"),
            rank_by_value=Rank(1, 4, False),
            rank_by_growth=Rank(1, 4, False),
        ),
    ]


def test_seed_002_first_paragraph_is_reproduced():
    text = compose(
        year=2022, month=5, region_phrase="全区", sibling_scope="全市", items=seed_items()
    ).text
    assert text.startswith(SEED_002)
    assert text.endswith(
        "完成实际利用外资5735万美元,同比增长13%,总量居全市第一位;"
        "完成外贸出口84亿元,同比增长25%,总量和增幅均居全市第一位。"
    )


@pytest.mark.parametrize(
    "clause",
    [
        "完成财政总收入17.9亿元,同比增长8.8%",
        "完成规上工业总产值326亿元,同比增长6.7%",
        "完成全社会固定资产投资87亿元,同比增长10%",
        "其中工业投资完成42.18亿元,同比增长16.2%",
        "工业技改投资完成8.36亿元,同比增长147.1%",
        "实际利用外资5735万美元",
        "外贸出口84亿元",
    ],
)
def test_each_seed_002_indicator_reads_as_in_the_seed(clause):
    text = compose(
        year=2022, month=5, region_phrase="全区", sibling_scope="全市", items=seed_items()
    ).text
    assert clause in text


@pytest.mark.parametrize(
    "wan, unit, expected",
    [
        ("3260000", "万元", "326亿元"),
        ("179000", "万元", "17.9亿元"),
        ("421800", "万元", "42.18亿元"),
        ("83600", "万元", "8.36亿元"),
        ("10000", "万元", "1亿元"),
        ("9999.99", "万元", "9999.99万元"),
        # rounds to 10000.00 万元, which is 1 亿元
        ("9999.996", "万元", "1亿元"),
        ("6864.8149", "万元", "6864.81万元"),
        ("421849.99", "万元", "42.18亿元"),
        ("421850", "万元", "42.19亿元"),
        ("5735", "万美元", "5735万美元"),
        ("12000", "万美元", "1.2亿美元"),
        ("19", "个", "19个"),
        ("-25000", "万元", "-2.5亿元"),
    ],
)
def test_amount_in_yi_above_ten_thousand_wan_at_most_two_decimals(wan, unit, expected):
    assert amount_text(D(wan), unit) == expected


def test_number_text_drops_trailing_zeros_without_exponent():
    assert number_text(D("300.00")) == "300"
    assert number_text(D("17.90")) == "17.9"
    assert number_text(D("0.005")) == "0.01"
    assert number_text(D("-0.001")) == "0"


@pytest.mark.parametrize(
    "year, month, expected", [(2022, 1, "1月"), (2022, 5, "1至5月"), (2017, 12, "2017年")]
)
def test_period_phrase(year, month, expected):
    assert period_phrase(year, month) == expected


@pytest.mark.parametrize(
    "growth, expected",
    [
        (D("8.8"), "同比增长8.8%"),
        (D("10.00"), "同比增长10%"),
        (D("-3.2"), "同比下降3.2%"),
        (D("0"), "与上年同期持平"),
        (None, ""),
    ],
)
def test_growth_phrase(growth, expected):
    assert growth_phrase(growth) == expected


def test_rank_phrases():
    first, second, tied = Rank(1, 5, False), Rank(2, 5, False), Rank(1, 5, True)
    assert rank_phrase(first, None, "全县") == "总量居全县第一位"
    assert rank_phrase(second, first, "全县") == "增幅居全县第一位"
    assert rank_phrase(first, first, "全市") == "总量和增幅均居全市第一位"
    assert rank_phrase(tied, None, "全县") == "总量并列全县第一位"
    assert rank_phrase(second, second, "全县") == ""
    # first of one is no ranking at all
    assert rank_phrase(Rank(1, 1, False), None, "全县") == ""


def test_decline_flat_and_missing_growth_in_a_paragraph():
    items = [
        BriefItem("a", "财政总收入", "万元", D("5000"), D("-3.25")),
        BriefItem("b", "外贸出口", "万元", D("12000"), D("0")),
        BriefItem("c", "规上工业增加值", "万元", D("8000"), None),
    ]
    text = compose(year=2026, month=1, region_phrase="全镇", sibling_scope="全县", items=items).text
    assert text == (
        "1月,全镇完成财政总收入5000万元,同比下降3.25%;完成外贸出口1.2亿元,与上年同期持平;"
        "完成规上工业增加值8000万元。"
    )


def test_missing_and_zero_values_are_skipped_and_listed():
    items = [
        BriefItem("a", "财政总收入", "万元", None),
        BriefItem("b", "实际利用外资", "万美元", D("0")),
        BriefItem("c", "外贸出口", "万元", D("100"), D("5")),
    ]
    result = compose(year=2026, month=3, region_phrase="全街道", sibling_scope="全县", items=items)
    assert result.text == "1至3月,全街道完成外贸出口100万元,同比增长5%。"
    assert result.skipped == [("财政总收入", "本期无数据"), ("实际利用外资", "本期为零")]


def test_nothing_to_say_gives_empty_text():
    assert compose(year=2026, month=3, region_phrase="全县", sibling_scope="", items=[]).text == ""


def test_a_part_without_its_whole_before_it_stands_alone():
    items = [
        BriefItem("fiscal_revenue", "财政总收入", "万元", D("100")),
        BriefItem(
            "industrial_investment", "工业投资", "万元", D("50"), part_of="fixed_asset_investment"
        ),
    ]
    text = compose(year=2026, month=3, region_phrase="全县", sibling_scope="", items=items).text
    assert text == "1至3月,全县完成财政总收入100万元;完成工业投资50万元。"
