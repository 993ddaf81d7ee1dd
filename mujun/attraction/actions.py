"""The verbs of investment attraction. Views, API and imports validate input and call these;
each writes one event to the lead's or the activity's ledger, and counts the months it changed
again in the monthly tally (tally.py) in the same transaction; a lead's status moves read its
negotiation spans again from the ledger (talks.py)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from mujun.core.actions import archive, restore, save_form, save_versioned
from mujun.enterprises.rules import normalise_uscc, uscc_problem

from . import events, rules, talks, tally
from .choices import LeadStatus
from .models import Activity, Lead

OPEN = (LeadStatus.LEAD, LeadStatus.CONTACTING, LeadStatus.NEGOTIATING)


def next_status(status: str) -> str | None:
    """The open status after ``status`` (None past 在谈, whose next step is signing)."""
    position = OPEN.index(status) if status in OPEN else len(OPEN)
    return OPEN[position + 1] if position + 1 < len(OPEN) else None


# the milestone date each open status records
STATUS_DATE = {LeadStatus.CONTACTING: "contacted_on", LeadStatus.NEGOTIATING: "negotiating_on"}


class LeadError(Exception):
    """A move the rules do not allow, in words for the user."""


def today() -> date:
    return timezone.localdate()


def _changed_labels(form) -> list[str]:
    return [str(form.fields[name].label) for name in form.changed_data]


@transaction.atomic
def save_activity(form, *, expected_version, user) -> Activity:
    """Record or change an activity from a valid ``ActivityForm``."""
    new = form.instance.pk is None
    counted = tally.stored_keys(form.instance)
    activity = save_form(form, expected_version=expected_version, user=user, prepare=_derive)
    # the leader is counted as the leader, never again as a participant
    activity.officials.remove(activity.leader_id)
    _count_investors(activity)
    tally.recount(counted | tally.activity_keys(activity))
    if new:
        events.activity_recorded(activity=activity, user=user)
    elif form.changed_data:
        events.activity_edited(activity=activity, fields=_changed_labels(form), user=user)
    return activity


@transaction.atomic
def save_lead(form, *, expected_version, user) -> Lead:
    """Record or change a lead from a valid ``LeadForm`` (its status moves by ``move_lead``)."""
    new = form.instance.pk is None
    counted = tally.stored_keys(form.instance)
    lead = save_form(form, expected_version=expected_version, user=user)
    tally.recount(counted | tally.lead_keys(lead))
    if new:
        events.lead_recorded(lead=lead, user=user)
    elif form.changed_data:
        events.lead_edited(lead=lead, fields=_changed_labels(form), user=user)
    return lead


def _derive(activity: Activity) -> None:
    activity.days = rules.activity_days(activity.start_date, activity.end_date)


def _count_investors(activity: Activity) -> None:
    """The investors an activity met: its named ones and the leads it served, each once."""
    count = rules.investors_met(
        activity.investors, [lead.investor_name for lead in activity.leads.all()]
    )
    if activity.investor_count != count:
        activity.investor_count = count
        Activity.objects.filter(pk=activity.pk).update(investor_count=count)


def _last_move(lead: Lead) -> date:
    """The day of the lead's last status move: from its ledger, since a move back or a
    reopening clears the days the lead keeps, and a move dated before one already made would
    read the ledger out of order (its negotiation spans, talks.py, with it)."""
    days = [lead.recorded_on, lead.contacted_on, lead.negotiating_on, lead.dropped_on]
    _first, moved = talks.move_days([lead.pk]).get(lead.pk, (None, None))
    return max(d for d in (*days, moved) if d is not None)


def _check_after_last_move(lead: Lead, on: date) -> None:
    last = _last_move(lead)
    if on < last:
        raise LeadError(f"日期不能早于上一次状态变更（{last:%Y年%m月%d日}）")


def _check_day(lead: Lead, on: date) -> None:
    if on > today():
        raise LeadError("日期不能晚于今天")
    if on < lead.recorded_on:
        raise LeadError(f"日期不能早于登记日期（{lead.recorded_on:%Y年%m月%d日}）")


@transaction.atomic
def move_lead(lead: Lead, *, status: str, on: date, user, reason: str = "") -> Lead:
    """Move an open lead to another open status or drop it (a drop needs its reason). Signing
    is ``sign_lead``; a dropped lead comes back only by ``reopen_lead``."""
    current, counted = lead.status, tally.lead_keys(lead)
    if status not in LeadStatus.values:
        raise LeadError(f"未知的状态：{status}")
    if status == LeadStatus.SIGNED:
        raise LeadError("签约请使用“签约”操作：须先核实投资方，并生成项目")
    if current == LeadStatus.SIGNED:
        raise LeadError("线索已签约，状态不能再改")
    if current == LeadStatus.DROPPED:
        raise LeadError("线索已放弃，须先“重新启用”")
    if status == current:
        raise LeadError("状态没有变化")
    _check_day(lead, on)
    _check_after_last_move(lead, on)
    if status == LeadStatus.DROPPED:
        if not reason.strip():
            raise LeadError("放弃线索须填写原因")
        lead.dropped_on, lead.drop_reason = on, reason.strip()
    else:
        backwards = OPEN.index(status) < OPEN.index(current)
        if backwards and not reason.strip():
            raise LeadError("状态退回须填写原因")
        # a step reached records its day; a step taken back clears the days after it
        for later in OPEN[OPEN.index(status) + 1 :]:
            setattr(lead, STATUS_DATE[later], None)
        for step in OPEN[1 : OPEN.index(status) + 1]:
            if getattr(lead, STATUS_DATE[step]) is None:
                setattr(lead, STATUS_DATE[step], on)
    lead.status = status
    save_versioned(lead, expected_version=lead.version, user=user)
    tally.recount(counted | tally.lead_keys(lead))
    events.status_moved(
        lead=lead, from_status=current, to_status=status, on=on, reason=reason.strip(), user=user
    )
    talks.refresh(lead)
    return lead


@transaction.atomic
def reopen_lead(lead: Lead, *, on: date, user, reason: str) -> Lead:
    """Take a dropped lead up again, at the status it was dropped from."""
    if lead.status != LeadStatus.DROPPED:
        raise LeadError("只有已放弃的线索可以重新启用")
    if not reason.strip():
        raise LeadError("重新启用须填写原因")
    _check_day(lead, on)
    if lead.dropped_on and on < lead.dropped_on:
        raise LeadError(f"日期不能早于放弃日期（{lead.dropped_on:%Y年%m月%d日}）")
    _check_after_last_move(lead, on)
    status, counted = LeadStatus.LEAD, tally.lead_keys(lead)
    for step in reversed(OPEN[1:]):
        if getattr(lead, STATUS_DATE[step]) is not None:
            status = step
            break
    lead.status, lead.dropped_on, lead.drop_reason = status, None, ""
    save_versioned(lead, expected_version=lead.version, user=user)
    tally.recount(counted | tally.lead_keys(lead))
    events.reopened(lead=lead, to_status=status, on=on, reason=reason.strip(), user=user)
    talks.refresh(lead)
    return lead


@transaction.atomic
def set_archived(obj: Activity | Lead, *, archived: bool, user) -> Activity | Lead:
    """Archive an activity or a lead (it leaves the lists and the statistics) or restore it."""
    (archive if archived else restore)(obj, user=user)
    keys = tally.activity_keys(obj) if isinstance(obj, Activity) else tally.lead_keys(obj)
    tally.recount(keys)
    return obj


def identity_problem(lead: Lead) -> str | None:
    """Why the investor is not yet identified for signing, or ``None``: its unified social
    credit code, checked as the enterprise registry checks it, or — for an investor not
    registered in China — its name and home country."""
    if lead.investor_uscc:
        problem = uscc_problem(normalise_uscc(lead.investor_uscc))
        return f"投资方统一社会信用代码{problem}" if problem else None
    if rules.is_abroad(lead.investor_country):
        return None if lead.investor_name.strip() else "请填写投资方名称"
    return "签约前须核实投资方：填写其统一社会信用代码；境外投资方填写名称和国别"


def _same_signed(lead: Lead) -> Lead | None:
    """Another lead of the region already signed for the same investor and project."""
    others = Lead.objects.filter(
        region_id=lead.region_id,
        status=LeadStatus.SIGNED,
        project_name=lead.project_name,
        is_archived=False,
    ).exclude(pk=lead.pk)
    if lead.investor_uscc:
        return others.filter(investor_uscc=normalise_uscc(lead.investor_uscc)).first()
    return others.filter(
        investor_name=lead.investor_name, investor_country=lead.investor_country
    ).first()


def signing_activities(lead: Lead, activities):
    """The ``activities`` at which ``lead`` may be signed: those of its own region and of the
    regions above it (a county's promotion event signs a town's lead), never a sibling's."""
    return activities.filter(region__code__in=lead.region.lineage_codes())


