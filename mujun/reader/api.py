"""The report reader over JSON: read a text, accept its facts, list the reports read.

``/extract`` stores nothing. ``/accept`` stores the report (once per text and region) and
writes the listed facts, corrected as given, as peer-region values; it is checked whole: one
fact that cannot be accepted answers 422 and writes nothing.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from mujun.core.actions import VersionConflict
from mujun.core.api import AUTH, ApiError, ErrorOut, Page, filter_list, get_scoped, paginate, scoped
from mujun.core.filters import query_schema
from mujun.core.roles import VIEW
from mujun.indicators.models import FIRST_YEAR, LAST_YEAR, PCT_DECIMAL_PLACES, PCT_MAX_DIGITS

from . import actions
from .choices import FactStatus
from .filters import ReportFilterSet
from .models import AMOUNT_DECIMAL_PLACES, AMOUNT_MAX_DIGITS, Report, ReportFact
from .text.extract import extract

AMOUNT_LIMIT = 10 ** (AMOUNT_MAX_DIGITS - AMOUNT_DECIMAL_PLACES)
PCT_LIMIT = 10 ** (PCT_MAX_DIGITS - PCT_DECIMAL_PLACES)

router = Router(tags=["reader"], auth=AUTH)


# a report's text: far above any published report (settings.MUJUN_REPORT_MAX_CHARS)
ReportText = Annotated[str, Field(max_length=settings.MUJUN_REPORT_MAX_CHARS)]


class ExtractIn(Schema):
    text: ReportText
    date: dt.date | None = None


class FactOut(Schema):
    """A fact as the reader found it (the gold fields), with the (year, month) its period maps
    to and why it cannot become an indicator value as it is."""

    index: int
    region: str | None
    period: str
    period_type: str
    indicator: str
    key: str
    scope: str | None
    value: float | int | None
    unit: str | None
    base_unit: str | None
    yoy_pct: float | None
    is_target: bool
    is_estimate: bool
    span: str
    span_start: int
    span_end: int
    year: int | None
    month: int | None
    problems: list[str]


class ExtractOut(Schema):
    facts: list[FactOut]


def _described(facts: list[dict], published) -> list[dict]:
    """Each fact with its (year, month) and the reasons it cannot be accepted as it is,
    judged exactly as the review page judges a stored fact."""
    specs = actions.catalogue()
    own_names = actions.own_region_names()
    report = Report(published_on=published)
    out = []
    for index, fact in enumerate(facts):
        row = ReportFact(
            report=report, extracted=fact, **actions.fact_fields(fact, specs, published)
        )
        out.append(
            {
                **fact,
                "index": index,
                "year": row.year,
                "month": row.month,
                "problems": actions.fact_problems(row, specs, own_names),
            }
        )
    return out


@router.post("/extract", response=ExtractOut)
def extract_facts(request, payload: ExtractIn):
    """Every fact in the text, with spans (offsets into the text as sent). Stores nothing."""
    scoped(request, Report, VIEW)  # 403 for a role that may not even view
    published = payload.date
    facts = extract(payload.text, published.isoformat() if published else None)
    return {"facts": _described(facts, published)}


class Correction(Schema):
    """One fact to accept: ``index`` as ``/extract`` numbered it; any other field given
    replaces what the reader found (the period then counts as checked)."""

    index: int
    # A name, an indicator and a unit are never empty (``null`` answers 422); their lengths and
    # the numbers' sizes are the stored fields'.
    region: str = Field(None, min_length=1, max_length=50, description="对标地区的全称")
    key: str = Field(None, min_length=1, max_length=60, description="指标标识")
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    month: int | None = Field(None, ge=1, le=12)
    value: Decimal | None = Field(None, gt=-AMOUNT_LIMIT, lt=AMOUNT_LIMIT)
    unit: str = Field(None, max_length=10)
    yoy_pct: Decimal | None = Field(None, gt=-PCT_LIMIT, lt=PCT_LIMIT)


class AcceptIn(Schema):
    text: ReportText
    date: dt.date | None = None
    title: str = Field("", max_length=200)
    facts: list[Correction] = Field(max_length=10_000)


class AcceptOut(Schema):
    report: int
    created: int
    updated: int
    unchanged: int


def _apply(fact: ReportFact, correction: Correction) -> None:
    given = correction.dict(exclude_unset=True, exclude={"index"})
    names = {"region": "region_name", "key": "indicator_key"}
    for name, value in given.items():
        setattr(fact, names.get(name, name), value)
    if {"year", "month"} & set(given):
        fact.corrected = True
    fact.status = FactStatus.PENDING if fact.status == FactStatus.DROPPED else fact.status


@router.post("/accept", response={200: AcceptOut, 422: ErrorOut})
def accept_facts(request, payload: AcceptIn):
    """Store the report and accept the listed facts; facts not listed are dropped. Sending
    the same text and facts again changes nothing. Admins and leaders only: the values are
    the benchmark of the whole installation (``actions.may_write_peer_values``)."""
    scoped(request, Report, VIEW)
    if not actions.may_write_peer_values(request.user):
        raise HttpError(403, _("只有管理员和领导可以采纳对标地区的数据"))
    title = payload.title.strip() or next(
        (line.strip()[:60] for line in payload.text.splitlines() if line.strip()), ""
    )
    if not title:
        raise ApiError(422, {"text": [_("正文为空")]})
    with transaction.atomic():
        try:
            report, _created = actions.read_report(
                user=request.user, title=title, text=payload.text, published_on=payload.date
            )
        except actions.CannotRead as exc:
            raise ApiError(422, {"text": [str(exc)]}) from None
        facts = {f.position: f for f in report.facts.select_related("report")}
        listed = {c.index: c for c in payload.facts}
        unknown = sorted(set(listed) - set(facts))
        if unknown:
            raise ApiError(422, [{"index": i, "reasons": [_("没有这条摘录")]} for i in unknown])
        for position, fact in facts.items():
            if position in listed:
                _apply(fact, listed[position])
            else:
                fact.status = FactStatus.DROPPED
            fact._history_user = request.user
            fact.save()
        result = actions.accept_report(report=report, user=request.user)
        if result.skipped:
            transaction.set_rollback(True)
            return Status(
                422,
                {
                    "detail": [
                        {"index": f.position, "reasons": reasons} for f, reasons in result.skipped
                    ]
                },
            )
    return {
        "report": report.pk,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


class ReportOut(Schema):
    id: int
    title: str
    published_on: dt.date | None
    filename: str
    region: str
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    facts_count: int
    accepted_count: int
    is_archived: bool
    version: int

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_facts_count(obj):
        return len(obj.facts.all())

    @staticmethod
    def resolve_accepted_count(obj):
        return sum(1 for f in obj.facts.all() if f.status == FactStatus.ACCEPTED)


ReportQuery = query_schema(ReportFilterSet, "ReportQuery")


def _reports(request):
    return scoped(request, Report).select_related("region").prefetch_related("facts")


@router.get("/reports", response=Page[ReportOut])
def list_reports(request, filters: Query[ReportQuery]):
    """Reports read in the caller's scope, newest first, filtered as the list page filters
    them."""
    qs = filter_list(request, ReportFilterSet, _reports(request), filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/reports/{int:report_id}", response=ReportOut)
def get_report(request, report_id: int):
    return get_scoped(request, Report, report_id, queryset=_reports(request))


class ReportPatch(Schema):
    version: int
    title: str | None = None


@router.patch("/reports/{int:report_id}", response={200: ReportOut, 409: ErrorOut, 422: ErrorOut})
def update_report(request, report_id: int, payload: ReportPatch):
    """Rename a report. ``version`` is the one the caller read; a newer one answers 409."""
    report = get_scoped(request, Report, report_id)
    title = None if payload.title is None else payload.title.strip()
    if title == "":
        raise ApiError(422, {"title": [_("标题不能为空")]})
    try:
        actions.rename_report(
            report, title=title, expected_version=payload.version, user=request.user
        )
    except VersionConflict as conflict:
        raise ApiError(409, str(conflict)) from None
    return _reports(request).get(pk=report.pk)
