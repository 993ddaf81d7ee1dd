"""The rules as plain functions: working days, deadlines, overdue days, reminders, coverage,
statistics and their sentence, similarity. No database."""

from datetime import date
from decimal import Decimal

from mujun.service import rules, workdays
from mujun.service.rules import ProblemFact, problem_stats


class TestWorkdays:
    def test_a_deadline_across_the_spring_festival_and_its_make_up_saturdays(self):
        # 2026: off 15–23 February; Saturday 14 and Saturday 28 February are working days
        assert workdays.is_workday(date(2026, 2, 14))
        assert not workdays.is_workday(date(2026, 2, 16))
        assert workdays.add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
        assert workdays.add_workdays(date(2026, 2, 13), 3) == date(2026, 2, 25)
        # four working days on from Wednesday 25th: 26, 27, Saturday 28 and Monday 2 March
        assert workdays.add_workdays(date(2026, 2, 25), 4) == date(2026, 3, 2)

    def test_national_day_week(self):
        # 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked
        assert workdays.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)
        assert workdays.is_workday(date(2025, 10, 11))

    def test_a_year_beyond_the_calendar_counts_weekdays(self):
        later = date(workdays.LAST_KNOWN_YEAR + 1, 1, 1)
        assert not workdays.calendar_known(later)
        monday = later + (date.resolution * ((7 - later.weekday()) % 7))
        assert workdays.add_workdays(monday, 5) == monday.replace(day=monday.day + 7)

    def test_working_days_between(self):
        assert workdays.workdays_between(date(2026, 2, 13), date(2026, 2, 25)) == 3
        assert workdays.workdays_between(date(2026, 3, 2), date(2026, 3, 2)) == 0


class TestDeadlines:
    def test_defaults_by_category(self):
        d = rules.default_deadlines(date(2026, 2, 13), "finance")
        assert d.accept_by == date(2026, 2, 14)
        assert d.reply_by == date(2026, 2, 25)
        assert (d.resolve_by - date(2026, 2, 13)).days > 15  # fifteen working days, a holiday in
        land = rules.default_deadlines(date(2026, 3, 2), "land")
        assert land.resolve_by == workdays.add_workdays(date(2026, 3, 2), 30)

    def test_configured_defaults_override(self):
        config = rules.deadline_config({"resolve": {"land": 10}, "accept": 2})
        d = rules.default_deadlines(date(2026, 3, 2), "land", config)
        assert d.resolve_by == date(2026, 3, 16) and d.accept_by == date(2026, 3, 4)
        assert config["resolve"]["finance"] == 15

    def test_overdue_days_are_working_days(self):
        due = date(2026, 2, 13)
        assert rules.overdue_days(due, None, date(2026, 2, 25)) == 3
        assert rules.overdue_days(due, date(2026, 2, 14), date(2026, 3, 30)) == 1
        assert rules.overdue_days(due, None, date(2026, 2, 13)) == 0
        assert rules.overdue_days(None, None, date(2026, 2, 25)) == 0

    def test_reminders_three_and_one_working_days_ahead_and_when_passed(self):
        due = date(2026, 2, 25)
        assert rules.reminder_due(due, date(2026, 2, 13)) == "due_in_3"
        assert rules.reminder_due(due, date(2026, 2, 24)) == "due_in_1"
        assert rules.reminder_due(due, date(2026, 2, 20)) is None
        assert rules.reminder_due(due, date(2026, 2, 26)) == "overdue"


class TestCoverage:
    def test_who_was_visited_by_whom_and_who_was_not(self):
        result = rules.coverage([1, 2, 3, 4], [(1, "王"), (1, "李"), (3, "王"), (9, "赵")])
        assert (result.listed, result.visited, result.share) == (4, 2, Decimal("50.0"))
        assert result.by_whom == {1: ["王", "李"], 3: ["王"]}
        assert result.not_visited == [2, 4]

    def test_empty_list(self):
        assert rules.coverage([], []).share is None


def fact(raised, **kw):
    return ProblemFact(raised_on=raised, category=kw.pop("category", "land"), region="t1", **kw)


