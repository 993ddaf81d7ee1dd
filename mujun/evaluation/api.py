"""``/api/evaluation``: schemes, runs, their results and each enterprise's report card.

Scoping as in the pages: schemes and runs are read by their region's whole subtree and
written inside the user's own; results follow their enterprise's region.
"""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from mujun.core.actions import patched_form, save_form
from mujun.core.api import (
    AUTH,
    ApiError,
    ErrorOut,
    Page,
    decimal_str,
    filter_list,
    form_errors,
    get_scoped,
    invalid,
    paginate,
    scoped,
)
from mujun.core.filters import filter_values, query_schema
from mujun.core.roles import ADD, MANAGE, PUBLISH, VIEW
from mujun.enterprises.rules import normalise_uscc

from . import actions, reportcard
from .engine.loader import parse_scheme
from .filters import ResultFilterSet, RunFilterSet, SchemeFilterSet
from .forms import SchemeForm
from .models import FIRST_YEAR, LAST_YEAR, EvaluationResult, EvaluationRun, Scheme
from .runner import plain

router = Router(tags=["evaluation"], auth=AUTH)


class SchemeOut(Schema):
    id: int
    name: str
    year: int
    region: str
    source: str
    text: str
    version: int
    updated_at: datetime

    @staticmethod
    def resolve_region(obj):
        return obj.region.code


class SchemeIn(Schema):
    region: str
    text: str
    year: int | None = None


class SchemePatch(Schema):
    version: int
    text: str | None = None
    year: int | None = None


class RunOut(Schema):
    id: int
    scheme_id: int
    scheme_name: str
    region: str
    year: int
    number: int
    status: str
    based_on_id: int | None
    enterprise_count: int
    duration_ms: int
    publicity_start: date | None
    publicity_end: date | None
    published_at: datetime | None
    summary: list
    created_at: datetime

    @staticmethod
    def resolve_region(obj):
        return obj.region.code


class RunIn(Schema):
    scheme: int = Field(description="评价方案的 id")
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    note: str = Field("", max_length=300)


