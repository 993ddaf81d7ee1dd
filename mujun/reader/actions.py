"""What users do with reports: read one, correct or drop a fact, accept the rest as indicator
values of peer regions. Views, the API and the demo validate input and call these verbs; each
writes the report's ledger (events.py), and every value an acceptance writes gets a row in the
value's own ledger (``indicators.events``)."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from mujun.core.actions import archive, save_form, save_versioned
from mujun.core.money import quantize
from mujun.core.roles import Role
from mujun.indicators import events as indicator_events
from mujun.indicators.choices import Source
from mujun.indicators.models import PCT_DECIMAL_PLACES, Indicator, IndicatorValue
from mujun.regions.models import Region

from . import events, review
from .choices import FactStatus
from .models import Report, ReportFact
from .text.extract import extract


class CannotRead(Exception):
    """The report cannot be stored for this user (the message says why)."""


# Peer values are the benchmark every town compares itself with: written by the roles that
# sign off for the installation (admins, leaders), never by a town's officers, who read and
# correct reports but do not accept them (issue 20).
PEER_WRITERS = frozenset({Role.ADMIN, Role.LEADER})


def may_write_peer_values(user) -> bool:
    """Whether ``user`` may accept report figures as peer regions' values."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or getattr(user, "role", None) in PEER_WRITERS


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def owner_region(user) -> Region | None:
    """The region a user's reports belong to: their own, or the top of the installation's
    tree for a superuser, who has none."""
    if getattr(user, "region_id", None):
        return user.region
    if user.is_superuser:
        return Region.objects.filter(parent=None, is_peer=False).order_by("path").first()
    return None


def catalogue() -> dict[str, review.IndicatorSpec]:
    """The indicator catalogue as the review rules see it. One query."""
    return {
        i.key: review.IndicatorSpec(i.key, i.name, i.unit, i.is_cumulative)
        for i in Indicator.objects.all()
    }


def _yoy(value) -> Decimal | None:
    return None if value is None else quantize(review.as_decimal(value), PCT_DECIMAL_PLACES)


def fact_fields(fact: dict, specs: dict, published) -> dict:
    """The reviewable fields of a reader fact: its period mapped to (year, month), its value
    as the exact decimal in the unit the reader's base unit is written in."""
    spec = specs.get(fact["key"])
    month = review.month_of(
        fact, is_cumulative=spec.is_cumulative if spec else True, published=published
    )
    return {
        "region_name": (fact.get("region") or "")[:50],
        "indicator_key": fact["key"],
        "year": month.year,
        "month": month.month,
        "value": review.as_decimal(fact.get("value")),
        "unit": review.written_unit(fact.get("base_unit")),
        "yoy_pct": _yoy(fact.get("yoy_pct")),
        "is_target": bool(fact.get("is_target")),
        "is_estimate": bool(fact.get("is_estimate")),
    }


def read_report(*, user, title: str, text: str, published_on=None, filename: str = ""):
    """Store the report and every fact the reader finds in it. The same text read again in
    the same region gives back the stored report: ``(report, created)``."""
    region = owner_region(user)
    if region is None:
        raise CannotRead(_("您的账号没有所属地区，不能保存报告"))
    existing = Report.objects.filter(region=region, digest=digest(text)).first()
    if existing is not None:
        return existing, False
    facts = extract(text, published_on.isoformat() if published_on else None, title)
    specs = catalogue()
    with transaction.atomic():
        report = Report(
            title=title[:200],
            text=text,
            published_on=published_on,
            filename=filename[:200],
            digest=digest(text),
            region=region,
            uploaded_by=user,
        )
        report._history_user = user
        report.save()
        rows = [
            ReportFact(
                report=report,
                position=i,
                extracted=fact,
                span_start=fact["span_start"],
                span_end=fact["span_end"],
                **fact_fields(fact, specs, published_on),
            )
            for i, fact in enumerate(facts)
        ]
        bulk_create_with_history(rows, ReportFact, default_user=user)
        events.read(report=report, facts=len(rows), user=user)
    return report, True


def candidate(fact: ReportFact) -> review.Candidate:
    return review.Candidate(
        region=fact.region_name,
        key=fact.indicator_key,
        year=fact.year,
        month=fact.month,
        value=fact.value,
        unit=fact.unit,
        is_target=fact.is_target,
        is_estimate=fact.is_estimate,
        corrected=fact.corrected,
        period=fact.extracted,
        published=fact.report.published_on,
    )


