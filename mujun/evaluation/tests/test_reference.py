"""The engine against a plain reference: §4 written out with fractions, row by row.

The engine computes in floating point and falls back to exact arithmetic near half-way points;
this test feeds it data full of such points (two-decimal inputs, small benchmarks) and checks
every score, total, rank and class against the slow exact reading of the contract.
"""

from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .support import group_scheme, run, scheme

INDICATORS = """
[[groups.indicators]]
key = "a"
numerator = "tax_wan"
denominator = "land_mu"
weight = 35
benchmark = "aggregate"
cap = 1.5

[[groups.indicators]]
key = "b"
numerator = "revenue_wan"
denominator = "land_mu"
weight = 25
benchmark = 0.8          # terminating quotients: many exact half-way scores

[[groups.indicators]]
key = "c"
numerator = "value_added_wan"
denominator = "energy_tce"
weight = 20
method = "minmax"
missing = "group_mean"

[[groups.indicators]]
key = "d"
numerator = "tax_wan"
denominator = "employees"
weight = 20
benchmark = "mean"
benchmark_multiple = 1.5
missing = "group_mean"
"""
SHARES = [
    ("A", Decimal("0.25")),
    ("B", Decimal("0.45")),
    ("C", Decimal("0.25")),
    ("D", Decimal("0.05")),
]
GROUP = 'correction = 1.03\ntie_break = ["tax_wan"]\nbonus = [{ when = "is_high_tech", points = 1.5, label = "高新" }]'
CLASSES = 'method = "shares"\nshares = { A = 0.25, B = 0.45, C = 0.25, D = 0.05 }'


def half_up(q: Fraction, places: int = 4) -> Fraction:
    scaled = q * 10**places
    units = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    return Fraction(-units if q < 0 else units, 10**places)


def f(cell) -> Fraction | None:
    return None if cell in ("", None) else Fraction(Decimal(str(cell)))


def value(row, num, den):
    n, d = f(row[num]), f(row[den])
    return None if n is None or d is None or d <= 0 else n / d


def reference(rows):
    specs = {
        "a": ("tax_wan", "land_mu"),
        "b": ("revenue_wan", "land_mu"),
        "c": ("value_added_wan", "energy_tce"),
        "d": ("tax_wan", "employees"),
    }
    values = {k: [value(r, *spec) for r in rows] for k, spec in specs.items()}
    scores = {}
    have_a = [i for i, v in enumerate(values["a"]) if v is not None]
    bench_a = (
        sum(f(rows[i]["tax_wan"]) for i in have_a) / sum(f(rows[i]["land_mu"]) for i in have_a)
        if have_a
        else None
    )
    scores["a"] = [
        Fraction(0)
        if v is None or not bench_a or bench_a <= 0
        else half_up(min(v / bench_a * 35, Fraction(3, 2) * 35))
        for v in values["a"]
    ]
    scores["b"] = [
        Fraction(0) if v is None else half_up(v / Fraction(8, 10) * 25) for v in values["b"]
    ]
    have_c = [v for v in values["c"] if v is not None]
    lo, hi = (min(have_c), max(have_c)) if have_c else (None, None)
    scores["c"] = [
        None
        if v is None
        else half_up(Fraction(20) if hi == lo else 20 * (20 + 80 * (v - lo) / (hi - lo)) / 100)
        for v in values["c"]
    ]
    have_d = [v for v in values["d"] if v is not None]
    bench_d = sum(have_d) / len(have_d) * Fraction(3, 2) if have_d else None
    scores["d"] = [
        None
        if v is None
        else (Fraction(0) if not bench_d or bench_d <= 0 else half_up(v / bench_d * 20))
        for v in values["d"]
    ]
    for key in ("c", "d"):
        known = [s for s in scores[key] if s is not None]
        mean = half_up(sum(known) / len(known)) if known else Fraction(0)
        scores[key] = [mean if s is None else s for s in scores[key]]
    totals = []
    for i, row in enumerate(rows):
        subtotal = half_up(sum(scores[k][i] for k in "abcd") * Fraction(103, 100))
        bonus = Fraction(3, 2) if str(row["is_high_tech"]) == "1" else 0
        totals.append(half_up(subtotal + bonus))

    def rank_key(i):
        tax = f(rows[i]["tax_wan"])
        return (-totals[i], (1, 0) if tax is None else (0, -tax), rows[i]["uscc"])

    order = sorted(range(len(rows)), key=rank_key)
    classes = [""] * len(rows)
    cumulative, limits = Decimal(0), []
    for _, share in SHARES:
        cumulative += share
        limits.append(int((len(rows) * cumulative).to_integral_value(ROUND_FLOOR)))
    limits[-1] = len(rows)
    for rank, i in enumerate(order, start=1):
        classes[i] = next(
            letter for (letter, _), limit in zip(SHARES, limits, strict=True) if rank <= limit
        )
    ranks = [0] * len(rows)
    for rank, i in enumerate(order, start=1):
        ranks[i] = rank
    return scores, totals, ranks, classes


money = st.decimals(min_value=Decimal("-5"), max_value=Decimal("60"), places=2)
size = st.decimals(min_value=Decimal("0"), max_value=Decimal("12"), places=1)
row = st.fixed_dictionaries(
    {
        "land_mu": size,
        "tax_wan": st.one_of(st.just(""), money),
        "revenue_wan": money,
        "value_added_wan": money,
        "energy_tce": st.one_of(st.just(""), size),
        "employees": st.integers(min_value=0, max_value=9),
        "is_high_tech": st.integers(min_value=0, max_value=1),
    }
)


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(row, min_size=1, max_size=30))
def test_engine_equals_the_exact_reference(data):
    rows = [{"uscc": f"R{i:03d}", **r} for i, r in enumerate(data)]
    the_scheme = scheme(group_scheme(INDICATORS, group_extra=GROUP, classes=CLASSES))

    result = run(the_scheme, rows)
    scores, totals, ranks, classes = reference(rows)

    for i, got in enumerate(result):
        for key in "abcd":
            assert (
                Decimal(got[f"score_{key}"])
                == Decimal(scores[key][i].numerator) / scores[key][i].denominator
            ), (key, i)
        assert Decimal(got["total"]) == Decimal(totals[i].numerator) / totals[i].denominator
        assert (int(got["rank"]), got["class"]) == (ranks[i], classes[i])
