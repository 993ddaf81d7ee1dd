"""Every state transition of a problem, allowed and refused; refused ones write nothing."""

from datetime import date

import pytest

from mujun.service import actions
from mujun.service.models import Problem, Reminder
from mujun.service.testing import assign, make_department, make_problem

pytestmark = pytest.mark.django_db


def state(problem):
    problem.refresh_from_db()
    return problem.status


def kinds(problem):
    return [e.kind for e in problem.events.order_by("pk")]


def escalated(cast, depts, **kw):
    problem = make_problem(cast.regions.town1, **kw)
    actions.handle(
        problem,
        user=cast.town1,
        handling="escalate",
        department=depts.one,
        deadline=date(2026, 3, 20),
        note="请协调用地指标",
    )
    return problem


class TestHandling:
    def test_resolve_locally_with_the_default_deadline(self, cast):
        problem = make_problem(cast.regions.town1, category="land")
        actions.handle(problem, user=cast.town1, handling="resolve_locally")
        assert state(problem) == "in_progress"
        assert problem.due_on == actions.suggested_deadline(problem, date(2026, 3, 2))
        assert kinds(problem) == ["local"]

    def test_explain_policy_closes_with_the_explanation(self, cast):
        problem = make_problem(cast.regions.town1)
        with pytest.raises(actions.ProblemError, match="解释内容"):
            actions.handle(problem, user=cast.town1, handling="explain_policy")
        actions.handle(problem, user=cast.town1, handling="explain_policy", note="按政策不予补贴")
        assert state(problem) == "closed"
        assert (problem.outcome, problem.resolution, problem.satisfaction) == (
            "explained",
            "按政策不予补贴",
            "",
        )

    def test_escalate_to_a_department(self, cast, depts):
        problem = escalated(cast, depts)
        assert state(problem) == "assigned"
        assert problem.department == depts.one and list(problem.departments.all()) == [depts.one]
        assert problem.accept_by == date(2026, 3, 3) and problem.reply_by == date(2026, 3, 5)
        assert kinds(problem) == ["escalated"]
        assert Reminder.objects.filter(user=depts.user1, problem=problem, kind="assigned").exists()

    @pytest.mark.parametrize(
        "kwargs, message",
        [
            ({"deadline": date(2026, 3, 20)}, "承办部门或上级地区"),
            ({"department": "one"}, "办结时限"),
            ({"department": "one", "deadline": date(2026, 2, 27)}, "不能早于今天"),
        ],
    )
    def test_escalating_without_receiver_or_deadline_or_with_a_past_one(
        self, cast, depts, kwargs, message
    ):
        problem = make_problem(cast.regions.town1)
        if kwargs.get("department") == "one":
            kwargs["department"] = depts.one
        with pytest.raises(actions.ProblemError, match=message):
            actions.handle(problem, user=cast.town1, handling="escalate", **kwargs)
        problem.refresh_from_db()
        assert (problem.status, problem.version, kinds(problem)) == ("new", 1, [])

    def test_escalate_to_the_parent_region_only(self, cast):
        problem = make_problem(cast.regions.town1)
        with pytest.raises(actions.ProblemError, match="上一级"):
            actions.handle(
                problem,
                user=cast.town1,
                handling="escalate",
                region=cast.regions.city,
                deadline=date(2026, 3, 20),
            )
        actions.handle(
            problem,
            user=cast.town1,
            handling="escalate",
            region=cast.regions.county,
            deadline=date(2026, 3, 20),
        )
        assert state(problem) == "assigned" and problem.receiving_region == cast.regions.county

    def test_a_town_department_of_another_county_is_refused(self, cast):
        elsewhere = make_department(cast.regions.town2)
        problem = make_problem(cast.regions.town1)
        with pytest.raises(actions.ProblemError, match="不能交办"):
            actions.handle(
                problem,
                user=cast.town1,
                handling="escalate",
                department=elsewhere,
                deadline=date(2026, 3, 20),
            )

    def test_the_town_cannot_handle_what_a_department_has(self, cast, depts):
        problem = escalated(cast, depts)
        with pytest.raises(actions.ProblemError, match="已交办"):
            actions.handle(problem, user=cast.town1, handling="resolve_locally")


