"""The catalogue and an indicator's page with its charts."""

import json
import re

import pytest
from django.urls import reverse

from mujun.indicators.models import Indicator
from mujun.indicators.testing import indicator, make_value


@pytest.mark.django_db
class TestCatalogue:
    def test_seeded_with_the_glossary(self):
        keys = set(Indicator.objects.values_list("key", flat=True))
        assert {
            "industrial_output_above_size",
            "industrial_value_added_above_size",
            "fiscal_revenue",
            "general_budget_revenue",
            "fixed_asset_investment",
            "industrial_investment",
            "tech_renovation_investment",
            "foreign_capital_actual",
            "exports",
            "new_product_output",
            "high_tech_output",
            "strategic_emerging_output",
            "equipment_manufacturing_output",
        } <= keys
        assert indicator("industrial_investment").part_of.key == "fixed_asset_investment"
        assert indicator("fiscal_revenue").additive is False

    def test_every_role_reads_it_and_exports_it(self, login, cast):
        client = login(cast.viewer)
        page = client.get(reverse("indicators:indicator_list")).content.decode()
        assert "规上工业增加值" in page and "可比价" in page and "新增指标" not in page
        assert client.get(reverse("indicators:indicator_list") + "?export=xlsx").status_code == 200

    def test_admin_adds_an_indicator(self, login, cast):
        client = login(cast.admin)
        assert "新增指标" in client.get(reverse("indicators:indicator_list")).content.decode()
        response = client.post(
            reverse("indicators:indicator_add"),
            {
                "key": "retail_sales",
                "name": "社会消费品零售总额",
                "unit": "万元",
                "price_basis": "current",
                "additive": "on",
                "is_cumulative": "on",
                "sort_order": 110,
            },
        )
        assert response.status_code == 302
        added = Indicator.objects.get(key="retail_sales")
        assert added.history.first().history_user == cast.admin

    @pytest.mark.parametrize("who", ["town1", "viewer", "leader"])
    def test_others_cannot_change_it(self, login, cast, who):
        client = login(getattr(cast, who))
        assert client.get(reverse("indicators:indicator_add")).status_code == 403
        pk = indicator("exports").pk
        response = client.post(
            reverse("indicators:indicator_edit", args=[pk]),
            {"key": "exports", "name": "改名", "unit": "万元", "price_basis": "current"},
        )
        assert response.status_code == 403 and indicator("exports").name == "外贸出口"

    def test_anonymous_is_sent_to_login(self, client, cast):
        response = client.get(reverse("indicators:indicator_list"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def chart_data(page: str, name: str):
    start = page.index(f'id="{name}"')
    start = page.index(">", start) + 1
    return json.loads(page[start : page.index("</script>", start)])


@pytest.mark.django_db
class TestIndicatorPage:
    def test_trend_against_last_year_and_towns_compared(self, login, cast):
        r = cast.regions
        for month, (this, last) in enumerate([(100, 90), (180, 170), (300, 250)], start=1):
            make_value(r.town1, year=2026, month=month, value=this)
            make_value(r.town1, year=2025, month=month, value=last)
        make_value(r.town2, year=2026, month=3, value=200)
        url = reverse("indicators:indicator", args=[indicator("industrial_output_above_size").pk])
        page = (
            login(cast.leader)
            .get(url, {"region": r.county.pk, "year": 2026, "month": 3})
            .content.decode()
        )
        assert "echarts.min.js" in page
        compare = chart_data(page, "compare-data")
        assert compare["regions"] == ["城关街道", "东岭镇"] and compare["values"] == [300.0, 200.0]
        assert compare["growth"] == [20.0, None]
        # the county has no figure: the page offers the towns' sum
        assert "下级地区合计为 500万元" in page
        town = login(cast.leader).get(url, {"region": r.town1.pk, "year": 2026, "month": 3})
        trend = chart_data(town.content.decode(), "trend-data")
        assert trend["this_year"][:4] == [100.0, 80.0, 120.0, None]
        assert trend["last_year"][:3] == [90.0, 80.0, 80.0]
        assert trend["growth"][:3] == [11.1, 5.9, 20.0]

    def test_opens_on_the_users_region_and_latest_period(self, login, cast):
        make_value(cast.regions.town1, year=2026, month=7, value=10)
        url = reverse("indicators:indicator", args=[indicator("industrial_output_above_size").pk])
        page = login(cast.town1).get(url).content.decode()
        assert "城关街道 · 2026年1至7月" in page

    def test_comparable_indicator_says_so(self, login, cast):
        url = reverse(
            "indicators:indicator", args=[indicator("industrial_value_added_above_size").pk]
        )
        assert "只能采用统计部门公布的数字" in login(cast.town1).get(url).content.decode()

    def test_town_user_compares_nothing_of_other_towns(self, login, cast):
        make_value(cast.regions.town1, value=10)
        make_value(cast.regions.town2, value=99)
        url = reverse("indicators:indicator", args=[indicator("industrial_output_above_size").pk])
        page = login(cast.town1).get(
            url, {"region": cast.regions.town1.pk, "year": 2026, "month": 5}
        )
        text = page.content.decode()
        assert chart_data(text, "compare-data")["regions"] == ["城关街道"]
        assert "东岭镇" not in text

    def test_other_towns_region_is_not_a_choice(self, login, cast):
        make_value(cast.regions.town2, value=99)
        url = reverse("indicators:indicator", args=[indicator("industrial_output_above_size").pk])
        page = login(cast.town1).get(
            url, {"region": cast.regions.town2.pk, "year": 2026, "month": 5}
        )
        text = page.content.decode()
        assert page.status_code == 200 and "errorlist" in text
        main = text.split("<main>")[1].split("</main>")[0]
        # option values are primary keys, which on PostgreSQL can read 99…: not figures
        assert "99" not in re.sub(r'value="[^"]*"', "", main)

    def test_user_without_region_sees_nothing(self, login, cast):
        url = reverse("indicators:indicator", args=[indicator("exports").pk])
        assert "未分配地区" in login(cast.no_region).get(url).content.decode()


@pytest.mark.django_db
def test_indicator_page_query_count_does_not_grow_with_data(
    login, cast, django_assert_max_num_queries
):
    """The catalogue list has its baseline in test_query_counts.py; the indicator's page is
    not a list, so its own limit is checked here."""
    import json
    from pathlib import Path

    limits = json.loads((Path(__file__).parent / "query_counts.json").read_text())
    for key in [i.key for i in Indicator.objects.all()][:6]:
        for month in range(1, 9):
            for region in (cast.regions.town1, cast.regions.town2, cast.regions.county):
                make_value(region, key, month=month, value=month * 10)
    client = login(cast.leader)
    url = reverse("indicators:indicator", args=[Indicator.objects.first().pk])
    with django_assert_max_num_queries(limits["indicators:indicator"]):
        client.get(url, {"region": cast.regions.county.pk, "year": 2026, "month": 8})
