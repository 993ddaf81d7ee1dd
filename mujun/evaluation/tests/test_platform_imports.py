"""The year's data import: whole-file check, upsert by USCC + year, department kept."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from mujun.enterprises.testing import make_enterprise
from mujun.evaluation.imports import EnterpriseYearImporter
from mujun.evaluation.models import EnterpriseYear
from mujun.evaluation.testing import make_scheme

pytestmark = pytest.mark.django_db


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def two(cast):
    make_scheme(cast.regions.county)  # names the veto and protection flag columns
    return (
        make_enterprise(cast.regions.town1, above_size=True),
        make_enterprise(cast.regions.town1),
    )


def test_bad_file_writes_nothing_and_names_row_column_reason(cast, two):
    a, b = two
    content = xlsx(
        [
            ["统一社会信用代码", "数据年度", "用地面积(亩)", "评价税收(万元)", "发生安全生产事故"],
            [a.uscc, 2022, 12.5, 300, "否"],
            [b.uscc, 2022, -3, "abc", "也许"],
            ["91339102MA2XXXXXXX", 2022, 1, 1, ""],
        ]
    )
    result = EnterpriseYearImporter(cast.town1, "tax").run("d.xlsx", content)
    problems = [str(p) for p in result.problems]
    assert any(p.startswith("第 3 行，「用地面积(亩)」") and "负数" in p for p in problems)
    assert any(p.startswith("第 3 行，「评价税收(万元)」") for p in problems)
    assert any(p.startswith("第 3 行，「发生安全生产事故」") for p in problems)
    assert any(p.startswith("第 4 行，「统一社会信用代码」") for p in problems)
    assert not EnterpriseYear.objects.exists()


def test_same_file_twice_changes_nothing_and_departments_are_kept(cast, two):
    a, b = two
    statistics = xlsx(
        [
            ["统一社会信用代码", "数据年度", "规模", "工业增加值(万元)", "当年新升规"],
            [a.uscc, 2022, "规上", 1000, "是"],
            [b.uscc, 2022, "", 80.5, ""],
        ]
    )
    first = EnterpriseYearImporter(cast.town1, "statistics").run("s.xlsx", statistics)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = EnterpriseYearImporter(cast.town1, "statistics").run("s.xlsx", statistics)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    ey = EnterpriseYear.objects.get(enterprise=a)
    assert ey.history.count() == 1
    assert ey.extra == {"newly_above_size": "1"} and ey.size_class == "above"
    assert EnterpriseYear.objects.get(enterprise=b).size_class == "below"  # from the registry
    # The tax bureau's file touches only its own column; the statistics figures stay.
    tax = xlsx([["统一社会信用代码", "数据年度", "评价税收(万元)"], [a.uscc.lower(), 2022, 250]])
    result = EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", tax)
    assert (result.created, result.updated) == (0, 1)
    ey.refresh_from_db()
    assert ey.tax_wan == Decimal(250) and ey.value_added_wan == Decimal(1000)
    assert ey.sources == {
        "size_class": "statistics",
        "value_added_wan": "statistics",
        "newly_above_size": "statistics",
        "tax_wan": "tax",
    }


def test_other_towns_enterprises_are_not_importable(cast, two):
    theirs = make_enterprise(cast.regions.town2)
    content = xlsx([["统一社会信用代码", "数据年度", "评价税收(万元)"], [theirs.uscc, 2022, 1]])
    result = EnterpriseYearImporter(cast.town1, "tax").run("t.xlsx", content)
    assert "管辖范围" in str(result.problems[0]) and not EnterpriseYear.objects.exists()


def test_import_page_template_and_roles(login, cast, two):
    url = reverse("evaluation:enterpriseyear_import")
    assert login(cast.viewer).get(url).status_code == 403
    client = login(cast.town1)
    template = client.get(url + "?template=1")
    from mujun.core.spreadsheets import read_rows

    header = read_rows("t.xlsx", template.content)[0]
    assert header[:3] == ["统一社会信用代码", "数据年度", "企业名称"]
    assert "发生安全生产事故" in header and "当年新升规" in header
    a, _b = two
    upload = io.BytesIO(
        xlsx([["统一社会信用代码", "数据年度", "用电量(万千瓦时)"], [a.uscc, 2022, 50]])
    )
    upload.name = "p.xlsx"
    page = client.post(url, {"department": "power", "file": upload})
    assert page.status_code == 200 and "新增 1 条" in page.content.decode()
    assert EnterpriseYear.objects.get().sources == {"electricity_wan_kwh": "power"}
