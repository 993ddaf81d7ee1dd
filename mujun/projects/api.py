from datetime import date
from decimal import Decimal

from django.db import transaction
from django.http import JsonResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from mujun.core.actions import VersionConflict
from mujun.core.api import AUTH, ApiError, Page, decimal_str, get_scoped, invalid, paginate, scoped
from mujun.core.roles import CHANGE
from mujun.regions.models import Region

from . import actions, services
from .forms import PlanForm, ProjectForm, ReportForm, StageForm
from .models import Project, ProjectTag
from .rows import fetch_rows
from .rules import summary_sentence
from .stages import StageError

router = Router(tags=["projects"], auth=AUTH)

MILESTONES = ("signed", "land_supplied", "started", "completed", "producing")


class ReasonOut(Schema):
    level: str
    code: str
    text: str


class ProjectOut(Schema):
    id: int
    code: str
    name: str
    region: str
    region_name: str
    enterprise_id: int | None
    investor_name: str
    industry_code: str
    tiers: list[str]
    is_billion: bool
    stage: str
    total_investment_wan: str
    fixed_asset_investment_wan: str | None
    land_area_mu: str | None
    liaison_leader: str
    responsible_department: str
    completed_investment_wan: str
    completed_this_year_wan: str
    planned_this_year_wan: str | None
    plan_completion_pct: str | None
    alert_level: str
    alert_reasons: list[ReasonOut]
    planned_dates: dict[str, date | None]
    actual_dates: dict[str, date | None]
    version: int


def _dates(dates: dict) -> dict:
    return {k: (None if v is None else v.isoformat()) for k, v in dates.items()}


def project_out(p) -> dict:
    """The API form of a project carrying ``figures`` and ``alert`` (``services.decorate``).
    Built as a plain dict of JSON types: resolving 25 fields through schema getters, or
    dates through the encoder's fallback, costs more than the queries of a list page."""
    f = p.figures
    return {
        "id": p.pk,
        "code": p.code,
        "name": p.name,
        "region": p.region.code,
        "region_name": p.region.name,
        "enterprise_id": p.enterprise_id,
        "investor_name": p.investor_name,
        "industry_code": p.industry_code,
        "tiers": [t.key for t in p.tiers],
        "is_billion": p.is_billion,
        "stage": p.stage,
        "total_investment_wan": decimal_str(p.total_investment),
        "fixed_asset_investment_wan": decimal_str(p.fixed_asset_investment),
        "land_area_mu": decimal_str(p.land_area_mu),
        "liaison_leader": p.liaison_leader,
        "responsible_department": p.responsible_department,
        "completed_investment_wan": decimal_str(f.completed_total),
        "completed_this_year_wan": decimal_str(f.completed_this_year),
        "planned_this_year_wan": decimal_str(f.plan_this_year),
        "plan_completion_pct": decimal_str(f.plan_completion_pct, 2),
        "alert_level": p.alert.level,
        "alert_reasons": p.alert.reasons,
        "planned_dates": _dates(p.planned_dates()),
        "actual_dates": _dates(p.actual_dates()),
        "version": p.version,
    }


class ProjectFilters(Schema):
    q: str = ""
    region: str | None = None
    stage: str = ""
    tier: str = ""
    alert: str = Field("", description="none / yellow / red / lagging")
    leader: str = ""
    as_of: date | None = None
    page: int = 1
    page_size: int = 50


class ProjectIn(Schema):
    code: str
    name: str
    region: str
    enterprise_id: int | None = None
    investor_name: str = ""
    industry_code: str = ""
    tiers: list[str] = []
    total_investment_wan: Decimal
    fixed_asset_investment_wan: Decimal | None = None
    land_area_mu: Decimal | None = None
    independent_site: bool = False
    liaison_leader: str = ""
    responsible_department: str = ""
    description: str = ""
    planned_dates: dict[str, date | None] = {}
    actual_land_supplied: date | None = None


class ProjectPatch(Schema):
    version: int
    code: str | None = None
    name: str | None = None
    region: str | None = None
    enterprise_id: int | None = None
    investor_name: str | None = None
    industry_code: str | None = None
    tiers: list[str] | None = None
    total_investment_wan: Decimal | None = None
    fixed_asset_investment_wan: Decimal | None = None
    land_area_mu: Decimal | None = None
    independent_site: bool | None = None
    liaison_leader: str | None = None
    responsible_department: str | None = None
    description: str | None = None
    planned_dates: dict[str, date | None] | None = None
    actual_land_supplied: date | None = None


