"""The attraction pages: the statistics with their sentence and their Excel and Word downloads,
the 一月一招商 grid, the funnel, the lead page's sign, status and reopen forms (a refusal shows
the reason and writes nothing), and what each page says when there is nothing to show."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from mujun.attraction import actions
from mujun.attraction.models import Lead, LeadEvent
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.enterprises.testing import new_uscc
from mujun.projects.models import Project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

STATS = reverse("attraction:stats")
CHECK = reverse("attraction:monthly_check")
FUNNEL = reverse("attraction:funnel")
SPRING = "?region=339102&start=2026-03&end=2026-05"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SENTENCE = (
    "2026年3至5月,青溪县累计外出招商13天,主要领导外出招商3天,拜访企业2家,接待客商0批次,"
    "洽谈招商项目1个,其中签约项目1个、意向投资1.2亿元。"
)


@pytest.fixture
def spring(cast):
    """A spring's work in both towns: trips, a visit, a lead signed in March."""
    r = cast.regions
    secretary = make_official(r.town1, principal=True, name="城关书记", title="书记")
    make_activity(r.town1, leader=secretary, start=date(2026, 3, 2), end=date(2026, 3, 4))
    make_activity(r.town2, start=date(2026, 3, 2), end=date(2026, 3, 11))
    make_activity(r.town1, kind="visit", start=date(2026, 4, 8), investors="甲公司、乙公司")
    make_lead(
        r.town1,
        recorded_on=date(2026, 3, 1),
        negotiating_on=date(2026, 3, 5),
        signed_on=date(2026, 3, 20),
        status="signed",
        intended_investment=Decimal("12000"),
    )


class TestStatsPage:
    def test_the_page_says_the_sentence_and_the_regions_figures(self, login, cast, spring):
        response = login(cast.leader).get(STATS + SPRING)
        assert response.status_code == 200
        page = response.content.decode()
        assert f'<p class="sentence" id="sentence">{SENTENCE}</p>' in page
        report = response.context["report"]
        assert [row.subject.name for row in report.regions] == ["城关街道", "东岭镇"]
        assert "城关书记" in page and "导出 Excel" in page and "导出 Word" in page

    def test_the_usual_periods_are_a_click_away_for_the_region_shown(self, login, cast, spring):
        page = login(cast.leader).get(STATS + SPRING).content.decode()
        year = actions.today().year
        assert f'href="?region=339102&amp;start={year}-01&amp;end={year}-12">本年</a>' in page
        assert ">本季度</a>" in page and ">上年</a>" in page

    def test_without_a_choice_it_shows_the_users_region_from_january_to_last_month(
        self, login, cast, spring
    ):
        # today is 30 June: May is the last month complete
        response = login(cast.town1).get(STATS)
        assert response.status_code == 200
        report = response.context["report"]
        assert (report.region, report.period.text()) == (cast.regions.town1, "2026年1至5月")
        assert "2026年1至5月,城关街道累计外出招商3天," in response.content.decode()

    def test_a_bad_month_shows_the_reason_and_no_report(self, login, cast):
        response = login(cast.leader).get(STATS + "?region=339102&start=2026-13&end=2026-05")
        assert response.status_code == 200 and response.context["report"] is None
        assert "月份应写作 YYYY-MM，实际为“2026-13”" in response.content.decode()
        assert 'id="sentence"' not in response.content.decode()

    def test_another_towns_region_is_not_offered(self, login, cast, spring):
        response = login(cast.town1).get(STATS + "?region=339102002&start=2026-03&end=2026-05")
        assert response.context["report"] is None
        assert "累计外出招商10天" not in response.content.decode()

    def test_the_excel_download_has_the_regions_the_officials_and_the_sentence(
        self, login, cast, spring
    ):
        response = login(cast.leader).get(STATS + SPRING + "&format=xlsx")
        assert response.status_code == 200 and response["Content-Type"] == XLSX
        assert "attachment" in response["Content-Disposition"]
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["分地区", "分干部", "签约构成", "说明"]
        regions = list(book["分地区"].iter_rows(values_only=True))
        assert regions[0][:3] == ("地区", "外出招商天数", "主要领导外出天数")
        assert [row[:2] for row in regions[1:]] == [("城关街道", 3), ("东岭镇", 10), ("合计", 13)]
        officials = [row[0] for row in book["分干部"].iter_rows(min_row=2, values_only=True)]
        assert "城关书记" in officials
        assert book["说明"]["A1"].value == SENTENCE
        # the make-up of the signed projects counts projects, its last row their total
        made_up = list(book["签约构成"].iter_rows(min_row=2, values_only=True))
        assert all(isinstance(n, int) for _label, n in made_up) and made_up[-1][0] == "合计"

    def test_the_word_download_carries_the_sentence_and_the_regions_table(
        self, login, cast, spring
    ):
        response = login(cast.leader).get(STATS + SPRING + "&format=docx")
        assert response.status_code == 200 and response["Content-Type"] == DOCX
        document = Document(io.BytesIO(response.content))
        text = [p.text for p in document.paragraphs]
        assert "青溪县2026年3至5月招商引资统计" in text
        assert SENTENCE in text
        table = document.tables[0]
        assert [row.cells[0].text for row in table.rows] == ["地区", "城关街道", "东岭镇", "合计"]
        # its fifteen columns on a landscape page of their own, in 小五; the sentence upright
        first, last = document.sections[0], document.sections[-1]
        assert first.page_width < first.page_height and last.page_width > last.page_height
        assert table.rows[0].cells[1].paragraphs[0].runs[0].font.size.pt == 9
        assert "附：分地区情况" in text

    def test_a_region_without_officials_says_so(self, login, cast):
        response = login(cast.leader).get(STATS + SPRING)
        page = response.content.decode()
        assert "该地区尚未登记干部。" in page
        assert "青溪县累计外出招商0天" in page


