"""Documents on A4 in the 公文 layout (GB/T 9704), whichever page downloads them."""

import io

import docx
import pytest
from docx.shared import Pt

from mujun.core.word import add_body, add_title, docx_bytes, new_document


def mm(length) -> float:
    """A length as Word keeps it (in twips), in millimetres to a tenth."""
    return round(length.mm, 1)


def test_a_new_document_is_a4_with_the_official_margins():
    saved = docx.Document(io.BytesIO(docx_bytes(new_document())))
    section = saved.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)


def test_title_in_heiti_and_body_in_fangsong_sanhao_indented_two_characters():
    doc = new_document()
    add_title(doc, "标题")
    add_body(doc, "正文")
    read = docx.Document(io.BytesIO(docx_bytes(doc)))
    title, body = read.paragraphs
    assert title.runs[0].font.size == Pt(22) and title.runs[0].font.bold
    assert body.runs[0].font.size == Pt(16) and body.runs[0].font.name == "仿宋"
    assert body.paragraph_format.first_line_indent == Pt(32)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/projects/meeting/?format=docx",
        "/indicators/briefing/?region=339102&year=2026&month=5&format=docx",
        "/attraction/stats/?region=339102&start=2026-01&end=2026-06&format=docx",
    ],
)
def test_every_document_download_is_a4(login, cast, url):
    from mujun.regions.models import Region

    if "briefing" in url:
        url = url.replace("region=339102", f"region={Region.objects.get(code='339102').pk}")
    response = login(cast.leader).get(url)
    assert response.status_code == 200, response.content[:500]
    section = docx.Document(io.BytesIO(response.content)).sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
