from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Value
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from mujun.core.models import BusinessModel
from mujun.core.money import (
    AREA_DECIMAL_PLACES,
    AREA_MAX_DIGITS,
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
)
from mujun.core.querysets import ScopedQuerySet, in_subquery

from .choices import MILESTONE_KEYS, AlertLevel, Stage

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
    def lagging(self):
        return self.filter(alert_level__in=LAGGING_LEVELS)

    def search(self, q: str):
        match = self._search_q(q)
        return self if match is None else self.filter(match)

    def _search_q(self, q: str):
        """Name or code contains ``q``, ignoring case, written as "position of q > 0".

        On PostgreSQL rather than Django's UPPER(…) LIKE '%q%', for which it guesses almost no
        match and then joins the matches row by row: for a common word (half of 20,000
        projects) that took 200 ms, against 3 ms. A search without cased letters (Chinese,
        digits) is matched as written on both databases, without folding every row; on SQLite
        INSTR reads a count of 20,000 names in three quarters of LIKE's time. SQLite's LIKE
        folds ASCII letters as before; ``%`` and ``_`` mean themselves either way."""
        q = (q or "").strip()
        if not q:
            return None
        folded = q.upper() != q.lower()
        postgresql = connections[self.db].vendor == "postgresql"
        if folded and not postgresql:
            return models.Q(name__icontains=q) | models.Q(code__icontains=q)

        def contains(column):
            haystack, needle = (Upper(column), Upper(Value(q))) if folded else (column, Value(q))
            return models.Q(GreaterThan(StrIndex(haystack, needle), 0))

        return contains("name") | contains("code")

    def filtered(
        self,
        *,
        q="",
        region=None,
        region_code="",
        stage="",
        tier=None,
        tier_key="",
        billion=False,
        industry="",
        alert="",
        leader="",
        show_archived=False,
    ):
        """The filters the list page and the API share. ``alert`` reads the stored level; for
        another date see ``services.with_alert_as_of``. ``region_code`` and ``tier_key`` name
        a region or tier by its code without a query of their own: an unknown one (or a
        region outside the scope, whose projects the scope excludes) matches nothing.

        All in one ``filter`` call (each call copies the whole query, and a list with five
        filters spent more on those copies than on its count), but for the region's, which goes
        before everything else."""
        from mujun.regions.models import Region

        if (region is not None and region_code) or (tier is not None and tier_key):
            raise TypeError("give a region (or tier) or its code, not both")
        terms, match = [], self._search_q(q)
        if match is not None:
            terms.append(match)
        fields = {}
        if not show_archived:
            fields["is_archived"] = False
        # region_id IN (the subtree), like the scope: the index answers it, a join on the
        # region's path does not
        subtree = None
        if region is not None:
            subtree = Region.objects.filter(path__startswith=region.path).values("pk")
        elif region_code:
            path = Region.objects.filter(code=region_code).values("path")[:1]
            subtree = Region.objects.filter(path__startswith=models.Subquery(path)).values("pk")
        if stage:
            fields["stage"] = stage
        # a join on the link table: (project, tier) is unique, so no row comes twice, and the
        # database may start from either side
        if tier is not None:
            fields["tags"] = tier
        elif tier_key:
            fields["tags__key"] = tier_key
        if billion:
            fields["total_investment__gte"] = BILLION_WAN
        if industry:
            fields["industry_code__startswith"] = industry
        if alert == "lagging":
            fields["alert_level__in"] = LAGGING_LEVELS
        elif alert:
            fields["alert_level"] = alert
        if leader:
            fields["liaison_leader__icontains"] = leader.strip()
        filtered = self.filter(*terms, **fields) if terms or fields else self
        if subtree is None:
            return filtered
        # Written before the scope's own region_id IN (…): SQLite seeks the index with the
        # first of two IN lists on one column, and a town's list reads one town's rows where
        # the county's read all (a town's started projects: 1.6 ms → 0.2 ms).
        return self.model._default_manager.filter(in_subquery("region", subtree)) & filtered


class ProjectDerived:
    """What a project and a list's row of it (``rows.ProjectRow``) derive alike."""

    __slots__ = ()

    @property
    def is_billion(self) -> bool:
        return self.total_investment >= BILLION_WAN

    def planned_dates(self) -> dict:
        return {key: getattr(self, f"planned_{key}") for key in MILESTONE_KEYS}

    def actual_dates(self) -> dict:
        return {key: getattr(self, f"actual_{key}") for key in MILESTONE_KEYS}


class Project(ProjectDerived, BusinessModel):
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
        ]

    def __str__(self):
        return self.name


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
        ]

    def __str__(self):
        return f"{self.project} {self.year}年{self.month}月"


class StageEvent(models.Model):
    """A stage change: the ledger row behind every move of a project (events.py writes it)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="stage_events"
    )
    from_stage = models.CharField(_("原阶段"), max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("新阶段"), max_length=12, choices=Stage.choices)
    date = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_field = "project__region"

    class Meta:
        verbose_name = _("阶段变更")
        verbose_name_plural = _("阶段变更")
        ordering = ["project", "date", "pk"]

    def __str__(self):
        return f"{self.project} → {self.get_to_stage_display()}"
