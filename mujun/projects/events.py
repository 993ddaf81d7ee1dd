"""The ledger rows of a project's life; one function per event type (STYLE.md §9)."""

from .models import StageEvent


def stage_changed(*, project, from_stage: str, to_stage: str, date, user, note: str = ""):
    return StageEvent.objects.create(
        project=project, from_stage=from_stage, to_stage=to_stage, date=date, user=user, note=note
    )
