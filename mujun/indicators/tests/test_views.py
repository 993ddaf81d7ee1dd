from decimal import Decimal

import pytest
from django.urls import reverse

from mujun.core.testing import ViewScopeSuite
from mujun.indicators.models import IndicatorValue, Target
from mujun.indicators.testing import indicator, make_target, make_value


class TestIndicatorValueViewScope(ViewScopeSuite):
    model = IndicatorValue
    view_urls = ("indicators:indicatorvalue", "indicators:indicatorvalue_history")
    change_urls = ("indicators:indicatorvalue_edit", "indicators:indicatorvalue_archive")
    list_url = "indicators:indicatorvalue_list"
    post_url = "indicators:indicatorvalue_edit"

    def make(self, region):
        return make_value(region, value="1234.5")

    def marker(self, obj):
        return obj.region.name

    def post_data(self, obj):
        return {
            "region": obj.region.code,
            "indicator": obj.indicator.key,
            "year": obj.year,
            "month": obj.month,
            "amount": "9999",
            "unit": "万元",
            "version": obj.version,
        }


class TestTargetViewScope(ViewScopeSuite):
    model = Target
    view_urls = ("indicators:target_history",)
    change_urls = ("indicators:target_edit", "indicators:target_archive")
    list_url = "indicators:target_list"
    post_url = "indicators:target_edit"

    def make(self, region):
        return make_target(region)

    def marker(self, obj):
        return obj.region.name

    def post_data(self, obj):
        return {
            "region": obj.region.code,
            "indicator": obj.indicator.key,
            "year": obj.year,
            "amount": "1",
            "unit": "亿元",
            "version": obj.version,
        }


@pytest.mark.django_db
class TestValueList:
    def test_filters_and_derived_columns(self, login, cast):
        r = cast.regions
        make_value(r.town1, year=2025, month=5, value="800")
        make_value(r.town1, month=4, value="700")
        make_value(r.town1, value="1000")
        make_value(r.town2, "exports", value="50")
        client = login(cast.leader)
        url = reverse("indicators:indicatorvalue_list")
        page = client.get(f"{url}?region={r.town1.code}&year=2026&month=5").content.decode()
        # monthly value 1000 − 700, YoY (1000 − 800) ÷ 800 = 25%
        assert ">城关街道</a>" in page and ">东岭镇</a>" not in page
        assert ">300<" in page and ">25<" in page and "计算" in page
        only_exports = client.get(f"{url}?indicator=exports").content.decode()
        assert ">东岭镇</a>" in only_exports and ">城关街道</a>" not in only_exports

    def test_export_has_the_derived_figures(self, login, cast):
        make_value(cast.regions.town1, month=4, value="700")
        make_value(cast.regions.town1, value="1000")
        response = login(cast.town1).get(
            reverse("indicators:indicatorvalue_list") + "?month=5&export=xlsx"
        )
        from mujun.core.spreadsheets import read_rows

        rows = read_rows("x.xlsx", response.getvalue())
        assert rows[0][:6] == ["地区", "指标", "期间", "累计值", "单位", "当月值"]
        assert rows[1][0] == "城关街道" and rows[1][5] == "300"

    def test_empty_state(self, login, cast):
        page = login(cast.town1).get(reverse("indicators:indicatorvalue_list")).content.decode()
        assert "没有符合条件的记录" in page

    def test_paginates(self, login, cast):
        for month in range(1, 13):
            make_value(cast.regions.town1, month=month, value=month * 100)
        page = login(cast.town1).get(reverse("indicators:indicatorvalue_list") + "?per_page=10")
        assert "第 1 / 2 页" in page.content.decode()


@pytest.mark.django_db
class TestValueDetail:
    def test_rules_and_reasons_are_shown(self, login, cast):
        r = cast.regions
        v = make_value(r.town1, value="1000")
        make_value(r.town1, month=4, value="700")
        make_value(r.town2, value="400")
        make_target(r.town1, value="2400")
        page = (
            login(cast.leader)
            .get(reverse("indicators:indicatorvalue", args=[v.pk]))
            .content.decode()
        )
        assert "本月累计值 − 上月累计值" in page
        assert "缺少上年同期数据" in page
        assert "41.67" in page  # 序时进度 5 ÷ 12
        assert "落后序时进度" not in page  # 1000 ÷ 2400 = 41.67% equals time progress
        assert "1/2" in page  # first of the two towns by value
        assert "上级地区本期无数据" in page

    def test_comparable_indicator_says_only_reported_growth_is_valid(self, login, cast):
        make_value(cast.regions.town1, "industrial_value_added_above_size", year=2025, value="90")
        v = make_value(cast.regions.town1, "industrial_value_added_above_size", value="100")
        page = (
            login(cast.town1)
            .get(reverse("indicators:indicatorvalue", args=[v.pk]))
            .content.decode()
        )
        assert "只能采用统计部门公布的数字" in page

    def test_town_officer_sees_the_towns_place_but_no_other_towns_figure(self, login, cast):
        v = make_value(cast.regions.town1, value="1000")
        make_value(cast.regions.town2, value="5000")
        page = (
            login(cast.town1)
            .get(reverse("indicators:indicatorvalue", args=[v.pk]))
            .content.decode()
        )
        assert ">2/2<" in page
        assert "5000" not in page and "5,000" not in page and "东岭" not in page


