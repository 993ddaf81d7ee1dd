"""The verbs of enterprise service. Views, API, imports and commands validate input and call
these; each writes one event to the problem's (or visit's, or liaisons') ledger. A refused
move raises ``ProblemError`` with the reason in words for the user, and writes nothing."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mujun.core.actions import save_form, save_versioned
from mujun.core.roles import Role

from . import events, notify, tally
from .choices import WITH_RECEIVER, Handling, LiaisonRole, Outcome, Satisfaction, Status
from .models import Liaison, Problem
from .rules import deadline_config, default_deadlines


class ProblemError(Exception):
    """A step the rules do not allow, in words for the user."""


def today() -> date:
    return timezone.localdate()


def deadlines_config() -> dict:
    """The deadline defaults, with the installation's ``MUJUN_SERVICE_DEADLINES`` laid over."""
    return deadline_config(getattr(settings, "MUJUN_SERVICE_DEADLINES", None))


def suggested_deadline(problem: Problem, on: date | None = None) -> date:
    """The default 办结时限 of ``problem`` handed over on ``on`` (today)."""
    return default_deadlines(on or today(), problem.category, deadlines_config()).resolve_by


def _changed_labels(form) -> list[str]:
    return [str(form.fields[name].label) for name in form.changed_data]


def next_code(year: int) -> str:
    """The next free problem code of the year: SQ2026-00001."""
    return next_codes(year, 1)[0]


def next_codes(year: int, count: int, taken=()) -> list[str]:
    """The next ``count`` free problem codes of the year, after the stored ones and ``taken``
    (codes about to be stored: an import's own)."""
    prefix = f"SQ{year}-"
    codes = Problem._base_manager.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [
        int(c[len(prefix) :])
        for c in [*codes, *taken]
        if c.startswith(prefix) and c[len(prefix) :].isdigit()
    ]
    last = max(numbers, default=0)
    return [f"{prefix}{last + n:05d}" for n in range(1, count + 1)]


def imported_assignment(raised_on: date, category: str, department, deadline, config) -> dict:
    """The fields of a problem a spreadsheet says was assigned to ``department``: assigned from
    its raising day, with the spreadsheet's deadline or the category's default (a past deadline
    is history here, not an error); ``config`` is ``deadlines_config()``."""
    defaults = default_deadlines(raised_on, category, config)
    return {
        "handling": Handling.ESCALATE,
        "status": Status.ASSIGNED,
        "department_id": department.pk,
        "receiving_region_id": None,
        "assigned_on": raised_on,
        "accept_by": defaults.accept_by,
        "reply_by": defaults.reply_by,
        "due_on": deadline or defaults.resolve_by,
    }


# -- registering ------------------------------------------------------------------------------


def _place(problem: Problem) -> None:
    # a problem belongs to its enterprise's town (the scope of the ledger)
    problem.region_id = problem.enterprise.region_id
    if not problem.code:
        problem.code = next_code(problem.raised_on.year)


@transaction.atomic
def save_problem(form, *, expected_version, user) -> Problem:
    """Register or change a problem from a valid ``ProblemForm``; its handling moves by the
    verbs below."""
    new = form.instance.pk is None
    before = (
        None
        if new
        else Problem._base_manager.filter(pk=form.instance.pk)
        .values_list("region_id", "raised_on")
        .get()
    )
    problem = save_form(form, expected_version=expected_version, user=user, prepare=_place)
    if new:
        events.recorded(problem=problem, user=user)
    elif form.changed_data:
        events.edited(problem=problem, fields=_changed_labels(form), user=user)
    tally.refresh(tally.key(problem), *([before] if before else []))
    return problem


