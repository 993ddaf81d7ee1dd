from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mujun.core.models import BusinessModel, Event
from mujun.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from mujun.core.querysets import ScopedQuerySet

from .choices import ActivityKind, Channel, LeadCategory, LeadStatus, Listing


class Lead(BusinessModel):
    """招商线索: a prospective investor and the project it may bring, followed from the first
    contact to signing (or dropping). Signing makes it a project of the project register; the
    project's later stages then count in the lead's funnel."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在地区"),
        on_delete=models.PROTECT,
        related_name="attraction_leads",
    )
    investor_name = models.CharField(_("投资方"), max_length=200)
    investor_uscc = models.CharField(
        _("投资方统一社会信用代码"),
        max_length=18,
        blank=True,
        help_text=_("在中国登记的投资方签约前须填写，按企业库的规则校验"),
    )
    investor_country = models.CharField(
        _("投资方国别"), max_length=50, blank=True, help_text=_("尚未在中国登记的投资方填写")
    )
    home_province = models.CharField(_("投资方所在省份"), max_length=20, blank=True)
    home_city = models.CharField(_("投资方所在城市"), max_length=30, blank=True)
    listing = models.CharField(
        _("上市情况"), max_length=12, choices=Listing.choices, default=Listing.NONE, blank=True
    )
    project_name = models.CharField(_("项目名称"), max_length=200)
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    category = models.CharField(
        _("类别"), max_length=12, choices=LeadCategory.choices, default=LeadCategory.INDUSTRIAL
    )
    industry_code = models.CharField(_("行业"), max_length=4, blank=True)
    intended_investment = models.DecimalField(
        _("意向投资（万元）"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        default=0,
        validators=[MinValueValidator(0)],
    )
    owner = models.ForeignKey(
        "officials.Official",
        verbose_name=_("责任干部"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_leads",
    )
    note = models.TextField(_("备注"), blank=True)

    status = models.CharField(
        _("状态"), max_length=12, choices=LeadStatus.choices, default=LeadStatus.LEAD
    )
    # The day each step was reached, kept with the lead so that the period statistics and the
    # funnel are sums and medians of columns (the ledger keeps every move besides).
    recorded_on = models.DateField(_("登记日期"))
    contacted_on = models.DateField(_("接洽日期"), null=True, blank=True)
    negotiating_on = models.DateField(_("进入洽谈日期"), null=True, blank=True)
    signed_on = models.DateField(_("签约日期"), null=True, blank=True)
    dropped_on = models.DateField(_("放弃日期"), null=True, blank=True)
    drop_reason = models.CharField(_("放弃原因"), max_length=200, blank=True)
    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("签约项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead",
    )

    search_fields = ("investor_name", "project_name")

    class Meta:
        verbose_name = _("招商线索")
        verbose_name_plural = _("招商线索")
        ordering = ["-recorded_on", "-pk"]
        indexes = [
            # signed in a period, and the negotiating at its end (attraction statistics)
            models.Index(fields=["region", "signed_on", "is_archived"], name="lead_signed"),
            models.Index(fields=["region", "negotiating_on", "is_archived"], name="lead_talks"),
            models.Index(fields=["region", "recorded_on", "is_archived"], name="lead_recorded"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(signed_on__gte=F("recorded_on")),
                name="lead_signed_after_recorded",
                violation_error_message=_("签约日期不能早于登记日期"),
            )
        ]

    def __str__(self):
        return f"{self.investor_name} · {self.project_name}"


class Activity(BusinessModel):
    """招商活动: a trip out (counted in days), a visit to a prospective investor, a reception of
    investors (counted in batches) or a promotion event, with the officials who went or
    received (one of them leads) and the leads it served."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在地区"),
        on_delete=models.PROTECT,
        related_name="attraction_activities",
    )
    kind = models.CharField(_("类型"), max_length=16, choices=ActivityKind.choices)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    destination = models.CharField(
        _("目的地或地点"),
        max_length=200,
        blank=True,
        help_text=_("外出招商的城市，或接待、推介的地点"),
    )
    leader = models.ForeignKey(
        "officials.Official",
        verbose_name=_("带队干部"),
        on_delete=models.PROTECT,
        related_name="led_activities",
    )
    officials = models.ManyToManyField(
        "officials.Official",
        verbose_name=_("参加干部"),
        related_name="attraction_activities",
        help_text=_("带队干部之外的参加者"),
        blank=True,
    )
    investors = models.TextField(
        _("拜访或接待的客商"), blank=True, help_text=_("每行一家，或以顿号分隔")
    )
    leads = models.ManyToManyField(
        Lead, verbose_name=_("对接的线索"), related_name="activities", blank=True
    )
    batches = models.PositiveSmallIntegerField(
        _("接待批次"), default=1, help_text=_("接待客商时填写")
    )
    note = models.TextField(_("备注"), blank=True)

    # Derived when the activity is saved (actions.save_activity), kept so that a county's
    # statistics are sums of columns: its calendar days, and the investors it met (the named
    # ones and the leads it served).
    days = models.PositiveIntegerField(_("天数"), default=1, editable=False)
    investor_count = models.PositiveIntegerField(_("客商数"), default=0, editable=False)

    search_fields = ("destination", "investors", "note")

    class Meta:
        verbose_name = _("招商活动")
        verbose_name_plural = _("招商活动")
        ordering = ["-start_date", "-pk"]
        indexes = [
            # the activities of a region's period (attraction statistics, 一月一招商); the
            # columns after the period's carry every figure the statistics sum and the key
            # the participants join on (stats.py: GET /api/attraction/stats), so a county's
            # year is read from the index alone, not one table row per activity
            models.Index(
                fields=[
                    "region",
                    "start_date",
                    "end_date",
                    "is_archived",
                    "kind",
                    "leader",
                    "days",
                    "investor_count",
                    "batches",
                    "id",
                ],
                name="activity_period",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="activity_ends_after_start",
                violation_error_message=_("结束日期不能早于开始日期"),
            )
        ]

    def __str__(self):
        return f"{self.start_date:%Y-%m-%d} {self.get_kind_display()} {self.destination}".strip()


