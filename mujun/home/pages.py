"""Each role's home page as plain data: the panels' figures, assembled from the areas'
functions (officer.py, leader.py, department.py, system.py). The page and ``GET /api/home``
both read them, so what the API answers is what the page shows."""

from dataclasses import dataclass
from datetime import date

from . import officer
from .rules import OFFICER


@dataclass
class OfficerPage:
    flagged: officer.Flagged
    filing: officer.Filing
    waiting: officer.Waiting
    attraction: officer.MonthCheck | None


def officer_page(user, day: date) -> OfficerPage:
    return OfficerPage(
        flagged=officer.flagged_projects(user, day),
        filing=officer.filing(user, day),
        waiting=officer.waiting_problems(user, day),
        attraction=officer.attraction_check(user, day),
    )


BUILDERS = {OFFICER: officer_page}
