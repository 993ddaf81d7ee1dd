from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mujun.core.models import BusinessModel, Event
from mujun.core.querysets import PARENT_REGIONS_READABLE, SUBTREE, ScopedQuerySet
from mujun.indicators.models import PCT_DECIMAL_PLACES, PCT_MAX_DIGITS

from .choices import FactStatus

# Reader values are in base units (元, 美元): 326亿元 is 12 digits before the point, and a
# reviewer may type an amount with decimals in any unit of its family.
AMOUNT_MAX_DIGITS = 24
AMOUNT_DECIMAL_PLACES = 6


class ReportQuerySet(ScopedQuerySet):
    """Reports, their facts and ledger: a report read at the county is benchmark material for
    its towns too, whose officers read it (view only); peers own no reports."""

    scope_rules = (SUBTREE, PARENT_REGIONS_READABLE)


class Report(BusinessModel):
    """报告: a published report of a peer region (a news article, a speech, a government page)
    as it was read, the facts the reader found in it and, once accepted, the source of the
    indicator values taken from it. It belongs to the region of the user who read it."""

    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("原文"), help_text=_("读取时的原文；摘录位置按此文本计算"))
    published_on = models.DateField(
        _("发布日期"), null=True, blank=True, help_text=_("“今年”“1-5月”等按此日期定年份")
    )
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    # sha256 of the text: the same text read twice in one region is the same report
    digest = models.CharField(_("文本摘要"), max_length=64, editable=False)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所属地区"),
        on_delete=models.PROTECT,
        related_name="reader_reports",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("读取人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reader_reports",
    )
    accepted_at = models.DateTimeField(_("采纳时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("采纳人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()
    search_fields = ("title",)

    class Meta:
        verbose_name = _("对标报告")
        verbose_name_plural = _("对标报告")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "digest"],
                name="reader_report_same_text_once",
                violation_error_message=_("本地区已读取过同一篇报告"),
            )
        ]

    def __str__(self):
        return self.title


class ReportFact(BusinessModel):
    """摘录: one figure the reader found in a report, with the reviewer's corrections. An
    accepted fact points to the indicator value it became (``indicator_value``)."""

    report = models.ForeignKey(
        Report, verbose_name=_("报告"), on_delete=models.PROTECT, related_name="facts"
    )
    position = models.PositiveIntegerField(_("序号"))
    # the fact exactly as the reader gave it (the gold fields), kept beside the corrections
    extracted = models.JSONField(_("读取结果"), default=dict)
    span_start = models.PositiveIntegerField(_("摘录起点"))
    span_end = models.PositiveIntegerField(_("摘录终点"))
    region_name = models.CharField(_("地区"), max_length=50, blank=True)
    indicator_key = models.CharField(_("指标代码"), max_length=60)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        _("截至月份"), null=True, blank=True, help_text=_("累计到该月：5 表示 1 至 5 月")
    )
    value = models.DecimalField(
        _("数值"),
        max_digits=AMOUNT_MAX_DIGITS,
        decimal_places=AMOUNT_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    yoy_pct = models.DecimalField(
        _("同比增长（%）"),
        max_digits=PCT_MAX_DIGITS,
        decimal_places=PCT_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    is_target = models.BooleanField(_("目标数"), default=False)
    is_estimate = models.BooleanField(_("预计数"), default=False)
    # the reviewer set the period: the reader's period no longer decides whether it fits
    corrected = models.BooleanField(_("已更正"), default=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=FactStatus.choices, default=FactStatus.PENDING
    )
    indicator_value = models.ForeignKey(
        "indicators.IndicatorValue",
        verbose_name=_("指标数据"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_facts",
    )

    objects = ReportQuerySet.as_manager()

    scope_field = "report__region"

    class Meta:
        verbose_name = _("报告摘录")
        verbose_name_plural = _("报告摘录")
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"],
                name="reader_fact_position",
                violation_error_message=_("同一报告的摘录序号不能重复"),
            )
        ]

    def __str__(self):
        return f"{self.report} #{self.position + 1} {self.extracted.get('indicator', '')}"

    @property
    def span(self) -> str:
        return self.report.text[self.span_start : self.span_end]

    @property
    def reading(self) -> str:
        """What the reader read, in words (display.reading_text)."""
        from .display import reading_text

        return reading_text(self.extracted)

    @property
    def status_badge(self) -> str:
        return FactStatus(self.status).badge


class ReportEvent(Event):
    """The ledger of a report's review: read, facts corrected, dropped and taken back, accepted
    (events.py writes each kind); the report's page shows it as its timeline."""

    report = models.ForeignKey(
        Report, verbose_name=_("报告"), on_delete=models.CASCADE, related_name="events"
    )

    objects = ReportQuerySet.as_manager()

    class Meta(Event.Meta):
        verbose_name = _("报告事项")
        verbose_name_plural = _("报告事项")
        indexes = [
            # a report's timeline (ReportDetailView)
            models.Index(fields=["report", "created_at"], name="reportevent_report"),
        ]
