"""The funnel of a region's leads for a period (rules.funnel): overall, by channel and by the
investor's home province. Two queries."""

from dataclasses import dataclass

from django.db.models import Min

from mujun.core.querysets import in_region

from . import rules
from .actions import today
from .choices import Channel
from .models import Lead


@dataclass
class FunnelReport:
    region: object
    period: rules.Period
    overall: rules.Funnel
    by_channel: list[tuple[str, rules.Funnel]]
    by_province: list[tuple[str, rules.Funnel]]


def funnel_report(user, region, period: rules.Period) -> FunnelReport:
    """The leads of ``region`` recorded in ``period`` (in the user's scope), step by step: a
    signed lead's later steps are its project's (funds in place: completed investment
    reported; started; producing)."""
    leads = (
        Lead.objects.for_user(user)
        .filter(in_region(Lead, region), is_archived=False)
        .filter(recorded_on__gte=period.start, recorded_on__lte=period.end)
        # the day it first came to the table, from its negotiation spans: a lead moved back
        # since still reached that step
        .annotate(first_talk=Min("negotiations__opened_on"))
        .values_list(
            "channel",
            "home_province",
            "recorded_on",
            "first_talk",
            "signed_on",
            "project__completed_total",
            "project__actual_started",
            "project__actual_producing",
        )
    )
    facts = [
        rules.FunnelLead(
            channel=channel,
            home_province=province or "未填",
            recorded_on=recorded,
            negotiating_on=negotiating,
            signed_on=signed,
            funds_in_place=bool(completed),
            started_on=started,
            producing_on=producing,
        )
        for channel, province, recorded, negotiating, signed, completed, started, producing in leads
    ]
    day = today()
    labels = dict(Channel.choices)
    channels = sorted({f.channel for f in facts}, key=list(labels).index)
    provinces = sorted({f.home_province for f in facts}, key=lambda p: (p == "未填", p))
    return FunnelReport(
        region=region,
        period=period,
        overall=rules.funnel(facts, day),
        by_channel=[
            (str(labels[c]), rules.funnel([f for f in facts if f.channel == c], day))
            for c in channels
        ],
        by_province=[
            (p, rules.funnel([f for f in facts if f.home_province == p], day)) for p in provinces
        ],
    )
