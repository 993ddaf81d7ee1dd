"""No page, export or API answer of the enterprise registry names another town's enterprise."""

from decimal import Decimal

from mujun.core.testing import ForeignNamesSuite
from mujun.enterprises.models import Contact, Enterprise, LandParcel


class TestEnterpriseNames(ForeignNamesSuite):
    area = "enterprises"
    api_prefix = "/api/enterprises"
    exports_enterprises = True

    def populate(self, cast, enterprises):
        for n, enterprise in enumerate(enterprises, start=1):
            LandParcel.objects.create(
                enterprise=enterprise,
                certificate_no=f"浙(2020)青溪县不动产权第{n:07d}号",
                area_mu=Decimal("12.5"),
            )
            Contact.objects.create(enterprise=enterprise, name=f"联系人{n}", phone="0571-1234567")
            enterprise.notes = f"{enterprise.name} 的备注"
            enterprise._history_user = cast.admin
            enterprise.save()

    def api_params(self):
        return {"enterprise_id": list(Enterprise.objects.values_list("pk", flat=True))}