@transaction.atomic
def save_visit(form, *, expected_version, user, problems=()):
    """Record or change a visit from a valid ``VisitForm``; ``problems`` raised on the spot
    (dicts of ``category``, ``description`` and optionally ``raised_by``) are registered with
    it as problems of the ledger."""
    new = form.instance.pk is None

    def prepare(visit):
        visit.region_id = visit.enterprise.region_id

    visit = save_form(form, expected_version=expected_version, user=user, prepare=prepare)
    if new:
        events.visit_recorded(visit=visit, user=user)
    elif form.changed_data:
        events.visit_edited(visit=visit, fields=_changed_labels(form), user=user)
    for raised in problems:
        problem = Problem(
            enterprise=visit.enterprise,
            visit=visit,
            category=raised["category"],
            description=raised["description"],
            raised_by=raised.get("raised_by", ""),
            source="visit",
            raised_on=visit.visited_on,
            officer=visit.officials.first(),
        )
        _place(problem)
        save_versioned(problem, expected_version=None, user=user)
        events.recorded(problem=problem, user=user)
        tally.touch(problem)
    return visit


# -- liaisons ---------------------------------------------------------------------------------


@transaction.atomic
def set_liaisons(subject, *, leaders, commissioners, user, on: date | None = None):
    """Make ``leaders`` and ``commissioners`` (officials) the liaisons of ``subject`` (an
    enterprise or a project): new ones assigned, removed ones archived (their record stays),
    and one event naming the set before and after."""
    field = "project" if subject._meta.model_name == "project" else "enterprise"
    wanted = {(o.pk, LiaisonRole.LEADER) for o in leaders}
    wanted |= {(o.pk, LiaisonRole.COMMISSIONER) for o in commissioners}
    stored = {
        (row.official_id, row.role): row
        for row in Liaison._base_manager.filter(**{field: subject}).select_related("official")
    }

    def names(pairs):
        people = {o.pk: o.name for o in (*leaders, *commissioners)}
        people |= {row.official_id: row.official.name for row in stored.values()}
        labels = dict(LiaisonRole.choices)
        return [f"{people[o]}（{labels[r]}）" for o, r in sorted(pairs)]

    before = {key for key, row in stored.items() if not row.is_archived}
    if before == wanted:
        return
    for key, row in stored.items():
        active = key in wanted
        if row.is_archived == active:
            row.is_archived = not active
            row.archived_at = None if active else timezone.now()
            save_versioned(row, expected_version=row.version, user=user)
    for official, role in wanted - set(stored):
        row = Liaison(
            official_id=official,
            role=role,
            region_id=subject.region_id,
            since=on or today(),
            **{field: subject},
        )
        save_versioned(row, expected_version=None, user=user)
    events.liaisons_set(
        subject=subject,
        region_id=subject.region_id,
        before=names(before),
        after=names(wanted),
        user=user,
    )


# -- handling ---------------------------------------------------------------------------------


def _is_department(user) -> bool:
    return getattr(user, "role", None) == Role.DEPARTMENT and not user.is_superuser


def receiver_name(problem: Problem) -> str:
    if problem.department_id:
        return problem.department.name
    if problem.receiving_region_id:
        return problem.receiving_region.name
    return ""


def is_receiver(problem: Problem, user) -> bool:
    """Whether ``user`` acts for whoever has the problem now: its department's users, or the
    users of the receiving region (or above it)."""
    if problem.status not in WITH_RECEIVER:
        return False
    if user.is_superuser:
        return True
    if problem.department_id:
        return getattr(user, "department_id", None) == problem.department_id
    region = getattr(user, "region", None)
    return (
        not _is_department(user)
        and region is not None
        and problem.receiving_region.path.startswith(region.path)
    )


def is_town(problem: Problem, user) -> bool:
    """Whether ``user`` acts for the town that registered the problem (or a region above it)."""
    if user.is_superuser:
        return True
    region = getattr(user, "region", None)
    return (
        not _is_department(user)
        and region is not None
        and problem.region.path.startswith(region.path)
    )


def _open(problem: Problem):
    if problem.status == Status.CLOSED:
        raise ProblemError("问题已办结，不能再办理")


def _check_deadline(deadline: date | None, on: date):
    if deadline is None:
        raise ProblemError("请填写办结时限")
    if deadline < on:
        raise ProblemError(f"办结时限不能早于今天（{on:%Y年%m月%d日}）")


