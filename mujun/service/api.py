"""The enterprise service API: problems and their verbs, visits, coverage, statistics,
departments, and the liaisons of enterprises and projects. Same auth, scope, paging and 409 as
the rest of /api/."""

import calendar
from datetime import date

from ninja import Query, Router, Schema, Status
from pydantic import AliasPath, Field

from mujun.core.actions import patched_form
from mujun.core.api import (
    AUTH,
    ApiError,
    ErrorOut,
    Page,
    Pct,
    RowOut,
    filter_list,
    get_scoped,
    invalid,
    paginate,
    patch_schema,
    scoped,
)
from mujun.core.filters import query_schema
from mujun.core.history import timeline
from mujun.core.roles import CHANGE, HANDLE, VIEW, role_allows
from mujun.enterprises.models import Enterprise
from mujun.officials.models import Official
from mujun.projects.models import Project
from mujun.regions.models import Region

from . import actions
from .choices import Status as ProblemStatus
from .filters import DepartmentFilterSet, LiaisonFilterSet, ProblemFilterSet, VisitFilterSet
from .forms import ProblemForm, VisitForm
from .models import Department, Liaison, Problem, Visit
from .reports import coverage_report, stats_report
from .views.problems import decorate, listed

router = Router(tags=["service"], auth=AUTH)
liaisons_router = Router(tags=["service"], auth=AUTH)


# -- problems ---------------------------------------------------------------------------------


class ProblemRow(RowOut):
    id: int
    code: str
    enterprise_id: int
    enterprise_name: str = Field(validation_alias=AliasPath("enterprise", "name"))
    region: str = Field(validation_alias=AliasPath("region", "code"))
    region_name: str = Field(validation_alias=AliasPath("region", "name"))
    project_id: int | None
    visit_id: int | None
    category: str
    description: str
    source: str
    raised_by: str
    raised_on: date
    officer_id: int | None
    handling: str
    status: str
    department_id: int | None
    department_name: str | None = Field(
        None, validation_alias=AliasPath("department", "name"), description="现承办部门"
    )
    receiving_region: str | None = Field(
        None, validation_alias=AliasPath("receiving_region", "code"), description="现承办地区"
    )
    assigned_on: date | None
    accept_by: date | None
    reply_by: date | None
    due_on: date | None
    accepted_on: date | None
    replied_on: date | None
    reply: str
    closed_on: date | None
    outcome: str
    resolution: str
    satisfaction: str
    reopened: bool
    overdue_days: int | None = Field(description="超过办结时限的工作日数")
    common_issue_id: int | None
    version: int


class EventOut(Schema):
    kind: str
    text: str
    day: date
    user: str | None
    created_at: str

    @staticmethod
    def resolve_user(obj):
        return obj.user.display_name if obj.user_id else None

    @staticmethod
    def resolve_created_at(obj):
        return obj.created_at.isoformat()


class ProblemOut(ProblemRow):
    timeline: list[dict]


class ProblemIn(Schema):
    """A problem as the API writes it: the fields of ``ProblemForm`` under the API's names."""

    enterprise: int = Field(alias="enterprise_id")
    project: int | None = Field(None, alias="project_id")
    category: str = Field(
        description="land、labour、finance、energy、approval、policy、infrastructure 或 other"
    )
    description: str
    source: str = Field(description="visit、phone、online 或 meeting")
    raised_by: str = ""
    raised_on: date | None = Field(None, description="提出日期，默认今天")
    officer: int | None = Field(None, alias="officer_id", description="责任干部的 id")
    visit: int | None = Field(None, alias="visit_id")


ProblemPatch = patch_schema(ProblemIn, "ProblemPatch")
ProblemQuery = query_schema(ProblemFilterSet, "ProblemQuery")


