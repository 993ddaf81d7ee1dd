"""The activity and lead imports as set operations (core/bulk_imports.py): a bad last row
writes nothing, the same file twice changes nothing the second time (history and ledger
included), an update writes only the rows that changed, the number of queries does not grow
with the rows, and a town imports into its own town only."""

from datetime import date

import pytest

from mujun.attraction.imports import ActivityImporter, LeadImporter
from mujun.attraction.models import Activity, ActivityEvent, Lead, LeadEvent, MonthlyTally
from mujun.attraction.testing import make_official
from mujun.core.query_counts import import_statements
from mujun.core.spreadsheets import workbook_bytes

from .test_imports import ACTIVITY_HEADER, LEAD_HEADER, lead_row, trip_row
from .test_tally import assert_tally_agrees

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

KINDS = ("外出招商", "拜访企业", "接待客商", "推介会")


@pytest.fixture
def officials(cast):
    town = cast.regions.town1
    return [
        make_official(town, principal=True, name="王书记"),
        make_official(town, name="李明"),
        make_official(town, name="赵强"),
        make_official(cast.regions.town2, principal=True, name="东岭书记"),
        make_official(cast.regions.town2, name="东岭干部"),
    ]


def activity_rows(n: int, **cells) -> list[list]:
    """``n`` one-day activities of 城关街道 in March 2026, each its own key."""
    rows = []
    for i in range(n):
        day = date(2026, 3, 1 + (i // 4) % 28)
        leader, joined = ("王书记", "李明") if i // 112 == 0 else ("李明", "赵强")
        values = {
            "类型": KINDS[i % 4],
            "开始日期": day.isoformat(),
            "结束日期": day.isoformat(),
            "带队干部": leader,
            "参加干部": joined,
            "接待批次": "",
            **cells,
        }
        rows.append(trip_row(**values))
    return rows


def activity_file(rows) -> bytes:
    return workbook_bytes(ACTIVITY_HEADER, rows)


def activity_state():
    through = Activity.officials.through.objects
    return (
        sorted(Activity.objects.values_list("pk", "version", "end_date", "note", "batches")),
        sorted(through.values_list("activity_id", "official_id")),
        Activity.history.count(),
        ActivityEvent.objects.count(),
        sorted(
            MonthlyTally.objects.values_list("region_id", "official_id", "month", "trip_days"),
            key=str,
        ),
    )


class TestActivities:
    def test_a_bad_last_row_writes_nothing(self, cast, officials):
        rows = [
            *activity_rows(5),
            trip_row(开始日期="2026-04-02", 结束日期="2026-04-02", 带队干部="查无此人"),
        ]
        result = ActivityImporter(cast.town1).run("a.xlsx", activity_file(rows))
        assert [str(p) for p in result.problems] == [
            "第 7 行，「带队干部」：城关街道没有名为“查无此人”的干部"
        ]
        assert activity_state() == ([], [], 0, 0, [])

    def test_every_problem_of_a_row_is_named_at_once(self, cast, officials):
        row = trip_row(地区="火星镇", 结束日期="2026-02-30", 接待批次="许多")
        result = ActivityImporter(cast.town1).run("a.xlsx", activity_file([row]))
        assert [str(p) for p in result.problems] == [
            "第 2 行，「地区」：未知的镇街“火星镇”（或不在您的管辖范围内）",
            "第 2 行，「结束日期」：输入一个有效的日期。",
            "第 2 行，「接待批次」：输入整数。",
            "第 2 行，「带队干部」：地区有误，无法核对干部",
        ]

    def test_the_same_file_twice_changes_nothing_the_second_time(self, cast, officials):
        content = activity_file(activity_rows(6))
        first = ActivityImporter(cast.town1).run("a.xlsx", content)
        assert (first.created, first.updated, first.unchanged) == (6, 0, 0), first.problems
        trip = Activity.objects.filter(kind="trip").order_by("start_date").first()
        assert (trip.days, trip.investor_count, trip.batches, trip.version) == (1, 2, 0, 1)
        assert [o.name for o in trip.officials.all()] == ["李明"]
        assert trip.history.get().history_user == cast.town1
        assert [e.text for e in trip.events.all()] == ["登记外出招商"]
        reception = Activity.objects.get(kind="reception")
        assert reception.batches == 1
        before = activity_state()
        again = ActivityImporter(cast.town1).run("a.xlsx", content)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
        assert activity_state() == before
        assert_tally_agrees()

    def test_an_update_writes_only_the_rows_that_changed(self, cast, officials):
        rows = activity_rows(4)
        ActivityImporter(cast.town1).run("a.xlsx", activity_file(rows))
        stored = {a.kind: a for a in Activity.objects.all()}
        rows[1] = trip_row(
            **dict(zip(ACTIVITY_HEADER, rows[1], strict=True)) | {"参加干部": "赵强"}
        )
        rows[2] = trip_row(
            **dict(zip(ACTIVITY_HEADER, rows[2], strict=True))
            | {"结束日期": "2026-03-05", "拜访或接待的客商": "丁公司"}
        )
        result = ActivityImporter(cast.town1).run("a.xlsx", activity_file(rows))
        assert (result.created, result.updated, result.unchanged) == (0, 2, 2)
        after = {a.kind: a for a in Activity.objects.all()}
        assert {kind: a.version for kind, a in after.items()} == {
            "trip": 1,
            "visit": 2,
            "reception": 2,
            "promotion_event": 1,
        }
        assert [o.name for o in after["visit"].officials.all()] == ["赵强"]
        longer = after["reception"]
        assert (longer.end_date, longer.days, longer.investor_count) == (date(2026, 3, 5), 5, 1)
        assert longer.events.filter(kind="edited").get().text == "修改结束日期、拜访或接待的客商"
        assert after["visit"].events.filter(kind="edited").get().text == "修改参加干部"
        assert stored["trip"].history.count() == 1
        assert longer.history.count() == 2
        assert_tally_agrees()

    def test_the_queries_do_not_grow_with_the_rows(self, cast, officials):
        def queries(rows):
            results = []
            content = activity_file(rows)
            run = lambda: results.append(ActivityImporter(cast.town1).run("a.xlsx", content))  # noqa: E731
            statements = import_statements(run)
            assert results[0].ok, results[0].problems
            return len(statements)

        assert queries(activity_rows(10)) == queries(activity_rows(200)[10:])
        # every row again, each with another note: all updated
        Activity.objects.update(note="旧")
        small = queries(activity_rows(10))
        Activity.objects.update(note="旧")
        assert queries(activity_rows(200)) == small
        assert Activity.objects.filter(version=3).count() == 10
        assert_tally_agrees()

    def test_a_town_imports_into_its_own_town_only(self, cast, officials):
        rows = [trip_row(), trip_row(地区="东岭镇", 带队干部="东岭书记", 参加干部="东岭干部")]
        refused = ActivityImporter(cast.town1).run("a.xlsx", activity_file(rows))
        assert [str(p) for p in refused.problems] == [
            "第 3 行，「地区」：未知的镇街“东岭镇”（或不在您的管辖范围内）",
            "第 3 行，「带队干部」：地区有误，无法核对干部",
        ]
        assert not Activity.objects.exists()
        # the county's administrator imports both, each town's officials found in that town
        result = ActivityImporter(cast.admin).run("a.xlsx", activity_file(rows))
        assert result.created == 2, result.problems
        east = Activity.objects.get(region=cast.regions.town2)
        assert (east.leader.name, [o.name for o in east.officials.all()]) == (
            "东岭书记",
            ["东岭干部"],
        )
        # 城关街道's officials are not 东岭镇's
        wrong = [trip_row(地区="东岭镇", 开始日期="2026-03-09", 结束日期="2026-03-09")]
        result = ActivityImporter(cast.admin).run("a.xlsx", activity_file(wrong))
        assert [str(p) for p in result.problems] == [
            "第 2 行，「带队干部」：东岭镇没有名为“王书记”的干部",
            "第 2 行，「参加干部」：东岭镇没有名为“李明”的干部",
            "第 2 行，「参加干部」：东岭镇没有名为“赵强”的干部",
        ]
        assert_tally_agrees()


def lead_rows(n: int, **cells) -> list[list]:
    return [
        lead_row(
            **{"投资方": f"投资方{i}有限公司", "登记日期": f"2026-03-{1 + i % 28:02d}", **cells}
        )
        for i in range(n)
    ]


def lead_file(rows) -> bytes:
    return workbook_bytes(LEAD_HEADER, rows)


def lead_state():
    return (
        sorted(Lead.objects.values_list("pk", "version", "owner__name", "intended_investment")),
        Lead.history.count(),
        LeadEvent.objects.count(),
        sorted(
            MonthlyTally.objects.values_list("region_id", "official_id", "month", "new_leads"),
            key=str,
        ),
    )


class TestLeads:
    def test_a_bad_last_row_writes_nothing(self, cast, officials):
        rows = [*lead_rows(5), lead_row(投资方="末行公司", 登记日期="2026-07-01")]
        result = LeadImporter(cast.town1).run("l.xlsx", lead_file(rows))
        assert [str(p) for p in result.problems] == ["第 7 行，「登记日期」：登记日期不能晚于今天"]
        assert lead_state() == ([], 0, 0, [])

    def test_the_same_file_twice_changes_nothing_the_second_time(self, cast, officials):
        content = lead_file(lead_rows(6))
        first = LeadImporter(cast.town1).run("l.xlsx", content)
        assert (first.created, first.updated, first.unchanged) == (6, 0, 0), first.problems
        lead = Lead.objects.get(investor_name="投资方0有限公司")
        assert (lead.owner.name, lead.status, lead.listing, lead.version) == (
            "李明",
            "lead",
            "listed",
            1,
        )
        assert [e.text for e in lead.events.all()] == [
            "登记线索：投资方0有限公司，年产5万吨新材料项目，意向投资1.5亿元"
        ]
        before = lead_state()
        again = LeadImporter(cast.town1).run("l.xlsx", content)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
        assert lead_state() == before
        assert_tally_agrees()

    def test_an_update_writes_only_the_rows_that_changed(self, cast, officials):
        rows = lead_rows(3)
        LeadImporter(cast.town1).run("l.xlsx", lead_file(rows))
        rows[1] = lead_row(投资方="投资方1有限公司", 登记日期="2026-03-02", 责任干部="赵强")
        result = LeadImporter(cast.town1).run("l.xlsx", lead_file(rows))
        assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
        versions = dict(Lead.objects.values_list("investor_name", "version"))
        assert versions == {"投资方0有限公司": 1, "投资方1有限公司": 2, "投资方2有限公司": 1}
        changed = Lead.objects.get(investor_name="投资方1有限公司")
        assert changed.owner.name == "赵强" and changed.history.count() == 2
        assert changed.events.filter(kind="edited").get().text == "修改责任干部"
        assert_tally_agrees()

    def test_a_recording_day_after_a_stored_leads_negotiation_is_refused(self, cast, officials):
        LeadImporter(cast.town1).run("l.xlsx", lead_file(lead_rows(1)))
        Lead.objects.update(status="negotiating", negotiating_on=date(2026, 3, 10))
        later = lead_rows(1, 登记日期="2026-03-20")
        result = LeadImporter(cast.town1).run("l.xlsx", lead_file(later))
        assert [str(p) for p in result.problems] == [
            "第 2 行，「登记日期」：登记日期不能晚于进入洽谈日期（2026年03月10日）"
        ]

    def test_the_queries_do_not_grow_with_the_rows(self, cast, officials):
        def queries(rows):
            results = []
            content = lead_file(rows)
            run = lambda: results.append(LeadImporter(cast.town1).run("l.xlsx", content))  # noqa: E731
            statements = import_statements(run)
            assert results[0].ok, results[0].problems
            return len(statements)

        assert queries(lead_rows(10)) == queries(lead_rows(200)[10:])
        small = queries(lead_rows(10, 责任干部="赵强"))
        assert queries(lead_rows(200, 责任干部="赵强")) == small
        assert Lead.objects.filter(version=2).count() == 200
        assert_tally_agrees()

    def test_a_town_imports_into_its_own_town_only(self, cast, officials):
        rows = [lead_row(), lead_row(地区="东岭镇", 责任干部="东岭干部")]
        refused = LeadImporter(cast.town1).run("l.xlsx", lead_file(rows))
        assert [str(p) for p in refused.problems] == [
            "第 3 行，「地区」：未知的镇街“东岭镇”（或不在您的管辖范围内）"
        ]
        assert not Lead.objects.exists()
        result = LeadImporter(cast.admin).run("l.xlsx", lead_file(rows))
        assert result.created == 2, result.problems
        east = Lead.objects.get(region=cast.regions.town2)
        assert east.owner.name == "东岭干部"
        wrong = [lead_row(地区="东岭镇", 投资方="丙公司")]
        result = LeadImporter(cast.admin).run("l.xlsx", lead_file(wrong))
        assert [str(p) for p in result.problems] == [
            "第 2 行，「责任干部」：东岭镇没有名为“李明”的干部"
        ]
        assert_tally_agrees()
