"""Shipped schemes load; a scheme with mistakes reports every one, by key."""

from decimal import Decimal

import pytest

from mujun.evaluation.engine.loader import load_scheme, parse_scheme, shipped_schemes
from mujun.evaluation.engine.scheme import SchemeError

from .support import TAX_PER_MU, group_scheme

EXPECTED = {"huangyan-2022", "huangyan-2021", "linhai-2014", "huaian-2024", "jingde-minmax"}


def test_the_documented_schemes_ship():
    assert set(shipped_schemes()) >= EXPECTED


@pytest.mark.parametrize("name", sorted(shipped_schemes()))
def test_every_shipped_scheme_loads_and_validates(name):
    scheme = load_scheme(name)

    assert scheme.name and scheme.source and scheme.groups
    for group in scheme.groups:
        assert group.indicators
        if group.classes.method == "shares":
            assert sum(s for _, s in group.classes.shares) == 1
        text = shipped_schemes()[name].read_text(encoding="utf-8")
        # Every rule carries its source or says it is a choice: the file has comments.
        assert text.count("#") >= len(group.indicators)


def test_huangyan_2022_is_read_exactly_as_written():
    above = load_scheme("huangyan-2022").groups[0]

    assert [i.benchmark for i in above.indicators][:2] == [Decimal("24.097"), Decimal("136.16")]
    assert above.indicators[3].missing == "group_mean"


def test_huaian_uses_twice_the_mean_and_class_T_for_utilities():
    above = load_scheme("huaian-2024").groups[0]

    assert {(i.benchmark, i.benchmark_multiple) for i in above.indicators} == {("mean", 2)}
    assert "utility" in above.exempt


def test_a_scheme_path_or_a_shipped_name_both_work():
    path = shipped_schemes()["linhai-2014"]

    assert load_scheme(str(path)).name == load_scheme("linhai-2014").name


BROKEN = """
name = "broken"
source = "tests"
colour = "red"

[[groups]]
key = "above"
veto = { accident = "事故" }
[[groups.indicators]]
key = "tax_per_mu"
numerator = "tax_wna"
denominator = "land_mu"
weight = "30"
[[groups.indicators]]
key = "va"
numerator = "value_added_wan"
denominator = "land_mu"
weight = 10
method = "minmax"
benchmark = 5
[[groups.indicators]]
key = "rev"
numerator = "revenue_wan"
denominator = "land_mu"
weight = 10
benchmark = 300
benchmark_multiple = 2
[groups.classes]
method = "shares"
shares = { A = 0.2, B = 0.4, C = 0.3, D = 0.05 }

[[groups]]
key = "above"
[[groups.indicators]]
key = "x"
numerator = "tax_wan"
denominator = "land_mu"
weight = -1
benchmark = "median"
[groups.classes]
method = "thresholds"
thresholds = { A = 60, B = 80, T = 10 }

[surcharges.electricity]
T = [0.1]
D = []

[inefficient]
tax_per_mu_below = { nowhere = 3 }
"""


def test_a_broken_scheme_lists_every_mistake_by_key():
    with pytest.raises(SchemeError) as caught:
        parse_scheme(BROKEN, "broken.toml")

    problems = "\n".join(caught.value.problems)
    expected = [
        "colour: unknown key",
        "groups.above.indicators.tax_per_mu.numerator: unknown column 'tax_wna'",
        "groups.above.indicators.tax_per_mu.weight: must be a number, not '30'",
        "groups.above.indicators.tax_per_mu.benchmark: missing",
        "groups.above.veto_class: missing",
        "groups.above.indicators.va.benchmark: minmax scores use no benchmark",
        "groups.above.indicators.rev.benchmark_multiple: applies to a computed benchmark only",
        "groups.above.classes.shares: shares add to 0.95, not 1",
        "groups.above.indicators.x.weight: must be at least 0",
        "groups.above.indicators.x.benchmark: must be one of aggregate, mean, not 'median'",
        "groups.above.classes.thresholds.T: thresholds are for A, B and C",
        "groups.above.classes.thresholds: a better class needs a higher threshold",
        "groups.above: two groups have this key",
        "surcharges.electricity.T: classes with surcharges are A, B, C and D",
        "surcharges.electricity.D: must be a list of rates",
        "inefficient.tax_per_mu_below.nowhere: no group has this key",
    ]
    for text in expected:
        assert text in problems
    assert all(p.startswith("broken.toml: ") for p in caught.value.problems)
    assert len(caught.value.problems) == len(expected)


def test_a_toml_syntax_error_names_the_line():
    with pytest.raises(SchemeError) as caught:
        parse_scheme('name = "x"\nsource = \n', "bad.toml")

    assert caught.value.problems[0].startswith("bad.toml: not valid TOML")
    assert "line 2" in caught.value.problems[0]


def test_a_missing_scheme_file_names_the_shipped_ones():
    with pytest.raises(SchemeError) as caught:
        load_scheme("no-such-scheme")

    assert "huangyan-2022" in caught.value.problems[0]


def test_a_column_used_as_text_and_number_is_refused():
    text = group_scheme(
        TAX_PER_MU,
        top='[columns]\nzone = "园区"',
        group_extra='where = { zone = "东区" }\ntie_break = ["zone"]',
    )

    with pytest.raises(SchemeError) as caught:
        parse_scheme(text)

    assert "column zone is used both as text and as" in caught.value.problems[0]
