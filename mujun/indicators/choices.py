from django.db import models
from django.utils.translation import gettext_lazy as _


class PriceBasis(models.TextChoices):
    """现价 / 可比价: whether growth may be derived from the reported values."""

    CURRENT = "current", _("现价")
    # 增加值增速 is computed by the statistics bureau at constant prices; nominal values of
    # two years cannot give it.
    COMPARABLE = "comparable", _("可比价")


class Source(models.TextChoices):
    """Where a value came from; the badge colour sits next to each value."""

    TYPED = "typed", _("填报")
    IMPORTED = "imported", _("导入")
    SUMMED = "summed", _("下级汇总")
    REPORT = "report", _("报告摘录")

    @property
    def badge(self) -> str:
        return {"typed": "", "imported": "", "summed": "grey", "report": "yellow"}[self.value]


class Unit(models.TextChoices):
    """The unit an indicator's values are stored in. Amounts entered in 元 or 亿元 are converted
    to the 万 unit of their family (rules.to_base); counts are stored as typed."""

    WAN_YUAN = "万元", _("万元")
    WAN_USD = "万美元", _("万美元")
    WAN_KWH = "万千瓦时", _("万千瓦时")
    GE = "个", _("个")
    JIA = "家", _("家")
