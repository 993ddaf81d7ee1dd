"""Reminders (提醒) as an in-app list: rows of ``Reminder`` for each user concerned, shown on
their home page. Written by the verbs (a problem assigned, answered or handed back) and by the
daily ``mujun service_reminders`` (3 and 1 working days before the deadline to the handler,
to the handler's superior once it passed). No mail server is assumed (docs/service.md)."""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from mujun.core.roles import Role

from .choices import OPEN, WITH_RECEIVER, ReminderKind
from .models import Problem, Reminder
from .rules import reminder_due


def _day(on: date | None) -> str:
    return f"{on.month}月{on.day}日" if on else "—"


def handlers(problem: Problem) -> list:
    """Who works the problem now: its department's users; the officers of the receiving
    region; at the town, the responsible official's account, else the town's officers."""
    User = get_user_model()
    active = User.objects.filter(is_active=True)
    if problem.status in WITH_RECEIVER and problem.department_id:
        return list(active.filter(department_id=problem.department_id, role=Role.DEPARTMENT))
    if problem.status in WITH_RECEIVER and problem.receiving_region_id:
        return list(active.filter(region_id=problem.receiving_region_id, role=Role.OFFICER))
    officer_user = getattr(problem.officer, "user", None) if problem.officer_id else None
    if officer_user is not None and officer_user.is_active:
        return [officer_user]
    return list(active.filter(region_id=problem.region_id, role=Role.OFFICER))


def superiors(problem: Problem) -> list:
    """The leaders (领导) of the handler's region, else of the nearest region above it with
    any: whom an overdue problem is reported to (督办)."""
    User = get_user_model()
    if problem.status in WITH_RECEIVER and problem.department_id:
        level = problem.department.region
    elif problem.status in WITH_RECEIVER and problem.receiving_region_id:
        level = problem.receiving_region
    else:
        level = problem.region
    codes = [c for c in level.path.strip("/").split("/") if c]
    leaders = list(
        User.objects.filter(
            is_active=True, role=Role.LEADER, region__code__in=codes
        ).select_related("region")
    )
    if not leaders:
        return []
    nearest = max(len(u.region.path) for u in leaders)
    return [u for u in leaders if len(u.region.path) == nearest]


def _send(users, problem: Problem, kind: str, text: str) -> int:
    made = 0
    for user in users:
        _, created = Reminder.objects.get_or_create(
            user=user,
            problem=problem,
            kind=kind,
            due_on=problem.due_on,
            defaults={"text": text[:300]},
        )
        made += created
    return made


def _about(problem: Problem) -> str:
    return f"{problem.enterprise.name}（{problem.code}）"


def assigned(problem: Problem) -> None:
    text = f"新交办：{_about(problem)}，请于{_day(problem.accept_by)}前受理，{_day(problem.due_on)}前办结"
    _send(handlers(problem), problem, ReminderKind.ASSIGNED, text)


def replied(problem: Problem) -> None:
    text = f"{_about(problem)}已有答复，请征询企业意见后办结"
    _send(_town(problem), problem, ReminderKind.REPLIED, text)


def returned(problem: Problem) -> None:
    text = f"{_about(problem)}被退回，请重新处理"
    _send(_town(problem), problem, ReminderKind.RETURNED, text)


def _town(problem: Problem) -> list:
    User = get_user_model()
    officer_user = getattr(problem.officer, "user", None) if problem.officer_id else None
    if officer_user is not None and officer_user.is_active:
        return [officer_user]
    return list(User.objects.filter(is_active=True, region_id=problem.region_id, role=Role.OFFICER))


def clear(problem: Problem) -> None:
    """The problem moved on: its unread reminders are done with."""
    Reminder.objects.filter(problem=problem, read_at__isnull=True).update(read_at=timezone.now())


def daily(today: date) -> int:
    """The day's deadline reminders for every open problem with a deadline: to the handler 3
    and 1 working days ahead, to the superior once it passed. Idempotent (one reminder per
    deadline and kind); returns how many were written."""
    made = 0
    # 3 working days ahead is at most a fortnight ahead, even over the Spring Festival
    horizon = today + timezone.timedelta(days=14)
    problems = (
        Problem.objects.filter(status__in=OPEN, due_on__isnull=False, due_on__lte=horizon)
        .filter(is_archived=False)
        .select_related(
            "enterprise", "department__region", "receiving_region", "region", "officer__user"
        )
    )
    for problem in problems.iterator(chunk_size=500):
        kind = reminder_due(problem.due_on, today)
        if kind is None:
            continue
        if kind == ReminderKind.OVERDUE:
            text = f"督办：{_about(problem)}已超过办结时限（{_day(problem.due_on)}）"
            made += _send(superiors(problem), problem, kind, text)
        else:
            days = kind.removeprefix("due_in_")
            text = f"{_about(problem)}距办结时限（{_day(problem.due_on)}）还有{days}个工作日"
            made += _send(handlers(problem), problem, kind, text)
    return made


def unread(user):
    """The user's unread reminders, newest first (their home page)."""
    if not getattr(user, "is_authenticated", False):
        return Reminder.objects.none()
    return Reminder.objects.filter(user=user, read_at__isnull=True).select_related("problem")