def _level(problem: Problem):
    """The region whose level has the problem now: the town, a department's region, or the
    receiving region."""
    if problem.status in WITH_RECEIVER:
        return problem.department.region if problem.department_id else problem.receiving_region
    return problem.region


def receivers(problem: Problem):
    """Where ``problem`` may be escalated from where it is: the departments of the regions
    above its current level (and of that level, for a town's own problem), and the region just
    above. Returns (departments queryset, parent region or None)."""
    from mujun.regions.models import Region

    from .models import Department

    level = _level(problem)
    ancestors = [c for c in level.path.strip("/").split("/") if c]
    # passed up: strictly higher than the level that has it
    codes = ancestors[:-1] if problem.status in WITH_RECEIVER else ancestors
    departments = Department.objects.filter(region__code__in=codes, is_archived=False)
    if problem.status in WITH_RECEIVER and problem.department_id:
        departments = departments.exclude(region=problem.department.region)
    parent = Region.objects.filter(pk=level.parent_id).first() if level.parent_id else None
    return departments, parent


@transaction.atomic
def handle(
    problem: Problem,
    *,
    user,
    handling: str,
    department=None,
    region=None,
    deadline: date | None = None,
    note: str = "",
) -> Problem:
    """Handle the problem one of the three ways. The town: ``resolve_locally`` (with its
    deadline, by default the category's), ``explain_policy`` (closes it with the explanation
    ``note``) or ``escalate`` to a ``department`` or to the parent ``region`` with a
    ``deadline``. Whoever has an escalated problem may only pass it up once more
    (``escalate`` to a department or region above its own)."""
    on = today()
    note = (note or "").strip()
    _open(problem)
    if handling not in Handling.values:
        raise ProblemError(f"未知的处理方式：{handling}")
    if problem.status in WITH_RECEIVER:
        if not is_receiver(problem, user):
            raise ProblemError(f"该问题已交办{receiver_name(problem)}，由其受理、答复或退回")
        if handling != Handling.ESCALATE:
            raise ProblemError("承办单位只能答复、退回或继续上报，本级解决与政策解释由镇街办理")
    elif not is_town(problem, user):
        raise ProblemError("该问题由登记问题的镇街处理")
    if handling == Handling.EXPLAIN_POLICY:
        if not note:
            raise ProblemError("政策解释须填写解释内容")
        problem.handling = handling
        _close(problem, on=on, outcome=Outcome.EXPLAINED, resolution=note, satisfaction="")
        save_versioned(problem, expected_version=problem.version, user=user)
        events.explained(problem=problem, on=on, note=note, user=user)
        tally.touch(problem)
        return problem
    if handling == Handling.RESOLVE_LOCALLY:
        deadline = deadline or suggested_deadline(problem, on)
        _check_deadline(deadline, on)
        problem.handling, problem.status, problem.due_on = handling, Status.IN_PROGRESS, deadline
        save_versioned(problem, expected_version=problem.version, user=user)
        events.handled_locally(problem=problem, on=on, note=note, user=user)
        return problem
    return _escalate(
        problem,
        user=user,
        department=department,
        region=region,
        deadline=deadline,
        note=note,
        on=on,
    )


def _escalate(problem, *, user, department, region, deadline, note, on):
    if (department is None) == (region is None):
        raise ProblemError("上报交办须选择一个承办部门或上级地区")
    _check_deadline(deadline, on)
    departments, parent = receivers(problem)
    if department is not None and not departments.filter(pk=department.pk).exists():
        raise ProblemError(f"不能交办至{department.name}：只能交办本级或上级的部门")
    if region is not None and (parent is None or region.pk != parent.pk):
        raise ProblemError(f"只能上报至上一级地区{f'（{parent.name}）' if parent else ''}")
    by = receiver_name(problem) if problem.status in WITH_RECEIVER else ""
    notify.clear(problem)
    config = deadlines_config()
    defaults = default_deadlines(on, problem.category, config)
    problem.handling, problem.status = Handling.ESCALATE, Status.ASSIGNED
    problem.department, problem.receiving_region = department, region
    problem.assigned_on, problem.accept_by, problem.reply_by = (
        on,
        defaults.accept_by,
        min(defaults.reply_by, deadline),
    )
    problem.due_on, problem.accepted_on, problem.replied_on, problem.reply = (
        deadline,
        None,
        None,
        "",
    )
    save_versioned(problem, expected_version=problem.version, user=user)
    if department is not None:
        problem.departments.add(department)
    events.escalated(
        problem=problem, receiver=receiver_name(problem), by=by, on=on, note=note, user=user
    )
    notify.assigned(problem)
    tally.touch(problem)
    return problem


