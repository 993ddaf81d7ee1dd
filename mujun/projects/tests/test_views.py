import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from mujun.core.spreadsheets import workbook_bytes
from mujun.core.testing import ApiScopeSuite, ViewScopeSuite
from mujun.projects import actions
from mujun.projects.alerts import today
from mujun.projects.imports import MonthlyReportImporter
from mujun.projects.models import AnnualPlan, MonthlyReport, Project
from mujun.projects.testing import make_project


class TestProjectViewScope(ViewScopeSuite):
    model = Project
    view_urls = ("projects:project", "projects:project_history")
    change_urls = ("projects:project_edit",)
    list_url = "projects:project_list"
    post_url = "projects:project_edit"

    def make(self, region):
        return make_project(region)

    def post_data(self, obj):
        return {
            "code": obj.code,
            "name": "改名",
            "region": obj.region.code,
            "total_investment": "1",
            "version": obj.version,
        }


class TestAnnualPlanScope(ViewScopeSuite):
    model = AnnualPlan
    post_url = "projects:project_plan"

    def make(self, region):
        return AnnualPlan.objects.create(
            project=make_project(region), year=2026, planned_investment=10
        )

    def test_refused_writes_change_nothing(self, login, cast):
        plan = self.make(cast.regions.town2)
        for user, status in ((cast.town1, 404), (cast.viewer, 403)):
            response = login(user).post(
                reverse("projects:project_plan", args=[plan.project_id]),
                {"year": 2026, "planned_investment": "99"},
            )
            assert response.status_code == status
        plan.refresh_from_db()
        assert plan.planned_investment == 10


class TestMonthlyReportScope(ViewScopeSuite):
    model = MonthlyReport

    def make(self, region):
        return MonthlyReport.objects.create(
            project=make_project(region), year=2026, month=1, completed_investment=1
        )

    def test_refused_writes_change_nothing(self, login, cast):
        report = self.make(cast.regions.town2)
        for user, status in ((cast.town1, 404), (cast.viewer, 403)):
            response = login(user).post(
                reverse("projects:project_report", args=[report.project_id]),
                {"year": 2026, "month": 1, "completed_investment": "99"},
            )
            assert response.status_code == status
        report.refresh_from_db()
        assert report.completed_investment == 1


class TestProjectApiScope(ApiScopeSuite):
    model = Project
    base = "/api/projects"

    def make(self, region):
        return make_project(region)


