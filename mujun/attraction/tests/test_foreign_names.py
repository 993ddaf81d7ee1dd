"""No page, export, statistics or API answer of investment attraction names another town's
enterprise: an investor met on a trip, a lead's investor, a signed project."""

from mujun.attraction.models import Activity, Lead
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.core.testing import ForeignNamesSuite


class TestAttractionNames(ForeignNamesSuite):
    area = "attraction"
    api_prefix = "/api/attraction"

    def populate(self, cast, enterprises):
        for enterprise in enterprises:
            region = enterprise.region
            leader = make_official(region, principal=True)
            make_activity(region, leader=leader, kind="visit", investors=enterprise.name)
            make_activity(region, leader=leader, kind="reception", investors=enterprise.name)
            make_lead(
                region,
                owner=leader,
                investor_name=enterprise.name,
                investor_uscc=enterprise.uscc,
                project_name=f"{enterprise.name}扩产项目",
            )

    def api_params(self):
        return {
            "activity_id": list(Activity.objects.values_list("pk", flat=True)),
            "lead_id": list(Lead.objects.values_list("pk", flat=True)),
        }
