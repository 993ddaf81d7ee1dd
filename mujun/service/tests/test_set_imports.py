"""The problem and visit imports as set operations (core/bulk_imports.py): a bad last row writes
nothing, the same file twice changes nothing the second time (history and ledger included), an
update writes only the rows that changed, the number of queries does not grow with the rows,
and a town imports for its own enterprises only."""

from datetime import date

import pytest

from mujun.attraction.testing import make_official
from mujun.core.query_counts import import_statements
from mujun.core.spreadsheets import workbook_bytes
from mujun.enterprises.testing import make_enterprise
from mujun.service import actions, tally
from mujun.service.imports import ProblemImporter, VisitImporter
from mujun.service.models import Problem, ProblemEvent, ProblemTally, Visit, VisitEvent
from mujun.service.rules import default_deadlines
from mujun.service.testing import make_problem

pytestmark = pytest.mark.django_db

PROBLEM_HEADER = [
    "诉求编号",
    "企业统一社会信用代码",
    "类别",
    "问题描述",
    "提出方式",
    "企业提出人",
    "提出日期",
    "责任干部",
    "承办部门",
    "办结时限",
]
VISIT_HEADER = ["企业统一社会信用代码", "走访日期", "方式", "走访干部", "交流内容"]


@pytest.fixture
def scene(cast, depts):
    r = cast.regions
    make_official(r.town1, name="李镇长")
    make_official(r.county, name="王局长")
    make_official(r.town2, name="东岭干部")
    return {
        "town1": make_enterprise(r.town1),
        "other": make_enterprise(r.town1),
        "town2": make_enterprise(r.town2),
    }


def problem_row(enterprise, **cells) -> list:
    values = {
        "诉求编号": "",
        "企业统一社会信用代码": enterprise.uscc,
        "类别": "用地",
        "问题描述": "厂房扩建缺少用地指标",
        "提出方式": "走访",
        "企业提出人": "张总",
        "提出日期": "2026-02-10",
        "责任干部": "李镇长",
        "承办部门": "",
        "办结时限": "",
        **cells,
    }
    return [values[h] for h in PROBLEM_HEADER]


def problem_rows(enterprise, n: int, **cells) -> list[list]:
    """``n`` problems of February 2026, every other one assigned to 县自然资源局."""
    return [
        problem_row(
            enterprise,
            **{
                "问题描述": f"第{i}个问题",
                "提出日期": f"2026-02-{1 + i % 28:02d}",
                "承办部门": "县自然资源局" if i % 2 else "",
                **cells,
            },
        )
        for i in range(n)
    ]


def run_problems(user, rows):
    return ProblemImporter(user).run("p.xlsx", workbook_bytes(PROBLEM_HEADER, rows))


def problem_state():
    links = Problem.departments.through.objects
    return (
        sorted(
            Problem.objects.values_list("code", "version", "status", "department_id", "due_on"),
            key=str,
        ),
        sorted(links.values_list("problem_id", "department_id")),
        Problem.history.count(),
        ProblemEvent.objects.count(),
        tally_table(),
    )


def tally_table():
    fields = [f.attname for f in ProblemTally._meta.concrete_fields if f.name != "id"]
    return sorted(ProblemTally.objects.values_list(*fields), key=str)


def assert_tally_agrees():
    kept = tally_table()
    tally.rebuild()
    assert tally_table() == kept


