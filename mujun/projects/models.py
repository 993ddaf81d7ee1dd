from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Value
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from mujun.core.models import BusinessModel, Event
from mujun.core.money import (
    AREA_DECIMAL_PLACES,
    AREA_MAX_DIGITS,
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
)
from mujun.core.querysets import ScopedQuerySet

from .choices import MILESTONE_KEYS, AlertLevel, Basis, Stage

# 亿元以上项目: total investment of at least 10,000 万元 (GLOSSARY).
BILLION_WAN = 10000


def money_field(label, **kwargs):
    return models.DecimalField(
        label, max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, **kwargs
    )


class ProjectTag(models.Model):
    """项目层级: 省重点, 市重大, 省大中型 … (亿元以上 is derived from the investment)."""

    key = models.SlugField(_("标识"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=30, unique=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("项目层级")
        verbose_name_plural = _("项目层级")
        ordering = ["sort_order", "key"]

    def __str__(self):
        return self.name


# The levels named, not "not none": an index seeks an IN list, never a negation.
LAGGING_LEVELS = (AlertLevel.YELLOW, AlertLevel.RED)


class ProjectQuerySet(ScopedQuerySet):
    def listed(self):
        """What a list, its export and the list API read of each project: its columns but the
        long text and the timestamps no list shows (SQLite turns every timestamp it reads from
        text), and its region in the same query."""
        return self.select_related("region").defer(
            "description", "terminated_reason", "created_at", "updated_at", "archived_at"
        )

    def lagging(self):
        return self.filter(alert_level__in=LAGGING_LEVELS)

    def unreported(self, year: int, month: int):
        """Active projects with a positive plan for ``year`` (列入计划: they report their
        progress against it every month) and no report for ``month`` of it: the home page's
        reports due and the list's ``unreported`` filter."""
        reported = MonthlyReport.objects.filter(year=year, month=month, is_archived=False)
        return (
            self.filter(
                is_archived=False,
                # a join on (project, year), which is unique: no project comes twice
                plans__year=year,
                plans__is_archived=False,
                plans__planned_investment__gt=0,
            )
            .exclude(stage=Stage.TERMINATED)
            .exclude(pk__in=reported.values("project_id"))
        )

    def search(self, q: str):
        """Name or code contains ``q``, ignoring case, written as "position of q > 0".

        On PostgreSQL rather than Django's UPPER(…) LIKE '%q%', for which it guesses almost no
        match and then joins the matches row by row: for a common word (half of 20,000
        projects) that took 200 ms, against 3 ms. A search without cased letters (Chinese,
        digits) is matched as written on both databases, without folding every row; on SQLite
        INSTR reads a count of 20,000 names in three quarters of LIKE's time. SQLite's LIKE
        folds ASCII letters as before; ``%`` and ``_`` mean themselves either way."""
        q = (q or "").strip()
        if not q:
            return self
        folded = q.upper() != q.lower()
        postgresql = connections[self.db].vendor == "postgresql"
        if folded and not postgresql:
            return self.filter(models.Q(name__icontains=q) | models.Q(code__icontains=q))

        def contains(column):
            haystack, needle = (Upper(column), Upper(Value(q))) if folded else (column, Value(q))
            return models.Q(GreaterThan(StrIndex(haystack, needle), 0))

        return self.filter(contains("name") | contains("code"))


class Project(BusinessModel):
    """项目: an investment project followed from the first lead to acceptance."""

    code = models.CharField(_("项目编号"), max_length=30, unique=True)
    name = models.CharField(_("项目名称"), max_length=200)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("投资企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    investor_name = models.CharField(
        _("投资方"), max_length=200, blank=True, help_text=_("尚未在企业库登记的投资方")
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在镇街"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    industry_code = models.CharField(_("行业代码"), max_length=4, blank=True)
    tags = models.ManyToManyField(
        ProjectTag, verbose_name=_("项目层级"), blank=True, related_name="projects"
    )
    total_investment = money_field(_("总投资（万元）"), validators=[MinValueValidator(0)])
    fixed_asset_investment = money_field(
        _("固定资产投资（万元）"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    land_area_mu = models.DecimalField(
        _("用地（亩）"),
        max_digits=AREA_MAX_DIGITS,
        decimal_places=AREA_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    independent_site = models.BooleanField(_("独立选址"), default=False)
    liaison_leader = models.CharField(_("联系领导"), max_length=50, blank=True)
    responsible_department = models.CharField(_("责任单位"), max_length=100, blank=True)
    description = models.TextField(_("建设内容"), blank=True)

    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices, default=Stage.LEAD)
    terminated_reason = models.CharField(_("终止原因"), max_length=200, blank=True)

    planned_signed = models.DateField(_("计划签约"), null=True, blank=True)
    planned_land_supplied = models.DateField(_("计划供地"), null=True, blank=True)
    planned_started = models.DateField(_("计划开工"), null=True, blank=True)
    planned_completed = models.DateField(_("计划竣工"), null=True, blank=True)
    planned_producing = models.DateField(_("计划投产"), null=True, blank=True)
    actual_signed = models.DateField(_("实际签约"), null=True, blank=True)
    actual_land_supplied = models.DateField(_("实际供地"), null=True, blank=True)
    actual_started = models.DateField(_("实际开工"), null=True, blank=True)
    actual_completed = models.DateField(_("实际竣工"), null=True, blank=True)
    actual_producing = models.DateField(_("实际投产"), null=True, blank=True)

    # The alert as of ``alerts_as_of``, kept so lists can filter 20,000 projects by level;
    # refreshed on every change and daily by ``mujun project_alerts`` (rules in rules.py).
    alert_level = models.CharField(
        _("预警"), max_length=6, choices=AlertLevel.choices, default=AlertLevel.NONE, editable=False
    )
    alert_reasons = models.JSONField(_("预警原因"), default=list, blank=True, editable=False)
    alerts_as_of = models.DateField(_("预警计算日期"), null=True, blank=True, editable=False)
    # The figures the alert was computed from, as of the same day and kept with it for the
    # same reason: a list of 50 projects then reads them from the rows it already has.
    completed_total = money_field(_("累计完成投资（万元）"), default=0, editable=False)
    completed_this_year = money_field(_("今年完成投资（万元）"), default=0, editable=False)
    plan_this_year = money_field(_("年度计划投资（万元）"), null=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    derived_fields = (
        "alert_level",
        "alert_reasons",
        "alerts_as_of",
        "completed_total",
        "completed_this_year",
        "plan_this_year",
    )

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        ordering = ["-total_investment", "code"]
        # Each list count and summary is answered from one index without reading the rows
        # (SQLite reads a 20,000-row table in about 10 ms; the indexes in a fraction of it).
        # The scope test, region_id IN (the user's regions), is part of each; is_archived comes
        # last because SQLite seeks no index on "NOT is_archived", only checks it.
        indexes = [
            # counts by alert level or stage, and the list of one town
            models.Index(fields=["alert_level", "region", "is_archived"], name="proj_alert_scope"),
            models.Index(fields=["stage", "region", "is_archived"], name="proj_stage_scope"),
            # (with the id for PostgreSQL, whose indexes do not carry it as SQLite's do, so a
            # tier's count joins the link table to this index alone)
            models.Index(
                fields=["region", "is_archived", "total_investment"],
                include=["id"],
                name="proj_scope",
            ),
            # the search box (name or code contains …) reads this instead of the table
            models.Index(fields=["region", "is_archived", "name", "code"], name="proj_search"),
            # the default ordering of the list, with the columns the filters test: paging
            # through it skips the rows that do not match without reading them
            models.Index(
                fields=[
                    "-total_investment",
                    "code",
                    "region",
                    "stage",
                    "alert_level",
                    "is_archived",
                ],
                name="proj_order",
            ),
            # the summary's 今年开工 set with its total
            models.Index(
                fields=["actual_started", "region", "is_archived", "total_investment"],
                name="proj_started",
            ),
            # finding alerts not yet computed today (services.ensure_fresh, on every list)
            models.Index(fields=["alerts_as_of"], name="proj_alerts_as_of"),
            # the lobby screen's plan completion and red/yellow counts by town (screen/data/
            # projects.py), summed from the index: the table's rows carry the long reasons,
            # and reading 20,000 of them took 90 ms on SQLite
            models.Index(
                fields=[
                    "region",
                    "is_archived",
                    "alert_level",
                    "plan_this_year",
                    "completed_this_year",
                ],
                include=["id"],
                name="proj_screen",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_billion(self) -> bool:
        return self.total_investment >= BILLION_WAN

    def planned_dates(self) -> dict:
        return {key: getattr(self, f"planned_{key}") for key in MILESTONE_KEYS}

    def actual_dates(self) -> dict:
        return {key: getattr(self, f"actual_{key}") for key in MILESTONE_KEYS}


class ProjectChild(BusinessModel):
    scope_field = "project__region"

    class Meta:
        abstract = True


class AnnualPlan(ProjectChild):
    """年度计划投资: the investment planned for a project in one calendar year."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    planned_investment = money_field(_("年度计划投资（万元）"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("年度计划")
        verbose_name_plural = _("年度计划")
        ordering = ["project", "year"]
        indexes = [
            # a project's plan of one year with its amount: summaries and list figures sum
            # from the index alone
            models.Index(
                fields=["project", "year", "is_archived", "planned_investment"], name="plan_sums"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="plan_one_per_year",
                violation_error_message=_("该项目此年度已有计划"),
            )
        ]

    def __str__(self):
        return f"{self.project} {self.year}"


class MonthlyReport(ProjectChild):
    """月度报表: investment completed in one month, the visible progress and open problems."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(
        _("年"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("月"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    completed_investment = money_field(_("本月完成投资（万元）"), validators=[MinValueValidator(0)])
    progress_note = models.TextField(_("形象进度"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)

    class Meta:
        verbose_name = _("月度报表")
        verbose_name_plural = _("月度报表")
        ordering = ["project", "-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month"],
                name="report_one_per_month",
                violation_error_message=_("该项目此月份已有报表"),
            )
        ]
        indexes = [
            # completed investment of a project's months, summed from the index alone
            # (summaries, list figures, alerts)
            models.Index(
                fields=["project", "year", "month", "is_archived", "completed_investment"],
                name="report_sums",
            ),
            # the reports of one month (reports due: the projects without one), sought by the
            # month rather than read through every report of every year
            models.Index(fields=["year", "month", "is_archived", "project"], name="report_month"),
        ]

    def __str__(self):
        return f"{self.project} {self.year}年{self.month}月"


class ProjectEvent(Event):
    """The ledger of a project's life: registered, edited, stage moves, plans and monthly
    reports (events.py writes each kind); the project's timeline reads it."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(Event.Meta):
        verbose_name = _("项目事项")
        verbose_name_plural = _("项目事项")
        indexes = [
            # a project's timeline, and its last stage move (actions.move_stage)
            models.Index(fields=["project", "kind", "occurred_on"], name="projevent_project"),
        ]


class AlertRefresh(models.Model):
    """每日预警重算: one run of the daily ``mujun project_alerts`` — the day it computed every
    project's alert for, when it finished and how many alerts changed. Installation data, not a
    region's: the admin's home page reads the latest to show whether the daily run still runs
    (a project's own ``alerts_as_of`` cannot say so: every edit recomputes that project's)."""

    as_of = models.DateField(_("预警计算日期"))
    finished_at = models.DateTimeField(_("完成时间"), auto_now_add=True)
    changed = models.PositiveIntegerField(_("预警有变化的项目数"), default=0)

    class Meta:
        verbose_name = _("每日预警重算")
        verbose_name_plural = _("每日预警重算")
        ordering = ["-finished_at", "-pk"]

    def __str__(self):
        return f"{self.as_of:%Y-%m-%d}"


class ProjectTallyQuerySet(ScopedQuerySet):
    # the tally is read by whoever may read the projects it counts, by the same rules
    scope_rules = ProjectQuerySet.scope_rules


class ProjectTally(models.Model):
    """The summary's figures of one region's active projects of one year and basis — all of
    them (``tier`` empty) or those of one tier — kept by the verbs (actions.py) in the
    transaction of each change, so that a summary of a county (``GET /api/projects/summary``)
    adds up a row per region instead of every project (tally.py; ``mujun project_tally``
    rebuilds the table from the rows). ``region`` is the projects' own region: a summary of a
    region's subtree sums its regions' rows, as the projects' scope and region filters test
    their own region."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    basis = models.CharField(_("口径"), max_length=7, choices=Basis.choices)
    tier = models.ForeignKey(
        ProjectTag,
        verbose_name=_("项目层级"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    count = models.PositiveIntegerField(_("项目数"), default=0)
    total_investment = money_field(_("总投资（万元）"), default=0)
    planned_investment = money_field(_("年度计划投资（万元）"), default=0)
    # each month's completed investment of the year: January to a month is their sum
    completed_1 = money_field(_("1月完成投资（万元）"), default=0)
    completed_2 = money_field(_("2月完成投资（万元）"), default=0)
    completed_3 = money_field(_("3月完成投资（万元）"), default=0)
    completed_4 = money_field(_("4月完成投资（万元）"), default=0)
    completed_5 = money_field(_("5月完成投资（万元）"), default=0)
    completed_6 = money_field(_("6月完成投资（万元）"), default=0)
    completed_7 = money_field(_("7月完成投资（万元）"), default=0)
    completed_8 = money_field(_("8月完成投资（万元）"), default=0)
    completed_9 = money_field(_("9月完成投资（万元）"), default=0)
    completed_10 = money_field(_("10月完成投资（万元）"), default=0)
    completed_11 = money_field(_("11月完成投资（万元）"), default=0)
    completed_12 = money_field(_("12月完成投资（万元）"), default=0)

    objects = ProjectTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目汇总")
        verbose_name_plural = _("项目汇总")
        ordering = ["region", "year", "basis"]
        constraints = [
            # one row per region, year, basis and tier, and (below) one of all the tiers; the
            # first, whole, also serves the summary's reading and the recount of a region's
            # years (tally.recount)
            models.UniqueConstraint(
                fields=["region", "year", "basis", "tier"], name="proj_tally_tier"
            ),
            models.UniqueConstraint(
                fields=["region", "year", "basis"],
                condition=models.Q(tier__isnull=True),
                name="proj_tally_all",
            ),
        ]

    def __str__(self):
        return f"{self.region_id} {self.year} {self.basis} {self.tier_id or ''}".strip()


class FlagTally(models.Model):
    """The red and yellow projects among one region's active projects (its own, not its
    subtree's), kept with the summary's tally (tally.py, ``recount``) by the verbs that change
    a project's alert, region or archiving, and counted again with it daily, so that the
    leader's flags by town add up a row per region instead of every lagging project."""

    region = models.OneToOneField(
        "regions.Region", verbose_name=_("地区"), on_delete=models.CASCADE, related_name="+"
    )
    red = models.PositiveIntegerField(_("红色预警"), default=0)
    yellow = models.PositiveIntegerField(_("黄色预警"), default=0)

    objects = ProjectTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("预警汇总")
        verbose_name_plural = _("预警汇总")
        ordering = ["region"]

    def __str__(self):
        return f"{self.region_id} {self.red} {self.yellow}"
