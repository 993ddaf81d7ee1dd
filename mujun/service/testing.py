"""Helpers other tests reuse to make departments, problems and visits."""

import itertools
from datetime import date

from mujun.enterprises.testing import make_enterprise

from . import tally
from .models import Department, Problem, Visit

_counter = itertools.count(1)


def make_department(region, **fields) -> Department:
    n = next(_counter)
    return Department.objects.create(region=region, **{"name": f"测试部门{n}", **fields})


def make_problem(region=None, *, enterprise=None, **fields) -> Problem:
    """A registered problem (status 待处理) of an enterprise of ``region``."""
    n = next(_counter)
    enterprise = enterprise or make_enterprise(region)
    values = {
        "code": f"SQT-{n:05d}",
        "category": "land",
        "description": f"测试诉求{n}：厂房扩建用地指标不足",
        "source": "visit",
        "raised_on": date(2026, 3, 2),
    }
    values.update(fields)
    problem = Problem.objects.create(enterprise=enterprise, region=enterprise.region, **values)
    tally.touch(problem)
    return problem


def assign(problem: Problem, department: Department, *, due=None) -> Problem:
    """The problem as escalating it to ``department`` leaves it (without the verb's checks)."""
    problem.handling, problem.status = "escalate", "assigned"
    problem.department = department
    problem.assigned_on = problem.raised_on
    problem.due_on = due or date(2026, 3, 30)
    problem.save()
    problem.departments.add(department)
    tally.touch(problem)
    return problem


def make_visit(region=None, *, enterprise=None, officials=(), **fields) -> Visit:
    enterprise = enterprise or make_enterprise(region)
    visit = Visit.objects.create(
        enterprise=enterprise,
        region=enterprise.region,
        **{"visited_on": date(2026, 3, 2), "kind": "visit", **fields},
    )
    visit.officials.set(officials)
    return visit
