"""The ledger rows of a project's life, one function per kind (STYLE.md §9); the verbs in
actions.py write them and the project's timeline reads them."""

from datetime import date

from mujun.core.chinese import amount

from .choices import Stage
from .models import Project, ProjectEvent

REGISTERED, EDITED, STAGE, PLAN, REPORT = "registered", "edited", "stage", "plan", "report"


def _write(project: Project, kind: str, text: str, *, user, on=None, commit=True, **data):
    """The event, saved (``commit=False``: unsaved, for a bulk load such as the demo's)."""
    event = ProjectEvent(
        project=project,
        region_id=project.region_id,
        kind=kind,
        text=text[:500],
        data=data,
        occurred_on=on,
        user=user,
    )
    if commit:
        event.save()
    return event


def save_all(events: list[ProjectEvent]) -> list[ProjectEvent]:
    """A batch's events (written with ``commit=False``) in one bulk insert a thousand."""
    return ProjectEvent.objects.bulk_create(events, batch_size=1000)


def registered(*, project: Project, user):
    return _write(
        project, REGISTERED, f"登记项目，总投资{amount(project.total_investment)}", user=user
    )


def edited(*, project: Project, fields: list[str], user):
    """``fields``: the labels of what the save changed."""
    return _write(project, EDITED, f"修改{'、'.join(fields)}", user=user, fields=fields)


def stage_changed(
    *, project: Project, from_stage: str, to_stage: str, on: date, user, note="", commit=True
):
    before = Stage(from_stage).label if from_stage else "登记"
    text = f"{before} → {Stage(to_stage).label}" + (f"：{note}" if note else "")
    data = {"from_stage": from_stage, "to_stage": to_stage, "note": note}
    return _write(project, STAGE, text, user=user, on=on, commit=commit, **data)


def plan_set(*, plan, user, commit=True):
    text = f"{plan.year}年度计划投资{amount(plan.planned_investment)}"
    on = date(plan.year, 1, 1)
    return _write(plan.project, PLAN, text, user=user, on=on, commit=commit, year=plan.year)


def report_filed(*, report, user, corrected: bool = False, commit=True):
    title = f"{report.year}年{report.month}月报表{'（更正）' if corrected else ''}"
    text = f"{title}：完成投资{amount(report.completed_investment)}"
    notes = "；".join(
        t for t in (report.progress_note, report.problems and f"问题：{report.problems}") if t
    )
    if notes:
        text += f"。{notes}"
    on = date(report.year, report.month, 1)
    data = {"year": report.year, "month": report.month}
    return _write(report.project, REPORT, text, user=user, on=on, commit=commit, **data)
