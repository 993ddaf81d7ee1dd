"""Helpers other tests reuse to make officials, activities and leads."""

import itertools
from datetime import date
from decimal import Decimal

from mujun.officials.models import Official

from . import talks, tally
from .models import Activity, Lead
from .rules import split_names

_counter = itertools.count(1)


def make_official(region, *, principal=False, **fields) -> Official:
    n = next(_counter)
    values = {"name": f"干部{n}", "title": "镇长" if principal else "副镇长"}
    values.update(fields)
    return Official.objects.create(region=region, is_principal=principal, **values)


def make_activity(
    region, *, leader=None, officials=(), kind="trip", start=None, end=None, **fields
):
    """An activity as recording it leaves it (its days derived, the leader not a participant,
    its months counted in the tally)."""
    leader = leader or make_official(region)
    start = start or date(2026, 3, 2)
    end = end or start
    activity = Activity.objects.create(
        region=region,
        kind=kind,
        start_date=start,
        end_date=end,
        leader=leader,
        days=(end - start).days + 1,
        investor_count=len(set(split_names(fields.get("investors", "")))),
        batches=fields.pop("batches", 1 if kind == "reception" else 0),
        **fields,
    )
    activity.officials.set(officials)
    tally.recount(tally.activity_keys(activity))
    return activity


def make_lead(region, **fields) -> Lead:
    """A lead as the verbs leave it, its months counted in the tally and the negotiation its
    days give (``rules.negotiations`` of a lead with no move in its ledger) recorded."""
    n = next(_counter)
    values = {
        "investor_name": f"投资方{n}有限公司",
        "project_name": f"测试招商项目{n}",
        "channel": "agency",
        "category": "industrial",
        "intended_investment": Decimal("15000"),
        "recorded_on": date(2026, 1, 10),
    }
    values.update(fields)
    lead = Lead.objects.create(region=region, **values)
    tally.recount(tally.lead_keys(lead))
    talks.refresh(lead)
    return lead
