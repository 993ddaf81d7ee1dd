from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mujun.core import bulk_write
from mujun.core.history import history_entries
from mujun.enterprises.imports import EnterpriseImporter
from mujun.enterprises.models import Enterprise, LandParcel
from mujun.enterprises.testing import make_enterprise, new_uscc
from mujun.indicators.models import IndicatorValue

# what a history record says, its own ids and times aside
RECORD = [
    "name",
    "uscc",
    "region_id",
    "industry_code",
    "above_size",
    "is_high_tech",
    "is_specialized",
    "is_little_giant",
    "is_listed",
    "legal_representative",
    "address",
    "established_on",
    "employees",
    "power_account",
    "notes",
    "version",
    "is_archived",
    "archived_at",
    "history_type",
    "history_user_id",
    "history_change_reason",
]


def given(region, uscc, name):
    return {
        "name": name,
        "uscc": uscc,
        "region_id": region.pk,
        "industry_code": "3411",
        "above_size": True,
        "established_on": date(2015, 3, 1),
        "employees": 120,
        "address": "工业大道 1 号",
    }


@pytest.mark.django_db
class TestCreate:
    def test_rows_read_back_as_the_orm_wrote_them(self, cast):
        town = cast.regions.town1
        before = timezone.now()
        ids = bulk_write.create(
            Enterprise, [given(town, new_uscc(), "甲"), given(town, new_uscc(), "乙")]
        )
        stored = list(Enterprise.objects.filter(pk__in=ids).order_by("pk"))
        assert [e.pk for e in stored] == ids and [e.name for e in stored] == ["甲", "乙"]
        first = stored[0]
        assert first.region == town and first.established_on == date(2015, 3, 1)
        assert first.employees == 120 and first.above_size is True and first.is_listed is False
        # defaults of the fields not given, and the time of the call for auto_now(_add)
        assert first.version == 1 and first.notes == "" and first.archived_at is None
        assert before <= first.created_at <= timezone.now()
        assert first.updated_at == first.created_at

    def test_decimals_and_defaults_of_another_model(self, cast):
        e = make_enterprise(cast.regions.town1)
        (pk,) = bulk_write.create(
            LandParcel,
            [
                {
                    "enterprise_id": e.pk,
                    "certificate_no": "浙（2020）第1号",
                    "area_mu": Decimal("12.5"),
                }
            ],
        )
        parcel = LandParcel.objects.get(pk=pk)
        assert parcel.area_mu == Decimal("12.5") and parcel.land_use == "工业用地"
        assert parcel.acquired_on is None and parcel.enterprise == e

    def test_ids_follow_the_stored_rows_and_a_later_orm_save(self, cast):
        town = cast.regions.town1
        old = make_enterprise(town)
        ids = bulk_write.create(Enterprise, [given(town, new_uscc(), "甲")])
        assert ids[0] > old.pk
        later = make_enterprise(town)
        assert later.pk > ids[0]

    def test_the_audit_record_reads_as_simple_historys_own(self, cast):
        town, user = cast.regions.town1, cast.town1
        mine = bulk_write.create(Enterprise, [given(town, new_uscc(), "甲")], user=user)[0]
        theirs = Enterprise(**given(town, new_uscc(), "甲"))
        (theirs,) = bulk_create_with_history([theirs], Enterprise, default_user=user)

        def record(pk):
            rows = Enterprise.history.filter(id=pk).values(*RECORD)
            (row,) = rows
            return {**row, "uscc": None}

        assert record(mine) == record(theirs.pk)
        mine_entries = history_entries(Enterprise.objects.get(pk=mine))
        assert _words(mine_entries) == _words(history_entries(theirs))
        assert mine_entries[0].kind == "创建" and mine_entries[0].who == user.display_name

    def test_an_unknown_column_is_refused(self, cast):
        with pytest.raises(ValueError, match="region"):
            bulk_write.create(Enterprise, [{"name": "甲", "region": cast.regions.town1}])

    def test_nothing_to_write_writes_nothing(self):
        assert bulk_write.create(IndicatorValue, []) == []


def _words(entries) -> list:
    """A history page's entries, the codes aside (each enterprise has its own)."""
    return [
        (
            e.who,
            e.kind,
            [(c.field, c.old, c.new) for c in e.changes if c.field != "统一社会信用代码"],
        )
        for e in entries
    ]


@pytest.mark.django_db
class TestImportedHistory:
    def test_an_imported_enterprise_has_the_history_the_orm_path_gave(self, cast):
        from mujun.core.spreadsheets import workbook_bytes

        header = ["企业名称", "统一社会信用代码", "所在镇街", "行业代码", "规模以上", "成立日期"]
        header += ["不动产权证号", "用地面积（亩）"]
        uscc = new_uscc()
        content = workbook_bytes(
            header, [["甲公司", uscc, "城关街道", "3411", "是", "2015-03-01", "证1", 12.5]]
        )
        assert EnterpriseImporter(cast.town1).run("e.xlsx", content).created == 1
        e = Enterprise.objects.get(uscc=uscc)
        (record,) = e.history.all()
        assert record.history_type == "+" and record.history_user == cast.town1
        assert record.history_change_reason is None and record.name == "甲公司"
        assert record.region_id == cast.regions.town1.pk and record.above_size is True
        assert record.established_on == date(2015, 3, 1) and record.version == 1
        (entry,) = history_entries(e)
        assert entry.kind == "创建" and entry.who == cast.town1.display_name
        shown = {c.field: c.new for c in entry.changes}
        assert shown["企业名称"] == "甲公司" and shown["所在镇街"] == "城关街道"
        assert shown["规模以上"] == "是" and shown["成立日期"] == "2015-03-01"
        parcel = LandParcel.objects.get(enterprise=e)
        (parcel_record,) = parcel.history.all()
        assert parcel_record.area_mu == Decimal("12.5") and parcel_record.certificate_no == "证1"
        assert parcel_record.history_user == cast.town1
