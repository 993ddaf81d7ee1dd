"""The enterprise service's rules as plain functions of plain data, no ORM: deadlines,
overdue days, coverage of a list by visits, the statistics and their sentence, and the
similarity that suggests common issues. Tested in milliseconds (tests/test_rules.py)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from mujun.core.chinese import rate
from mujun.core.money import percent, quantize

from .workdays import add_workdays, workdays_between

# 接诉即办's common defaults, in working days: accept within 1, first reply within 3, resolve
# within 15; complex categories up to 30. An installation changes them with the setting
# MUJUN_SERVICE_DEADLINES (a dict of the same shape, merged over these).
DEFAULT_DEADLINES = {
    "accept": 1,
    "reply": 3,
    "resolve": {
        "land": 30,
        "approval": 30,
        "infrastructure": 30,
        "finance": 15,
        "labour": 15,
        "energy": 15,
        "policy": 15,
        "other": 15,
    },
}

# The days before the deadline on which the handler is reminded (working days).
REMIND_BEFORE = (3, 1)


def deadline_config(overrides: dict | None = None) -> dict:
    config = {
        "accept": DEFAULT_DEADLINES["accept"],
        "reply": DEFAULT_DEADLINES["reply"],
        "resolve": dict(DEFAULT_DEADLINES["resolve"]),
    }
    for key, value in (overrides or {}).items():
        if key == "resolve":
            config["resolve"].update(value)
        else:
            config[key] = value
    return config


@dataclass(frozen=True)
class Deadlines:
    accept_by: date
    reply_by: date
    resolve_by: date


def default_deadlines(start: date, category: str, config: dict | None = None) -> Deadlines:
    """The deadlines of a problem handed over on ``start``: accept, first reply and resolve,
    each counted in working days after ``start``."""
    config = config or deadline_config()
    resolve = config["resolve"].get(category, config["resolve"].get("other", 15))
    return Deadlines(
        accept_by=add_workdays(start, config["accept"]),
        reply_by=add_workdays(start, config["reply"]),
        resolve_by=add_workdays(start, resolve),
    )


def overdue_days(due: date | None, closed_on: date | None, today: date) -> int:
    """Working days a problem is past its deadline: as of its closing day when closed, else as
    of ``today``; 0 when on time or without a deadline."""
    if due is None:
        return 0
    return workdays_between(due, closed_on or today)


def reminder_due(due: date | None, today: date) -> str | None:
    """Which reminder ``today`` calls for about a deadline ``due``: ``due_in_3`` or ``due_in_1``
    on the working day that is that many working days before it, ``overdue`` once it passed,
    else ``None``."""
    if due is None:
        return None
    if today > due:
        return "overdue"
    for before in REMIND_BEFORE:
        if today < due and add_workdays(today, before) == due:
            return f"due_in_{before}"
    return None


# -- coverage --------------------------------------------------------------------------------


@dataclass
class Coverage:
    listed: int
    visited: int
    share: Decimal | None
    # (enterprise id, [official names]) of the visited, ids of the not visited
    by_whom: dict = field(default_factory=dict)
    not_visited: list = field(default_factory=list)


def coverage(listed: Iterable[int], visits: Iterable[tuple[int, str]]) -> Coverage:
    """Of the enterprises ``listed`` (ids, in the list's order), which ``visits`` — pairs of
    (enterprise id, official name) in the period — reached, and by whom. A visit to an
    enterprise not on the list counts for nothing."""
    listed = list(dict.fromkeys(listed))
    wanted = set(listed)
    by_whom: dict[int, list[str]] = defaultdict(list)
    for enterprise, official in visits:
        if enterprise in wanted and official not in by_whom[enterprise]:
            by_whom[enterprise].append(official)
    visited = [e for e in listed if e in by_whom]
    return Coverage(
        listed=len(listed),
        visited=len(visited),
        share=percent(len(visited), len(listed), 1),
        by_whom=dict(by_whom),
        not_visited=[e for e in listed if e not in by_whom],
    )


# -- statistics ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemFact:
    """What the statistics read of one problem (a row, not a model)."""

    raised_on: date
    category: str
    region: str
    departments: tuple[str, ...] = ()
    # the department that has it now (an overdue problem counts against that one)
    department: str | None = None
    closed_on: date | None = None
    outcome: str = ""
    satisfaction: str = ""
    due_on: date | None = None


SATISFIED = ("satisfied", "basically")


@dataclass
class Stats:
    raised: int = 0
    closed: int = 0
    resolved: int = 0
    withdrawn: int = 0
    closed_on_time: int = 0
    overdue: int = 0
    answered: int = 0
    satisfied: int = 0
    days_to_close: int = 0

    @property
    def avg_days_to_close(self) -> Decimal | None:
        if not self.closed:
            return None
        return quantize(Decimal(self.days_to_close) / self.closed, 1)

    @property
    def closure_pct(self) -> Decimal | None:
        """办结率: closed of those raised."""
        return percent(self.closed, self.raised, 1)

    @property
    def resolved_pct(self) -> Decimal | None:
        """解决率: resolved of those closed (a withdrawal is closed, never resolved)."""
        return percent(self.resolved, self.closed, 1)

    @property
    def satisfaction_pct(self) -> Decimal | None:
        """满意率: 满意 or 基本满意 of the enterprises that answered (no answer, no count)."""
        return percent(self.satisfied, self.answered, 1)

    def add(self, fact: ProblemFact, as_of: date, overdue: bool = True) -> None:
        """Count ``fact`` as it stands on ``as_of``; ``overdue`` False leaves it out of the
        overdue count (a department's figures count only what it has now as overdue)."""
        self.raised += 1
        closed = fact.closed_on is not None and fact.closed_on <= as_of
        if closed:
            self.closed += 1
            self.days_to_close += (fact.closed_on - fact.raised_on).days
            if fact.outcome == "resolved":
                self.resolved += 1
            if fact.outcome == "withdrawn":
                self.withdrawn += 1
            if fact.due_on is None or fact.closed_on <= fact.due_on:
                self.closed_on_time += 1
            if fact.satisfaction:
                self.answered += 1
                self.satisfied += fact.satisfaction in SATISFIED
        elif overdue and fact.due_on is not None and fact.due_on < as_of:
            self.overdue += 1


@dataclass
class Report:
    total: Stats
    by_category: dict[str, Stats]
    by_department: dict[str, Stats]
    by_region: dict[str, Stats]


def problem_stats(
    facts: Iterable[ProblemFact], start: date, end: date, as_of: date, region_of=None
) -> Report:
    """The problems raised from ``start`` to ``end`` (both included), as they stand on
    ``as_of`` (the platform's reports use today): each problem counts once however often it
    was reopened — its last closing is the one that counts. By category, by each department it
    was assigned to (overdue: against the department that has it now), and by
    ``region_of(fact.region)`` (the child region a town lies in; the town itself when
    ``None``)."""
    report = Report(Stats(), defaultdict(Stats), defaultdict(Stats), defaultdict(Stats))
    for fact in facts:
        if not start <= fact.raised_on <= end:
            continue
        report.total.add(fact, as_of)
        report.by_category[fact.category].add(fact, as_of)
        for department in fact.departments:
            report.by_department[department].add(fact, as_of, department == fact.department)
        region = region_of(fact.region) if region_of else fact.region
        if region is not None:
            report.by_region[region].add(fact, as_of)
    return report


def period_lead(start: date, end: date, today: date) -> str:
    """今年以来 for January to today, else the period as the reports write it."""
    if start == date(today.year, 1, 1) and end >= today:
        return "今年以来"
    if start.year == end.year:
        if start.month == end.month:
            return f"{start.year}年{start.month}月"
        return f"{start.year}年{start.month}至{end.month}月"
    return f"{start.year}年{start.month}月至{end.year}年{end.month}月"


def stats_sentence(lead: str, stats: Stats, where: str = "") -> str:
    """The house style (seed 004's “解决发展和民生问题14项”, the county briefings):
    “今年以来共收集企业问题N个,已解决M个,办结率X%,满意率Y%”. 满意率 is left out while no
    enterprise has answered, rather than printed as a figure nobody gave."""
    text = f"{lead},{where}" if where else lead
    text += f"共收集企业问题{stats.raised}个,已解决{stats.resolved}个"
    text += f",办结率{rate(stats.closure_pct)}"
    if stats.satisfaction_pct is not None:
        text += f",满意率{rate(stats.satisfaction_pct)}"
    return text + "。"


# -- common issues ---------------------------------------------------------------------------


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if not c.isspace() and c not in ",，。；;、：:（）()"]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def similarity(a: str, b: str) -> float:
    """How alike two descriptions are: the share of character pairs they have in common
    (Jaccard over bigrams), which holds up for Chinese text without a word segmenter."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


SIMILAR = 0.35


def similar_groups(problems: Iterable[tuple[int, str, str, str]], min_size: int = 3) -> list:
    """Groups of problems of the same category with similar descriptions raised in more than
    one town: ``problems`` are (id, category, town, description); each group is a list of
    ids, largest first. A problem joins the first group one of whose members it resembles."""
    groups: list[list[tuple[int, str, str, str]]] = []
    for problem in problems:
        for group in groups:
            if group[0][1] == problem[1] and any(
                similarity(member[3], problem[3]) >= SIMILAR for member in group
            ):
                group.append(problem)
                break
        else:
            groups.append([problem])
    found = [g for g in groups if len(g) >= min_size and len({m[2] for m in g}) > 1]
    found.sort(key=len, reverse=True)
    return [[m[0] for m in g] for g in found]
