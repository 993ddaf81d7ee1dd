"""No page, export, meeting pack or API answer of the project register names another town's
enterprise."""

from datetime import date, timedelta
from decimal import Decimal

from mujun.core.testing import ForeignNamesSuite
from mujun.projects import actions
from mujun.projects.models import Project
from mujun.projects.testing import make_project


class TestProjectNames(ForeignNamesSuite):
    area = "projects"
    api_prefix = "/api/projects"

    def populate(self, cast, enterprises):
        today = date.today()
        for n, enterprise in enumerate(enterprises, start=1):
            # a signed project that never started: lagging, so on the meeting pack too
            project = make_project(
                enterprise.region,
                name=f"{enterprise.name}扩建项目",
                enterprise=enterprise,
                stage="signed",
                actual_signed=today - timedelta(days=200),
                planned_started=today - timedelta(days=120),
                liaison_leader=f"联系领导{n}",
            )
            user = cast.town1 if enterprise.region == cast.regions.town1 else cast.town2
            actions.set_plan(project, year=today.year, planned_investment=Decimal(5000), user=user)
            month = today.replace(day=1) - timedelta(days=1)
            actions.file_report(
                project,
                year=month.year,
                month=month.month,
                completed_investment=Decimal(100),
                progress_note=f"{enterprise.name}设备进场",
                problems=f"{enterprise.name}用地指标未落实",
                user=user,
            )

    def api_params(self):
        return {"project_id": list(Project.objects.values_list("pk", flat=True))}