class StageIn(Schema):
    stage: str
    date: date
    note: str = ""


class PlanIn(Schema):
    planned_investment_wan: Decimal


class PlanOut(Schema):
    year: int
    planned_investment_wan: str


class ReportIn(Schema):
    year: int
    month: int
    completed_investment_wan: Decimal
    progress_note: str = ""
    problems: str = ""


class SummaryOut(Schema):
    count: int
    total_investment_wan: str
    planned_investment_wan: str
    completed_investment_wan: str
    plan_completion_pct: str | None
    text: str


class ErrorOut(Schema):
    detail: str | dict


def _region(request, code):
    if not code:
        return None
    region = Region.objects.for_user(request.user).filter(code=code).first()
    if region is None:
        raise ApiError(404, "未知的地区，或不在您的管辖范围内")
    return region


def _detail(project, as_of=None):
    project = Project.objects.select_related("region").get(pk=project.pk)
    return project_out(services.decorate([project], as_of)[0])


@router.get("", response=Page[ProjectOut])
def list_projects(request, filters: Query[ProjectFilters]):
    """Projects in scope, with the derived figures and the alert as of ``as_of`` (default today)."""
    qs = scoped(request, Project)
    services.ensure_fresh(qs)
    live = filters.as_of and filters.as_of != services.today()
    qs = qs.filtered(
        q=filters.q,
        region_code=filters.region or "",
        stage=filters.stage,
        tier_key=filters.tier,
        alert="" if live else filters.alert,
        leader=filters.leader,
    )
    if live:
        qs = services.filter_alert_as_of(qs, filters.alert, filters.as_of)
    page = paginate(qs, filters.page, filters.page_size, rows=fetch_rows)
    rows = services.decorate(page["items"], filters.as_of)
    page["items"] = [project_out(p) for p in rows]
    # Answered directly: re-validating rows that project_out builds field by field cost more
    # than the page's queries. The schema stays the contract (tests check rows against it).
    return JsonResponse(page, json_dumps_params={"ensure_ascii": False})


@router.get("/summary", response=SummaryOut)
def project_summary(
    request, year: int, month: int, region: str = "", tier: str = "", basis: str = "started"
):
    """Count, totals, plan, completed and completion rate, with the sentence of the reports.
    ``basis``: ``started`` (started in ``year``) or ``planned`` (with a plan for ``year``)."""
    if not 1 <= month <= 12:
        raise ApiError(422, {"month": ["月份应为 1 至 12"]})
    tier_obj = ProjectTag.objects.filter(key=tier).first() if tier else None
    if tier and tier_obj is None:
        raise ApiError(422, {"tier": [f"未知的项目层级：{tier}"]})
    qs = scoped(request, Project).filtered(region=_region(request, region), tier=tier_obj)
    qs = services.summary_set(qs, basis=basis, year=year)
    s = services.summarise(qs, year=year, month=month)
    text = summary_sentence(
        lead=services.summary_lead(basis, year),
        tier=tier_obj.name if tier_obj else "",
        count=s.count,
        total_investment=s.total_investment,
        planned=s.planned,
        completed=s.completed,
        month=month,
    )
    return {
        "count": s.count,
        "total_investment_wan": decimal_str(s.total_investment),
        "planned_investment_wan": decimal_str(s.planned),
        "completed_investment_wan": decimal_str(s.completed),
        "plan_completion_pct": decimal_str(s.completion_pct, 2),
        "text": text,
    }


@router.get("/{int:project_id}", response=ProjectOut)
def get_project(request, project_id: int, as_of: date | None = None):
    return _detail(get_scoped(request, Project, project_id), as_of)


def _form_data(values: dict) -> dict:
    data = {
        "code": values.get("code"),
        "name": values.get("name"),
        "enterprise": values.get("enterprise_id"),
        "investor_name": values.get("investor_name"),
        "industry_code": values.get("industry_code"),
        "total_investment": values.get("total_investment_wan"),
        "fixed_asset_investment": values.get("fixed_asset_investment_wan"),
        "land_area_mu": values.get("land_area_mu"),
        "independent_site": values.get("independent_site"),
        "liaison_leader": values.get("liaison_leader"),
        "responsible_department": values.get("responsible_department"),
        "description": values.get("description"),
        "actual_land_supplied": values.get("actual_land_supplied"),
    }
    for key, value in (values.get("planned_dates") or {}).items():
        if key not in MILESTONES:
            raise ApiError(422, {"planned_dates": [f"未知的节点：{key}"]})
        data[f"planned_{key}"] = value
    return data


