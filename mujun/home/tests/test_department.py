"""A department's home page: its queue and its handling, never another department's."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mujun.home import department
from mujun.service.models import Problem
from mujun.service.testing import assign, make_problem

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


class TestQueue:
    def test_new_overdue_and_due_soon_of_its_own_queue(self, cast, depts):
        day = today()
        assign(make_problem(cast.regions.town1), depts.one, due=day - timedelta(days=1))
        accepted = assign(make_problem(cast.regions.town2), depts.one, due=day + timedelta(3))
        Problem.objects.filter(pk=accepted.pk).update(status="accepted")
        assign(make_problem(cast.regions.town1), depts.one, due=day + timedelta(days=30))
        assign(make_problem(cast.regions.town1), depts.two, due=day - timedelta(days=1))
        queue = department.queue(depts.user1, day)
        assert (queue.new, queue.overdue, queue.due_soon) == (2, 1, 1)
        assert len(queue.card["waiting"]) == 3


class TestHandling:
    def test_this_years_problems_it_was_assigned_as_the_statistics_count_them(self, cast, depts):
        day = date(2026, 6, 1)
        assign(make_problem(cast.regions.town1), depts.one, due=date(2026, 3, 30))
        done = assign(make_problem(cast.regions.town1), depts.one)
        Problem.objects.filter(pk=done.pk).update(
            status="closed", closed_on=date(2026, 3, 20), outcome="resolved", days_to_close=18
        )
        assign(make_problem(cast.regions.town1), depts.two)
        assign(make_problem(cast.regions.town1, raised_on=date(2025, 5, 1)), depts.one)
        stats = department.handling(depts.user1, day)
        assert (stats.raised, stats.closed, stats.closed_on_time, stats.overdue) == (2, 1, 1, 1)
        assert stats.closure_pct == 50 and stats.resolved_pct == 100

    def test_none_without_a_department(self, cast):
        assert department.handling(cast.department, today()) is None


class TestDepartmentPage:
    def test_each_department_reads_its_own_queue_only(self, login, cast, depts):
        mine = assign(make_problem(cast.regions.town1), depts.one, due=today())
        theirs = assign(make_problem(cast.regions.town2), depts.two, due=today())
        page = login(depts.user1).get(reverse("home:home")).content.decode()
        assert mine.code in page and theirs.code not in page
        assert mine.enterprise.name in page and theirs.enterprise.name not in page
        assert "?mine=on&amp;status=assigned" in page and "办理情况" in page