class TestStatistics:
    start, end, as_of = date(2026, 1, 1), date(2026, 12, 31), date(2026, 6, 30)

    def report(self, facts):
        return problem_stats(facts, self.start, self.end, self.as_of).total

    def test_rates_side_by_side_and_never_merged(self):
        stats = self.report(
            [
                fact(
                    date(2026, 1, 5),
                    closed_on=date(2026, 1, 20),
                    outcome="resolved",
                    satisfaction="satisfied",
                    due_on=date(2026, 1, 25),
                ),
                fact(
                    date(2026, 1, 6),
                    closed_on=date(2026, 2, 20),
                    outcome="resolved",
                    due_on=date(2026, 1, 25),
                ),
                fact(
                    date(2026, 1, 7),
                    closed_on=date(2026, 1, 8),
                    outcome="explained",
                    satisfaction="dissatisfied",
                ),
                fact(date(2026, 1, 8), due_on=date(2026, 2, 1)),
                fact(date(2026, 7, 1)),
            ]
        )
        assert (stats.raised, stats.closed, stats.resolved) == (5, 3, 2)
        assert stats.closed_on_time == 2 and stats.overdue == 1
        assert stats.resolved_pct == Decimal("66.7")
        # one satisfied of two answers: the unanswered is no 满意
        assert (stats.answered, stats.satisfaction_pct) == (2, Decimal("50.0"))
        assert stats.avg_days_to_close == Decimal("20.3")

    def test_a_reopened_problem_counts_once_with_its_last_closing(self):
        # reopened after 不满意 and closed again: one problem, its final facts
        stats = self.report(
            [
                fact(
                    date(2026, 2, 1),
                    closed_on=date(2026, 3, 1),
                    outcome="resolved",
                    satisfaction="basically",
                )
            ]
        )
        assert (stats.raised, stats.closed, stats.satisfied) == (1, 1, 1)

    def test_a_withdrawn_problem_counts_in_neither_rates_numerator(self):
        stats = self.report(
            [
                fact(date(2026, 2, 1), closed_on=date(2026, 2, 3), outcome="withdrawn"),
                fact(
                    date(2026, 2, 1),
                    closed_on=date(2026, 2, 3),
                    outcome="resolved",
                    satisfaction="satisfied",
                ),
            ]
        )
        assert stats.closed == 2 and stats.withdrawn == 1
        assert stats.resolved_pct == Decimal("50.0")
        assert stats.satisfaction_pct == Decimal("100.0") and stats.answered == 1

    def test_closed_after_the_period_is_open_at_its_end(self):
        stats = problem_stats(
            [
                fact(
                    date(2026, 1, 5),
                    closed_on=date(2026, 4, 1),
                    outcome="resolved",
                    due_on=date(2026, 2, 1),
                )
            ],
            self.start,
            date(2026, 3, 31),
            date(2026, 3, 31),
        ).total
        assert (stats.closed, stats.overdue) == (0, 1)

    def test_by_category_department_and_region(self):
        report = problem_stats(
            [
                fact(date(2026, 1, 5), category="land", departments=("自然资源局",)),
                fact(date(2026, 1, 6), category="energy", departments=("供电公司", "自然资源局")),
            ],
            self.start,
            self.end,
            self.as_of,
            region_of=lambda code: "城关",
        )
        assert report.by_category["land"].raised == 1
        assert report.by_department["自然资源局"].raised == 2
        assert report.by_region["城关"].raised == 2

    def test_the_sentence_in_house_style(self):
        stats = rules.Stats(raised=14, closed=12, resolved=11, answered=10, satisfied=9)
        lead = rules.period_lead(date(2026, 1, 1), date(2026, 12, 31), date(2026, 6, 30))
        assert rules.stats_sentence(lead, stats) == (
            "今年以来共收集企业问题14个,已解决11个,办结率85.7%,满意率90%。"
        )
        assert rules.stats_sentence("2026年1至3月", stats, "全县").startswith(
            "2026年1至3月,全县共收集企业问题14个"
        )
        # nobody answered: no 满意率 printed
        assert "满意率" not in rules.stats_sentence(lead, rules.Stats(raised=1))


class TestSimilarity:
    def test_groups_same_category_similar_text_in_several_towns(self):
        problems = [
            (1, "energy", "t1", "标准厂房用电增容审批慢，变压器容量不足"),
            (2, "energy", "t2", "厂房用电增容审批慢，变压器容量不够"),
            (3, "energy", "t3", "用电增容审批慢，变压器容量不足影响投产"),
            (4, "land", "t1", "用电增容审批慢，变压器容量不足"),
            (5, "energy", "t1", "招工难，缺少熟练技术工人"),
        ]
        assert rules.similar_groups(problems) == [[1, 2, 3]]
        same_town = [(i, "energy", "t1", text) for i, _c, _t, text in problems[:3]]
        assert rules.similar_groups(same_town) == []
