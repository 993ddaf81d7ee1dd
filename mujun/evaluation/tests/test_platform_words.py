"""The evaluation as a county officer reads it: Chinese words instead of the scheme's
identifiers, figures to the scheme's precision on the pages and in the exports, the state of
a publicity that has ended, and only the buttons a user may press."""

import html
import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mujun.enterprises.testing import make_enterprise
from mujun.evaluation import actions
from mujun.evaluation.testing import SCHEME, make_scheme, make_year

pytestmark = pytest.mark.django_db

# identifiers of the scheme format and the engine that must never reach a page as words
IDENTIFIERS = re.compile(
    r"\b(tax_wan|land_mu|value_added_wan|revenue_wan|rd_wan|electricity_wan_kwh|above|below|"
    r"inefficient|tax_per_mu|value_added_per_mu|rd_intensity|safety_accident|newly_above_size|"
    r"aggregate|group_mean|benchmark|None)\b"
)

# the test scheme with a share among its indicators (R&D 强度, Huangyan's benchmark 0.0302)
WITH_SHARE = SCHEME.replace(
    '  [groups.classes]\n  method = "shares"',
    """  [[groups.indicators]]
  key = "rd_intensity"
  label = "研发经费投入强度"
  numerator = "rd_wan"
  denominator = "revenue_wan"
  weight = 0
  benchmark = 0.0302

  [groups.classes]
  method = "shares\"""",
    1,
)


