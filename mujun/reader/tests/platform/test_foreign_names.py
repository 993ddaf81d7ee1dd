"""No page or API answer of the report reader names another town's enterprise: a town's
reports (whose text may name its enterprises) stay with the town."""

from mujun.core.testing import ForeignNamesSuite
from mujun.reader import actions
from mujun.reader.models import Report


class TestReaderNames(ForeignNamesSuite):
    area = "reader"
    api_prefix = "/api/reader"

    def populate(self, cast, enterprises):
        for enterprise in enterprises:
            user = cast.town1 if enterprise.region == cast.regions.town1 else cast.town2
            actions.read_report(
                user=user,
                title=f"{enterprise.region.name}调研报告",
                text=(
                    f"{enterprise.name}调研报告\n"
                    f"2024年1-5月，萍乡经开区规上工业增加值同比增长8.5%。{enterprise.name}"
                    "完成产值3.2亿元。"
                ),
            )

    def api_params(self):
        return {"report_id": list(Report.objects.values_list("pk", flat=True))}
