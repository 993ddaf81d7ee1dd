"""The one small abstract base every business model shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .querysets import ScopedQuerySet


class BusinessModel(models.Model):
    """Business data: scoped by region, versioned for optimistic locking, archived not deleted,
    and recorded field by field in the audit trail."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Incremented on every save; a form or API call that carries an older number is refused.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    is_archived = models.BooleanField(_("已归档"), default=False, db_index=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True, editable=False)

    history = HistoricalRecords(inherit=True, excluded_fields=["updated_at"])
    objects = ScopedQuerySet.as_manager()

    scope_field = "region"

    class Meta:
        abstract = True
