"""Another town's credit code is answered as a code the user may not use, never as "exists"
(issue 21, item 9): the API, the page and the import alike."""

import pytest
from django.urls import reverse

from mujun.accounts.models import ApiToken
from mujun.core.spreadsheets import workbook_bytes
from mujun.enterprises.imports import EnterpriseImporter
from mujun.enterprises.models import Enterprise
from mujun.enterprises.testing import make_enterprise, new_uscc

pytestmark = pytest.mark.django_db

UNAVAILABLE = "统一社会信用代码无效，或不在您的管辖范围内"


def _body(uscc):
    return {
        "name": "新登记企业有限公司",
        "uscc": uscc,
        "region": "339102001",
        "industry_code": "3411",
    }


def test_the_api_answers_another_towns_code_as_unavailable(client, cast):
    theirs = make_enterprise(cast.regions.town2, name="东岭外镇秘密有限公司")
    response = client.post(
        "/api/enterprises",
        _body(theirs.uscc),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.town1)}",
    )
    assert response.status_code == 422
    text = str(response.json())
    assert UNAVAILABLE in text and "东岭" not in text and "已存在" not in text


def test_the_page_and_the_import_answer_it_the_same(login, cast):
    theirs = make_enterprise(cast.regions.town2)
    page = login(cast.town1).post(reverse("enterprises:enterprise_add"), _body(theirs.uscc))
    assert page.status_code == 400 and UNAVAILABLE in page.content.decode()
    content = workbook_bytes(
        ["企业名称", "统一社会信用代码", "所在镇街", "行业代码"],
        [["新登记企业有限公司", theirs.uscc, "城关街道", "3411"]],
    )
    result = EnterpriseImporter(cast.town1).run("e.xlsx", content)
    assert [p.reason for p in result.problems] == [UNAVAILABLE]
    assert Enterprise.objects.get(pk=theirs.pk).region == cast.regions.town2


def test_an_own_duplicate_names_the_enterprise(client, cast):
    mine = make_enterprise(cast.regions.town1, name="城关已登记有限公司")
    response = client.post(
        "/api/enterprises",
        _body(mine.uscc),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.town1)}",
    )
    assert response.status_code == 422 and "城关已登记有限公司" in str(response.json())


def test_a_county_user_sees_which_enterprise_has_the_code(client, cast):
    theirs = make_enterprise(cast.regions.town2, name="东岭已登记有限公司")
    response = client.post(
        "/api/enterprises",
        _body(theirs.uscc),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.admin)}",
    )
    assert response.status_code == 422 and "东岭已登记有限公司" in str(response.json())


def test_a_new_code_is_registered(client, cast):
    response = client.post(
        "/api/enterprises",
        _body(new_uscc()),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.town1)}",
    )
    assert response.status_code == 201
