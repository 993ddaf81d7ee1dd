"""Working days on the Chinese calendar (工作日): public holidays off, the 调休 make-up
Saturdays and Sundays on. No ORM.

The State Council's holiday arrangement comes from the ``chinesecalendar`` package, which
publishes each year's arrangement as the State Council announces it (usually in November for
the next year): update the package when it does. For a year the package does not yet know
(``LAST_KNOWN_YEAR`` and later), a day counts as a working day when it is Monday to Friday —
the deadline may then fall a holiday early, never late by a missing make-up day; docs/service.md
says so, and ``calendar_known(day)`` lets a page say it too.
"""

import functools
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar import constants

FIRST_KNOWN_YEAR = min(constants.holidays).year
LAST_KNOWN_YEAR = max(*constants.holidays, *constants.workdays).year


def calendar_known(day: date) -> bool:
    """Whether the package knows ``day``'s year (else weekdays stand in for working days)."""
    return FIRST_KNOWN_YEAR <= day.year <= LAST_KNOWN_YEAR


@functools.cache
def is_workday(day: date) -> bool:
    # cached: a list of overdue problems counts the same few hundred days again and again
    if calendar_known(day):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def add_workdays(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself not counted, as 接诉即办
    counts: received on a Friday, “within 1 working day” is the next Monday). ``count`` 0 is
    ``start`` itself."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day


def workdays_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` ≤ ``start``):
    how many working days a problem is past its deadline ``start`` on ``end``."""
    if end <= start:
        return 0
    days = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_workday(day):
            days += 1
    return days
