"""The home pages' rules, without the database."""

from datetime import date

from mujun.home.rules import (
    ADMIN,
    DEPARTMENT,
    LEADER,
    OFFICER,
    monthly_due,
    page_for,
    previous_month,
)


def test_each_role_has_its_page_and_a_viewer_reads_the_leaders():
    assert page_for("officer") == OFFICER
    assert page_for("leader") == LEADER
    assert page_for("viewer") == LEADER
    assert page_for("department") == DEPARTMENT
    assert page_for("admin") == ADMIN
    assert page_for("officer", is_superuser=True) == ADMIN


def test_last_months_figures_are_due_on_the_tenth_of_this_month():
    due = monthly_due(date(2026, 12, 7))
    assert (due.year, due.month, due.due_on, due.days_left) == (2026, 11, date(2026, 12, 10), 3)
    assert not due.overdue


def test_in_january_last_decembers_figures_are_due():
    due = monthly_due(date(2027, 1, 20), 10)
    assert (due.year, due.month, due.days_left) == (2026, 12, -10)
    assert due.overdue


def test_a_due_day_past_the_months_end_is_its_last_day():
    assert monthly_due(date(2026, 2, 3), 31).due_on == date(2026, 2, 28)
    assert monthly_due(date(2026, 2, 3), 0).due_on == date(2026, 2, 1)


def test_the_month_before_january_is_last_december():
    assert previous_month(2026, 1) == (2025, 12)
    assert previous_month(2026, 5) == (2026, 4)
