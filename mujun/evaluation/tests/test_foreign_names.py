"""No page, export or API answer of the evaluation names another town's enterprise: runs, their
history and timelines, results, report cards, objections and the re-runs they cause (issue 21,
item 1: “收到异议：青溪永兴纸业…” on every town's run page)."""

from datetime import date, timedelta

import pytest

from mujun.core.testing import ForeignNamesSuite
from mujun.enterprises.models import Enterprise
from mujun.evaluation import actions
from mujun.evaluation.models import EvaluationRun, Objection, Scheme
from mujun.evaluation.testing import make_scheme, make_year


class TestEvaluationNames(ForeignNamesSuite):
    area = "evaluation"
    api_prefix = "/api/evaluation"
    exports_enterprises = True

    def populate(self, cast, enterprises):
        mine, formula, theirs = enterprises
        scheme = make_scheme(cast.regions.county)
        for enterprise, tax in ((mine, "300"), (formula, "200"), (theirs, "100")):
            make_year(enterprise, year=scheme.year, tax=tax)
        run = actions.run_evaluation(scheme=scheme, year=scheme.year, user=cast.admin)
        today = date.today()
        actions.start_publicity(run, start=today, end=today + timedelta(days=6), user=cast.admin)
        # the other town's enterprise objects and is re-graded: the classes of the own town's
        # enterprises move with it (class shares are places)
        objection = actions.file_objection(
            run.results.get(enterprise=theirs),
            note=f"{theirs.name}：税收数据有误",
            corrections={"tax_wan": "2000"},
            user=cast.town2,
        )
        actions.accept_objection(objection, resolution="核实后采纳", user=cast.admin)
        own = actions.file_objection(
            actions.latest_version(run).results.get(enterprise=mine),
            note=f"{mine.name}：用地面积有误",
            corrections={"land_mu": "8"},
            user=cast.town1,
        )
        actions.reject_objection(own, resolution="用地面积以不动产登记为准", user=cast.admin)
        assert Objection.objects.get(pk=objection.pk).others_changed  # the case that leaked

    def api_params(self):
        return {
            "scheme_id": list(Scheme.objects.values_list("pk", flat=True)),
            "run_id": list(EvaluationRun.objects.values_list("pk", flat=True)),
            "uscc": list(Enterprise.objects.values_list("uscc", flat=True)),
        }


@pytest.mark.django_db
def test_the_migration_rewrites_stored_rerun_notes(cast):
    from importlib import import_module

    from django.apps import apps

    from mujun.evaluation.testing import make_run

    migration = import_module("mujun.evaluation.migrations.0003_rerun_notes_name_no_enterprise")
    run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=1)
    EvaluationRun.objects.filter(pk=run.pk).update(note="采纳 东岭镇某某纸业有限公司 的异议后重算")
    run.history.update(note="采纳 东岭镇某某纸业有限公司 的异议后重算")

    migration.rewrite(apps, None)

    run.refresh_from_db()
    assert run.note == "采纳异议后重算"
    assert set(run.history.values_list("note", flat=True)) == {"采纳异议后重算"}
