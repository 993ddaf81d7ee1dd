"""The problem and visit imports: the whole file checked, errors by row, column and reason,
nothing written on a bad row; a second import changes nothing."""

import pytest

from mujun.attraction.testing import make_official
from mujun.core.spreadsheets import workbook_bytes
from mujun.enterprises.testing import make_enterprise
from mujun.service.imports import ProblemImporter, VisitImporter
from mujun.service.models import Problem, Visit

pytestmark = pytest.mark.django_db

PROBLEM_HEADERS = [
    "企业统一社会信用代码",
    "类别",
    "问题描述",
    "提出方式",
    "提出日期",
    "承办部门",
    "办结时限",
]


def test_problems_whole_file_checked_then_written_once(cast, depts):
    good = make_enterprise(cast.regions.town1)
    rows = [
        [
            good.uscc,
            "用地",
            "厂房扩建缺少用地指标",
            "走访",
            "2026-02-10",
            "县自然资源局",
            "2026-03-20",
        ],
        ["91339102MA00000000", "用工", "招工难", "电话", "2026-02-11", "", ""],
        [good.uscc, "融资", "贷款难", "会议", "2026-02-12", "县交通局", ""],
    ]
    content = workbook_bytes(PROBLEM_HEADERS, rows)
    result = ProblemImporter(cast.town1).run("p.xlsx", content)
    messages = [str(p) for p in result.problems]
    assert any(m.startswith("第 3 行，「企业统一社会信用代码」") for m in messages), messages
    assert any("第 4 行，「承办部门」" in m and "县交通局" in m for m in messages), messages
    assert Problem.objects.count() == 0
    clean = workbook_bytes(PROBLEM_HEADERS, [rows[0]])
    first = ProblemImporter(cast.town1).run("p.xlsx", clean)
    assert first.ok and first.created == 1
    problem = Problem.objects.get()
    assert (problem.status, problem.department) == ("assigned", depts.one)
    again = ProblemImporter(cast.town1).run("p.xlsx", clean)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert Problem.objects.get().version == problem.version


def test_visits_with_officials_by_name(cast):
    enterprise = make_enterprise(cast.regions.town1)
    make_official(cast.regions.town1, name="李镇长")
    headers = ["企业统一社会信用代码", "走访日期", "方式", "走访干部", "交流内容"]
    bad = workbook_bytes(headers, [[enterprise.uscc, "2026-02-10", "走访", "张三", ""]])
    result = VisitImporter(cast.town1).run("v.xlsx", bad)
    assert [str(p) for p in result.problems] == ["第 2 行，「走访干部」：干部名册中没有“张三”"]
    good = workbook_bytes(headers, [[enterprise.uscc, "2026-02-10", "座谈", "李镇长", "谈扩产"]])
    assert VisitImporter(cast.town1).run("v.xlsx", good).created == 1
    again = VisitImporter(cast.town1).run("v.xlsx", good)
    assert again.unchanged == 1 and Visit.objects.count() == 1
    assert Visit.objects.get().officials.get().name == "李镇长"
