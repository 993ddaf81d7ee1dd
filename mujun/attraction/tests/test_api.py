"""The attraction and officials API: writing activities and leads (409 on a stale version, 422
with Chinese messages under the API's own field names), the status, reopen and sign verbs, the
statistics and the 一月一招商 check, and the lists filtered by the FilterSets' names."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mujun.accounts.models import ApiToken
from mujun.attraction.models import Activity, ActivityEvent, Lead, LeadEvent
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.enterprises.testing import new_uscc
from mujun.officials.models import Official
from mujun.projects.models import Project

from .conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

ACTIVITIES = "/api/attraction/activities"
LEADS = "/api/attraction/leads"
OFFICIALS = "/api/officials"


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def post(client, url, data, user):
    return client.post(url, data, content_type="application/json", **auth(user))


def patch(client, url, data, user):
    return client.patch(url, data, content_type="application/json", **auth(user))


def get(client, url, user):
    return client.get(url, **auth(user))


def trip_body(leader, **fields):
    body = {
        "region": "339102001",
        "kind": "trip",
        "start_date": "2026-06-01",
        "end_date": "2026-06-03",
        "destination": "上海",
        "leader_id": leader.pk,
    }
    body.update(fields)
    return body


def lead_body(**fields):
    body = {
        "region": "339102001",
        "investor_name": "上海青禾新材料有限公司",
        "project_name": "年产5万吨新材料项目",
        "channel": "agency",
        "intended_investment_wan": "15000",
    }
    body.update(fields)
    return body


def nothing_written():
    return not (Activity.objects.exists() or Lead.objects.exists())


class TestActivities:
    def test_recording_a_trip_answers_it_with_its_derived_figures(self, client, cast):
        town = cast.regions.town1
        leader, cadre = make_official(town, name="王书记", principal=True), make_official(town)
        lead = make_lead(town, investor_name="丙公司")
        body = trip_body(
            leader,
            official_ids=[leader.pk, cadre.pk],
            investors=["甲公司", "乙公司"],
            lead_ids=[lead.pk],
        )
        response = post(client, ACTIVITIES, body, cast.town1)
        assert response.status_code == 201, response.content
        out = response.json()
        assert (out["region"], out["region_name"], out["days"], out["leader_name"]) == (
            "339102001",
            "城关街道",
            3,
            "王书记",
        )
        # the leader is the leader, never also a participant; a trip carries no batches
        assert (out["official_ids"], out["lead_ids"], out["batches"]) == ([cadre.pk], [lead.pk], 0)
        assert (out["investors"], out["investor_count"], out["version"]) == (
            ["甲公司", "乙公司"],
            3,
            1,
        )
        assert ActivityEvent.objects.get(activity_id=out["id"]).kind == "recorded"

    def test_a_trip_ending_before_it_starts_is_422_and_writes_nothing(self, client, cast):
        leader = make_official(cast.regions.town1)
        body = trip_body(leader, start_date="2026-06-03", end_date="2026-06-01")
        response = post(client, ACTIVITIES, body, cast.town1)
        assert response.status_code == 422
        assert response.json() == {"detail": {"end_date": ["结束日期不能早于开始日期"]}}
        assert nothing_written()

    def test_an_activity_whose_leader_is_cleared_is_422_under_leader_id(self, client, cast):
        activity = make_activity(cast.regions.town1)
        response = patch(
            client, f"{ACTIVITIES}/{activity.pk}", {"version": 1, "leader_id": None}, cast.town1
        )
        # the schema refuses a null where the field may not be empty, in Chinese, by field
        assert response.status_code == 422
        assert response.json() == {"detail": {"leader_id": ["应为整数"]}}
        assert Activity.objects.get(pk=activity.pk).version == 1

    def test_an_activity_sent_without_a_leader_is_422_and_writes_nothing(self, client, cast):
        body = trip_body(make_official(cast.regions.town1))
        body.pop("leader_id")
        response = post(client, ACTIVITIES, body, cast.town1)
        assert response.status_code == 422
        assert nothing_written()

    def test_an_official_of_another_town_is_422_under_the_apis_names(self, client, cast):
        town1, town2 = cast.regions.town1, cast.regions.town2
        stranger = make_official(town2, name="东岭干部")
        # a town officer is not even offered another town's officials
        response = post(client, ACTIVITIES, trip_body(stranger), cast.town1)
        assert response.status_code == 422
        assert list(response.json()["detail"]) == ["leader_id"]
        assert "选择一个有效的选项" in response.json()["detail"]["leader_id"][0]
        # a county admin is, and is told the official is not the town's
        body = trip_body(make_official(town1), official_ids=[stranger.pk])
        response = post(client, ACTIVITIES, body, cast.admin)
        assert response.status_code == 422
        assert response.json() == {"detail": {"official_ids": ["东岭干部 不是城关街道的干部"]}}
        assert nothing_written()

    @pytest.mark.parametrize("region", ["339102999", "339102002"])
    def test_an_unknown_region_or_one_outside_scope_is_422(self, client, cast, region):
        body = trip_body(make_official(cast.regions.town1), region=region)
        response = post(client, ACTIVITIES, body, cast.town1)
        assert response.status_code == 422
        assert list(response.json()["detail"]) == ["region"]
        assert nothing_written()

    def test_a_patch_with_the_version_read_saves_and_a_stale_one_is_409(self, client, cast):
        activity = make_activity(cast.regions.town1, destination="上海")
        url = f"{ACTIVITIES}/{activity.pk}"
        ok = patch(client, url, {"version": 1, "destination": "深圳"}, cast.town1)
        assert ok.status_code == 200, ok.content
        assert (ok.json()["destination"], ok.json()["version"]) == ("深圳", 2)
        stale = patch(client, url, {"version": 1, "destination": "杭州"}, cast.town1)
        assert stale.status_code == 409
        assert "此记录已被他人修改（当前版本 2）" in stale.json()["detail"]
        assert Activity.objects.get(pk=activity.pk).destination == "深圳"
        assert ActivityEvent.objects.filter(activity=activity).count() == 1

    def test_a_patch_moving_the_end_before_the_start_is_422(self, client, cast):
        activity = make_activity(cast.regions.town1, start=date(2026, 6, 2), end=date(2026, 6, 4))
        url = f"{ACTIVITIES}/{activity.pk}"
        response = patch(client, url, {"version": 1, "end_date": "2026-06-01"}, cast.town1)
        assert response.status_code == 422
        assert response.json() == {"detail": {"end_date": ["结束日期不能早于开始日期"]}}
        assert Activity.objects.get(pk=activity.pk).end_date == date(2026, 6, 4)

    def test_a_viewer_may_read_but_not_write(self, client, cast):
        leader = make_official(cast.regions.town1)
        assert get(client, ACTIVITIES, cast.viewer).status_code == 200
        assert post(client, ACTIVITIES, trip_body(leader), cast.viewer).status_code == 403
        assert nothing_written()


class TestActivityList:
    def test_the_list_filters_by_kind_official_dates_and_region(self, client, cast):
        r = cast.regions
        secretary, cadre = make_official(r.town1, principal=True), make_official(r.town1)
        led = make_activity(r.town1, leader=secretary, start=date(2026, 3, 1))
        joined = make_activity(
            r.town1, kind="visit", leader=cadre, officials=[secretary], start=date(2026, 4, 1)
        )
        other = make_activity(r.town1, leader=cadre, start=date(2026, 5, 1), end=date(2026, 5, 3))
        theirs = make_activity(r.town2, kind="visit", start=date(2026, 4, 1))

        def ids(query):
            response = get(client, f"{ACTIVITIES}{query}", cast.leader)
            assert response.status_code == 200, response.content
            return {item["id"] for item in response.json()["items"]}

        assert ids("") == {led.pk, joined.pk, other.pk, theirs.pk}
        assert ids("?kind=visit") == {joined.pk, theirs.pk}
        assert ids(f"?official={secretary.pk}") == {led.pk, joined.pk}
        assert ids("?since=2026-04-01") == {joined.pk, other.pk, theirs.pk}
        assert ids("?until=2026-04-01") == {led.pk, joined.pk, theirs.pk}
        # a trip is in the span when any of its days is
        assert ids("?since=2026-05-03&until=2026-05-31") == {other.pk}
        assert ids("?region=339102002") == {theirs.pk}
        assert ids("?region=339102001&kind=visit") == {joined.pk}

    def test_an_unknown_kind_is_422(self, client, cast):
        response = get(client, f"{ACTIVITIES}?kind=party", cast.leader)
        assert response.status_code == 422 and "kind" in response.json()["detail"]

    def test_an_archived_activity_is_listed_only_when_asked_for(self, client, cast):
        archived = make_activity(cast.regions.town1, is_archived=True)
        assert get(client, ACTIVITIES, cast.town1).json()["count"] == 0
        items = get(client, f"{ACTIVITIES}?archived=true", cast.town1).json()["items"]
        assert [item["id"] for item in items] == [archived.pk]


class TestLeads:
    def test_recording_a_lead_answers_it_recorded_today(self, client, cast):
        owner = make_official(cast.regions.town1, name="李明")
        response = post(client, LEADS, lead_body(owner_id=owner.pk), cast.town1)
        assert response.status_code == 201, response.content
        out = response.json()
        assert (out["status"], out["recorded_on"], out["owner_name"]) == (
            "lead",
            TODAY.isoformat(),
            "李明",
        )
        assert (out["intended_investment_wan"], out["category"], out["project_id"]) == (
            "15000.0000",
            "industrial",
            None,
        )
        assert LeadEvent.objects.get(lead_id=out["id"]).kind == "recorded"

    def test_a_lead_recorded_after_today_is_422(self, client, cast):
        body = lead_body(recorded_on=(TODAY + timedelta(days=1)).isoformat())
        response = post(client, LEADS, body, cast.town1)
        assert response.status_code == 422
        assert response.json() == {"detail": {"recorded_on": ["登记日期不能晚于今天"]}}
        assert not Lead.objects.exists()

    def test_an_invalid_credit_code_is_422_with_the_reason(self, client, cast):
        code = new_uscc()
        wrong = code[:17] + ("0" if code[17] != "0" else "1")
        response = post(client, LEADS, lead_body(investor_uscc=wrong), cast.town1)
        assert response.status_code == 422
        assert response.json()["detail"]["investor_uscc"][0].startswith(
            "统一社会信用代码校验码错误"
        )
        assert nothing_written()

    def test_an_owner_of_another_town_is_422_under_owner_id(self, client, cast):
        stranger = make_official(cast.regions.town2, name="东岭干部")
        response = post(client, LEADS, lead_body(owner_id=stranger.pk), cast.admin)
        assert response.status_code == 422
        assert response.json() == {"detail": {"owner_id": ["东岭干部 不是城关街道的干部"]}}
        response = post(client, LEADS, lead_body(owner_id=stranger.pk), cast.town1)
        assert response.status_code == 422 and list(response.json()["detail"]) == ["owner_id"]
        assert nothing_written()

    def test_an_unknown_region_is_422(self, client, cast):
        response = post(client, LEADS, lead_body(region="110000"), cast.town1)
        assert response.status_code == 422 and list(response.json()["detail"]) == ["region"]
        assert nothing_written()

    def test_an_unknown_channel_is_422_in_chinese(self, client, cast):
        response = post(client, LEADS, lead_body(channel="friends"), cast.town1)
        assert response.status_code == 422
        assert "选择一个有效的选项" in response.json()["detail"]["channel"][0]

    def test_a_patch_with_a_stale_version_is_409_and_changes_nothing(self, client, cast):
        lead = make_lead(cast.regions.town1, project_name="原项目")
        url = f"{LEADS}/{lead.pk}"
        ok = patch(client, url, {"version": 1, "project_name": "新项目"}, cast.town1)
        assert ok.status_code == 200 and ok.json()["version"] == 2
        stale = patch(client, url, {"version": 1, "project_name": "旧版本的修改"}, cast.town1)
        assert stale.status_code == 409
        assert Lead.objects.get(pk=lead.pk).project_name == "新项目"

    def test_a_signed_leads_recording_day_may_not_pass_its_signing_day(self, client, cast):
        lead = make_lead(
            cast.regions.town1,
            status="signed",
            recorded_on=date(2026, 3, 1),
            signed_on=date(2026, 4, 1),
        )
        body = {"version": 1, "recorded_on": "2026-04-02"}
        response = patch(client, f"{LEADS}/{lead.pk}", body, cast.town1)
        assert response.status_code == 422
        assert response.json() == {"detail": {"recorded_on": ["登记日期不能晚于签约日期"]}}


class TestLeadList:
    def test_the_list_filters_by_each_filter_name(self, client, cast):
        r = cast.regions
        owner = make_official(r.town1)
        signed = make_lead(
            r.town1,
            status="signed",
            channel="resident",
            category="talent",
            industry_code="3411",
            home_province="上海市",
            owner=owner,
            investor_name="上海青禾",
        )
        plain = make_lead(
            r.town1, channel="agency", home_province="江苏省", investor_name="苏州远山"
        )
        theirs = make_lead(r.town2, channel="agency", investor_name="东岭客商")

        def ids(query):
            response = get(client, f"{LEADS}{query}", cast.leader)
            assert response.status_code == 200, response.content
            return {item["id"] for item in response.json()["items"]}

        assert ids("") == {signed.pk, plain.pk, theirs.pk}
        assert ids("?status=signed") == {signed.pk}
        assert ids("?channel=agency") == {plain.pk, theirs.pk}
        assert ids("?category=talent") == {signed.pk}
        assert ids("?industry=34") == {signed.pk}
        assert ids(f"?owner={owner.pk}") == {signed.pk}
        assert ids("?province=江苏省") == {plain.pk}
        # a province named short finds the leads stored by its full name
        assert ids("?province=江苏") == {plain.pk}
        assert ids("?region=339102002") == {theirs.pk}
        assert ids("?q=青禾") == {signed.pk}

    def test_a_town_officer_may_not_filter_by_another_towns_region_or_official(self, client, cast):
        stranger = make_official(cast.regions.town2)
        make_lead(cast.regions.town2, owner=stranger)
        for query in ("?region=339102002", f"?owner={stranger.pk}"):
            assert get(client, f"{LEADS}{query}", cast.town1).status_code == 422, query


def verb(client, lead, name, body, user):
    return post(client, f"{LEADS}/{lead.pk}/{name}", body, user)


class TestLeadVerbs:
    def test_a_status_move_answers_the_lead_moved(self, client, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        response = verb(
            client, lead, "status", {"status": "negotiating", "date": "2026-04-01"}, cast.town1
        )
        assert response.status_code == 200, response.content
        out = response.json()
        assert (out["status"], out["negotiating_on"], out["version"]) == (
            "negotiating",
            "2026-04-01",
            2,
        )

    @pytest.mark.parametrize(
        "body, message",
        [
            ({"status": "dropped", "date": "2026-04-01"}, "放弃线索须填写原因"),
            ({"status": "signed", "date": "2026-04-01"}, "签约请使用“签约”操作"),
            ({"status": "contacting", "date": "2026-07-01"}, "日期不能晚于今天"),
            ({"status": "contacting", "date": "2026-03-01"}, "日期不能早于登记日期"),
        ],
    )
    def test_a_refused_move_is_422_with_the_reason_and_writes_nothing(
        self, client, cast, body, message
    ):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        response = verb(client, lead, "status", body, cast.town1)
        assert response.status_code == 422
        assert message in response.json()["detail"]["status"][0]
        assert Lead.objects.get(pk=lead.pk).version == 1 and not LeadEvent.objects.exists()

    def test_a_dropped_lead_moves_again_only_after_reopening(self, client, cast):
        lead = make_lead(cast.regions.town1, recorded_on=date(2026, 3, 2))
        dropped = {"status": "dropped", "date": "2026-04-01", "reason": "资金不到位"}
        assert verb(client, lead, "status", dropped, cast.town1).status_code == 200
        again = {"status": "contacting", "date": "2026-05-01"}
        response = verb(client, lead, "status", again, cast.town1)
        assert response.status_code == 422
        assert response.json() == {"detail": {"status": ["线索已放弃，须先“重新启用”"]}}
        reopen = {"date": "2026-05-01", "reason": "资金已落实"}
        response = verb(client, lead, "reopen", reopen, cast.town1)
        assert response.status_code == 200
        assert (response.json()["status"], response.json()["dropped_on"]) == ("lead", None)
        assert verb(client, lead, "status", again, cast.town1).status_code == 200

    def test_signing_answers_the_project_id_and_code(self, client, cast):
        lead = make_lead(
            cast.regions.town1,
            status="negotiating",
            negotiating_on=date(2026, 4, 1),
            investor_uscc=new_uscc(),
        )
        response = verb(client, lead, "sign", {"date": "2026-06-15"}, cast.town1)
        assert response.status_code == 200, response.content
        out = response.json()
        project = Project.objects.get()
        assert (out["project_id"], out["project_code"]) == (project.pk, "XM2026-0001")
        assert (out["lead"]["status"], out["lead"]["signed_on"], out["lead"]["project_id"]) == (
            "signed",
            "2026-06-15",
            project.pk,
        )
        # a second signing without an event is refused, and one at an event is linked
        again = verb(client, lead, "sign", {"date": "2026-06-20"}, cast.town1)
        assert again.status_code == 422
        assert "不能重复签约" in again.json()["detail"]["status"][0]
        event = make_activity(cast.regions.town1, kind="promotion_event", start=date(2026, 6, 20))
        linked = verb(
            client, lead, "sign", {"date": "2026-06-20", "activity_id": event.pk}, cast.town1
        )
        assert linked.status_code == 200
        assert linked.json()["project_id"] == project.pk and Project.objects.count() == 1

    def test_signing_an_unidentified_investor_is_422_and_writes_nothing(self, client, cast):
        lead = make_lead(cast.regions.town1, status="negotiating", negotiating_on=date(2026, 4, 1))
        response = verb(client, lead, "sign", {"date": "2026-06-15"}, cast.town1)
        assert response.status_code == 422
        assert "签约前须核实投资方" in response.json()["detail"]["status"][0]
        assert not Project.objects.exists() and Lead.objects.get(pk=lead.pk).status == "negotiating"

    def test_signing_at_another_towns_activity_is_404(self, client, cast):
        lead = make_lead(
            cast.regions.town1,
            status="negotiating",
            negotiating_on=date(2026, 4, 1),
            investor_uscc=new_uscc(),
        )
        theirs = make_activity(cast.regions.town2, kind="promotion_event")
        body = {"date": "2026-06-15", "activity_id": theirs.pk}
        assert verb(client, lead, "sign", body, cast.town1).status_code == 404
        assert not Project.objects.exists()

    def test_a_siblings_activity_is_refused_even_where_both_are_seen(self, client, cast):
        lead = make_lead(
            cast.regions.town1,
            status="negotiating",
            negotiating_on=date(2026, 4, 1),
            investor_uscc=new_uscc(),
        )
        theirs = make_activity(cast.regions.town2, kind="promotion_event")
        body = {"date": "2026-06-15", "activity_id": theirs.pk}
        response = verb(client, lead, "sign", body, cast.admin)
        assert response.status_code == 422
        assert "线索所在地区或其上级" in response.json()["detail"]["status"][0]
        assert not Project.objects.exists() and not theirs.leads.exists()

    def test_a_county_promotion_event_signs_a_towns_lead(self, client, cast):
        lead = make_lead(
            cast.regions.town1,
            status="negotiating",
            negotiating_on=date(2026, 4, 1),
            investor_uscc=new_uscc(),
        )
        event = make_activity(cast.regions.county, kind="promotion_event")
        body = {"date": "2026-06-15", "activity_id": event.pk}
        assert verb(client, lead, "sign", body, cast.admin).status_code == 200
        assert list(event.leads.all()) == [lead]

    @pytest.mark.parametrize("name", ["status", "reopen", "sign"])
    def test_a_viewer_may_not_use_the_verbs(self, client, cast, name):
        lead = make_lead(cast.regions.town1)
        body = {"status": "contacting", "date": "2026-06-01", "reason": "x"}
        assert verb(client, lead, name, body, cast.viewer).status_code == 403
        assert Lead.objects.get(pk=lead.pk).version == 1


STATS = "/api/attraction/stats"
CHECK = "/api/attraction/monthly-check"


class TestStats:
    def test_a_countys_figures_sentence_regions_and_officials(self, client, cast):
        r = cast.regions
        secretary = make_official(r.town1, principal=True, name="城关书记", title="书记")
        make_activity(r.town1, leader=secretary, start=date(2026, 3, 2), end=date(2026, 3, 4))
        make_activity(r.town2, start=date(2026, 3, 2), end=date(2026, 3, 11))
        make_lead(
            r.town1,
            recorded_on=date(2026, 3, 1),
            negotiating_on=date(2026, 3, 5),
            signed_on=date(2026, 3, 20),
            intended_investment=Decimal("12000"),
        )
        response = get(client, f"{STATS}?region=339102&start=2026-03&end=2026-05", cast.leader)
        assert response.status_code == 200, response.content
        out = response.json()
        assert (out["region"], out["period"], out["trip_days"], out["principal_trip_days"]) == (
            "339102",
            "2026年3至5月",
            13,
            3,
        )
        assert (out["signed"], out["signed_investment_wan"]) == (1, "12000.0000")
        assert out["sentence"] == (
            "2026年3至5月,青溪县累计外出招商13天,主要领导外出招商3天,拜访企业0家,接待客商0批次,"
            "洽谈招商项目1个,其中签约项目1个、意向投资1.2亿元。"
        )
        rows = {row["region"]: row for row in out["by_region"]}
        assert (rows["339102001"]["trip_days"], rows["339102001"]["rank_trip_days"]) == (3, 2)
        assert (rows["339102002"]["trip_days"], rows["339102002"]["rank_trip_days"]) == (10, 1)
        officials = {row["name"]: row for row in out["by_official"]}
        assert (officials["城关书记"]["trip_days"], officials["城关书记"]["is_principal"]) == (
            3,
            True,
        )
        # a county leader sees no sibling of the county to be ranked among
        assert (out["rank_trip_days"], out["rank_signed"]) == (None, None)

    def test_a_towns_rank_among_its_siblings_reads_position_of_count(self, client, cast):
        make_activity(cast.regions.town1, start=date(2026, 3, 2), end=date(2026, 3, 4))
        make_activity(cast.regions.town2, start=date(2026, 3, 2), end=date(2026, 3, 11))
        out = get(client, f"{STATS}?region=339102001&start=2026-03&end=2026-03", cast.leader).json()
        assert out["rank_trip_days"] == "2/2"

    @pytest.mark.parametrize(
        "query, message",
        [
            ("start=2026-13&end=2026-12", "月份应写作 YYYY-MM，实际为“2026-13”"),
            ("start=2026&end=2026-12", "月份应写作 YYYY-MM，实际为“2026”"),
            ("start=2026-05&end=2026-03", "结束月份不能早于开始月份"),
        ],
    )
    def test_a_bad_month_is_422_with_the_reason(self, client, cast, query, message):
        response = get(client, f"{STATS}?region=339102&{query}", cast.leader)
        assert response.status_code == 422
        assert response.json() == {"detail": {"period": [message]}}

    @pytest.mark.parametrize("region", ["339102002", "339102", "999999"])
    def test_a_region_outside_the_users_scope_is_404(self, client, cast, region):
        response = get(client, f"{STATS}?region={region}&start=2026-01&end=2026-12", cast.town1)
        assert response.status_code == 404
        assert response.json() == {"detail": "未知的地区，或不在您的管辖范围内"}

    def test_anonymous_is_401_and_no_region_user_is_404(self, client, cast):
        url = f"{STATS}?region=339102001&start=2026-01&end=2026-12"
        assert client.get(url).status_code == 401
        assert get(client, url, cast.no_region).status_code == 404


class TestMonthlyCheck:
    def test_the_principals_who_did_nothing_in_the_month_are_named(self, client, cast):
        r = cast.regions
        busy = make_official(r.town1, principal=True, name="城关书记")
        make_official(r.town2, principal=True, name="东岭书记", title="党委书记")
        make_official(r.town2, name="东岭干部")
        make_activity(r.town1, leader=busy, start=date(2026, 2, 27), end=date(2026, 3, 2))
        response = get(client, f"{CHECK}?region=339102&month=2026-03", cast.leader)
        assert response.status_code == 200, response.content
        out = response.json()
        assert (out["region"], out["month"], out["principals"]) == ("339102", "2026-03", 2)
        assert [(o["name"], o["title"], o["region"], o["region_name"]) for o in out["missing"]] == [
            ("东岭书记", "党委书记", "339102002", "东岭镇")
        ]
        april = get(client, f"{CHECK}?region=339102&month=2026-4", cast.leader).json()
        assert april["month"] == "2026-04" and len(april["missing"]) == 2

    def test_a_month_to_come_has_no_miss_yet(self, client, cast, frozen_today):
        make_official(cast.regions.town1, principal=True, name="城关书记")
        month = f"{frozen_today.year}-{frozen_today.month + 1:02d}"
        out = get(client, f"{CHECK}?region=339102&month={month}", cast.leader).json()
        assert (out["principals"], out["missing"]) == (1, [])
        now = f"{frozen_today.year}-{frozen_today.month:02d}"
        out = get(client, f"{CHECK}?region=339102&month={now}", cast.leader).json()
        assert [o["name"] for o in out["missing"]] == ["城关书记"]

    def test_a_bad_month_is_422_and_another_towns_region_404(self, client, cast):
        bad = get(client, f"{CHECK}?region=339102001&month=2026-00", cast.town1)
        assert bad.status_code == 422
        assert bad.json() == {"detail": {"month": ["月份应写作 YYYY-MM，实际为“2026-00”"]}}
        other = get(client, f"{CHECK}?region=339102002&month=2026-03", cast.town1)
        assert other.status_code == 404


class TestOfficials:
    def test_recording_an_official_answers_it(self, client, cast):
        body = {"name": "张伟", "title": "镇长", "region": "339102001", "is_principal": True}
        response = post(client, OFFICIALS, body, cast.town1)
        assert response.status_code == 201, response.content
        out = response.json()
        assert (out["name"], out["region"], out["region_name"], out["is_principal"]) == (
            "张伟",
            "339102001",
            "城关街道",
            True,
        )
        assert (out["user_id"], out["version"]) == (None, 1)

    def test_a_name_taken_in_the_region_is_422(self, client, cast):
        make_official(cast.regions.town1, name="张伟")
        body = {"name": "张伟", "region": "339102001"}
        response = post(client, OFFICIALS, body, cast.town1)
        assert response.status_code == 422
        assert "该地区已有同名干部" in str(response.json()["detail"])
        # the same name in another town is another official
        assert (
            post(client, OFFICIALS, {**body, "region": "339102002"}, cast.admin).status_code == 201
        )

    def test_another_towns_region_or_account_is_422(self, client, cast):
        body = {"name": "张伟", "region": "339102002"}
        response = post(client, OFFICIALS, body, cast.town1)
        assert response.status_code == 422 and list(response.json()["detail"]) == ["region"]
        body = {"name": "张伟", "region": "339102001", "user_id": cast.town2.pk}
        response = post(client, OFFICIALS, body, cast.town1)
        assert response.status_code == 422 and list(response.json()["detail"]) == ["user_id"]
        assert not Official.objects.exists()

    def test_an_officials_account_is_linked_by_its_id(self, client, cast):
        body = {"name": "张伟", "region": "339102001", "user_id": cast.town1.pk}
        response = post(client, OFFICIALS, body, cast.town1)
        assert response.status_code == 201 and response.json()["user_id"] == cast.town1.pk

    def test_a_patch_saves_with_the_version_read_and_a_stale_one_is_409(self, client, cast):
        official = make_official(cast.regions.town1, title="副镇长")
        url = f"{OFFICIALS}/{official.pk}"
        ok = patch(client, url, {"version": 1, "title": "镇长"}, cast.town1)
        assert ok.status_code == 200 and ok.json()["title"] == "镇长"
        stale = patch(client, url, {"version": 1, "title": "书记"}, cast.town1)
        assert stale.status_code == 409
        assert Official.objects.get(pk=official.pk).title == "镇长"

    def test_the_list_filters_by_region_and_principal(self, client, cast):
        secretary = make_official(cast.regions.town1, principal=True)
        cadre = make_official(cast.regions.town1)
        other = make_official(cast.regions.town2, principal=True)

        def ids(query):
            response = get(client, f"{OFFICIALS}{query}", cast.leader)
            assert response.status_code == 200, response.content
            return {item["id"] for item in response.json()["items"]}

        assert ids("") == {secretary.pk, cadre.pk, other.pk}
        assert ids("?principal=true") == {secretary.pk, other.pk}
        assert ids("?region=339102001") == {secretary.pk, cadre.pk}
        assert ids("?region=339102001&principal=true") == {secretary.pk}
