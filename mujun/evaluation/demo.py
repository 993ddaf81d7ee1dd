"""Demo evaluation: the last two complete years of data for every demo enterprise, evaluated
with the Huangyan schemes of 2021 and 2022 (their rules, the demo's years) plus the demo
county's own rules (vetoes, protection, utilities not graded, surcharges, inefficient land).

Both years are published, as a county's are by December: the earlier one plainly; the last
complete year after its publicity, in which one objection was accepted (version 2, which was
published) and one rejected. The current year's scheme is in preparation (no run yet). The
years follow the day the demo is built.
Figures follow each enterprise's size class, industry and land: above-size enterprises near
Huangyan's benchmarks (亩均税收 about 24 万元/亩), below-size about half; energy-heavy
industries (dyeing, paper, building materials, steel) use more energy per unit of value added.
"""

import math
import re
from datetime import timedelta
from decimal import Decimal

from django.db.models import Sum
from simple_history.utils import bulk_create_with_history

from mujun.core.money import quantize
from mujun.enterprises.models import LandParcel

from . import actions
from .engine.loader import shipped_schemes
from .models import EnterpriseYear, EvaluationResult, Scheme

# the Huangyan scheme each demo year takes its rules from (the earlier year, the later year)
HUANGYAN_YEARS = (2021, 2022)

# The demo county's own decisions, added to the Huangyan text (Huangyan publishes none).
ABOVE_RULES = """# 青溪县补充规定（演示）：否决、保护与不参评事项
exempt = { utility = "公用事业企业" }
veto = { safety_accident = "发生较大及以上安全生产事故", env_violation = "受到重大环境违法处罚" }
veto_class = "C"
protect = { newly_above_size = "当年新升规企业", major_project = "在建省市重大项目" }
protect_class = "C"
"""
BELOW_RULES = """veto = { safety_accident = "发生较大及以上安全生产事故", env_violation = "受到重大环境违法处罚" }
veto_class = "C"
"""
TAIL = """
# 青溪县补充规定（演示）：D 类企业差别电价按连续年数加价（山东 0.05 / 0.10 / 0.15 元/千瓦时）
[surcharges.electricity]
D = [0.05, 0.10, 0.15]

# 低效用地：湖州口径（规上亩均税收低于 6 万元、规下低于 3 万元）及 D 类企业
[inefficient]
tax_per_mu_below = { above = 6, below = 3 }
classes = ["D"]
"""

# Tax per mu relative to the county (by GB/T 4754 division) and energy per value added.
TAX_FACTOR = {"27": 1.6, "39": 1.5, "40": 1.4, "38": 1.2, "35": 1.2, "36": 1.2, "34": 1.1,
              "17": 0.7, "22": 0.6, "30": 0.7, "31": 0.8, "13": 0.8, "18": 0.8, "21": 0.8,
              "24": 0.8}  # fmt: skip
ENERGY_FACTOR = {"17": 1.8, "22": 2.0, "30": 2.2, "31": 2.5, "26": 1.6, "33": 1.3, "29": 1.2}


def scheme_text(year: int, county_name: str, source: int) -> str:
    """The Huangyan scheme of ``source`` with the demo county's name, rules and ``year``."""
    text = shipped_schemes()[f"huangyan-{source}"].read_text(encoding="utf-8")
    first = text.index("\nname = ") + 1
    end = text.index("\n", first)
    name = (
        f'name = "{county_name} {year} 年度工业企业亩均效益综合评价（参照黄岩区 {source} 年方案）"'
    )
    text = text[:first] + name + text[end:]
    text = re.sub(r"(?m)^year = \d+$", f"year = {year}", text, count=1)
    text = text.replace('label = "规上工业企业"\n', 'label = "规上工业企业"\n' + ABOVE_RULES, 1)
    text = text.replace('label = "规下工业企业"\n', 'label = "规下工业企业"\n' + BELOW_RULES, 1)
    return text + TAIL


