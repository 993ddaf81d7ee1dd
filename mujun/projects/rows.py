"""A project as lists show it: the columns a list reads, fetched as plain values.

A list page, the list API and the Excel export show the same 50 (or 20,000) projects. A model
instance per row, with its region joined as a second instance, costs more than the queries of
the page; a row built from ``values_list`` carries the same attribute names (``code``,
``region.name``, ``planned_dates()`` …), so ``services.decorate``, the table and the API
serialiser take either.
"""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Aggregate, CharField, OuterRef, Subquery
from django.db.models.expressions import RawSQL

from .models import Project, ProjectDerived


class RegionRef(NamedTuple):
    code: str
    name: str

    def __str__(self):
        return self.name


@dataclass(slots=True)
class ProjectRow(ProjectDerived):
    pk: int
    code: str
    name: str
    region_id: int
    enterprise_id: int | None
    investor_name: str
    industry_code: str
    total_investment: Decimal
    fixed_asset_investment: Decimal | None
    land_area_mu: Decimal | None
    liaison_leader: str
    responsible_department: str
    stage: str
    planned_signed: date | None
    planned_land_supplied: date | None
    planned_started: date | None
    planned_completed: date | None
    planned_producing: date | None
    actual_signed: date | None
    actual_land_supplied: date | None
    actual_started: date | None
    actual_completed: date | None
    actual_producing: date | None
    alert_level: str
    alert_reasons: list
    alerts_as_of: date | None
    completed_total: Decimal
    completed_this_year: Decimal
    plan_this_year: Decimal | None
    version: int
    # attached by to_row and services.decorate
    region: RegionRef = None
    tiers: list = None
    figures: object = None
    alert: object = None
    # the ids of its tiers, comma-separated, fetched with the row (services.tiers_of)
    tag_ids: str | None = None


_ATTACHED = ("region", "tiers", "figures", "alert", "tag_ids")
# The fetched columns, in the dataclass's order, then the region's code and name.
ROW_FIELDS = (
    *(f.name for f in fields(ProjectRow) if f.name not in _ATTACHED),
    "region__code",
    "region__name",
)


class _IdList(Aggregate):
    """A group's ids as one text, comma-separated."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra,
        )


def _tag_ids():
    # one lookup in the link table's (project, tier) index per row, in the row's own query:
    # a page's tiers cost no query of their own
    links = Project.tags.through.objects.filter(project_id=OuterRef("pk"))
    return Subquery(links.values("project_id").annotate(ids=_IdList("projecttag_id")).values("ids"))


def row_values(queryset):
    """``queryset`` of projects as the tuples ``to_row`` reads (lazy: slice or iterate it).
    Count the queryset itself, not this: the region's join would be counted too."""
    return queryset.annotate(tag_ids=_tag_ids()).values_list(*ROW_FIELDS, "tag_ids")


def to_row(values) -> ProjectRow:
    row = ProjectRow(*values[:-3])
    row.region = RegionRef(values[-3], values[-2])
    row.tag_ids = values[-1] or ""
    return row


def fetch_rows(queryset) -> list[ProjectRow]:
    """The rows of ``queryset`` (usually a page's slice) in one query.

    The query is ``<the row columns> WHERE id IN (<the page's ids>) ORDER BY <its order>``:
    the ORM compiles only the page's one-column query; the rest, the same for every page, was
    compiled once by ``_RowQuery`` (building and compiling 39 columns with the tier subquery
    cost 5 ms a page, more than the database took to answer)."""
    query = queryset.query
    if query.is_empty():
        return []
    if query.distinct or query.combinator or query.annotations or not _plain_ordering(query):
        return [to_row(v) for v in row_values(queryset)]
    try:
        page_sql, page_params = queryset.values("pk").query.sql_with_params()
    except EmptyResultSet:
        return []
    return [
        to_row(v) for v in _RowQuery.get(queryset.db, _ordering(query)).run(page_sql, page_params)
    ]


def iterate_rows(queryset, chunk_size: int = 2000):
    """All rows of ``queryset`` in chunks, for an export of the whole list."""
    return map(to_row, row_values(queryset).iterator(chunk_size=chunk_size))


def _plain_ordering(query) -> bool:
    return not query.extra_order_by and all(isinstance(o, str) for o in query.order_by)


def _ordering(query) -> tuple:
    if query.order_by:
        return tuple(query.order_by)
    return tuple(Project._meta.ordering) if query.default_ordering else ()


class _RowQuery:
    """The rows query for one database and ordering, compiled once per process around a
    placeholder for the page's ids; ``run`` puts a page's id query in its place. The orderings
    are the code's own (the model's, or an ``order_by`` with field names), so they are few."""

    _PAGE = "__mujun_page_ids__"
    _compiled: dict = {}

    def __init__(self, alias: str, ordering: tuple):
        rows = row_values(Project.objects.filter(pk__in=RawSQL(self._PAGE, ())).order_by(*ordering))
        self.alias, self.query = alias, rows.query
        compiler = self.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        self.converters = compiler.get_converters([s[0] for s in compiler.select])
        self.before, self.after = sql.split(f"({self._PAGE})")
        split = self.before.count("%s")
        self.params_before, self.params_after = tuple(params[:split]), tuple(params[split:])

    @classmethod
    def get(cls, alias: str, ordering: tuple) -> "_RowQuery":
        key = (alias, connections[alias].vendor, ordering)
        if key not in cls._compiled:
            cls._compiled[key] = cls(alias, ordering)
        return cls._compiled[key]

    def run(self, page_sql: str, page_params) -> list:
        sql = f"{self.before}({page_sql}){self.after}"
        params = (*self.params_before, *page_params, *self.params_after)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        if not self.converters:
            return fetched
        # a compiler of the kept query, for the current thread's connection
        compiler = self.query.get_compiler(self.alias)
        return list(compiler.apply_converters(fetched, self.converters))
