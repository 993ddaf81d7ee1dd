"""Helpers other tests reuse to make projects."""

import itertools
from decimal import Decimal

from .models import Project

_counter = itertools.count(1)


def make_project(region, **fields) -> Project:
    n = next(_counter)
    values = {
        "code": f"T{n:05d}",
        "name": f"测试项目{n}",
        "total_investment": Decimal("20000"),
        "stage": "started",
    }
    values.update(fields)
    return Project.objects.create(region=region, **values)
