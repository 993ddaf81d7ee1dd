"""Properties that must hold for any data: class counts follow the shares, and raising one
indicator of one enterprise never lowers its score."""

from collections import Counter
from decimal import ROUND_FLOOR, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .support import group_scheme, run, scheme

MIXED = """
[[groups.indicators]]
key = "tax_per_mu"
numerator = "tax_wan"
denominator = "land_mu"
weight = 40
benchmark = "aggregate"

[[groups.indicators]]
key = "value_added_per_energy"
numerator = "value_added_wan"
denominator = "energy_tce"
weight = 20
benchmark = "mean"
benchmark_multiple = 2
missing = "group_mean"

[[groups.indicators]]
key = "revenue_per_mu"
numerator = "revenue_wan"
denominator = "land_mu"
weight = 25
method = "minmax"

[[groups.indicators]]
key = "labour_productivity"
numerator = "value_added_wan"
denominator = "employees"
weight = 15
benchmark = 3
cap = 2
"""

amount = st.decimals(min_value=0, max_value=5000, places=2)
positive = st.decimals(min_value=Decimal("0.01"), max_value=500, places=2)
enterprise = st.fixed_dictionaries(
    {
        "land_mu": positive,
        "tax_wan": amount,
        "value_added_wan": amount,
        "revenue_wan": amount,
        "energy_tce": st.one_of(st.just(""), amount),  # "" or 0: no value, group mean
        "employees": st.integers(min_value=1, max_value=3000),
    }
)


def _rows(data):
    return [{"uscc": f"E{i:03d}", **row} for i, row in enumerate(data)]


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(enterprise, min_size=1, max_size=25),
    st.lists(st.integers(min_value=0, max_value=20), min_size=4, max_size=4).filter(
        lambda w: sum(w) > 0
    ),
)
def test_class_counts_always_follow_the_shares(data, weights):
    # Shares in hundredths that add to exactly 1, some of them 0.
    total = sum(weights)
    hundredths = [w * 100 // total for w in weights]
    hundredths[-1] += 100 - sum(hundredths)
    shares = [Decimal(h) / 100 for h in hundredths]
    text = ", ".join(f"{c} = {s}" for c, s in zip("ABCD", shares, strict=True))
    the_scheme = scheme(group_scheme(MIXED, classes=f'method = "shares"\nshares = {{ {text} }}'))

    result = run(the_scheme, _rows(data))

    n = len(data)
    cut, counts, cumulative = 0, {}, Decimal(0)
    for letter, share in zip("ABCD", shares, strict=True):
        cumulative += share
        limit = n if letter == "D" else int((n * cumulative).to_integral_value(ROUND_FLOOR))
        counts[letter] = limit - cut
        cut = limit
    found = Counter(r["class"] for r in result)
    assert {c: found.get(c, 0) for c in "ABCD"} == counts
    ranks = sorted(int(r["rank"]) for r in result)
    assert ranks == list(range(1, n + 1))


@settings(
    max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(enterprise, min_size=1, max_size=12),
    st.data(),
    st.sampled_from(["tax_wan", "value_added_wan", "revenue_wan"]),
    st.decimals(min_value=Decimal("0.01"), max_value=10000, places=2),
)
def test_raising_one_indicator_of_one_enterprise_never_lowers_its_score(
    data, draw, column, raise_by
):
    the_scheme = scheme(group_scheme(MIXED))
    who = draw.draw(st.integers(min_value=0, max_value=len(data) - 1))
    before = run(the_scheme, _rows(data))[who]
    raised = [dict(row) for row in data]
    raised[who][column] = raised[who][column] + raise_by

    after = run(the_scheme, _rows(raised))[who]

    assert Decimal(after["total"]) >= Decimal(before["total"])
    for key in ("tax_per_mu", "value_added_per_energy", "revenue_per_mu", "labour_productivity"):
        assert Decimal(after[f"score_{key}"]) >= Decimal(before[f"score_{key}"])
