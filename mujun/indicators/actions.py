"""What users do to indicator values: one figure typed or corrected, a batch of figures checked
whole, and a parent's figure written as the sum of its children. Each verb writes the value's
ledger (events.py)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from mujun.core.actions import save_form
from mujun.core.roles import ADD
from mujun.regions.models import Region

from . import events
from .choices import Source
from .imports import IndicatorValueImporter
from .models import IndicatorValue
from .rules import children_sum


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # (index in the batch, field, reason)
    problems: list[tuple[int, str | None, str]] = field(default_factory=list)


def upsert_values(*, items: list[dict], user, source: str = Source.TYPED) -> BatchResult:
    """Check every item with the import form, then write all of them or none. Items are
    matched by region + indicator + year + month, so sending the same batch twice changes
    nothing."""
    importer = IndicatorValueImporter(user)
    result, forms, seen = BatchResult(), [], {}
    rows = []
    for item in items:
        data = {k: ("" if v is None else str(v)) for k, v in item.items()}
        rows.append((data, importer.row_key(data)))
    importer.prefetch([key for _data, key in rows if key])
    for index, (data, key) in enumerate(rows):
        if key and key in seen:
            result.problems.append((index, None, _("与第 %(n)s 项重复") % {"n": seen[key]}))
            continue
        if key:
            seen[key] = index
        instance = importer.find_existing(key) if key else None
        form = importer.form_class(data, instance=instance, user=user)
        if not form.is_valid():
            for name, errors in form.errors.items():
                for error in errors:
                    result.problems.append((index, None if name == "__all__" else name, error))
            continue
        forms.append(form)
    if result.problems:
        return result
    ledger = []
    with transaction.atomic():
        for form in forms:
            is_new = form.instance.pk is None
            if not form.has_changed():
                result.unchanged += 1
                continue
            # the form sets ``value`` only when it saves: until then the instance holds the
            # stored figure
            previous = None if is_new else form.instance.value
            if not is_new:
                form.instance.version += 1
            form.instance.source = source
            form.instance._history_user = user
            value = form.save()
            ledger.append(
                events.imported(
                    value=value, previous=previous, via=events.VIA_API, user=user, commit=False
                )
            )
            if is_new:
                result.created += 1
            else:
                result.updated += 1
        events.save_all(ledger)
    return result


@transaction.atomic
def save_value(form, *, expected_version, user) -> IndicatorValue:
    """A figure typed or corrected by hand (page or API), from a valid value form; a new one is
    recorded as entered, a change of what is stored as corrected."""
    new = form.instance.pk is None
    before = None if new else _stored(form)
    value = save_form(form, expected_version=expected_version, user=user, prepare=_typed)
    if new:
        events.entered(value=value, user=user)
    elif _as_stored(value) != before:
        events.corrected(value=value, previous=before["value"], user=user)
    return value


def _stored(form) -> dict:
    """The row as it was when the form was bound. ``form.initial`` holds it (with the region
    and indicator as code and key, ``choose_by``) and the instance still holds the figure: the
    form writes ``value`` from the amount and unit only when it saves."""
    initial = form.initial
    return {
        "region": initial.get("region"),
        "indicator": initial.get("indicator"),
        "year": initial.get("year"),
        "month": initial.get("month"),
        "value": form.instance.value,
        "yoy_pct": initial.get("yoy_pct"),
        "note": initial.get("note") or "",
    }


def _as_stored(value: IndicatorValue) -> dict:
    return {
        "region": value.region.code,
        "indicator": value.indicator.key,
        "year": value.year,
        "month": value.month,
        "value": value.value,
        "yoy_pct": value.yoy_pct,
        "note": value.note,
    }


def _typed(value: IndicatorValue) -> None:
    value.source = Source.TYPED


class CannotSum(Exception):
    pass


@transaction.atomic
def sum_from_children(*, region, indicator, year: int, month: int, user) -> IndicatorValue:
    """Write ``region``'s figure as the sum of its children's (source 下级汇总). Refused when
    the indicator does not add up or a child has not reported; every child must be within the
    user's scope, so a sum never includes a figure the user could not see."""
    children = Region.objects.filter(parent=region, is_peer=False)
    visible = Region.objects.for_user(user, ADD).filter(parent=region, is_peer=False)
    if children.count() != visible.count():
        raise CannotSum(_("有下级地区不在您的管辖范围内"))
    values = list(
        IndicatorValue.objects.for_user(user)
        .filter(
            region__in=children,
            indicator=indicator,
            year=year,
            month=month,
            is_archived=False,
        )
        .values_list("value", flat=True)
    )
    existing = IndicatorValue.objects.filter(
        region=region, indicator=indicator, year=year, month=month
    ).first()
    outcome = children_sum(
        existing.value if existing else None,
        values,
        children.count(),
        additive=indicator.additive,
    )
    if not outcome.total.ok:
        raise CannotSum(outcome.total.reason)
    obj = existing or IndicatorValue(region=region, indicator=indicator, year=year, month=month)
    previous = None
    if existing is not None:
        if existing.value == outcome.total.value and existing.source == Source.SUMMED:
            return existing
        obj.version += 1
        previous = existing.value
    obj.value = outcome.total.value
    obj.source = Source.SUMMED
    obj.entered_unit = indicator.unit
    obj.is_archived = False
    obj._history_user = user
    obj.save()
    events.summed(value=obj, children=len(values), previous=previous, user=user)
    return obj
