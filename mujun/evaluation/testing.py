"""Test helpers other tests reuse to make schemes, yearly data and runs."""

from decimal import Decimal

from mujun.enterprises.testing import make_enterprise

from . import actions
from .models import EnterpriseYear, EvaluationResult, EvaluationRun, Scheme

# A small scheme with every feature the platform shows: two groups, fixed benchmarks (so a
# test can work a score out by hand), a veto, protection, surcharges and inefficient land.
SCHEME = """
name = "测试县 2022 年度评价"
year = 2022
source = "测试"
score_decimals = 4

[class_labels]
A = "A类（优先发展类）"
D = "D类（落后整治类）"

[[groups]]
key = "above"
label = "规上工业企业"
where = { size_class = "above" }
veto = { safety_accident = "发生安全生产事故" }
veto_class = "C"
protect = { newly_above_size = "当年新升规" }
protect_class = "C"
tie_break = ["tax_wan", "revenue_wan"]

  [[groups.indicators]]
  key = "tax_per_mu"
  label = "亩均税收"
  numerator = "tax_wan"
  denominator = "land_mu"
  weight = 60
  benchmark = 20

  [[groups.indicators]]
  key = "value_added_per_mu"
  label = "亩均增加值"
  numerator = "value_added_wan"
  denominator = "land_mu"
  weight = 40
  benchmark = 100

  [groups.classes]
  method = "shares"
  shares = { A = 0.25, B = 0.25, C = 0.25, D = 0.25 }

[[groups]]
key = "below"
label = "规下工业企业"
where = { size_class = "below" }

  [[groups.indicators]]
  key = "tax_per_mu"
  label = "亩均税收"
  numerator = "tax_wan"
  denominator = "land_mu"
  weight = 100
  benchmark = 10

  [groups.classes]
  method = "thresholds"
  thresholds = { A = 120, B = 90, C = 60 }

[surcharges.electricity]
D = [0.10, 0.20, 0.30]

[inefficient]
tax_per_mu_below = { above = 6, below = 3 }
classes = ["D"]
"""


def make_scheme(region, *, text: str = SCHEME, year: int = 2022, name=None) -> Scheme:
    parsed = actions.check_scheme(text)
    return Scheme.objects.create(
        region=region, year=year, name=name or parsed.name, text=text, source=parsed.source
    )


def make_year(enterprise, *, year=2022, size="above", land="10", tax="200", va="1000", **more):
    values = {
        "land_mu": Decimal(land),
        "tax_wan": Decimal(tax),
        "value_added_wan": Decimal(va),
        "revenue_wan": Decimal(more.pop("revenue", "3000")),
        "electricity_wan_kwh": Decimal(more.pop("electricity", "100")),
    }
    extra = more.pop("extra", {})
    return EnterpriseYear.objects.create(
        enterprise=enterprise,
        year=year,
        size_class=size,
        extra=extra,
        sources={c: "statistics" for c in values},
        **values,
        **more,
    )


def make_run(region, *, county, user=None, enterprises=4, year=2022) -> EvaluationRun:
    """A run of a county-level scheme over ``enterprises`` above-size firms in ``region``."""
    scheme = make_scheme(county, year=year, name=f"测试方案{Scheme.objects.count() + 1}")
    for n in range(enterprises):
        make_year(make_enterprise(region, above_size=True), year=year, tax=str(100 + 50 * n))
    return actions.run_evaluation(scheme=scheme, year=year, user=user)


def result_in(region, county) -> EvaluationResult:
    """A graded result of an enterprise in ``region`` (the run belongs to ``county``)."""
    scheme = Scheme.objects.filter(region=county).first() or make_scheme(county)
    enterprise = make_enterprise(region, above_size=True)
    make_year(enterprise, year=scheme.year)
    run = actions.run_evaluation(scheme=scheme, year=scheme.year, user=None)
    return run.results.get(enterprise=enterprise)