class TestReceiver:
    def test_accept_reply_then_the_town_closes(self, cast, depts):
        problem = escalated(cast, depts)
        actions.accept(problem, user=depts.user1)
        with pytest.raises(actions.ProblemError, match="已受理"):
            actions.accept(problem, user=depts.user1)
        with pytest.raises(actions.ProblemError, match="答复须填写"):
            actions.reply(problem, user=depts.user1, note=" ")
        actions.reply(problem, user=depts.user1, note="已调剂用地指标")
        assert state(problem) == "replied" and problem.replied_on == date(2026, 3, 2)
        with pytest.raises(actions.ProblemError, match="镇街"):
            actions.close(problem, user=depts.user1, resolution="x")
        actions.close(problem, user=cast.town1, resolution="已落实", satisfaction="satisfied")
        assert state(problem) == "closed" and problem.department is None
        assert problem.days_to_close == 0
        assert kinds(problem) == ["escalated", "accepted", "replied", "closed"]

    def test_reply_accepts_an_unaccepted_problem(self, cast, depts):
        problem = escalated(cast, depts)
        actions.reply(problem, user=depts.user1, note="答复")
        assert problem.accepted_on == date(2026, 3, 2)

    def test_another_department_cannot_act(self, cast, depts):
        problem = escalated(cast, depts)
        for verb, kwargs in (
            (actions.accept, {}),
            (actions.reply, {"note": "x"}),
            (actions.return_problem, {"reason": "x"}),
        ):
            with pytest.raises(actions.ProblemError):
                verb(problem, user=depts.user2, **kwargs)
        assert state(problem) == "assigned"

    def test_return_needs_a_reason_and_comes_back_to_the_town(self, cast, depts):
        problem = escalated(cast, depts)
        with pytest.raises(actions.ProblemError, match="原因"):
            actions.return_problem(problem, user=depts.user1, reason="")
        actions.return_problem(problem, user=depts.user1, reason="不属本部门职责")
        assert state(problem) == "returned" and problem.department is None
        # the department still reads what it had, the town handles it again
        assert Problem.objects.for_user(depts.user1).filter(pk=problem.pk).exists()
        assert not Problem.objects.for_user(depts.user1, "handle").filter(pk=problem.pk).exists()
        actions.handle(problem, user=cast.town1, handling="resolve_locally")
        assert state(problem) == "in_progress"

    def test_pass_up_once_more(self, cast, depts):
        city_department = make_department(cast.regions.city, name="市自然资源和规划局")
        problem = escalated(cast, depts)
        with pytest.raises(actions.ProblemError, match="不能交办"):
            actions.handle(
                problem,
                user=depts.user1,
                handling="escalate",
                department=depts.two,
                deadline=date(2026, 3, 25),
            )
        actions.handle(
            problem,
            user=depts.user1,
            handling="escalate",
            department=city_department,
            deadline=date(2026, 3, 25),
            note="涉及市级指标",
        )
        assert problem.department == city_department
        assert set(problem.departments.all()) == {depts.one, city_department}
        assert "县自然资源局上报至市自然资源和规划局" in problem.events.last().text


