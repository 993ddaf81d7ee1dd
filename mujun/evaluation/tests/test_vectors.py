"""Every test vector of EVALUATION.md §6, through the shipped schemes where one exists."""

from decimal import Decimal

import numpy as np

from mujun.evaluation.engine.classify import class_by_shares
from mujun.evaluation.engine.scheme import CLASSES

from .support import group_scheme, run, scheme, shipped

HUANGYAN_ABOVE = {
    "uscc": "A1",
    "size_class": "above",
    "land_mu": 40,
    "tax_wan": 1500,
    "value_added_wan": 4000,
    "energy_tce": 1200,
    "emission_t": "1.0",
    "employees": 200,
    "rd_wan": 300,
    "revenue_wan": 12000,
    "electricity_wan_kwh": "",
}
HUANGYAN_BELOW = {"uscc": "B1", "size_class": "below", "land_mu": 10, "tax_wan": 80}
HUANGYAN_BELOW["electricity_wan_kwh"] = 400
ABOVE_KEYS = [
    "tax_per_mu",
    "value_added_per_mu",
    "value_added_per_energy",
    "value_added_per_emission",
    "labour_productivity",
    "rd_intensity",
]


def test_huangyan_2022_above_size_scores_and_total():
    result = run(shipped("huangyan-2022"), [HUANGYAN_ABOVE])[0]

    scores = [result[f"score_{k}"] for k in ABOVE_KEYS]
    assert scores == ["46.6863", "14.6886", "24.7463", "8.1139", "11.0254", "8.2781"]
    assert result["total"] == "113.5386"


def test_huangyan_2022_total_is_the_sum_of_rounded_parts_not_the_rounded_sum():
    benchmarks = ["24.097", "136.16", "2.694", "4929.81", "18.14", "0.0302"]
    values = ["37.5", "100", str(Decimal(4000) / Decimal(1200)), "4000", "20", "0.025"]
    weights = [30, 20, 20, 10, 10, 10]
    unrounded = sum(
        Decimal(v) / Decimal(b) * w for v, b, w in zip(values, benchmarks, weights, strict=True)
    )

    assert unrounded.quantize(Decimal("0.0001")) == Decimal("113.5387")
    assert run(shipped("huangyan-2022"), [HUANGYAN_ABOVE])[0]["total"] == "113.5386"


def test_huangyan_2021_benchmarks():
    assert run(shipped("huangyan-2021"), [HUANGYAN_ABOVE])[0]["total"] == "112.5065"


def test_an_enterprise_at_every_benchmark_scores_100():
    # Value added X = the product of four benchmarks, so X ÷ each of them terminates.
    b = {
        k: Decimal(v)
        for k, v in zip(
            ABOVE_KEYS, ["24.097", "136.16", "2.694", "4929.81", "18.14", "0.0302"], strict=True
        )
    }
    value_added = (
        b["value_added_per_mu"]
        * b["value_added_per_energy"]
        * b["value_added_per_emission"]
        * b["labour_productivity"]
    )
    land = value_added / b["value_added_per_mu"]
    row = {
        "uscc": "AT",
        "size_class": "above",
        "land_mu": land,
        "tax_wan": b["tax_per_mu"] * land,
        "value_added_wan": value_added,
        "energy_tce": value_added / b["value_added_per_energy"],
        "emission_t": value_added / b["value_added_per_emission"],
        "employees": value_added / b["labour_productivity"],
        "rd_wan": b["rd_intensity"] * 1000,
        "revenue_wan": 1000,
        "electricity_wan_kwh": "",
    }

    result = run(shipped("huangyan-2022"), [row])[0]

    assert [result[f"score_{k}"] for k in ABOVE_KEYS] == [
        "30.0000",
        "20.0000",
        "20.0000",
        "10.0000",
        "10.0000",
        "10.0000",
    ]
    assert result["total"] == "100.0000"


def test_huangyan_2022_below_size():
    result = run(shipped("huangyan-2022"), [HUANGYAN_ABOVE, HUANGYAN_BELOW])[1]

    assert (result["score_tax_per_mu"], result["score_tax_per_electricity"]) == (
        "34.5030",
        "42.5170",
    )
    assert result["total"] == "77.0200"
    assert result["group"] == "below"


def test_linhai_fixed_benchmarks():
    # 亩均税收 30, 亩均销售收入 450, 单位能耗 1.5, 单位COD 500, 用水 0.05, 劳动生产率 20
    row = {
        "uscc": "L2",
        "land_mu": 10,
        "tax_wan": 300,
        "revenue_wan": 4500,
        "value_added_wan": 1500,
        "energy_tce": 1000,
        "cod_t": 3,
        "water_t": 30000,
        "employees": 75,
        "electricity_wan_kwh": 100,
        "major_accident": 0,
    }
    result = run(shipped("linhai-2014"), [row])[0]

    assert result["group"] == "land_3mu_up"
    values = [
        result[f"value_{k}"]
        for k in (
            "tax_per_mu",
            "revenue_per_mu",
            "value_added_per_energy",
            "value_added_per_cod",
            "value_added_per_water",
            "labour_productivity",
        )
    ]
    assert values == ["30.000000", "450.000000", "1.500000", "500.000000", "0.050000", "20.000000"]
    assert result["score_labour_productivity"] == "13.3333"
    assert result["total"] == "135.8333"


def test_min_max_weight_40_over_10_20_50():
    text = group_scheme(
        """
[[groups.indicators]]
key = "tax_per_mu"
numerator = "tax_wan"
denominator = "land_mu"
weight = 40
method = "minmax"
"""
    )
    rows = [{"uscc": f"M{v}", "land_mu": 1, "tax_wan": v} for v in (10, 20, 50)]

    scores = [r["score_tax_per_mu"] for r in run(scheme(text), rows)]

    assert scores == ["8.0000", "16.0000", "40.0000"]


def test_chaohu_2021_shares_over_120():
    shares = [("A", Decimal("0.20")), ("B", Decimal("0.45")), ("C", Decimal("0.30"))]
    shares.append(("D", Decimal("0.05")))

    classes = class_by_shares(120, shares)

    assert np.bincount(classes, minlength=4).tolist() == [24, 54, 36, 6]
    assert [CLASSES[c] for c in classes[[0, 23, 24, 77, 78, 113, 114, 119]]] == list("AABBCCDD")
