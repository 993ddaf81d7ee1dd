"""Enterprise service (企业服务): departments, liaison officials and commissioners, visits and
the ledger of enterprise problems (docs/service.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mujun.core.models import BusinessModel, Event
from mujun.core.querysets import ScopedQuerySet

from .choices import (
    Category,
    Handling,
    IssueStatus,
    LiaisonRole,
    Outcome,
    ReminderKind,
    Satisfaction,
    Source,
    Status,
    VisitKind,
)
from .querysets import DepartmentQuerySet, ProblemEventQuerySet, ProblemQuerySet


class Department(BusinessModel):
    """部门: a government department or public utility of a region that handles the enterprise
    problems assigned to it (自然资源局, 税务局, 供电公司 …). Its users are the accounts whose
    ``department`` it is."""

    name = models.CharField(_("部门名称"), max_length=100)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所属地区"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    note = models.CharField(_("职责说明"), max_length=200, blank=True)

    objects = DepartmentQuerySet.as_manager()
    search_fields = ("name",)
    # a department user reads their own department's record (core ASSIGNED_TO_MY_DEPARTMENT)
    department_fields = (None, "pk")

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["region__sort_order", "region__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="department_one_name_per_region",
                violation_error_message=_("该地区已有同名部门"),
            )
        ]

    def __str__(self):
        return self.name


class Liaison(BusinessModel):
    """联系领导 / 挂点领导 or 企业特派员: an official of the register assigned to serve one
    enterprise or one project. ``region`` is the enterprise's or the project's, so the
    assignment is seen where its subject is."""

    official = models.ForeignKey(
        "officials.Official",
        verbose_name=_("干部"),
        on_delete=models.PROTECT,
        related_name="liaisons",
    )
    role = models.CharField(_("角色"), max_length=12, choices=LiaisonRole.choices)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="liaisons",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="liaisons",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+"
    )
    since = models.DateField(_("起始日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("联系干部")
        verbose_name_plural = _("联系干部")
        ordering = ["role", "official__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(enterprise__isnull=False) & Q(project__isnull=True))
                | (Q(enterprise__isnull=True) & Q(project__isnull=False)),
                name="liaison_one_subject",
                violation_error_message=_("联系干部须对应一家企业或一个项目"),
            ),
            models.UniqueConstraint(
                fields=["official", "role", "enterprise"],
                name="liaison_once_per_enterprise",
                violation_error_message=_("该干部已是该企业的联系干部"),
            ),
            models.UniqueConstraint(
                fields=["official", "role", "project"],
                name="liaison_once_per_project",
                violation_error_message=_("该干部已是该项目的联系干部"),
            ),
        ]

    def __str__(self):
        subject = self.enterprise or self.project
        return f"{self.official} · {self.get_role_display()} · {subject}"


class LiaisonEvent(Event):
    """The ledger of liaison assignments: each change of an enterprise's or a project's set of
    liaison officials and commissioners, from what to what."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="liaison_events",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="liaison_events",
    )

    class Meta(Event.Meta):
        verbose_name = _("联系干部变更")
        verbose_name_plural = _("联系干部变更")


class Visit(BusinessModel):
    """走访 (三服务): officials' visit to an enterprise — a visit, a symposium (座谈) or on-site
    office hours (现场办公) — with what was discussed; the problems raised on the spot are
    problems of the ledger linked to it."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+"
    )
    visited_on = models.DateField(_("走访日期"))
    kind = models.CharField(
        _("方式"), max_length=10, choices=VisitKind.choices, default=VisitKind.VISIT
    )
    officials = models.ManyToManyField(
        "officials.Official", verbose_name=_("走访干部"), related_name="service_visits"
    )
    discussed = models.TextField(_("交流内容"), blank=True)

    search_fields = ("enterprise__name", "discussed")

    class Meta:
        verbose_name = _("走访")
        verbose_name_plural = _("走访")
        ordering = ["-visited_on", "-pk"]
        indexes = [
            # the visits of a region's period (coverage of a key list)
            models.Index(
                fields=["region", "visited_on", "is_archived", "enterprise"], name="visit_period"
            ),
        ]

    def __str__(self):
        return f"{self.visited_on:%Y-%m-%d} {self.get_kind_display()} {self.enterprise}"


class VisitEvent(Event):
    """The ledger of a visit: recorded and changed."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("走访"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(Event.Meta):
        verbose_name = _("走访事项")
        verbose_name_plural = _("走访事项")