def visible(response) -> str:
    """The words a person sees: no markup, scripts, or the scheme file shown as code."""
    page = response.content.decode()
    page = re.sub(r"(?s)<head>.*?</head>|<script.*?</script>|<pre.*?</pre>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def county_run(cast):
    """A county run of two above-size enterprises in town 1, one vetoed, and one below-size,
    in a publicity that ended yesterday, with an objection correcting land."""
    r = cast.regions
    scheme = make_scheme(r.county, text=WITH_SHARE)
    strong = make_enterprise(r.town1, above_size=True, name="甲企业有限公司")
    make_year(strong, land="10", tax="300", rd_wan="90")  # 30 万元/亩, R&D 3%
    weak = make_enterprise(r.town1, above_size=True, name="乙企业有限公司")
    make_year(weak, land="10", tax="50", extra={"safety_accident": "1"}, rd_wan="0")
    small = make_enterprise(r.town1, name="丙企业有限公司")
    make_year(small, size="below", land="20", tax="40")
    run = actions.run_evaluation(scheme=scheme, year=2022, user=cast.admin)
    today = actions.today()
    actions.start_publicity(
        run, start=today - timedelta(days=7), end=today - timedelta(days=1), user=cast.admin
    )
    result = run.results.get(enterprise=weak)
    objection = actions.file_objection(
        result, note="用地面积有误", corrections={"land_mu": "6.31"}, user=cast.town1
    )
    return run, scheme, result, objection


def pages(run, scheme, result, objection):
    ey = result.enterprise.evaluation_years.get()
    return [
        reverse("evaluation:run_list"),
        reverse("evaluation:run", args=[run.pk]),
        reverse("evaluation:result_list", args=[run.pk]),
        reverse("evaluation:run_inefficient", args=[run.pk]),
        reverse("evaluation:run_surcharges", args=[run.pk]),
        reverse("evaluation:result", args=[result.pk]),
        reverse("evaluation:scheme_list"),
        reverse("evaluation:scheme", args=[scheme.pk]),
        reverse("evaluation:objection_list"),
        reverse("evaluation:objection", args=[objection.pk]),
        reverse("evaluation:objection_history", args=[objection.pk]),
        reverse("evaluation:enterpriseyear_list"),
        reverse("evaluation:enterpriseyear", args=[ey.pk]),
        reverse("evaluation:enterpriseyear_history", args=[ey.pk]),
        reverse("evaluation:run_history", args=[run.pk]),
    ]


def test_pages_name_columns_groups_and_rules_in_chinese(login, cast, county_run):
    client = login(cast.admin)
    for url in pages(*county_run):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible(response)
        assert not IDENTIFIERS.findall(text), (url, IDENTIFIERS.findall(text))
        assert "{'" not in text and "[{" not in text, url  # no dict or JSON on the page


def test_formulas_and_corrections_are_labelled_with_units(login, cast, county_run):
    run, scheme, result, objection = county_run
    client = login(cast.admin)
    detail = visible(client.get(reverse("evaluation:scheme", args=[scheme.pk])))
    assert "评价税收(万元) ÷ 用地面积(亩)" in detail
    assert "规上工业企业亩均税收低于 6 万元/亩" in detail and "A 25%" in detail
    objection_page = visible(client.get(reverse("evaluation:objection", args=[objection.pk])))
    assert "用地面积：6.31 亩" in objection_page
    ey = result.enterprise.evaluation_years.get()
    history = visible(client.get(reverse("evaluation:enterpriseyear_history", args=[ey.pk])))
    assert "发生安全生产事故：是" in history and "评价税收：统计局" in history


def test_report_card_to_the_schemes_precision(login, cast, county_run):
    run = county_run[0]
    strong = run.results.get(enterprise__name="甲企业有限公司")
    text = visible(login(cast.town1).get(reverse("evaluation:result", args=[strong.pk])))
    # 300 万元 ÷ 10 亩 = 30 against the benchmark 20: score 30 ÷ 20 × 60 = 90
    assert "30.0000 万元/亩" in text and "20 万元/亩" in text and "150.00%" in text
    assert "90.0000" in text
    # a share is a percentage, the scheme's benchmark as it writes it
    assert "3.00%" in text and "3.02%" in text and "0.0302" not in text
    # amounts as officials write them
    assert "300万元" in text


def test_a_coarser_scheme_shows_fewer_decimals(login, cast):
    r = cast.regions
    scheme = make_scheme(r.county, text=SCHEME.replace("score_decimals = 4", "score_decimals = 2"))
    enterprise = make_enterprise(r.town1, above_size=True)
    make_year(enterprise, land="10", tax="300")
    run = actions.run_evaluation(scheme=scheme, year=2022, user=cast.admin)
    result = run.results.get()
    text = visible(login(cast.admin).get(reverse("evaluation:result", args=[result.pk])))
    assert "30.00 万元/亩" in text and "90.00" in text and "30.0000" not in text


def test_exports_keep_the_schemes_precision_and_chinese_headers(login, cast, county_run):
    run = county_run[0]
    user = cast.leader
    # the user has added the indicators' columns to the ranking
    user.table_columns = {
        "evaluation.ResultTable": ["企业名称", "综合得分", "亩均税收(万元/亩)", "研发经费投入强度"]
    }
    user.save()
    response = login(user).get(reverse("evaluation:result_list", args=[run.pk]) + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(min_row=1, max_row=2))
    assert [c.value for c in rows[0]] == [
        "企业名称",
        "综合得分",
        "亩均税收(万元/亩)",
        "研发经费投入强度",
    ]
    _name, total, tax, share = rows[1]
    assert total.number_format == "#,##0.0000" and tax.number_format == "#,##0.0000"
    assert tax.value == 30 and share.value == 0.03 and share.number_format == "#,##0.00%"
    page = visible(login(user).get(reverse("evaluation:result_list", args=[run.pk])))
    assert "30.0000" in page and "3.00%" in page


def test_an_ended_publicity_waits_for_sign_off(login, cast, county_run):
    run = county_run[0]
    text = visible(login(cast.leader).get(reverse("evaluation:run", args=[run.pk])))
    assert "公示期满，待发布" in text and "公示中" not in text.replace("公示期满", "")


def test_buttons_only_for_what_the_user_may_do(login, cast, county_run):
    run, scheme, result, objection = county_run
    draft = actions.run_evaluation(scheme=scheme, year=2022, user=cast.admin)
    run_page = reverse("evaluation:run", args=[draft.pk])
    scheme_page = reverse("evaluation:scheme", args=[scheme.pk])
    objection_page = reverse("evaluation:objection", args=[objection.pk])
    card = reverse("evaluation:result", args=[result.pk])
    for user in (cast.leader, cast.viewer, cast.town1):
        client = login(user)
        page = client.get(run_page).content.decode()
        assert 'id="publicity-form"' not in page, user
        page = client.get(scheme_page).content.decode()
        assert 'id="run-form"' not in page and "/edit/" not in page, user
        assert 'id="resolve-form"' not in client.get(objection_page).content.decode(), user
    # the leader signs off but files no objection; the town's officer files one
    assert 'id="objection-form"' not in login(cast.leader).get(card).content.decode()
    assert 'id="objection-form"' in login(cast.town1).get(card).content.decode()
    client = login(cast.admin)
    assert 'id="publicity-form"' in client.get(run_page).content.decode()
    assert 'id="run-form"' in client.get(scheme_page).content.decode()
    assert 'id="resolve-form"' in client.get(objection_page).content.decode()


def test_the_demo_built_today_has_last_year_published(cast, monkeypatch):
    from mujun.demo.context import DemoContext
    from mujun.evaluation import demo
    from mujun.evaluation.models import EvaluationRun, Scheme

    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 12, 7))
    r = cast.regions
    ctx = DemoContext.create(seed=7, password="x", log=lambda *a: None)
    ctx.county = r.county
    ctx.users = {"demo-admin": cast.admin, "demo-leader": cast.leader}
    ctx.enterprises = [
        make_enterprise(r.town1 if n % 2 else r.town2, above_size=n < 12, area_mu=10 + n)
        for n in range(45)
    ]
    demo.build(ctx)
    published = EvaluationRun.objects.filter(status="published")
    assert set(published.values_list("year", flat=True)) == {2024, 2025}
    assert not EvaluationRun.objects.filter(status__in=["publicity", "draft"]).exists()
    assert Scheme.objects.filter(year=2026).exists()
    assert not EvaluationRun.objects.filter(year=2026).exists()


def test_exports_name_everything_in_chinese(login, cast, county_run):
    run = county_run[0]
    client = login(cast.admin)
    lists = [
        reverse("evaluation:run_list"),
        reverse("evaluation:result_list", args=[run.pk]),
        reverse("evaluation:run_inefficient", args=[run.pk]),
        reverse("evaluation:run_surcharges", args=[run.pk]),
        reverse("evaluation:scheme_list"),
        reverse("evaluation:objection_list"),
        reverse("evaluation:enterpriseyear_list"),
    ]
    for url in lists:
        sheet = load_workbook(io.BytesIO(client.get(url + "?export=xlsx").getvalue())).active
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        assert len(cells) > len(next(sheet.iter_rows())), url  # a header and rows
        found = [c for c in cells if IDENTIFIERS.search(c)]
        assert not found, (url, found)