@pytest.mark.django_db
class TestProjectPages:
    def test_list_filters(self, login, cast):
        a = make_project(cast.regions.town1, name="甲项目", stage="signed", liaison_leader="王建国")
        b = make_project(
            cast.regions.town2, name="乙项目", stage="started", total_investment=Decimal("500")
        )
        Project.objects.filter(pk=b.pk).update(alert_level="red", alerts_as_of=today())
        client = login(cast.leader)
        url = reverse("projects:project_list")

        def page(q):
            return client.get(url + q).content.decode()

        assert "甲项目" in page("?stage=signed") and "乙项目" not in page("?stage=signed")
        assert "甲项目" in page("?billion=on") and "乙项目" not in page("?billion=on")
        assert "甲项目" in page("?leader=王建国") and "乙项目" not in page("?leader=王建国")
        assert "甲项目" in page(f"?region={cast.regions.town1.code}") and "乙项目" not in page(
            f"?region={cast.regions.town1.code}"
        )
        assert a.name not in page("?alert=lagging")

    def test_as_of_recomputes_alerts_for_that_day(self, login, cast):
        make_project(
            cast.regions.town1,
            name="逾期项目",
            planned_completed=today() - timedelta(days=40),
            actual_started=date(2025, 1, 1),
        )
        client = login(cast.town1)
        url = reverse("projects:project_list")
        assert "逾期项目" in client.get(url + "?alert=yellow").content.decode()
        earlier = (today() - timedelta(days=20)).isoformat()
        assert "逾期项目" not in client.get(url + f"?alert=yellow&as_of={earlier}").content.decode()

    def test_export_has_derived_figures(self, login, cast):
        p = make_project(cast.regions.town1, name="导出项目")
        actions.file_report(
            p,
            year=today().year,
            month=1,
            completed_investment=Decimal("12.5"),
            user=cast.town1,
        )
        response = login(cast.town1).get(reverse("projects:project_list") + "?export=xlsx")
        from mujun.core.spreadsheets import read_rows

        rows = read_rows("x.xlsx", response.getvalue())
        assert "累计完成投资（万元）" in rows[0]
        assert rows[1][rows[0].index("累计完成投资（万元）")] == "12.5"

    def test_detail_and_forms(self, login, cast):
        p = make_project(cast.regions.town1, stage="signed")
        client = login(cast.town1)
        page = client.get(reverse("projects:project", args=[p.pk])).content.decode()
        assert "填报月度报表" in page and "时间线" in page
        client.post(
            reverse("projects:project_stage", args=[p.pk]),
            {"stage": "started", "date": today().isoformat(), "note": ""},
        )
        client.post(
            reverse("projects:project_plan", args=[p.pk]),
            {"year": 2026, "planned_investment": "1200"},
        )
        client.post(
            reverse("projects:project_report", args=[p.pk]),
            {
                "year": 2026,
                "month": 1,
                "completed_investment": "100",
                "progress_note": "桩基施工",
                "problems": "电力增容",
            },
        )
        p.refresh_from_db()
        assert (
            p.stage == "started"
            and p.plans.get().planned_investment == 1200
            and p.reports.get().problems == "电力增容"
        )
        page = client.get(reverse("projects:project", args=[p.pk])).content.decode()
        assert "签约 → 开工" in page and "桩基施工" in page

    def test_stage_error_is_shown(self, login, cast):
        p = make_project(cast.regions.town1, stage="started")
        response = login(cast.town1).post(
            reverse("projects:project_stage", args=[p.pk]),
            {"stage": "signed", "date": today().isoformat()},
            follow=True,
        )
        assert "退回到之前的阶段须填写原因" in response.content.decode()

    def test_leader_sees_no_forms(self, login, cast):
        p = make_project(cast.regions.town1)
        page = login(cast.leader).get(reverse("projects:project", args=[p.pk])).content.decode()
        assert "填报月度报表" not in page

    def test_create_validates_dates_and_amounts(self, login, cast):
        response = login(cast.town1).post(
            reverse("projects:project_add"),
            {
                "code": "N1",
                "name": "新项目",
                "region": cast.regions.town1.code,
                "total_investment": "100",
                "fixed_asset_investment": "200",
                "planned_signed": "2026-05-01",
                "planned_started": "2026-04-01",
            },
        )
        page = response.content.decode()
        assert (
            response.status_code == 400
            and "固定资产投资不能大于总投资" in page
            and "不能早于计划签约" in page
        )

    def test_summary_page_sentence(self, login, cast):
        year = today().year
        p = make_project(
            cast.regions.town1, actual_started=date(year, 1, 5), total_investment=Decimal("20000")
        )
        actions.set_plan(p, year=year, planned_investment=Decimal("8000"), user=cast.town1)
        actions.file_report(
            p, year=year, month=1, completed_investment=Decimal("2000"), user=cast.town1
        )
        page = (
            login(cast.town1)
            .get(reverse("projects:project_summary") + f"?year={year}&month=1&basis=started")
            .content.decode()
        )
        assert (
            "今年开工项目1个,总投资2亿元,年计划投资8000万元,截至1月底,累计完成投资2000万元,年计划完成率25%"
            in page
        )

    def test_meeting_pack_page_and_word(self, login, cast):
        p = make_project(
            cast.regions.town1,
            name="滞后项目甲",
            planned_completed=today() - timedelta(days=100),
            liaison_leader="李红梅",
        )
        make_project(
            cast.regions.town2,
            name="他镇滞后项目",
            planned_completed=today() - timedelta(days=100),
        )
        actions.file_report(
            p,
            year=2026,
            month=1,
            completed_investment=Decimal(1),
            progress_note="钢结构吊装",
            problems="用地指标未落实",
            user=cast.town1,
        )
        client = login(cast.town1)
        page = client.get(reverse("projects:meeting")).content.decode()
        assert (
            "滞后项目甲" in page
            and "李红梅" in page
            and "用地指标未落实" in page
            and "他镇滞后项目" not in page
        )
        docx = client.get(reverse("projects:meeting") + "?format=docx")
        from docx import Document

        text = "\n".join(
            c.text
            for t in Document(io.BytesIO(docx.content)).tables
            for r in t.rows
            for c in r.cells
        )
        assert "李红梅" in text and "用地指标未落实" in text and "已逾期100天" in text