class CommonIssue(BusinessModel):
    """共性问题: one cause behind the same problem raised by many enterprises (in several
    towns), taken up once by a task force (专班); solving it is recorded on each problem."""

    title = models.CharField(_("共性问题"), max_length=200)
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("牵头地区"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("由哪一级的专班统一办理，通常为县"),
    )
    task_force = models.CharField(_("专班"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=8, choices=IssueStatus.choices, default=IssueStatus.OPEN
    )
    solution = models.TextField(_("解决情况"), blank=True)
    solved_on = models.DateField(_("解决日期"), null=True, blank=True)

    search_fields = ("title",)

    class Meta:
        verbose_name = _("共性问题")
        verbose_name_plural = _("共性问题")
        ordering = ["status", "-created_at", "pk"]

    def __str__(self):
        return self.title


class Problem(BusinessModel):
    """企业诉求 / 企业难题: an issue an enterprise raised, handled one of three ways — solved
    where it was raised, answered with the policy, or escalated to a department or to the
    higher region with deadlines — and closed with its outcome and, apart from it, the
    enterprise's satisfaction. Every step is on its timeline (``events``)."""

    code = models.CharField(_("诉求编号"), max_length=20, unique=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="problems",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在镇街"),
        on_delete=models.PROTECT,
        related_name="service_problems",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("关联项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_problems",
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("提出时的走访"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    description = models.TextField(_("问题描述"))
    source = models.CharField(_("提出方式"), max_length=10, choices=Source.choices)
    raised_by = models.CharField(_("企业提出人"), max_length=50, blank=True)
    raised_on = models.DateField(_("提出日期"))
    officer = models.ForeignKey(
        "officials.Official",
        verbose_name=_("责任干部"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_problems",
    )

    # -- written by the verbs (actions.py), never by a form --
    handling = models.CharField(
        _("处理方式"), max_length=16, choices=Handling.choices, blank=True, editable=False
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.NEW, editable=False
    )
    # who has it now: a department, or a region above the town (上报上级)
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
        editable=False,
    )
    receiving_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("承办地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # every department that ever had it: what a department may read, and the statistics by
    # department
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("经办部门"),
        related_name="handled_problems",
        blank=True,
        editable=False,
    )
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True, editable=False)
    accept_by = models.DateField(_("受理时限"), null=True, blank=True, editable=False)
    reply_by = models.DateField(_("答复时限"), null=True, blank=True, editable=False)
    due_on = models.DateField(_("办结时限"), null=True, blank=True, editable=False)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True, editable=False)
    replied_on = models.DateField(_("首次答复日期"), null=True, blank=True, editable=False)
    reply = models.TextField(_("最近答复"), blank=True, editable=False)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, editable=False)
    days_to_close = models.PositiveIntegerField(
        _("办结用时（天）"), null=True, blank=True, editable=False
    )
    outcome = models.CharField(
        _("办结结果"), max_length=16, choices=Outcome.choices, blank=True, editable=False
    )
    resolution = models.TextField(_("办理结果"), blank=True, editable=False)
    satisfaction = models.CharField(
        _("企业满意度"),
        max_length=12,
        choices=Satisfaction.choices,
        blank=True,
        default=Satisfaction.NONE,
        editable=False,
    )
    reopened = models.BooleanField(_("曾因不满意重办"), default=False, editable=False)
    common_issue = models.ForeignKey(
        CommonIssue,
        verbose_name=_("共性问题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
        editable=False,
    )

    objects = ProblemQuerySet.as_manager()
    search_fields = ("code", "description", "enterprise__name")
    # core.querysets.ASSIGNED_TO_MY_DEPARTMENT: a department acts on the problems it has now
    # and reads every problem it ever had
    department_fields = ("department", "departments")
    derived_fields = ("days_to_close",)

    class Meta:
        verbose_name = _("企业诉求")
        verbose_name_plural = _("企业诉求")
        ordering = ["-raised_on", "-pk"]
        indexes = [
            # a department's queue: its problems by state, soonest deadline first
            models.Index(fields=["department", "status", "due_on"], name="problem_queue"),
            # a town's month of problems, recounted into ProblemTally by the verbs
            models.Index(fields=["region", "raised_on", "is_archived"], name="problem_month"),
            # open problems past their deadline (lists, home pages, the daily reminders, the
            # statistics' overdue count by town, category and department)
            models.Index(
                fields=["status", "due_on", "region", "raised_on", "category", "department"],
                name="problem_due",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.enterprise}"


class ProblemEvent(Event):
    """The ledger of a problem: registered, each handling, escalation, acceptance, reply,
    return, closing, reopening and satisfaction, with who and when. ``region`` is the
    problem's, so a town reads the replies of departments on its own problems; a department
    reads the timelines of the problems it had."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("企业诉求"), on_delete=models.CASCADE, related_name="events"
    )

    objects = ProblemEventQuerySet.as_manager()
    department_fields = (None, "problem__departments")

    class Meta(Event.Meta):
        verbose_name = _("诉求事项")
        verbose_name_plural = _("诉求事项")
        indexes = [models.Index(fields=["problem", "created_at"], name="problemevent_problem")]


class Reminder(models.Model):
    """提醒: an in-app message to one user about one problem's deadline (3 and 1 working days
    ahead to the handler, to their superior once it passed) or a step waiting for them.
    Written by the verbs and by the daily ``mujun service_reminders``; no mail server is
    assumed. Shown on the user's home page until read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="service_reminders",
    )
    problem = models.ForeignKey(
        Problem, verbose_name=_("企业诉求"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("类型"), max_length=12, choices=ReminderKind.choices)
    due_on = models.DateField(_("办结时限"), null=True, blank=True)
    text = models.CharField(_("内容"), max_length=300)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # the daily command may run twice a day: one reminder per deadline and kind
            models.UniqueConstraint(
                fields=["user", "problem", "kind", "due_on"], name="reminder_once"
            )
        ]
        indexes = [
            # a user's unread reminders on the home page
            models.Index(fields=["user", "read_at"], name="reminder_unread"),
        ]

    def __str__(self):
        return self.text


class ProblemTally(models.Model):
    """The problems raised in one town in one month of one category, counted as they stand —
    for the problem itself (``department`` empty) and once more under each department it was
    assigned to. A stored derived figure kept by ``tally.refresh`` in every verb that changes a
    counted fact (and rebuilt by ``mujun service_reminders`` each day), so that a county's
    statistics over a year of 200,000 problems sum a few thousand rows (docs/service.md)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("镇街"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("提出月份"))
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("经办部门"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    raised = models.PositiveIntegerField(_("收集"), default=0)
    closed = models.PositiveIntegerField(_("办结"), default=0)
    resolved = models.PositiveIntegerField(_("解决"), default=0)
    withdrawn = models.PositiveIntegerField(_("撤单"), default=0)
    closed_on_time = models.PositiveIntegerField(_("按期办结"), default=0)
    answered = models.PositiveIntegerField(_("企业评价"), default=0)
    satisfied = models.PositiveIntegerField(_("满意"), default=0)
    days_to_close = models.PositiveBigIntegerField(_("办结用时合计（天）"), default=0)
    # open and past the deadline on ``counted_on`` (for a department's row: those it has now)
    overdue = models.PositiveIntegerField(_("超期未办结"), default=0)
    counted_on = models.DateField(_("统计日期"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("诉求统计")
        verbose_name_plural = _("诉求统计")
        ordering = ["region", "month", "category", "department"]
        indexes = [
            # the statistics of a region's months (reports.stats_report)
            models.Index(fields=["region", "month", "category", "department"], name="tally_period"),
            # whether the day's recount has been made (reports.stats_report)
            models.Index(fields=["counted_on"], name="tally_counted_on"),
        ]

    def __str__(self):
        return f"{self.region_id} {self.month:%Y-%m} {self.category}"
