"""Each role's home page as plain data: the panels' figures, assembled from the areas'
functions (officer.py, leader.py, department.py, system.py). The page and ``GET /api/home``
both read them, so what the API answers is what the page shows."""

from dataclasses import dataclass
from datetime import date

from mujun.core.roles import PUBLISH, role_allows

from . import department, imports, leader, officer, system
from .rules import ADMIN, DEPARTMENT, LEADER, OFFICER


@dataclass
class OfficerPage:
    flagged: officer.Flagged
    filing: officer.Filing
    waiting: officer.Waiting
    attraction: officer.MonthCheck | None
    failed_imports: imports.Failed


def officer_page(user, day: date) -> OfficerPage:
    return OfficerPage(
        flagged=officer.flagged_projects(user, day),
        filing=officer.filing(user, day),
        waiting=officer.waiting_problems(user, day),
        attraction=officer.attraction_check(user, day),
        failed_imports=imports.failed_imports(user, day),
    )


@dataclass
class LeaderPage:
    region: object
    indicators: leader.KeyIndicators | None
    plans_upto: date
    plans: list[leader.TierPlan]
    flags: list[leader.TownFlags]
    funnel: object  # attraction.funnel.FunnelReport
    overdue: leader.Overdue
    classes: leader.ClassMix | None
    # None for a role that signs nothing off (a viewer reads the page without it)
    sign_off: leader.SignOff | None
    attraction: officer.MonthCheck | None


def leader_page(user, day: date) -> LeaderPage | None:
    """None for a user with no region to read (a superuser of an empty installation)."""
    region = leader.region_of(user)
    if region is None:
        return None
    upto, plans = leader.key_projects(user, region, day)
    return LeaderPage(
        region=region,
        indicators=leader.key_indicators(user, region),
        plans_upto=upto,
        plans=plans,
        flags=leader.flags_by_town(user, region),
        funnel=leader.attraction_funnel(user, region, day),
        overdue=leader.overdue_by_department(user, region, day),
        classes=leader.class_mix(user),
        sign_off=leader.sign_off(user) if role_allows(user, PUBLISH) else None,
        attraction=officer.attraction_check(user, day),
    )


@dataclass
class DepartmentPage:
    queue: department.Queue
    handling: object  # service.rules.Stats, or None for a user without a department


def department_page(user, day: date) -> DepartmentPage:
    return DepartmentPage(department.queue(user, day), department.handling(user, day))


@dataclass
class AdminPage:
    system: system.System
    # the leader's panels of the admin's region (the installation's top for a superuser)
    leader: LeaderPage | None
    # the last imports of the users the admin manages, with their outcome
    imports: list


def admin_page(user, day: date) -> AdminPage:
    return AdminPage(system.system(user), leader_page(user, day), imports.recent_imports(user))


BUILDERS = {
    OFFICER: officer_page,
    LEADER: leader_page,
    DEPARTMENT: department_page,
    ADMIN: admin_page,
}
