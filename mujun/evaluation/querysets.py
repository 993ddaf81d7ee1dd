"""Scoping of the evaluation's objects: one ``for_user`` per model, as everywhere."""

from django.db.models import Q

from mujun.core.querysets import ScopedQuerySet
from mujun.core.roles import VIEW, role_allows


class CountyLevelQuerySet(ScopedQuerySet):
    """Schemes and runs belong to the region they apply to (usually the county). Reading them
    is open to that region's whole subtree, since a town officer reads the county's scheme and
    the county's run to understand their own enterprises' grades (the results themselves stay
    scoped by enterprise). Every other action needs the object inside the user's subtree."""

    def for_user(self, user, action: str = VIEW):
        mine = super().for_user(user, action)
        if action != VIEW or not role_allows(user, action) or user.is_superuser:
            return mine
        region = getattr(user, "region", None)
        if region is None:
            return mine
        # The user's ancestors are the codes on its path, the user's own region excluded.
        ancestors = [code for code in region.path.strip("/").split("/") if code][:-1]
        return mine | self.filter(**{f"{self.model.scope_field}__code__in": ancestors})


class EnterpriseYearQuerySet(ScopedQuerySet):
    def filtered(self, *, q="", region=None, year=None, size="", show_archived=False):
        """The filters the list page and the API share; ``region`` includes its subtree."""
        qs = self if show_archived else self.filter(is_archived=False)
        q = (q or "").strip()
        if q:
            qs = qs.filter(Q(enterprise__name__icontains=q) | Q(enterprise__uscc__icontains=q))
        if region is not None:
            qs = qs.filter(enterprise__region__path__startswith=region.path)
        if year:
            qs = qs.filter(year=year)
        if size in ("above", "below"):
            qs = qs.filter(size_class=size)
        return qs


class ResultQuerySet(ScopedQuerySet):
    def filtered(self, *, q="", region=None, klass="", group="", status="", industry=""):
        """The filters of the ranked list, its export and the API."""
        qs = self
        q = (q or "").strip()
        if q:
            qs = qs.filter(Q(enterprise__name__icontains=q) | Q(enterprise__uscc__icontains=q))
        if region is not None:
            qs = qs.filter(enterprise__region__path__startswith=region.path)
        if klass:
            qs = qs.filter(klass=klass)
        if group:
            qs = qs.filter(group=group)
        if status:
            qs = qs.filter(status=status)
        if industry:
            qs = qs.filter(enterprise__industry_code__startswith=industry)
        return qs
