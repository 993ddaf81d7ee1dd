"""Derived figures for a batch of stored values: the database side of ``rules``.

Everything a figure shows is derived from what the user may see (``for_user``): last month,
last year, the parent, the children, the target. Ranks are the exception the county's 通报
makes: a region is placed among all its siblings (``ranked_among``), so a town's officer
sees the town's place (3/15) without any other town's figure.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from mujun.regions.models import Region

from . import rules
from .models import IndicatorValue, Target


@dataclass
class Derived:
    monthly: rules.Figure
    growth: rules.Growth
    completion: rules.Completion
    target: Decimal | None
    rank_by_value: rules.Rank | None
    rank_by_growth: rules.Rank | None
    share: rules.Figure
    children: rules.ChildrenSum

    @property
    def rank_value_figure(self) -> rules.Figure:
        return rules.rank_figure(self.rank_by_value, _("累计值"))

    @property
    def rank_growth_figure(self) -> rules.Figure:
        return rules.rank_figure(self.rank_by_growth, _("同比增速"))


class Context:
    """The values around a batch of rows, read in three queries whatever the batch size."""

    def __init__(self, user, rows):
        self.cells: dict[tuple, tuple] = {}
        self.kids: dict[tuple, list[int]] = defaultdict(list)
        # the siblings' figures, to rank with only (never shown)
        self.ranked: dict[tuple, tuple] = {}
        self.siblings: dict[tuple, list[int]] = defaultdict(list)
        self.targets: dict[tuple, Decimal] = {}
        self.child_count: dict[int, int] = {}
        if not rows:
            return
        regions = {r.region_id for r in rows}
        parents = {r.region.parent_id for r in rows} - {None}
        indicators = {r.indicator_id for r in rows}
        years = {y for r in rows for y in (r.year, r.year - 1)}
        months = {m for r in rows for m in (r.month, r.month - 1) if m}
        period = dict(
            is_archived=False, indicator_id__in=indicators, year__in=years, month__in=months
        )
        fields = ("region_id", "region__parent_id", "indicator_id", "year", "month")
        around = (
            IndicatorValue.objects.for_user(user)
            .filter(Q(region_id__in=regions | parents) | Q(region__parent_id__in=regions), **period)
            .order_by()
            .values_list(*fields, "value", "yoy_pct")
        )
        for region, parent, indicator, year, month, value, yoy in around:
            self.cells[(region, indicator, year, month)] = (value, yoy)
            self.kids[(parent, indicator, year, month)].append(region)
        among = (
            IndicatorValue.objects.ranked_among(user)
            .filter(region__parent_id__in=parents, region__is_peer=False, **period)
            .order_by()
            .values_list(*fields, "value", "yoy_pct")
        )
        for region, parent, indicator, year, month, value, yoy in among:
            self.ranked[(region, indicator, year, month)] = (value, yoy)
            self.siblings[(parent, indicator, year, month)].append(region)
        for region, indicator, year, value in (
            Target.objects.for_user(user)
            .filter(
                is_archived=False,
                region_id__in=regions,
                indicator_id__in=indicators,
                year__in=years,
            )
            .values_list("region_id", "indicator_id", "year", "value")
        ):
            self.targets[(region, indicator, year)] = value
        self.child_count = dict(
            Region.objects.for_user(user)
            .filter(parent_id__in=regions, is_peer=False)
            .values("parent_id")
            .annotate(n=Count("pk"))
            .values_list("parent_id", "n")
        )

    def value(self, region, indicator, year, month):
        cell = self.cells.get((region, indicator, year, month))
        return None if cell is None else cell[0]

    def growth(self, region, indicator, year, month) -> rules.Growth | None:
        cell = self.cells.get((region, indicator.pk, year, month))
        if cell is None:
            return None
        return rules.yoy(
            cell[0],
            self.value(region, indicator.pk, year - 1, month),
            price_basis=indicator.price_basis,
            reported=cell[1],
        )

    def ranked_growth(self, region, indicator, year, month) -> Decimal | None:
        """A sibling's growth as it ranks (``rules.yoy``'s effective figure)."""
        cell = self.ranked.get((region, indicator.pk, year, month))
        if cell is None:
            return None
        last_year = self.ranked.get((region, indicator.pk, year - 1, month))
        growth = rules.yoy(
            cell[0],
            None if last_year is None else last_year[0],
            price_basis=indicator.price_basis,
            reported=cell[1],
        )
        return growth.effective.value

    def derive(self, row) -> Derived:
        """Every derived figure of ``row`` (a stored value, or an unsaved one whose ``value``
        is None when only the children's sum is wanted)."""
        ind, y, m = row.indicator, row.year, row.month
        key = (ind.pk, y, m)
        value = row.value
        parent = row.region.parent_id
        siblings = self.siblings.get((parent, *key), []) if parent else []
        by_value = {s: self.ranked[(s, *key)][0] for s in siblings}
        by_growth = {s: self.ranked_growth(s, ind, y, m) for s in siblings}
        # the row as it stands (an unsaved one, a region at the top): placed with its siblings
        by_value[row.region_id] = value
        if value is not None and row.region_id not in by_growth:
            own = rules.yoy(
                value,
                self.value(row.region_id, ind.pk, y - 1, m),
                price_basis=ind.price_basis,
                reported=row.yoy_pct,
            )
            by_growth[row.region_id] = own.effective.value
        value_ranks = rules.ranks(by_value)
        growth_ranks = rules.ranks(by_growth)
        children = [self.value(c, *key) for c in self.kids.get((row.region_id, *key), [])]
        children_sum = rules.children_sum(
            value,
            [c for c in children if c is not None],
            self.child_count.get(row.region_id, 0),
            additive=ind.additive,
        )
        target = self.targets.get((row.region_id, ind.pk, y))
        if value is None:
            missing = rules.Figure(None, "", _("本期未填报"))
            growth = rules.Growth(missing, missing, None)
            return Derived(
                missing,
                growth,
                rules.target_completion(Decimal(0), None, m),
                target,
                None,
                None,
                missing,
                children_sum,
            )
        monthly = rules.monthly_value(
            value,
            self.value(row.region_id, ind.pk, y, m - 1) if m > 1 else None,
            m,
            is_cumulative=ind.is_cumulative,
        )
        growth = rules.yoy(
            value,
            self.value(row.region_id, ind.pk, y - 1, m),
            price_basis=ind.price_basis,
            reported=row.yoy_pct,
        )
        return Derived(
            monthly=monthly,
            growth=growth,
            completion=rules.target_completion(value, target, m, is_cumulative=ind.is_cumulative),
            target=target,
            rank_by_value=value_ranks.get(row.region_id),
            rank_by_growth=growth_ranks.get(row.region_id),
            share=rules.share_of_parent(
                value,
                self.value(parent, *key) if parent else None,
                additive=ind.additive,
            ),
            children=children_sum,
        )


def decorate(user, rows: list) -> list:
    """Attach ``row.derived`` to every row; three queries for the whole batch. Rows need
    ``region`` and ``indicator`` loaded (select_related) to avoid one query each."""
    context = Context(user, rows)
    for row in rows:
        row.derived = context.derive(row)
    return rows
