from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    """外出招商 counted in days, 拜访 in investors visited, 接待 in batches, 推介会 in events."""

    TRIP = "trip", _("外出招商")
    VISIT = "visit", _("拜访企业")
    RECEPTION = "reception", _("接待客商")
    PROMOTION_EVENT = "promotion_event", _("推介会")


class Channel(models.TextChoices):
    """Where a lead came from."""

    VIA_INVESTORS = "via_investors", _("以商引商")
    AGENCY = "agency", _("中介招商")
    RESIDENT = "resident", _("驻点招商")
    ASSOCIATION = "association", _("协会商会")
    OTHER = "other", _("网络及其他")


class LeadCategory(models.TextChoices):
    INDUSTRIAL = "industrial", _("产业项目")
    TALENT = "talent", _("科技人才项目")


class Listing(models.TextChoices):
    """Whether the investor is a listed company: seed 004 counts the projects of 上市及拟上市企业."""

    NONE = "", _("否")
    LISTED = "listed", _("上市企业")
    PRE_LISTING = "pre_listing", _("拟上市企业")


class LeadStatus(models.TextChoices):
    """A lead's way: lead → contacting → negotiating → signed, or dropped (with a reason)."""

    LEAD = "lead", _("线索")
    CONTACTING = "contacting", _("接洽中")
    NEGOTIATING = "negotiating", _("在谈")
    SIGNED = "signed", _("已签约")
    DROPPED = "dropped", _("已放弃")


STATUS_BADGE = {
    LeadStatus.LEAD: "",
    LeadStatus.CONTACTING: "",
    LeadStatus.NEGOTIATING: "yellow",
    LeadStatus.SIGNED: "green",
    LeadStatus.DROPPED: "grey",
}
