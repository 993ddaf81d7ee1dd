"""Indicator values, their derived figures and the briefing over JSON.

Values are decimal strings in the indicator's unit (``unit``: 万元, 万美元 …); percentages are
decimal strings too. Every derived figure comes with its rule and, when missing, the reason.
"""

from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from mujun.core.actions import patched_form
from mujun.core.api import (
    AUTH,
    ApiError,
    ErrorOut,
    Page,
    decimal_str,
    filter_list,
    get_scoped,
    invalid,
    paginate,
    scoped,
)
from mujun.core.filters import query_schema
from mujun.core.roles import ADD, VIEW
from mujun.regions.models import Region

from .actions import save_value, upsert_values
from .choices import Source
from .derive import decorate
from .filters import IndicatorValueFilterSet
from .imports import IndicatorValueImportForm
from .models import Indicator, IndicatorValue
from .reports import make_briefing

router = Router(tags=["indicators"], auth=AUTH)


class IndicatorOut(Schema):
    key: str
    name: str
    unit: str
    price_basis: str
    additive: bool
    is_cumulative: bool
    part_of: str | None

    @staticmethod
    def resolve_part_of(obj):
        return obj.part_of.key if obj.part_of_id else None


class FigureOut(Schema):
    value: str | None
    rule: str
    reason: str


class RankOut(Schema):
    position: int
    of: int
    tied: bool


class IndicatorValueOut(Schema):
    id: int
    region: str
    region_name: str
    indicator: str
    indicator_name: str
    year: int
    month: int
    value: str
    unit: str
    yoy_pct_reported: str | None
    source: str
    note: str
    is_archived: bool
    version: int
    updated_at: datetime
    monthly_value: FigureOut
    yoy_pct: FigureOut
    yoy_pct_computed: FigureOut
    target: str | None
    target_completion_pct: FigureOut
    time_progress_pct: str
    behind_schedule: bool
    rank_by_value: RankOut | None
    rank_by_growth: RankOut | None
    share_of_parent_pct: FigureOut
    children_sum: FigureOut
    children_difference: str | None


class IndicatorValueIn(Schema):
    region: str
    indicator: str
    year: int
    month: int
    value: Decimal
    unit: str
    yoy_pct: Decimal | None = None
    note: str = ""


class IndicatorValuePatch(Schema):
    """What a PATCH may change of a stored figure (its region, indicator and month are its
    key): fields of ``IndicatorValueImportForm`` under the API's names."""

    version: int
    amount: Decimal | None = Field(None, alias="value")
    unit: str | None = None
    yoy_pct: Decimal | None = None
    note: str | None = None


ValueQuery = query_schema(IndicatorValueFilterSet, "ValueQuery")


class UpsertOut(Schema):
    created: int
    updated: int
    unchanged: int


class UpsertProblemOut(Schema):
    index: int
    field: str | None
    reason: str


class UpsertErrorOut(Schema):
    """The batch's problems by item, or (a body that is not a list of items) by field."""

    detail: list[UpsertProblemOut] | dict[str, list[str]]


class BriefingOut(Schema):
    text: str
    title: str
    skipped: list[str]


def _figure(figure, places=4):
    return {
        "value": decimal_str(figure.value, places) if figure.ok else None,
        "rule": figure.rule,
        "reason": figure.reason,
    }


def _rank(rank):
    if rank is None or rank.of < 2:
        return None
    return {"position": rank.position, "of": rank.of, "tied": rank.tied}


def _out(row) -> dict:
    d = row.derived
    return {
        "id": row.pk,
        "region": row.region.code,
        "region_name": row.region.name,
        "indicator": row.indicator.key,
        "indicator_name": row.indicator.name,
        "year": row.year,
        "month": row.month,
        "value": decimal_str(row.value),
        "unit": row.indicator.unit,
        "yoy_pct_reported": decimal_str(row.yoy_pct, 2),
        "source": row.source,
        "note": row.note,
        "is_archived": row.is_archived,
        "version": row.version,
        "updated_at": row.updated_at,
        "monthly_value": _figure(d.monthly),
        "yoy_pct": _figure(d.growth.effective, 2),
        "yoy_pct_computed": _figure(d.growth.computed, 2),
        "target": decimal_str(d.target),
        "target_completion_pct": _figure(d.completion.completion, 2),
        "time_progress_pct": decimal_str(d.completion.time_progress, 2),
        "behind_schedule": d.completion.behind,
        "rank_by_value": _rank(d.rank_by_value),
        "rank_by_growth": _rank(d.rank_by_growth),
        "share_of_parent_pct": _figure(d.share, 2),
        "children_sum": _figure(d.children.total),
        "children_difference": decimal_str(d.children.difference),
    }


