"""The review rules without the database: periods, problems, units, peers, highlighting."""

from datetime import date
from decimal import Decimal

import pytest

from mujun.reader import review
from mujun.reader.text.extract import extract
from mujun.regions.choices import Kind, Level

CATALOGUE = {
    "fiscal_revenue": review.IndicatorSpec("fiscal_revenue", "财政总收入", "万元"),
    "foreign_capital_actual": review.IndicatorSpec(
        "foreign_capital_actual", "实际利用外资", "万美元"
    ),
}


def period(kind, start, end):
    return {"period_type": kind, "period_start": start, "period_end": end}


@pytest.mark.parametrize(
    "p, expected, has_reason",
    [
        (period("ytd", "2022-01", "2022-05"), (2022, 5), False),
        (period("ytd", "????-01", "????-05"), (None, 5), False),
        (period("ytd", "2022-04", "2022-06"), (2022, 6), True),
        (period("ytd_open", "2022-01", None), (2022, None), True),
        (period("month", "2018-06", "2018-06"), (2018, 6), True),
        (period("month", "2018-01", "2018-01"), (2018, 1), False),
        (period("year", "2017-01", "2017-12"), (2017, 12), False),
        (period("as_of", None, "2022-07"), (2022, 7), True),
    ],
)
def test_periods_map_to_a_year_to_date_month(p, expected, has_reason):
    m = review.month_of(p)
    assert (m.year, m.month) == expected
    assert bool(m.reason) == has_reason


def test_a_year_not_yet_over_at_publication_needs_checking():
    p = period("year", "2022-01", "2022-12")
    assert review.month_of(p, published=date(2022, 7, 22)).reason
    assert not review.month_of(p, published=date(2023, 1, 10)).reason


def test_a_stock_fits_a_point_in_time_indicator():
    assert not review.month_of(period("as_of", None, "2022-07"), is_cumulative=False).reason


def candidate(**changes):
    fields = {
        "region": "湘东镇",
        "key": "fiscal_revenue",
        "year": 2022,
        "month": 5,
        "value": Decimal("1790000000"),
        "unit": "元",
        "period": period("ytd", "2022-01", "2022-05"),
    }
    fields.update(changes)
    return review.Candidate(**fields)


def test_a_clean_fact_has_no_problem():
    assert review.problems(candidate(), CATALOGUE) == []


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"region": "全区"}, "地区名称不明"),
        ({"region": "经开区"}, "地区名称不明"),
        ({"key": "signed_projects_count"}, "不在指标目录中"),
        ({"is_target": True}, "目标数"),
        ({"is_estimate": True}, "预计数"),
        ({"year": None}, "年份不明"),
        ({"value": None}, "缺少数值"),
        ({"unit": "美元"}, "不适用于此指标"),
        ({"period": period("ytd_open", "2022-01", None), "month": None}, "截止月份不明"),
    ],
)
def test_each_problem_is_said_in_words(changes, words):
    found = review.problems(candidate(**changes), CATALOGUE)
    assert any(words in p for p in found), found


def test_a_corrected_period_is_no_longer_judged_by_the_reader():
    c = candidate(period=period("ytd_open", "2022-01", None), month=6, corrected=True)
    assert review.problems(c, CATALOGUE) == []


def test_amounts_convert_exactly_to_the_indicators_unit():
    assert review.stored_amount(Decimal("1790000000"), "元", "万元") == Decimal("179000.0000")
    assert review.stored_amount(Decimal("57350000"), "美元", "万美元") == Decimal("5735.0000")
    assert review.stored_amount(Decimal("17.9"), "亿元", "万元") == Decimal("179000.0000")
    # half a yuan is kept to the indicators app's four places, half-up
    assert review.stored_amount(Decimal("12345.5"), "元", "万元") == Decimal("1.2346")
    assert review.stored_amount(Decimal("7"), "家", "个") == Decimal("7")


def test_float_values_become_the_decimal_they_were_written_as():
    assert review.as_decimal(0.1 + 0.2) != Decimal("0.3")  # the float itself is inexact
    assert review.as_decimal(4450000000) == Decimal("4450000000")
    assert review.as_decimal(228.8) == Decimal("228.8")


def test_peer_codes_and_kinds():
    assert review.peer_code(7) == "990007"
    assert review.peer_kind("萍乡经济技术开发区") == (Kind.ZONE, Level.TOWN)
    assert review.peer_kind("稠江街道") == (Kind.STREET, Level.TOWN)
    assert review.peer_kind("海盐县") == (Kind.COUNTY, Level.COUNTY)


def test_every_fact_is_marked_in_the_cleaned_text():
    text = "1-5月,湘東鎮完成財政總收入17.9億元,同比增長8.8%。"
    facts = extract(text, "2022-07-22")
    segments = review.cleaned_segments(text, [(f["span_start"], f["span_end"]) for f in facts])
    marked = [s for s in segments if s.facts]
    assert [s.text for s in marked] == ["财政总收入17.9亿元,同比增长8.8%"]
    assert "".join(s.text for s in segments).startswith("1-5月,湘东镇")
