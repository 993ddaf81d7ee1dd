"""The economic indicators view: the region's key indicators of the latest reported month with
同比 and target completion, and the main indicator's 12-month trend — the briefing's figures
(``indicators.reports``), read as the viewer reads them."""

from mujun.indicators.models import IndicatorValue
from mujun.indicators.reports import make_briefing, trend

from .. import rules

# the indicators a 1920×1080 screen shows at 48 px: the catalogue's first ones with a value
KEY_INDICATORS = 8


def latest_period(viewer, region) -> tuple[int, int] | None:
    """The newest (year, month) the region has a figure for, or ``None``. One query."""
    return (
        IndicatorValue.objects.for_user(viewer)
        .filter(region=region, is_archived=False)
        .order_by("-year", "-month")
        .values_list("year", "month")
        .first()
    )


def economy(viewer, region, today) -> dict:
    """``items``: name, value text, 同比 and target completion of each key indicator;
    ``trend``: the first one's cumulative values by month this year and last, and its cumulative 同比."""
    period = latest_period(viewer, region)
    if period is None:
        return {"as_of": None, "period": None, "items": [], "trend": None}
    year, month = period
    briefing = make_briefing(user=viewer, region=region, year=year, month=month)
    shown = [row for row in briefing.rows if row.value is not None][:KEY_INDICATORS]
    items = []
    for row in shown:
        derived = row.derived
        done = derived.completion.completion.value
        items.append(
            {
                "key": row.indicator.key,
                "name": row.indicator.name,
                "value": rules.value_text(row.value.value, row.indicator.unit),
                "growth": rules.growth(derived.growth.effective.value),
                "completion": None if done is None else rules.percent_text(done),
                "behind": derived.completion.behind,
            }
        )
    chart = None
    if shown:
        main = shown[0].indicator
        series = trend(user=viewer, region=region, indicator=main, year=year)
        chart = {
            "name": main.name,
            "unit": main.unit,
            "months": series["months"],
            "labels": series["labels"],
            # year-to-date figures: a month's own value needs the month before it reported,
            # the cumulative one only itself
            "this_year": series["cumulative_this"],
            "last_year": series["cumulative_last"],
            "growth": series["growth"],
        }
    return {
        "as_of": f"{year}-{month:02d}",
        "period": rules.period_text(year, month),
        "items": items,
        "trend": chart,
    }
