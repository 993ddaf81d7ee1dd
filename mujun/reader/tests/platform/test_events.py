"""Every verb of the review writes one row of the report's ledger; every value an acceptance
writes gets one row of the value's ledger; the report's page shows its timeline."""

import pytest
from django.urls import reverse

from mujun.indicators.models import IndicatorEvent, IndicatorValue
from mujun.reader import actions
from mujun.reader.choices import FactStatus
from mujun.reader.models import ReportEvent

from .helpers import REPORT, fact, read
from .test_api import auth

pytestmark = pytest.mark.django_db

TITLE = "湘东镇经济运行情况"


def last_event(report) -> ReportEvent:
    return report.events.order_by("-pk").first()


class TestReading:
    def test_reading_writes_one_read_event_with_the_count_of_facts(self, cast):
        # when a town officer reads a report with four figures in it
        report = read(cast.town1)
        # then the report's ledger has one "read" row of their town, by them, with the count
        event = report.events.get()
        assert (event.kind, event.region, event.user) == ("read", cast.regions.town1, cast.town1)
        assert event.text == "读取报告，找到 4 条数据" and event.data == {"facts": 4}

    def test_reading_the_same_text_again_writes_nothing(self, cast):
        report = read(cast.town1)
        actions.read_report(user=cast.town1, title="又一次", text=REPORT)
        assert report.events.count() == 1


class TestAccepting:
    def test_accepting_writes_one_accepted_event_with_the_counts(self, cast):
        report = read(cast.town1)
        # when the three facts that can be accepted are accepted, the fourth waits
        actions.accept_report(report=report, user=cast.leader)
        # then one "accepted" row of the report's region counts them
        event = last_event(report)
        assert (event.kind, event.region, event.user) == (
            "accepted",
            cast.regions.town1,
            cast.leader,
        )
        assert event.text == "采纳 3 条：新增 3，更新 0，未变 0；1 条需更正或舍弃，暂未采纳"
        assert event.data == {"created": 3, "updated": 0, "unchanged": 0, "skipped": 1}

    def test_each_value_written_gets_one_read_event_naming_the_report(self, cast):
        report = read(cast.town1)
        actions.accept_report(report=report, user=cast.leader)
        # then each of the three peer values has one "read" event of the peer region
        revenue = IndicatorValue.objects.get(indicator__key="fiscal_revenue")
        events = IndicatorEvent.objects.all()
        assert len(events) == 3
        assert {(e.kind, e.region, e.user) for e in events} == {
            ("read", revenue.region, cast.leader)
        }
        assert revenue.events.get().text == (
            f"采纳报告《{TITLE}》的摘录：2022年1至5月 累计值 17.9亿元，同比 8.8%"
        )
        assert revenue.events.get().data["report"] == report.pk

    def test_accepting_twice_writes_no_event(self, cast):
        report = read(cast.town1)
        actions.accept_report(report=report, user=cast.leader)
        counts = (report.events.count(), IndicatorEvent.objects.count())
        actions.accept_report(report=report, user=cast.leader)
        assert (report.events.count(), IndicatorEvent.objects.count()) == counts

    def test_a_corrected_figure_accepted_again_records_the_old_figure(self, cast):
        # given an accepted report whose revenue figure a second report corrects
        actions.accept_report(report=read(cast.town1), user=cast.leader)
        second = read(cast.town1, text=REPORT.replace("17.9亿元", "18亿元"))
        actions.accept_report(report=second, user=cast.leader)
        # then the value's ledger shows both readings, the second with the figure it replaced
        revenue = IndicatorValue.objects.get(indicator__key="fiscal_revenue")
        texts = list(revenue.events.order_by("pk").values_list("text", flat=True))
        assert len(texts) == 2
        assert texts[1].endswith("累计值 18亿元（原 17.9亿元），同比 8.8%")
        assert last_event(second).text.startswith("采纳 3 条：新增 0，更新 1，未变 2")

    def test_a_refused_api_acceptance_leaves_no_event(self, client, cast):
        body = {"text": REPORT, "date": "2022-07-22", "facts": [{"index": 0}, {"index": 3}]}
        response = client.post(
            "/api/reader/accept", body, content_type="application/json", **auth(cast.leader)
        )
        assert response.status_code == 422
        assert not ReportEvent.objects.exists() and not IndicatorEvent.objects.exists()


class TestDroppingAndKeeping:
    def test_dropping_a_pending_fact_writes_one_dropped_event(self, cast):
        report = read(cast.town1)
        actions.drop_fact(fact=fact(report, "exports"), user=cast.town1)
        event = last_event(report)
        assert (event.kind, event.region, event.user) == ("dropped", cast.regions.town1, cast.town1)
        assert event.text == "舍弃第 3 条摘录（湘东镇 外贸出口）"
        assert event.data["released"] is False

    def test_dropping_an_accepted_fact_says_its_value_was_archived(self, cast):
        report = read(cast.town1)
        actions.accept_report(report=report, user=cast.leader)
        actions.drop_fact(fact=fact(report, "fiscal_revenue"), user=cast.town1)
        assert last_event(report).text == "舍弃第 1 条摘录（湘东镇 财政总收入），其指标数据已归档"

    def test_taking_a_fact_back_writes_one_kept_event(self, cast):
        report = read(cast.town1)
        exports = fact(report, "exports")
        actions.drop_fact(fact=exports, user=cast.town1)
        actions.keep_fact(fact=exports, user=cast.town1)
        event = last_event(report)
        assert (event.kind, event.user) == ("kept", cast.town1)
        assert event.text == "恢复第 3 条摘录（湘东镇 外贸出口），重新待审"
        assert report.events.count() == 3  # read, dropped, kept