class LeadEvent(Event):
    """The ledger of a lead: recorded, edited, each status move (dated, by whom, why), signing
    and the events linked to a signing (events.py)."""

    lead = models.ForeignKey(
        Lead, verbose_name=_("线索"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(Event.Meta):
        verbose_name = _("线索事项")
        verbose_name_plural = _("线索事项")


class ActivityEvent(Event):
    """The ledger of an activity: recorded and changed (events.py)."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(Event.Meta):
        verbose_name = _("活动事项")
        verbose_name_plural = _("活动事项")


class Negotiation(models.Model):
    """A span of days a lead was under negotiation (在谈), read off its ledger whenever its
    status moves (talks.py): a lead moved back, or dropped and taken up again, negotiated in
    spans, and a period's 在谈 and 洽谈 count what its history says on the period's days, not
    only its latest run."""

    lead = models.ForeignKey(
        Lead, verbose_name=_("线索"), on_delete=models.CASCADE, related_name="negotiations"
    )
    opened_on = models.DateField(_("进入洽谈日期"))
    # the day it left 在谈 (moved back, dropped or signed); empty while it goes on
    closed_on = models.DateField(_("结束洽谈日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("洽谈期间")
        verbose_name_plural = _("洽谈期间")
        ordering = ["lead", "opened_on"]

    def __str__(self):
        return f"{self.lead_id} {self.opened_on}–{self.closed_on or ''}"


class MonthlyTally(models.Model):
    """One month's attraction figures of a region (``official`` empty) or of one official in
    that region, kept by the verbs (actions.py) in the transaction of each change, so that a
    period's statistics of a county (``GET /api/attraction/stats``) sum a few thousand of these
    rows instead of reading every activity, participant and lead (tally_rules.py says what each
    figure counts; ``mujun attraction_tally`` rebuilds the table from the rows). The make-up of
    the signed projects (by category, by the investor's province) is read from the leads signed
    in the period, a few thousand a year at most."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.CASCADE, related_name="+"
    )
    official = models.ForeignKey(
        "officials.Official",
        verbose_name=_("干部"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # the first day of the month
    month = models.DateField(_("月份"))
    trip_days = models.PositiveIntegerField(_("外出招商天数"), default=0)
    principal_trip_days = models.PositiveIntegerField(_("主要领导外出天数"), default=0)
    investors_visited = models.PositiveIntegerField(_("拜访企业数"), default=0)
    reception_batches = models.PositiveIntegerField(_("接待客商批次"), default=0)
    promotion_events = models.PositiveIntegerField(_("推介会场次"), default=0)
    new_leads = models.PositiveIntegerField(_("新增线索"), default=0)
    signed = models.PositiveIntegerField(_("签约项目数"), default=0)
    signed_investment_wan = models.DecimalField(
        _("签约意向投资（万元）"),
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        default=0,
    )
    signed_over_100m = models.PositiveIntegerField(_("亿元以上签约项目数"), default=0)
    signed_listed = models.PositiveIntegerField(_("上市及拟上市企业签约项目数"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("招商月度汇总")
        verbose_name_plural = _("招商月度汇总")
        ordering = ["region", "month"]
        constraints = [
            # one row per official and month of a region, and one of the region's own; the
            # first also serves the recount of a region's months (tally.recount)
            models.UniqueConstraint(
                fields=["region", "month", "official"],
                condition=Q(official__isnull=False),
                name="tally_official_month",
            ),
            models.UniqueConstraint(
                fields=["region", "month"],
                condition=Q(official__isnull=True),
                name="tally_region_month",
            ),
        ]

    def __str__(self):
        return f"{self.region_id} {self.month:%Y-%m} {self.official_id or ''}".strip()
