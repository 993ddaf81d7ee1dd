"""Scoping of the evaluation's objects: one ``for_user`` per model, as everywhere."""

from mujun.core.querysets import PARENT_REGIONS_READABLE, ScopedQuerySet


class CountyLevelQuerySet(ScopedQuerySet):
    """Schemes and runs belong to the region they apply to (usually the county). Reading them
    is open to that region's whole subtree, since a town officer reads the county's scheme and
    the county's run to understand their own enterprises' grades (the results themselves stay
    scoped by enterprise). Every other action needs the object inside the user's subtree."""

    scope_rules = (*ScopedQuerySet.scope_rules, PARENT_REGIONS_READABLE)
