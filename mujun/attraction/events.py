"""The ledger rows of leads and activities, one function per kind (STYLE.md §9); the verbs in
actions.py write them and the timelines read them."""

from mujun.core.chinese import amount

from .choices import LeadStatus
from .models import ActivityEvent, LeadEvent

RECORDED, EDITED, STATUS, REOPENED, SIGNED, LINKED = (
    "recorded",
    "edited",
    "status",
    "reopened",
    "signed",
    "linked",
)


def _lead(lead, kind: str, text: str, *, user, on=None, commit=True, **data):
    """The event, saved (``commit=False``: unsaved, for a bulk load such as the demo's)."""
    event = LeadEvent(
        lead=lead,
        region_id=lead.region_id,
        kind=kind,
        text=text[:500],
        data=data,
        occurred_on=on,
        user=user,
    )
    if commit:
        event.save()
    return event


def _activity(activity, kind: str, text: str, *, user, commit=True, **data):
    """The event, saved (``commit=False``: unsaved, for a bulk load such as the demo's)."""
    event = ActivityEvent(
        activity=activity,
        region_id=activity.region_id,
        kind=kind,
        text=text[:500],
        data=data,
        user=user,
    )
    if commit:
        event.save()
    return event


def lead_recorded(*, lead, user, commit=True):
    text = f"登记线索：{lead.investor_name}，{lead.project_name}"
    if lead.intended_investment:
        text += f"，意向投资{amount(lead.intended_investment)}"
    return _lead(lead, RECORDED, text, user=user, on=lead.recorded_on, commit=commit)


def lead_edited(*, lead, fields: list[str], user, commit=True):
    text = f"修改{'、'.join(fields)}"
    return _lead(lead, EDITED, text, user=user, commit=commit, fields=fields)


def status_moved(*, lead, from_status: str, to_status: str, on, reason: str, user, commit=True):
    text = f"{LeadStatus(from_status).label} → {LeadStatus(to_status).label}"
    if reason:
        text += f"：{reason}"
    data = {"from_status": from_status, "to_status": to_status, "reason": reason}
    return _lead(lead, STATUS, text, user=user, on=on, commit=commit, **data)


def reopened(*, lead, to_status: str, on, reason: str, user, commit=True):
    text = f"重新启用，恢复为“{LeadStatus(to_status).label}”：{reason}"
    data = {"to_status": to_status, "reason": reason}
    return _lead(lead, REOPENED, text, user=user, on=on, commit=commit, **data)


def signed(*, lead, project, from_status: str, on, user, commit=True):
    text = f"{LeadStatus(from_status).label} → 已签约，转入项目库：{project.code} {project.name}"
    data = {"from_status": from_status, "to_status": LeadStatus.SIGNED, "project": project.pk}
    return _lead(lead, SIGNED, text, user=user, on=on, commit=commit, **data)


def signing_linked(*, lead, activity, on, user, commit=True):
    """The same lead signed again at another event: the event is linked, nothing counted."""
    text = f"在“{activity}”再次签约，已关联该活动，不重复计数"
    return _lead(lead, LINKED, text, user=user, on=on, commit=commit, activity=activity.pk)


def activity_recorded(*, activity, user, commit=True):
    text = f"登记{activity.get_kind_display()}"
    return _activity(activity, RECORDED, text, user=user, commit=commit)


def activity_edited(*, activity, fields: list[str], user, commit=True):
    text = f"修改{'、'.join(fields)}"
    return _activity(activity, EDITED, text, user=user, commit=commit, fields=fields)