class TestMonthlyCheckPage:
    def test_the_grid_marks_each_principals_months_without_activity(self, login, cast):
        r = cast.regions
        busy = make_official(r.town1, principal=True, name="城关书记")
        make_official(r.town2, principal=True, name="东岭书记")
        make_activity(r.town1, leader=busy, start=date(2026, 2, 27), end=date(2026, 3, 2))
        response = login(cast.leader).get(CHECK + "?region=339102&year=2026")
        assert response.status_code == 200
        # today is 30 June: the months to come are no misses yet
        assert response.context["months"] == [1, 2, 3, 4, 5, 6]
        grid = {official.name: misses for official, misses in response.context["grid"]}
        assert grid == {
            "城关书记": [True, False, False, True, True, True],
            "东岭书记": [True] * 6,
        }
        page = response.content.decode()
        assert 'id="check-grid"' in page and '<th class="num">6月</th>' in page
        assert '<th class="num">7月</th>' not in page

    def test_a_past_year_shows_all_twelve_months(self, login, cast):
        make_official(cast.regions.town1, principal=True)
        response = login(cast.leader).get(CHECK + "?region=339102&year=2025")
        assert response.context["months"] == list(range(1, 13))

    def test_a_region_without_principals_says_so(self, login, cast):
        make_official(cast.regions.town1, name="普通干部")
        response = login(cast.town1).get(CHECK)
        assert response.status_code == 200 and response.context["grid"] == []
        assert "该地区没有登记主要领导。" in response.content.decode()


