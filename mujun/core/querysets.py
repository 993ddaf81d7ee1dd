"""The one scoping method: every queryset that reaches a user goes through ``for_user``.

What a user may reach is the union of the *scope rules* its queryset class names in
``scope_rules``. Each rule is a named piece (``SUBTREE``, ``PEER_REGIONS_READABLE``,
``PARENT_REGIONS_READABLE``, ``ASSIGNED_TO_MY_DEPARTMENT``) that says, for a user and an
action, which regions' rows it lets through — or, for a rule that is not about regions, which
rows; ``for_user`` tests the role, then combines the rules into one
``region_id IN (regions)`` filter (or'ed with the row rules' conditions). The inherited scope
suites (``core.testing``) test every rule of every model, declared or not. One reading goes
through fixed rules of its own: ``ranked_among`` (``RANKING``) reads siblings' rows to compute
a region's place among them, and hands out positions only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import In

from .roles import VIEW, Role, role_allows


class InSubquery(In):
    """``column IN (subquery)``, which PostgreSQL writes ``column = ANY(ARRAY(subquery))``.

    For ``IN (subquery)`` PostgreSQL joins the subquery's rows to the table's, so a count of
    20,000 projects in a county's regions looks up the region of each; the array form runs the
    subquery once, first, and its ids become part of the index condition (the count of a
    lagging list: 4 ms → 2.5 ms, and a tenth of the planning). SQLite runs an uncorrelated
    ``IN (subquery)`` once already. Use it as a filter: ``qs.filter(in_subquery("region",
    regions))``."""

    def as_postgresql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} = ANY(ARRAY{rhs_sql})", (*lhs_params, *rhs_params)


def in_subquery(field: str, queryset) -> InSubquery:
    """The filter ``<field> IN (queryset)``, the queryset naming one column (``values("pk")``)."""
    return InSubquery(F(field), queryset.query)


def in_region(model, region, field: str | None = None) -> InSubquery:
    """Rows of ``model`` whose region (``field``, by default the model's ``scope_field``) lies in
    the subtree of ``region`` (a ``Region``, or its code: the code's path is then a subquery of
    the same SQL): the same ``region_id IN (…)`` test as the scope, which the foreign key's
    index answers (a join on the region's path would read every row)."""
    from django.db.models import Subquery

    from mujun.regions.models import Region

    if isinstance(region, str):
        path = Subquery(Region.objects.filter(code=region).values("path")[:1])
    else:
        path = region.path
    subtree = Region.objects.filter(path__startswith=path).values("pk")
    return in_subquery(field or getattr(model, "scope_field", "region"), subtree)


@dataclass(frozen=True)
class ScopeRule:
    """A named piece of scope: ``regions(user, action)`` is a condition on ``Region`` naming
    the regions whose rows the rule lets ``user`` act on with ``action``, or ``None`` when it
    lets nothing through for that action; a rule about something else than regions gives
    ``rows(user, action, model)`` instead, a condition on the model's own rows (or ``None``).
    ``user`` always has a region here."""

    name: str
    regions: Callable[..., Q | None] | None = None
    rows: Callable[..., Q | None] | None = None

    def __str__(self):
        return self.name


def _subtree(user, action):
    # A department user reaches only what is assigned to their department (the rule below):
    # nothing of the towns' own data, though their account sits in the county (docs/service.md).
    if getattr(user, "role", None) == Role.DEPARTMENT:
        return None
    return Q(path__startswith=user.region.path)


def _peers_readable(user, action):
    # Peers' figures are benchmark data read from published reports (docs/reader.md): every
    # user who may view reads them; nobody outside the installation's admins writes them.
    return Q(is_peer=True) if action == VIEW else None


def _parents_readable(user, action):
    # A town officer reads the county's scheme and run to understand their own enterprises'
    # grades; the user's ancestors are the codes on its path, its own region excluded.
    if action != VIEW:
        return None
    ancestors = user.region.lineage_codes()[:-1]
    return Q(code__in=ancestors) if ancestors else None


def _siblings_ranked(user, action):
    # A county's 通报 prints every town's place among its siblings; a town's officer sees the
    # town's place, which needs the siblings' figures — read to rank, never shown (RANKING).
    if action != VIEW or user.region.parent_id is None:
        return None
    return Q(parent_id=user.region.parent_id, is_peer=False)


# Rows in the user's region and below: every action the role allows.
SUBTREE = ScopeRule("subtree", _subtree)
# Rows of the peer regions (对标地区), to view only.
PEER_REGIONS_READABLE = ScopeRule("peer_regions_readable", _peers_readable)
# Rows of the regions above the user's (the county's scheme, say), to view only.
PARENT_REGIONS_READABLE = ScopeRule("parent_regions_readable", _parents_readable)
# Rows of the user's sibling regions, to rank the user's own among them only: a queryset
# read through RANKING feeds positions (1/15), never a figure a page or an answer shows.
SIBLING_REGIONS_RANKED = ScopeRule("sibling_regions_ranked", _siblings_ranked)
RANKING = (SUBTREE, SIBLING_REGIONS_RANKED)


def _assigned_to_my_department(user, action, model):
    """A department user's rows of ``model``, as the model's ``department_fields`` name them:
    ``(current, handled)`` — the field holding the department that has the row now (to act on:
    a problem waiting for it) and the one holding every department that ever had it (to view:
    the problems it worked, the enterprises of those problems). ``None`` lets nothing through."""
    department = getattr(user, "department_id", None)
    if getattr(user, "role", None) != Role.DEPARTMENT or department is None:
        return None
    current, handled = getattr(model, "department_fields", (None, None))
    field = handled if action == VIEW else current
    if field is None:
        return None
    if field == "pk" or field in {f.name for f in model._meta.concrete_fields}:
        # a column of the row itself (a foreign key, the id): tested in place
        return Q(**{field: department})
    if "__" not in field and model._meta.get_field(field).many_to_many:
        # the model's own many-to-many: its link table alone, by the department's index
        link = model._meta.get_field(field)
        rows = link.remote_field.through.objects.filter(
            **{f"{link.m2m_reverse_field_name()}_id": department}
        )
        return Q(pk__in=rows.values(f"{link.m2m_field_name()}_id"))
    # through a many-valued relation: a subquery, so no join duplicates a row
    return Q(pk__in=model._base_manager.filter(**{field: department}).values("pk"))


# Rows assigned to the user's department (企业服务's 交办): a department user works the
# problems waiting for it and reads what it worked and the enterprises concerned.
ASSIGNED_TO_MY_DEPARTMENT = ScopeRule("assigned_to_my_department", rows=_assigned_to_my_department)


def scope_regions(user, action: str, rules) -> Q | None:
    """The regions ``rules`` let ``user`` act on with ``action``, as one condition on
    ``Region`` (``None``: no region at all)."""
    combined = None
    for rule in rules:
        if rule.regions is None:
            continue
        condition = rule.regions(user, action)
        if condition is not None:
            combined = condition if combined is None else combined | condition
    return combined


def for_user(queryset, user, action: str, rules, field: str | None):
    """``queryset`` narrowed to what ``user`` may act on with ``action`` under ``rules``: all
    for superusers; nothing without the role's permission or without a region; otherwise the
    rows whose region (``field``; the regions themselves when ``None``) the rules name."""
    from mujun.regions.models import Region

    if not role_allows(user, action):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if getattr(user, "region", None) is None:
        return queryset.none()
    regions = scope_regions(user, action, rules)
    if field is None:
        return queryset.none() if regions is None else queryset.filter(regions)
    condition = None
    if regions is not None:
        condition = Q(in_subquery(field, Region.objects.filter(regions).values("pk")))
    for rule in rules:
        rows = rule.rows(user, action, queryset.model) if rule.rows is not None else None
        if rows is not None:
            condition = rows if condition is None else condition | rows
    return queryset.none() if condition is None else queryset.filter(condition)


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which region each row belongs to.

    ``scope_field`` on the model names the path from the row to its ``Region``
    (``"region"`` by default, ``"enterprise__region"`` for a land parcel); ``scope_rules`` on
    the queryset class names the rules that say which regions' rows a user reaches.
    """

    scope_rules: tuple[ScopeRule, ...] = (SUBTREE, PEER_REGIONS_READABLE)

    def for_user(self, user, action: str = VIEW):
        """Rows ``user`` may act on with ``action`` (see ``for_user`` above).

        The filter is ``<scope_field> IN (the rules' regions)`` (``in_subquery``): a subquery
        over the small region table whose ids the foreign-key index then answers, and the path
        from a row to its region only follows foreign keys forward, so no join can duplicate a
        row."""
        field = getattr(self.model, "scope_field", "region")
        return for_user(self, user, action, self.scope_rules, field)

    def scoped_by_region(self, user, action: str = VIEW) -> bool:
        """Whether ``for_user`` narrows these rows for ``user`` by their region alone, no rule
        about other things letting rows through: a figure kept per region (a tally) then
        answers for exactly the rows the user reaches."""
        model = self.model
        return not any(
            rule.rows is not None and rule.rows(user, action, model) is not None
            for rule in self.scope_rules
        )

    def ranked_among(self, user):
        """Rows to place ``user``'s regions among their siblings (the ``RANKING`` rules): the
        county's towns for a town's officer. Only positions computed from them may reach the
        user, never the rows or their figures."""
        field = getattr(self.model, "scope_field", "region")
        return for_user(self, user, VIEW, RANKING, field)

    def active(self):
        """Rows not archived (deletion from the UI archives, it never removes)."""
        return self.filter(is_archived=False)

    def search(self, q: str):
        """Rows whose ``search_fields`` (named on the model) contain ``q``, ignoring case: what
        a list's search box finds."""
        q = (q or "").strip()
        fields = getattr(self.model, "search_fields", ())
        if not q or not fields:
            return self
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": q})
        return self.filter(match)
