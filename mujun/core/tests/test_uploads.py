"""Uploads that would exhaust the server are refused early with a clear message (issue 21,
item 8): by size before reading, by what a zip unpacks to before unpacking, by rows before
parsing."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mujun.core.spreadsheets import UnreadableFile, read_rows, workbook_bytes
from mujun.core.uploads import MB, TooCostly, check_unpacked, check_xlsx_rows

HEAD = (
    b'<?xml version="1.0"?><worksheet '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)


def _with_sheet(rows: int, cell: bytes) -> bytes:
    """A real .xlsx whose first sheet is replaced by ``rows`` rows of ``cell``."""
    template = workbook_bytes(["名称"], [["x"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                body = b"".join(b'<row r="%d">%s</row>' % (i, cell) for i in range(1, rows + 1))
                dst.writestr(info.filename, HEAD + body + b"</sheetData></worksheet>")
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def test_a_sheet_of_many_rows_is_refused_before_it_is_parsed():
    content = _with_sheet(1_000_000, b'<c r="A1" t="inlineStr"><is><t>x</t></is></c>')
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="行数超过上限 50,000 行"):
        read_rows("bomb.xlsx", content)
    assert time.perf_counter() - started < 2


def test_a_zip_that_unpacks_to_too_much_is_refused_from_its_directory():
    content = _with_sheet(
        200_000, b'<c r="A1" t="inlineStr"><is><t>' + b"x" * 600 + b"</t></is></c>"
    )
    assert len(content) < 5 * MB
    with pytest.raises(TooCostly, match="解压后过大"):
        check_unpacked(content, 100 * MB)
    with pytest.raises(UnreadableFile, match="解压后过大"):
        read_rows("bomb.xlsx", content)


def test_rows_are_counted_across_chunk_boundaries():
    content = _with_sheet(70_001, b"")
    check_xlsx_rows(content, 70_000)  # the header row and 70,000 below it
    with pytest.raises(TooCostly):
        check_xlsx_rows(content, 69_999)


def test_text_that_looks_like_a_row_tag_does_not_refuse_a_sheet_within_the_limit():
    # each cell's ":row" passes the byte search's bound; the exact count then lets it in
    content = _with_sheet(40_000, b'<c r="A1" t="inlineStr"><is><t>a:row b:row</t></is></c>')
    check_xlsx_rows(content, 39_999)
    with pytest.raises(TooCostly):
        check_xlsx_rows(content, 39_998)


def test_rows_with_a_namespace_prefix_are_counted():
    body = b"".join(b'<x:row r="%d"><x:c r="A1"/></x:row>' % i for i in range(1, 30_002))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<x:sheetData>" + body + b"</x:sheetData>")
    check_xlsx_rows(out.getvalue(), 30_000)
    with pytest.raises(TooCostly):
        check_xlsx_rows(out.getvalue(), 29_999)


def test_a_csv_of_too_many_rows_stops_early():
    content = ("名称\n" + "x\n" * 60_000).encode()
    with pytest.raises(UnreadableFile, match="行数超过上限"):
        read_rows("x.csv", content)
    assert len(read_rows("x.csv", content, max_rows=60_000)) == 60_001


def test_a_csv_with_an_enormous_cell_is_a_message_not_an_error():
    with pytest.raises(UnreadableFile, match="某一格内容过长"):
        read_rows("x.csv", b'a\n"' + b"x" * 200_000 + b'"\n')


def test_a_damaged_excel_file_is_a_chinese_message():
    with pytest.raises(UnreadableFile) as caught:
        read_rows("x.xlsx", b"PK\x03\x04 not really a workbook")
    assert "无法读取 Excel 文件" in str(caught.value) and "/tmp" not in str(caught.value)


@pytest.mark.django_db
class TestPages:
    def test_an_import_larger_than_the_limit_is_refused_unread(self, login, cast, settings):
        settings.MUJUN_UPLOAD_MAX_MB = 1
        upload = SimpleUploadedFile("big.csv", b"x" * (MB + 10), "text/csv")
        response = login(cast.town1).post(
            reverse("enterprises:enterprise_import"), {"file": upload}
        )
        assert response.status_code == 400 and "文件过大" in response.content.decode()

    def test_an_import_of_too_many_rows_says_so(self, login, cast, settings):
        settings.MUJUN_IMPORT_MAX_ROWS = 10
        rows = "".join(f"企业{i},91339102MA00000{i:03d},城关街道,3411\n" for i in range(20))
        upload = SimpleUploadedFile(
            "many.csv",
            ("企业名称,统一社会信用代码,所在镇街,行业代码\n" + rows).encode(),
            "text/csv",
        )
        response = login(cast.town1).post(
            reverse("enterprises:enterprise_import"), {"file": upload}
        )
        assert response.status_code == 400 and "行数超过上限 10 行" in response.content.decode()

    def test_a_request_larger_than_any_upload_is_refused_before_it_is_read(self, client, cast):
        response = client.generic(
            "POST", "/api/reader/extract", b"{}", "application/json", CONTENT_LENGTH=str(50 * MB)
        )
        assert response.status_code == 413 and "请求过大" in response.json()["detail"]

    def test_a_docx_bomb_is_refused_unread(self, login, cast):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as docx:
            docx.writestr("word/document.xml", b"<w:p/>" * (25 * MB))
        assert len(out.getvalue()) < MB
        upload = SimpleUploadedFile("bomb.docx", out.getvalue())
        started = time.perf_counter()
        response = login(cast.town1).post(reverse("reader:report_add"), {"file": upload})
        assert time.perf_counter() - started < 5
        assert response.status_code == 400 and "解压后过大" in response.content.decode()

    def test_a_damaged_docx_does_not_show_the_servers_paths(self, login, cast):
        upload = SimpleUploadedFile("broken.docx", b"PK\x03\x04 damaged")
        page = login(cast.town1).post(reverse("reader:report_add"), {"file": upload})
        text = page.content.decode()
        assert page.status_code == 400 and "不是有效的 .docx 文件" in text
        assert "/tmp" not in text and "Package not found" not in text

    def test_a_report_longer_than_the_limit_is_refused(self, client, cast, settings):
        from mujun.accounts.models import ApiToken

        settings.MUJUN_REPORT_MAX_CHARS = 1000  # read at request time by the page
        page = client
        page.force_login(cast.town1)
        response = page.post(reverse("reader:report_add"), {"text": "字" * 1001})
        assert response.status_code == 400 and "正文过长" in response.content.decode()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.town1)}"}
        api = client.post(
            "/api/reader/extract",
            {"text": "字" * 200_001},
            content_type="application/json",
            **headers,
        )
        assert api.status_code == 422 and "最多" in api.json()["detail"]["text"][0]


def test_rows_are_counted_without_parsing_the_file():
    from mujun.core.spreadsheets import workbook_bytes
    from mujun.core.uploads import count_rows

    assert count_rows("a.csv", b"h1,h2\n1,2\n3,4\n") == 2
    assert count_rows("a.csv", b"h1,h2\r\n1,2\r\n3,4") == 2
    assert count_rows("a.xlsx", workbook_bytes(["a", "b"], [[i, i] for i in range(25)])) == 25
    assert count_rows("a.xls", b"\xd0\xcf\x11\xe0") is None
    assert count_rows("a.xlsx", b"PK damaged") is None
