from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mujun.core.models import BusinessModel, Event
from mujun.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from mujun.core.querysets import ScopedQuerySet

from .choices import PriceBasis, Source, Unit

PCT_MAX_DIGITS = 9
PCT_DECIMAL_PLACES = 2
FIRST_YEAR, LAST_YEAR = 2000, 2100


class Indicator(models.Model):
    """指标: the definition of an economic indicator. Not regional data: every user reads the
    catalogue; admins add to it."""

    key = models.SlugField(_("指标代码"), max_length=60, unique=True)
    name = models.CharField(_("指标名称"), max_length=60, unique=True)
    unit = models.CharField(_("计量单位"), max_length=10, choices=Unit.choices)
    price_basis = models.CharField(
        _("价格口径"), max_length=12, choices=PriceBasis.choices, default=PriceBasis.CURRENT
    )
    additive = models.BooleanField(
        _("可跨地区加总"),
        default=True,
        help_text=_("上级数值等于各下级之和时勾选（如产值、投资）；财政收入含县本级收入，不勾选"),
    )
    is_cumulative = models.BooleanField(
        _("按年累计报送"),
        default=True,
        help_text=_("报送 1 至 N 月累计值；时点指标（余额等）不勾选"),
    )
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("所属上位指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text=_("通报中写作“其中……”，如工业投资属于全社会固定资产投资"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    description = models.TextField(_("说明"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["sort_order", "key"]

    def __str__(self):
        return self.name


class IndicatorValue(BusinessModel):
    """累计值: one region's year-to-date cumulative figure of one indicator for a month, in the
    indicator's unit, with the growth the source reported and where the figure came from."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("地区"),
        on_delete=models.PROTECT,
        related_name="indicator_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="values"
    )
    year = models.PositiveSmallIntegerField(
        _("年份"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    month = models.PositiveSmallIntegerField(
        _("月份"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("累计到该月：5 表示 1 至 5 月"),
    )
    value = models.DecimalField(
        _("累计值"), max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES
    )
    yoy_pct = models.DecimalField(
        _("公布的同比增长（%）"),
        max_digits=PCT_MAX_DIGITS,
        decimal_places=PCT_DECIMAL_PLACES,
        null=True,
        blank=True,
        help_text=_("来源给出增速时照录；下降填负数"),
    )
    source = models.CharField(
        _("来源"), max_length=10, choices=Source.choices, default=Source.TYPED
    )
    entered_unit = models.CharField(_("填报单位"), max_length=10, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("指标数据")
        verbose_name_plural = _("指标数据")
        ordering = ["-year", "-month", "indicator__sort_order", "region__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "year", "month"],
                name="indicator_value_natural_key",
                violation_error_message=_("该地区该指标该月已有数据，请修改原记录"),
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12),
                name="indicator_value_month_range",
                violation_error_message=_("月份应为 1 至 12"),
            ),
        ]
        indexes = [
            # ranks and sums read every region's figure of one indicator and period
            models.Index(fields=["indicator", "year", "month"], name="indval_period"),
        ]

    def __str__(self):
        return f"{self.region} {self.indicator} {self.year}年1至{self.month}月"


class Target(BusinessModel):
    """目标: a region's annual target for an indicator, in the indicator's unit."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("地区"),
        on_delete=models.PROTECT,
        related_name="indicator_targets",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(
        _("年份"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    value = models.DecimalField(
        _("年度目标"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        validators=[MinValueValidator(0)],
    )
    growth_pct = models.DecimalField(
        _("目标增速（%）"),
        max_digits=PCT_MAX_DIGITS,
        decimal_places=PCT_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        ordering = ["-year", "indicator__sort_order", "region__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "year"],
                name="indicator_target_natural_key",
                violation_error_message=_("该地区该指标该年已有目标，请修改原记录"),
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="indicator_target_not_negative",
                violation_error_message=_("年度目标不能为负数"),
            ),
        ]

    def __str__(self):
        return f"{self.region} {self.indicator} {self.year}年目标"


class IndicatorEvent(Event):
    """The ledger of one figure's life: entered, corrected, imported, summed from the children,
    read from a report (events.py writes each kind); the value's timeline reads it."""

    value = models.ForeignKey(
        IndicatorValue, verbose_name=_("指标数据"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(Event.Meta):
        verbose_name = _("指标数据事项")
        verbose_name_plural = _("指标数据事项")
        indexes = [
            # a value's timeline (IndicatorValueDetailView)
            models.Index(fields=["value", "created_at"], name="indevent_value"),
        ]
