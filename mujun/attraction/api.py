from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from mujun.core.actions import patched_form
from mujun.core.api import (
    AUTH,
    ApiError,
    ErrorOut,
    Page,
    RowOut,
    Wan,
    filter_list,
    get_scoped,
    invalid,
    paginate,
    patch_schema,
    scoped,
)
from mujun.core.filters import query_schema
from mujun.core.roles import CHANGE, VIEW
from mujun.regions.models import Region

from . import actions, rules
from .filters import ActivityFilterSet, LeadFilterSet
from .forms import ActivityForm, LeadForm
from .models import Activity, Lead
from .reports import attraction_report, monthly_misses

router = Router(tags=["attraction"], auth=AUTH)


class ActivityOut(Schema):
    id: int
    region: str
    region_name: str
    kind: str
    start_date: date
    end_date: date
    days: int
    destination: str
    leader_id: int
    leader_name: str
    official_ids: list[int]
    investors: list[str]
    lead_ids: list[int]
    investor_count: int
    batches: int
    note: str
    is_archived: bool
    version: int

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name

    @staticmethod
    def resolve_leader_name(obj):
        return obj.leader.name

    @staticmethod
    def resolve_official_ids(obj):
        return [o.pk for o in obj.officials.all()]

    @staticmethod
    def resolve_investors(obj):
        return rules.split_names(obj.investors)

    @staticmethod
    def resolve_lead_ids(obj):
        return [lead.pk for lead in obj.leads.all()]


class ActivityIn(Schema):
    """An activity as the API writes it: the fields of ``ActivityForm`` under the API's names."""

    region: str = Field(description="地区的区划代码")
    kind: str = Field(description="trip、visit、reception 或 promotion_event")
    start_date: date
    end_date: date
    destination: str = ""
    leader: int = Field(alias="leader_id", description="带队干部（干部名册的 id）")
    officials: list[int] = Field([], alias="official_ids", description="其他参加干部的 id")
    investors: list[str] = Field([], description="拜访或接待的客商名称")
    leads: list[int] = Field([], alias="lead_ids", description="对接的线索的 id")
    batches: int = Field(1, description="接待批次（接待客商时）")
    note: str = ""


ActivityPatch = patch_schema(ActivityIn, "ActivityPatch")
ActivityQuery = query_schema(ActivityFilterSet, "ActivityQuery")


def _activity_values(values: dict) -> dict:
    if "investors" in values:
        values["investors"] = "\n".join(values["investors"] or [])
    return values


def _activities(request, action=None):
    return (
        scoped(request, Activity, action)
        .select_related("region", "leader")
        .prefetch_related("officials", "leads")
    )


