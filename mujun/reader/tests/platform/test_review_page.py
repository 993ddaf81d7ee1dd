"""The review page as a town officer and a leader use it: one step for a report's region or
year, read-only benchmark reports for the towns, the compare page's default period."""

import pytest
from django.urls import reverse

from mujun.indicators.models import IndicatorValue
from mujun.indicators.testing import make_value
from mujun.reader import actions
from mujun.reader.display import amount_text, period_text
from mujun.reader.forms import CompareForm
from mujun.reader.models import ReportEvent

from .helpers import REPORT, read

pytestmark = pytest.mark.django_db

GENERIC = REPORT.replace("湘东镇以项目为抓手", "全镇以项目为抓手").replace("湘东镇经济", "某镇经济")


def test_period_and_amount_as_the_briefing_writes_them():
    from decimal import Decimal

    assert period_text(2022, 5) == "2022年1至5月"
    assert period_text(None, 5) == "年份不详1至5月"
    assert amount_text(Decimal("1790000000"), "元") == "17.9亿元"
    assert amount_text(Decimal("57350000"), "美元") == "5735万美元"
    assert amount_text(Decimal("7"), "个") == "7个"


def test_one_step_names_the_region_and_the_year_of_every_fact(login, cast):
    # given a report that calls itself 全镇 and never states its year
    report = read(cast.town1, text=GENERIC, published=None)
    assert {f.region_name for f in report.facts.all()} == {"全镇"}
    assert all(f.year is None for f in report.facts.all())
    # when the officer sets both once
    url = reverse("reader:report_set", args=[report.pk])
    data = {"region_from": "全镇", "region_name": "湘东镇", "year": "2022", "version": "1"}
    assert login(cast.town1).post(url, data).status_code == 302
    # then every fact has them, and one ledger row says so
    facts = list(report.facts.all())
    assert {(f.region_name, f.year) for f in facts} == {("湘东镇", 2022)}
    event = ReportEvent.objects.filter(report=report, kind="set").get()
    assert "由“全镇”改为“湘东镇”" in event.text and "定为 2022 年" in event.text
    # and a leader accepts the figures without touching a single fact
    result = actions.accept_report(report=report, user=cast.leader)
    assert result.accepted == 3


def test_the_bulk_form_refuses_a_generic_name(login, cast):
    report = read(cast.town1, text=GENERIC)
    url = reverse("reader:report_set", args=[report.pk])
    response = login(cast.town1).post(url, {"region_from": "全镇", "region_name": "全镇"})
    assert response.status_code == 400
    assert {f.region_name for f in report.facts.all()} == {"全镇"}


def test_a_town_officer_reads_the_countys_benchmark_report_but_cannot_change_it(login, cast):
    report = read(cast.leader)  # read at the county
    client = login(cast.town1)
    page = client.get(reverse("reader:report", args=[report.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    edit = reverse("reader:reportfact_edit", args=[report.facts.first().pk])
    assert edit not in content and "统一设置" not in content and "采纳 3 条" not in content
    url = reverse("reader:report_set", args=[report.pk])
    assert client.post(url, {"year": "2021"}).status_code == 404
    assert (
        reverse("reader:report", args=[report.pk])
        in client.get(reverse("reader:report_list")).content.decode()
    )


def test_compare_offers_no_peer_as_the_own_region(cast):
    actions.accept_report(report=read(cast.town1), user=cast.leader)
    form = CompareForm(user=cast.town1)
    assert not form.fields["region"].queryset.filter(is_peer=True).exists()


def test_compare_opens_on_a_period_with_figures_on_both_sides(login, cast):
    # peers have May and June; the town has May only
    actions.accept_report(report=read(cast.leader), user=cast.leader)
    june = REPORT.replace("1-5月", "1-6月").replace("湘东镇", "麻山镇")
    actions.accept_report(report=read(cast.leader, text=june), user=cast.leader)
    make_value(cast.regions.town1, "fiscal_revenue", year=2022, month=5, value="90000")
    response = login(cast.town1).get(reverse("reader:compare"))
    assert response.status_code == 200
    assert (response.context["year"], response.context["month"]) == (2022, 5)
    assert response.context["rows"][0].value is not None
    assert IndicatorValue.objects.filter(region__is_peer=True, month=6).exists()