def _d(value: float, places: int = 2) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _figures(rng, enterprise, land: Decimal, growth: float) -> dict:
    """One year's figures of an enterprise, plausible for its size class and industry."""
    division = enterprise.industry_code[:2]
    tax_factor = TAX_FACTOR.get(division, 1.0)
    energy_factor = ENERGY_FACTOR.get(division, 1.0)
    mu = float(land)
    if enterprise.above_size:
        tax = 24 * tax_factor * rng.lognormvariate(0, 0.6) * mu * growth
        value_added = max(tax, 1) * rng.uniform(4.2, 6.5)
        revenue = value_added * rng.uniform(2.8, 4.2)
        rd = revenue * max(0.0, rng.gauss(0.028, 0.015))
        energy = value_added / (2.7 / energy_factor * rng.lognormvariate(0, 0.4))
        emission = value_added / (4900 * rng.lognormvariate(0, 0.7))
        employees = (enterprise.employees or 100) * rng.uniform(0.9, 1.05)
        electricity = energy * rng.uniform(0.5, 0.7) / 1.229
    else:
        tax = 11.6 * tax_factor * rng.lognormvariate(0, 0.7) * mu * growth
        if rng.random() < 0.03:
            tax = rng.uniform(0, 0.5)  # a loss-making year
        electricity = max(tax, 0.5) / (0.235 * rng.lognormvariate(0, 0.5))
        revenue = max(tax, 0.5) * rng.uniform(15, 30)
        value_added = revenue * rng.uniform(0.2, 0.3)
        rd = revenue * max(0.0, rng.gauss(0.008, 0.006))
        energy = electricity * 1.229 / rng.uniform(0.6, 0.8)
        emission = None
        employees = (enterprise.employees or 10) * rng.uniform(0.9, 1.05)
    figures = {
        "land_mu": land,
        "tax_wan": _d(tax),
        "value_added_wan": _d(value_added),
        "revenue_wan": _d(revenue),
        "rd_wan": _d(rd),
        "energy_tce": _d(energy),
        "emission_t": None if emission is None or rng.random() < 0.1 else _d(emission, 4),
        "employees": Decimal(max(1, round(employees))),
        "electricity_wan_kwh": None if rng.random() < 0.01 else _d(electricity),
    }
    return figures


SOURCES = {
    "size_class": "statistics",
    "land_mu": "natural_resources",
    "tax_wan": "tax",
    "value_added_wan": "statistics",
    "revenue_wan": "statistics",
    "rd_wan": "statistics",
    "energy_tce": "statistics",
    "employees": "statistics",
    "emission_t": "environment",
    "electricity_wan_kwh": "power",
    "prior_d_years": "economy",
    "safety_accident": "emergency",
    "env_violation": "environment",
    "newly_above_size": "economy",
    "major_project": "economy",
    "utility": "economy",
}


def _flags(rng, enterprise, utilities) -> dict:
    flags = {}
    if rng.random() < 0.012:
        flags["safety_accident"] = "1"
    if rng.random() < 0.006:
        flags["env_violation"] = "1"
    if enterprise.above_size:
        if rng.random() < 0.06:
            flags["newly_above_size"] = "1"
        if rng.random() < 0.01:
            flags["major_project"] = "1"
        if enterprise.pk in utilities:
            flags["utility"] = "1"
    return flags


def _year_rows(rng, enterprises, land, year, prior, utilities, growth, *, grown):
    rows = []
    for e in enterprises:
        area = land.get(e.pk)
        if not area:
            continue  # an enterprise without land is not in the land-based evaluation
        figures = _figures(rng, e, area, growth[e.pk] if grown else 1.0)
        extra = _flags(rng, e, utilities)
        values = {k: v for k, v in figures.items() if v is not None}
        rows.append(
            EnterpriseYear(
                enterprise=e,
                year=year,
                size_class="above" if e.above_size else "below",
                prior_d_years=prior.get(e.pk, 0),
                extra=extra,
                sources={c: SOURCES[c] for c in [*values, *extra, "size_class"]},
                **figures,
            )
        )
    return rows


