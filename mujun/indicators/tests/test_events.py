"""Every verb done to an indicator value writes one row of the value's ledger, and the value's
page shows the ledger as its timeline (STYLE.md §9)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mujun.indicators import actions
from mujun.indicators.events import describe, figure_text
from mujun.indicators.imports import IndicatorValueImporter
from mujun.indicators.models import IndicatorEvent, IndicatorValue
from mujun.indicators.testing import indicator, make_value

from .test_api import ITEM, auth, post
from .test_imports import xlsx

pytestmark = pytest.mark.django_db


def only_event(value) -> IndicatorEvent:
    """The value's one event (fails when there are none or several)."""
    return IndicatorEvent.objects.get(value=value)


def entry(region, **changes):
    return {
        "region": region.code,
        "indicator": "fiscal_revenue",
        "year": 2026,
        "month": 5,
        "amount": "1.79",
        "unit": "亿元",
        "yoy_pct": "8.8",
        **changes,
    }


class TestFigureText:
    def test_wan_yuan_amounts_are_written_in_yi_from_ten_thousand_up(self):
        assert figure_text(Decimal("179000.0000"), "万元") == "17.9亿元"
        assert figure_text(Decimal("8000.5000"), "万元") == "8000.5万元"

    def test_other_units_are_the_number_with_the_unit(self):
        assert figure_text(Decimal("5735.0000"), "万美元") == "5735万美元"
        assert figure_text(Decimal("19"), "个") == "19个"

    def test_january_is_written_as_one_month(self, cast):
        value = make_value(cast.regions.town1, "exports", month=1, value="840")
        assert describe(value) == "2026年1月 累计值 840万元"


