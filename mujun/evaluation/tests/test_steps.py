"""Each step of EVALUATION.md §4 at its edges, with small inline schemes."""

from mujun.evaluation.engine.compute import evaluate

from .support import TAX_PER_MU, group_scheme, run, scheme, table

TWO_GROUPS = """
name = "two groups"
source = "tests"
[[groups]]
key = "above"
where = { size_class = "above" }
min_land_mu = 3
exempt = { utility = "公用事业企业" }
[[groups.indicators]]
key = "tax_per_mu"
numerator = "tax_wan"
denominator = "land_mu"
weight = 100
benchmark = 10
[groups.classes]
method = "shares"
shares = { A = 0.5, D = 0.5 }
[[groups]]
key = "below"
where = { size_class = "below" }
[[groups.indicators]]
key = "tax_per_mu"
numerator = "tax_wan"
denominator = "land_mu"
weight = 50
benchmark = 5
[groups.classes]
method = "shares"
shares = { A = 1 }
"""


def rows_of(*specs):
    return [dict(uscc=f"U{i:02d}", **spec) for i, spec in enumerate(specs)]


# Step 1: groups, eligibility, exemption


def test_a_row_without_a_group_is_ineligible_with_reason_no_group():
    rows = rows_of(
        {"size_class": "", "land_mu": 10, "tax_wan": 1, "utility": ""},
        {"size_class": "规上", "land_mu": 10, "tax_wan": 1, "utility": ""},
    )

    result = run(scheme(TWO_GROUPS), rows)

    assert (result[0]["status"], result[0]["reason"], result[0]["class"]) == (
        "ineligible",
        "no group",
        "",
    )
    assert (result[1]["group"], result[1]["status"]) == ("above", "graded")


def test_land_missing_or_below_the_minimum_is_ineligible_even_for_a_utility():
    rows = rows_of(
        {"size_class": "above", "land_mu": "", "tax_wan": 1, "utility": "是"},
        {"size_class": "above", "land_mu": "2.99", "tax_wan": 1, "utility": ""},
        {"size_class": "above", "land_mu": 3, "tax_wan": 1, "utility": ""},
    )

    result = run(scheme(TWO_GROUPS), rows)

    assert [r["status"] for r in result] == ["ineligible", "ineligible", "graded"]
    assert [r["reason"] for r in result[:2]] == ["land missing", "land_mu < 3"]
    assert result[0]["total"] == ""


def test_a_truthy_exempt_column_gives_status_exempt_and_class_T():
    rows = rows_of(
        {"size_class": "above", "land_mu": 10, "tax_wan": 500, "utility": "1"},
        {"size_class": "above", "land_mu": 10, "tax_wan": 5, "utility": "否"},
    )

    result = run(scheme(TWO_GROUPS), rows)

    assert (result[0]["status"], result[0]["class"], result[0]["rank"]) == ("exempt", "T", "")
    assert result[0]["reason"] == "exempt: 公用事业企业"
    assert result[0]["value_tax_per_mu"] == "50.000000"  # the value is shown, not scored
    assert result[0]["score_tax_per_mu"] == ""
    # The exempt row does not take a place: the other is the only graded row, rank 1.
    assert (result[1]["rank"], result[1]["class"]) == ("1", "D")


# Step 2: values


def test_a_zero_or_missing_denominator_makes_the_value_missing_and_the_score_zero():
    rows = rows_of(
        {"land_mu": 0, "tax_wan": 100},
        {"land_mu": 10, "tax_wan": ""},
        {"land_mu": 10, "tax_wan": 100},
    )

    result = run(scheme(group_scheme(TAX_PER_MU)), rows)

    assert [r["status"] for r in result] == ["graded"] * 3
    assert [r["value_tax_per_mu"] for r in result] == ["", "", "10.000000"]
    assert [r["score_tax_per_mu"] for r in result] == ["0.0000", "0.0000", "100.0000"]


def test_factor_scales_the_value():
    text = group_scheme(TAX_PER_MU.replace("weight = 100", "weight = 100\nfactor = 10000"))

    result = run(scheme(text), rows_of({"land_mu": 4, "tax_wan": 1}))[0]

    assert result["value_tax_per_mu"] == "2500.000000"


