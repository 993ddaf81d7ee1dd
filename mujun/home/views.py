"""The home page: the page of the user's role, its figures from ``pages``."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mujun.service.notify import unread

from . import legacy
from .pages import BUILDERS
from .rules import ADMIN, LEADER, OFFICER, page_for

TEMPLATES = {
    OFFICER: "home/officer.html",
    LEADER: "home/leader.html",
    ADMIN: "home/leader.html",
}


@login_required
def home(request):
    user = request.user
    page = page_for(getattr(user, "role", None), is_superuser=user.is_superuser)
    if page not in BUILDERS:
        return legacy.home(request)
    day = timezone.localdate()
    return render(
        request,
        TEMPLATES[page],
        {
            "page": BUILDERS[page](user, day),
            "region": getattr(user, "region", None),
            "today": day,
            # the enterprise service's reminders stay on every home page until read
            "service": {"reminders": list(unread(user)[:20])},
        },
    )
