"""Word documents as Chinese government documents are laid out (GB/T 9704, 公文格式): A4, its
margins, the title in 小标宋/黑体 二号, body text in 仿宋 三号 with a two-character first-line
indent. Every download of the platform that is a document goes through these."""

import io
from urllib.parse import quote

from django.http import HttpResponse
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT, TITLE_FONT = "仿宋", "黑体"
# 三号 and 二号 in points
BODY_SIZE, TITLE_SIZE = 16, 22


def new_document():
    """An empty A4 document with the 公文 margins (top 37 mm, bottom 35, left 28, right 26)."""
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    return doc


def set_font(run, size=BODY_SIZE, bold=False, face=BODY_FONT):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    # East Asian text takes the eastAsia font, not the Latin one
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


def add_title(doc, text: str):
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run(text), size=TITLE_SIZE, bold=True, face=TITLE_FONT)
    return paragraph


def add_body(doc, text: str):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
    paragraph.paragraph_format.line_spacing = Pt(28)
    set_font(paragraph.add_run(text))
    return paragraph


def add_heading(doc, text: str):
    paragraph = doc.add_paragraph()
    set_font(paragraph.add_run(text), size=BODY_SIZE, bold=True, face=TITLE_FONT)
    return paragraph


# more columns than this do not fit an A4 page upright in 三号-sized text
WIDE_COLUMNS = 8
# 小五 in points: the text of a wide table's cells
WIDE_SIZE = 9


def add_table(doc, headers: list[str], rows: list[list[str]], *, title: str = ""):
    """A table under its ``title`` (a heading). A table of more than ``WIDE_COLUMNS`` columns
    (a statistics table of fifteen figures) starts landscape pages in 小五, where its columns
    have room: put it last (an appendix), as what follows it stays on those pages."""
    wide = len(headers) > WIDE_COLUMNS
    if wide:
        _landscape(doc.add_section(WD_SECTION.NEW_PAGE))
    if title:
        add_heading(doc, title)
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)
    if wide:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        set_font(run, size=WIDE_SIZE)
    return table


def _landscape(section) -> None:
    """A4 on its side, the 公文 margins turned with the page."""
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(37), Mm(35)


def docx_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_response(content: bytes, filename: str) -> HttpResponse:
    """A download named ``filename`` (without .docx), Chinese characters and all."""
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"document.docx\"; filename*=UTF-8''{quote(filename + '.docx')}"
    )
    return response
