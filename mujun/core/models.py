"""The two abstract bases, every business model's and every ledger's event, and the one
concrete model of the platform's own: a background job."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import JobStatus
from .querysets import ScopedQuerySet


class _AllButTheObjectId:
    """The copied fields an audit table leaves unindexed: all but the object's id. The
    platform reads an audit record by its object's id and date only (``core.history``), and
    each index simple-history copies from the business model (its region, archived flag,
    codes, foreign keys) cost every save and every import's audit record an index entry to
    keep (the audit records of an import of 100,000 enterprises with their parcels took
    PostgreSQL 2.07 s with them, 1.23 s without; docs/foundation.md). ``no_db_index`` asks
    only ``name in`` of it."""

    def __contains__(self, name) -> bool:
        return name != "id"


class BusinessModel(models.Model):
    """Business data: scoped by region, versioned for optimistic locking, archived not deleted,
    and recorded field by field in the audit trail."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Incremented on every save; a form or API call that carries an older number is refused.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    is_archived = models.BooleanField(_("已归档"), default=False, db_index=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True, editable=False)

    history = HistoricalRecords(
        inherit=True, excluded_fields=["updated_at"], no_db_index=_AllButTheObjectId()
    )
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


class JobQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view"):
        """A job is its starter's: every job for a superuser, for an administrator the jobs of
        the users of the administrator's region and below, the user's own otherwise."""
        from .roles import Role

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        mine = models.Q(user=user)
        if user.role == Role.ADMIN and user.region_id:
            mine |= models.Q(user__region__path__startswith=user.region.path)
        return self.filter(mine)

    def search(self, q: str):
        """Jobs whose title or file name contains ``q``, ignoring case (the list's search box)."""
        q = (q or "").strip()
        if not q:
            return self
        return self.filter(models.Q(title__icontains=q) | models.Q(filename__icontains=q))

    def imports(self):
        """Imports only: every import names its file; other work (an evaluation run) names
        none."""
        return self.exclude(filename="")

    def failed(self):
        """Imports that wrote nothing: the work failed, or the file had problems (the
        whole-file rule writes nothing then)."""
        return self.filter(
            models.Q(status=JobStatus.FAILED) | models.Q(status=JobStatus.DONE, problem_count__gt=0)
        )

    def done(self):
        """Work that ran to its end and wrote what it had to: the done, but those ``failed``
        counts."""
        return self.filter(status=JobStatus.DONE, problem_count=0)


class Job(models.Model):
    """后台任务: work too long for a web request (an import of many thousand rows), run by
    the worker (core/jobs.py). Its page shows the progress the work reports and, at the end,
    its result or why it failed."""

    title = models.CharField(_("任务"), max_length=100)
    # the dotted path of what runs (an importer class)
    task = models.CharField(_("处理程序"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # the keyword arguments the task is built with beside the user (an import's data source)
    options = models.JSONField(_("任务参数"), default=dict, blank=True)
    filename = models.CharField(_("文件名"), max_length=255, blank=True)
    # the uploaded file until the job is finished: the worker may run on another machine
    content = models.BinaryField(_("文件内容"), null=True, editable=False)
    back_url = models.CharField(_("返回页面"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("总行数"), null=True, blank=True)
    checked = models.PositiveIntegerField(_("已检查行数"), default=0)
    written = models.PositiveIntegerField(_("已写入行数"), default=0)
    problem_count = models.PositiveIntegerField(_("问题数"), default=0)
    # the counts and the problems (the first MAX_PROBLEMS, as text) of the finished work
    result = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    # the last sign of life of the worker running it: a job silent for too long is failed
    heartbeat_at = models.DateTimeField(_("最近进展时间"), default=timezone.now)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # the worker-died check: unfinished jobs by their last sign of life
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat"),
        ]

    def __str__(self):
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in JobStatus.finished()

    @property
    def outcome(self) -> str:
        """The status as its user reads it: an import that ran to its end but wrote nothing
        for the problems of its file is no 已完成."""
        if self.status == JobStatus.DONE and self.wrote_nothing:
            return str(_("未写入（文件有错）"))
        return self.get_status_display()

    @property
    def wrote_nothing(self) -> bool:
        """A failed import, as ``JobQuerySet.failed`` selects them."""
        return self.status == JobStatus.FAILED or (
            self.status == JobStatus.DONE and self.problem_count > 0
        )
