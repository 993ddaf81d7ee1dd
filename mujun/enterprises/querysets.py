from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from mujun.core.querysets import ASSIGNED_TO_MY_DEPARTMENT, ScopedQuerySet


class EnterpriseQuerySet(ScopedQuerySet):
    # a department reads the enterprises of the problems assigned to it (their basic data,
    # to act on the problem), nothing else of the register
    scope_rules = (*ScopedQuerySet.scope_rules, ASSIGNED_TO_MY_DEPARTMENT)

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
