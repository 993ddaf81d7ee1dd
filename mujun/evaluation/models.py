"""The per-mu efficiency evaluation in the platform: schemes, the yearly enterprise data, runs
and their results, objections. The computation itself is the database-free ``engine``."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from mujun.core.models import BusinessModel, Event
from mujun.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from mujun.core.querysets import ScopedQuerySet

from .choices import CLASS_CHOICES, ObjectionStatus, ResultStatus, RunStatus
from .querysets import CountyLevelQuerySet

FIRST_YEAR, LAST_YEAR = 2000, 2100
_YEAR = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
# Scores have at most 8 decimals (a scheme's ``score_decimals`` is 0–8).
SCORE_DIGITS, SCORE_PLACES = 20, 8


class Scheme(BusinessModel):
    """评价方案: the rules of one year's evaluation for a region, kept as the TOML text the
    engine reads (EVALUATION.md §3). Saved only when the engine's loader accepts it."""

    name = models.CharField(_("方案名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("评价年度"), validators=_YEAR)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("适用地区"),
        on_delete=models.PROTECT,
        related_name="evaluation_schemes",
    )
    text = models.TextField(_("方案文件（TOML）"))
    source = models.CharField(_("依据文件"), max_length=500, blank=True)

    objects = CountyLevelQuerySet.as_manager()
    search_fields = ("name",)

    class Meta:
        verbose_name = _("评价方案")
        verbose_name_plural = _("评价方案")
        ordering = ["-year", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "name"],
                name="evaluation_scheme_natural_key",
                violation_error_message=_("该地区该年度已有同名方案"),
            )
        ]

    def __str__(self):
        return self.name


# The number columns of EVALUATION.md §2, with the places each is stored to.
NUMBER_FIELDS = {
    "land_mu": 4,
    "tax_wan": MONEY_DECIMAL_PLACES,
    "value_added_wan": MONEY_DECIMAL_PLACES,
    "revenue_wan": MONEY_DECIMAL_PLACES,
    "rd_wan": MONEY_DECIMAL_PLACES,
    "energy_tce": 4,
    "emission_t": 6,
    "employees": 2,
    "electricity_wan_kwh": 4,
}


def _number(label, places):
    return models.DecimalField(
        label, max_digits=MONEY_MAX_DIGITS, decimal_places=places, null=True, blank=True
    )


class EnterpriseYear(BusinessModel):
    """企业年度数据: one enterprise's figures for one evaluation year (EVALUATION.md §2), each
    value with the department it came from. Natural key: the enterprise's USCC and the year."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="evaluation_years",
    )
    year = models.PositiveSmallIntegerField(_("数据年度"), validators=_YEAR)
    size_class = models.CharField(
        _("规模"), max_length=5, choices=[("above", _("规上")), ("below", _("规下"))]
    )
    land_mu = _number(_("用地面积（亩）"), NUMBER_FIELDS["land_mu"])
    tax_wan = _number(_("评价税收（万元）"), NUMBER_FIELDS["tax_wan"])
    value_added_wan = _number(_("工业增加值（万元）"), NUMBER_FIELDS["value_added_wan"])
    revenue_wan = _number(_("营业收入（万元）"), NUMBER_FIELDS["revenue_wan"])
    rd_wan = _number(_("研发经费支出（万元）"), NUMBER_FIELDS["rd_wan"])
    energy_tce = _number(_("综合能耗（吨标准煤）"), NUMBER_FIELDS["energy_tce"])
    emission_t = _number(_("主要污染物排放量（吨）"), NUMBER_FIELDS["emission_t"])
    employees = _number(_("年平均职工人数"), NUMBER_FIELDS["employees"])
    electricity_wan_kwh = _number(_("用电量（万千瓦时）"), NUMBER_FIELDS["electricity_wan_kwh"])
    prior_d_years = models.PositiveSmallIntegerField(_("此前连续D类年数"), default=0)
    # Flags and counts a scheme's rules name (veto, protect, exempt, bonus): column -> the
    # cell as normalised on import ("1"/"0" for flags, the number as written otherwise).
    extra = models.JSONField(_("其他评价事项"), default=dict, blank=True)
    # column -> Department value of the import (or objection) that last wrote that value.
    sources = models.JSONField(_("数据来源部门"), default=dict, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_field = "enterprise__region"
    search_fields = ("enterprise__name", "enterprise__uscc")

    class Meta:
        verbose_name = _("企业年度数据")
        verbose_name_plural = _("企业年度数据")
        ordering = ["-year", "enterprise__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="evaluation_enterprise_year_natural_key",
                violation_error_message=_("该企业该年度已有数据，请修改原记录"),
            )
        ]
        indexes = [
            # a run reads every enterprise of one year
            models.Index(fields=["year", "is_archived"], name="evalyear_year"),
        ]

    def __str__(self):
        return f"{self.enterprise} {self.year}年"

    @classmethod
    def history_labels(cls) -> dict[str, str]:
        """The history page's names of the columns in ``extra`` and ``sources``."""
        return history_labels()

    @classmethod
    def history_cell(cls, field: str, column: str, value) -> str:
        """A department code as the department's name; a cell with its unit."""
        return history_cell(field, column, value)


