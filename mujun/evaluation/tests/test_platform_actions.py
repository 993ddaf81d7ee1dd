"""Runs, publication and objections in the platform."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from mujun.enterprises.testing import make_enterprise
from mujun.evaluation import actions
from mujun.evaluation.engine.compute import evaluate
from mujun.evaluation.engine.data import read_table
from mujun.evaluation.engine.results import result_columns
from mujun.evaluation.models import EvaluationResult, EvaluationRun, RunEvent
from mujun.evaluation.runner import input_row, scheme_columns
from mujun.evaluation.testing import make_run, make_scheme, make_year

pytestmark = pytest.mark.django_db


def publicity(run, user, *, ended=True):
    today = actions.today()
    end = today - timedelta(days=1) if ended else today
    return actions.start_publicity(run, start=end - timedelta(days=6), end=end, user=user)


def test_a_run_keeps_what_the_engine_computes_from_the_same_cells(cast, tmp_path):
    r = cast.regions
    run = make_run(r.town1, county=r.county, enterprises=5)
    # The same rows as a CSV file through the engine's own reader: identical figures.
    from mujun.evaluation.engine.loader import parse_scheme
    from mujun.evaluation.models import EnterpriseYear

    scheme = parse_scheme(run.scheme_text)
    rows = [input_row(ey) for ey in EnterpriseYear.objects.select_related("enterprise__region")]
    columns = scheme_columns(scheme)
    path = tmp_path / "data.csv"
    lines = [",".join(columns)] + [",".join(row.cells.get(c, "") for c in columns) for row in rows]
    path.write_text("\n".join(lines), encoding="utf-8")
    expected = result_columns(evaluate(scheme, read_table(path, scheme)))
    stored = {x.enterprise.uscc: x for x in run.results.select_related("enterprise")}
    for i, uscc in enumerate(expected["uscc"]):
        assert stored[uscc].total == Decimal(expected["total"][i])
        assert stored[uscc].klass == expected["class"][i]
        assert stored[uscc].rank == int(expected["rank"][i])
    assert run.number == 1 and run.status == "draft" and run.enterprise_count == 5
    assert RunEvent.objects.filter(run=run, kind="computed").exists()


def test_a_second_run_is_a_new_version_and_leaves_the_first(cast):
    r = cast.regions
    first = make_run(r.town1, county=r.county, enterprises=3)
    totals = list(first.results.values_list("total", flat=True))
    second = actions.run_evaluation(scheme=first.scheme, year=2022, user=cast.admin)
    assert second.number == 2
    assert list(first.results.values_list("total", flat=True)) == totals


def test_no_data_is_a_problem_not_an_empty_run(cast):
    scheme = make_scheme(cast.regions.county)
    with pytest.raises(actions.EvaluationProblem, match="没有企业数据"):
        actions.run_evaluation(scheme=scheme, year=2022, user=cast.admin)
    assert not EvaluationRun.objects.exists()


def test_overrides_surcharges_and_inefficient_land(cast):
    r = cast.regions
    scheme = make_scheme(r.county)
    strong = make_enterprise(r.town1, above_size=True)
    make_year(strong, tax="900", extra={"safety_accident": "1"})
    weak = make_enterprise(r.town1, above_size=True)
    make_year(weak, tax="20", va="100", prior_d_years=1, electricity="400")
    for n in range(6):
        make_year(make_enterprise(r.town2, above_size=True), tax=str(200 + n))
    run = actions.run_evaluation(scheme=scheme, year=2022, user=cast.admin)
    vetoed = run.results.get(enterprise=strong)
    assert vetoed.rank == 1 and vetoed.klass == "C" and "veto" in vetoed.reason
    worst = run.results.get(enterprise=weak)
    assert worst.klass == "D"
    # second consecutive year in D: the second rate, 0.20 元/kWh × 400 万kWh = 80 万元
    assert worst.surcharge_rate == Decimal("0.2") and worst.surcharge_wan == Decimal("80")
    assert worst.inefficient and "tax_per_mu < 6" in worst.inefficient_reasons


class TestPublication:
    def test_only_leaders_and_admins_publish(self, login, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county)
        publicity(run, cast.admin)
        url = reverse("evaluation:run_publish", args=[run.pk])
        for user in (cast.town1, cast.viewer, cast.department):
            assert login(user).post(url).status_code == 403
        run.refresh_from_db()
        assert run.status == "publicity"
        assert login(cast.leader).post(url).status_code == 302
        run.refresh_from_db()
        assert run.status == "published" and run.published_by == cast.leader

    def test_not_before_the_publicity_period_has_ended(self, login, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county)
        publicity(run, cast.admin, ended=False)
        login(cast.leader).post(reverse("evaluation:run_publish", args=[run.pk]))
        run.refresh_from_db()
        assert run.status == "publicity"
        with pytest.raises(actions.EvaluationProblem, match="结束后方可发布"):
            actions.publish(run, user=cast.leader)

    def test_a_draft_cannot_be_published(self, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county)
        with pytest.raises(actions.EvaluationProblem, match="公示中"):
            actions.publish(run, user=cast.admin)

    def test_publishing_a_newer_version_supersedes_the_older(self, cast):
        first = make_run(cast.regions.town1, county=cast.regions.county)
        publicity(first, cast.admin)
        actions.publish(first, user=cast.leader)
        second = actions.run_evaluation(scheme=first.scheme, year=2022, user=cast.admin)
        publicity(second, cast.admin)
        actions.publish(second, user=cast.leader)
        first.refresh_from_db()
        assert first.status == "superseded" and second.status == "published"


class TestObjection:
    def setup_run(self, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=8)
        publicity(run, cast.admin)
        actions.publish(run, user=cast.leader)
        return run

    def test_accepting_makes_a_new_version_with_before_and_after(self, cast, login):
        run = self.setup_run(cast)
        published = list(run.results.order_by("pk").values())
        last = run.results.get(rank=8)
        assert last.klass == "D"
        client = login(cast.town1)
        response = client.post(
            reverse("evaluation:result_objection", args=[last.pk]),
            {"note": "漏计税款，附完税证明", "tax_wan": "2000"},
        )
        assert response.status_code == 302
        objection = last.enterprise.evaluation_objections.get()
        assert objection.corrections == {"tax_wan": "2000"}
        response = login(cast.admin).post(
            reverse("evaluation:objection_resolve", args=[objection.pk]),
            {"decision": "accept", "resolution": "税务局核实无误"},
        )
        assert response.status_code == 302
        objection.refresh_from_db()
        assert objection.status == "accepted"
        assert objection.before["class"] == "D" and objection.before["rank"] == 8
        assert objection.after["rank"] == 1 and objection.after["class"] == "A"
        # its move up pushed one enterprise per class boundary down; each is on record
        assert {(o["before"], o["after"]) for o in objection.others_changed} == {
            ("A", "B"),
            ("B", "C"),
            ("C", "D"),
        }
        new = objection.new_run
        assert new.number == 2 and new.based_on == run and new.status == "publicity"
        # the published version is exactly as it was
        run.refresh_from_db()
        assert run.status == "published"
        assert list(run.results.order_by("pk").values()) == published
        # the year's data now carries the corrected figure and where it came from
        ey = last.enterprise.evaluation_years.get()
        assert ey.tax_wan == Decimal("2000") and ey.sources["tax_wan"] == "objection"

    def test_objection_during_publicity_supersedes_that_version(self, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=4)
        publicity(run, cast.admin)  # ended yesterday; the objection still blocks publication
        result = run.results.get(rank=4)
        objection = actions.file_objection(
            result, note="用地面积有误", corrections={"land_mu": "5"}, user=cast.town1
        )
        with pytest.raises(actions.EvaluationProblem, match="1 件异议"):
            actions.publish(run, user=cast.leader)
        actions.accept_objection(objection, resolution="核实", user=cast.admin)
        run.refresh_from_db()
        assert run.status == "superseded"
        assert objection.new_run.publicity_end == run.publicity_end

    def test_rejecting_needs_a_reason_and_changes_no_result(self, cast):
        run = self.setup_run(cast)
        result = run.results.get(rank=2)
        objection = actions.file_objection(
            result, note="x", corrections={"tax_wan": "1"}, user=cast.town1
        )
        with pytest.raises(actions.EvaluationProblem):
            actions.reject_objection(objection, resolution=" ", user=cast.admin)
        actions.reject_objection(objection, resolution="数据无误", user=cast.admin)
        assert EvaluationRun.objects.count() == 1
        assert EvaluationResult.objects.get(pk=result.pk).total == result.total

    def test_no_objection_to_a_draft_or_without_corrections(self, cast):
        run = make_run(cast.regions.town1, county=cast.regions.county)
        result = run.results.first()
        with pytest.raises(actions.EvaluationProblem, match="公示中或已发布"):
            actions.file_objection(result, note="x", corrections={"tax_wan": "1"}, user=None)
        publicity(run, cast.admin)
        with pytest.raises(actions.EvaluationProblem, match="至少填写一项"):
            actions.file_objection(result, note="x", corrections={}, user=None)


@pytest.mark.django_db
def test_a_publicity_whose_last_day_has_passed_waits_for_sign_off(cast):
    from datetime import timedelta

    from mujun.evaluation import actions as run_actions
    from mujun.evaluation.testing import make_run

    run = make_run(cast.regions.town1, county=cast.regions.county, enterprises=3)
    day = run_actions.today()
    run_actions.start_publicity(run, start=day, end=day, user=cast.admin)
    assert run.get_status_display() == "公示中"
    run.publicity_start, run.publicity_end = day - timedelta(10), day - timedelta(1)
    assert run.get_status_display() == "公示期满，待发布"
