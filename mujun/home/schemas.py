"""The API's schemas of each role's panels (``GET /api/home``) and how a page's figures
become them."""

from datetime import date, datetime

from ninja import Schema

from mujun.core.api import Pct, Wan

from .rules import ADMIN, DEPARTMENT, LEADER, OFFICER


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
    deadline (with ``overdue=true``) or due within 7 days (with ``due_soon=true``)."""

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


class ImportOut(Schema):
    """An import run through the import pages (its page: ``/jobs/<id>/``). ``failed``: it
    wrote nothing (the work failed, or the file had ``problems``); ``status``: queued,
    running, done or failed."""

    id: int
    title: str
    filename: str
    user: str
    created_at: datetime
    status: str
    rows: int | None
    written: int
    problems: int
    failed: bool


class FailedImportsOut(Schema):
    """The user's own imports of the last ``days`` days that wrote nothing: how many, and
    the latest ten."""

    days: int
    count: int
    imports: list[ImportOut]


class OfficerHomeOut(Schema):
    flagged: FlaggedOut
    filing: FilingOut
    waiting: WaitingOut
    attraction: MonthCheckOut | None
    failed_imports: FailedImportsOut


class IndicatorOut(Schema):
    key: str
    name: str
    unit: str
    value: Wan
    yoy_pct: Pct | None
    target_completion_pct: Pct | None
    rank: int | None
    rank_of: int | None


class KeyIndicatorsOut(Schema):
    """The region's key indicators for the latest month it has figures for, as the briefing
    derives them (indicators area): YoY, completion of the annual target, rank among all
    sibling regions by value."""

    region: str
    year: int
    month: int
    indicators: list[IndicatorOut]


class TierPlanOut(Schema):
    """A tier's projects with a plan for the year (the projects summary with
    ``basis=planned``): plan and completion to the end of the month."""

    tier: str
    name: str
    count: int
    planned_wan: Wan
    completed_wan: Wan
    completion_pct: Pct | None


class TownFlagsOut(Schema):
    region: str
    name: str
    red: int
    yellow: int


class FunnelOut(Schema):
    """The year's attraction funnel: leads recorded, negotiating, signed, funds in place,
    started, producing; each rate from the step before, in percent."""

    year: int
    counts: dict[str, int]
    rates: dict[str, Pct | None]


class DepartmentOverdueOut(Schema):
    department_id: int
    name: str
    overdue: int


class OverdueOut(Schema):
    """Open problems past their deadline (the problem list with ``overdue=true``), and by each
    department they went to (with ``department``)."""

    total: int
    by_department: list[DepartmentOverdueOut]


class ClassMixOut(Schema):
    """The latest published evaluation the user reads: enterprises in the user's scope by
    class."""

    run_id: int
    year: int
    counts: dict[str, int]
    total: int


class RunRef(Schema):
    id: int
    year: int
    number: int
    region: str
    publicity_end: date | None


class SignOffOut(Schema):
    """Evaluation runs in publicity and objections waiting for an answer."""

    runs: list[RunRef]
    open_objections: int


class LeaderHomeOut(Schema):
    region: str
    key_indicators: KeyIndicatorsOut | None
    plans_year: int
    plans_month: int
    key_projects: list[TierPlanOut]
    flags_by_town: list[TownFlagsOut]
    funnel: FunnelOut
    overdue: OverdueOut
    class_mix: ClassMixOut | None
    sign_off: SignOffOut | None
    attraction: MonthCheckOut | None


class QueueProblemOut(Schema):
    id: int
    code: str
    enterprise: str
    status: str
    due_on: date | None
    overdue_days: int | None


class HandlingOut(Schema):
    """This year's problems the department was assigned, as the statistics count them."""

    raised: int
    closed: int
    closed_on_time: int
    overdue: int
    closure_pct: Pct | None
    resolved_pct: Pct | None
    satisfaction_pct: Pct | None
    avg_days_to_close: str | None


class DepartmentHomeOut(Schema):
    """The department's queue (the problem list with ``mine=true``): new (``status=assigned``),
    overdue (``overdue=true``), due within 7 days (``due_soon=true``), its first rows; and
    its handling."""

    department: str | None
    new: int
    overdue: int
    due_soon: int
    queue: list[QueueProblemOut]
    handling: HandlingOut | None


class CountOut(Schema):
    key: str
    name: str
    count: int


class AlertRefreshOut(Schema):
    as_of: date
    finished_at: datetime
    changed: int


class AdminHomeOut(Schema):
    """What an admin watches: users and regions they manage, sizes in bytes, the daily alert
    refresh's last run (``mujun project_alerts``), the last ten imports of the users they
    manage."""

    users: list[CountOut]
    regions: list[CountOut]
    database_bytes: int | None
    disk_total_bytes: int | None
    disk_free_bytes: int | None
    last_alert_refresh: AlertRefreshOut | None
    imports: list[ImportOut]


