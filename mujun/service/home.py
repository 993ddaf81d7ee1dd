"""The home page's enterprise-service card: what waits for the user, what is overdue in their
scope, and their unread reminders."""

from .actions import today
from .models import Department, Problem
from .notify import unread
from .views.problems import decorate, listed


def service_card(user) -> dict:
    """Waiting (the user's department's or region's queue), overdue in scope, reminders: four
    queries."""
    day = today()
    scoped = Problem.objects.for_user(user).filter(is_archived=False)
    waiting = listed(scoped.waiting_for(user)).order_by("due_on", "pk")
    if getattr(user, "department_id", None):
        # a department answers for what it has now: its queue's overdue (the queue's index)
        overdue = waiting.filter(due_on__lt=day)
    else:
        overdue = listed(scoped.overdue(day)).order_by("due_on", "pk")
    department = None
    if getattr(user, "department_id", None):
        department = Department.objects.filter(pk=user.department_id).first()
    return {
        "department": department,
        "waiting": decorate(list(waiting[:20]), day),
        "overdue": decorate(list(overdue[:20]), day),
        "overdue_count": overdue.count(),
        "reminders": list(unread(user)[:20]),
    }