# Step 3: benchmarks


def test_aggregate_benchmark_is_sum_over_sum_not_mean_of_ratios():
    text = group_scheme(TAX_PER_MU.replace("benchmark = 10", 'benchmark = "aggregate"'))
    # Lishui 2019: 573,564 万元 ÷ 30,341 亩 = 18.90; split over two enterprises.
    rows = rows_of({"land_mu": 30000, "tax_wan": 500000}, {"land_mu": 341, "tax_wan": 73564})

    result = run(scheme(text), rows)

    # 500000/30000 ÷ (573564/30341) × 100 = 88.16511…
    assert result[0]["score_tax_per_mu"] == "88.1651"
    ev = evaluate(scheme(text), table(rows, scheme(text)))
    assert ev.summaries[0].benchmarks[0][2] == "18.903925"


def test_mean_benchmark_times_multiple_only_counts_graded_rows_with_a_value():
    text = group_scheme(
        TAX_PER_MU.replace("benchmark = 10", 'benchmark = "mean"\nbenchmark_multiple = 2'),
        group_extra='exempt = { utility = "公用事业" }',
    )
    rows = rows_of(
        {"land_mu": 1, "tax_wan": 10, "utility": 0},
        {"land_mu": 1, "tax_wan": 30, "utility": 0},
        {"land_mu": 0, "tax_wan": 99, "utility": 0},  # no value: not in the mean
        {"land_mu": 1, "tax_wan": 1000, "utility": 1},  # exempt: not in the mean
    )

    result = run(scheme(text), rows)

    # benchmark = 2 × (10 + 30) / 2 = 40
    assert [r["score_tax_per_mu"] for r in result[:3]] == ["25.0000", "75.0000", "0.0000"]


def test_a_group_where_nobody_has_the_value_scores_zero():
    text = group_scheme(TAX_PER_MU.replace("benchmark = 10", 'benchmark = "aggregate"'))

    result = run(scheme(text), rows_of({"land_mu": 0, "tax_wan": 5}))

    assert result[0]["score_tax_per_mu"] == "0.0000"


# Step 4: scores


def test_minmax_all_equal_values_get_the_full_weight():
    text = group_scheme(
        TAX_PER_MU.replace("benchmark = 10", 'method = "minmax"').replace(
            "weight = 100", "weight = 45"
        )
    )

    result = run(scheme(text), rows_of({"land_mu": 2, "tax_wan": 10}, {"land_mu": 1, "tax_wan": 5}))

    assert [r["score_tax_per_mu"] for r in result] == ["45.0000", "45.0000"]


def test_minmax_missing_value_scores_zero_not_twenty_percent():
    text = group_scheme(TAX_PER_MU.replace("benchmark = 10", 'method = "minmax"'))

    result = run(
        scheme(text),
        rows_of(
            {"land_mu": 1, "tax_wan": 1}, {"land_mu": 1, "tax_wan": 3}, {"land_mu": 0, "tax_wan": 3}
        ),
    )

    assert [r["score_tax_per_mu"] for r in result] == ["20.0000", "100.0000", "0.0000"]


def test_cap_and_floor_bound_the_score_before_rounding():
    text = group_scheme(
        TAX_PER_MU.replace("benchmark = 10", "benchmark = 10\ncap = 1.2\nfloor = 0.5")
    )

    result = run(
        scheme(text),
        rows_of(
            {"land_mu": 1, "tax_wan": 50},
            {"land_mu": 1, "tax_wan": 1},
            {"land_mu": 1, "tax_wan": 11},
        ),
    )

    assert [r["score_tax_per_mu"] for r in result] == ["120.0000", "50.0000", "110.0000"]