def _import(job) -> dict:
    return {
        "id": job.pk,
        "title": job.title,
        "filename": job.filename,
        "user": job.user.username,
        "created_at": job.created_at,
        "status": job.status,
        "rows": job.total,
        "written": job.written,
        "problems": job.problem_count,
        "failed": job.wrote_nothing,
    }


def _check(a) -> dict | None:
    if a is None:
        return None
    return {
        "region": a.region.code,
        "year": a.year,
        "month": a.month,
        "principals": a.principals,
        "not_yet": a.not_yet,
        "last_year": a.last_year,
        "last_month": a.last_month,
        "missed": a.missed,
    }


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
        "attraction": _check(a),
        "failed_imports": {
            "days": page.failed_imports.days,
            "count": page.failed_imports.count,
            "imports": [_import(job) for job in page.failed_imports.jobs],
        },
    }


def _indicators(k) -> dict | None:
    if k is None:
        return None
    rows = []
    for r in k.rows:
        rank = r.derived.rank_by_value
        ranked = rank is not None and rank.of > 1
        rows.append(
            {
                "key": r.indicator.key,
                "name": r.indicator.name,
                "unit": r.indicator.unit,
                "value": r.value.value,
                "yoy_pct": r.derived.growth.effective.value,
                "target_completion_pct": r.derived.completion.completion.value,
                "rank": rank.position if ranked else None,
                "rank_of": rank.of if ranked else None,
            }
        )
    return {"region": k.region.code, "year": k.year, "month": k.month, "indicators": rows}


def _runs(runs) -> list[dict]:
    return [
        {
            "id": run.pk,
            "year": run.year,
            "number": run.number,
            "region": run.region.code,
            "publicity_end": run.publicity_end,
        }
        for run in runs
    ]


def _leader(page) -> dict | None:
    if page is None:
        return None
    classes, sign = page.classes, page.sign_off
    return {
        "region": page.region.code,
        "key_indicators": _indicators(page.indicators),
        "plans_year": page.plans_upto.year,
        "plans_month": page.plans_upto.month,
        "key_projects": [
            {
                "tier": row.tier.key,
                "name": row.tier.name,
                "count": row.summary.count,
                "planned_wan": row.summary.planned,
                "completed_wan": row.summary.completed,
                "completion_pct": row.summary.completion_pct,
            }
            for row in page.plans
        ],
        "flags_by_town": [
            {"region": t.region.code, "name": t.region.name, "red": t.red, "yellow": t.yellow}
            for t in page.flags
        ],
        "funnel": {
            "year": page.funnel.period.start.year,
            "counts": page.funnel.overall.counts,
            "rates": page.funnel.overall.rates,
        },
        "overdue": {
            "total": page.overdue.total,
            "by_department": [vars(d) for d in page.overdue.by_department],
        },
        "class_mix": None
        if classes is None
        else {
            "run_id": classes.run.pk,
            "year": classes.run.year,
            "counts": classes.counts,
            "total": classes.total,
        },
        "sign_off": None
        if sign is None
        else {"runs": _runs(sign.runs), "open_objections": sign.objections},
        "attraction": _check(page.attraction),
    }


def _department(page) -> dict:
    q, card, s = page.queue, page.queue.card, page.handling
    return {
        "department": card["department"].name if card["department"] else None,
        "new": q.new,
        "overdue": q.overdue,
        "due_soon": q.due_soon,
        "queue": [
            {
                "id": p.pk,
                "code": p.code,
                "enterprise": p.enterprise.name,
                "status": p.status,
                "due_on": p.due_on,
                "overdue_days": p.overdue_days,
            }
            for p in card["waiting"]
        ],
        "handling": None
        if s is None
        else {
            "raised": s.raised,
            "closed": s.closed,
            "closed_on_time": s.closed_on_time,
            "overdue": s.overdue,
            "closure_pct": s.closure_pct,
            "resolved_pct": s.resolved_pct,
            "satisfaction_pct": s.satisfaction_pct,
            "avg_days_to_close": None if s.avg_days_to_close is None else str(s.avg_days_to_close),
        },
    }


def _admin(page) -> dict:
    s, last = page.system, page.system.last_refresh
    return {
        "users": [{"key": k, "name": name, "count": n} for k, name, n in s.users],
        "regions": [{"key": k, "name": name, "count": n} for k, name, n in s.regions],
        "database_bytes": s.database_bytes,
        "disk_total_bytes": s.disk_total_bytes,
        "disk_free_bytes": s.disk_free_bytes,
        "last_alert_refresh": last
        and {"as_of": last.as_of, "finished_at": last.finished_at, "changed": last.changed},
        "imports": [_import(job) for job in page.imports],
    }


PANELS = {OFFICER: _officer, LEADER: _leader, DEPARTMENT: _department}


def panels(page: str, figures) -> dict:
    """The answer's panels of ``page`` from its figures (pages.py)."""
    if page == ADMIN:
        # an admin reads the leader's panels of their region beside their own
        return {ADMIN: _admin(figures), LEADER: _leader(figures.leader)}
    return {page: PANELS[page](figures)}
