"""The screen names projects, never another town's: each town's red project carries its
enterprise's name, and neither town's screen or screen data shows the other's."""

from datetime import timedelta

from django.utils import timezone

from mujun.core.testing import ForeignNamesSuite
from mujun.projects.testing import make_project


class TestScreenNames(ForeignNamesSuite):
    area = "screen"
    api_prefix = "/api/screen"
    # The page itself names nothing (its script fetches the figures), and the crawl reads the
    # API's JSON as sent, Chinese escaped as \uXXXX: the own town's names are looked for in
    # the decoded answers by test_api.py instead.
    shows_enterprises = False

    def populate(self, cast, enterprises):
        late = timezone.localdate() - timedelta(days=200)
        for enterprise in enterprises:
            make_project(
                enterprise.region,
                name=f"{enterprise.name}扩产项目",
                enterprise=enterprise,
                stage="signed",
                planned_started=late,
            )

    def api_params(self):
        return {"view": ["economy", "projects", "attraction", "evaluation"]}
