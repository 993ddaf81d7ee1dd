from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Query, Router, Schema, Status
from pydantic import AliasPath, BeforeValidator, Field

from mujun.core.actions import patched_form
from mujun.core.api import (
    AUTH,
    ApiError,
    Called,
    ErrorOut,
    Page,
    Pct,
    RowOut,
    Wan,
    decimal_str,
    get_scoped,
    invalid,
    paginate,
    patch_schema,
    scoped,
)
from mujun.core.filters import filter_values, query_schema
from mujun.core.roles import CHANGE
from mujun.regions.models import Region

from . import actions
from .alerts import today
from .choices import MILESTONE_KEYS
from .figures import summary_lead
from .filters import ProjectFilterSet
from .forms import PlanForm, ProjectForm, ReportForm, StageForm
from .listing import decorate
from .models import Project, ProjectTag
from .rules import summary_sentence
from .stages import StageError
from .tally import summary

router = Router(tags=["projects"], auth=AUTH)


# Read by pydantic itself, as the rows are (``RowOut``): Django Ninja's ``Schema`` resolved each
# key of each stored reason through a getter of its own, which cost a page of 50 more than the
# rest of the answer's validation.
class ReasonOut(RowOut):
    level: str
    code: str
    text: str


class ProjectOut(RowOut):
    """A project with what ``listing.decorate`` attaches (figures, tiers, alert)."""

    id: int
    code: str
    name: str
    region: str = Field(validation_alias=AliasPath("region", "code"))
    region_name: str = Field(validation_alias=AliasPath("region", "name"))
    enterprise_id: int | None
    investor_name: str
    industry_code: str
    tiers: Annotated[list[str], BeforeValidator(lambda tiers: [t.key for t in tiers])]
    is_billion: bool
    stage: str
    total_investment_wan: Wan = Field(validation_alias="total_investment")
    fixed_asset_investment_wan: Wan | None = Field(validation_alias="fixed_asset_investment")
    land_area_mu: Wan | None
    liaison_leader: str = Field(description="名册外联系领导（未能对应干部名册的姓名）")
    liaison_leaders: list[str] = Field(
        validation_alias="liaison_names", description="联系领导：干部名册中的干部，及名册外的姓名"
    )
    responsible_department: str
    completed_investment_wan: Wan = Field(validation_alias=AliasPath("figures", "completed_total"))
    completed_this_year_wan: Wan = Field(
        validation_alias=AliasPath("figures", "completed_this_year")
    )
    planned_this_year_wan: Wan | None = Field(
        validation_alias=AliasPath("figures", "plan_this_year")
    )
    plan_completion_pct: Pct | None = Field(
        validation_alias=AliasPath("figures", "plan_completion_pct")
    )
    alert_level: str = Field(validation_alias=AliasPath("alert", "level"))
    alert_reasons: list[ReasonOut] = Field(validation_alias=AliasPath("alert", "reasons"))
    planned_dates: Annotated[dict[str, date | None], Called]
    actual_dates: Annotated[dict[str, date | None], Called]
    version: int


ProjectQuery = query_schema(ProjectFilterSet, "ProjectQuery")


class ProjectIn(Schema):
    """A project as the API writes it: the fields of ``ProjectForm`` under the API's names."""

    code: str
    name: str
    region: str = Field(description="所在镇街的区划代码")
    enterprise: int | None = Field(None, alias="enterprise_id")
    investor_name: str = ""
    industry_code: str = ""
    tags: list[str] = Field([], alias="tiers", description="项目层级的标识")
    total_investment: Decimal = Field(alias="total_investment_wan")
    fixed_asset_investment: Decimal | None = Field(None, alias="fixed_asset_investment_wan")
    land_area_mu: Decimal | None = None
    independent_site: bool = False
    liaison_leader: str = Field("", description="名册外联系领导（干部名册中没有的姓名）")
    liaison_leaders: list[int] = Field(
        [], alias="liaison_leader_ids", description="联系领导：干部名册中干部的 id"
    )
    responsible_department: str = ""
    description: str = ""
    planned_dates: dict[str, date | None] = Field(
        {}, description="计划节点：signed、land_supplied、started、completed、producing"
    )
    actual_land_supplied: date | None = None


ProjectPatch = patch_schema(ProjectIn, "ProjectPatch")


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


def _region(request, code):
    if not code:
        return None
    region = Region.objects.for_user(request.user).filter(code=code).first()
    if region is None:
        raise ApiError(404, "未知的地区，或不在您的管辖范围内")
    return region


def _detail(project, as_of=None):
    project = Project.objects.select_related("region").get(pk=project.pk)
    return decorate([project], as_of)[0]


@router.get("", response=Page[ProjectOut])
def list_projects(request, filters: Query[ProjectQuery]):
    """Projects in scope, filtered as the list page filters them, with the derived figures and
    the alert as of ``as_of`` (default today)."""
    qs = scoped(request, Project).listed()
    filterset = ProjectFilterSet(filter_values(filters), queryset=qs, request=request)
    if not filterset.is_valid():
        raise invalid(filterset.form)
    page = paginate(filterset.qs, filters.page, filters.page_size)
    page["items"] = decorate(page["items"], filterset.alerts_day())
    return page


@router.get("/summary", response={200: SummaryOut, 404: ErrorOut})
def project_summary(
    request,
    year: int = Query(..., ge=2000, le=2100),
    month: int = Query(..., ge=1, le=12),
    region: str = "",
    tier: str = "",
    basis: Literal["started", "planned"] = "started",
):
    """Count, totals, plan, completed and completion rate, with the sentence of the reports.
    ``basis``: ``started`` (started in ``year``) or ``planned`` (with a plan for ``year``)."""
    tier_obj = ProjectTag.objects.filter(key=tier).first() if tier else None
    if tier and tier_obj is None:
        raise ApiError(422, {"tier": [f"未知的项目层级：{tier}"]})
    s = summary(
        scoped(request, Project),
        user=request.user,
        region=_region(request, region),
        tier=tier_obj,
        basis=basis,
        year=year,
        month=month,
    )
    text = summary_sentence(
        lead=summary_lead(basis, year, today()),
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


def _form_values(values: dict) -> dict:
    """An API body named as ``ProjectForm``'s fields: its planned dates spread over them."""
    for key, value in (values.pop("planned_dates", None) or {}).items():
        if key not in MILESTONE_KEYS:
            raise ApiError(422, {"planned_dates": [f"未知的节点：{key}"]})
        values[f"planned_{key}"] = value
    return values


@router.post("", response={201: ProjectOut, 422: ErrorOut})
def create_project(request, payload: ProjectIn):
    scoped(request, Project)
    form = ProjectForm(_form_values(payload.dict()), user=request.user)
    if not form.is_valid():
        raise invalid(form, ProjectIn)
    project = actions.save_project(form, expected_version=None, user=request.user)
    return Status(201, _detail(project))


@router.patch("/{int:project_id}", response={200: ProjectOut, 409: ErrorOut, 422: ErrorOut})
def update_project(request, project_id: int, payload: ProjectPatch):
    """Change some fields; ``version`` is the one read, a newer one answers 409."""
    project = get_scoped(request, Project, project_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    form = patched_form(ProjectForm, project, _form_values(changes), user=request.user)
    if not form.is_valid():
        raise invalid(form, ProjectIn)
    actions.save_project(form, expected_version=version, user=request.user)
    return _detail(project)


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
