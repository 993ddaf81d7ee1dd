"""The home pages' rules, without the database: which page a role sees, and when the monthly
figures are due."""

from dataclasses import dataclass
from datetime import date, timedelta

OFFICER, LEADER, DEPARTMENT, ADMIN = "officer", "leader", "department", "admin"

# the day of the month by which last month's project reports and indicator values are filed,
# unless the installation sets MUJUN_MONTHLY_DUE_DAY (docs/home.md, "When monthly figures are
# due"): the statistics offices' monthly returns close in the first ten days
DEFAULT_DUE_DAY = 10


def page_for(role: str | None, *, is_superuser: bool = False) -> str:
    """The home page a user sees: a viewer reads the leader's (without its actions), a
    superuser the admin's."""
    if is_superuser or role == ADMIN:
        return ADMIN
    if role in (LEADER, "viewer"):
        return LEADER
    if role == DEPARTMENT:
        return DEPARTMENT
    return OFFICER


@dataclass(frozen=True)
class Due:
    """The month whose figures are due (``year``, ``month``: the month before ``today``'s) and
    the day they are due, with the days left (negative once it passed)."""

    year: int
    month: int
    due_on: date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def monthly_due(today: date, due_day: int = DEFAULT_DUE_DAY) -> Due:
    """Reports are filed for ended months: in December, November's are due by ``due_day``
    December (a day past the month's end is its last day)."""
    last = today.replace(day=1) - timedelta(days=1)
    day = min(max(due_day, 1), _month_length(today))
    due_on = today.replace(day=day)
    return Due(last.year, last.month, due_on, (due_on - today).days)


def _month_length(day: date) -> int:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - timedelta(days=1)).day


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)