class TestProblems:
    def test_a_bad_last_row_writes_nothing(self, cast, scene):
        rows = [*problem_rows(scene["town1"], 5), problem_row(scene["town1"], 承办部门="县交通局")]
        result = run_problems(cast.town1, rows)
        assert [str(p) for p in result.problems] == [
            "第 7 行，「承办部门」：没有名为“县交通局”的承办部门"
        ]
        assert problem_state() == ([], [], 0, 0, [])

    def test_every_problem_of_a_row_is_named_at_once(self, cast, scene):
        row = problem_row(scene["town1"], 类别="治安", 责任干部="张三", 提出日期="2026-03-05")
        result = run_problems(cast.town1, [row])
        assert [str(p) for p in result.problems] == [
            "第 2 行，「类别」：应为以下之一：用地、用工、融资、用能、审批、政策、基础设施、其他，"
            "实际为“治安”",
            "第 2 行，「责任干部」：干部名册中没有“张三”",
            "第 2 行，「提出日期」：提出日期不能晚于今天",
        ]

    def test_the_same_file_twice_changes_nothing_the_second_time(self, cast, depts, scene):
        rows = problem_rows(scene["town1"], 4)
        rows.append(problem_row(scene["other"], 诉求编号="SQ2026-00007", 责任干部="王局长"))
        first = run_problems(cast.town1, rows)
        assert (first.created, first.updated, first.unchanged) == (5, 0, 0), first.problems
        # numbered on after the file's own code of the year
        assert sorted(Problem.objects.values_list("code", flat=True)) == [
            "SQ2026-00007",
            "SQ2026-00008",
            "SQ2026-00009",
            "SQ2026-00010",
            "SQ2026-00011",
        ]
        assigned = Problem.objects.get(description="第1个问题")
        assert (assigned.status, assigned.handling, assigned.department) == (
            "assigned",
            "escalate",
            depts.one,
        )
        defaults = default_deadlines(date(2026, 2, 2), "land", actions.deadlines_config())
        assert (assigned.assigned_on, assigned.accept_by, assigned.due_on) == (
            date(2026, 2, 2),
            defaults.accept_by,
            defaults.resolve_by,
        )
        assert list(assigned.departments.all()) == [depts.one]
        assert [e.kind for e in assigned.events.order_by("pk")] == ["recorded", "escalated"]
        assert assigned.history.get().history_user == cast.town1
        county = Problem.objects.get(code="SQ2026-00007")
        assert (county.officer.name, county.region) == ("王局长", cast.regions.town1)
        before = problem_state()
        again = run_problems(cast.town1, rows)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
        assert problem_state() == before
        assert_tally_agrees()

    def test_an_update_writes_only_the_rows_that_changed(self, cast, depts, scene):
        rows = problem_rows(scene["town1"], 4)
        run_problems(cast.town1, rows)
        rows[0] = problem_rows(scene["town1"], 1, 企业提出人="李总")[0]
        rows[2] = problem_rows(scene["town1"], 3, 承办部门="县税务局")[2]
        result = run_problems(cast.town1, rows)
        assert (result.created, result.updated, result.unchanged) == (0, 2, 2)
        versions = dict(Problem.objects.values_list("description", "version"))
        assert versions == {"第0个问题": 2, "第1个问题": 1, "第2个问题": 2, "第3个问题": 1}
        first = Problem.objects.get(description="第0个问题")
        assert [e.text for e in first.events.filter(kind="edited")] == ["修改企业提出人"]
        moved = Problem.objects.get(description="第2个问题")
        assert (moved.status, moved.department) == ("assigned", depts.two)
        assert not moved.events.filter(kind="edited").exists()
        assert moved.events.filter(kind="escalated").get().data["receiver"] == "县税务局"
        assert_tally_agrees()

    def test_the_queries_do_not_grow_with_the_rows(self, cast, scene):
        def queries(rows):
            results = []
            content = workbook_bytes(PROBLEM_HEADER, rows)
            run = lambda: results.append(ProblemImporter(cast.town1).run("p.xlsx", content))  # noqa: E731
            statements = import_statements(run)
            assert results[0].ok, results[0].problems
            return len(statements)

        many = problem_rows(scene["town1"], 200)
        assert queries(many[:10]) == queries(many[10:])
        assert queries(problem_rows(scene["town1"], 10, 企业提出人="李总")) == queries(
            problem_rows(scene["town1"], 200, 企业提出人="李总")[10:]
        )
        assert Problem.objects.filter(version=2).count() == 200
        assert_tally_agrees()

    def test_a_town_imports_for_its_own_enterprises_only(self, cast, scene):
        rows = [problem_row(scene["town1"]), problem_row(scene["town2"], 责任干部="东岭干部")]
        refused = run_problems(cast.town1, rows)
        assert [str(p) for p in refused.problems] == [
            f"第 3 行，「企业统一社会信用代码」：企业库中没有统一社会信用代码为“{scene['town2'].uscc}”"
            "的企业（或不在您的管辖范围内）"
        ]
        assert not Problem.objects.exists()
        result = run_problems(cast.admin, rows)
        assert result.created == 2, result.problems
        east = Problem.objects.get(enterprise=scene["town2"])
        assert (east.region, east.officer.name) == (cast.regions.town2, "东岭干部")
        # another town's problem is not updated through its code
        theirs = make_problem(enterprise=scene["town2"], code="SQ2026-00100")
        mine = problem_row(scene["town1"], 诉求编号="SQ2026-00100")
        result = run_problems(cast.town1, [mine])
        assert [str(p) for p in result.problems] == [
            "第 2 行，「诉求编号」：诉求编号“SQ2026-00100”无效，或不在您的管辖范围内"
        ]
        assert Problem.objects.get(pk=theirs.pk).version == 1


def visit_row(enterprise, **cells) -> list:
    values = {
        "企业统一社会信用代码": enterprise.uscc,
        "走访日期": "2026-02-10",
        "方式": "走访",
        "走访干部": "李镇长、王局长",
        "交流内容": "谈扩产",
        **cells,
    }
    return [values[h] for h in VISIT_HEADER]


