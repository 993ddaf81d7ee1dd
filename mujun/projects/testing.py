"""Helpers other tests reuse to make projects."""

import itertools
from decimal import Decimal

from .models import Project

_counter = itertools.count(1)


def make_project(region, *, tiers=(), **fields) -> Project:
    """A project as registering it leaves it: stored, of ``tiers``, with its alert evaluated
    and counted in the summary's tally."""
    from . import tally
    from .actions import refresh

    n = next(_counter)
    values = {
        "code": f"T{n:05d}",
        "name": f"测试项目{n}",
        "total_investment": Decimal("20000"),
        "stage": "started",
    }
    values.update(fields)
    project = Project.objects.create(region=region, **values)
    project.tags.set(tiers)
    refresh(project)
    tally.recount(tally.keys_of([project.pk]), regions={project.region_id})
    return project