def test_half_way_scores_round_up_and_negative_ones_away_from_zero():
    # 0.00005 × … : value ÷ 10 × 100 = value × 10; tax 0.000005 → 0.00005 exactly.
    rows = rows_of(
        {"land_mu": 1, "tax_wan": "0.000005"},
        {"land_mu": 1, "tax_wan": "-0.000005"},
        {"land_mu": 1, "tax_wan": "1.234565"},
    )

    result = run(scheme(group_scheme(TAX_PER_MU)), rows)

    assert [r["score_tax_per_mu"] for r in result] == ["0.0001", "-0.0001", "12.3457"]


def test_group_mean_gives_a_missing_value_the_rounded_mean_of_rounded_scores():
    text = group_scheme(
        TAX_PER_MU.replace("benchmark = 10", 'benchmark = 3\nmissing = "group_mean"')
    )
    # scores 33.3333 and 66.6667 (rounded), mean 50.0000; a third row with 1 → 33.3333 too
    rows = rows_of(
        {"land_mu": 3, "tax_wan": 3},
        {"land_mu": 3, "tax_wan": 6},
        {"land_mu": 0, "tax_wan": 1},
        {"land_mu": 3, "tax_wan": 3},
    )

    result = run(scheme(text), rows)

    # (33.3333 + 66.6667 + 33.3333) / 3 = 44.44443… → 44.4444
    assert result[2]["score_tax_per_mu"] == "44.4444"
    assert result[2]["value_tax_per_mu"] == ""


# Step 5: total, correction, bonus


def test_total_rounds_the_corrected_sum_then_adds_bonus_exactly():
    text = group_scheme(
        TAX_PER_MU.replace("weight = 100", "weight = 1"),
        group_extra='correction = 1.05\nbonus = [{ when = "is_high_tech", points = 2, label = "高新" }, { per = "extra_tenants", points = -0.25, label = "出租" }]',
    )
    # score 0.1235 (0.12345 rounds up), × 1.05 = 0.129675 → 0.1297; + 2 − 0.25 × 3 = 1.3797
    rows = rows_of({"land_mu": 10, "tax_wan": "12.345", "is_high_tech": "是", "extra_tenants": 3})

    result = run(scheme(text), rows)[0]

    assert result["score_tax_per_mu"] == "0.1235"
    assert result["bonus"] == "1.2500"
    assert result["total"] == "1.3797"


def test_bonus_with_more_decimals_than_scores_rounds_with_the_total():
    text = group_scheme(
        TAX_PER_MU, group_extra='bonus = [{ per = "hours", points = 0.00001, label = "x" }]'
    )
    rows = rows_of(
        {"land_mu": 1, "tax_wan": 10, "hours": 5}, {"land_mu": 1, "tax_wan": 10, "hours": 4}
    )

    result = run(scheme(text), rows)

    # 100 + 0.00005 → 100.0001 (half-up); 100 + 0.00004 → 100.0000
    assert [r["total"] for r in result] == ["100.0001", "100.0000"]
    assert [r["bonus"] for r in result] == ["0.0001", "0.0000"]


# Step 6: ranking


def test_equal_totals_rank_by_tax_then_revenue_then_uscc():
    text = group_scheme(
        TAX_PER_MU.replace('numerator = "tax_wan"', 'numerator = "value_added_wan"'),
        group_extra='tie_break = ["tax_wan", "revenue_wan"]',
    )
    same = {"land_mu": 1, "value_added_wan": 10}
    rows = [
        {"uscc": "Z9", **same, "tax_wan": 5, "revenue_wan": 1},
        {"uscc": "Z1", **same, "tax_wan": 5, "revenue_wan": ""},  # missing revenue: last
        {"uscc": "Z5", **same, "tax_wan": 5, "revenue_wan": 1},
        {"uscc": "Z0", **same, "tax_wan": 6, "revenue_wan": 0},
        {"uscc": "Z2", "land_mu": 1, "value_added_wan": 11, "tax_wan": 0, "revenue_wan": 0},
    ]

    ranks = [r["rank"] for r in run(scheme(text), rows)]

    assert ranks == ["4", "5", "3", "2", "1"]


# Step 7: classes


