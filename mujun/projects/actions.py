"""The verbs of the project register. Views, API and imports validate input and call these."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from mujun.core.actions import archive, restore, save_form, save_versioned

from . import events, tally
from .alerts import refresh_alerts, today
from .choices import STAGE_MILESTONE, Stage
from .models import AnnualPlan, MonthlyReport, Project, ProjectEvent
from .stages import StageError, check_move, is_backwards, stages_after


def _lock(project: Project) -> int:
    """Take the project's row lock for the rest of the transaction: a plan or a report of the
    same project written at the same moment waits for this one, then finds what it wrote (two
    PUTs of one year's plan both succeed, the later one standing, instead of both inserting).
    SQLite's IMMEDIATE transactions serialise writers already. Returns the project's region as
    stored, whose tally the plan or report counts in."""
    locked = Project._base_manager.select_for_update().filter(pk=project.pk)
    return locked.values_list("region_id", flat=True).get()


def refresh(project: Project):
    """Every change re-evaluates the project's alert at once (SPEC §3: on every change)."""
    refresh_alerts(Project.objects.filter(pk=project.pk))
    project.refresh_from_db(fields=list(Project.derived_fields))


@transaction.atomic
def save_project(form, *, expected_version, user) -> Project:
    """Register or change a project from a valid ``ProjectForm`` (its tiers too), write the
    event, re-evaluate the alert and recount the summary's tally of the regions and years the
    project counted in before and counts in now: the one route of the edit page and of the
    API."""
    new = form.instance.pk is None
    # read before the save: the form has laid its values over the instance already
    counted = set() if new else tally.keys_of([form.instance.pk])
    regions = set() if new else {_lock(form.instance)}
    project = save_form(form, expected_version=expected_version, user=user)
    if new:
        events.registered(project=project, user=user)
    elif form.changed_data:
        labels = [str(form.fields[name].label) for name in form.changed_data]
        events.edited(project=project, fields=labels, user=user)
    if "liaison_leaders" in form.changed_data:
        _set_leaders(project, list(form.cleaned_data["liaison_leaders"]), user)
    refresh(project)
    tally.recount(counted | tally.keys_of([project.pk]), regions=regions | {project.region_id})
    return project


def _set_leaders(project, leaders, user):
    """The project's liaison leaders from the register (its commissioners kept)."""
    from mujun.service.actions import set_liaisons
    from mujun.service.models import Liaison

    commissioners = [
        row.official
        for row in Liaison.objects.filter(
            project=project, role="commissioner", is_archived=False
        ).select_related("official")
    ]
    set_liaisons(project, leaders=leaders, commissioners=commissioners, user=user)


@transaction.atomic
def register_signed(
    *,
    code: str,
    name: str,
    region,
    industry_code: str,
    total_investment: Decimal,
    investor_name: str,
    investor_uscc: str,
    liaison_leader: str = "",
    liaison_official=None,
    on: date,
    user,
) -> Project:
    """A project signed from an investment-attraction lead: registered, then moved to 签约 on
    its signing day (the register's own two events). Its investor is the registry's enterprise
    of that code in the project's town where there is one, else named."""
    from mujun.enterprises.models import Enterprise

    enterprise = None
    if investor_uscc:
        enterprise = Enterprise.objects.filter(uscc=investor_uscc, region=region).first()
    project = Project(
        code=code,
        name=name,
        region=region,
        industry_code=industry_code,
        total_investment=total_investment,
        enterprise=enterprise,
        investor_name="" if enterprise else investor_name,
        liaison_leader=liaison_leader,
        planned_signed=on,
    )
    save_versioned(project, expected_version=None, user=user)
    events.registered(project=project, user=user)
    if liaison_official is not None:
        _set_leaders(project, [liaison_official], user)
    move_stage(project, stage=Stage.SIGNED, on=on, user=user)
    return project


@transaction.atomic
def move_stage(project: Project, *, stage: str, on: date, user, note: str = "") -> ProjectEvent:
    """Move ``project`` to ``stage`` on the date it happened.

    Reaching a milestone stage records its actual date; a move back clears the actual dates of
    the milestones after the new stage and must carry a reason.
    """
    current = project.stage
    check_move(current, stage, note=note)
    counted = tally.keys_of([project.pk])
    if on > today():
        raise StageError("日期不能晚于今天")
    last = project.events.filter(kind=events.STAGE).order_by("-occurred_on", "-pk").first()
    if last is not None and on < last.occurred_on and not is_backwards(current, stage):
        raise StageError(f"日期不能早于上一次阶段变更（{last.occurred_on:%Y年%m月%d日}）")
    if stage == Stage.TERMINATED:
        project.terminated_reason = note
    else:
        if current == Stage.TERMINATED:
            project.terminated_reason = ""
        for later in stages_after(stage):
            milestone = STAGE_MILESTONE.get(later)
            if milestone:
                setattr(project, f"actual_{milestone}", None)
        milestone = STAGE_MILESTONE.get(stage)
        if milestone:
            setattr(project, f"actual_{milestone}", on)
    project.stage = stage
    save_versioned(project, expected_version=project.version, user=user)
    event = events.stage_changed(
        project=project, from_stage=current, to_stage=stage, on=on, user=user, note=note
    )
    refresh(project)
    # the actual start set or cleared: the project leaves one year's 今年开工 for another's
    tally.recount(counted | tally.keys_of([project.pk]), regions={project.region_id})
    return event


@transaction.atomic
def set_archived(project: Project, *, archived: bool, user) -> Project:
    """Archive a project (it leaves the lists and the summaries) or restore it."""
    (archive if archived else restore)(project, user=user)
    tally.recount(tally.keys_of([project.pk]), regions={project.region_id})
    return project


@transaction.atomic
def set_plan(project: Project, *, year: int, planned_investment: Decimal, user) -> AnnualPlan:
    """年度计划投资: create or replace the plan of one year."""
    region_id = _lock(project)
    plan = AnnualPlan.objects.filter(project=project, year=year).first()
    if plan is None:
        plan = AnnualPlan(project=project, year=year, planned_investment=planned_investment)
        plan._history_user = user
        plan.save()
    elif plan.planned_investment != planned_investment or plan.is_archived:
        plan.planned_investment = planned_investment
        plan.is_archived = False
        save_versioned(plan, expected_version=plan.version, user=user)
    else:
        return plan
    events.plan_set(plan=plan, user=user)
    refresh(project)
    tally.recount({(region_id, year)})
    return plan


@transaction.atomic
def file_report(
    project: Project,
    *,
    year: int,
    month: int,
    completed_investment: Decimal,
    progress_note: str = "",
    problems: str = "",
    user,
    refresh_alert: bool = True,
) -> tuple[MonthlyReport, bool]:
    """File (or correct) the monthly report; returns the report and whether anything changed."""
    region_id = _lock(project)
    report = MonthlyReport.objects.filter(project=project, year=year, month=month).first()
    values = report_values(
        completed_investment=completed_investment, progress_note=progress_note, problems=problems
    )
    if report is None:
        report = MonthlyReport(project=project, year=year, month=month, **values)
        report._history_user = user
        report.save()
        events.report_filed(report=report, user=user)
        changed = True
    else:
        changes = report_changes({k: getattr(report, k) for k in values}, values)
        changed = bool(changes)
        if changed:
            for key, value in changes.items():
                setattr(report, key, value)
            save_versioned(report, expected_version=report.version, user=user)
            events.report_filed(report=report, user=user, corrected=True)
    # without refresh_alert the caller (the report import) re-evaluates the alerts and recounts
    # the summary's tally once for everything it filed
    if refresh_alert and changed:
        refresh(project)
        tally.recount({(region_id, year)})
    return report, changed


def report_values(**values) -> dict:
    """What filing a report stores, of the values given (completed investment, progress
    note, problems): a report filed again is no longer archived. The verb above and the
    import (imports.py, a file at a time) both write these."""
    return {**values, "is_archived": False}


def report_changes(stored: dict, values: dict) -> dict:
    """The values of ``report_values`` that differ from the stored report's (by field): none
    when the report is filed again as it is, which writes nothing, not even an event."""
    return {name: value for name, value in values.items() if stored[name] != value}