def report_file(rows):
    return workbook_bytes(
        ["项目编号", "年", "月", "本月完成投资（万元）", "形象进度", "存在问题"], rows
    )


@pytest.mark.django_db
class TestReportImport:
    def test_good_file_twice_changes_nothing(self, cast):
        p = make_project(cast.regions.town1, code="XM-1")
        content = report_file(
            [["XM-1", 2026, 1, 100, "桩基", ""], ["XM-1", 2026, 2, 50.5, "主体", "电力"]]
        )
        first = MonthlyReportImporter(cast.town1).run("r.xlsx", content)
        assert first.ok and first.created == 2
        history = MonthlyReport.history.count()
        second = MonthlyReportImporter(cast.town1).run("r.xlsx", content)
        assert second.unchanged == 2 and second.created == 0 and second.updated == 0
        assert MonthlyReport.history.count() == history
        assert sum(r.completed_investment for r in p.reports.all()) == Decimal("150.5")

    def test_bad_file_writes_nothing(self, cast):
        make_project(cast.regions.town1, code="XM-1")
        make_project(cast.regions.town2, code="XM-2")
        content = report_file(
            [
                ["XM-1", 2026, 1, 100, "", ""],
                ["XM-9", 2026, 1, 1, "", ""],
                ["XM-2", 2026, 1, 1, "", ""],
                ["XM-1", 2026, 13, 1, "", ""],
                ["XM-1", 2026, 2, -5, "", ""],
                ["XM-1", 2026, 1, 7, "", ""],
            ]
        )
        result = MonthlyReportImporter(cast.town1).run("r.xlsx", content)
        text = [str(p) for p in result.problems]
        assert MonthlyReport.objects.count() == 0
        assert any("第 3 行" in t and "XM-9" in t for t in text)
        assert any("第 4 行" in t and "XM-2" in t for t in text)
        assert any("第 5 行" in t and "「月」" in t for t in text)
        assert any("第 6 行" in t and "本月完成投资" in t for t in text)
        assert any("第 7 行" in t and "与第 2 行重复" in t for t in text)


@pytest.mark.django_db
def test_cards_write_amounts_as_officials_do(login, cast):
    """亿元 from 1 亿元 up on the project's cards and the summary's (never 1,548,610.00 万元)."""
    project = make_project(cast.regions.town1, total_investment=Decimal("199500"))
    page = login(cast.town1).get(f"/projects/{project.pk}/").content.decode()
    assert "19.95亿元" in page and "199,500" not in page


@pytest.mark.django_db
def test_the_stage_form_defaults_to_the_next_stage(login, cast):
    project = make_project(cast.regions.town1, stage="signed")
    page = login(cast.town1).get(f"/projects/{project.pk}/").content.decode()
    assert '<option value="registered" selected>' in page