class HandleIn(Schema):
    handling: str = Field(description="resolve_locally、explain_policy 或 escalate")
    department: int | None = Field(
        None, description="承办部门的 id（上报交办时，与 region 二选一）"
    )
    region: str | None = Field(None, description="上级地区的区划代码（上报交办时）")
    deadline: date | None = Field(None, description="办结时限；上报交办时必填，本级解决默认按类别")
    note: str = Field("", description="说明；政策解释时为解释内容")


class NoteIn(Schema):
    note: str = ""


class ReturnIn(Schema):
    reason: str = ""


class CloseIn(Schema):
    resolution: str = Field("", description="办理结果；撤单时为撤单原因")
    outcome: str = Field("resolved", description="resolved、explained、outside_remit 或 withdrawn")
    satisfaction: str = Field(
        "", description="satisfied、basically、dissatisfied，或企业未评价时留空"
    )


class SatisfactionIn(Schema):
    satisfaction: str


def _problems(request, action=None):
    return listed(scoped(request, Problem, action))


def _answer(request, problem_id):
    problem = get_scoped(request, Problem, problem_id, VIEW, queryset=_problems(request, VIEW))
    decorate([problem])
    rows = timeline(problem.events.for_user(request.user))
    problem.timeline = [EventOut.from_orm(e).dict() for e in rows]
    return problem


def _values(values: dict) -> dict:
    if values.get("raised_on", "unset") is None:
        values["raised_on"] = actions.today()
    return values


@router.get("/problems", response=Page[ProblemRow])
def list_problems(request, filters: Query[ProblemQuery]):
    """Problems in scope — a department's, those assigned to it — filtered as the list page
    filters them (``mine``: waiting for the caller's department or region)."""
    qs = filter_list(request, ProblemFilterSet, _problems(request), filters)
    return paginate(qs, filters.page, filters.page_size, rows=lambda chunk: decorate(list(chunk)))


@router.get("/problems/{int:problem_id}", response=ProblemOut)
def get_problem(request, problem_id: int):
    """The problem with its timeline."""
    return _answer(request, problem_id)


@router.post("/problems", response={201: ProblemOut, 422: ErrorOut})
def create_problem(request, payload: ProblemIn):
    scoped(request, Problem)
    form = ProblemForm(_values(payload.dict()), user=request.user)
    if not form.is_valid():
        raise invalid(form, ProblemIn)
    problem = actions.save_problem(form, expected_version=None, user=request.user)
    return Status(201, _answer(request, problem.pk))


