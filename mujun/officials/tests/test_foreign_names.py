"""No page, export or API answer of the officials' register names another town's enterprise:
an official's page lists the activities, leads and liaisons of the official, which name
investors and enterprises."""

from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.core.testing import ForeignNamesSuite
from mujun.officials.models import Official
from mujun.service.models import Liaison


class TestOfficialNames(ForeignNamesSuite):
    area = "officials"
    api_prefix = "/api/officials"

    def populate(self, cast, enterprises):
        officials = {}
        for enterprise in enterprises:
            region = enterprise.region
            if region.pk not in officials:
                officials[region.pk] = make_official(region, name=f"{region.name}联系干部")
            official = officials[region.pk]
            make_activity(region, leader=official, kind="visit", investors=enterprise.name)
            make_lead(region, owner=official, investor_name=enterprise.name)
            Liaison.objects.create(
                official=official, enterprise=enterprise, role="leader", region=region
            )

    def api_params(self):
        return {"official_id": list(Official.objects.values_list("pk", flat=True))}
