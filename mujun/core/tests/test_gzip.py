"""Pages go out compressed to a browser that accepts gzip; downloads and JSON as they are."""

import gzip

import pytest
from django.urls import reverse

from mujun.projects.testing import make_project

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_page_is_compressed_and_reads_the_same(login, cast):
    make_project(cast.regions.town1, name="压缩测试项目")
    client = login(cast.town1)
    plain = client.get("/projects/")
    packed = client.get("/projects/", **GZIP)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    page = gzip.decompress(packed.content).decode()
    assert "压缩测试项目" in page
    assert len(packed.content) < len(plain.content) / 2


def test_downloads_and_json_are_not_compressed(login, cast):
    make_project(cast.regions.town1)
    client = login(cast.town1)
    export = client.get(reverse("projects:project_list") + "?export=xlsx", **GZIP)
    answer = client.get("/api/projects", **GZIP)
    assert export.status_code == answer.status_code == 200
    assert "Content-Encoding" not in export and "Content-Encoding" not in answer