@router.patch(
    "/problems/{int:problem_id}", response={200: ProblemOut, 409: ErrorOut, 422: ErrorOut}
)
def update_problem(request, problem_id: int, payload: ProblemPatch):
    """Change the registered facts; ``version`` is the one read, a newer one answers 409. The
    handling moves by the verbs below."""
    problem = get_scoped(request, Problem, problem_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    form = patched_form(ProblemForm, problem, _values(changes), user=request.user)
    if not form.is_valid():
        raise invalid(form, ProblemIn)
    actions.save_problem(form, expected_version=version, user=request.user)
    return _answer(request, problem.pk)


def _verb(request, problem_id, verb, **kwargs):
    """Run ``verb`` on a problem the caller may handle: a department reaches only those waiting
    for it (any other is a 404); a closed one answers 422 with the reason."""
    if not role_allows(request.user, HANDLE):
        raise ApiError(403, "您的角色无权办理企业诉求。")
    problem = Problem.objects.for_user(request.user, HANDLE).filter(pk=problem_id).first()
    if problem is None:
        seen = Problem.objects.for_user(request.user, VIEW).filter(pk=problem_id).first()
        if seen is not None and seen.status == ProblemStatus.CLOSED:
            raise ApiError(422, "问题已办结，不能再办理")
        raise ApiError(404, "未找到该诉求，或不在您的办理范围内")
    try:
        verb(problem, user=request.user, **kwargs)
    except actions.ProblemError as exc:
        raise ApiError(422, str(exc)) from None
    return _answer(request, problem.pk)


@router.post(
    "/problems/{int:problem_id}/handle",
    response={200: ProblemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def handle_problem(request, problem_id: int, payload: HandleIn):
    """本级解决、政策解释（办结）或上报交办（部门或上级地区，须有办结时限）；承办单位可继续上报。"""
    department = None
    if payload.department is not None:
        department = Department.objects.filter(pk=payload.department).first()
        if department is None:
            raise ApiError(422, "未知的承办部门")
    region = None
    if payload.region:
        region = Region.objects.filter(code=payload.region, is_peer=False).first()
        if region is None:
            raise ApiError(422, "未知的上级地区")
    return _verb(
        request,
        problem_id,
        actions.handle,
        handling=payload.handling,
        department=department,
        region=region,
        deadline=payload.deadline,
        note=payload.note,
    )


@router.post(
    "/problems/{int:problem_id}/accept",
    response={200: ProblemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def accept_problem(request, problem_id: int, payload: NoteIn):
    """承办单位受理。"""
    return _verb(request, problem_id, actions.accept, note=payload.note)


@router.post(
    "/problems/{int:problem_id}/reply",
    response={200: ProblemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def reply_problem(request, problem_id: int, payload: NoteIn):
    """承办单位答复。"""
    return _verb(request, problem_id, actions.reply, note=payload.note)


@router.post(
    "/problems/{int:problem_id}/return",
    response={200: ProblemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def return_problem(request, problem_id: int, payload: ReturnIn):
    """承办单位退回（须说明原因）。"""
    return _verb(request, problem_id, actions.return_problem, reason=payload.reason)


@router.post(
    "/problems/{int:problem_id}/close",
    response={200: ProblemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def close_problem(request, problem_id: int, payload: CloseIn):
    """镇街办结：办理结果必填；企业满意度另记，未评价留空；不满意重办一次。"""
    return _verb(
        request,
        problem_id,
        actions.close,
        resolution=payload.resolution,
        outcome=payload.outcome,
        satisfaction=payload.satisfaction,
    )


@router.post(
    "/problems/{int:problem_id}/satisfaction",
    response={200: ProblemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def rate_problem(request, problem_id: int, payload: SatisfactionIn):
    """办结后回访记录企业满意度（办结时未评价的）。"""
    problem = get_scoped(request, Problem, problem_id, VIEW)
    if not role_allows(request.user, HANDLE) or not actions.is_town(problem, request.user):
        raise ApiError(404, "未找到该诉求，或不在您的办理范围内")
    try:
        actions.rate(problem, user=request.user, satisfaction=payload.satisfaction)
    except actions.ProblemError as exc:
        raise ApiError(422, str(exc)) from None
    return _answer(request, problem.pk)


# -- visits -----------------------------------------------------------------------------------


class VisitOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str
    region: str
    visited_on: date
    kind: str
    official_ids: list[int]
    official_names: list[str]
    discussed: str
    problem_ids: list[int]
    version: int

    @staticmethod
    def resolve_enterprise_name(obj):
        return obj.enterprise.name

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_official_ids(obj):
        return [o.pk for o in obj.officials.all()]

    @staticmethod
    def resolve_official_names(obj):
        return [o.name for o in obj.officials.all()]

    @staticmethod
    def resolve_problem_ids(obj):
        return [p.pk for p in obj.problems.all()]


class RaisedIn(Schema):
    category: str
    description: str
    raised_by: str = ""


class VisitIn(Schema):
    enterprise: int = Field(alias="enterprise_id")
    visited_on: date
    kind: str = Field("visit", description="visit（走访）、symposium（座谈）或 onsite（现场办公）")
    officials: list[int] = Field(alias="official_ids", description="走访干部的 id")
    discussed: str = ""


class VisitCreateIn(VisitIn):
    problems: list[RaisedIn] = Field([], description="现场提出的问题，登记为诉求")


VisitPatch = patch_schema(VisitIn, "VisitPatch")
VisitQuery = query_schema(VisitFilterSet, "VisitQuery")


def _visits(request, action=None):
    return (
        scoped(request, Visit, action)
        .select_related("enterprise", "region")
        .prefetch_related("officials", "problems")
    )


@router.get("/visits", response=Page[VisitOut])
def list_visits(request, filters: Query[VisitQuery]):
    qs = filter_list(request, VisitFilterSet, _visits(request), filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/visits/{int:visit_id}", response=VisitOut)
def get_visit(request, visit_id: int):
    return get_scoped(request, Visit, visit_id, queryset=_visits(request))


@router.post("/visits", response={201: VisitOut, 422: ErrorOut})
def create_visit(request, payload: VisitCreateIn):
    """Record a visit with the problems raised on the spot (registered as problems)."""
    scoped(request, Visit)
    values = payload.dict()
    raised = values.pop("problems")
    form = VisitForm(values, user=request.user)
    if not form.is_valid():
        raise invalid(form, VisitIn)
    from .choices import Category

    for item in raised:
        if item["category"] not in Category.values or not item["description"].strip():
            raise ApiError(422, {"problems": ["现场问题须有有效的类别和描述"]})
    visit = actions.save_visit(form, expected_version=None, user=request.user, problems=raised)
    return Status(201, _visits(request, VIEW).get(pk=visit.pk))


@router.patch("/visits/{int:visit_id}", response={200: VisitOut, 409: ErrorOut, 422: ErrorOut})
def update_visit(request, visit_id: int, payload: VisitPatch):
    visit = get_scoped(request, Visit, visit_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    form = patched_form(VisitForm, visit, changes, user=request.user)
    if not form.is_valid():
        raise invalid(form, VisitIn)
    actions.save_visit(form, expected_version=version, user=request.user)
    return _visits(request, VIEW).get(pk=visit.pk)


# -- coverage and statistics ------------------------------------------------------------------


def _region(request, code: str) -> Region:
    region = Region.objects.for_user(request.user).filter(code=code, is_peer=False).first()
    if region is None:
        raise ApiError(404, "未知的地区，或不在您的管辖范围内")
    return region


class NotVisitedOut(Schema):
    id: int
    name: str
    uscc: str
    region: str


class CoverageRegionOut(Schema):
    region: str
    region_name: str
    listed: int
    visited: int
    share: Pct | None


class VisitedOut(NotVisitedOut):
    officials: list[str]


class CoverageOut(Schema):
    listed: int
    visited: int
    share: Pct | None = Field(description="覆盖率（%）")
    not_visited: list[NotVisitedOut]
    visited_by: list[VisitedOut]
    by_region: list[CoverageRegionOut]


def _enterprise_row(e) -> dict:
    return {"id": e.pk, "name": e.name, "uscc": e.uscc, "region": e.region.code}


@router.get("/coverage", response={200: CoverageOut, 404: ErrorOut, 422: ErrorOut})
def coverage(request, region: str, start: date, end: date, list: str = "key"):
    """Of a key list of the region (``key``, ``above_size``, ``grade_ab``, ``labelled``, or the
    enterprise list's filters as a query string), how many were visited in ``start``–``end``,
    by whom, and which were not."""
    scoped(request, Visit, VIEW)
    if end < start:
        raise ApiError(422, "截止日期不能早于起始日期")
    try:
        report = coverage_report(request.user, _region(request, region), start, end, list, request)
    except ValueError as exc:
        raise ApiError(422, str(exc)) from None
    return {
        "listed": report.result.listed,
        "visited": report.result.visited,
        "share": report.result.share,
        "not_visited": [_enterprise_row(e) for e in report.not_visited],
        "visited_by": [{**_enterprise_row(e), "officials": names} for e, names in report.visited],
        "by_region": [
            {"region": r.code, "region_name": r.name, "listed": n, "visited": v, "share": s}
            for r, n, v, s in report.by_region
        ],
    }


class FiguresOut(Schema):
    raised: int
    closed: int
    resolved: int
    withdrawn: int
    closed_on_time: int
    overdue: int
    answered: int
    avg_days_to_close: str | None
    closure_pct: Pct | None = Field(description="办结率：已办结 ÷ 收集")
    resolved_pct: Pct | None = Field(description="解决率：已解决 ÷ 已办结")
    satisfaction_pct: Pct | None = Field(description="满意率：满意与基本满意 ÷ 作出评价的企业")


class CategoryFiguresOut(FiguresOut):
    category: str
    label: str


class DepartmentFiguresOut(FiguresOut):
    department_id: int
    department: str


class ProblemRegionFiguresOut(FiguresOut):
    region: str
    region_name: str


class ProblemStatsOut(FiguresOut):
    region: str
    start: date
    end: date
    as_of: date
    sentence: str
    by_category: list[CategoryFiguresOut]
    by_department: list[DepartmentFiguresOut]
    by_region: list[ProblemRegionFiguresOut]


def _figures(stats) -> dict:
    avg = stats.avg_days_to_close
    return {
        **{
            name: getattr(stats, name)
            for name in FiguresOut.model_fields
            if name != "avg_days_to_close"
        },
        "avg_days_to_close": None if avg is None else str(avg),
    }


def _month(text: str, last: bool) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise ApiError(422, {"period": [f"月份应为 YYYY-MM，实际为“{text}”"]}) from None
    return first.replace(day=calendar.monthrange(year, month)[1]) if last else first


@router.get("/stats", response={200: ProblemStatsOut, 404: ErrorOut, 422: ErrorOut})
def stats(request, region: str, start: str, end: str):
    """The problems raised in the region from month ``start`` to month ``end`` (YYYY-MM), as
    they stand today: raised, closed, on time, overdue, average days to close,
    解决率 and 满意率 side by side, the sentence, and the same by category, department and
    region."""
    scoped(request, Problem, VIEW)
    first, last = _month(start, False), _month(end, True)
    if last < first:
        raise ApiError(422, {"period": ["截止月份不能早于起始月份"]})
    report = stats_report(request.user, _region(request, region), first, last, actions.today())
    return {
        **_figures(report.total),
        "region": report.region.code,
        "start": first,
        "end": last,
        "as_of": report.as_of,
        "sentence": report.sentence,
        "by_category": [
            {**_figures(s), "category": key, "label": label} for key, label, s in report.by_category
        ],
        "by_department": [
            {**_figures(s), "department_id": d.pk, "department": d.name}
            for d, s in report.by_department
        ],
        "by_region": [
            {**_figures(s), "region": r.code, "region_name": r.name} for r, s in report.by_region
        ],
    }


# -- departments ------------------------------------------------------------------------------


class DepartmentOut(Schema):
    id: int
    name: str
    region: str
    region_name: str
    phone: str
    note: str
    version: int

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name


DepartmentQuery = query_schema(DepartmentFilterSet, "DepartmentQuery")


@router.get("/departments", response=Page[DepartmentOut])
def list_departments(request, filters: Query[DepartmentQuery]):
    """The departments a problem may be assigned to, in scope (a town reads its county's)."""
    qs = filter_list(
        request, DepartmentFilterSet, scoped(request, Department).select_related("region"), filters
    )
    return paginate(qs, filters.page, filters.page_size)


@router.get("/departments/{int:department_id}", response=DepartmentOut)
def get_department(request, department_id: int):
    return get_scoped(
        request,
        Department,
        department_id,
        queryset=scoped(request, Department).select_related("region"),
    )


# -- liaisons ---------------------------------------------------------------------------------


class LiaisonsIn(Schema):
    leader_ids: list[int] = Field([], description="联系领导（挂点领导）的干部 id")
    commissioner_ids: list[int] = Field([], description="企业特派员的干部 id")


class LiaisonOut(Schema):
    official_id: int
    name: str
    title: str
    role: str
    since: date | None


class LiaisonsOut(Schema):
    leaders: list[LiaisonOut]
    commissioners: list[LiaisonOut]


def _liaisons_answer(request, subject) -> dict:
    field = "project" if subject._meta.model_name == "project" else "enterprise"
    rows = (
        Liaison.objects.for_user(request.user)
        .filter(**{field: subject}, is_archived=False)
        .select_related("official")
    )
    out = {"leaders": [], "commissioners": []}
    for row in rows:
        key = "leaders" if row.role == "leader" else "commissioners"
        out[key].append(
            {
                "official_id": row.official_id,
                "name": row.official.name,
                "title": row.official.title,
                "role": row.role,
                "since": row.since,
            }
        )
    return out


def _put_liaisons(request, model, pk, payload):
    subject = get_scoped(request, model, pk, CHANGE)
    visible = Official.objects.for_user(request.user, VIEW).filter(is_archived=False)
    wanted = set(payload.leader_ids) | set(payload.commissioner_ids)
    officials = {o.pk: o for o in visible.filter(pk__in=wanted)}
    unknown = sorted(wanted - set(officials))
    if unknown:
        raise ApiError(
            422,
            {
                "officials": [
                    f"干部名册中没有 id 为 {i} 的干部（或不在您的范围内）" for i in unknown
                ]
            },
        )
    actions.set_liaisons(
        subject,
        leaders=[officials[i] for i in payload.leader_ids],
        commissioners=[officials[i] for i in payload.commissioner_ids],
        user=request.user,
    )
    return _liaisons_answer(request, subject)


@liaisons_router.put(
    "/enterprises/{int:enterprise_id}/liaisons", response={200: LiaisonsOut, 422: ErrorOut}
)
def put_enterprise_liaisons(request, enterprise_id: int, payload: LiaisonsIn):
    """The enterprise's liaison leaders and commissioners, replaced by the lists given (those
    left out are archived, their record kept)."""
    return _put_liaisons(request, Enterprise, enterprise_id, payload)


@liaisons_router.get("/enterprises/{int:enterprise_id}/liaisons", response=LiaisonsOut)
def get_enterprise_liaisons(request, enterprise_id: int):
    return _liaisons_answer(request, get_scoped(request, Enterprise, enterprise_id))


@liaisons_router.put(
    "/projects/{int:project_id}/liaisons", response={200: LiaisonsOut, 422: ErrorOut}
)
def put_project_liaisons(request, project_id: int, payload: LiaisonsIn):
    """The project's liaison leaders and commissioners, replaced by the lists given."""
    return _put_liaisons(request, Project, project_id, payload)


@liaisons_router.get("/projects/{int:project_id}/liaisons", response=LiaisonsOut)
def get_project_liaisons(request, project_id: int):
    return _liaisons_answer(request, get_scoped(request, Project, project_id))


class LiaisonRowOut(Schema):
    id: int
    official_id: int
    official_name: str
    role: str
    enterprise_id: int | None
    enterprise_name: str | None
    project_id: int | None
    project_name: str | None
    region: str
    since: date | None
    is_archived: bool

    @staticmethod
    def resolve_official_name(obj):
        return obj.official.name

    @staticmethod
    def resolve_enterprise_name(obj):
        return obj.enterprise.name if obj.enterprise_id else None

    @staticmethod
    def resolve_project_name(obj):
        return obj.project.name if obj.project_id else None

    @staticmethod
    def resolve_region(obj):
        return obj.region.code


LiaisonQuery = query_schema(LiaisonFilterSet, "LiaisonQuery")


def _liaisons(request):
    return scoped(request, Liaison).select_related("official", "enterprise", "project", "region")


@router.get("/liaisons", response=Page[LiaisonRowOut])
def list_liaisons(request, filters: Query[LiaisonQuery]):
    """Liaison officials and commissioners in scope; ``official`` gives the enterprises and
    projects one official serves."""
    qs = filter_list(request, LiaisonFilterSet, _liaisons(request), filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/liaisons/{int:liaison_id}", response=LiaisonRowOut)
def get_liaison(request, liaison_id: int):
    return get_scoped(request, Liaison, liaison_id, queryset=_liaisons(request))