@transaction.atomic
def sign_lead(lead: Lead, *, on: date, user, activity: Activity | None = None):
    """Sign the lead: a project at stage 签约 in the project register, with its name, region,
    industry, investment, liaison and signing date carried over, linked to the lead — once
    only. Signed again at another event (``activity``), the event is linked and nothing is
    counted twice. Returns the project."""
    from mujun.projects import actions as project_actions

    if activity is not None and not activity.region.contains(lead.region):
        raise LeadError(
            f"签约活动须是线索所在地区或其上级组织的活动（{activity.region.name}的活动不能用于"
            f"{lead.region.name}的线索）"
        )
    if lead.status == LeadStatus.SIGNED:
        if activity is None:
            raise LeadError(f"该线索已于{lead.signed_on:%Y年%m月%d日}签约，不能重复签约")
        if lead.activities.filter(pk=activity.pk).exists():
            raise LeadError(f"该线索已关联活动“{activity}”，无需再次关联")
        lead.activities.add(activity)
        _count_investors(activity)
        tally.recount(tally.activity_keys(activity))
        events.signing_linked(lead=lead, activity=activity, on=on, user=user)
        return lead.project
    if lead.status == LeadStatus.DROPPED:
        raise LeadError("线索已放弃，须先“重新启用”")
    twin = _same_signed(lead)
    if twin is not None:
        raise LeadError(
            f"同一投资方的同一项目已签约（{twin.investor_name} · {twin.project_name}），"
            "请在该线索上关联本次签约活动，不要重复签约"
        )
    problem = identity_problem(lead)
    if problem:
        raise LeadError(problem)
    _check_day(lead, on)
    _check_after_last_move(lead, on)
    project = project_actions.register_signed(
        code=_next_code(on.year),
        name=lead.project_name,
        region=lead.region,
        industry_code=lead.industry_code,
        total_investment=lead.intended_investment,
        investor_name=lead.investor_name,
        investor_uscc=normalise_uscc(lead.investor_uscc) if lead.investor_uscc else "",
        liaison_official=lead.owner,
        on=on,
        user=user,
    )
    current, counted = lead.status, tally.lead_keys(lead)
    lead.status, lead.signed_on, lead.project = LeadStatus.SIGNED, on, project
    if lead.negotiating_on is None:
        lead.negotiating_on = on
    save_versioned(lead, expected_version=lead.version, user=user)
    counted |= tally.lead_keys(lead)
    if activity is not None:
        lead.activities.add(activity)
        _count_investors(activity)
        counted |= tally.activity_keys(activity)
    tally.recount(counted)
    events.signed(lead=lead, project=project, from_status=current, on=on, user=user)
    talks.refresh(lead)
    return project


def _next_code(year: int) -> str:
    """The next free project code of the year, in the register's form XM2026-0001."""
    from mujun.projects.models import Project

    prefix = f"XM{year}-"
    codes = Project.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(c[len(prefix) :]) for c in codes if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"
