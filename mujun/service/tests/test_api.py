"""The API's verbs and reports: answers with the timeline, bad input in Chinese with nothing
written, the statistics summed in the database equal to the rule."""

from datetime import date

import pytest

from mujun.accounts.models import ApiToken
from mujun.attraction.testing import make_official
from mujun.enterprises.testing import make_enterprise
from mujun.service import actions, rules
from mujun.service.models import Problem
from mujun.service.reports import facts, problems_in, stats_report
from mujun.service.testing import make_problem, make_visit

pytestmark = pytest.mark.django_db


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **auth(user))


def test_escalate_accept_reply_close_through_the_api(client, cast, depts):
    enterprise = make_enterprise(cast.regions.town1)
    created = post(
        client,
        "/api/service/problems",
        {
            "enterprise_id": enterprise.pk,
            "category": "land",
            "description": "扩建用地指标不足",
            "source": "phone",
        },
        cast.town1,
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["code"].startswith("SQ2026-")
    base = f"/api/service/problems/{pk}"
    bad = post(
        client, f"{base}/handle", {"handling": "escalate", "department": depts.one.pk}, cast.town1
    )
    assert bad.status_code == 422 and "办结时限" in bad.json()["detail"]
    past = post(
        client,
        f"{base}/handle",
        {"handling": "escalate", "department": depts.one.pk, "deadline": "2026-02-01"},
        cast.town1,
    )
    assert past.status_code == 422 and "不能早于今天" in past.json()["detail"]
    assert Problem.objects.get(pk=pk).status == "new"
    ok = post(
        client,
        f"{base}/handle",
        {"handling": "escalate", "department": depts.one.pk, "deadline": "2026-03-31"},
        cast.town1,
    )
    assert ok.json()["status"] == "assigned" and ok.json()["timeline"][0]["kind"] == "escalated"
    assert post(client, f"{base}/accept", {}, depts.user2).status_code == 404
    assert post(client, f"{base}/accept", {}, depts.user1).json()["status"] == "accepted"
    assert post(client, f"{base}/reply", {"note": "已安排"}, depts.user1).status_code == 200
    no_resolution = post(client, f"{base}/close", {"satisfaction": "satisfied"}, cast.town1)
    assert no_resolution.status_code == 422 and "办理结果" in no_resolution.json()["detail"]
    closed = post(
        client,
        f"{base}/close",
        {"resolution": "已安排用地", "satisfaction": "satisfied"},
        cast.town1,
    )
    assert closed.json()["status"] == "closed" and closed.json()["satisfaction"] == "satisfied"
    late = post(client, f"{base}/reply", {"note": "补充"}, depts.user1)
    assert late.status_code == 422 and "已办结" in late.json()["detail"]


def test_visit_with_problems_raised_on_the_spot(client, cast):
    enterprise = make_enterprise(cast.regions.town1)
    official = make_official(cast.regions.town1)
    answer = post(
        client,
        "/api/service/visits",
        {
            "enterprise_id": enterprise.pk,
            "visited_on": "2026-02-27",
            "kind": "onsite",
            "official_ids": [official.pk],
            "discussed": "了解扩产计划",
            "problems": [{"category": "labour", "description": "招工难"}],
        },
        cast.town1,
    )
    assert answer.status_code == 201, answer.content
    problem = Problem.objects.get(pk=answer.json()["problem_ids"][0])
    assert (problem.source, problem.raised_on, problem.officer) == (
        "visit",
        date(2026, 2, 27),
        official,
    )


def test_coverage_counts_the_key_list(client, cast):
    visited = make_enterprise(cast.regions.town1, above_size=True)
    missed = make_enterprise(cast.regions.town1, is_high_tech=True)
    make_enterprise(cast.regions.town1)  # not on the key list
    official = make_official(cast.regions.town1, name="王书记")
    make_visit(enterprise=visited, officials=[official], visited_on=date(2026, 2, 1))
    answer = client.get(
        "/api/service/coverage?region=339102&start=2026-01-01&end=2026-12-31&list=key",
        **auth(cast.leader),
    ).json()
    assert (answer["listed"], answer["visited"], answer["share"]) == (2, 1, "50.00")
    assert [e["id"] for e in answer["not_visited"]] == [missed.pk]
    assert answer["visited_by"][0]["officials"] == ["王书记"]
    filtered = client.get(
        "/api/service/coverage?region=339102&start=2026-01-01&end=2026-12-31&list=size%3Dabove",
        **auth(cast.leader),
    ).json()
    assert (filtered["listed"], filtered["visited"]) == (1, 1)


def test_stats_summed_in_the_database_equal_the_rule(client, cast, depts):
    r = cast.regions
    a = make_problem(r.town1, category="land", raised_on=date(2026, 1, 5))
    actions.handle(
        a, user=cast.town1, handling="escalate", department=depts.one, deadline=date(2026, 3, 20)
    )
    actions.reply(a, user=depts.user1, note="已办")
    actions.close(a, user=cast.town1, resolution="已办", satisfaction="satisfied")
    b = make_problem(r.town2, category="energy", raised_on=date(2026, 1, 6))
    actions.close(b, user=cast.town2, resolution="自行解决", outcome="withdrawn")
    c = make_problem(r.town2, category="energy", raised_on=date(2026, 2, 6))
    Problem.objects.filter(pk=c.pk).update(due_on=date(2026, 2, 20), status="in_progress")
    from mujun.service import tally

    assert tally.rebuild() > 0  # as the daily command does after writes past the verbs
    d = make_problem(r.town1, category="finance", raised_on=date(2026, 2, 7))
    actions.close(d, user=cast.town1, resolution="答复", satisfaction="dissatisfied")
    today = date(2026, 3, 2)
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    report = stats_report(cast.leader, r.county, start, end, today)
    expected = rules.problem_stats(
        facts(problems_in(cast.leader, r.county, start, end)), start, end, today
    )
    assert report.total == expected.total
    assert {k: s for k, _l, s in report.by_category if s.raised} == dict(expected.by_category)
    assert {d.name: s for d, s in report.by_department} == dict(expected.by_department)
    assert {r.code: s for r, s in report.by_region} == {
        code: s for code, s in expected.by_region.items()
    }
    assert (report.total.raised, report.total.closed, report.total.overdue) == (4, 2, 1)
    answer = client.get(
        "/api/service/stats?region=339102&start=2026-01&end=2026-12", **auth(cast.leader)
    ).json()
    assert answer["sentence"] == "今年以来,全县共收集企业问题4个,已解决1个,办结率50%,满意率100%。"
    assert answer["resolved_pct"] == "50.00" and answer["satisfaction_pct"] == "100.00"
    assert [row["region"] for row in answer["by_region"]] == ["339102001", "339102002"]
    assert answer["by_department"][0]["department"] == "县自然资源局"


def test_a_tally_not_counted_today_counts_overdue_live(cast):
    from mujun.service import tally

    problem = make_problem(cast.regions.town1, raised_on=date(2026, 1, 5))
    Problem.objects.filter(pk=problem.pk).update(status="in_progress", due_on=date(2026, 2, 1))
    tally.rebuild(date(2026, 1, 20))  # yesterday's count knew nothing overdue
    report = stats_report(
        cast.leader, cast.regions.county, date(2026, 1, 1), date(2026, 12, 31), date(2026, 3, 2)
    )
    assert report.total.overdue == 1 and report.by_region[0][1].overdue == 1
