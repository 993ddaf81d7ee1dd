"""The report card's own figures (not the engine's): the value as a percentage of the benchmark
is rounded half-up like every figure shown (STYLE.md §8)."""

from decimal import Decimal

from mujun.evaluation import reportcard
from mujun.evaluation.models import EvaluationResult, EvaluationRun

from .support import TAX_PER_MU, group_scheme


def _card(value: str, benchmark: str):
    # Unsaved rows and a row that was not graded: the percentage is worked out without any
    # query, so nothing but that line of ``build`` is exercised.
    run = EvaluationRun(
        scheme_text=group_scheme(TAX_PER_MU),
        scheme_name="test.toml",
        summary=[{"key": "all", "benchmarks": [{"key": "tax_per_mu", "benchmark": benchmark}]}],
    )
    result = EvaluationResult(
        run=run, group="all", status="ineligible", values={"tax_per_mu": value}
    )
    return reportcard.build(result)


def test_percent_of_benchmark_rounds_half_up():
    # 1.005 ÷ 10 × 100 = 10.05 exactly: half-up gives 10.1 where half-even would give 10.0
    (line,) = _card("1.005", "10").indicators
    assert line.percent_of_benchmark == Decimal("10.1")


def test_percent_of_benchmark_needs_a_positive_benchmark():
    assert _card("1.005", "0").indicators[0].percent_of_benchmark is None
