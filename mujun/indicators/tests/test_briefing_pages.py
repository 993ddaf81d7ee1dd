"""The briefing from stored figures: page, Word file, API and command, and its scope."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from mujun.accounts.models import ApiToken, User
from mujun.core.roles import Role
from mujun.indicators.reports import make_briefing
from mujun.indicators.testing import indicator, make_value
from mujun.regions.choices import Kind, Level
from mujun.regions.models import Region

QUERY_COUNTS = json.loads((Path(__file__).parent / "query_counts.json").read_text())

SEED_002_FIGURES = [
    # key, value in the stored unit, reported YoY (seed 002, 萍乡经开区, 1至5月 2022)
    ("fiscal_revenue", "179000", "8.8"),
    ("industrial_output_above_size", "3260000", "6.7"),
    ("fixed_asset_investment", "870000", "10"),
    ("industrial_investment", "421800", "16.2"),
    ("tech_renovation_investment", "83600", "147.1"),
    ("foreign_capital_actual", "5735", "13"),
    ("exports", "840000", "25"),
]
SEED_002_TEXT = (
    "1至5月,全区完成财政总收入17.9亿元,同比增长8.8%;完成规上工业总产值326亿元,同比增长6.7%;"
    "完成全社会固定资产投资87亿元,同比增长10%,其中工业投资完成42.18亿元,同比增长16.2%,"
    "工业技改投资完成8.36亿元,同比增长147.1%;完成实际利用外资5735万美元,同比增长13%,"
    "总量居全市第一位;完成外贸出口84亿元,同比增长25%,总量和增幅均居全市第一位。"
)


@pytest.fixture
def pingxiang(db):
    province = Region.objects.create(
        code="360000", name="江西省", level=Level.PROVINCE, kind=Kind.PROVINCE
    )
    city = Region.objects.create(
        code="360300", name="萍乡市", level=Level.CITY, kind=Kind.CITY, parent=province
    )
    zone = Region.objects.create(
        code="360399", name="萍乡经开区", level=Level.COUNTY, kind=Kind.ZONE, parent=city
    )
    peer = Region.objects.create(
        code="360302", name="安源区", level=Level.COUNTY, kind=Kind.DISTRICT, parent=city
    )
    for key, value, yoy in SEED_002_FIGURES:
        make_value(zone, key, year=2022, month=5, value=value, yoy_pct=yoy)
    # a sibling district behind the zone in foreign capital and exports, ahead elsewhere
    make_value(peer, "foreign_capital_actual", year=2022, month=5, value="3000", yoy_pct="20")
    make_value(peer, "exports", year=2022, month=5, value="500000", yoy_pct="12")
    make_value(peer, "fiscal_revenue", year=2022, month=5, value="250000", yoy_pct="9.5")
    return zone


def test_seed_002_briefing_from_stored_figures(pingxiang):
    keys = [k for k, _v, _y in SEED_002_FIGURES]
    chosen = [indicator(k) for k in keys]
    assert make_briefing(
        user=None, region=pingxiang, year=2022, month=5, indicators=chosen
    ).text == (SEED_002_TEXT)


@pytest.mark.django_db
class TestBriefingEverywhere:
    def test_api_answers_the_text(self, client, pingxiang):
        leader = User.objects.create(username="pxleader", role=Role.LEADER, region=pingxiang.parent)
        keys = ",".join(k for k, _v, _y in SEED_002_FIGURES)
        response = client.get(
            f"/api/indicators/briefing?region=360399&year=2022&month=5&indicators={keys}",
            HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(leader)}",
        )
        assert response.status_code == 200 and response.json()["text"] == SEED_002_TEXT

    def test_command_prints_the_text(self, pingxiang, capsys):
        keys = ",".join(k for k, _v, _y in SEED_002_FIGURES)
        call_command("briefing", region="360399", year=2022, month=5, indicators=keys)
        assert capsys.readouterr().out.strip() == SEED_002_TEXT

    def test_command_refuses_unknown_region_and_indicator(self, pingxiang):
        with pytest.raises(CommandError, match="没有区划代码"):
            call_command("briefing", region="999999", year=2022, month=5)
        with pytest.raises(CommandError, match="未知的指标"):
            call_command("briefing", region="360399", year=2022, month=5, indicators="gdp_x")

    def test_default_list_follows_the_catalogue_and_skips_missing(self, pingxiang):
        result = make_briefing(user=None, region=pingxiang, year=2022, month=5)
        assert result.text == SEED_002_TEXT
        assert ("规上工业增加值", "本期无数据") in result.skipped


@pytest.mark.django_db
class TestBriefingScope:
    """Two users in two towns: each gets their own town's paragraph and nothing of the other's."""

    def _figures(self, cast):
        make_value(cast.regions.town1, "fiscal_revenue", value="5000", yoy_pct="6")
        make_value(cast.regions.town2, "fiscal_revenue", value="9000", yoy_pct="3")

    def test_page_gives_own_town(self, login, cast):
        self._figures(cast)
        page = login(cast.town1).get(
            reverse("indicators:briefing"),
            {"region": cast.regions.town1.pk, "year": 2026, "month": 5},
        )
        text = page.content.decode()
        # the town's place among all the county's towns, as the county's 通报 prints it
        assert "1至5月,全街道完成财政总收入5000万元,同比增长6%,增幅居全县第一位。" in text
        assert "9000" not in text and "东岭" not in text

    def test_page_refuses_other_town(self, login, cast):
        self._figures(cast)
        page = login(cast.town2).get(
            reverse("indicators:briefing"),
            {"region": cast.regions.town1.pk, "year": 2026, "month": 5},
        )
        assert "5000万元" not in page.content.decode()
        docx = login(cast.town2).get(
            reverse("indicators:briefing"),
            {"region": cast.regions.town1.pk, "year": 2026, "month": 5, "format": "docx"},
        )
        assert docx["Content-Type"].startswith("text/html")

    def test_api_other_town_is_404(self, client, cast):
        self._figures(cast)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.town2)}"}
        mine = client.get("/api/indicators/briefing?region=339102002&year=2026&month=5", **headers)
        assert (
            mine.json()["text"] == "1至5月,全镇完成财政总收入9000万元,同比增长3%,总量居全县第一位。"
        )
        theirs = client.get(
            "/api/indicators/briefing?region=339102001&year=2026&month=5", **headers
        )
        assert theirs.status_code == 404

    def test_county_leader_sees_the_rank(self, client, cast):
        self._figures(cast)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.leader)}"}
        text = client.get(
            "/api/indicators/briefing?region=339102002&year=2026&month=5", **headers
        ).json()["text"]
        assert text == "1至5月,全镇完成财政总收入9000万元,同比增长3%,总量居全县第一位。"

    def test_anonymous_gets_login_and_401(self, client, cast):
        assert client.get(reverse("indicators:briefing")).status_code == 302
        assert (
            client.get("/api/indicators/briefing?region=339102001&year=2026&month=5").status_code
            == 401
        )

    def test_word_download(self, login, cast):
        self._figures(cast)
        response = login(cast.town1).get(
            reverse("indicators:briefing"),
            {"region": cast.regions.town1.pk, "year": 2026, "month": 5, "format": "docx"},
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        doc = Document(io.BytesIO(response.content))
        paragraphs = [p.text for p in doc.paragraphs]
        assert paragraphs[0] == "城关街道1至5月主要经济指标完成情况"
        assert "1至5月,全街道完成财政总收入5000万元,同比增长6%,增幅居全县第一位。" in paragraphs
        assert doc.tables[0].rows[1].cells[0].text == "财政总收入"

    def test_page_query_count(self, login, cast, django_assert_max_num_queries):
        self._figures(cast)
        client = login(cast.leader)
        with django_assert_max_num_queries(QUERY_COUNTS["indicators:briefing"]):
            client.get(
                reverse("indicators:briefing"),
                {"region": cast.regions.town1.pk, "year": 2026, "month": 5},
            )


@pytest.mark.django_db
def test_first_visit_shows_own_region_for_the_latest_month(login, cast):
    make_value(cast.regions.town1, "exports", year=2026, month=4, value="300")
    make_value(cast.regions.town1, "exports", year=2026, month=3, value="200")
    page = login(cast.town1).get(reverse("indicators:briefing")).content.decode()
    assert "1至4月,全街道完成外贸出口300万元。" in page
    assert "format=docx" in page