class ResultOut(Schema):
    id: int
    uscc: str
    name: str
    region: str
    region_name: str
    group: str
    status: str
    reason: str
    values: dict
    scores: dict
    bonus: str | None
    total: str | None
    rank: int | None
    klass: str
    class_label: str
    electricity_surcharge_rate: str | None
    electricity_surcharge_wan: str | None
    inefficient: bool
    inefficient_reasons: str
    land_mu: str | None

    @staticmethod
    def resolve_uscc(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_name(obj):
        return obj.enterprise.name

    @staticmethod
    def resolve_region(obj):
        return obj.enterprise.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.enterprise.region.name

    @staticmethod
    def resolve_bonus(obj):
        return None if obj.bonus is None else plain(obj.bonus)

    @staticmethod
    def resolve_total(obj):
        return None if obj.total is None else plain(obj.total)

    @staticmethod
    def resolve_electricity_surcharge_rate(obj):
        return decimal_str(obj.surcharge_rate)

    @staticmethod
    def resolve_electricity_surcharge_wan(obj):
        return decimal_str(obj.surcharge_wan)

    @staticmethod
    def resolve_land_mu(obj):
        return decimal_str(obj.land_mu)


class NeedOut(Schema):
    reachable: bool
    value: str | None
    numerator_increase: str | None
    reason: str


class CardIndicatorOut(Schema):
    key: str
    label: str
    value: str | None
    benchmark: str
    weight: str
    score: str | None
    percent_of_benchmark: str | None
    needed_for_next_class: NeedOut | None


class ReportCardOut(Schema):
    result: ResultOut
    group_label: str
    graded_in_group: int
    class_by_rank: str
    overrides: list[str]
    reasons: list[str]
    inefficient_reasons: list[str]
    next_class: str | None
    next_class_total: str | None
    next_class_note: str
    indicators: list[CardIndicatorOut]
    inputs: list[dict]


def _text(value):
    return None if value is None else plain(value)


SchemeQuery = query_schema(SchemeFilterSet, "SchemeQuery")
RunQuery = query_schema(RunFilterSet, "RunQuery")
ResultQuery = query_schema(ResultFilterSet, "ResultQuery")


@router.get("/schemes", response=Page[SchemeOut])
def list_schemes(request, filters: Query[SchemeQuery]):
    """Schemes in the caller's scope (and the county's), filtered as the list page filters them."""
    qs = scoped(request, Scheme).select_related("region")
    qs = filter_list(request, SchemeFilterSet, qs, filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/schemes/{int:scheme_id}", response=SchemeOut)
def get_scheme(request, scheme_id: int):
    return get_scoped(
        request, Scheme, scheme_id, queryset=scoped(request, Scheme).select_related("region")
    )


def _save_scheme(request, form, expected_version):
    if not form.is_valid():
        detail = form_errors(form)
        if form.problems:
            detail["problems"] = form.problems
        raise ApiError(422, detail)
    return save_form(form, expected_version=expected_version, user=request.user)


@router.post("/schemes", response={201: SchemeOut, 422: ErrorOut})
def create_scheme(request, payload: SchemeIn):
    """Admins only. The TOML is checked by the engine; every mistake comes back under
    ``detail.problems`` as ``mujun evaluate`` prints them."""
    scoped(request, Scheme, MANAGE)
    form = SchemeForm(payload.dict(), user=request.user)
    return Status(201, _save_scheme(request, form, None))


@router.patch("/schemes/{int:scheme_id}", response={200: SchemeOut, 409: ErrorOut, 422: ErrorOut})
def update_scheme(request, scheme_id: int, payload: SchemePatch):
    scheme = get_scoped(request, Scheme, scheme_id, MANAGE)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    form = patched_form(SchemeForm, scheme, changes, user=request.user)
    return _save_scheme(request, form, version)


def _runs(request, action=VIEW):
    return scoped(request, EvaluationRun, action).select_related("region")


@router.get("/runs", response=Page[RunOut])
def list_runs(request, filters: Query[RunQuery]):
    """Result versions in the caller's scope, filtered as the list page filters them."""
    qs = filter_list(request, RunFilterSet, _runs(request), filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/runs/{int:run_id}", response=RunOut)
def get_run(request, run_id: int):
    return get_scoped(request, EvaluationRun, run_id, queryset=_runs(request))


@router.post("/runs", response={201: RunOut, 422: ErrorOut})
def create_run(request, payload: RunIn):
    """Compute ``year`` with the scheme; the results are kept as a new draft version."""
    # a scheme named in the body, not the path: an unknown one is a field's error, as in a form
    scheme = scoped(request, Scheme, ADD).filter(pk=payload.scheme).first()
    if scheme is None:
        raise ApiError(422, {"scheme": [_("未知的评价方案，或不在您的管辖范围内")]})
    try:
        run = actions.run_evaluation(
            scheme=scheme, year=payload.year, user=request.user, note=payload.note
        )
    except actions.EvaluationProblem as exc:
        raise ApiError(422, exc.problems) from None
    return Status(201, _runs(request, ADD).get(pk=run.pk))


@router.post("/runs/{int:run_id}/publish", response={200: RunOut, 422: ErrorOut})
def publish_run(request, run_id: int):
    """Leaders and admins, after the publicity period and with every objection answered."""
    run = get_scoped(request, EvaluationRun, run_id, PUBLISH)
    try:
        actions.publish(run, user=request.user)
    except actions.EvaluationProblem as exc:
        raise ApiError(422, exc.problems) from None
    return _runs(request).get(pk=run.pk)


def _results(request, run):
    return (
        scoped(request, EvaluationResult)
        .filter(run=run)
        .select_related("enterprise__region")
        .order_by("group", "rank", "enterprise__name", "pk")
    )


@router.get("/runs/{int:run_id}/results", response=Page[ResultOut])
def list_results(request, run_id: int, filters: Query[ResultQuery]):
    """The run's results in the caller's scope, ranked, filtered as the page filters them."""
    run = get_scoped(request, EvaluationRun, run_id)
    groups = [(g["key"], g["label"]) for g in run.summary]
    filterset = ResultFilterSet(
        filter_values(filters), queryset=_results(request, run), request=request, groups=groups
    )
    if not filterset.is_valid():
        raise invalid(filterset.form)
    return paginate(filterset.qs, filters.page, filters.page_size)


@router.get("/runs/{int:run_id}/enterprises/{uscc}", response=ReportCardOut)
def report_card(request, run_id: int, uscc: str):
    """One enterprise's report card as data: the same figures as its page."""
    run = get_scoped(request, EvaluationRun, run_id)
    result = get_object_or_404(
        _results(request, run).select_related("run"), enterprise__uscc=normalise_uscc(uscc)
    )
    card = reportcard.build(result)
    target = card.target
    return {
        "result": result,
        "group_label": card.group_label,
        "graded_in_group": card.graded_in_group,
        "class_by_rank": card.rank_class,
        "overrides": card.overrides,
        "reasons": card.reasons,
        "inefficient_reasons": card.inefficient_reasons,
        "next_class": target.letter if target else None,
        "next_class_total": _units_text(target.units, run)
        if target and target.units is not None
        else None,
        "next_class_note": target.reason if target else "",
        "indicators": [
            {
                "key": i.key,
                "label": i.label,
                "value": _text(i.value),
                "benchmark": i.benchmark,
                "weight": str(i.weight),
                "score": _text(i.score),
                "percent_of_benchmark": _text(i.percent_of_benchmark),
                "needed_for_next_class": None
                if i.need is None
                else {
                    "reachable": i.need.reachable,
                    "value": _text(i.need.value),
                    "numerator_increase": _text(i.need.numerator_increase),
                    "reason": i.need.reason,
                },
            }
            for i in card.indicators
        ],
        "inputs": [{"label": a, "value": b, "department": c} for a, b, c in card.inputs],
    }


def _units_text(units: int, run) -> str:
    decimals = parse_scheme(run.scheme_text, run.scheme_name).score_decimals
    return str(Decimal(units).scaleb(-decimals))