def own_region_names() -> set[str]:
    return set(Region.objects.filter(is_peer=False).values_list("name", flat=True))


def fact_problems(fact: ReportFact, specs: dict, own_names: set[str]) -> list[str]:
    """Why ``fact`` cannot be accepted as it is (empty when it can)."""
    found = review.problems(candidate(fact), specs)
    if fact.region_name in own_names:
        # a report's figures must never overwrite the installation's own reported figures
        found.insert(
            0, _("“%(r)s”是本系统内的地区：报告摘录只记为对标地区的数据") % {"r": fact.region_name}
        )
    return found


def _release(value: IndicatorValue | None, fact: ReportFact, user) -> bool:
    """Archive a value no accepted fact stands behind any more; whether it was archived."""
    if value is None or value.is_archived:
        return False
    others = ReportFact.objects.filter(indicator_value=value, status=FactStatus.ACCEPTED)
    if others.exclude(pk=fact.pk).exists():
        return False
    archive(value, user=user)
    return True


def _bump(obj, user) -> None:
    """Save a changed row under a new version, recorded as the user's change."""
    obj.version += 1
    obj._history_user = user
    obj.save()


@transaction.atomic
def drop_fact(*, fact: ReportFact, user) -> None:
    """Leave the fact out; a value it had become is archived unless another report gives it."""
    released = fact.status == FactStatus.ACCEPTED and _release(fact.indicator_value, fact, user)
    fact.status = FactStatus.DROPPED
    _bump(fact, user)
    events.fact_dropped(fact=fact, released=released, user=user)


@transaction.atomic
def keep_fact(*, fact: ReportFact, user) -> None:
    """Take a dropped fact back into the review."""
    fact.status = FactStatus.PENDING
    _bump(fact, user)
    events.fact_kept(fact=fact, user=user)


@transaction.atomic
def correct_fact(form, *, expected_version, user) -> ReportFact:
    """A reviewer's correction of one fact, from a valid ``ReportFactForm``: the route of the
    fact's edit page. The fact is reviewed again: the next acceptance writes the corrected
    figure."""
    labels = [str(form.fields[name].label) for name in form.changed_data]
    fact = save_form(form, expected_version=expected_version, user=user, prepare=_reviewed_again)
    events.fact_corrected(fact=fact, fields=labels, user=user)
    return fact


def _reviewed_again(fact: ReportFact) -> None:
    if fact.status == FactStatus.ACCEPTED:
        fact.status = FactStatus.PENDING


@transaction.atomic
def set_report_facts(
    *, report: Report, user, region_from: str = "", region_name: str = "", year: int | None = None
) -> int:
    """Set the region of every kept fact named ``region_from`` to ``region_name``, and the
    year of every kept fact whose year is unknown to ``year``, in one step (a report that
    calls itself 全县 throughout, a report that never states its year). Accepted facts it
    changes are reviewed again. One ledger row; returns the number of facts changed."""
    facts = list(report.facts.exclude(status=FactStatus.DROPPED))
    regions = years = 0
    for fact in facts:
        changed = False
        if region_name and fact.region_name == region_from and region_name != region_from:
            fact.region_name = region_name
            regions += 1
            changed = True
        if year and fact.year is None:
            fact.year = year
            years += 1
            changed = True
        if changed:
            _reviewed_again(fact)
            _bump(fact, user)
    if regions or years:
        events.facts_set(
            report=report,
            region_from=region_from,
            region_name=region_name if regions else "",
            regions=regions,
            year=year if years else None,
            years=years,
            user=user,
        )
    return regions + years


@transaction.atomic
def rename_report(report: Report, *, title: str | None, expected_version, user) -> Report:
    """Give the report another title (``None`` keeps it); refused on a stale version."""
    before = report.title
    if title is not None:
        report.title = title[:200]
    save_versioned(report, expected_version=expected_version, user=user)
    if report.title != before:
        events.renamed(report=report, before=before, user=user)
    return report


def peer_region(name: str) -> Region:
    """The peer region of that name, created outside the installation's tree when it does not
    exist yet (code 99NNNN, docs/reader.md)."""
    region = Region.objects.filter(is_peer=True, name=name).first()
    if region is not None:
        return region
    numbers = [
        int(code[len(review.PEER_CODE_PREFIX) :])
        for code in Region.objects.filter(
            is_peer=True, code__startswith=review.PEER_CODE_PREFIX
        ).values_list("code", flat=True)
        if len(code) == len(review.PEER_CODE_PREFIX) + review.PEER_CODE_DIGITS
    ]
    number = max(numbers, default=0) + 1
    kind, level = review.peer_kind(name)
    return Region.objects.create(
        code=review.peer_code(number),
        name=name,
        level=level,
        kind=kind,
        is_peer=True,
        sort_order=number,
    )


