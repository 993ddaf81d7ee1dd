"""Importing activities and leads through their pages (core ObjectImportView): a good file is
written, the same file again changes nothing, and one bad row writes nothing and is named by
row, column and reason."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mujun.attraction.models import Activity, ActivityEvent, Lead, LeadEvent
from mujun.attraction.testing import make_official
from mujun.core.spreadsheets import workbook_bytes
from mujun.enterprises.testing import new_uscc

pytestmark = pytest.mark.django_db

ACTIVITY_HEADER = [
    "地区",
    "类型",
    "开始日期",
    "结束日期",
    "目的地或地点",
    "带队干部",
    "参加干部",
    "拜访或接待的客商",
    "接待批次",
    "备注",
]
LEAD_HEADER = [
    "地区",
    "投资方",
    "投资方统一社会信用代码",
    "投资方国别",
    "投资方所在省份",
    "上市情况",
    "项目名称",
    "渠道",
    "类别",
    "行业",
    "意向投资（万元）",
    "责任干部",
    "登记日期",
]


def upload(client, name, header, rows, filename="导入.xlsx"):
    content = workbook_bytes(header, rows)
    file = SimpleUploadedFile(filename, content)
    return client.post(reverse(f"attraction:{name}_import"), {"file": file})


def counts(response):
    result = response.context["result"]
    return result.created, result.updated, result.unchanged


def problems(response):
    return [str(p) for p in response.context["result"].problems]


def activities_state():
    rows = Activity.objects.order_by("start_date").values_list(
        "region__code",
        "kind",
        "start_date",
        "end_date",
        "destination",
        "leader__name",
        "days",
        "investor_count",
        "batches",
        "version",
    )
    return list(rows), ActivityEvent.objects.count()


def leads_state():
    rows = Lead.objects.order_by("investor_name").values_list(
        "region__code",
        "investor_name",
        "investor_uscc",
        "project_name",
        "channel",
        "category",
        "listing",
        "intended_investment",
        "owner__name",
        "recorded_on",
        "version",
    )
    return list(rows), LeadEvent.objects.count()


@pytest.fixture
def officials(cast):
    town = cast.regions.town1
    return (
        make_official(town, principal=True, name="王书记"),
        make_official(town, name="李明"),
        make_official(town, name="赵强"),
    )


def trip_row(**cells):
    row = dict(
        zip(
            ACTIVITY_HEADER,
            [
                "城关街道",
                "外出招商",
                "2026-03-02",
                "2026-03-04",
                "上海",
                "王书记",
                "李明、赵强",
                "甲公司、乙公司",
                "",
                "长三角专场",
            ],
            strict=True,
        )
    )
    row.update(cells)
    return [row[h] for h in ACTIVITY_HEADER]


def reception_row(**cells):
    return trip_row(
        **{
            "地区": "339102001",
            "类型": "reception",
            "开始日期": date(2026, 3, 10),
            "结束日期": date(2026, 3, 10),
            "目的地或地点": "镇政府",
            "带队干部": "李明",
            "参加干部": "",
            "拜访或接待的客商": "丙公司",
            "接待批次": 2,
            "备注": "",
            **cells,
        }
    )


class TestActivityImport:
    def test_a_good_file_creates_and_the_same_file_again_changes_nothing(
        self, login, cast, officials
    ):
        client = login(cast.town1)
        rows = [trip_row(), reception_row()]
        first = upload(client, "activity", ACTIVITY_HEADER, rows)
        assert first.status_code == 200, problems(first) if first.context else first
        assert counts(first) == (2, 0, 0)
        assert "导入完成：新增 2 条，更新 0 条，无变化 0 条。" in first.content.decode()
        trip = Activity.objects.get(kind="trip")
        assert (trip.days, trip.investor_count, trip.batches, trip.leader.name) == (
            3,
            2,
            0,
            "王书记",
        )
        assert sorted(o.name for o in trip.officials.all()) == ["李明", "赵强"]
        reception = Activity.objects.get(kind="reception")
        assert (reception.batches, reception.investor_count) == (2, 1)
        before = activities_state()
        # when the same file is imported again
        second = upload(client, "activity", ACTIVITY_HEADER, rows)
        # then nothing is created, updated or recorded in the ledger
        assert second.status_code == 200 and counts(second) == (0, 0, 2)
        assert activities_state() == before

    def test_a_changed_row_updates_the_activity_it_matches(self, login, cast, officials):
        client = login(cast.town1)
        upload(client, "activity", ACTIVITY_HEADER, [trip_row()])
        response = upload(client, "activity", ACTIVITY_HEADER, [trip_row(结束日期="2026-03-05")])
        assert counts(response) == (0, 1, 0)
        trip = Activity.objects.get()
        assert (trip.end_date, trip.days, trip.version) == (date(2026, 3, 5), 4, 2)
        assert ActivityEvent.objects.filter(activity=trip).last().kind == "edited"

    def test_a_receptions_blank_batches_is_one_and_a_trip_carries_none(
        self, login, cast, officials
    ):
        rows = [reception_row(接待批次=""), trip_row(接待批次=3)]
        response = upload(login(cast.town1), "activity", ACTIVITY_HEADER, rows)
        assert counts(response) == (2, 0, 0), problems(response)
        assert dict(Activity.objects.values_list("kind", "batches")) == {
            "reception": 1,
            "trip": 0,
        }

    def test_a_blank_batches_cell_keeps_what_is_stored_and_is_no_change(
        self, login, cast, officials
    ):
        client = login(cast.town1)
        upload(client, "activity", ACTIVITY_HEADER, [reception_row(接待批次=3), trip_row()])
        rows = [reception_row(接待批次=""), trip_row(接待批次="", 备注="补记")]
        response = upload(client, "activity", ACTIVITY_HEADER, rows)
        assert counts(response) == (0, 1, 1), problems(response)
        assert dict(Activity.objects.values_list("kind", "batches")) == {
            "reception": 3,
            "trip": 0,
        }
        edited = ActivityEvent.objects.filter(kind="edited").get()
        assert "接待批次" not in edited.text and "备注" in edited.text

    @pytest.mark.parametrize("kind", ["外出招商", "trip"])
    def test_a_kind_is_read_by_its_label_or_its_key(self, login, cast, officials, kind):
        response = upload(login(cast.town1), "activity", ACTIVITY_HEADER, [trip_row(类型=kind)])
        assert counts(response) == (1, 0, 0)
        assert Activity.objects.get().kind == "trip"

    @pytest.mark.parametrize(
        "cells, problem",
        [
            ({"带队干部": "查无此人"}, "第 3 行，「带队干部」：城关街道没有名为“查无此人”的干部"),
            (
                {"参加干部": "李明、查无此人"},
                "第 3 行，「参加干部」：城关街道没有名为“查无此人”的干部",
            ),
            (
                {"结束日期": "2026-03-01"},
                "第 3 行，「结束日期」：结束日期不能早于开始日期",
            ),
            (
                {"开始日期": "2099-03-01", "结束日期": "2099-03-02"},
                "第 3 行，「开始日期」：开始日期不能晚于今天：招商活动开展后再登记",
            ),
            (
                {"类型": "考察"},
                "第 3 行，「类型」：应为以下之一：外出招商、拜访企业、接待客商、推介会，实际为“考察”",
            ),
        ],
    )
    def test_one_bad_row_writes_nothing_and_names_row_column_and_reason(
        self, login, cast, officials, cells, problem
    ):
        response = upload(
            login(cast.town1), "activity", ACTIVITY_HEADER, [reception_row(), trip_row(**cells)]
        )
        assert response.status_code == 400
        assert problems(response) == [problem]
        assert "未写入任何数据" in response.content.decode()
        assert activities_state() == ([], 0)

    @pytest.mark.parametrize("region", ["火星镇", "东岭镇"])
    def test_a_row_of_an_unknown_region_or_one_outside_scope_writes_nothing(
        self, login, cast, officials, region
    ):
        response = upload(
            login(cast.town1), "activity", ACTIVITY_HEADER, [reception_row(), trip_row(地区=region)]
        )
        assert response.status_code == 400
        # the region is named first; its officials cannot be looked up without it
        assert problems(response) == [
            f"第 3 行，「地区」：未知的镇街“{region}”（或不在您的管辖范围内）",
            "第 3 行，「带队干部」：地区有误，无法核对干部",
        ]
        assert activities_state() == ([], 0)

    def test_an_official_of_another_town_is_not_found_in_this_one(self, login, cast, officials):
        make_official(cast.regions.town2, name="东岭干部")
        response = upload(
            login(cast.admin), "activity", ACTIVITY_HEADER, [trip_row(参加干部="东岭干部")]
        )
        assert response.status_code == 400
        assert problems(response) == ["第 2 行，「参加干部」：城关街道没有名为“东岭干部”的干部"]
        assert not Activity.objects.exists()

    def test_a_file_without_a_required_column_is_refused_whole(self, login, cast, officials):
        header = [h for h in ACTIVITY_HEADER if h != "带队干部"]
        row = [c for h, c in zip(ACTIVITY_HEADER, trip_row(), strict=True) if h != "带队干部"]
        response = upload(login(cast.town1), "activity", header, [row])
        assert response.status_code == 400
        assert problems(response) == ["第 1 行，「带队干部」：缺少必填列"]
        assert not Activity.objects.exists()

    def test_the_template_names_every_column(self, login, cast):
        from mujun.core.spreadsheets import read_rows

        response = login(cast.town1).get(reverse("attraction:activity_import") + "?template=1")
        assert response.status_code == 200
        assert read_rows("t.xlsx", response.content)[0] == ACTIVITY_HEADER

    @pytest.mark.parametrize(
        "name, columns",
        [("activity", "地区、类型、开始日期和带队干部"), ("lead", "地区、投资方和项目名称")],
    )
    def test_the_page_says_what_a_row_is_matched_by(self, login, cast, name, columns):
        page = login(cast.town1).get(reverse(f"attraction:{name}_import")).content.decode()
        assert f"按{columns}找到已存在的记录并更新" in page and "唯一编号" not in page

    def test_a_viewer_may_not_import(self, login, cast, officials):
        response = upload(login(cast.viewer), "activity", ACTIVITY_HEADER, [trip_row()])
        assert response.status_code == 403
        assert not Activity.objects.exists()


def lead_row(**cells):
    row = dict(
        zip(
            LEAD_HEADER,
            [
                "城关街道",
                "上海青禾新材料有限公司",
                "",
                "",
                "上海市",
                "上市企业",
                "年产5万吨新材料项目",
                "中介招商",
                "产业项目",
                "34",
                15000,
                "李明",
                "2026-03-02",
            ],
            strict=True,
        )
    )
    row.update(cells)
    return [row[h] for h in LEAD_HEADER]


def second_lead_row(**cells):
    return lead_row(
        **{
            "地区": "339102001",
            "投资方": "Hafner GmbH",
            "投资方国别": "德国",
            "投资方所在省份": "",
            "上市情况": "",
            "项目名称": "精密轴承项目",
            "渠道": "association",
            "类别": "talent",
            "意向投资（万元）": "8000.5",
            "责任干部": "",
            "登记日期": date(2026, 4, 1),
            **cells,
        }
    )


class TestLeadImport:
    def test_a_good_file_creates_and_the_same_file_again_changes_nothing(
        self, login, cast, officials
    ):
        client = login(cast.town1)
        code = new_uscc()
        # the first row names its choices by their labels, the second by their keys
        rows = [lead_row(投资方统一社会信用代码=code), second_lead_row()]
        first = upload(client, "lead", LEAD_HEADER, rows)
        assert first.status_code == 200, problems(first) if first.context else first
        assert counts(first) == (2, 0, 0)
        qinghe = Lead.objects.get(investor_name="上海青禾新材料有限公司")
        assert (
            qinghe.investor_uscc,
            qinghe.channel,
            qinghe.category,
            qinghe.listing,
            qinghe.owner.name,
            qinghe.intended_investment,
            qinghe.status,
        ) == (code, "agency", "industrial", "listed", "李明", Decimal(15000), "lead")
        hafner = Lead.objects.get(investor_name="Hafner GmbH")
        assert (hafner.channel, hafner.category, hafner.owner, hafner.recorded_on) == (
            "association",
            "talent",
            None,
            date(2026, 4, 1),
        )
        assert hafner.intended_investment == Decimal("8000.5")
        before = leads_state()
        second = upload(client, "lead", LEAD_HEADER, rows)
        assert second.status_code == 200 and counts(second) == (0, 0, 2)
        assert leads_state() == before

    def test_channel_category_and_listing_are_read_by_their_labels(self, login, cast, officials):
        rows = [
            lead_row(),
            lead_row(投资方="乙公司", 渠道="以商引商", 类别="科技人才项目", 上市情况="拟上市企业"),
        ]
        response = upload(login(cast.town1), "lead", LEAD_HEADER, rows)
        assert counts(response) == (2, 0, 0)
        assert sorted(Lead.objects.values_list("channel", "category", "listing")) == [
            ("agency", "industrial", "listed"),
            ("via_investors", "talent", "pre_listing"),
        ]

    def test_a_province_is_stored_in_full_and_the_same_file_again_changes_nothing(
        self, login, cast, officials
    ):
        client = login(cast.town1)
        rows = [
            lead_row(投资方所在省份="上海"),
            lead_row(投资方="WestTech GmbH", 投资方国别="德国", 投资方所在省份=""),
        ]
        assert counts(upload(client, "lead", LEAD_HEADER, rows)) == (2, 0, 0)
        assert sorted(Lead.objects.values_list("home_province", flat=True)) == ["上海市", "境外"]
        assert counts(upload(client, "lead", LEAD_HEADER, rows)) == (0, 0, 2)
        bad = upload(client, "lead", LEAD_HEADER, [lead_row(投资方="丙公司", 投资方所在省份="沪")])
        assert "「投资方所在省份」：“沪”不是省级行政区名称" in bad.content.decode()

    def test_a_changed_row_updates_the_lead_of_that_investor_and_project(
        self, login, cast, officials
    ):
        client = login(cast.town1)
        upload(client, "lead", LEAD_HEADER, [lead_row()])
        response = upload(client, "lead", LEAD_HEADER, [lead_row(责任干部="赵强")])
        assert counts(response) == (0, 1, 0)
        lead = Lead.objects.get()
        assert (lead.owner.name, lead.version) == ("赵强", 2)

    @pytest.mark.parametrize(
        "cells, problem",
        [
            ({"责任干部": "查无此人"}, "第 3 行，「责任干部」：城关街道没有名为“查无此人”的干部"),
            ({"地区": "火星镇"}, "第 3 行，「地区」：未知的镇街“火星镇”（或不在您的管辖范围内）"),
            (
                {"渠道": "朋友介绍"},
                "第 3 行，「渠道」：应为以下之一：以商引商、中介招商、驻点招商、协会商会、网络及其他，"
                "实际为“朋友介绍”",
            ),
            (
                {"类别": "服务业"},
                "第 3 行，「类别」：应为以下之一：产业项目、科技人才项目，实际为“服务业”",
            ),
        ],
    )
    def test_one_bad_row_writes_nothing_and_names_row_column_and_reason(
        self, login, cast, officials, cells, problem
    ):
        response = upload(
            login(cast.town1), "lead", LEAD_HEADER, [second_lead_row(), lead_row(**cells)]
        )
        assert response.status_code == 400
        assert problems(response) == [problem]
        assert leads_state() == ([], 0)

    def test_a_credit_code_as_pasted_is_stored_as_the_registry_writes_it(
        self, login, cast, officials
    ):
        # given a code in lower case with blanks, as pasted from another sheet
        client = login(cast.town1)
        code = new_uscc()
        rows = [lead_row(投资方统一社会信用代码=f" {code[:9].lower()} {code[9:].lower()} ")]
        first = upload(client, "lead", LEAD_HEADER, rows)
        assert counts(first) == (1, 0, 0), problems(first)
        assert Lead.objects.get().investor_uscc == code
        # when the same file is imported again, the code is the one stored
        before = leads_state()
        assert counts(upload(client, "lead", LEAD_HEADER, rows)) == (0, 0, 1)
        assert leads_state() == before

    def test_an_invalid_credit_code_names_its_reason(self, login, cast, officials):
        code = new_uscc()
        wrong = code[:17] + ("0" if code[17] != "0" else "1")
        response = upload(
            login(cast.town1), "lead", LEAD_HEADER, [lead_row(投资方统一社会信用代码=wrong)]
        )
        assert response.status_code == 400
        [problem] = problems(response)
        assert problem.startswith("第 2 行，「投资方统一社会信用代码」：统一社会信用代码校验码错误")
        assert not Lead.objects.exists()

    def test_the_same_lead_twice_in_a_file_is_named(self, login, cast, officials):
        response = upload(login(cast.town1), "lead", LEAD_HEADER, [lead_row(), lead_row()])
        assert response.status_code == 400
        assert problems(response) == ["第 3 行，「投资方」：与第 2 行重复"]
        assert not Lead.objects.exists()