class TestTypedByHand:
    def test_a_new_figure_writes_one_entered_event(self, login, cast):
        # given a town officer, when they enter their town's figure in 亿元
        response = login(cast.town1).post(
            reverse("indicators:indicatorvalue_add"), entry(cast.regions.town1)
        )
        # then the value's ledger has one "entered" row of their town, by them
        assert response.status_code == 302
        event = only_event(IndicatorValue.objects.get())
        assert (event.kind, event.region, event.user) == ("entered", cast.regions.town1, cast.town1)
        assert event.text == "录入 2026年1至5月 累计值 1.79亿元，同比 8.8%"
        assert event.data == {"value": "17900.0000", "yoy_pct": "8.80"}

    def test_a_changed_figure_writes_one_corrected_event_naming_the_old_figure(self, login, cast):
        # given a stored figure of 1000 万元
        value = make_value(cast.regions.town1, "fiscal_revenue", value="1000")
        # when the officer corrects it to 1.2 亿元
        url = reverse("indicators:indicatorvalue_edit", args=[value.pk])
        data = {**entry(cast.regions.town1, amount="1.2", yoy_pct=""), "version": 1}
        assert login(cast.town1).post(url, data).status_code == 302
        # then one "corrected" event says what it is now and what it was
        event = only_event(value)
        assert (event.kind, event.region, event.user) == (
            "corrected",
            cast.regions.town1,
            cast.town1,
        )
        assert event.text == "更正 2026年1至5月 累计值 1.2亿元（原 1000万元）"
        assert event.data["previous"] == "1000.0000"

    def test_a_changed_growth_alone_is_a_correction_too(self, login, cast):
        value = make_value(cast.regions.town1, "fiscal_revenue", value="17900")
        url = reverse("indicators:indicatorvalue_edit", args=[value.pk])
        data = {**entry(cast.regions.town1, yoy_pct="-3.2"), "version": 1}
        assert login(cast.town1).post(url, data).status_code == 302
        assert only_event(value).text == "更正 2026年1至5月 累计值 1.79亿元，同比 -3.2%"

    def test_saving_the_form_unchanged_writes_no_event(self, login, cast):
        # given a stored figure of 1.79 亿元, when it is saved again as 179,000,000 元
        value = make_value(cast.regions.town1, "fiscal_revenue", value="17900", yoy_pct="8.8")
        url = reverse("indicators:indicatorvalue_edit", args=[value.pk])
        data = {**entry(cast.regions.town1, amount="179000000", unit="元"), "version": 1}
        assert login(cast.town1).post(url, data).status_code == 302
        # then nothing is recorded: the figure is what it was
        assert not IndicatorEvent.objects.exists()

    def test_a_patch_through_the_api_is_a_correction_by_the_token_user(self, client, cast):
        value = make_value(cast.regions.town1, value="1")
        response = client.patch(
            f"/api/indicators/values/{value.pk}",
            {"version": 1, "value": "2.5", "unit": "亿元"},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert response.status_code == 200
        event = only_event(value)
        assert (event.kind, event.user) == ("corrected", cast.town1)
        assert event.text == "更正 2026年1至5月 累计值 2.5亿元（原 1万元）"

    def test_a_refused_stale_save_writes_no_event(self, login, cast):
        value = make_value(cast.regions.town1, "fiscal_revenue", value="1000")
        url = reverse("indicators:indicatorvalue_edit", args=[value.pk])
        data = {**entry(cast.regions.town1), "version": 7}
        assert login(cast.town1).post(url, data).status_code == 409
        assert not IndicatorEvent.objects.exists()

    def test_a_figure_not_in_wan_yuan_is_written_with_its_unit(self, login, cast):
        login(cast.town1).post(
            reverse("indicators:indicatorvalue_add"),
            entry(
                cast.regions.town1,
                indicator="foreign_capital_actual",
                amount="5735",
                unit="万美元",
                yoy_pct="",
            ),
        )
        event = only_event(IndicatorValue.objects.get())
        assert event.text == "录入 2026年1至5月 累计值 5735万美元"


class TestApiBatch:
    ITEMS = [
        ITEM,
        {**ITEM, "indicator": "exports", "value": 84, "yoy_pct": None},
        {**ITEM, "indicator": "industrial_output_above_size", "value": 326, "yoy_pct": None},
    ]

    def test_a_batch_of_three_new_figures_writes_three_imported_events(self, client, cast):
        # when a batch of three new figures arrives through the API
        assert post(client, cast.town1, self.ITEMS).status_code == 200
        # then each value has one "imported" event naming the API as its source
        events = list(IndicatorEvent.objects.order_by("value__indicator__sort_order"))
        assert len(events) == 3
        assert {(e.kind, e.region, e.user) for e in events} == {
            ("imported", cast.regions.town1, cast.town1)
        }
        assert events[0].text == "导入 2026年1至5月 累计值 17.9亿元，同比 8.8%，来源：接口批量报送"
        assert [e.value.indicator.key for e in events] == [
            "fiscal_revenue",
            "industrial_output_above_size",
            "exports",
        ]

    def test_the_same_batch_again_writes_no_event(self, client, cast):
        post(client, cast.town1, self.ITEMS)
        before = IndicatorEvent.objects.count()
        response = post(client, cast.town1, self.ITEMS)
        assert response.json()["unchanged"] == 3
        assert IndicatorEvent.objects.count() == before

    def test_only_the_changed_figure_of_a_batch_writes_an_event(self, client, cast):
        post(client, cast.town1, self.ITEMS)
        changed = [self.ITEMS[0], {**self.ITEMS[1], "value": 90}, self.ITEMS[2]]
        post(client, cast.town1, changed)
        latest = IndicatorEvent.objects.order_by("-pk").first()
        assert IndicatorEvent.objects.count() == 4
        assert latest.text == (
            "导入更新 2026年1至5月 累计值 90亿元（原 84亿元），来源：接口批量报送"
        )
        assert latest.data["via"] == "api"

    def test_a_refused_batch_writes_no_event(self, client, cast):
        items = [ITEM, {**ITEM, "region": cast.regions.town2.code, "indicator": "exports"}]
        assert post(client, cast.town1, items).status_code == 422
        assert not IndicatorEvent.objects.exists()


class TestExcelImport:
    ROWS = [
        ["城关街道", "fiscal_revenue", 2026, 5, 1.79, "亿元", "8.8%"],
        ["339102001", "规上工业总产值", 2026, 5, "326000000", "元", None],
        ["城关街道", "foreign_capital_actual", 2026, 5, 5735, "万美元", 13],
    ]

    def test_a_file_of_three_new_rows_writes_three_events_in_one_insert(self, cast):
        # when a file of three new figures is imported
        with CaptureQueriesContext(connection) as queries:
            result = IndicatorValueImporter(cast.town1).run("5月.xlsx", xlsx(self.ROWS))
        assert result.created == 3
        # then there are three "imported" events, naming the file, written by one insert
        events = IndicatorEvent.objects.all()
        assert {(e.kind, e.region, e.user) for e in events} == {
            ("imported", cast.regions.town1, cast.town1)
        }
        assert sorted(e.text for e in events) == [
            "导入 2026年1至5月 累计值 1.79亿元，同比 8.8%，来源：Excel 文件“5月.xlsx”",
            "导入 2026年1至5月 累计值 3.26亿元，来源：Excel 文件“5月.xlsx”",
            "导入 2026年1至5月 累计值 5735万美元，同比 13%，来源：Excel 文件“5月.xlsx”",
        ]
        inserts = [
            q for q in queries if q["sql"].startswith('INSERT INTO "indicators_indicatorevent"')
        ]
        assert len(inserts) == 1

    def test_importing_the_same_file_again_writes_no_event(self, cast):
        IndicatorValueImporter(cast.town1).run("5月.xlsx", xlsx(self.ROWS))
        second = IndicatorValueImporter(cast.town1).run("5月.xlsx", xlsx(self.ROWS))
        assert second.unchanged == 3
        assert IndicatorEvent.objects.count() == 3

    def test_a_changed_row_writes_one_event_with_the_old_figure(self, cast):
        value = make_value(cast.regions.town1, "fiscal_revenue", value="100")
        IndicatorValueImporter(cast.town1).run(
            "6月.xlsx", xlsx([["城关街道", "财政总收入", 2026, 5, 120, "万元", None]])
        )
        event = only_event(value)
        assert (
            event.text
            == "导入更新 2026年1至5月 累计值 120万元（原 100万元），来源：Excel 文件“6月.xlsx”"
        )
        assert event.data["file"] == "6月.xlsx"

    def test_a_file_with_a_bad_row_writes_no_event(self, cast):
        rows = [*self.ROWS, ["东岭镇", "fiscal_revenue", 2026, 5, 1, "万元", None]]
        assert not IndicatorValueImporter(cast.town1).run("5月.xlsx", xlsx(rows)).ok
        assert not IndicatorEvent.objects.exists()


class TestSumFromChildren:
    def test_summing_writes_one_summed_event_of_the_parent(self, cast):
        # given both towns' figures, when the county's is written as their sum
        r = cast.regions
        make_value(r.town1, value="600.5")
        make_value(r.town2, value="400")
        county = actions.sum_from_children(
            region=r.county,
            indicator=indicator("industrial_output_above_size"),
            year=2026,
            month=5,
            user=cast.admin,
        )
        # then the county's value has one "summed" event of the county, by the admin
        event = only_event(county)
        assert (event.kind, event.region, event.user) == ("summed", r.county, cast.admin)
        assert event.text == "按 2 个下级地区合计写入 2026年1至5月 累计值 1000.5万元"
        assert event.data["children"] == 2

    def test_summing_again_without_change_writes_nothing(self, cast):
        r = cast.regions
        make_value(r.town1, value="600")
        make_value(r.town2, value="400")
        args = {
            "region": r.county,
            "indicator": indicator("industrial_output_above_size"),
            "year": 2026,
            "month": 5,
            "user": cast.admin,
        }
        county = actions.sum_from_children(**args)
        actions.sum_from_children(**args)
        assert IndicatorEvent.objects.filter(value=county).count() == 1


class TestTimeline:
    def test_the_value_page_shows_its_timeline(self, login, cast):
        client = login(cast.town1)
        client.post(reverse("indicators:indicatorvalue_add"), entry(cast.regions.town1))
        value = IndicatorValue.objects.get()
        page = client.get(reverse("indicators:indicatorvalue", args=[value.pk])).content.decode()
        assert "时间线" in page
        assert "录入 2026年1至5月 累计值 1.79亿元" in page and cast.town1.display_name in page

    def test_a_value_without_events_says_so(self, login, cast):
        value = make_value(cast.regions.town1)
        page = (
            login(cast.town1)
            .get(reverse("indicators:indicatorvalue", args=[value.pk]))
            .content.decode()
        )
        assert "暂无记录" in page

    def test_a_town_officer_does_not_read_another_towns_events(self, login, cast):
        # given a town1 value whose ledger holds a row carrying town2's region (as a row naming
        # another town's object does) beside its own
        value = make_value(cast.regions.town1)
        IndicatorEvent.objects.create(
            value=value, region=cast.regions.town1, kind="entered", text="本镇的记录"
        )
        IndicatorEvent.objects.create(
            value=value, region=cast.regions.town2, kind="entered", text="东岭镇的记录"
        )
        url = reverse("indicators:indicatorvalue", args=[value.pk])
        # when the town1 officer opens the value, then only their town's row is there
        page = login(cast.town1).get(url).content.decode()
        assert "本镇的记录" in page and "东岭镇的记录" not in page
        # while the county leader reads both
        page = login(cast.leader).get(url).content.decode()
        assert "本镇的记录" in page and "东岭镇的记录" in page
