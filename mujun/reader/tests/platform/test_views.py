"""The reader's pages: scope for every page, reading, reviewing, accepting, comparing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from conftest import make_user
from mujun.core.roles import Role
from mujun.core.testing import ViewScopeSuite
from mujun.indicators.models import IndicatorValue
from mujun.indicators.testing import make_value
from mujun.reader import actions
from mujun.reader.choices import FactStatus
from mujun.reader.models import Report, ReportFact

from .helpers import REPORT, fact, read


def make_report(region, text=REPORT):
    """A report read by an officer of ``region`` (one per region)."""
    from mujun.accounts.models import User

    user = User.objects.filter(username=f"reader-{region.code}").first() or make_user(
        f"reader-{region.code}", Role.OFFICER, region
    )
    return read(user, text=text.replace("湘东镇经济运行情况", f"{region.name}读取的报告"))


class TestReportViewScope(ViewScopeSuite):
    model = Report
    view_urls = ("reader:report", "reader:report_history")
    change_urls = ("reader:report_archive",)
    list_url = "reader:report_list"
    post_url = "reader:report_archive"

    def make(self, region):
        return make_report(region)


class TestReportFactViewScope(ViewScopeSuite):
    model = ReportFact
    change_urls = ("reader:reportfact_edit",)
    post_url = "reader:reportfact_edit"

    def make(self, region):
        return fact(make_report(region), "signed_projects_count")

    def post_data(self, obj):
        return {
            "region_name": "湘东镇",
            "indicator": "exports",
            "year": "2022",
            "month": "6",
            "value": "7",
            "unit": "亿元",
            "version": obj.version,
        }


pytestmark = pytest.mark.django_db


def docx_bytes(text):
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(line: str) -> bytes:
    """A one-page PDF with a text layer (Helvetica, ASCII), offsets computed as written."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class TestReading:
    url = reverse("reader:report_add")

    def test_pasted_report_is_read_and_opens_for_review(self, login, cast):
        client = login(cast.town1)
        response = client.post(self.url, {"text": REPORT, "published_on": "2022-07-22"})
        report = Report.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse(
            "reader:report", args=[report.pk]
        )
        assert report.title == "湘东镇经济运行情况" and report.facts.count() == 4

    @pytest.mark.parametrize(
        "name, data",
        [
            ("report.txt", REPORT.encode("gb18030")),
            (
                "report.html",
                f"<html><body><p>{REPORT}</p><script>x=1</script></body></html>".encode(),
            ),
            ("report.docx", docx_bytes(REPORT)),
        ],
    )
    def test_uploaded_files_are_read_like_the_command_reads_them(self, login, cast, name, data):
        client = login(cast.town1)
        upload = SimpleUploadedFile(name, data)
        response = client.post(self.url, {"file": upload, "published_on": "2022-07-22"})
        assert response.status_code == 302
        report = Report.objects.get()
        assert report.filename == name
        assert fact(report, "fiscal_revenue").span == "财政总收入17.9亿元,同比增长8.8%"

    def test_pdf_text_layer_is_read(self, login, cast):
        client = login(cast.town1)
        upload = SimpleUploadedFile("scan.pdf", pdf_bytes("Annual report 2022"))
        assert client.post(self.url, {"file": upload}).status_code == 302
        assert Report.objects.get().title == "Annual report 2022"

    def test_unreadable_input_is_refused_with_the_reason(self, login, cast):
        client = login(cast.town1)
        bad = client.post(self.url, {"file": SimpleUploadedFile("data.xlsx", b"PK")})
        assert bad.status_code == 400 and "不支持的文件类型" in bad.content.decode()
        both = client.post(self.url, {"text": REPORT, "file": SimpleUploadedFile("r.txt", b"x")})
        assert both.status_code == 400 and "二选一" in both.content.decode()
        assert client.post(self.url, {"text": "  "}).status_code == 400
        assert not Report.objects.exists()

    def test_the_same_text_again_opens_the_stored_report(self, login, cast):
        client = login(cast.town1)
        client.post(self.url, {"text": REPORT})
        client.post(self.url, {"text": REPORT})
        assert Report.objects.count() == 1

    def test_roles_without_add_get_403_and_anonymous_login(self, client, login, cast):
        assert client.get(self.url).status_code == 302
        viewer = login(cast.viewer)
        assert viewer.get(self.url).status_code == 403
        assert viewer.post(self.url, {"text": REPORT}).status_code == 403
        assert not Report.objects.exists()


