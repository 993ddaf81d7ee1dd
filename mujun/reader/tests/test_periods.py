"""Period phrases and the gold period notation."""

import pytest

from mujun.reader.text.extract import extract
from mujun.reader.text.periods import AS_OF, YEAR, YTD_OPEN, Period, find_period_phrases


def _period(sentence: str, date: str | None = "2022-07-22") -> tuple:
    (f,) = [f for f in extract(sentence, date) if f["key"] == "fiscal_revenue"]
    return f["period"], f["period_type"], f["period_start"], f["period_end"]


@pytest.mark.parametrize(
    "phrase", ["1-5月", "1至5月", "1~5月", "1―5月", "1到5月", "1—5月", "一至五月"]
)
def test_year_to_date_ranges(phrase):
    assert _period(f"{phrase},全区完成财政总收入17.9亿元。") == (
        "2022-01..2022-05",
        "ytd",
        "2022-01",
        "2022-05",
    )


@pytest.mark.parametrize(
    ("phrase", "end"),
    [
        ("上半年", "2022-06"),
        ("一季度", "2022-03"),
        ("前三季度", "2022-09"),
        ("截至5月底", "2022-05"),
        ("1到10月", "2022-10"),
    ],
)
def test_named_ranges(phrase, end):
    assert _period(f"{phrase},全区完成财政总收入17.9亿元。", "2022-12-20")[2:] == ("2022-01", end)


def test_a_range_that_ends_after_publication_is_the_year_before():
    # gold README: a 1-11月 published in January is the year before
    assert _period("1-11月,全区完成财政总收入17.9亿元。", "2023-01-10")[0] == "2022-01..2022-11"


def test_year_since_start_has_no_end():
    assert _period("今年以来,全区完成财政总收入17.9亿元。") == (
        "2022-01..?",
        "ytd_open",
        "2022-01",
        None,
    )


def test_unknown_year_is_question_marks():
    assert _period("1-5月,全区完成财政总收入17.9亿元。", None) == (
        "????-01..????-05",
        "ytd",
        "????-01",
        "????-05",
    )


def test_year_given_in_an_earlier_sentence():
    facts = extract("2017年,全镇经济平稳。1-5月,全镇完成财政总收入1.2亿元。")
    assert facts[0]["period_start"] == "2017-01"


def test_last_year_is_relative_to_publication():
    assert _period("去年,全区完成财政总收入17.9亿元。")[0] == "2021"


def test_month_alone_and_current_month():
    facts = extract("3月份,全区完成财政总收入1亿元;当月实现工业用电量1.2亿千瓦时。", "2019-06-01")
    assert [f["period"] for f in facts] == ["2019-03", "2019-03"]
    assert facts[0]["period_type"] == "month"


def test_stock_at_a_point_in_time():
    (f,) = extract("目前,该区拥有国家高新技术企业49家。", "2022-07-22")
    assert (f["period"], f["period_start"], f["period_end"]) == ("as of 2022-07", None, "2022-07")


def test_stock_with_unknown_date():
    (f,) = extract("目前,该区拥有国家高新技术企业49家。")
    assert (f["period"], f["period_start"], f["period_end"]) == ("as of ????", None, None)


def test_up_to_now_after_a_range_keeps_the_range():
    facts = extract("1-5月,我镇走访企业。截至目前,全镇完成财政总收入5亿元。", "2018-06-14")
    assert facts[0]["period"] == "2018-01..2018-05"


def test_target_takes_the_year():
    (f,) = extract("1-5月,全区经济平稳。全年力争实现财政总收入30亿元。", "2022-07-22")
    assert f["is_target"] and f["period"] == "2022"


def test_period_rendering():
    assert Period(YEAR, None).start == "????-01"
    assert Period(YTD_OPEN, 2019, 1).label == "2019-01..?"
    assert Period(AS_OF, 2022, None, 5).label == "as of 2022-05"


def test_phrase_finder_positions():
    text = "今年1-5月,截至5月底"
    kinds = [(p.kind, text[p.start : p.end]) for p in find_period_phrases(text)]
    assert kinds == [("range", "今年1-5月"), ("until", "截至5月底")]