def _as_receiver(problem: Problem, user):
    _open(problem)
    if problem.status not in WITH_RECEIVER:
        raise ProblemError("该问题未交办，不需受理、答复或退回")
    if not is_receiver(problem, user):
        raise ProblemError(f"该问题由{receiver_name(problem)}承办")


@transaction.atomic
def accept(problem: Problem, *, user, note: str = "") -> Problem:
    """The receiver accepts the assigned problem (受理)."""
    _as_receiver(problem, user)
    if problem.status != Status.ASSIGNED:
        raise ProblemError("该问题已受理")
    on = today()
    problem.status, problem.accepted_on = Status.ACCEPTED, on
    save_versioned(problem, expected_version=problem.version, user=user)
    events.accepted(
        problem=problem, receiver=receiver_name(problem), on=on, note=note.strip(), user=user
    )
    return problem


@transaction.atomic
def reply(problem: Problem, *, user, note: str) -> Problem:
    """The receiver answers (答复); the first answer also accepts an unaccepted problem. The
    town then closes it with the enterprise."""
    _as_receiver(problem, user)
    note = (note or "").strip()
    if not note:
        raise ProblemError("答复须填写内容")
    on = today()
    problem.accepted_on = problem.accepted_on or on
    problem.replied_on = problem.replied_on or on
    problem.status, problem.reply = Status.REPLIED, note
    save_versioned(problem, expected_version=problem.version, user=user)
    events.replied(problem=problem, receiver=receiver_name(problem), on=on, note=note, user=user)
    notify.replied(problem)
    return problem


@transaction.atomic
def return_problem(problem: Problem, *, user, reason: str) -> Problem:
    """The receiver hands the problem back to the town (退回) with the reason; the town
    handles it again."""
    _as_receiver(problem, user)
    reason = (reason or "").strip()
    if not reason:
        raise ProblemError("退回须说明原因")
    on = today()
    receiver = receiver_name(problem)
    notify.clear(problem)
    problem.status, problem.department, problem.receiving_region = Status.RETURNED, None, None
    problem.accept_by = problem.reply_by = None
    save_versioned(problem, expected_version=problem.version, user=user)
    events.returned(problem=problem, receiver=receiver, on=on, reason=reason, user=user)
    notify.returned(problem)
    return problem


def _close(problem, *, on, outcome, resolution, satisfaction):
    problem.status, problem.outcome, problem.resolution = Status.CLOSED, outcome, resolution
    problem.satisfaction = satisfaction
    problem.closed_on = on
    problem.days_to_close = (on - problem.raised_on).days
    problem.department = problem.receiving_region = None


def _reopen(problem):
    problem.status, problem.reopened = Status.REOPENED, True
    problem.closed_on = problem.days_to_close = None
    problem.outcome, problem.satisfaction = "", ""


