from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from mujun.core.querysets import ScopedQuerySet


class EnterpriseQuerySet(ScopedQuerySet):
    def search(self, q: str):
        q = (q or "").strip()
        if not q:
            return self
        return self.filter(Q(name__icontains=q) | Q(uscc__icontains=q.upper()))

    def filtered(
        self,
        *,
        q: str = "",
        region=None,
        industry: str = "",
        size: str = "",
        labels=(),
        show_archived: bool = False,
    ):
        """The filters the list page and the API share. ``region`` includes its subtree."""
        qs = self.search(q)
        if not show_archived:
            qs = qs.filter(is_archived=False)
        if region is not None:
            qs = qs.filter(region__path__startswith=region.path)
        if industry:
            qs = qs.filter(industry_code__startswith=industry)
        if size in ("above", "below"):
            qs = qs.filter(above_size=(size == "above"))
        for label in labels or ():
            qs = qs.filter(**{label: True})
        return qs

    def with_land_area(self):
        """Adds ``land_area_mu``: the sum of the enterprise's active parcels, in one subquery
        (a join would multiply rows)."""
        from .models import LandParcel

        total = (
            LandParcel.objects.filter(enterprise=OuterRef("pk"), is_archived=False)
            .order_by()
            .values("enterprise")
            .annotate(total=Sum("area_mu"))
            .values("total")
        )
        return self.annotate(
            land_area_mu=Coalesce(
                Subquery(total, output_field=DecimalField(max_digits=14, decimal_places=4)),
                Value(0, output_field=DecimalField(max_digits=14, decimal_places=4)),
            )
        )