class TestFunnelPage:
    def test_the_funnel_counts_the_steps_by_channel_and_province(self, login, cast):
        town = cast.regions.town1
        make_lead(town, channel="agency", recorded_on=date(2026, 3, 1), home_province="上海市")
        make_lead(
            town,
            channel="agency",
            recorded_on=date(2026, 3, 1),
            negotiating_on=date(2026, 3, 11),
            home_province="上海市",
        )
        make_lead(
            town,
            channel="resident",
            recorded_on=date(2026, 3, 1),
            negotiating_on=date(2026, 3, 21),
            signed_on=date(2026, 4, 1),
        )
        response = login(cast.town1).get(FUNNEL + "?region=339102001&start=2026-01&end=2026-06")
        assert response.status_code == 200
        report = response.context["report"]
        assert (report.overall.counts["recorded"], report.overall.counts["negotiating"]) == (3, 2)
        assert report.overall.counts["signed"] == 1
        assert report.overall.median_days["recorded_negotiating"] == 15
        assert [name for name, _ in report.by_channel] == ["中介招商", "驻点招商"]
        assert [name for name, _ in report.by_province] == ["上海市", "未填"]
        assert "<h3>中介招商</h3>" in response.content.decode()

    def test_a_period_without_leads_says_so(self, login, cast):
        response = login(cast.town1).get(FUNNEL + "?region=339102001&start=2026-01&end=2026-06")
        assert response.status_code == 200
        assert response.content.decode().count("本期没有登记线索。") == 2


def lead_page(lead):
    return reverse("attraction:lead", args=[lead.pk])


def stored(lead):
    row = Lead.objects.filter(pk=lead.pk).values().get()
    return row, LeadEvent.objects.filter(lead_id=lead.pk).count(), Project.objects.count()


