"""The one scoping method: every queryset that reaches a user goes through ``for_user``."""

from django.db import models

from .roles import VIEW, role_allows


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which region each row belongs to.

    ``scope_field`` on the model names the path from the row to its ``Region``
    (``"region"`` by default, ``"enterprise__region"`` for a land parcel).
    """

    def for_user(self, user, action: str = VIEW):
        """Rows ``user`` may act on: all for superusers, none without the role's permission,
        otherwise the rows in the user's region subtree (and, to view, the peer regions' rows:
        ``RegionQuerySet.visible_from``).

        The filter is ``<scope_field> IN (regions of the subtree)``: a subquery over the small
        region table that the foreign-key index then answers, and the path from a row to its
        region only follows foreign keys forward, so no join can duplicate a row.
        """
        from mujun.regions.models import Region

        if not role_allows(user, action):
            return self.none()
        if user.is_superuser:
            return self
        region = getattr(user, "region", None)
        if region is None:
            return self.none()
        field = getattr(self.model, "scope_field", "region")
        subtree = Region.objects.visible_from(region, action).values("pk")
        return self.filter(**{f"{field}__in": subtree})

    def active(self):
        """Rows not archived (deletion from the UI archives, it never removes)."""
        return self.filter(is_archived=False)
