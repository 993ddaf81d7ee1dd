"""The spans each lead was under negotiation (``Negotiation``), read off its ledger: the
verbs refresh a lead's after each status move (actions.py), ``rebuild`` reads every lead's
(the migration that made the table, ``mujun attraction_tally``, the demo after its bulk
load). ``rules.negotiations`` says how a ledger gives the spans."""

from collections import defaultdict

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Max, Min

from . import rules

# the ledger's kinds that move a lead's status (events.py)
MOVES = ("status", "reopened", "signed")


def _models(apps=None):
    apps = apps or installed_apps
    return (
        apps.get_model("attraction", "Lead"),
        apps.get_model("attraction", "LeadEvent"),
        apps.get_model("attraction", "Negotiation"),
    )


def _moves(events) -> dict[int, list[tuple]]:
    """Each lead's status moves (day, from status, to status) in the order they were made."""
    moves = defaultdict(list)
    rows = events.filter(kind__in=MOVES).order_by("occurred_on", "pk")
    for lead_id, kind, day, data in rows.values_list("lead_id", "kind", "occurred_on", "data"):
        before = "dropped" if kind == "reopened" else data.get("from_status")
        moves[lead_id].append((day, before, data.get("to_status")))
    return moves


def move_days(lead_ids) -> dict[int, tuple]:
    """Each lead's first and last status move in its ledger (lead id → (first day, last day)),
    in one query: a move back or a reopening clears the days a lead keeps, not the moves made,
    and a lead's days must keep to them (its recording day before the first, a new move after
    the last) for its spans to be read in order."""
    _, LeadEvent, _ = _models()
    rows = (
        LeadEvent.objects.filter(lead_id__in=list(lead_ids), kind__in=MOVES)
        .order_by()
        .values("lead_id")
        .annotate(first=Min("occurred_on"), last=Max("occurred_on"))
    )
    return {row["lead_id"]: (row["first"], row["last"]) for row in rows}


def _write(leads, LeadEvent, Negotiation) -> None:
    ids = [lead.pk for lead in leads]
    moves = _moves(LeadEvent.objects.filter(lead_id__in=ids))
    spans = [
        Negotiation(lead_id=lead.pk, opened_on=opened, closed_on=closed)
        for lead in leads
        for opened, closed in rules.negotiations(
            moves.get(lead.pk, []),
            recorded_on=lead.recorded_on,
            negotiating_on=lead.negotiating_on,
            signed_on=lead.signed_on,
            dropped_on=lead.dropped_on,
        )
    ]
    Negotiation.objects.filter(lead_id__in=ids).delete()
    Negotiation.objects.bulk_create(spans, batch_size=2000)


def refresh(*leads) -> None:
    """Read ``leads``' spans again from their ledgers, in the caller's transaction."""
    _, LeadEvent, Negotiation = _models()
    _write(leads, LeadEvent, Negotiation)


@transaction.atomic
def rebuild(*, apps=None, batch: int = 2000) -> int:
    """Every lead's spans read again from the ledgers, in one transaction (the statistics
    never read a table half rebuilt); returns how many there are."""
    Lead, LeadEvent, Negotiation = _models(apps)
    Negotiation.objects.all().delete()
    fields = ("pk", "recorded_on", "negotiating_on", "signed_on", "dropped_on")
    leads = list(Lead.objects.order_by("pk").only(*fields))
    for start in range(0, len(leads), batch):
        _write(leads[start : start + batch], LeadEvent, Negotiation)
    return Negotiation.objects.count()
