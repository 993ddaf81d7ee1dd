"""Pages and API of the evaluation: schemes checked by the engine, lists with exports, the
report card, and the enterprise page's grades."""

from datetime import timedelta

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.core.spreadsheets import read_rows
from mujun.enterprises.testing import make_enterprise
from mujun.evaluation import actions
from mujun.evaluation.models import Scheme
from mujun.evaluation.testing import SCHEME, make_run, make_scheme, make_year

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def test_scheme_form_lists_every_mistake_as_the_cli_does(login, cast):
    client = login(cast.admin)
    broken = SCHEME.replace("weight = 60", 'weight = "60"').replace(
        "benchmark = 100", "benchmark = -"
    )
    response = client.post(
        reverse("evaluation:scheme_add"), {"region": cast.regions.county.code, "text": broken}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "未保存" in page and "not valid TOML" in page
    broken = SCHEME.replace("weight = 60", 'weight = "60"')
    page = client.post(
        reverse("evaluation:scheme_add"), {"region": cast.regions.county.code, "text": broken}
    ).content.decode()
    assert "groups.above.indicators.tax_per_mu.weight: must be a number" in page
    assert not Scheme.objects.exists()


def test_scheme_upload_and_edit_with_version_check(login, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(cast.admin)
    upload = SimpleUploadedFile("s.toml", SCHEME.encode("utf-8"))
    response = client.post(
        reverse("evaluation:scheme_add"), {"region": cast.regions.county.code, "upload": upload}
    )
    scheme = Scheme.objects.get()
    assert (
        response.status_code == 302
        and scheme.year == 2022
        and scheme.name == "测试县 2022 年度评价"
    )
    edit = reverse("evaluation:scheme_edit", args=[scheme.pk])
    data = {"region": scheme.region.code, "text": SCHEME.replace("测试县", "新名"), "version": 1}
    assert client.post(edit, data).status_code == 302
    stale = client.post(edit, {**data, "text": SCHEME})
    assert stale.status_code == 409
    assert Scheme.objects.get().name == "新名 2022 年度评价"


def test_scheme_from_a_shipped_one(login, cast):
    page = login(cast.admin).get(reverse("evaluation:scheme_add") + "?from=huangyan-2022")
    assert "24.097" in page.content.decode()


def test_results_filters_and_export(login, cast):
    r = cast.regions
    run = make_run(r.town1, county=r.county, enterprises=8)
    client = login(cast.leader)
    url = reverse("evaluation:result_list", args=[run.pk])
    assert "共 2 条" in client.get(url + "?klass=D").content.decode()
    assert "没有符合条件的记录" in client.get(url + "?group=below").content.decode()
    rows = read_rows("x.xlsx", client.get(url + "?klass=A&export=xlsx").getvalue())
    assert rows[0][:3] == ["评价组", "排名", "企业名称"] and [row[1] for row in rows[1:]] == [
        "1",
        "2",
    ]


def test_inefficient_land_total_and_surcharge_list_with_power_accounts(login, cast):
    r = cast.regions
    scheme = make_scheme(r.county)
    weak = make_enterprise(r.town1, above_size=True, power_account="3300012345")
    make_year(weak, land="12.5", tax="30", electricity="300")
    for n in range(3):
        make_year(make_enterprise(r.town1, above_size=True), land="10", tax=str(300 + n))
    run = actions.run_evaluation(scheme=scheme, year=2022, user=cast.admin)
    client = login(cast.town1)
    page = client.get(reverse("evaluation:run_inefficient", args=[run.pk])).content.decode()
    assert "12.50" in page and weak.name in page
    export = client.get(reverse("evaluation:run_surcharges", args=[run.pk]) + "?export=xlsx")
    rows = read_rows("x.xlsx", export.getvalue())
    assert rows[0][2] == "用电户号" and rows[1][2] == "3300012345"
    assert rows[1][-1] == "30"  # 0.10 元/kWh × 300 万kWh


def test_report_card_shows_benchmarks_override_and_what_is_needed(login, cast):
    r = cast.regions
    scheme = make_scheme(r.county)
    vetoed = make_enterprise(r.town1, above_size=True, name="否决企业有限公司")
    make_year(vetoed, tax="900", extra={"safety_accident": "1"})
    for n in range(7):
        make_year(make_enterprise(r.town1, above_size=True), tax=str(100 + 20 * n))
    run = actions.run_evaluation(scheme=scheme, year=2022, user=cast.admin)
    client = login(cast.town1)
    card = client.get(reverse("evaluation:result", args=[run.results.get(enterprise=vetoed).pk]))
    page = card.content.decode()
    assert "按得分排名应为 A 类" in page and "否决事项：发生安全生产事故" in page
    assert "因否决事项，最高只能评为 C 类" in page
    last = run.results.get(rank=8)
    data = client.get(
        f"/api/evaluation/runs/{run.pk}/enterprises/{last.enterprise.uscc}", **auth(cast.town1)
    ).json()
    assert data["result"]["klass"] == "D" and data["next_class"] == "C"
    tax = data["indicators"][0]
    assert tax["benchmark"] == "20" and tax["needed_for_next_class"]["reachable"]


def test_enterprise_page_shows_grades_by_year(login, cast):
    r = cast.regions
    run = make_run(r.town1, county=r.county, enterprises=4)
    today = actions.today()
    actions.start_publicity(
        run, start=today - timedelta(days=8), end=today - timedelta(days=1), user=cast.admin
    )
    actions.publish(run, user=cast.leader)
    result = run.results.get(rank=1)
    page = login(cast.town1).get(reverse("enterprises:enterprise", args=[result.enterprise_id]))
    text = page.content.decode()
    assert "亩均评价（历年类别）" in text and "A类（优先发展类）" in text


def test_api_creates_schemes_and_runs(client, cast):
    bad = client.post(
        "/api/evaluation/schemes",
        {"region": "339102", "text": SCHEME.replace("benchmark = 20", "benchmark = -1")},
        content_type="application/json",
        **auth(cast.admin),
    )
    assert bad.status_code == 422 and any(
        "benchmark" in p for p in bad.json()["detail"]["problems"]
    )
    created = client.post(
        "/api/evaluation/schemes",
        {"region": "339102", "text": SCHEME},
        content_type="application/json",
        **auth(cast.admin),
    )
    assert created.status_code == 201
    scheme_id = created.json()["id"]
    refused = client.post(
        "/api/evaluation/schemes",
        {"region": "339102", "text": SCHEME},
        content_type="application/json",
        **auth(cast.town1),
    )
    assert refused.status_code == 403
    empty = client.post(
        "/api/evaluation/runs",
        {"scheme": scheme_id, "year": 2022},
        content_type="application/json",
        **auth(cast.admin),
    )
    assert empty.status_code == 422
    make_year(make_enterprise(cast.regions.town1, above_size=True))
    run = client.post(
        "/api/evaluation/runs",
        {"scheme": scheme_id, "year": 2022},
        content_type="application/json",
        **auth(cast.admin),
    )
    assert run.status_code == 201 and run.json()["enterprise_count"] == 1
    results = client.get(
        f"/api/evaluation/runs/{run.json()['id']}/results?klass=D&region=339102001",
        **auth(cast.leader),
    ).json()
    assert results["count"] == 1 and results["items"][0]["total"] == "100"