def _upsert_value(*, fact, indicator, region, report, user, ledger) -> tuple[IndicatorValue, str]:
    """Write the fact as the value of region + indicator + year + month (source 报告摘录),
    matched by that natural key so accepting twice writes nothing new. A value written adds
    its (unsaved) event to ``ledger``."""
    amount = review.stored_amount(fact.value, fact.unit, indicator.unit)
    note = (_("报告：%(t)s") % {"t": report.title})[:200]
    existing = IndicatorValue.objects.filter(
        region=region, indicator=indicator, year=fact.year, month=fact.month
    ).first()
    if (
        existing is not None
        and existing.value == amount
        and existing.yoy_pct == fact.yoy_pct
        and existing.source == Source.REPORT
        and existing.note == note
        and not existing.is_archived
    ):
        return existing, "unchanged"
    previous = None if existing is None else existing.value
    obj = existing or IndicatorValue(
        region=region, indicator=indicator, year=fact.year, month=fact.month
    )
    if existing is not None:
        obj.version += 1
    obj.value = amount
    obj.yoy_pct = fact.yoy_pct
    obj.source = Source.REPORT
    obj.entered_unit = fact.unit
    obj.note = note
    obj.is_archived = False
    obj.archived_at = None
    obj._history_user = user
    obj.save()
    ledger.append(
        indicator_events.read(value=obj, report=report, previous=previous, user=user, commit=False)
    )
    return obj, "updated" if existing is not None else "created"


@dataclass
class AcceptResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # facts left pending, each with the reasons it cannot be accepted as it is
    skipped: list[tuple[ReportFact, list[str]]] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def accept_report(*, report: Report, user) -> AcceptResult:
    """Accept every fact of the report that is not dropped and can be accepted as it is; the
    others stay pending with their reasons. Peer regions are created as needed. Only
    ``may_write_peer_values`` users accept (PermissionDenied otherwise). The report's ledger records an acceptance that changed
    something (an acceptance repeated without changes records nothing, as it writes nothing);
    each value written gets its own event, saved together."""
    if not may_write_peer_values(user):
        raise PermissionDenied(_("只有管理员和领导可以采纳对标地区的数据"))
    specs = catalogue()
    own_names = own_region_names()
    indicators = {i.key: i for i in Indicator.objects.all()}
    result, seen, ledger, facts_changed = AcceptResult(), {}, [], False
    facts = report.facts.exclude(status=FactStatus.DROPPED).select_related(
        "report", "indicator_value"
    )
    for fact in facts:
        reasons = fact_problems(fact, specs, own_names)
        key = (fact.region_name, fact.indicator_key, fact.year, fact.month)
        if not reasons and key in seen:
            reasons = [_("与第 %(n)s 条摘录的地区、指标和期间相同") % {"n": seen[key] + 1}]
        if reasons:
            result.skipped.append((fact, reasons))
            if fact.status == FactStatus.ACCEPTED:
                _release(fact.indicator_value, fact, user)
                fact.status = FactStatus.PENDING
                _bump(fact, user)
                facts_changed = True
            continue
        seen[key] = fact.position
        value, outcome = _upsert_value(
            fact=fact,
            indicator=indicators[fact.indicator_key],
            region=peer_region(fact.region_name),
            report=report,
            user=user,
            ledger=ledger,
        )
        setattr(result, outcome, getattr(result, outcome) + 1)
        previous = fact.indicator_value
        if fact.status == FactStatus.ACCEPTED and previous is not None and previous.pk == value.pk:
            continue
        if previous is not None and previous.pk != value.pk:
            _release(previous, fact, user)
        fact.status = FactStatus.ACCEPTED
        fact.indicator_value = value
        _bump(fact, user)
        facts_changed = True
    indicator_events.save_all(ledger)
    first = result.accepted and report.accepted_at is None
    if result.created or result.updated or first:
        report.accepted_at = timezone.now()
        report.accepted_by = user
        _bump(report, user)
    if result.created or result.updated or first or facts_changed:
        events.accepted(
            report=report,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            skipped=len(result.skipped),
            user=user,
        )
    return result
