"""Reading, correcting, dropping and accepting: what becomes an indicator value, and how."""

from decimal import Decimal

import pytest

from mujun.indicators.choices import Source
from mujun.indicators.models import IndicatorValue
from mujun.reader import actions
from mujun.reader.choices import FactStatus
from mujun.reader.models import Report
from mujun.regions.models import Region

from .helpers import REPORT, fact, read

pytestmark = pytest.mark.django_db


def test_reading_stores_the_report_and_every_fact_with_its_mapping(cast):
    report = read(cast.town1)
    assert report.region == cast.regions.town1 and report.uploaded_by == cast.town1
    revenue = fact(report, "fiscal_revenue")
    assert (revenue.region_name, revenue.year, revenue.month) == ("湘东镇", 2022, 5)
    assert (revenue.value, revenue.unit, revenue.yoy_pct) == (
        Decimal("1790000000"),
        "元",
        Decimal("8.8"),
    )
    assert (
        REPORT[revenue.span_start : revenue.span_end] == revenue.span == revenue.extracted["span"]
    )


def test_the_same_text_read_twice_in_a_region_is_one_report(cast):
    first = read(cast.town1)
    again, created = actions.read_report(user=cast.town1, title="又一次", text=REPORT)
    assert again == first and not created
    # another town reads it for itself
    assert read(cast.town2) != first


def test_accepting_creates_the_peer_region_outside_the_tree_with_report_values(cast):
    report = read(cast.town1)
    result = actions.accept_report(report=report, user=cast.leader)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    peer = Region.objects.get(name="湘东镇")
    assert peer.is_peer and peer.parent is None and peer.code == "990001"
    values = IndicatorValue.objects.filter(region=peer).order_by("indicator__sort_order")
    assert [(v.indicator.key, v.year, v.month, v.value) for v in values] == [
        ("fiscal_revenue", 2022, 5, Decimal("179000.0000")),
        ("industrial_output_above_size", 2022, 5, Decimal("3260000.0000")),
        ("exports", 2022, 5, Decimal("840000.0000")),
    ]
    assert {v.source for v in values} == {Source.REPORT}
    assert fact(report, "fiscal_revenue").indicator_value.report_facts.get().report == report
    # the signed-projects count is not in the catalogue and its month is open: it waits
    skipped = dict((f.indicator_key, reasons) for f, reasons in result.skipped)
    assert set(skipped) == {"signed_projects_count"}
    assert fact(report, "signed_projects_count").status == FactStatus.PENDING
    report.refresh_from_db()
    assert report.accepted_by == cast.leader and report.accepted_at is not None


def test_accepting_twice_writes_nothing_new(cast):
    report = read(cast.town1)
    actions.accept_report(report=report, user=cast.leader)
    versions = list(IndicatorValue.objects.values_list("pk", "version"))
    result = actions.accept_report(report=report, user=cast.leader)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert list(IndicatorValue.objects.values_list("pk", "version")) == versions


def test_a_second_peer_gets_the_next_code(cast):
    actions.accept_report(report=read(cast.town1), user=cast.leader)
    other = read(cast.town1, text=REPORT.replace("湘东镇", "麻山镇"))
    actions.accept_report(report=other, user=cast.leader)
    assert Region.objects.get(name="麻山镇").code == "990002"


def test_dropped_facts_are_not_accepted_and_dropping_later_archives_the_value(cast):
    report = read(cast.town1)
    actions.drop_fact(fact=fact(report, "exports"), user=cast.town1)
    actions.accept_report(report=report, user=cast.leader)
    assert not IndicatorValue.objects.filter(indicator__key="exports").exists()
    revenue = fact(report, "fiscal_revenue")
    actions.drop_fact(fact=revenue, user=cast.town1)
    assert IndicatorValue.objects.get(indicator__key="fiscal_revenue").is_archived
    actions.keep_fact(fact=fact(report, "fiscal_revenue"), user=cast.town1)
    actions.accept_report(report=report, user=cast.leader)
    assert not IndicatorValue.objects.get(indicator__key="fiscal_revenue").is_archived


def test_a_corrected_fact_moves_its_value(cast):
    report = read(cast.town1)
    actions.accept_report(report=report, user=cast.leader)
    revenue = fact(report, "fiscal_revenue")
    revenue.month, revenue.corrected, revenue.status = 4, True, FactStatus.PENDING
    revenue.save()
    actions.accept_report(report=report, user=cast.leader)
    rows = IndicatorValue.objects.filter(indicator__key="fiscal_revenue")
    assert {(v.month, v.is_archived) for v in rows} == {(4, False), (5, True)}


def test_a_correction_of_month_and_indicator_makes_an_open_fact_acceptable(cast):
    report = read(cast.town1)
    signed = fact(report, "signed_projects_count")
    signed.indicator_key, signed.value, signed.unit = "exports", Decimal("7"), "亿元"
    signed.month, signed.corrected = 6, True
    signed.save()
    actions.accept_report(report=report, user=cast.leader)
    assert IndicatorValue.objects.get(indicator__key="exports", month=6).value == Decimal("70000")


def test_the_installations_own_region_is_never_written_from_a_report(cast):
    report = read(cast.town1, text=REPORT.replace("湘东镇", "东岭镇"))
    result = actions.accept_report(report=report, user=cast.leader)
    assert result.accepted == 0
    assert any("本系统内的地区" in r for _f, reasons in result.skipped for r in reasons)
    assert not IndicatorValue.objects.exists()


def test_two_facts_for_one_value_in_a_report_are_refused(cast):
    text = REPORT + "1-5月,全镇完成财政总收入18亿元。"
    report = read(cast.town1, text=text)
    result = actions.accept_report(report=report, user=cast.leader)
    assert any("相同" in r for _f, reasons in result.skipped for r in reasons)
    assert IndicatorValue.objects.get(indicator__key="fiscal_revenue").value == Decimal("179000")


def test_a_superuser_reads_into_the_top_of_the_tree(cast):
    report = read(cast.root)
    assert report.region == cast.regions.province
    with pytest.raises(actions.CannotRead):
        read(cast.no_region)
    assert Report.objects.count() == 1
