"""Seed the catalogue with the indicators of the glossary (GLOSSARY.md, 经济指标)."""

from django.db import migrations

# key, name, unit, price basis, additive, part of, sort order
CATALOGUE = [
    # County fiscal revenue includes county-level collections no town reports: not additive.
    ("fiscal_revenue", "财政总收入", "万元", "current", False, None, 10),
    ("general_budget_revenue", "一般公共预算收入", "万元", "current", False, "fiscal_revenue", 15),
    ("industrial_output_above_size", "规上工业总产值", "万元", "current", True, None, 20),
    # Value added sums at current prices, but its growth is published at comparable prices.
    ("industrial_value_added_above_size", "规上工业增加值", "万元", "comparable", True, None, 25),
    ("fixed_asset_investment", "全社会固定资产投资", "万元", "current", True, None, 30),
    ("industrial_investment", "工业投资", "万元", "current", True, "fixed_asset_investment", 35),
    # Named as the seed reports write it (工业技改投资); the glossary's 技改投资.
    ("tech_renovation_investment", "工业技改投资", "万元", "current", True, "industrial_investment", 40),
    ("foreign_capital_actual", "实际利用外资", "万美元", "current", True, None, 50),
    ("exports", "外贸出口", "万元", "current", True, None, 60),
    ("new_product_output", "新产品产值", "万元", "current", True, None, 70),
    ("high_tech_output", "高新技术产业产值", "万元", "current", True, None, 80),
    ("strategic_emerging_output", "战略性新兴产业产值", "万元", "current", True, None, 90),
    ("equipment_manufacturing_output", "装备制造业产值", "万元", "current", True, None, 100),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    by_key = {}
    for key, name, unit, basis, additive, part_of, order in CATALOGUE:
        by_key[key], _ = Indicator.objects.update_or_create(
            key=key,
            defaults={
                "name": name,
                "unit": unit,
                "price_basis": basis,
                "additive": additive,
                "is_cumulative": True,
                "part_of": by_key.get(part_of),
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(
        key__in=[row[0] for row in CATALOGUE], values__isnull=True, targets__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