def build(ctx):
    rng = ctx.rng_for("evaluation")
    admin, leader = ctx.users["demo-admin"], ctx.users["demo-leader"]
    enterprises = ctx.enterprises
    land = dict(
        LandParcel.objects.filter(is_archived=False)
        .values_list("enterprise")
        .annotate(total=Sum("area_mu"))
    )
    above = [e for e in enterprises if e.above_size]
    utilities = {e.pk for e in rng.sample(above, 3)}
    growth = {e.pk: math.exp(rng.gauss(0.05, 0.12)) for e in enterprises}
    today = actions.today()
    years = (today.year - 2, today.year - 1)
    # Before the first year a few weak enterprises were already in D for a year or two.
    prior = {e.pk: rng.choice((1, 1, 2)) for e in rng.sample(enterprises, 40)}

    schemes = {}
    # the two years evaluated, and the current year's scheme being prepared
    for year, source in (
        *zip(years, HUANGYAN_YEARS, strict=True),
        (today.year, HUANGYAN_YEARS[-1]),
    ):
        scheme = Scheme(
            name="",
            year=year,
            region=ctx.county,
            text=scheme_text(year, ctx.county.name, source),
        )
        parsed = actions.check_scheme(scheme.text)
        scheme.name, scheme.source = parsed.name, parsed.source[:500]
        scheme._history_user = admin
        scheme.save()
        schemes[year] = scheme

    first = _year_rows(rng, enterprises, land, years[0], prior, utilities, growth, grown=False)
    bulk_create_with_history(first, EnterpriseYear, batch_size=500)
    run = actions.run_evaluation(scheme=schemes[years[0]], year=years[0], user=admin)
    actions.start_publicity(
        run, start=today - timedelta(days=400), end=today - timedelta(days=394), user=admin
    )
    actions.publish(run, user=leader)

    # Consecutive years in D carry over into the next year's surcharge (§4 step 9).
    in_d = set(
        EvaluationResult.objects.filter(run=run, klass="D").values_list("enterprise", flat=True)
    )
    prior_next = {pk: prior.get(pk, 0) + 1 for pk in in_d}
    second = _year_rows(rng, enterprises, land, years[1], prior_next, utilities, growth, grown=True)
    bulk_create_with_history(second, EnterpriseYear, batch_size=500)
    run2 = actions.run_evaluation(scheme=schemes[years[1]], year=years[1], user=admin)
    actions.start_publicity(
        run2, start=today - timedelta(days=60), end=today - timedelta(days=50), user=admin
    )
    _objections(rng, run2, admin)
    # the version the accepted objection made, signed off after the publicity
    actions.publish(actions.latest_version(run2), user=leader)
    results = EvaluationResult.objects.filter(run__year=years[1], run__status="published")
    counts = {k: results.filter(klass=k).count() for k in "ABCD"}
    ctx.log(
        f"亩均评价：方案 {len(schemes)} 个，企业年度数据 {len(first) + len(second)} 条，"
        f"{years[1]} 年度分类 " + "、".join(f"{k} {n}" for k, n in counts.items())
    )


def _objections(rng, run, user):
    """One objection accepted (the tax bureau's figure missed tax paid) and one rejected; both
    filed while version 1 was in publicity, then answered."""
    accepted = (
        EvaluationResult.objects.filter(run=run, klass="D", group="above")
        .exclude(reason__contains="veto")
        .select_related("enterprise", "run")
        .order_by("rank")
        .first()
    )
    rejected = (
        EvaluationResult.objects.filter(run=run, klass="C", group="below")
        .select_related("enterprise", "run")
        .order_by("-rank")
        .first()
    )
    filed = []
    if accepted is not None:
        tax = Decimal(accepted.inputs["tax_wan"]) * Decimal("2.2")
        filed.append(
            actions.file_objection(
                accepted,
                note="企业提供税务部门出具的完税证明，评价税收漏计了一笔年末入库的税款。",
                corrections={"tax_wan": format(quantize(tax, 2), "f")},
                user=user,
            )
        )
    if rejected is not None:
        land = Decimal(rejected.inputs["land_mu"]) * Decimal("0.7")
        filed.append(
            actions.file_objection(
                rejected,
                note="企业认为部分厂房已出租，用地面积应扣除出租部分。",
                corrections={"land_mu": format(quantize(land, 2), "f")},
                user=user,
            )
        )
    if accepted is not None:
        actions.accept_objection(
            filed[0], resolution="经税务局核实，采纳企业提供的完税数据。", user=user
        )
    if rejected is not None:
        actions.reject_objection(
            filed[-1],
            resolution="经自然资源和规划局核实，出租部分仍属企业使用权范围，用地面积不予扣减。",
            user=user,
        )
