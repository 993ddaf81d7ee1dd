from datetime import date, timedelta
from decimal import Decimal

import pytest

from mujun.accounts.models import ApiToken
from mujun.projects import actions
from mujun.projects.alerts import today
from mujun.projects.models import Project
from mujun.projects.testing import make_project


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def post(client, url, data, user):
    return client.post(url, data, content_type="application/json", **auth(user))


@pytest.mark.django_db
class TestProjectApi:
    def test_create_then_detail_carries_derived_figures(self, client, cast):
        response = post(
            client,
            "/api/projects",
            {
                "code": "API-1",
                "name": "接口项目",
                "region": "339102001",
                "tiers": ["provincial_key"],
                "total_investment_wan": "15000",
                "planned_dates": {"started": "2026-03-01", "completed": "2027-06-30"},
            },
            cast.town1,
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert (
            body["total_investment_wan"] == "15000.0000"
            and body["is_billion"]
            and body["tiers"] == ["provincial_key"]
        )
        assert (
            body["planned_dates"]["started"] == "2026-03-01"
            and body["actual_dates"]["started"] is None
        )
        assert set(body["planned_dates"]) == {
            "signed",
            "land_supplied",
            "started",
            "completed",
            "producing",
        }
        assert body["alert_level"] in ("yellow", "red") and body["alert_reasons"]

    def test_create_in_other_town_is_refused(self, client, cast):
        response = post(
            client,
            "/api/projects",
            {"code": "X", "name": "x", "region": "339102002", "total_investment_wan": "1"},
            cast.town1,
        )
        assert response.status_code == 422 and not Project.objects.exists()

    def test_stage_plan_report_flow(self, client, cast):
        p = make_project(cast.regions.town1, stage="signed")
        day = today()
        r = post(
            client,
            f"/api/projects/{p.pk}/stage",
            {"stage": "started", "date": day.isoformat()},
            cast.town1,
        )
        assert (
            r.status_code == 200
            and r.json()["stage"] == "started"
            and r.json()["actual_dates"]["started"] == day.isoformat()
        )
        r = client.put(
            f"/api/projects/{p.pk}/plans/{day.year}",
            {"planned_investment_wan": "1200"},
            content_type="application/json",
            **auth(cast.town1),
        )
        assert r.status_code == 200 and r.json() == {
            "year": day.year,
            "planned_investment_wan": "1200.0000",
        }
        r = post(
            client,
            f"/api/projects/{p.pk}/reports",
            {
                "year": day.year,
                "month": 1,
                "completed_investment_wan": "300.5",
                "progress_note": "桩基",
            },
            cast.town1,
        )
        assert r.status_code == 201
        body = r.json()
        assert (
            body["completed_investment_wan"] == "300.5000"
            and body["completed_this_year_wan"] == "300.5000"
        )
        assert body["plan_completion_pct"] == "25.04"

    def test_backward_stage_without_reason_is_422(self, client, cast):
        p = make_project(cast.regions.town1, stage="started")
        r = post(
            client,
            f"/api/projects/{p.pk}/stage",
            {"stage": "signed", "date": today().isoformat()},
            cast.town1,
        )
        assert r.status_code == 422 and "原因" in r.json()["detail"]["stage"][0]

    def test_list_filters_and_as_of(self, client, cast):
        make_project(
            cast.regions.town1, name="逾期", planned_completed=today() - timedelta(days=40)
        )
        make_project(cast.regions.town1, name="正常")
        headers = auth(cast.town1)

        def names(q):
            return [i["name"] for i in client.get(f"/api/projects{q}", **headers).json()["items"]]

        assert names("?alert=yellow") == ["逾期"]
        assert names(f"?alert=yellow&as_of={(today() - timedelta(days=20)).isoformat()}") == []
        assert sorted(names("?stage=started")) == ["正常", "逾期"]
        assert client.get("/api/projects?region=339102002", **headers).status_code == 422

    def test_patch_with_version(self, client, cast):
        p = make_project(cast.regions.town1, liaison_leader="甲")
        headers = auth(cast.town1)
        ok = client.patch(
            f"/api/projects/{p.pk}",
            {"version": 1, "liaison_leader": "乙", "tiers": ["municipal_major"]},
            content_type="application/json",
            **headers,
        )
        assert (
            ok.status_code == 200
            and ok.json()["liaison_leader"] == "乙"
            and ok.json()["tiers"] == ["municipal_major"]
        )
        stale = client.patch(
            f"/api/projects/{p.pk}",
            {"version": 1, "liaison_leader": "丙"},
            content_type="application/json",
            **headers,
        )
        assert stale.status_code == 409
        p.refresh_from_db()
        assert p.liaison_leader == "乙" and p.name.startswith("测试项目")

    def test_viewer_cannot_file_reports(self, client, cast):
        p = make_project(cast.regions.town1)
        r = post(
            client,
            f"/api/projects/{p.pk}/reports",
            {"year": 2026, "month": 1, "completed_investment_wan": "1"},
            cast.viewer,
        )
        assert r.status_code == 403 and not p.reports.exists()

    def test_other_towns_project_verbs_are_404(self, client, cast):
        p = make_project(cast.regions.town2, stage="signed")
        assert (
            post(
                client,
                f"/api/projects/{p.pk}/stage",
                {"stage": "started", "date": today().isoformat()},
                cast.town1,
            ).status_code
            == 404
        )
        assert (
            post(
                client,
                f"/api/projects/{p.pk}/reports",
                {"year": 2026, "month": 1, "completed_investment_wan": "1"},
                cast.town1,
            ).status_code
            == 404
        )
        assert (
            client.put(
                f"/api/projects/{p.pk}/plans/2026",
                {"planned_investment_wan": "1"},
                content_type="application/json",
                **auth(cast.town1),
            ).status_code
            == 404
        )
        p.refresh_from_db()
        assert p.stage == "signed" and not p.reports.exists() and not p.plans.exists()

    def test_summary(self, client, cast):
        from mujun.projects.models import ProjectTag

        tier = ProjectTag.objects.get(key="provincial_key")
        p = make_project(
            cast.regions.town1, actual_started=date(2025, 2, 1), total_investment=Decimal("550000")
        )
        p.tags.add(tier)
        actions.set_plan(p, year=2025, planned_investment=Decimal("200000"), user=cast.town1)
        actions.file_report(
            p, year=2025, month=5, completed_investment=Decimal("119700"), user=cast.town1
        )
        other = make_project(cast.regions.town2, actual_started=date(2025, 2, 1))
        other.tags.add(tier)
        body = client.get(
            "/api/projects/summary?year=2025&month=5&tier=provincial_key", **auth(cast.town1)
        ).json()
        assert body["count"] == 1 and body["plan_completion_pct"] == "59.85"
        assert body["text"].endswith(
            "省重点项目1个,总投资55亿元,年计划投资20亿元,截至5月底,累计完成投资11.97亿元,年计划完成率59.8%"
        )
        assert (
            client.get("/api/projects/summary?year=2025&month=13", **auth(cast.town1)).status_code
            == 422
        )
        assert (
            client.get(
                "/api/projects/summary?year=2025&month=5&region=339102002", **auth(cast.town1)
            ).status_code
            == 404
        )