@router.get("/activities", response=Page[ActivityOut])
def list_activities(request, filters: Query[ActivityQuery]):
    """Activities in scope, filtered as the list page filters them."""
    qs = filter_list(request, ActivityFilterSet, _activities(request), filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/activities/{int:activity_id}", response=ActivityOut)
def get_activity(request, activity_id: int):
    return get_scoped(request, Activity, activity_id, queryset=_activities(request))


@router.post("/activities", response={201: ActivityOut, 422: ErrorOut})
def create_activity(request, payload: ActivityIn):
    scoped(request, Activity)
    form = ActivityForm(_activity_values(payload.dict()), user=request.user)
    if not form.is_valid():
        raise invalid(form, ActivityIn)
    activity = actions.save_activity(form, expected_version=None, user=request.user)
    return Status(201, _activities(request, VIEW).get(pk=activity.pk))


@router.patch(
    "/activities/{int:activity_id}", response={200: ActivityOut, 409: ErrorOut, 422: ErrorOut}
)
def update_activity(request, activity_id: int, payload: ActivityPatch):
    """Change some fields; ``version`` is the one read, a newer one answers 409."""
    activity = get_scoped(request, Activity, activity_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    form = patched_form(ActivityForm, activity, _activity_values(changes), user=request.user)
    if not form.is_valid():
        raise invalid(form, ActivityIn)
    actions.save_activity(form, expected_version=version, user=request.user)
    return _activities(request, VIEW).get(pk=activity.pk)


class LeadOut(Schema):
    id: int
    region: str
    region_name: str
    investor_name: str
    investor_uscc: str
    investor_country: str
    home_province: str
    home_city: str
    listing: str
    project_name: str
    channel: str
    category: str
    industry_code: str
    intended_investment_wan: Wan = Field(alias="intended_investment")
    owner_id: int | None
    owner_name: str
    status: str
    recorded_on: date
    contacted_on: date | None
    negotiating_on: date | None
    signed_on: date | None
    dropped_on: date | None
    drop_reason: str
    project_id: int | None
    note: str
    is_archived: bool
    version: int

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name

    @staticmethod
    def resolve_owner_name(obj):
        return obj.owner.name if obj.owner_id else ""


class LeadIn(Schema):
    """A lead as the API writes it: the fields of ``LeadForm`` under the API's names."""

    region: str = Field(description="地区的区划代码")
    investor_name: str
    investor_uscc: str = ""
    investor_country: str = ""
    home_province: str = ""
    home_city: str = ""
    listing: str = Field("", description="listed、pre_listing 或空")
    project_name: str
    channel: str = Field(description="via_investors、agency、resident、association 或 other")
    category: str = Field("industrial", description="industrial 或 talent")
    industry_code: str = Field("", description="两位行业大类代码")
    intended_investment: Decimal = Field(Decimal(0), alias="intended_investment_wan")
    owner: int | None = Field(None, alias="owner_id", description="责任干部的 id")
    recorded_on: date | None = Field(None, description="登记日期，默认今天")
    note: str = ""


LeadPatch = patch_schema(LeadIn, "LeadPatch")
LeadQuery = query_schema(LeadFilterSet, "LeadQuery")


class StatusIn(Schema):
    status: str = Field(description="lead、contacting、negotiating 或 dropped")
    date: date
    reason: str = ""


class ReopenIn(Schema):
    date: date
    reason: str


class SignIn(Schema):
    date: date
    activity_id: int | None = Field(None, description="在哪场活动上签约（可选）")


class SignOut(Schema):
    project_id: int
    project_code: str
    lead: LeadOut


def _leads(request, action=None):
    return scoped(request, Lead, action).select_related("region", "owner")


def _lead_values(values: dict) -> dict:
    if values.get("recorded_on", "unset") is None:
        values["recorded_on"] = actions.today()
    return values


@router.get("/leads", response=Page[LeadOut])
def list_leads(request, filters: Query[LeadQuery]):
    """Leads in scope, filtered as the list page filters them."""
    qs = filter_list(request, LeadFilterSet, _leads(request), filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/leads/{int:lead_id}", response=LeadOut)
def get_lead(request, lead_id: int):
    return get_scoped(request, Lead, lead_id, queryset=_leads(request))


@router.post("/leads", response={201: LeadOut, 422: ErrorOut})
def create_lead(request, payload: LeadIn):
    scoped(request, Lead)
    form = LeadForm(_lead_values(payload.dict()), user=request.user)
    if not form.is_valid():
        raise invalid(form, LeadIn)
    lead = actions.save_lead(form, expected_version=None, user=request.user)
    return Status(201, _leads(request, VIEW).get(pk=lead.pk))


@router.patch("/leads/{int:lead_id}", response={200: LeadOut, 409: ErrorOut, 422: ErrorOut})
def update_lead(request, lead_id: int, payload: LeadPatch):
    """Change some fields; ``version`` is the one read, a newer one answers 409. The status
    moves by ``/status``, ``/reopen`` and ``/sign``."""
    lead = get_scoped(request, Lead, lead_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    form = patched_form(LeadForm, lead, _lead_values(changes), user=request.user)
    if not form.is_valid():
        raise invalid(form, LeadIn)
    actions.save_lead(form, expected_version=version, user=request.user)
    return _leads(request, VIEW).get(pk=lead.pk)


def _verb(request, lead_id, verb, **kwargs):
    lead = get_scoped(request, Lead, lead_id, action=CHANGE)
    try:
        result = verb(lead, user=request.user, **kwargs)
    except actions.LeadError as exc:
        raise ApiError(422, {"status": [str(exc)]}) from None
    return lead, result


@router.post("/leads/{int:lead_id}/status", response={200: LeadOut, 422: ErrorOut})
def move_lead(request, lead_id: int, payload: StatusIn):
    """Move the lead to another open status, or drop it (``reason`` required)."""
    lead, _ = _verb(
        request,
        lead_id,
        actions.move_lead,
        status=payload.status,
        on=payload.date,
        reason=payload.reason,
    )
    return _leads(request, VIEW).get(pk=lead.pk)


@router.post("/leads/{int:lead_id}/reopen", response={200: LeadOut, 422: ErrorOut})
def reopen_lead(request, lead_id: int, payload: ReopenIn):
    """Take a dropped lead up again, at the status it was dropped from."""
    lead, _ = _verb(request, lead_id, actions.reopen_lead, on=payload.date, reason=payload.reason)
    return _leads(request, VIEW).get(pk=lead.pk)


@router.post("/leads/{int:lead_id}/sign", response={200: SignOut, 422: ErrorOut})
def sign_lead(request, lead_id: int, payload: SignIn):
    """Sign the lead: its project at stage 签约 in the project register, once only. Signed
    again at another event (``activity_id``), the event is linked and nothing counted twice."""
    activity = None
    if payload.activity_id is not None:
        activity = get_object_or_404(
            Activity.objects.for_user(request.user), pk=payload.activity_id
        )
    lead, project = _verb(request, lead_id, actions.sign_lead, on=payload.date, activity=activity)
    return {
        "project_id": project.pk,
        "project_code": project.code,
        "lead": _leads(request, VIEW).get(pk=lead.pk),
    }


class Figures(RowOut):
    """A region's or an official's figures: a report's hundreds of rows read by pydantic itself
    (``core.api.RowOut``), not through Django Ninja's getter of every field."""

    trip_days: int
    principal_trip_days: int
    investors_visited: int
    reception_batches: int
    promotion_events: int
    new_leads: int
    negotiating: int
    negotiated: int
    signed: int
    signed_investment_wan: Wan
    signed_over_100m: int
    signed_listed: int
    signed_by_category: dict[str, int]
    signed_by_province: dict[str, int]


class RegionFiguresOut(Figures):
    region: str
    region_name: str
    own_level: bool = Field(
        description="本级：该地区自身层级登记的工作（如县本级外出），不是其合计；合计见顶层字段"
    )
    rank_trip_days: int | None
    rank_signed: int | None


class OfficialFiguresOut(Figures):
    official_id: int
    name: str
    title: str
    region: str
    is_principal: bool


class StatsOut(Figures):
    region: str
    period: str
    sentence: str
    rank_trip_days: str | None = Field(description="在可查看的同级地区中的名次，如 3/15")
    rank_signed: str | None
    by_region: list[RegionFiguresOut]
    by_official: list[OfficialFiguresOut]


def _region(request, code: str) -> Region:
    region = Region.objects.for_user(request.user).filter(code=code, is_peer=False).first()
    if region is None:
        raise ApiError(404, "未知的地区，或不在您的管辖范围内")
    return region


def _period(start: str, end: str) -> rules.Period:
    try:
        return rules.Period.months(rules.parse_month(start), rules.parse_month(end))
    except ValueError as exc:
        raise ApiError(422, {"period": [str(exc)]}) from None


FIGURES = tuple(Figures.model_fields)


def _figures(stats) -> dict:
    return {name: getattr(stats, name) for name in FIGURES}


def _rank(rank) -> str | None:
    return f"{rank.position}/{rank.of}" if rank and rank.of >= 2 else None


@router.get("/stats", response={200: StatsOut, 404: ErrorOut, 422: ErrorOut})
def stats(request, region: str, start: str, end: str):
    """A region's attraction figures for the months ``start``–``end`` (YYYY-MM), with the
    sentence in the seeds' house style, the figures of the regions under it and of its
    officials."""
    scoped(request, Activity, VIEW)
    report = attraction_report(request.user, _region(request, region), _period(start, end))
    return {
        **_figures(report.stats),
        "region": report.region.code,
        "period": report.period.text(),
        "sentence": report.sentence,
        "rank_trip_days": _rank(report.ranks.get("trip_days")),
        "rank_signed": _rank(report.ranks.get("signed")),
        "by_region": [
            {
                **_figures(row.stats),
                "region": row.subject.code,
                "region_name": row.subject.name,
                "own_level": row.own_level,
                "rank_trip_days": getattr(row.ranks.get("trip_days"), "position", None),
                "rank_signed": getattr(row.ranks.get("signed"), "position", None),
            }
            for row in report.regions
        ],
        "by_official": [
            {
                **_figures(row.stats),
                "official_id": row.subject.pk,
                "name": row.subject.name,
                "title": row.subject.title,
                "region": row.subject.region.code,
                "is_principal": row.subject.is_principal,
            }
            for row in report.officials
        ],
    }


class MissingOut(Schema):
    id: int
    name: str
    title: str
    region: str
    region_name: str


class MonthlyCheckOut(Schema):
    region: str
    month: str
    principals: int
    missing: list[MissingOut]


@router.get("/monthly-check", response={200: MonthlyCheckOut, 404: ErrorOut, 422: ErrorOut})
def monthly_check(request, region: str, month: str):
    """一月一招商: the principal officials of the region who led or joined no activity in
    ``month`` (YYYY-MM)."""
    scoped(request, Activity, VIEW)
    target = _region(request, region)
    try:
        year, number = rules.parse_month(month)
    except ValueError as exc:
        raise ApiError(422, {"month": [str(exc)]}) from None
    grid = monthly_misses(request.user, target, year)
    missing = [official for official, misses in grid if misses[number - 1]]
    return {
        "region": target.code,
        "month": f"{year}-{number:02d}",
        "principals": len(grid),
        "missing": [
            {
                "id": o.pk,
                "name": o.name,
                "title": o.title,
                "region": o.region.code,
                "region_name": o.region.name,
            }
            for o in missing
        ],
    }
