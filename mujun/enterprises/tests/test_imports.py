import pytest
from django.urls import reverse

from mujun.core.spreadsheets import workbook_bytes
from mujun.enterprises.imports import EnterpriseImporter
from mujun.enterprises.models import Enterprise, LandParcel
from mujun.enterprises.testing import make_enterprise, new_uscc

HEADER = ["企业名称", "统一社会信用代码", "所在镇街", "行业代码", "规模以上", "用地面积（亩）"]


def xlsx(rows, header=HEADER) -> bytes:
    return workbook_bytes(header, rows)


def state():
    return sorted(
        Enterprise.objects.values_list("uscc", "name", "region__name", "above_size", "version")
    ), sorted(LandParcel.objects.values_list("enterprise__uscc", "area_mu", "version"))


@pytest.mark.django_db
class TestEnterpriseImport:
    def test_good_file_creates_then_second_import_changes_nothing(self, cast):
        a, b = new_uscc(), new_uscc()
        content = xlsx(
            [
                ["甲公司", a, "城关街道", "3411", "是", 12.5],
                ["乙公司", b, "339102001", 2926, "否", None],
            ]
        )
        first = EnterpriseImporter(cast.town1).run("e.xlsx", content)
        assert first.ok and first.created == 2
        assert Enterprise.objects.get(uscc=a).above_size is True
        assert LandParcel.objects.get(enterprise__uscc=a).area_mu == pytest.approx(12.5)
        before = state()
        history = Enterprise.history.count()
        second = EnterpriseImporter(cast.town1).run("e.xlsx", content)
        assert second.ok and second.created == 0 and second.updated == 0 and second.unchanged == 2
        assert state() == before
        assert Enterprise.history.count() == history

    def test_changed_row_updates_by_uscc(self, cast):
        e = make_enterprise(cast.regions.town1, name="旧名", area_mu=5)
        result = EnterpriseImporter(cast.town1).run(
            "e.xlsx", xlsx([["新名", e.uscc, "城关街道", "3411", "否", 5]])
        )
        assert result.updated == 1
        e.refresh_from_db()
        assert e.name == "新名" and e.version == 2

    def test_bad_file_writes_nothing_and_lists_every_problem(self, cast):
        good, dup = new_uscc(), new_uscc()
        bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
        content = xlsx(
            [
                ["好公司", good, "城关街道", "3411", "是", 10],
                ["坏校验码", bad_check, "城关街道", "3411", "否", 1],
                ["未知镇", new_uscc(), "火星镇", "3411", "否", 1],
                ["负面积", new_uscc(), "城关街道", "3411", "否", -3],
                [None, new_uscc(), "城关街道", "3411", "否", 1],
                ["重复一", dup, "城关街道", "3411", "否", 1],
                ["重复二", dup, "城关街道", "3411", "否", 1],
            ]
        )
        result = EnterpriseImporter(cast.town1).run("bad.xlsx", content)
        text = [str(p) for p in result.problems]
        assert not result.ok
        assert Enterprise.objects.count() == 0 and LandParcel.objects.count() == 0
        assert any("第 3 行" in t and "统一社会信用代码" in t and "校验码" in t for t in text)
        assert any("第 4 行" in t and "所在镇街" in t and "火星镇" in t for t in text)
        assert any("第 5 行" in t and "用地面积" in t and "负数" in t for t in text)
        assert any("第 6 行" in t and "企业名称" in t for t in text)
        assert any("第 8 行" in t and "与第 7 行重复" in t for t in text)

    def test_other_towns_name_is_unknown_to_an_officer(self, cast):
        result = EnterpriseImporter(cast.town1).run(
            "e.xlsx", xlsx([["越界", new_uscc(), "东岭镇", "3411", "否", 1]])
        )
        assert not result.ok and "东岭镇" in str(result.problems[0])

    def test_uscc_of_other_towns_enterprise_is_refused(self, cast):
        theirs = make_enterprise(cast.regions.town2, name="他镇企业")
        result = EnterpriseImporter(cast.town1).run(
            "e.xlsx", xlsx([["抢注", theirs.uscc, "城关街道", "3411", "否", 1]])
        )
        assert not result.ok
        theirs.refresh_from_db()
        assert theirs.name == "他镇企业"

    def test_unknown_and_missing_columns(self, cast):
        result = EnterpriseImporter(cast.town1).run(
            "e.xlsx", xlsx([["x"]], header=["企业名称", "颜色"])
        )
        text = " ".join(str(p) for p in result.problems)
        assert "「颜色」：未知的列" in text and "「统一社会信用代码」：缺少必填列" in text

    def test_yes_no_is_never_guessed(self, cast):
        result = EnterpriseImporter(cast.town1).run(
            "e.xlsx", xlsx([["甲", new_uscc(), "城关街道", "3411", "也许", 1]])
        )
        assert not result.ok and "规模以上" in str(result.problems[0])

    def test_csv_in_gbk(self, cast):
        uscc = new_uscc()
        content = (
            f"企业名称,统一社会信用代码,所在镇街,行业代码\n丙公司,{uscc},城关街道,3411\n".encode(
                "gb18030"
            )
        )
        assert EnterpriseImporter(cast.town1).run("e.csv", content).created == 1

    def test_template_has_the_chinese_headers(self, login, cast):
        response = login(cast.town1).get(reverse("enterprises:enterprise_import") + "?template=1")
        from mujun.core.spreadsheets import read_rows

        assert read_rows("t.xlsx", response.content)[0][:4] == [
            "企业名称",
            "统一社会信用代码",
            "所在镇街",
            "行业代码",
        ]

    def test_upload_page_reports_problems(self, login, cast):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("bad.xlsx", xlsx([["x", "123", "城关街道", "3411", "否", 1]]))
        response = login(cast.town1).post(
            reverse("enterprises:enterprise_import"), {"file": upload}
        )
        assert response.status_code == 400
        assert "未写入任何数据" in response.content.decode()

    def test_viewer_cannot_import(self, login, cast):
        assert login(cast.viewer).get(reverse("enterprises:enterprise_import")).status_code == 403


