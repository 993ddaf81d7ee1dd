"""The verbs of attraction work (actions.py): recording activities and leads, moving a lead's
status, reopening, and signing a lead into the project register — each writing its event, and
nothing at all when refused."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mujun.attraction import actions
from mujun.attraction.forms import ActivityForm, LeadForm
from mujun.attraction.models import Activity, ActivityEvent, Lead, LeadEvent
from mujun.attraction.rules import Period
from mujun.attraction.stats import by_region
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.core.actions import VersionConflict
from mujun.enterprises.testing import make_enterprise, new_uscc
from mujun.projects.models import Project, ProjectEvent

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def activity_data(region, leader, **fields):
    data = {
        "region": region.code,
        "kind": "trip",
        "start_date": "2026-06-30",
        "end_date": "2026-07-02",
        "destination": "上海",
        "leader": leader.pk,
        "batches": "0",
    }
    data.update(fields)
    return data


def lead_data(region, **fields):
    data = {
        "region": region.code,
        "investor_name": "上海青禾新材料有限公司",
        "project_name": "年产5万吨新材料项目",
        "channel": "agency",
        "category": "industrial",
        "intended_investment": "15000",
        "recorded_on": "2026-03-02",
    }
    data.update(fields)
    return data


def stored(lead):
    """What the database holds of ``lead``: its row, its ledger and the project register."""
    row = Lead.objects.filter(pk=lead.pk).values().get()
    return row, LeadEvent.objects.filter(lead_id=lead.pk).count(), Project.objects.count()


def refused(verb, lead, match, **kwargs):
    """``verb`` on ``lead`` raises a LeadError matching ``match`` and writes nothing."""
    before = stored(lead)
    with pytest.raises(actions.LeadError, match=match):
        verb(Lead.objects.get(pk=lead.pk), **kwargs)
    assert stored(lead) == before


class TestSaveActivity:
    def test_a_trips_days_are_its_calendar_days_both_ends_included(self, cast):
        town = cast.regions.town1
        form = ActivityForm(activity_data(town, make_official(town)), user=cast.town1)
        assert form.is_valid(), form.errors
        activity = actions.save_activity(form, expected_version=None, user=cast.town1)
        activity.refresh_from_db()
        assert activity.days == 3 and activity.version == 1

    def test_investors_are_the_named_ones_and_the_leads_served_each_once(self, cast):
        town = cast.regions.town1
        served = make_lead(town, investor_name="丙公司")
        also_named = make_lead(town, investor_name="甲公司")
        data = activity_data(
            town,
            make_official(town),
            kind="visit",
            end_date="2026-06-30",
            investors="甲公司、乙公司\n甲公司",
            leads=[served.pk, also_named.pk],
        )
        form = ActivityForm(data, user=cast.town1)
        assert form.is_valid(), form.errors
        activity = actions.save_activity(form, expected_version=None, user=cast.town1)
        assert Activity.objects.get(pk=activity.pk).investor_count == 3

    def test_the_leader_is_never_also_a_participant(self, cast):
        town = cast.regions.town1
        leader, cadre = make_official(town, principal=True), make_official(town)
        data = activity_data(town, leader, officials=[leader.pk, cadre.pk])
        form = ActivityForm(data, user=cast.town1)
        assert form.is_valid(), form.errors
        activity = actions.save_activity(form, expected_version=None, user=cast.town1)
        assert list(activity.officials.all()) == [cadre]
        assert activity.leader == leader

    def test_recording_writes_one_event_and_an_edit_one_naming_what_changed(self, cast):
        town = cast.regions.town1
        leader = make_official(town)
        form = ActivityForm(activity_data(town, leader), user=cast.town1)
        assert form.is_valid()
        activity = actions.save_activity(form, expected_version=None, user=cast.town1)
        recorded = ActivityEvent.objects.get(activity=activity)
        assert (recorded.kind, recorded.text, recorded.user) == (
            "recorded",
            "登记外出招商",
            cast.town1,
        )
        # when the destination is changed
        data = activity_data(town, leader, destination="深圳")
        form = ActivityForm(data, instance=activity, user=cast.town1)
        assert form.is_valid()
        actions.save_activity(form, expected_version=1, user=cast.town1)
        edited = ActivityEvent.objects.filter(activity=activity).last()
        assert (edited.kind, edited.text) == ("edited", "修改目的地或地点")
        # and saved again unchanged: no event
        form = ActivityForm(data, instance=Activity.objects.get(pk=activity.pk), user=cast.town1)
        assert form.is_valid()
        actions.save_activity(form, expected_version=2, user=cast.town1)
        assert ActivityEvent.objects.filter(activity=activity).count() == 2

    def test_a_stale_version_is_refused_and_changes_nothing(self, cast):
        town = cast.regions.town1
        activity = make_activity(town, destination="上海")
        data = activity_data(town, activity.leader, destination="深圳")
        form = ActivityForm(data, instance=activity, user=cast.town1)
        assert form.is_valid()
        with pytest.raises(VersionConflict):
            actions.save_activity(form, expected_version=0, user=cast.town1)
        assert Activity.objects.get(pk=activity.pk).destination == "上海"
        assert not ActivityEvent.objects.exists()

    def test_a_trip_ending_before_it_starts_is_refused(self, cast):
        town = cast.regions.town1
        data = activity_data(town, make_official(town), end_date="2026-06-29")
        form = ActivityForm(data, user=cast.town1)
        assert not form.is_valid()
        assert form.errors["end_date"] == ["结束日期不能早于开始日期"]

    def test_an_activity_dated_ahead_is_refused(self, cast, frozen_today):
        # recorded once it has begun: dated ahead, it would count in a month still to come
        town = cast.regions.town1
        data = activity_data(town, make_official(town), start_date="2026-07-01")
        data["end_date"] = "2026-07-02"
        form = ActivityForm(data, user=cast.town1)
        assert not form.is_valid()
        assert form.errors["start_date"] == ["开始日期不能晚于今天：招商活动开展后再登记"]
        today = activity_data(town, make_official(town), start_date=str(frozen_today))
        today["end_date"] = str(frozen_today)
        assert ActivityForm(today, user=cast.town1).is_valid()

    def test_an_activity_with_no_leader_is_refused(self, cast):
        data = activity_data(cast.regions.town1, make_official(cast.regions.town1))
        data.pop("leader")
        form = ActivityForm(data, user=cast.town1)
        assert not form.is_valid() and form.errors["leader"] == ["这个字段是必填项。"]

    def test_an_official_of_another_town_is_refused(self, cast):
        # given a county user, who may choose the officials of both towns
        town1, town2 = cast.regions.town1, cast.regions.town2
        stranger = make_official(town2, name="东岭干部")
        data = activity_data(town1, make_official(town1), officials=[stranger.pk])
        form = ActivityForm(data, user=cast.admin)
        assert not form.is_valid()
        assert form.errors["officials"] == ["东岭干部 不是城关街道的干部"]
        data = activity_data(town1, stranger)
        form = ActivityForm(data, user=cast.admin)
        assert not form.is_valid() and form.errors["leader"] == ["东岭干部 不是城关街道的干部"]

    def test_a_reception_needs_a_batch_and_other_kinds_carry_none(self, cast):
        town = cast.regions.town1
        leader = make_official(town)
        data = activity_data(town, leader, kind="reception", end_date="2026-06-30", batches="0")
        form = ActivityForm(data, user=cast.town1)
        assert not form.is_valid() and form.errors["batches"] == ["接待客商至少 1 批次"]
        form = ActivityForm(activity_data(town, leader, batches="4"), user=cast.town1)
        assert form.is_valid()
        activity = actions.save_activity(form, expected_version=None, user=cast.town1)
        assert Activity.objects.get(pk=activity.pk).batches == 0


class TestSaveLead:
    def test_a_second_lead_for_the_same_investors_project_is_refused(self, cast):
        # one lead an investor's project: a second would be signed and counted twice
        town = cast.regions.town1
        form = LeadForm(lead_data(town), user=cast.town1)
        assert form.is_valid(), form.errors
        first = actions.save_lead(form, expected_version=None, user=cast.town1)
        again = LeadForm(lead_data(town, recorded_on="2026-04-01"), user=cast.town1)
        assert not again.is_valid()
        assert again.errors["project_name"] == [
            "城关街道已有该投资方的同一项目线索（2026年03月02日登记，线索），请在该线索上继续跟进"
        ]
        # its own edit is no twin, nor is another town's lead of the same names
        edit = LeadForm(lead_data(town, note="补充"), instance=first, user=cast.town1)
        assert edit.is_valid(), edit.errors
        assert LeadForm(lead_data(cast.regions.town2), user=cast.town2).is_valid()

    def test_the_home_province_is_named_in_full_and_abroad_is_so_named(self, cast):
        town = cast.regions.town1
        form = LeadForm(lead_data(town, home_province="上海"), user=cast.town1)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["home_province"] == "上海市"
        abroad = lead_data(town, investor_name="WestTech GmbH", investor_country="德国")
        form = LeadForm(abroad, user=cast.town1)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["home_province"] == "境外"
        form = LeadForm(lead_data(town, home_province="上海滩"), user=cast.town1)
        assert not form.is_valid() and "不是省级行政区名称" in form.errors["home_province"][0]

    def test_recording_a_lead_writes_one_event_with_its_investment(self, cast):
        form = LeadForm(lead_data(cast.regions.town1), user=cast.town1)
        assert form.is_valid(), form.errors
        lead = actions.save_lead(form, expected_version=None, user=cast.town1)
        event = LeadEvent.objects.get(lead=lead)
        assert (event.kind, event.occurred_on, event.user) == (
            "recorded",
            date(2026, 3, 2),
            cast.town1,
        )
        assert (
            event.text == "登记线索：上海青禾新材料有限公司，年产5万吨新材料项目，意向投资1.5亿元"
        )
        assert lead.status == "lead"

    def test_an_edit_names_the_fields_changed_and_no_change_writes_no_event(self, cast):
        town = cast.regions.town1
        form = LeadForm(lead_data(town), user=cast.town1)
        assert form.is_valid()
        lead = actions.save_lead(form, expected_version=None, user=cast.town1)
        data = lead_data(town, intended_investment="20000", home_province="上海市")
        form = LeadForm(data, instance=lead, user=cast.town1)
        assert form.is_valid()
        actions.save_lead(form, expected_version=1, user=cast.town1)
        edited = LeadEvent.objects.filter(lead=lead).last()
        assert (edited.kind, edited.text) == ("edited", "修改投资方所在省份、意向投资（万元）")
        form = LeadForm(data, instance=Lead.objects.get(pk=lead.pk), user=cast.town1)
        assert form.is_valid()
        actions.save_lead(form, expected_version=2, user=cast.town1)
        assert LeadEvent.objects.filter(lead=lead).count() == 2

    def test_an_invalid_credit_code_is_refused_with_the_reason(self, cast):
        code = new_uscc()
        wrong = code[:17] + ("0" if code[17] != "0" else "1")
        form = LeadForm(lead_data(cast.regions.town1, investor_uscc=wrong), user=cast.town1)
        assert not form.is_valid()
        assert form.errors["investor_uscc"][0].startswith("统一社会信用代码校验码错误")

    def test_an_owner_of_another_town_is_refused(self, cast):
        stranger = make_official(cast.regions.town2, name="东岭干部")
        data = lead_data(cast.regions.town1, owner=stranger.pk)
        form = LeadForm(data, user=cast.admin)
        assert not form.is_valid()
        assert form.errors["owner"] == ["东岭干部 不是城关街道的干部"]


def moved(lead, status, on, reason="", user=None):
    return actions.move_lead(
        Lead.objects.get(pk=lead.pk), status=status, on=on, reason=reason, user=user
    )


@pytest.mark.usefixtures("frozen_today")
class TestMoveLead:
    def test_a_forward_move_records_the_days_reached_and_an_event(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        moved(lead, "negotiating", date(2026, 4, 1), user=cast.town1)
        lead.refresh_from_db()
        assert (lead.status, lead.contacted_on, lead.negotiating_on, lead.version) == (
            "negotiating",
            date(2026, 4, 1),
            date(2026, 4, 1),
            2,
        )
        event = LeadEvent.objects.get(lead=lead)
        assert (event.kind, event.text, event.occurred_on, event.user) == (
            "status",
            "线索 → 在谈",
            date(2026, 4, 1),
            cast.town1,
        )
        assert event.data == {"from_status": "lead", "to_status": "negotiating", "reason": ""}

    def test_a_step_already_reached_keeps_its_day(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        moved(lead, "contacting", date(2026, 3, 10))
        moved(lead, "negotiating", date(2026, 4, 1))
        lead.refresh_from_db()
        assert (lead.contacted_on, lead.negotiating_on) == (date(2026, 3, 10), date(2026, 4, 1))

    def test_a_backward_move_needs_a_reason_and_clears_the_later_days(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        moved(lead, "negotiating", date(2026, 4, 1))
        refused(
            actions.move_lead, lead, "状态退回须填写原因", status="contacting", on=TODAY, user=None
        )
        moved(lead, "contacting", date(2026, 4, 5), reason="对方换了负责人")
        lead.refresh_from_db()
        assert (lead.status, lead.contacted_on, lead.negotiating_on) == (
            "contacting",
            date(2026, 4, 1),
            None,
        )
        assert LeadEvent.objects.filter(lead=lead).last().text == "在谈 → 接洽中：对方换了负责人"

    def test_a_drop_needs_a_reason_and_records_its_day_and_reason(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        refused(
            actions.move_lead, lead, "放弃线索须填写原因", status="dropped", on=TODAY, user=None
        )
        refused(
            actions.move_lead,
            lead,
            "放弃线索须填写原因",
            status="dropped",
            on=TODAY,
            user=None,
            reason="  ",
        )
        moved(lead, "dropped", date(2026, 5, 6), reason=" 投资方资金链断裂 ")
        lead.refresh_from_db()
        assert (lead.status, lead.dropped_on, lead.drop_reason) == (
            "dropped",
            date(2026, 5, 6),
            "投资方资金链断裂",
        )

    def test_a_dropped_lead_moves_only_after_reopening(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        moved(lead, "dropped", date(2026, 5, 6), reason="撤资")
        refused(
            actions.move_lead,
            lead,
            "线索已放弃，须先“重新启用”",
            status="contacting",
            on=TODAY,
            user=None,
        )

    def test_no_move_is_dated_after_today(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        refused(
            actions.move_lead,
            lead,
            "日期不能晚于今天",
            status="contacting",
            on=TODAY + timedelta(days=1),
            user=None,
        )
        moved(lead, "contacting", TODAY)
        assert Lead.objects.get(pk=lead.pk).contacted_on == TODAY

    def test_no_move_is_dated_before_the_lead_was_recorded_or_its_last_move(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        refused(
            actions.move_lead,
            lead,
            "日期不能早于登记日期（2026年03月02日）",
            status="contacting",
            on=date(2026, 3, 1),
            user=None,
        )
        moved(lead, "negotiating", date(2026, 4, 1))
        refused(
            actions.move_lead,
            lead,
            "日期不能早于上一次状态变更（2026年04月01日）",
            status="dropped",
            on=date(2026, 3, 31),
            user=None,
            reason="撤资",
        )

    def test_signing_is_never_a_status_move(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        refused(
            actions.move_lead, lead, "签约请使用“签约”操作", status="signed", on=TODAY, user=None
        )

    def test_a_move_to_the_same_or_an_unknown_status_is_refused(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        refused(actions.move_lead, lead, "状态没有变化", status="lead", on=TODAY, user=None)
        refused(actions.move_lead, lead, "未知的状态：won", status="won", on=TODAY, user=None)


@pytest.mark.usefixtures("frozen_today")
class TestReopenLead:
    @pytest.mark.parametrize("reached", ["lead", "contacting", "negotiating"])
    def test_a_reopened_lead_returns_to_the_status_it_was_dropped_from(self, cast, reached):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        if reached != "lead":
            moved(lead, reached, date(2026, 4, 1))
        moved(lead, "dropped", date(2026, 5, 6), reason="撤资")
        actions.reopen_lead(
            Lead.objects.get(pk=lead.pk),
            on=date(2026, 6, 1),
            reason="投资方重新联系",
            user=cast.town1,
        )
        lead.refresh_from_db()
        assert (lead.status, lead.dropped_on, lead.drop_reason) == (reached, None, "")
        event = LeadEvent.objects.filter(lead=lead).last()
        assert (event.kind, event.occurred_on, event.data["to_status"]) == (
            "reopened",
            date(2026, 6, 1),
            reached,
        )
        assert "投资方重新联系" in event.text

    def test_a_lead_taken_back_before_it_was_dropped_returns_to_the_earlier_status(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        moved(lead, "negotiating", date(2026, 4, 1))
        moved(lead, "contacting", date(2026, 4, 2), reason="重新接洽")
        moved(lead, "dropped", date(2026, 5, 6), reason="撤资")
        actions.reopen_lead(Lead.objects.get(pk=lead.pk), on=TODAY, reason="回来了", user=None)
        assert Lead.objects.get(pk=lead.pk).status == "contacting"

    def test_reopening_needs_a_dropped_lead_a_reason_and_a_day_after_the_drop(self, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        refused(
            actions.reopen_lead,
            lead,
            "只有已放弃的线索可以重新启用",
            on=TODAY,
            reason="x",
            user=None,
        )
        moved(lead, "dropped", date(2026, 5, 6), reason="撤资")
        refused(actions.reopen_lead, lead, "重新启用须填写原因", on=TODAY, reason=" ", user=None)
        refused(
            actions.reopen_lead,
            lead,
            "日期不能早于放弃日期（2026年05月06日）",
            on=date(2026, 5, 5),
            reason="x",
            user=None,
        )
        refused(
            actions.reopen_lead,
            lead,
            "日期不能晚于今天",
            on=TODAY + timedelta(days=1),
            reason="x",
            user=None,
        )


def signable(region, **fields):
    """A lead in talks whose investor is identified by a valid credit code."""
    values = {
        "recorded_on": date(2026, 3, 2),
        "status": "negotiating",
        "contacted_on": date(2026, 3, 10),
        "negotiating_on": date(2026, 4, 1),
        "investor_uscc": new_uscc(),
        "industry_code": "34",
        "intended_investment": Decimal("15000"),
    }
    values.update(fields)
    return make_lead(region, **values)


def sign(lead, on=date(2026, 6, 15), user=None, activity=None):
    return actions.sign_lead(Lead.objects.get(pk=lead.pk), on=on, user=user, activity=activity)


@pytest.mark.usefixtures("frozen_today")
class TestSignLead:
    def test_signing_makes_one_project_at_stage_signed_with_the_leads_facts(self, cast):
        # given a lead in talks, owned by an official
        town = cast.regions.town1
        owner = make_official(town, name="李明")
        lead = signable(
            town, owner=owner, project_name="年产5万吨新材料项目", investor_name="上海青禾有限公司"
        )
        # when it is signed
        project = sign(lead, user=cast.town1)
        # then exactly one project carries its name, region, industry, investment and liaison
        assert Project.objects.count() == 1
        project = Project.objects.get()
        assert (
            project.code,
            project.name,
            project.region,
            project.industry_code,
            project.total_investment,
            project.liaison_leader,
            project.investor_name,
            project.enterprise,
        ) == (
            "XM2026-0001",
            "年产5万吨新材料项目",
            town,
            "34",
            Decimal("15000"),
            "",
            "上海青禾有限公司",
            None,
        )
        # the lead's owner is the project's liaison leader, linked to the register
        assert [(x.official, x.role) for x in project.liaisons.all()] == [(owner, "leader")]
        assert (project.stage, project.actual_signed, project.planned_signed) == (
            "signed",
            date(2026, 6, 15),
            date(2026, 6, 15),
        )
        # and the lead is signed and linked to it
        lead.refresh_from_db()
        assert (lead.status, lead.signed_on, lead.project) == ("signed", date(2026, 6, 15), project)
        event = LeadEvent.objects.get(lead=lead)
        assert (event.kind, event.occurred_on, event.data["project"]) == (
            "signed",
            date(2026, 6, 15),
            project.pk,
        )
        assert event.text == "在谈 → 已签约，转入项目库：XM2026-0001 年产5万吨新材料项目"
        assert ProjectEvent.objects.filter(project=project).count() == 2

    def test_the_investor_is_the_registrys_enterprise_when_its_code_is_there(self, cast):
        town = cast.regions.town1
        enterprise = make_enterprise(town)
        lead = signable(town, investor_uscc=enterprise.uscc.lower())
        project = sign(lead)
        assert (project.enterprise, project.investor_name) == (enterprise, "")

    def test_a_lead_signed_without_a_dated_negotiation_is_negotiated_on_its_signing_day(self, cast):
        lead = signable(cast.regions.town1, status="lead", contacted_on=None, negotiating_on=None)
        sign(lead)
        lead.refresh_from_db()
        assert lead.negotiating_on == lead.signed_on == date(2026, 6, 15)
        assert LeadEvent.objects.get(lead=lead).text.startswith("线索 → 已签约")

    def test_project_codes_follow_the_years_last(self, cast):
        sign(signable(cast.regions.town1))
        second = sign(signable(cast.regions.town2))
        assert second.code == "XM2026-0002"

    def test_an_invalid_credit_code_is_refused_with_the_reason(self, cast):
        code = new_uscc()
        lead = signable(
            cast.regions.town1, investor_uscc=code[:17] + ("0" if code[17] != "0" else "1")
        )
        refused(actions.sign_lead, lead, "投资方统一社会信用代码校验码错误", on=TODAY, user=None)
        lead = signable(cast.regions.town1, investor_uscc=code[:10])
        refused(
            actions.sign_lead,
            lead,
            "投资方统一社会信用代码应为 18 位，实际 10 位",
            on=TODAY,
            user=None,
        )

    def test_an_investor_without_a_code_or_a_foreign_country_is_not_identified(self, cast):
        for country in ("", "中国", "中华人民共和国"):
            lead = signable(cast.regions.town1, investor_uscc="", investor_country=country)
            refused(actions.sign_lead, lead, "签约前须核实投资方", on=TODAY, user=None)

    def test_a_foreign_investor_needs_its_name_and_country(self, cast):
        nameless = signable(
            cast.regions.town1, investor_uscc="", investor_country="德国", investor_name=" "
        )
        refused(actions.sign_lead, nameless, "请填写投资方名称", on=TODAY, user=None)
        named = signable(
            cast.regions.town1,
            investor_uscc="",
            investor_country="德国",
            investor_name="Hafner GmbH",
        )
        assert sign(named).investor_name == "Hafner GmbH"

    def test_a_second_signing_without_an_activity_is_refused(self, cast):
        lead = signable(cast.regions.town1)
        sign(lead)
        refused(
            actions.sign_lead,
            lead,
            "该线索已于2026年06月15日签约，不能重复签约",
            on=TODAY,
            user=None,
        )
        assert Project.objects.count() == 1

    def test_signing_again_at_an_event_links_it_and_counts_nothing_twice(self, cast):
        town = cast.regions.town1
        lead = signable(town, investor_name="上海青禾有限公司")
        first = sign(lead, on=date(2026, 6, 15))
        event = make_activity(town, kind="promotion_event", start=date(2026, 6, 20))
        # when the same lead is signed again at a promotion event
        again = sign(lead, on=date(2026, 6, 20), activity=event)
        # then the event is linked, and the project is the one signed before
        assert again == first and Project.objects.count() == 1
        assert list(lead.activities.all()) == [event]
        assert Activity.objects.get(pk=event.pk).investor_count == 1
        linked = LeadEvent.objects.filter(lead=lead).last()
        assert (linked.kind, linked.data["activity"]) == ("linked", event.pk)
        lead.refresh_from_db()
        assert lead.signed_on == date(2026, 6, 15)
        # and June's statistics count one signing
        june = by_region(
            Activity.objects.all(), Lead.objects.all(), Period.months((2026, 6), (2026, 6))
        )[town.pk]
        assert (june.signed, june.signed_investment_wan, june.promotion_events) == (
            1,
            Decimal(15000),
            1,
        )

    def test_the_same_event_is_linked_once(self, cast):
        town = cast.regions.town1
        lead = signable(town, investor_name="上海青禾有限公司")
        sign(lead, on=date(2026, 6, 15))
        event = make_activity(town, kind="promotion_event", start=date(2026, 6, 20))
        sign(lead, on=date(2026, 6, 20), activity=event)
        ledger = LeadEvent.objects.filter(lead=lead).count()
        with pytest.raises(actions.LeadError, match="无需再次关联"):
            sign(lead, on=date(2026, 6, 21), activity=event)
        assert LeadEvent.objects.filter(lead=lead).count() == ledger

    def test_signing_at_an_event_the_first_time_links_it(self, cast):
        town = cast.regions.town1
        lead = signable(town)
        event = make_activity(town, kind="promotion_event", start=date(2026, 6, 15))
        sign(lead, activity=event)
        assert list(lead.activities.all()) == [event]
        assert LeadEvent.objects.get(lead=lead).kind == "signed"

    def test_the_same_investor_and_project_through_another_lead_is_refused(self, cast):
        town = cast.regions.town1
        code = new_uscc()
        sign(signable(town, investor_uscc=code, project_name="新材料项目"))
        twin = signable(town, investor_uscc=code.lower(), project_name="新材料项目")
        refused(actions.sign_lead, twin, "同一投资方的同一项目已签约", on=TODAY, user=None)
        # a foreign investor is the same by its name and country
        sign(signable(town, investor_uscc="", investor_country="德国", investor_name="Hafner GmbH"))
        foreign_twin = signable(
            town,
            investor_uscc="",
            investor_country="德国",
            investor_name="Hafner GmbH",
            project_name=Lead.objects.get(investor_name="Hafner GmbH").project_name,
        )
        refused(actions.sign_lead, foreign_twin, "同一投资方的同一项目已签约", on=TODAY, user=None)
        assert Project.objects.count() == 2

    def test_a_dropped_lead_is_not_signed(self, cast):
        lead = signable(cast.regions.town1, status="dropped", dropped_on=date(2026, 5, 1))
        refused(actions.sign_lead, lead, "线索已放弃，须先“重新启用”", on=TODAY, user=None)

    def test_a_signing_is_dated_neither_after_today_nor_before_the_last_move(self, cast):
        lead = signable(cast.regions.town1)
        refused(
            actions.sign_lead, lead, "日期不能晚于今天", on=TODAY + timedelta(days=1), user=None
        )
        refused(
            actions.sign_lead,
            lead,
            "日期不能早于上一次状态变更（2026年04月01日）",
            on=date(2026, 3, 31),
            user=None,
        )


@pytest.mark.parametrize(
    ("status", "expected"),
    [("lead", "contacting"), ("contacting", "negotiating"), ("negotiating", None)],
)
def test_the_next_status_is_the_open_step_after(status, expected):
    assert actions.next_status(status) == expected
