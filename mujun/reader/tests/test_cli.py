"""`mujun extract` through cli.run on every input format, and the --gold scorer."""

import csv
import io
import json

import pytest

from mujun.reader.cli import FIELDS, run

REPORT = "1至5月,全区完成财政总收入17.9亿元,同比增长8.8%;完成规上工业总产值326亿元,同比增长6.7%。"


def _jsonl(capsys, argv):
    assert run(argv) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_txt_with_date(tmp_path, capsys):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    facts = _jsonl(capsys, [str(path), "--date", "2022-07-22"])
    assert [f["key"] for f in facts] == ["fiscal_revenue", "industrial_output_above_size"]
    assert facts[0]["doc"] == "report.txt" and facts[0]["period"] == "2022-01..2022-05"
    assert set(facts[0]) == set(FIELDS)
    assert REPORT[facts[0]["span_start"] : facts[0]["span_end"]] == facts[0]["span"]


def test_txt_without_date_leaves_the_year_unknown(tmp_path, capsys):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert _jsonl(capsys, [str(path)])[0]["period_start"] == "????-01"


def test_txt_in_gb18030(tmp_path, capsys):
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    assert len(_jsonl(capsys, [str(path), "--date", "2022-07-22"])) == 2


def test_jsonl_doc_record(tmp_path, capsys):
    path = tmp_path / "x.jsonl"
    rec = {"type": "doc", "id": "seed-x", "text": REPORT, "date": "2022-07-22"}
    path.write_text(
        json.dumps(rec, ensure_ascii=False) + "\n" + '{"type": "fact"}\n', encoding="utf-8"
    )
    facts = _jsonl(capsys, [str(path)])
    assert facts[0]["doc"] == "seed-x" and facts[0]["period_end"] == "2022-05"


def test_jsonl_without_doc_record_is_refused(tmp_path, capsys):
    path = tmp_path / "x.jsonl"
    path.write_text('{"type": "fact"}\n', encoding="utf-8")
    assert run([str(path)]) == 1
    assert "doc" in capsys.readouterr().err


def test_html(tmp_path, capsys):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><style>p{}</style><script>var a=1;</script></head><body>"
        "<div class='nav'>首页 | 新闻 | 政务 |</div><p>" + REPORT + "</p></body></html>",
        encoding="utf-8",
    )
    facts = _jsonl(capsys, [str(path), "--date", "2022-07-22"])
    assert [f["value"] for f in facts] == [1_790_000_000, 32_600_000_000]


def test_docx(tmp_path, capsys):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("萍乡经开区做强工业经济")
    d.add_paragraph(REPORT)
    path = tmp_path / "report.docx"
    d.save(str(path))
    facts = _jsonl(capsys, [str(path), "--date", "2022-07-22"])
    assert [f["key"] for f in facts] == ["fiscal_revenue", "industrial_output_above_size"]


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer is `text` (Identity-H font with a ToUnicode map)."""
    hexs = "".join(f"{ord(ch):04X}" for ch in text)
    content = f"BT /F1 12 Tf 50 700 Td <{hexs}> Tj ET".encode()
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
        b"1 beginbfrange <0000> <FFFF> <0000> endbfrange "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pdf_text_layer(tmp_path, capsys):
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf_with_text(REPORT))
    facts = _jsonl(capsys, [str(path), "--date", "2022-07-22"])
    assert [f["yoy_pct"] for f in facts] == [8.8, 6.7]


def test_csv_and_table_formats(tmp_path, capsys):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert run([str(path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["key"] == "fiscal_revenue" and list(rows[0]) == list(FIELDS)
    assert run([str(path), "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("doc") and "fiscal_revenue" in lines[1]


def test_bad_usage(tmp_path, capsys):
    assert run([]) == 2
    assert run(["--date", "yesterday", "x.txt"]) == 2
    assert run([str(tmp_path / "missing.txt")]) == 1
    assert run([str(tmp_path / "report.xls")]) == 1
    assert "unsupported" in capsys.readouterr().err


def test_gold_scoring(gold_dir, capsys):
    assert run(["--gold", str(gold_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["file", "facts"]
    assert any(line.startswith("seed-000.jsonl") for line in out)
    overall = out[-1].split()
    assert overall[0] == "overall" and float(overall[-1]) >= 0.90


def test_gold_dir_without_files(tmp_path, capsys):
    assert run(["--gold", str(tmp_path)]) == 2