class TestCorrecting:
    def test_the_edit_page_writes_one_corrected_event_naming_what_changed(self, login, cast):
        # given the open fact 签约项目 of a report
        report = read(cast.town1)
        signed = fact(report, "signed_projects_count")
        data = {
            "region_name": "湘东镇",
            "indicator": "exports",
            "year": "2022",
            "month": "6",
            "value": "7",
            "unit": "亿元",
            "version": signed.version,
        }
        # when the officer makes it the June exports figure
        url = reverse("reader:reportfact_edit", args=[signed.pk])
        assert login(cast.town1).post(url, data).status_code == 302
        # then one "corrected" event names the fields that changed
        event = last_event(report)
        assert (event.kind, event.region, event.user) == (
            "corrected",
            cast.regions.town1,
            cast.town1,
        )
        assert event.text.startswith("更正第 4 条摘录（湘东镇 签约项目")
        assert event.text.endswith("：指标、截至月份、单位")
        assert event.data["fields"] == ["指标", "截至月份", "单位"]

    def test_saving_a_fact_unchanged_records_the_check(self, login, cast):
        report = read(cast.town1)
        revenue = fact(report, "fiscal_revenue")
        data = {
            "region_name": "湘东镇",
            "indicator": "fiscal_revenue",
            "year": "2022",
            "month": "5",
            "value": "1790000000",
            "unit": "元",
            "yoy_pct": "8.8",
            "version": revenue.version,
        }
        url = reverse("reader:reportfact_edit", args=[revenue.pk])
        assert login(cast.town1).post(url, data).status_code == 302
        assert last_event(report).text == "核对第 1 条摘录（湘东镇 财政总收入），未改动"

    def test_a_correction_of_an_accepted_fact_sends_it_back_to_review(self, login, cast):
        report = read(cast.town1)
        actions.accept_report(report=report, user=cast.leader)
        revenue = fact(report, "fiscal_revenue")
        data = {
            "region_name": "湘东镇",
            "indicator": "fiscal_revenue",
            "year": "2022",
            "month": "4",
            "value": "1790000000",
            "unit": "元",
            "yoy_pct": "8.8",
            "version": revenue.version,
        }
        url = reverse("reader:reportfact_edit", args=[revenue.pk])
        assert login(cast.town1).post(url, data).status_code == 302
        revenue.refresh_from_db()
        assert revenue.status == FactStatus.PENDING and revenue.month == 4
        assert last_event(report).text.endswith("：截至月份")


class TestRenaming:
    def test_a_new_title_through_the_api_writes_one_renamed_event(self, client, cast):
        report = read(cast.town1)
        response = client.patch(
            f"/api/reader/reports/{report.pk}",
            {"version": report.version, "title": "湘东镇1至5月经济运行"},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert response.status_code == 200
        event = last_event(report)
        assert (event.kind, event.user) == ("renamed", cast.town1)
        assert event.text == f"标题由《{TITLE}》改为《湘东镇1至5月经济运行》"

    def test_the_same_title_writes_no_event(self, client, cast):
        report = read(cast.town1)
        client.patch(
            f"/api/reader/reports/{report.pk}",
            {"version": report.version, "title": TITLE},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert report.events.count() == 1


class TestTimeline:
    def test_the_report_page_shows_its_timeline(self, login, cast):
        report = read(cast.town1)
        actions.accept_report(report=report, user=cast.leader)
        page = login(cast.town1).get(reverse("reader:report", args=[report.pk])).content.decode()
        assert "时间线" in page
        assert "读取报告，找到 4 条数据" in page and "采纳 3 条：新增 3" in page

    def test_a_town_officer_does_not_read_another_towns_events(self, login, cast):
        # given town1's report whose ledger holds a row carrying town2's region
        report = read(cast.town1)
        ReportEvent.objects.create(
            report=report, region=cast.regions.town2, kind="read", text="东岭镇的记录"
        )
        url = reverse("reader:report", args=[report.pk])
        # then the town1 officer does not see it, the county leader does
        assert "东岭镇的记录" not in login(cast.town1).get(url).content.decode()
        assert "东岭镇的记录" in login(cast.leader).get(url).content.decode()

    def test_another_town_reads_a_peer_values_timeline(self, login, cast):
        # peer values are benchmark data every town reads, and so is how they were taken
        actions.accept_report(report=read(cast.town1), user=cast.leader)
        revenue = IndicatorValue.objects.get(indicator__key="fiscal_revenue")
        page = (
            login(cast.town2)
            .get(reverse("indicators:indicatorvalue", args=[revenue.pk]))
            .content.decode()
        )
        assert f"采纳报告《{TITLE}》的摘录" in page
