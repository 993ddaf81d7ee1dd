"""A department's home page (部门, issue 19 item 3): its queue — new, overdue, due soon — and
how it handled this year's problems, both through the department's scope
(``ASSIGNED_TO_MY_DEPARTMENT``)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

from mujun.service.choices import DUE_SOON_DAYS, Status
from mujun.service.models import Problem


@dataclass
class Queue:
    new: int  # assigned and not yet accepted (已交办待受理)
    overdue: int
    due_soon: int
    # service.home.service_card: the queue's first rows, its overdue ones, the reminders
    card: dict


def queue(user, day: date) -> Queue:
    """The department's queue (``waiting_for``, the list's 待我办理) counted in one query,
    and its rows as the service area's home card lists them."""
    from mujun.service.home import service_card

    soon = day + timedelta(days=DUE_SOON_DAYS)
    counts = (
        Problem.objects.for_user(user)
        .filter(is_archived=False)
        .waiting_for(user)
        .aggregate(
            new=Count("pk", filter=Q(status=Status.ASSIGNED)),
            overdue=Count("pk", filter=Q(due_on__lt=day)),
            due_soon=Count("pk", filter=Q(due_on__gte=day, due_on__lte=soon)),
        )
    )
    return Queue(counts["new"], counts["overdue"], counts["due_soon"], service_card(user))


def handling(user, day: date):
    """This year's statistics of the department's handling (``service.reports.
    department_stats``: raised, closed on time, overdue, 办结率, 解决率, 满意率), or None for
    a user without a department."""
    from mujun.service.reports import department_stats

    department = getattr(user, "department_id", None)
    if department is None:
        return None
    return department_stats(user, department, date(day.year, 1, 1), day, day)
