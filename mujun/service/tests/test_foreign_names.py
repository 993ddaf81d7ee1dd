"""No page, export, statistics or API answer of enterprise service names another town's
enterprise: problems, visits, liaisons, coverage, reminders, common issues."""

from mujun.attraction.testing import make_official
from mujun.core.testing import ForeignNamesSuite
from mujun.service.models import Department, Liaison, Problem, Visit
from mujun.service.testing import assign, make_department, make_problem, make_visit


class TestServiceNames(ForeignNamesSuite):
    area = "service"
    api_prefix = "/api/service"

    def populate(self, cast, enterprises):
        department = make_department(cast.regions.county, name="县自然资源局")
        for enterprise in enterprises:
            region = enterprise.region
            official = make_official(region)
            make_visit(
                enterprise=enterprise, officials=[official], discussed=f"{enterprise.name}用地"
            )
            assign(
                make_problem(enterprise=enterprise, description=f"{enterprise.name}缺电"),
                department,
            )
            make_problem(enterprise=enterprise)
            Liaison.objects.create(
                official=official, enterprise=enterprise, role="commissioner", region=region
            )

    def api_params(self):
        return {
            "problem_id": list(Problem.objects.values_list("pk", flat=True)),
            "visit_id": list(Visit.objects.values_list("pk", flat=True)),
            "department_id": list(Department.objects.values_list("pk", flat=True)),
            "liaison_id": list(Liaison.objects.values_list("pk", flat=True)),
            "enterprise_id": [p.enterprise_id for p in Problem.objects.all()],
        }