def visit_rows(enterprise, n: int, **cells) -> list[list]:
    kinds = ("走访", "座谈", "现场办公")
    return [
        visit_row(
            enterprise,
            **{"走访日期": f"2026-02-{1 + (i // 3) % 28:02d}", "方式": kinds[i % 3], **cells},
        )
        for i in range(n)
    ]


def run_visits(user, rows):
    return VisitImporter(user).run("v.xlsx", workbook_bytes(VISIT_HEADER, rows))


def visit_state():
    through = Visit.officials.through.objects
    return (
        sorted(Visit.objects.values_list("pk", "version", "discussed")),
        sorted(through.values_list("visit_id", "official_id")),
        Visit.history.count(),
        VisitEvent.objects.count(),
    )


class TestVisits:
    def test_a_bad_last_row_writes_nothing(self, cast, scene):
        rows = [*visit_rows(scene["town1"], 5), visit_row(scene["other"], 走访日期="2026-03-09")]
        result = run_visits(cast.town1, rows)
        assert [str(p) for p in result.problems] == ["第 7 行，「走访日期」：走访日期不能晚于今天"]
        assert visit_state() == ([], [], 0, 0)

    def test_the_same_file_twice_changes_nothing_the_second_time(self, cast, scene):
        rows = visit_rows(scene["town1"], 6)
        first = run_visits(cast.town1, rows)
        assert (first.created, first.updated, first.unchanged) == (6, 0, 0), first.problems
        visit = Visit.objects.get(kind="symposium", visited_on=date(2026, 2, 1))
        assert sorted(o.name for o in visit.officials.all()) == ["李镇长", "王局长"]
        assert visit.region == cast.regions.town1
        assert [e.text for e in visit.events.all()] == ["登记座谈：李镇长、王局长"]
        before = visit_state()
        again = run_visits(cast.town1, rows)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
        assert visit_state() == before

    def test_an_update_writes_only_the_rows_that_changed(self, cast, scene):
        rows = visit_rows(scene["town1"], 3)
        run_visits(cast.town1, rows)
        rows[1] = visit_rows(scene["town1"], 2, 走访干部="李镇长")[1]
        rows[2] = visit_rows(scene["town1"], 3, 交流内容="谈用地")[2]
        result = run_visits(cast.town1, rows)
        assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
        versions = dict(Visit.objects.values_list("kind", "version"))
        assert versions == {"visit": 1, "symposium": 2, "onsite": 2}
        symposium = Visit.objects.get(kind="symposium")
        assert [o.name for o in symposium.officials.all()] == ["李镇长"]
        assert symposium.events.filter(kind="edited").get().text == "修改走访干部"
        onsite = Visit.objects.get(kind="onsite")
        assert (onsite.discussed, onsite.history.count()) == ("谈用地", 2)

    def test_the_queries_do_not_grow_with_the_rows(self, cast, scene):
        def queries(rows):
            results = []
            content = workbook_bytes(VISIT_HEADER, rows)
            run = lambda: results.append(VisitImporter(cast.town1).run("v.xlsx", content))  # noqa: E731
            statements = import_statements(run)
            assert results[0].ok, results[0].problems
            return len(statements)

        third = make_enterprise(cast.regions.town1)
        many = [
            *visit_rows(scene["town1"], 84),
            *visit_rows(scene["other"], 84),
            *visit_rows(third, 32),
        ]
        assert queries(many[:10]) == queries(many[10:])
        changed = visit_rows(scene["town1"], 84, 走访干部="李镇长")
        assert queries(changed[:10]) == queries(changed[10:])
        assert Visit.objects.filter(version=2).count() == 84

    def test_a_town_imports_for_its_own_enterprises_only(self, cast, scene):
        rows = [visit_row(scene["town1"]), visit_row(scene["town2"], 走访干部="东岭干部")]
        refused = run_visits(cast.town1, rows)
        assert [str(p) for p in refused.problems] == [
            f"第 3 行，「企业统一社会信用代码」：企业库中没有统一社会信用代码为“{scene['town2'].uscc}”"
            "的企业（或不在您的管辖范围内）"
        ]
        assert not Visit.objects.exists()
        result = run_visits(cast.admin, rows)
        assert result.created == 2, result.problems
        east = Visit.objects.get(enterprise=scene["town2"])
        assert (east.region, [o.name for o in east.officials.all()]) == (
            cast.regions.town2,
            ["东岭干部"],
        )
        # a town's officials are not another town's
        wrong = [visit_row(scene["town2"], 走访日期="2026-02-11")]
        result = run_visits(cast.admin, wrong)
        assert [str(p) for p in result.problems] == [
            "第 2 行，「走访干部」：干部名册中没有“李镇长”"
        ]
