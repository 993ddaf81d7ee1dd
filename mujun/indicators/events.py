"""The ledger rows of a figure's life, one function per kind (STYLE.md §9); the verbs in
actions.py (and the reader's acceptance, which writes values from reports) write them and the
value's timeline reads them. Every row carries the value's region."""

from decimal import Decimal

from mujun.core.chinese import amount, rate, trim
from mujun.core.money import MONEY_DECIMAL_PLACES, quantize

from .choices import Unit
from .models import PCT_DECIMAL_PLACES, IndicatorEvent, IndicatorValue

ENTERED, CORRECTED, IMPORTED, SUMMED, READ = "entered", "corrected", "imported", "summed", "read"

# where a batch came from, as the event's text names it
VIA_API, VIA_EXCEL = "api", "excel"


def figure_text(number: Decimal, unit: str) -> str:
    """17.9亿元 for 179,000 万元 (the reports' house style, ``core.chinese.amount``); any other
    unit as the number with the unit: 5735万美元, 19个."""
    if unit == Unit.WAN_YUAN:
        return amount(number)
    return f"{trim(number)}{unit}"


def describe(value: IndicatorValue, previous: Decimal | None = None) -> str:
    """2026年1至5月 累计值 17.9亿元（原 17.5亿元），同比 8.8%: the period, the figure (with the
    one it replaced, when it changed) and the growth the source reported. Reads
    ``value.indicator`` (one query unless it is loaded)."""
    unit = value.indicator.unit
    period = f"{value.year}年1月" if value.month == 1 else f"{value.year}年1至{value.month}月"
    text = f"{period} 累计值 {figure_text(value.value, unit)}"
    if previous is not None and previous != value.value:
        text += f"（原 {figure_text(previous, unit)}）"
    if value.yoy_pct is not None:
        text += f"，同比 {rate(value.yoy_pct, 2)}"
    return text


def _stored(number, places: int = MONEY_DECIMAL_PLACES) -> str | None:
    """The number as its column stores it (17900.0000), whatever the instance holds."""
    return None if number is None else str(quantize(Decimal(number), places))


def _facts(value: IndicatorValue, previous: Decimal | None = None) -> dict:
    data = {"value": _stored(value.value), "yoy_pct": _stored(value.yoy_pct, PCT_DECIMAL_PLACES)}
    if previous is not None:
        data["previous"] = _stored(previous)
    return data


def _write(row: IndicatorValue, kind: str, text: str, *, user, commit=True, **data):
    """The event, saved (``commit=False``: unsaved, for a batch saved by ``save_all``)."""
    event = IndicatorEvent(
        value=row,
        region_id=row.region_id,
        kind=kind,
        text=text[:500],
        data=data,
        user=user,
    )
    if commit:
        event.save()
    return event


def save_all(events: list[IndicatorEvent]) -> list[IndicatorEvent]:
    """A batch's events in one bulk insert (a few queries, whatever the batch's size)."""
    return IndicatorEvent.objects.bulk_create(events, batch_size=1000)


def entered(*, value: IndicatorValue, user):
    """A new figure typed by hand, on the page or through the API."""
    return _write(value, ENTERED, f"录入 {describe(value)}", user=user, **_facts(value))


def corrected(*, value: IndicatorValue, previous: Decimal, user):
    """A stored figure changed by hand; ``previous`` is the figure it replaced."""
    text = f"更正 {describe(value, previous)}"
    return _write(value, CORRECTED, text, user=user, **_facts(value, previous))


def imported(
    *, value: IndicatorValue, previous: Decimal | None, via: str, user, name="", commit=True
):
    """A figure created or changed by a batch (``previous`` None for a new one): the API's
    upload (``VIA_API``) or an Excel file (``VIA_EXCEL``, ``name`` the file's). A batch passes
    ``commit=False`` and saves its events together with ``save_all``."""
    if via == VIA_EXCEL:
        source = f"Excel 文件“{name}”" if name else "Excel 文件"
    else:
        source = "接口批量报送"
    verb = "导入" if previous is None else "导入更新"
    text = f"{verb} {describe(value, previous)}，来源：{source}"
    data = {**_facts(value, previous), "via": via}
    if name:
        data["file"] = name
    return _write(value, IMPORTED, text, user=user, commit=commit, **data)


def summed(*, value: IndicatorValue, children: int, previous: Decimal | None, user):
    """The figure written as the sum of ``children`` lower regions' figures."""
    text = f"按 {children} 个下级地区合计写入 {describe(value, previous)}"
    data = {**_facts(value, previous), "children": children}
    return _write(value, SUMMED, text, user=user, **data)


def read(*, value: IndicatorValue, report, previous: Decimal | None, user, commit=True):
    """A figure taken from a report the reader read and a reviewer accepted."""
    text = f"采纳报告《{report.title}》的摘录：{describe(value, previous)}"
    data = {**_facts(value, previous), "report": report.pk}
    return _write(value, READ, text, user=user, commit=commit, **data)
