import io
from decimal import Decimal

import pytest
from django.urls import reverse

from mujun.core.spreadsheets import workbook_bytes
from mujun.indicators.imports import IndicatorValueImporter
from mujun.indicators.models import IndicatorValue
from mujun.indicators.testing import make_value

HEADER = ["地区", "指标", "年份", "月份", "累计值", "单位", "同比增长（%）"]


def xlsx(rows, header=HEADER) -> bytes:
    return workbook_bytes(header, rows)


def state():
    return sorted(
        IndicatorValue.objects.values_list(
            "region__code", "indicator__key", "year", "month", "value", "yoy_pct", "version"
        )
    )


@pytest.mark.django_db
class TestIndicatorValueImport:
    def test_good_file_creates_then_second_import_changes_nothing(self, cast):
        content = xlsx(
            [
                ["城关街道", "fiscal_revenue", 2026, 5, 1.79, "亿元", "8.8%"],
                ["339102001", "规上工业总产值", 2026, 5, "326000000", "元", None],
                ["城关街道", "foreign_capital_actual", 2026, 5, 5735, "万美元", 13],
            ]
        )
        first = IndicatorValueImporter(cast.town1).run("v.xlsx", content)
        assert first.ok, [str(p) for p in first.problems]
        assert first.created == 3
        fiscal = IndicatorValue.objects.get(indicator__key="fiscal_revenue")
        assert fiscal.value == Decimal("17900") and fiscal.yoy_pct == Decimal("8.8")
        assert fiscal.source == "imported" and fiscal.entered_unit == "亿元"
        output = IndicatorValue.objects.get(indicator__key="industrial_output_above_size")
        assert output.value == Decimal("32600") and output.yoy_pct is None
        before, history = state(), IndicatorValue.history.count()
        second = IndicatorValueImporter(cast.town1).run("v.xlsx", content)
        assert second.ok and (second.created, second.updated, second.unchanged) == (0, 0, 3)
        assert state() == before
        assert IndicatorValue.history.count() == history

    def test_same_figure_in_another_unit_is_no_change(self, cast):
        make_value(cast.regions.town1, "fiscal_revenue", value="17900")
        result = IndicatorValueImporter(cast.town1).run(
            "v.xlsx", xlsx([["城关街道", "fiscal_revenue", 2026, 5, "179000000", "元", None]])
        )
        assert result.unchanged == 1 and result.updated == 0

    def test_changed_row_updates_by_natural_key(self, cast):
        v = make_value(cast.regions.town1, "fiscal_revenue", value="100")
        result = IndicatorValueImporter(cast.town1).run(
            "v.xlsx", xlsx([["城关街道", "财政总收入", 2026, 5, 120, "万元", "-3.5"]])
        )
        assert result.updated == 1
        v.refresh_from_db()
        assert v.value == Decimal("120") and v.yoy_pct == Decimal("-3.5") and v.version == 2

    def test_bad_file_writes_nothing_and_lists_row_column_reason(self, cast):
        content = xlsx(
            [
                ["城关街道", "fiscal_revenue", 2026, 5, 100, "万元", None],
                ["东岭镇", "fiscal_revenue", 2026, 5, 100, "万元", None],
                ["城关街道", "exports", 2026, 13, 100, "万元", None],
                ["城关街道", "foreign_capital_actual", 2026, 5, 100, "万元", None],
                ["城关街道", "no_such_thing", 2026, 5, 100, "万元", None],
                ["城关街道", "exports", 2026, 5, "很多", "万元", None],
                ["城关街道", "fiscal_revenue", 2026, 5, 100, "万元", None],
            ]
        )
        result = IndicatorValueImporter(cast.town1).run("v.xlsx", content)
        assert not result.ok
        problems = [str(p) for p in result.problems]
        assert any(
            p.startswith("第 3 行，「地区」") and "不在您的管辖范围内" in p for p in problems
        )
        assert any(p.startswith("第 4 行，「月份」") for p in problems)
        assert any(p.startswith("第 5 行，「单位」") and "万美元" in p for p in problems)
        assert any(p.startswith("第 6 行，「指标」") and "no_such_thing" in p for p in problems)
        assert any(p.startswith("第 7 行，「累计值」") for p in problems)
        assert any(p.startswith("第 8 行") and "与第 2 行重复" in p for p in problems)
        assert IndicatorValue.objects.count() == 0

    def test_missing_column_is_reported(self, cast):
        result = IndicatorValueImporter(cast.town1).run(
            "v.xlsx", xlsx([["城关街道", "fiscal_revenue", 2026, 5, 1]], header=HEADER[:5])
        )
        assert [str(p) for p in result.problems] == ["第 1 行，「单位」：缺少必填列"]

    def test_csv_in_gbk(self, cast):
        text = "地区,指标,年份,月份,累计值,单位\n城关街道,exports,2026,3,2.5,亿元\n"
        result = IndicatorValueImporter(cast.town1).run("v.csv", text.encode("gbk"))
        assert result.ok and IndicatorValue.objects.get().value == Decimal("25000")


@pytest.mark.django_db
class TestImportPage:
    def test_template_download_and_upload(self, login, cast):
        client = login(cast.town1)
        url = reverse("indicators:indicatorvalue_import")
        template = client.get(url + "?template=1")
        assert template.status_code == 200 and template["Content-Type"].startswith(
            "application/vnd.openxmlformats"
        )
        from mujun.core.spreadsheets import read_rows

        assert read_rows("t.xlsx", template.content)[0][:6] == HEADER[:6]
        upload = io.BytesIO(xlsx([["城关街道", "exports", 2026, 5, 3, "亿元", None]]))
        upload.name = "v.xlsx"
        response = client.post(url, {"file": upload})
        assert response.status_code == 200 and "新增 1 条" in response.content.decode()

    def test_viewer_cannot_import(self, login, cast):
        assert (
            login(cast.viewer).get(reverse("indicators:indicatorvalue_import")).status_code == 403
        )


@pytest.mark.django_db
def test_checking_a_file_reads_regions_indicators_and_stored_values_once(cast):
    """Regions, indicators and the stored figures are read once a file, not once a row (they
    were three queries of a row's seven): what is left is the model's own validation."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_value(cast.regions.town1, year=2001, month=1)  # one row updates a stored figure

    def queries(n):
        rows = [
            [
                "城关街道",
                "industrial_output_above_size",
                2000 + i // 12,
                i % 12 + 1,
                "5",
                "万元",
                "",
            ]
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as captured:
            result = IndicatorValueImporter(cast.admin).run("x.xlsx", xlsx(rows))
        assert result.ok and result.created + result.updated + result.unchanged == n
        return len(captured)

    small, large = queries(10), queries(40)
    # checked and written as sets (core/bulk_imports.py): no query a row, whatever the file;
    # only the longer file updates a stored figure (read, update, history, event)
    assert large == small + 4


@pytest.mark.django_db
def test_a_new_figure_has_its_audit_record_and_its_ledger_event(cast):
    content = xlsx([["城关街道", "fiscal_revenue", 2026, 5, 1.79, "亿元", "8.8%"]])
    assert IndicatorValueImporter(cast.town1).run("v.xlsx", content).created == 1
    value = IndicatorValue.objects.get()
    (record,) = value.history.all()
    assert record.history_type == "+" and record.history_user == cast.town1
    assert record.value == Decimal("17900") and record.source == "imported"
    (event,) = value.events.all()
    assert event.kind == "imported" and event.user == cast.town1
    assert "1.79亿元" in event.text and "v.xlsx" in event.text