@pytest.mark.django_db
class TestEntry:
    def test_officer_enters_a_figure_in_yi_and_it_is_stored_in_wan(self, login, cast):
        response = login(cast.town1).post(
            reverse("indicators:indicatorvalue_add"),
            {
                "region": cast.regions.town1.code,
                "indicator": "fiscal_revenue",
                "year": 2026,
                "month": 5,
                "amount": "1.79",
                "unit": "亿元",
                "yoy_pct": "8.8",
            },
        )
        assert response.status_code == 302
        v = IndicatorValue.objects.get()
        assert v.value == Decimal("17900") and v.source == "typed" and v.entered_unit == "亿元"
        assert v.history.first().history_user == cast.town1

    def test_wrong_unit_family_is_refused(self, login, cast):
        response = login(cast.town1).post(
            reverse("indicators:indicatorvalue_add"),
            {
                "region": cast.regions.town1.code,
                "indicator": "foreign_capital_actual",
                "year": 2026,
                "month": 5,
                "amount": "5735",
                "unit": "万元",
            },
        )
        assert response.status_code == 400 and "不适用于此指标" in response.content.decode()
        assert not IndicatorValue.objects.exists()

    def test_second_figure_for_the_same_key_is_refused(self, login, cast):
        make_value(cast.regions.town1, "fiscal_revenue")
        response = login(cast.town1).post(
            reverse("indicators:indicatorvalue_add"),
            {
                "region": cast.regions.town1.code,
                "indicator": "fiscal_revenue",
                "year": 2026,
                "month": 5,
                "amount": "1",
                "unit": "万元",
            },
        )
        assert response.status_code == 400 and "已有数据" in response.content.decode()

    def test_officer_cannot_enter_for_another_town(self, login, cast):
        response = login(cast.town1).post(
            reverse("indicators:indicatorvalue_add"),
            {
                "region": cast.regions.town2.code,
                "indicator": "fiscal_revenue",
                "year": 2026,
                "month": 5,
                "amount": "1",
                "unit": "万元",
            },
        )
        assert response.status_code == 400 and not IndicatorValue.objects.exists()

    def test_stale_version_is_refused(self, login, cast):
        v = make_value(cast.regions.town1)
        data = TestIndicatorValueViewScope().post_data(v)
        client = login(cast.town1)
        url = reverse("indicators:indicatorvalue_edit", args=[v.pk])
        assert client.post(url, data).status_code == 302
        assert client.post(url, {**data, "amount": "1"}).status_code == 409
        v.refresh_from_db()
        assert v.value == Decimal("9999") and v.version == 2


@pytest.mark.django_db
class TestSumFromChildren:
    def test_county_officer_writes_the_county_as_the_towns_sum(self, login, cast):
        from mujun.core.roles import Role

        r = cast.regions
        make_value(r.town1, value="600.5")
        make_value(r.town2, value="400")
        cast.admin.role = Role.OFFICER
        cast.admin.save()
        response = login(cast.admin).post(
            reverse("indicators:indicatorvalue_sum"),
            {
                "region": r.county.pk,
                "indicator": indicator("industrial_output_above_size").pk,
                "year": 2026,
                "month": 5,
            },
        )
        assert response.status_code == 302
        county = IndicatorValue.objects.get(region=r.county)
        assert county.value == Decimal("1000.5") and county.source == "summed"

    def test_refused_when_a_child_has_not_reported(self, login, cast):
        make_value(cast.regions.town1)
        response = login(cast.admin).post(
            reverse("indicators:indicatorvalue_sum"),
            {
                "region": cast.regions.county.pk,
                "indicator": indicator("industrial_output_above_size").pk,
                "year": 2026,
                "month": 5,
            },
            follow=True,
        )
        assert "2 个下级地区中有 1 个本期未报" in response.content.decode()
        assert not IndicatorValue.objects.filter(region=cast.regions.county).exists()

    def test_town_officer_cannot_sum_the_county(self, login, cast):
        make_value(cast.regions.town1)
        make_value(cast.regions.town2)
        response = login(cast.town1).post(
            reverse("indicators:indicatorvalue_sum"),
            {
                "region": cast.regions.county.pk,
                "indicator": indicator("industrial_output_above_size").pk,
                "year": 2026,
                "month": 5,
            },
        )
        assert response.status_code == 404
        assert not IndicatorValue.objects.filter(region=cast.regions.county).exists()

    def test_mismatch_with_a_reported_parent_is_flagged(self, login, cast):
        r = cast.regions
        make_value(r.town1, value="600")
        make_value(r.town2, value="400")
        county = make_value(r.county, value="1200")
        page = (
            login(cast.leader)
            .get(reverse("indicators:indicatorvalue", args=[county.pk]))
            .content.decode()
        )
        assert "与填报值不符，相差 200" in page


@pytest.mark.django_db
class TestTargetEntry:
    def data(self, region, **changes):
        return {
            "region": region.code,
            "indicator": "exports",
            "year": 2026,
            "amount": "2.5",
            "unit": "亿元",
            "growth_pct": "6",
            **changes,
        }

    def test_officer_sets_a_target_for_own_town(self, login, cast):
        response = login(cast.town1).post(
            reverse("indicators:target_add"), self.data(cast.regions.town1)
        )
        assert response.status_code == 302
        assert Target.objects.get().value == Decimal("25000")

    def test_officer_cannot_set_another_towns_target(self, login, cast):
        response = login(cast.town2).post(
            reverse("indicators:target_add"), self.data(cast.regions.town1)
        )
        assert response.status_code == 400 and not Target.objects.exists()

    def test_negative_target_is_refused(self, login, cast):
        response = login(cast.town1).post(
            reverse("indicators:target_add"), self.data(cast.regions.town1, amount="-1")
        )
        assert response.status_code == 400 and "不能为负数" in response.content.decode()
