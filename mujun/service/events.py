"""The ledger rows of enterprise service, one function per kind (STYLE.md §9): the verbs in
actions.py write them; the problem's and the visit's timelines read them."""

from .choices import Category, Outcome, Satisfaction
from .models import LiaisonEvent, ProblemEvent, VisitEvent

(
    RECORDED,
    EDITED,
    LOCAL,
    EXPLAINED,
    ESCALATED,
    ACCEPTED,
    REPLIED,
    RETURNED,
    CLOSED,
    REOPENED,
    RATED,
    GROUPED,
    ISSUE_SOLVED,
) = (
    "recorded",
    "edited",
    "local",
    "explained",
    "escalated",
    "accepted",
    "replied",
    "returned",
    "closed",
    "reopened",
    "rated",
    "grouped",
    "issue_solved",
)


def _day(on) -> str:
    return f"{on.year}年{on.month}月{on.day}日"


def _problem(problem, kind: str, text: str, *, user, on=None, commit=True, **data):
    """The event, saved (``commit=False``: unsaved, for an import's bulk insert)."""
    event = ProblemEvent(
        problem=problem,
        region_id=problem.region_id,
        kind=kind,
        text=text[:500],
        data=data,
        occurred_on=on,
        user=user,
    )
    if commit:
        event.save()
    return event


def _with_note(text: str, note: str) -> str:
    return f"{text}：{note}" if note else text


def recorded(*, problem, user, commit=True):
    text = f"登记诉求（{Category(problem.category).label}）：{problem.description[:80]}"
    return _problem(problem, RECORDED, text, user=user, on=problem.raised_on, commit=commit)


def edited(*, problem, fields: list[str], user, commit=True):
    text = f"修改{'、'.join(fields)}"
    return _problem(problem, EDITED, text, user=user, commit=commit, fields=fields)


def handled_locally(*, problem, on, note: str, user):
    text = _with_note(f"本级解决，办结时限{_day(problem.due_on)}", note)
    return _problem(problem, LOCAL, text, user=user, on=on, due_on=str(problem.due_on))


def explained(*, problem, on, note: str, user):
    return _problem(problem, EXPLAINED, f"政策解释并办结：{note}", user=user, on=on)


def escalated(*, problem, receiver: str, by: str, on, note: str, user, commit=True):
    """Escalated by the town, or passed up once more by the receiver (``by``)."""
    lead = f"{by}上报至{receiver}" if by else f"上报交办至{receiver}"
    text = _with_note(f"{lead}，办结时限{_day(problem.due_on)}", note)
    data = {"receiver": receiver, "by": by, "due_on": str(problem.due_on)}
    return _problem(problem, ESCALATED, text, user=user, on=on, commit=commit, **data)


def accepted(*, problem, receiver: str, on, note: str, user):
    return _problem(problem, ACCEPTED, _with_note(f"{receiver}受理", note), user=user, on=on)


def replied(*, problem, receiver: str, on, note: str, user):
    return _problem(problem, REPLIED, f"{receiver}答复：{note}", user=user, on=on)


def returned(*, problem, receiver: str, on, reason: str, user):
    return _problem(problem, RETURNED, f"{receiver}退回：{reason}", user=user, on=on)


def _closing_text(problem) -> str:
    text = f"办结（{Outcome(problem.outcome).label}）：{problem.resolution}"
    if problem.satisfaction:
        text += f"；企业评价：{Satisfaction(problem.satisfaction).label}"
    return text


def closed(*, problem, on, user):
    data = {"outcome": problem.outcome, "satisfaction": problem.satisfaction}
    return _problem(problem, CLOSED, _closing_text(problem), user=user, on=on, **data)


def reopened(*, problem, resolution: str, on, user):
    text = f"办结答复企业不满意，重新办理（仅一次）。原答复：{resolution}"
    return _problem(problem, REOPENED, text, user=user, on=on)


def rated(*, problem, on, user):
    text = f"企业评价：{Satisfaction(problem.satisfaction).label}"
    return _problem(problem, RATED, text, user=user, on=on, satisfaction=problem.satisfaction)


def grouped(*, problem, issue, user):
    text = f"归入共性问题“{issue.title}”，由{issue.task_force or '专班'}统一办理"
    return _problem(problem, GROUPED, text, user=user, issue=issue.pk)


def issue_solved(*, problem, issue, on, user):
    text = f"共性问题“{issue.title}”已解决：{issue.solution}"
    return _problem(problem, ISSUE_SOLVED, text, user=user, on=on, issue=issue.pk)


def visit_recorded(*, visit, user, officials=None, commit=True):
    """``officials``: the visit's officials' names where the caller has them (an import's
    unsaved events; read from the visit otherwise)."""
    if officials is None:
        officials = [o.name for o in visit.officials.all()]
    text = f"登记{visit.get_kind_display()}：{'、'.join(officials)}"
    event = VisitEvent(
        visit=visit,
        region_id=visit.region_id,
        kind=RECORDED,
        text=text[:500],
        occurred_on=visit.visited_on,
        user=user,
    )
    if commit:
        event.save()
    return event


def visit_edited(*, visit, fields: list[str], user, commit=True):
    event = VisitEvent(
        visit=visit,
        region_id=visit.region_id,
        kind=EDITED,
        text=f"修改{'、'.join(fields)}"[:500],
        data={"fields": fields},
        user=user,
    )
    if commit:
        event.save()
    return event


def liaisons_set(*, subject, region_id, before: list[str], after: list[str], user):
    text = f"联系干部：{'、'.join(before) or '无'} → {'、'.join(after) or '无'}"
    field = "project" if subject._meta.model_name == "project" else "enterprise"
    return LiaisonEvent.objects.create(
        region_id=region_id, kind="liaisons", text=text[:500], user=user, **{field: subject}
    )
