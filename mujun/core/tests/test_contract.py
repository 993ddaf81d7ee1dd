"""The published contract and the answers' words (issue 21, item 9)."""

import pytest
from django.urls import reverse

from mujun.api import api


def _schema():
    return api.get_openapi_schema()


def test_no_two_schemas_share_a_component_name():
    """Two classes of one name become one component of the schema, and the answers of one
    then violate it (``IndicatorOut`` of the catalogue and of the report card): every schema
    class of the API modules has a name of its own."""
    import importlib
    import inspect
    import pkgutil

    from pydantic import BaseModel

    import mujun

    seen = {}
    for info in pkgutil.iter_modules(mujun.__path__):
        try:
            module = importlib.import_module(f"mujun.{info.name}.api")
        except ModuleNotFoundError:
            continue
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseModel)
                and obj.__module__ == module.__name__
            ):
                assert name not in seen or seen[name] is obj, f"{name}: {seen.get(name)} and {obj}"
                seen[name] = obj
    assert "ErrorOut" in _schema()["components"]["schemas"]


def test_the_catalogue_answers_its_published_schema(client, cast):
    from mujun.accounts.models import ApiToken

    response = client.get(
        "/api/indicators/catalogue", HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.town1)}"
    )
    published = _schema()["components"]["schemas"]["IndicatorOut"]["properties"]
    assert response.status_code == 200
    assert set(response.json()[0]) == set(published)


def test_every_operation_documents_its_errors():
    for path, operations in _schema()["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if operation.get("security"):
                assert {"401", "403"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in codes, (method, path)
            if method != "get":
                assert "409" in codes, (method, path)


@pytest.mark.django_db
def test_the_upsert_answers_422_in_its_documented_shape(client, cast):
    from mujun.accounts.models import ApiToken

    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.town1)}"}
    for body in ({"not": "a list"}, [{"region": "339102001"}]):
        response = client.post(
            "/api/indicators/values", body, content_type="application/json", **headers
        )
        assert response.status_code == 422
        detail = response.json()["detail"]
        if isinstance(detail, list):
            assert {"index", "field", "reason"} <= set(detail[0])
        else:
            assert all(isinstance(v, list) for v in detail.values())


@pytest.mark.django_db
def test_every_answer_carries_a_content_security_policy(client, login, cast):
    for response in (
        client.get(reverse("accounts:login")),
        client.get("/api/projects"),
        login(cast.town1).get(reverse("projects:project_list")),
    ):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy


@pytest.mark.django_db
def test_no_page_runs_inline_script(login, cast):
    """What the policy forbids is not written: no inline handler or javascript: link."""
    from mujun.projects.testing import make_project

    project = make_project(cast.regions.town1)
    client = login(cast.town1)
    for url in (reverse("projects:project_edit", args=[project.pk]), reverse("home:home")):
        page = client.get(url, HTTP_REFERER="http://testserver/projects/").content.decode()
        assert "javascript:" not in page and " onclick=" not in page
    edit = client.get(reverse("projects:project_edit", args=[project.pk])).content.decode()
    assert f'href="/projects/{project.pk}/"' in edit  # 取消 goes back to the project
