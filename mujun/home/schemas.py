"""The API's schemas of each role's panels (``GET /api/home``) and how a page's figures
become them."""

from datetime import date

from ninja import Schema

from .rules import OFFICER


class FlaggedProjectOut(Schema):
    id: int
    code: str
    name: str
    region: str
    alert_level: str
    reasons: list[str]


class FlaggedOut(Schema):
    """Projects with a red or yellow flag (the project list with ``alert=red`` / ``yellow``);
    ``projects``: the first ten, red first, with their reasons."""

    red: int
    yellow: int
    projects: list[FlaggedProjectOut]


class FilingOut(Schema):
    """The monthly figures of ``year``-``month`` due by ``due_on``: projects with a plan and
    no report (the project list with ``unreported=true``) and the indicators the region
    reported the month before but not yet for this one."""

    year: int
    month: int
    due_on: date
    days_left: int
    projects_unreported: int
    indicators_unreported: list[str]


class WaitingProblemOut(Schema):
    id: int
    code: str
    enterprise: str
    due_on: date | None
    overdue_days: int | None


class WaitingOut(Schema):
    """Problems waiting for the user (the problem list with ``mine=true``) past their
    deadline or due within 7 days."""

    overdue: int
    due_soon: int
    problems: list[WaitingProblemOut]


class MonthCheckOut(Schema):
    """一月一招商 of the region's principal officials: who has not yet led or joined an
    activity this month, and how many missed the last complete month."""

    region: str
    year: int
    month: int
    principals: int
    not_yet: list[str]
    last_year: int
    last_month: int
    missed: int


class OfficerHomeOut(Schema):
    flagged: FlaggedOut
    filing: FilingOut
    waiting: WaitingOut
    attraction: MonthCheckOut | None


def _officer(page) -> dict:
    f, d, w, a = page.flagged, page.filing, page.waiting, page.attraction
    return {
        "flagged": {
            "red": f.red,
            "yellow": f.yellow,
            "projects": [
                {
                    "id": p.pk,
                    "code": p.code,
                    "name": p.name,
                    "region": p.region.name,
                    "alert_level": p.alert.level,
                    "reasons": p.alert.texts,
                }
                for p in f.projects
            ],
        },
        "filing": {
            "year": d.due.year,
            "month": d.due.month,
            "due_on": d.due.due_on,
            "days_left": d.due.days_left,
            "projects_unreported": d.projects,
            "indicators_unreported": d.indicators,
        },
        "waiting": {
            "overdue": w.overdue,
            "due_soon": w.due_soon,
            "problems": [
                {
                    "id": p.pk,
                    "code": p.code,
                    "enterprise": p.enterprise.name,
                    "due_on": p.due_on,
                    "overdue_days": p.overdue_days,
                }
                for p in w.problems
            ],
        },
        "attraction": a
        and {
            "region": a.region.code,
            "year": a.year,
            "month": a.month,
            "principals": a.principals,
            "not_yet": a.not_yet,
            "last_year": a.last_year,
            "last_month": a.last_month,
            "missed": a.missed,
        },
    }


PANELS = {OFFICER: _officer}


def panels(page: str, figures) -> dict:
    """The answer's panels of ``page`` from its figures (pages.py)."""
    return {page: PANELS[page](figures)} if page in PANELS else {}