def csv_bytes(rows, header=HEADER) -> bytes:
    lines = [",".join(header)] + [",".join("" if c is None else str(c) for c in r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.django_db
class TestEnterpriseImportAsSets:
    def test_a_bad_row_99999_of_a_county_register_writes_nothing(self, cast):
        # a register of 99,998 enterprises below the header: its last line is row 99,999
        rows = [[f"企业{i}", new_uscc(), "城关街道", "3411", "否", 1] for i in range(99_998)]
        rows[-1][3] = "99"
        result = EnterpriseImporter(cast.town1).run("big.csv", csv_bytes(rows))
        (problem,) = result.problems
        assert "第 99999 行" in str(problem) and "行业代码" in str(problem)
        assert Enterprise.objects.count() == 0 and LandParcel.objects.count() == 0

    def test_a_large_file_twice_changes_nothing_the_second_time(self, cast):
        rows = [[f"企业{i}", new_uscc(), "城关街道", "3411", "是", i % 7] for i in range(3000)]
        content = csv_bytes(rows)
        first = EnterpriseImporter(cast.town1).run("big.csv", content)
        assert first.ok and first.created == 3000
        assert LandParcel.objects.count() == 3000
        before, history = state(), Enterprise.history.count()
        second = EnterpriseImporter(cast.town1).run("big.csv", content)
        assert second.unchanged == 3000 and second.created == second.updated == 0
        assert state() == before and Enterprise.history.count() == history

    def test_the_audit_trail_names_the_importer(self, cast):
        e = make_enterprise(cast.regions.town1, name="旧名", area_mu=5)
        content = xlsx([["新名", e.uscc, "城关街道", "3411", "否", 6]])
        assert EnterpriseImporter(cast.town1).run("e.xlsx", content).updated == 1
        record = e.history.order_by("-history_date", "-pk").first()
        assert record.history_type == "~" and record.name == "新名"
        assert record.history_user == cast.town1
        parcel = LandParcel.objects.get(enterprise=e)
        assert parcel.area_mu == 6 and parcel.version == 2

    def test_a_column_left_out_keeps_what_is_stored(self, cast):
        e = make_enterprise(cast.regions.town1, name="甲", address="工业路 1 号")
        header = ["企业名称", "统一社会信用代码", "所在镇街", "行业代码"]
        result = EnterpriseImporter(cast.town1).run(
            "e.xlsx", xlsx([["甲", e.uscc, "城关街道", "3411"]], header=header)
        )
        assert result.unchanged == 1
        e.refresh_from_db()
        assert e.address == "工业路 1 号" and e.version == 1

    def test_a_file_of_many_keys_reads_the_stored_rows_whole_alike(self, cast, monkeypatch):
        from mujun.core import bulk_imports

        theirs = make_enterprise(cast.regions.town2, name="他镇企业")
        mine = make_enterprise(cast.regions.town1, name="旧名", area_mu=5)
        monkeypatch.setattr(bulk_imports, "WHOLE_TABLE_KEYS", 1)
        rows = [
            ["新名", mine.uscc, "城关街道", "3411", "否", 6],
            ["新", new_uscc(), "城关街道", "3411", "否", 1],
        ]
        result = EnterpriseImporter(cast.town1).run("e.xlsx", xlsx(rows))
        assert (result.created, result.updated) == (1, 1)
        assert LandParcel.objects.get(enterprise=mine).area_mu == 6
        refused = EnterpriseImporter(cast.town1).run(
            "e.xlsx", xlsx([["抢注", theirs.uscc, "城关街道", "3411", "否", 1], rows[0]])
        )
        assert not refused.ok and "第 2 行" in str(refused.problems[0])

    def test_an_iso_date_and_a_chinese_date_read_alike(self, cast):
        header = ["企业名称", "统一社会信用代码", "所在镇街", "行业代码", "成立日期"]
        rows = [["甲", new_uscc(), "城关街道", "3411", "2015-03-01"]]
        rows += [["乙", new_uscc(), "城关街道", "3411", "2015/3/1"]]
        rows += [["丙", new_uscc(), "城关街道", "3411", "2015-02-30"]]
        result = EnterpriseImporter(cast.town1).run("e.xlsx", xlsx(rows, header=header))
        (problem,) = result.problems
        assert "第 4 行" in str(problem) and "成立日期" in str(problem)
        rows.pop()
        assert EnterpriseImporter(cast.town1).run("e.xlsx", xlsx(rows, header=header)).created == 2
        assert {e.established_on.isoformat() for e in Enterprise.objects.all()} == {"2015-03-01"}
