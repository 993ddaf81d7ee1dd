"""The imports panels (issue 19): an officer's imports that wrote nothing in the last 30 days,
an admin's last imports of the users they manage. Every import run through the import pages
is a ``core.Job`` (core/jobs.py), short ones too, read through ``Job.objects.for_user``: the
user's own jobs, an admin's the jobs of the users of their region."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from mujun.core.models import Job

# rows a panel lists
LISTED = 10
# how far back an officer's failed imports are shown
FAILED_DAYS = 30


@dataclass
class Failed:
    days: int
    count: int
    # the latest ``LISTED``, newest first
    jobs: list = field(default_factory=list)


def failed_imports(user, day: date) -> Failed:
    """The user's own imports of the last ``FAILED_DAYS`` days that wrote nothing (the work
    failed or the file had problems): one count and the latest rows."""
    since = timezone.make_aware(datetime.combine(day - timedelta(days=FAILED_DAYS), time.min))
    failed = Job.objects.for_user(user).imports().filter(user=user, created_at__gte=since).failed()
    rows = failed.select_related("user").defer("content")[:LISTED]
    return Failed(FAILED_DAYS, failed.count(), list(rows))


def recent_imports(user) -> list:
    """The last ``LISTED`` imports in the user's scope (an admin's: the region's users'),
    newest first, with who ran them."""
    jobs = Job.objects.for_user(user).imports()
    return list(jobs.select_related("user").defer("content")[:LISTED])