@pytest.mark.django_db
class TestEnterpriseSearch:
    """The project form finds its investor by typing, in the user's scope, and lists none."""

    def test_the_form_carries_only_the_chosen_enterprise(self, login, cast):
        from mujun.enterprises.testing import make_enterprise

        mine = make_enterprise(cast.regions.town1, name="城关某某科技有限公司")
        make_enterprise(cast.regions.town1, name="城关另一家有限公司")
        project = make_project(cast.regions.town1, enterprise=mine)
        client = login(cast.town1)
        add = client.get("/projects/add/").content.decode()
        assert "城关某某科技" not in add and "城关另一家" not in add
        edit = client.get(f"/projects/{project.pk}/edit/").content.decode()
        assert "城关某某科技有限公司" in edit and "城关另一家" not in edit

    def test_the_search_answers_matching_enterprises_of_the_users_scope(self, login, cast):
        from mujun.enterprises.testing import make_enterprise

        make_enterprise(cast.regions.town1, name="城关精密机械有限公司")
        make_enterprise(cast.regions.town2, name="东岭精密机械有限公司")
        client = login(cast.town1)
        answer = client.get("/enterprises/options/?enterprise__search=精密").content.decode()
        assert "城关精密机械" in answer and "东岭精密机械" not in answer
        assert "找到 1 家" in answer
        nothing = client.get("/enterprises/options/?enterprise__search=不存在").content.decode()
        assert "没有找到" in nothing


@pytest.mark.django_db
class TestColumns:
    """A list shows the flag beside the name, and each user keeps the columns they choose;
    the export has what the page shows."""

    def test_the_flag_is_beside_the_name_with_its_reasons(self, login, cast):
        make_project(cast.regions.town1, name="逾期项目", planned_completed=today() - timedelta(40))
        page = login(cast.town1).get("/projects/").content.decode()
        cell = page[page.index("逾期项目") :][:400]
        assert 'class="badge yellow"' in cell and "竣工" in cell

    def test_a_user_keeps_the_columns_they_chose(self, login, cast):
        make_project(cast.regions.town1, liaison_leader="王建国")
        client = login(cast.town1)
        assert "王建国" not in client.get("/projects/").content.decode()
        client.post(
            "/table-columns/",
            {
                "table": "projects.ProjectTable",
                "columns": ["项目名称", "联系领导"],
                "next": "/projects/",
            },
        )
        page = client.get("/projects/").content.decode()
        assert "王建国" in page and "<th>项目编号</th>" not in page
        from mujun.core.spreadsheets import read_rows

        rows = read_rows("x.xlsx", client.get("/projects/?export=xlsx").getvalue())
        assert rows[0] == ["项目名称", "联系领导"]
        # another user still sees the list's own columns
        assert "<th>项目编号</th>" in login(cast.leader).get("/projects/").content.decode()
        client = login(cast.town1)
        client.post("/table-columns/", {"table": "projects.ProjectTable", "reset": "1"})
        assert "<th>项目编号</th>" in client.get("/projects/").content.decode()

    def test_the_tiers_show_when_their_column_is_chosen(self, login, cast):
        from mujun.projects.models import ProjectTag

        tier = ProjectTag.objects.create(key="test_key", name="测试层级")
        make_project(cast.regions.town1).tags.add(tier)
        client = login(cast.town1)
        # not shown by default (the page reads no tiers for its rows); the filter offers it
        assert "<td>测试层级" not in client.get("/projects/").content.decode()
        client.post(
            "/table-columns/",
            {"table": "projects.ProjectTable", "columns": ["项目名称", "层级"], "next": "/"},
        )
        assert "<td>测试层级、亿元以上</td>" in client.get("/projects/").content.decode()
        csv = b"".join(client.get("/projects/?export=csv").streaming_content).decode()
        assert "测试层级、亿元以上" in csv

    def test_no_link_to_a_page_the_role_cannot_open(self, login, cast):
        from mujun.indicators.testing import make_target

        make_target(cast.regions.town1, "exports")
        assert "/edit/" not in login(cast.viewer).get("/indicators/targets/").content.decode()
        assert "/edit/" in login(cast.town1).get("/indicators/targets/").content.decode()