class TestClosing:
    def test_closing_without_a_resolution_is_refused(self, cast):
        problem = make_problem(cast.regions.town1)
        with pytest.raises(actions.ProblemError, match="办理结果"):
            actions.close(problem, user=cast.town1, resolution=" ")
        assert state(problem) == "new"

    def test_replying_to_a_closed_problem_is_refused(self, cast, depts):
        problem = escalated(cast, depts)
        actions.close(problem, user=cast.town1, resolution="企业自行解决", outcome="resolved")
        with pytest.raises(actions.ProblemError, match="已办结"):
            actions.reply(problem, user=cast.town1, note="x")
        with pytest.raises(actions.ProblemError, match="已办结"):
            actions.close(problem, user=cast.town1, resolution="x")

    def test_dissatisfied_reopens_once(self, cast):
        problem = make_problem(cast.regions.town1)
        actions.close(problem, user=cast.town1, resolution="答复一", satisfaction="dissatisfied")
        assert state(problem) == "reopened" and problem.reopened
        assert problem.closed_on is None and problem.satisfaction == ""
        actions.handle(problem, user=cast.town1, handling="resolve_locally")
        actions.close(problem, user=cast.town1, resolution="答复二", satisfaction="dissatisfied")
        assert state(problem) == "closed" and problem.satisfaction == "dissatisfied"
        assert kinds(problem) == ["reopened", "local", "closed"]

    def test_withdrawal_with_its_reason_and_no_satisfaction(self, cast):
        problem = make_problem(cast.regions.town1)
        with pytest.raises(actions.ProblemError, match="撤单的原因"):
            actions.close(problem, user=cast.town1, resolution="", outcome="withdrawn")
        with pytest.raises(actions.ProblemError, match="不记录满意度"):
            actions.close(
                problem,
                user=cast.town1,
                resolution="企业已自行解决",
                outcome="withdrawn",
                satisfaction="satisfied",
            )
        actions.close(problem, user=cast.town1, resolution="企业已自行解决", outcome="withdrawn")
        assert (state(problem), problem.outcome, problem.satisfaction) == (
            "closed",
            "withdrawn",
            "",
        )
        with pytest.raises(actions.ProblemError, match="撤单"):
            actions.rate(problem, user=cast.town1, satisfaction="satisfied")

    def test_satisfaction_recorded_after_closing_and_never_assumed(self, cast):
        problem = make_problem(cast.regions.town1)
        actions.close(problem, user=cast.town1, resolution="已解决")
        assert problem.satisfaction == ""
        with pytest.raises(actions.ProblemError):
            actions.rate(problem, user=cast.town1, satisfaction="")
        actions.rate(problem, user=cast.town1, satisfaction="basically")
        assert state(problem) == "closed" and problem.satisfaction == "basically"
        with pytest.raises(actions.ProblemError, match="已记录"):
            actions.rate(problem, user=cast.town1, satisfaction="satisfied")


class TestCommonIssues:
    def test_solving_the_cause_is_recorded_on_each_problem(self, cast):
        from mujun.service.models import CommonIssue

        a = make_problem(cast.regions.town1, category="energy")
        b = make_problem(cast.regions.town2, category="energy")
        actions.close(b, user=cast.town2, resolution="先行临时供电")
        issue = CommonIssue.objects.create(
            title="用电增容难", category="energy", region=cast.regions.county
        )
        actions.group_problems(issue, [a, b], user=cast.leader)
        actions.solve_issue(issue, solution="县供电公司统一增容改造", user=cast.admin)
        a.refresh_from_db()
        b.refresh_from_db()
        assert a.status == "closed" and "统一增容改造" in a.resolution
        assert b.resolution == "先行临时供电"
        assert kinds(a) == ["grouped", "issue_solved"] and kinds(b)[-1] == "issue_solved"


class TestReminders:
    def test_daily_reminders_ahead_and_to_the_superior_when_passed(self, cast, depts):
        from mujun.service.notify import daily

        problem = assign(make_problem(cast.regions.town1), depts.one, due=date(2026, 3, 5))
        assert daily(date(2026, 3, 2)) == 1  # three working days ahead, to the department
        assert daily(date(2026, 3, 2)) == 0  # once
        assert Reminder.objects.get(kind="due_in_3").user == depts.user1
        daily(date(2026, 3, 4))
        assert Reminder.objects.filter(kind="due_in_1", user=depts.user1).exists()
        daily(date(2026, 3, 6))
        overdue = Reminder.objects.get(kind="overdue")
        assert overdue.user == cast.leader and overdue.problem == problem