def _tags(request, keys):
    tags = list(ProjectTag.objects.filter(key__in=keys))
    unknown = set(keys) - {t.key for t in tags}
    if unknown:
        raise ApiError(422, {"tiers": [f"未知的项目层级：{'、'.join(sorted(unknown))}"]})
    return tags


@router.post("", response={201: ProjectOut, 422: ErrorOut})
def create_project(request, payload: ProjectIn):
    scoped(request, Project)
    values = payload.dict()
    tags = _tags(request, values["tiers"])
    data = {k: v for k, v in _form_data(values).items() if v is not None}
    region = Region.objects.for_user(request.user).towns().filter(code=values["region"]).first()
    data["region"] = region.pk if region else None
    form = ProjectForm(data, user=request.user)
    if not form.is_valid():
        raise invalid(form)
    with transaction.atomic():
        project = actions.save_project(
            form.save(commit=False), expected_version=None, user=request.user, tags=tags
        )
    return Status(201, _detail(project))


@router.patch("/{int:project_id}", response={200: ProjectOut, 409: ErrorOut, 422: ErrorOut})
def update_project(request, project_id: int, payload: ProjectPatch):
    """Change some fields; ``version`` is the one read, a newer one answers 409."""
    project = get_scoped(request, Project, project_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    tags = _tags(request, changes.pop("tiers")) if "tiers" in changes else None
    current = ProjectForm(instance=project, user=request.user)
    data = {name: current.initial.get(name) for name in current.fields if name != "tags"}
    data.update({k: v for k, v in _form_data(changes).items() if k in _changed_fields(changes)})
    if "region" in changes:
        region = (
            Region.objects.for_user(request.user).towns().filter(code=changes["region"]).first()
        )
        data["region"] = region.pk if region else None
    data = {k: ("" if v is None else v) for k, v in data.items()}
    form = ProjectForm(data, instance=project, user=request.user)
    if not form.is_valid():
        raise invalid(form)
    try:
        actions.save_project(
            form.save(commit=False), expected_version=version, user=request.user, tags=tags
        )
    except VersionConflict as conflict:
        raise ApiError(409, str(conflict)) from None
    return _detail(project)


def _changed_fields(changes: dict) -> set:
    names = {
        "enterprise_id": "enterprise",
        "total_investment_wan": "total_investment",
        "fixed_asset_investment_wan": "fixed_asset_investment",
    }
    fields = {names.get(k, k) for k in changes}
    for key in changes.get("planned_dates") or {}:
        fields.add(f"planned_{key}")
    return fields


@router.post("/{int:project_id}/stage", response={200: ProjectOut, 422: ErrorOut})
def change_stage(request, project_id: int, payload: StageIn):
    project = get_scoped(request, Project, project_id, action=CHANGE)
    form = StageForm({"stage": payload.stage, "date": payload.date, "note": payload.note})
    if not form.is_valid():
        raise invalid(form)
    try:
        actions.move_stage(
            project, stage=payload.stage, on=payload.date, user=request.user, note=payload.note
        )
    except StageError as exc:
        raise ApiError(422, {"stage": [str(exc)]}) from None
    return _detail(project)


@router.put("/{int:project_id}/plans/{int:year}", response={200: PlanOut, 422: ErrorOut})
def put_plan(request, project_id: int, year: int, payload: PlanIn):
    project = get_scoped(request, Project, project_id)
    form = PlanForm({"year": year, "planned_investment": payload.planned_investment_wan})
    if not form.is_valid():
        raise invalid(form)
    plan = actions.set_plan(
        project,
        year=year,
        planned_investment=form.cleaned_data["planned_investment"],
        user=request.user,
    )
    return {"year": plan.year, "planned_investment_wan": decimal_str(plan.planned_investment)}


@router.post("/{int:project_id}/reports", response={201: ProjectOut, 422: ErrorOut})
def post_report(request, project_id: int, payload: ReportIn):
    """File the monthly report (a second report for the same month replaces the first)."""
    project = get_scoped(request, Project, project_id, action=CHANGE)
    form = ReportForm(
        {
            "year": payload.year,
            "month": payload.month,
            "completed_investment": payload.completed_investment_wan,
            "progress_note": payload.progress_note,
            "problems": payload.problems,
        }
    )
    if not form.is_valid():
        raise invalid(form)
    actions.file_report(project, user=request.user, **form.cleaned_data)
    return Status(201, _detail(project))