def _values(request, action=None):
    return scoped(request, IndicatorValue, action).select_related("region__parent", "indicator")


@router.get("/catalogue", response=list[IndicatorOut])
def list_indicators(request):
    """The indicator catalogue, in the order briefings use."""
    scoped(request, IndicatorValue, VIEW)  # 403 for a role that may not view
    return list(Indicator.objects.select_related("part_of"))


@router.get("/values", response=Page[IndicatorValueOut])
def list_values(request, filters: Query[ValueQuery]):
    """Stored values in the caller's scope, filtered as the list page filters them, with their
    derived figures (three queries for the page's context whatever its size)."""
    qs = filter_list(request, IndicatorValueFilterSet, _values(request), filters)
    page = paginate(qs, filters.page, filters.page_size)
    page["items"] = [_out(row) for row in decorate(request.user, page["items"])]
    return page


@router.get("/values/{int:value_id}", response=IndicatorValueOut)
def get_value(request, value_id: int):
    row = get_scoped(request, IndicatorValue, value_id, queryset=_values(request))
    return _out(decorate(request.user, [row])[0])


@router.post("/values", response={200: UpsertOut, 422: UpsertErrorOut})
def upsert(request, payload: list[IndicatorValueIn]):
    """Bulk upsert by region + indicator + year + month. The whole batch is checked first: one
    bad item writes nothing and every problem is listed by index, field and reason."""
    scoped(request, IndicatorValue, ADD)
    items = [
        {**item.dict(exclude={"value"}), "amount": item.value, "unit": item.unit}
        for item in payload
    ]
    result = upsert_values(items=items, user=request.user, source=Source.TYPED)
    if result.problems:
        detail = [
            {"index": i, "field": "value" if f == "amount" else f, "reason": str(r)}
            for i, f, r in result.problems
        ]
        raise ApiError(422, detail)
    return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}


@router.patch(
    "/values/{int:value_id}", response={200: IndicatorValueOut, 409: ErrorOut, 422: ErrorOut}
)
def update_value(request, value_id: int, payload: IndicatorValuePatch):
    """Change the figure, its unit, the reported growth or the note. ``version`` is the one the
    caller read; a newer one answers 409."""
    obj = get_scoped(request, IndicatorValue, value_id, queryset=_values(request))
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    form = patched_form(IndicatorValueImportForm, obj, changes, user=request.user)
    if not form.is_valid():
        raise invalid(form, IndicatorValuePatch)
    save_value(form, expected_version=version, user=request.user)
    row = _values(request, VIEW).get(pk=obj.pk)
    return _out(decorate(request.user, [row])[0])


@router.get("/briefing", response={200: BriefingOut, 404: ErrorOut})
def briefing(request, region: str, year: int, month: int, indicators: str = ""):
    """The briefing paragraph for a region (code) and the period 1–``month`` of ``year``;
    ``indicators`` is a comma-separated list of keys in the order wanted (the catalogue's
    order when empty)."""
    scoped(request, IndicatorValue, VIEW)
    target = get_object_or_404(Region.objects.for_user(request.user), code=region)
    if not 1 <= month <= 12:
        raise ApiError(422, {"month": ["月份应为 1 至 12"]})
    chosen = None
    if indicators.strip():
        keys = [k.strip() for k in indicators.split(",") if k.strip()]
        found = {i.key: i for i in Indicator.objects.filter(key__in=keys).select_related("part_of")}
        unknown = [k for k in keys if k not in found]
        if unknown:
            raise ApiError(422, {"indicators": [f"未知的指标：{'、'.join(unknown)}"]})
        chosen = [found[k] for k in keys]
    result = make_briefing(
        user=request.user, region=target, year=year, month=month, indicators=chosen
    )
    return {
        "text": result.text,
        "title": result.title,
        "skipped": [name for name, _reason in result.skipped],
    }