def test_shares_when_n_does_not_divide_evenly():
    rows = rows_of(*({"land_mu": 1, "tax_wan": 10 - i} for i in range(7)))

    classes = [r["class"] for r in run(scheme(group_scheme(TAX_PER_MU)), rows)]

    # ⌊7×0.2⌋ = 1 A; ⌊7×0.6⌋ = 4 → 3 B; ⌊7×0.95⌋ = 6 → 2 C; the rest, 1, D
    assert classes == ["A", "B", "B", "B", "C", "C", "D"]


def test_a_single_enterprise_falls_in_the_last_class_by_the_floor_rule():
    classes = [
        r["class"]
        for r in run(scheme(group_scheme(TAX_PER_MU)), rows_of({"land_mu": 1, "tax_wan": 99}))
    ]

    assert classes == ["D"]


def test_thresholds_take_the_first_class_whose_threshold_is_reached():
    text = group_scheme(
        TAX_PER_MU, classes='method = "thresholds"\nthresholds = { A = 100, B = 80, C = 60 }'
    )
    rows = rows_of(*({"land_mu": 1, "tax_wan": t} for t in ("10", "9.99999", "8", "6", "5.99994")))

    classes = [r["class"] for r in run(scheme(text), rows)]

    # 99.9999 is below 100; 59.9994 is below 60
    assert classes == ["A", "B", "B", "C", "D"]


# Step 8: overrides


def test_a_vetoed_enterprise_that_would_be_A_gets_the_veto_class_and_nobody_moves_up():
    text = group_scheme(
        TAX_PER_MU,
        group_extra='veto = { safety_accident = "发生安全生产事故" }\nveto_class = "C"\nprotect = { newly_above_size = "当年小升规" }\nprotect_class = "C"',
    )
    rows = rows_of(
        *(
            {
                "land_mu": 1,
                "tax_wan": 20 - i,
                "safety_accident": int(i == 0),
                "newly_above_size": int(i == 0),
            }
            for i in range(5)
        )
    )

    result = run(scheme(text), rows)

    assert [r["class"] for r in result] == ["C", "B", "B", "C", "D"]
    assert result[0]["rank"] == "1"
    assert result[0]["reason"] == "veto: 发生安全生产事故"  # vetoed, so not protected


def test_a_protected_enterprise_that_would_be_D_gets_the_protect_class():
    text = group_scheme(
        TAX_PER_MU, group_extra='protect = { newly_above_size = "当年小升规" }\nprotect_class = "C"'
    )
    rows = rows_of(
        *(
            {"land_mu": 1, "tax_wan": 20 - i, "newly_above_size": "是" if i in (0, 4) else ""}
            for i in range(5)
        )
    )

    result = run(scheme(text), rows)

    assert [r["class"] for r in result] == ["A", "B", "B", "C", "C"]
    assert result[4]["reason"] == "protect: 当年小升规"
    assert result[0]["reason"] == "protect: 当年小升规"  # kept although it changed nothing


def test_veto_to_D_as_in_zhejiang_2014():
    text = group_scheme(
        TAX_PER_MU, group_extra='veto = { energy_task_failed = "未完成节能任务" }\nveto_class = "D"'
    )
    rows = rows_of(
        {"land_mu": 1, "tax_wan": 20, "energy_task_failed": "true"},
        {"land_mu": 1, "tax_wan": 1, "energy_task_failed": "false"},
    )

    assert [r["class"] for r in run(scheme(text), rows)] == ["D", "D"]


# Step 9: surcharges

SURCHARGE = "[surcharges.electricity]\nD = [0.10, 0.20, 0.30]\nC = [0.02]"


def test_surcharge_grows_with_years_in_D_and_stays_at_the_last_rate():
    text = group_scheme(TAX_PER_MU, top=SURCHARGE, classes='method = "shares"\nshares = { D = 1 }')
    rows = rows_of(
        *(
            {"land_mu": 1, "tax_wan": 1, "electricity_wan_kwh": 400, "prior_d_years": years}
            for years in ("", 0, 1, 2, 5)
        )
    )

    result = run(scheme(text), rows)

    assert [r["electricity_surcharge_rate"] for r in result] == [
        "0.10",
        "0.10",
        "0.20",
        "0.30",
        "0.30",
    ]
    assert [r["electricity_surcharge_wan"] for r in result] == [
        "40.00",
        "40.00",
        "80.00",
        "120.00",
        "120.00",
    ]


