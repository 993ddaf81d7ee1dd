"""No home page or /api/home answer names another town's enterprise."""

from datetime import timedelta

from django.utils import timezone

from mujun.core.testing import ForeignNamesSuite
from mujun.projects.testing import make_project
from mujun.service.testing import make_problem


class TestHomeNames(ForeignNamesSuite):
    area = "home"
    api_prefix = "/api/home"

    def populate(self, cast, enterprises):
        day = timezone.localdate()
        for enterprise in enterprises:
            # a red project and an overdue problem of each: both on the town's home page
            make_project(
                enterprise.region,
                name=f"{enterprise.name}扩建项目",
                enterprise=enterprise,
                stage="signed",
                actual_signed=day - timedelta(days=200),
            )
            make_problem(
                enterprise=enterprise, status="in_progress", due_on=day - timedelta(days=2)
            )