@transaction.atomic
def close(
    problem: Problem,
    *,
    user,
    resolution: str,
    outcome: str = Outcome.RESOLVED,
    satisfaction: str = "",
) -> Problem:
    """The town closes the problem (办结) with its outcome and resolution — a withdrawal
    (撤单) with the enterprise's reason — and, where the enterprise answered, its satisfaction.
    不满意 reopens the problem, once; the second 不满意 stays on the closed problem."""
    _open(problem)
    if not is_town(problem, user):
        raise ProblemError("办结由登记问题的镇街在征询企业意见后办理；承办单位请答复")
    resolution = (resolution or "").strip()
    if not resolution:
        raise ProblemError(
            "撤单须填写企业撤单的原因" if outcome == Outcome.WITHDRAWN else "办结须填写办理结果"
        )
    if outcome not in Outcome.values:
        raise ProblemError(f"未知的办结结果：{outcome}")
    satisfaction = satisfaction or ""
    if satisfaction not in Satisfaction.values:
        raise ProblemError(f"未知的满意度：{satisfaction}")
    if outcome == Outcome.WITHDRAWN and satisfaction:
        raise ProblemError("企业已撤单，不记录满意度")
    on = today()
    notify.clear(problem)
    _close(problem, on=on, outcome=outcome, resolution=resolution, satisfaction=satisfaction)
    if satisfaction == Satisfaction.DISSATISFIED and not problem.reopened:
        _reopen(problem)
        save_versioned(problem, expected_version=problem.version, user=user)
        events.reopened(problem=problem, resolution=resolution, on=on, user=user)
        tally.touch(problem)
        return problem
    save_versioned(problem, expected_version=problem.version, user=user)
    events.closed(problem=problem, on=on, user=user)
    tally.touch(problem)
    return problem


@transaction.atomic
def rate(problem: Problem, *, user, satisfaction: str) -> Problem:
    """Record the enterprise's answer on a problem closed before it gave one (回访). 不满意
    reopens it once, as at closing."""
    if problem.status != Status.CLOSED:
        raise ProblemError("问题尚未办结，满意度在办结时记录")
    if not is_town(problem, user):
        raise ProblemError("满意度由登记问题的镇街回访企业后记录")
    if problem.outcome == Outcome.WITHDRAWN:
        raise ProblemError("企业已撤单，不记录满意度")
    if problem.satisfaction:
        raise ProblemError("已记录企业的评价")
    if satisfaction not in Satisfaction.values or not satisfaction:
        raise ProblemError("请选择满意、基本满意或不满意")
    on = today()
    problem.satisfaction = satisfaction
    if satisfaction == Satisfaction.DISSATISFIED and not problem.reopened:
        resolution = problem.resolution
        _reopen(problem)
        save_versioned(problem, expected_version=problem.version, user=user)
        events.reopened(problem=problem, resolution=resolution, on=on, user=user)
        tally.touch(problem)
        return problem
    save_versioned(problem, expected_version=problem.version, user=user)
    events.rated(problem=problem, on=on, user=user)
    tally.touch(problem)
    return problem


# -- common issues ----------------------------------------------------------------------------


@transaction.atomic
def group_problems(issue, problems, *, user):
    """Put ``problems`` under the common issue: each records it on its timeline."""
    for problem in problems:
        if problem.common_issue_id == issue.pk:
            continue
        problem.common_issue = issue
        save_versioned(problem, expected_version=problem.version, user=user)
        events.grouped(problem=problem, issue=issue, user=user)


@transaction.atomic
def solve_issue(issue, *, solution: str, user):
    """The task force solved the common cause: recorded on each problem of the group, and the
    open ones closed as resolved (their enterprises' satisfaction is asked afterwards)."""
    from .choices import IssueStatus

    solution = (solution or "").strip()
    if not solution:
        raise ProblemError("请填写共性问题的解决情况")
    if issue.status == IssueStatus.SOLVED:
        raise ProblemError("该共性问题已解决")
    on = today()
    issue.status, issue.solution, issue.solved_on = IssueStatus.SOLVED, solution, on
    save_versioned(issue, expected_version=issue.version, user=user)
    problems = list(issue.problems.select_related("region"))
    for problem in problems:
        if problem.status != Status.CLOSED:
            notify.clear(problem)
            _close(
                problem,
                on=on,
                outcome=Outcome.RESOLVED,
                resolution=f"共性问题“{issue.title}”已由专班解决：{solution}",
                satisfaction="",
            )
            save_versioned(problem, expected_version=problem.version, user=user)
        events.issue_solved(problem=problem, issue=issue, on=on, user=user)
    tally.touch(*problems)
    return issue