class EvaluationRun(BusinessModel):
    """评价结果版本: one computation of a year's results with a scheme. Results are never
    changed once written; an accepted objection makes a new version (``based_on`` the old)."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("评价方案"), on_delete=models.PROTECT, related_name="runs"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("评价地区"),
        on_delete=models.PROTECT,
        related_name="evaluation_runs",
    )
    year = models.PositiveSmallIntegerField(_("数据年度"), validators=_YEAR)
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(
        _("状态"), max_length=12, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("修订自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    # The scheme as it was when computed: editing the scheme later changes no result.
    scheme_text = models.TextField(_("计算时的方案"))
    scheme_name = models.CharField(_("方案名称"), max_length=200)
    summary = models.JSONField(_("基准值与分类统计"), default=list)
    enterprise_count = models.PositiveIntegerField(_("企业数"), default=0)
    duration_ms = models.PositiveIntegerField(_("计算用时（毫秒）"), default=0)
    publicity_start = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_end = models.DateField(_("公示截止"), null=True, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("计算人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    objects = CountyLevelQuerySet.as_manager()
    search_fields = ("scheme_name",)
    # computed with the version, never edited: the scheme page and the version page show them
    derived_fields = ("summary", "scheme_text", "enterprise_count", "duration_ms")

    class Meta:
        verbose_name = _("评价结果版本")
        verbose_name_plural = _("评价结果版本")
        ordering = ["-year", "-number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "number"],
                name="evaluation_run_number",
                violation_error_message=_("该地区该年度已有此版本号"),
            ),
            models.CheckConstraint(
                condition=models.Q(publicity_end__gte=models.F("publicity_start"))
                | models.Q(publicity_end__isnull=True),
                name="evaluation_run_publicity_order",
                violation_error_message=_("公示截止日期不能早于开始日期"),
            ),
        ]

    def __str__(self):
        return f"{self.year}年度 第{self.number}版（{self.scheme_name}）"

    @cached_property
    def score_decimals(self) -> int:
        """The precision its scheme declares (EVALUATION.md §3): scores, totals and the
        figures shown beside them are written to it."""
        from .engine.loader import parse_scheme

        return parse_scheme(self.scheme_text, self.scheme_name).score_decimals

    def get_status_display(self):
        """The status as the pages say it: a publicity whose last day has passed is waiting for
        its sign-off, 公示期满，待发布 — not still 公示中."""
        from django.utils import timezone

        ended = self.publicity_end is not None and self.publicity_end < timezone.localdate()
        if self.status == RunStatus.PUBLICITY and ended:
            return _("公示期满，待发布")
        return RunStatus(self.status).label


def history_labels() -> dict[str, str]:
    """Every column a scheme in use names, in Chinese (the §2 columns from ``labels``, the
    flags and counts from the schemes' own labels). One query over the schemes."""
    from .columns import extra_columns
    from .labels import COLUMNS

    found = {c: name for c, (name, _unit) in COLUMNS.items()}
    for column, (label, _kind) in extra_columns(Scheme.objects.filter(is_archived=False)).items():
        found.setdefault(column, label)
    return found


def history_cell(field: str, column: str, value) -> str:
    from .choices import Department
    from .labels import quantity

    if field == "sources":
        return str(dict(Department.choices).get(value, value))
    # the import writes a scheme's flags as "1"/"0"; its own number columns keep their figure
    if column not in HISTORY_NUMBERS and str(value) in ("1", "0"):
        return "是" if value == "1" else "否"
    return quantity(column, value)


# the numeric §2 columns: a 1 there is a figure, not a yes
HISTORY_NUMBERS = frozenset(NUMBER_FIELDS) | {"prior_d_years", "size_class"}


class EvaluationResult(models.Model):
    """评价结果: one enterprise's row of a run (EVALUATION.md §5). Written once, in bulk, by
    the run; a version never changes afterwards, so no audit trail of its own is kept."""

    run = models.ForeignKey(
        EvaluationRun, verbose_name=_("版本"), on_delete=models.CASCADE, related_name="results"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="evaluation_results",
    )
    group = models.CharField(_("评价组"), max_length=60, blank=True)
    group_label = models.CharField(_("评价组名称"), max_length=100, blank=True)
    status = models.CharField(_("参评状态"), max_length=12, choices=ResultStatus.choices)
    reason = models.TextField(_("原因"), blank=True)
    values = models.JSONField(_("指标值"), default=dict)  # indicator key -> decimal text
    scores = models.JSONField(_("指标得分"), default=dict)  # indicator key -> decimal text
    bonus = models.DecimalField(
        _("加减分"), max_digits=SCORE_DIGITS, decimal_places=SCORE_PLACES, null=True
    )
    total = models.DecimalField(
        _("综合得分"), max_digits=SCORE_DIGITS, decimal_places=SCORE_PLACES, null=True
    )
    rank = models.PositiveIntegerField(_("组内排名"), null=True)
    klass = models.CharField(_("类别"), max_length=1, choices=CLASS_CHOICES, blank=True)
    class_label = models.CharField(_("类别名称"), max_length=60, blank=True)
    surcharge_rate = models.DecimalField(
        _("差别电价加价（元/千瓦时）"), max_digits=10, decimal_places=4, null=True
    )
    surcharge_wan = models.DecimalField(
        _("加价金额（万元）"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
    )
    inefficient = models.BooleanField(_("低效用地"), default=False)
    inefficient_reasons = models.TextField(_("低效原因"), blank=True)
    land_mu = models.DecimalField(_("用地面积（亩）"), max_digits=14, decimal_places=4, null=True)
    # The input row as computed (column -> cell) and where each value came from, so a report
    # card explains itself and an objection re-runs exactly this version plus its correction.
    inputs = models.JSONField(_("计算所用数据"), default=dict)
    sources = models.JSONField(_("数据来源部门"), default=dict)

    objects = ScopedQuerySet.as_manager()
    scope_field = "enterprise__region"
    search_fields = ("enterprise__name", "enterprise__uscc")

    class Meta:
        verbose_name = _("评价结果")
        verbose_name_plural = _("评价结果")
        ordering = ["run", "group", "rank", "enterprise__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "enterprise"],
                name="evaluation_result_once_per_run",
                violation_error_message=_("同一版本中每家企业只有一条结果"),
            )
        ]
        indexes = [
            # the ranked list of a run, by group and rank
            models.Index(fields=["run", "group", "rank"], name="evalresult_ranked"),
            # an enterprise's grades by year on its page
            models.Index(fields=["enterprise", "run"], name="evalresult_enterprise"),
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.run}"


class Objection(BusinessModel):
    """异议: an enterprise's objection to its result during or after publicity, with the note,
    the corrected figures and, once accepted, its result before and after the re-run."""

    run = models.ForeignKey(
        EvaluationRun,
        verbose_name=_("异议针对的版本"),
        on_delete=models.PROTECT,
        related_name="objections",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="evaluation_objections",
    )
    note = models.TextField(_("异议说明"))
    corrections = models.JSONField(_("更正数据"), default=dict)  # column -> corrected cell
    status = models.CharField(
        _("处理状态"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    resolution = models.TextField(_("处理意见"), blank=True)
    before = models.JSONField(_("更正前结果"), default=dict, blank=True)
    after = models.JSONField(_("更正后结果"), default=dict, blank=True)
    # Other enterprises whose class moved in the new version (shares depend on ranks).
    others_changed = models.JSONField(_("受影响的其他企业"), default=list, blank=True)
    new_run = models.ForeignKey(
        EvaluationRun,
        verbose_name=_("重算后的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    scope_field = "enterprise__region"
    search_fields = ("enterprise__name",)
    # written by the verbs, never edited, and not history: ``others_changed`` names enterprises
    # of other towns, which the objection's page shows only to those who may see them
    derived_fields = ("before", "after", "others_changed")

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return f"{self.enterprise} 对{self.run}的异议"

    @classmethod
    def history_labels(cls) -> dict[str, str]:
        """The history page's names of the corrected columns."""
        return history_labels()

    @classmethod
    def history_cell(cls, field: str, column: str, value) -> str:
        return history_cell(field, column, value)


class RunEvent(Event):
    """The ledger of a run's life: computed, publicity, objections, published, superseded
    (events.py writes each kind). An objection's event carries its enterprise's region, so
    only those who may see that enterprise read it."""

    run = models.ForeignKey(
        EvaluationRun, verbose_name=_("版本"), on_delete=models.CASCADE, related_name="events"
    )

    # a run's own events are read from below as the run is (PARENT_REGIONS_READABLE)
    objects = CountyLevelQuerySet.as_manager()

    class Meta(Event.Meta):
        verbose_name = _("版本事项")
        verbose_name_plural = _("版本事项")