class TestLeadPage:
    def test_an_open_lead_offers_signing_and_a_status_move(self, login, cast):
        lead = make_lead(cast.regions.town1)
        page = login(cast.town1).get(lead_page(lead)).content.decode()
        assert 'id="sign-form"' in page and 'id="status-form"' in page
        assert 'id="reopen-form"' not in page
        # the investor is not identified yet: the page says what signing needs
        assert "签约前须核实投资方" in page
        assert "尚无对接活动。" in page

    def test_the_status_form_offers_the_next_step_never_the_current(self, login, cast):
        lead = make_lead(cast.regions.town1, status="contacting")
        page = login(cast.town1).get(lead_page(lead)).content.decode()
        form = page[page.index('id="status-form"') :]
        form = form[: form.index("</form>")]
        assert '<option value="negotiating" selected>' in form
        assert 'value="contacting"' not in form and 'value="signed"' not in form

    def test_a_viewer_sees_no_forms_and_may_not_post(self, login, cast):
        lead = make_lead(cast.regions.town1)
        client = login(cast.viewer)
        page = client.get(lead_page(lead)).content.decode()
        assert 'id="sign-form"' not in page and 'id="status-form"' not in page
        before = stored(lead)
        url = reverse("attraction:lead_status", args=[lead.pk])
        assert client.post(url, {"status": "contacting", "date": "2026-06-01"}).status_code == 403
        assert stored(lead) == before

    def test_a_status_move_redirects_to_the_lead_with_a_message(self, login, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        client = login(cast.town1)
        url = reverse("attraction:lead_status", args=[lead.pk])
        response = client.post(url, {"status": "negotiating", "date": "2026-04-01"})
        assert response.status_code == 302 and response["Location"] == lead_page(lead)
        lead.refresh_from_db()
        assert (lead.status, lead.negotiating_on) == ("negotiating", date(2026, 4, 1))
        assert "状态已改为“在谈”。" in client.get(lead_page(lead)).content.decode()

    def test_a_refused_move_shows_the_reason_with_400_and_writes_nothing(self, login, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        before = stored(lead)
        url = reverse("attraction:lead_status", args=[lead.pk])
        response = login(cast.town1).post(url, {"status": "dropped", "date": "2026-04-01"})
        assert response.status_code == 400
        assert "放弃线索须填写原因" in response.content.decode()
        assert stored(lead) == before

    def test_a_move_from_a_page_opened_before_the_lead_was_dropped_says_why(self, login, cast):
        # the page was opened in another window before the lead was dropped: the status form
        # is no longer on the page the refusal shows, so the reason is said above it
        lead = make_lead(
            cast.regions.town1,
            recorded_on=date(2026, 3, 2),
            status="dropped",
            dropped_on=date(2026, 3, 20),
            drop_reason="选址未定",
        )
        url = reverse("attraction:lead_status", args=[lead.pk])
        response = login(cast.town1).post(url, {"status": "negotiating", "date": "2026-04-01"})
        page = response.content.decode()
        assert response.status_code == 400 and 'id="status-form"' not in page
        assert "线索已放弃，须先“重新启用”" in page

    def test_a_move_without_a_date_is_400_and_writes_nothing(self, login, cast):
        lead = make_lead(cast.regions.town1)
        before = stored(lead)
        url = reverse("attraction:lead_status", args=[lead.pk])
        response = login(cast.town1).post(url, {"status": "contacting"})
        assert response.status_code == 400 and "这个字段是必填项。" in response.content.decode()
        assert stored(lead) == before

    def test_signing_redirects_to_the_lead_now_linked_to_its_project(self, login, cast):
        lead = make_lead(
            cast.regions.town1,
            project_name="智能装备项目",
            status="negotiating",
            negotiating_on=date(2026, 4, 1),
            investor_uscc=new_uscc(),
            industry_code="39",
        )
        client = login(cast.town1)
        url = reverse("attraction:lead_sign", args=[lead.pk])
        response = client.post(url, {"date": "2026-06-15"})
        assert response.status_code == 302 and response["Location"] == lead_page(lead)
        project = Project.objects.get()
        page = client.get(lead_page(lead)).content.decode()
        assert "已签约，项目 XM2026-0001 已转入项目库。" in page
        assert reverse("projects:project", args=[project.pk]) in page
        assert "XM2026-0001 智能装备项目" in page
        # signed once, the page offers only to link another signing event
        assert "关联签约活动" in page and 'id="status-form"' not in page
        # and the project's page leads back to the lead, with the industry carried over
        project_page = client.get(reverse("projects:project", args=[project.pk])).content.decode()
        assert lead_page(lead) in project_page and "2026-06-15 签约转入" in project_page
        assert "39 计算机、通信和其他电子设备制造业" in project_page

    def test_a_refused_signing_shows_the_reason_with_400_and_writes_nothing(self, login, cast):
        lead = make_lead(cast.regions.town1, status="negotiating", negotiating_on=date(2026, 4, 1))
        before = stored(lead)
        url = reverse("attraction:lead_sign", args=[lead.pk])
        response = login(cast.town1).post(url, {"date": "2026-06-15"})
        assert response.status_code == 400
        assert "签约前须核实投资方" in response.content.decode()
        assert stored(lead) == before

    def test_signing_at_another_towns_activity_is_refused_by_the_form(self, login, cast):
        lead = make_lead(
            cast.regions.town1,
            status="negotiating",
            negotiating_on=date(2026, 4, 1),
            investor_uscc=new_uscc(),
        )
        theirs = make_activity(cast.regions.town2, kind="promotion_event")
        before = stored(lead)
        url = reverse("attraction:lead_sign", args=[lead.pk])
        response = login(cast.admin).post(url, {"date": "2026-06-15", "activity": theirs.pk})
        assert response.status_code == 400
        assert "选择一个有效的选项" in response.content.decode()
        assert stored(lead) == before

    def test_a_dropped_lead_offers_only_reopening_and_returns_to_its_status(self, login, cast):
        lead = make_lead(
            cast.regions.town1,
            recorded_on=date(2026, 3, 2),
            status="dropped",
            contacted_on=date(2026, 3, 10),
            dropped_on=date(2026, 4, 1),
            drop_reason="资金不到位",
        )
        client = login(cast.town1)
        page = client.get(lead_page(lead)).content.decode()
        assert 'id="reopen-form"' in page
        assert 'id="sign-form"' not in page and 'id="status-form"' not in page
        url = reverse("attraction:lead_reopen", args=[lead.pk])
        refused = client.post(url, {"date": "2026-03-31", "reason": "资金已落实"})
        assert refused.status_code == 400
        assert "日期不能早于放弃日期（2026年04月01日）" in refused.content.decode()
        response = client.post(url, {"date": "2026-05-01", "reason": "资金已落实"})
        assert response.status_code == 302
        lead.refresh_from_db()
        assert (lead.status, lead.dropped_on, lead.drop_reason) == ("contacting", None, "")
        assert "线索已重新启用。" in client.get(lead_page(lead)).content.decode()
