"""The two abstract bases: every business model's, and every ledger's event."""

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class Event(models.Model):
    """A ledger row: one verb done to one business object, by whom and when (STYLE.md §9).

    Each area keeps its own ledger (``ProjectEvent``, ``RunEvent`` …), a concrete model that
    adds the foreign key to its object with ``related_name="events"``; each kind of event is
    written by one function in the area's ``events.py``, called by the verb in ``actions.py``.
    ``region`` scopes the row like any other (an event that names an enterprise carries the
    enterprise's region, so a town never reads another town's enterprise in a ledger), and
    ``occurred_on`` is the day the thing happened where it is not the day it was recorded (a
    stage reached last week). Timelines read the ledger, newest first."""

    kind = models.CharField(_("事项"), max_length=30)
    text = models.CharField(_("说明"), max_length=500)
    # the facts of the event in a form code can read again (a stage move's from and to)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    occurred_on = models.DateField(_("发生日期"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope_field = "region"

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text

    @property
    def day(self):
        """The day the event belongs to on a timeline."""
        return self.occurred_on or timezone.localdate(self.created_at)
