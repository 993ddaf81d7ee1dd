"""The briefing as a Word document: title, the paragraph, and the figures behind it."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .briefing import amount_text, number_text
from .reports import BriefingResult

_FONT = "仿宋"  # the typeface of official documents (GB/T 9704 body text)


def _set_font(run, size=16, bold=False, face=_FONT):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    # East Asian text takes the eastAsia font, not the Latin one
    run._element.rPr.rFonts.set(qn("w:eastAsia"), face)


def _cell(figure, suffix=""):
    return f"{number_text(figure.value)}{suffix}" if figure.ok else "—"


def briefing_docx(result: BriefingResult) -> bytes:
    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(title.add_run(result.title), size=22, bold=True, face="黑体")
    body = doc.add_paragraph()
    body.paragraph_format.first_line_indent = Pt(32)
    body.paragraph_format.line_spacing = Pt(28)
    _set_font(body.add_run(result.text or "本期没有可写入通报的指标数据。"))
    rows = [r for r in result.rows if r.value is not None]
    if rows:
        heading = doc.add_paragraph()
        _set_font(heading.add_run("附：指标明细"), size=14, bold=True, face="黑体")
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        headers = ["指标", "累计值", "同比（%）", "目标完成率（%）", "同级排名"]
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = header
        for row in rows:
            d = row.derived
            rank = d.rank_by_value
            cells = table.add_row().cells
            cells[0].text = row.indicator.name
            cells[1].text = amount_text(row.value.value, row.indicator.unit)
            cells[2].text = _cell(d.growth.effective)
            cells[3].text = _cell(d.completion.completion)
            cells[4].text = f"{rank.position}/{rank.of}" if rank and rank.of >= 2 else "—"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
