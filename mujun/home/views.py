"""The home page: the page of the user's role, its figures from ``pages``."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mujun.service.notify import unread

from .pages import BUILDERS
from .rules import ADMIN, DEPARTMENT, LEADER, OFFICER, page_for

TEMPLATES = {
    OFFICER: "home/officer.html",
    LEADER: "home/leader.html",
    DEPARTMENT: "home/department.html",
    ADMIN: "home/admin.html",
}


@login_required
def home(request):
    user = request.user
    page = page_for(getattr(user, "role", None), is_superuser=user.is_superuser)
    day = timezone.localdate()
    figures = BUILDERS[page](user, day)
    context = {"page": figures, "region": getattr(user, "region", None), "today": day}
    if page == ADMIN:
        context.update(page=figures.leader, system=figures.system, imports=figures.imports)
    if page != DEPARTMENT:
        # the enterprise service's reminders stay on every home page until read (a
        # department's page lists them with its queue)
        context["service"] = {"reminders": list(unread(user)[:20])}
    return render(request, TEMPLATES[page], context)