def test_surcharge_first_entry_for_other_classes_zero_without_a_list_empty_without_use():
    text = group_scheme(
        TAX_PER_MU, top=SURCHARGE, classes='method = "shares"\nshares = { A = 0.5, C = 0.5 }'
    )
    rows = rows_of(
        {"land_mu": 1, "tax_wan": 9, "electricity_wan_kwh": 10, "prior_d_years": 3},
        {"land_mu": 1, "tax_wan": 1, "electricity_wan_kwh": "", "prior_d_years": 3},
    )

    result = run(scheme(text), rows)

    assert [
        (r["class"], r["electricity_surcharge_rate"], r["electricity_surcharge_wan"])
        for r in result
    ] == [("A", "0", "0"), ("C", "0.02", "")]


# Step 10: inefficient land

INEFFICIENT = """
[inefficient]
tax_per_mu_below = { all = 6 }
land_mu_at_least = { all = 10 }
classes = ["D"]
"""


def test_inefficient_land_lists_every_rule_that_holds():
    text = group_scheme(
        TAX_PER_MU, top=INEFFICIENT, classes='method = "shares"\nshares = { A = 0.75, D = 0.25 }'
    )
    rows = rows_of(
        {"land_mu": "0.1", "tax_wan": "0.6"},  # 6.0 exactly (0.6 ÷ 0.1 is 5.999… in binary)
        {"land_mu": 10, "tax_wan": 100},
        {"land_mu": 1, "tax_wan": "5.99"},
        {"land_mu": 12, "tax_wan": 1},
    )

    result = run(scheme(text), rows)

    assert [r["inefficient"] for r in result] == ["false", "true", "true", "true"]
    assert result[1]["inefficient_reasons"] == "land_mu >= 10"
    assert result[2]["inefficient_reasons"] == "tax_per_mu < 6"
    assert result[3]["inefficient_reasons"] == "tax_per_mu < 6; land_mu >= 10; class D"


def test_a_cell_counts_as_true_for_1_true_yes_shi_or_a_nonzero_number():
    text = group_scheme(TAX_PER_MU, group_extra='exempt = { utility = "公用事业" }')
    cells = ["1", "TRUE", "yes", "是", "2.5", "-1", "0", "false", "no", "否", "", "0.0"]
    rows = rows_of(*({"land_mu": 1, "tax_wan": 1, "utility": c} for c in cells))

    statuses = [r["status"] for r in run(scheme(text), rows)]

    assert statuses == ["exempt"] * 6 + ["graded"] * 6


def test_group_mean_with_nobody_holding_the_value_gives_zero():
    text = group_scheme(
        TAX_PER_MU.replace("benchmark = 10", 'benchmark = 10\nmissing = "group_mean"')
    )

    result = run(scheme(text), rows_of({"land_mu": 0, "tax_wan": 1}, {"land_mu": 0, "tax_wan": 2}))

    assert [r["score_tax_per_mu"] for r in result] == ["0.0000", "0.0000"]


def test_rows_that_are_not_graded_have_no_rank_total_or_surcharge_and_are_not_inefficient():
    text = group_scheme(
        TAX_PER_MU, top=SURCHARGE + INEFFICIENT, group_extra='exempt = { utility = "公用事业" }'
    )
    rows = rows_of(
        {"land_mu": 20, "tax_wan": 1, "utility": 1, "electricity_wan_kwh": 5},
        {"land_mu": "", "tax_wan": 1, "utility": 0, "electricity_wan_kwh": 5},
    )

    result = run(scheme(text), rows)

    for row in result:
        assert (
            row["total"],
            row["rank"],
            row["electricity_surcharge_rate"],
            row["electricity_surcharge_wan"],
        ) == ("", "", "", "")
        assert (row["inefficient"], row["inefficient_reasons"]) == ("false", "")
    assert [r["class"] for r in result] == ["T", ""]
