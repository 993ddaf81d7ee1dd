"""No page, export, briefing or API answer of the indicators names another town's enterprise
(figures name regions, not enterprises: the crawl is there to keep it so, and to find any
answer that is a 500)."""

from mujun.core.testing import ForeignNamesSuite
from mujun.indicators.models import IndicatorValue
from mujun.indicators.testing import make_target, make_value


class TestIndicatorNames(ForeignNamesSuite):
    area = "indicators"
    api_prefix = "/api/indicators"
    shows_enterprises = False

    def populate(self, cast, enterprises):
        for region in {e.region for e in enterprises} | {cast.regions.county}:
            for month in (5,):
                make_value(region, year=2026, month=month, value=1000 + month)
                make_value(region, year=2025, month=month, value=900 + month)
            make_target(region, year=2026)

    def api_params(self):
        return {"value_id": list(IndicatorValue.objects.values_list("pk", flat=True))}
