"""The briefing as a Word document in the 公文 layout (core/word.py): title, the paragraph,
and the figures behind it."""

from mujun.core.word import add_body, add_heading, add_table, add_title, docx_bytes, new_document

from .briefing import amount_text, number_text
from .reports import BriefingResult


def _cell(figure, suffix=""):
    return f"{number_text(figure.value)}{suffix}" if figure.ok else "—"


def briefing_docx(result: BriefingResult) -> bytes:
    doc = new_document()
    add_title(doc, result.title)
    add_body(doc, result.text or "本期没有可写入通报的指标数据。")
    rows = [r for r in result.rows if r.value is not None]
    if rows:
        add_heading(doc, "附：指标明细")
        cells = []
        for row in rows:
            d = row.derived
            rank = d.rank_by_value
            cells.append(
                [
                    row.indicator.name,
                    amount_text(row.value.value, row.indicator.unit),
                    _cell(d.growth.effective),
                    _cell(d.completion.completion),
                    f"{rank.position}/{rank.of}" if rank and rank.of >= 2 else "—",
                ]
            )
        add_table(doc, ["指标", "累计值", "同比（%）", "目标完成率（%）", "同级排名"], cells)
    return docx_bytes(doc)
