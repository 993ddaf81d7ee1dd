from django.db.models import Q

from mujun.core.querysets import (
    ASSIGNED_TO_MY_DEPARTMENT,
    PARENT_REGIONS_READABLE,
    SUBTREE,
    ScopedQuerySet,
)

from .choices import OPEN, WITH_RECEIVER


class DepartmentQuerySet(ScopedQuerySet):
    # a town reads the county's departments to escalate to them; a department its own record
    scope_rules = (*ScopedQuerySet.scope_rules, PARENT_REGIONS_READABLE, ASSIGNED_TO_MY_DEPARTMENT)


class ProblemQuerySet(ScopedQuerySet):
    # no peer rule: peer regions are benchmark data read from reports, they have no problems
    # (and a department's queue then tests its assignments alone, not "or a peer region")
    scope_rules = (SUBTREE, ASSIGNED_TO_MY_DEPARTMENT)

    def open(self):
        return self.filter(status__in=OPEN)

    def overdue(self, today):
        """Open problems past their deadline on ``today``."""
        return self.filter(status__in=OPEN, due_on__lt=today)

    def waiting_for(self, user):
        """The problems waiting for ``user``'s department or region to act (its queue)."""
        department = getattr(user, "department_id", None)
        if department is not None:
            return self.filter(department_id=department, status__in=WITH_RECEIVER)
        region = getattr(user, "region_id", None)
        return self.filter(Q(receiving_region_id=region), status__in=WITH_RECEIVER)


class ProblemEventQuerySet(ScopedQuerySet):
    scope_rules = (SUBTREE, ASSIGNED_TO_MY_DEPARTMENT)