class TestReview:
    def test_text_is_marked_and_facts_listed_with_reasons(self, login, cast):
        report = make_report(cast.regions.town1)
        page = login(cast.leader).get(reverse("reader:report", args=[report.pk])).content.decode()
        assert 'class="mark mark-pending"' in page
        assert "财政总收入17.9亿元,同比增长8.8%</a>" in page
        assert "截止月份不明" in page and "不在指标目录中" in page
        assert "采纳 3 条" in page

    def test_the_table_reads_like_the_briefing(self, login, cast):
        # given a report whose facts include an indicator outside the catalogue
        report = make_report(cast.regions.town1)
        page = login(cast.town1).get(reverse("reader:report", args=[report.pk])).content.decode()
        # then names are Chinese, amounts in 亿元, periods written out, keys never shown
        assert "签约项目数" in page and "signed_projects_count" not in page
        assert "17.9亿元" in page and "2022年1至5月" in page
        assert "????" not in page

    def test_a_town_officer_may_not_accept(self, login, cast):
        report = make_report(cast.regions.town1)
        client = login(cast.town1)
        page = client.get(reverse("reader:report", args=[report.pk])).content.decode()
        assert "采纳 3 条" not in page
        assert client.post(reverse("reader:report_accept", args=[report.pk])).status_code == 403
        assert not IndicatorValue.objects.exists()

    def test_accept_writes_the_facts_as_peer_values(self, login, cast):
        report = make_report(cast.regions.town1)
        response = login(cast.leader).post(reverse("reader:report_accept", args=[report.pk]))
        assert response.status_code == 302
        assert IndicatorValue.objects.filter(region__name="湘东镇").count() == 3

    def test_other_town_and_viewer_cannot_accept_or_drop(self, login, cast):
        report = make_report(cast.regions.town2)
        revenue = fact(report, "fiscal_revenue")
        for user, status in ((cast.town1, 404), (cast.viewer, 403)):
            client = login(user)
            assert (
                client.post(reverse("reader:report_accept", args=[report.pk])).status_code == status
            )
            assert (
                client.post(reverse("reader:reportfact_drop", args=[revenue.pk])).status_code
                == status
            )
        assert not IndicatorValue.objects.exists()
        revenue.refresh_from_db()
        assert revenue.status == FactStatus.PENDING and revenue.version == 1

    def test_drop_and_take_back(self, login, cast):
        revenue = fact(make_report(cast.regions.town1), "fiscal_revenue")
        client = login(cast.town1)
        client.post(reverse("reader:reportfact_drop", args=[revenue.pk]))
        revenue.refresh_from_db()
        assert revenue.status == FactStatus.DROPPED
        client.post(reverse("reader:reportfact_drop", args=[revenue.pk]), {"keep": "1"})
        revenue.refresh_from_db()
        assert revenue.status == FactStatus.PENDING

    def test_correction_form_checks_the_unit_and_the_region(self, login, cast):
        signed = fact(make_report(cast.regions.town1), "signed_projects_count")
        url = reverse("reader:reportfact_edit", args=[signed.pk])
        client = login(cast.town1)
        data = TestReportFactViewScope().post_data(signed)
        bad = client.post(url, {**data, "unit": "美元", "region_name": "全镇"})
        assert bad.status_code == 400
        assert "不适用于此指标" in bad.content.decode() and "地区全称" in bad.content.decode()
        assert client.post(url, data).status_code == 302
        signed.refresh_from_db()
        assert (signed.indicator_key, signed.month, signed.corrected) == ("exports", 6, True)


class TestCompare:
    url = reverse("reader:compare")

    def test_own_town_against_peers_in_table_and_chart(self, login, cast):
        actions.accept_report(report=make_report(cast.regions.town1), user=cast.leader)
        make_value(cast.regions.town1, "fiscal_revenue", year=2022, month=5, value="90000")
        make_value(cast.regions.town2, "fiscal_revenue", year=2022, month=5, value="77777")
        response = login(cast.town1).get(self.url)
        page = response.content.decode()
        assert response.status_code == 200
        assert "湘东镇" in page and "城关街道" in page and "东岭镇" not in page
        assert "77,777" not in page and "179,000" in page
        assert "50.3%" in page  # 90000 ÷ 179000
        chart = response.context["chart"]
        assert chart["regions"] == ["城关街道", "湘东镇"] and chart["own"] == [True, False]

    def test_the_other_town_is_not_a_choice(self, login, cast):
        actions.accept_report(report=make_report(cast.regions.town1), user=cast.leader)
        query = f"?region={cast.regions.town2.pk}&indicator=1&year=2022&month=5"
        assert login(cast.town1).get(self.url + query).status_code == 400

    def test_without_peers_the_page_says_so(self, login, cast):
        page = login(cast.town2).get(self.url).content.decode()
        assert "还没有对标地区" in page

    def test_anonymous_goes_to_login(self, client):
        assert client.get(self.url).status_code == 302
