from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The life of a project, in order; ``terminated`` stands apart."""

    LEAD = "lead", _("招商线索")
    NEGOTIATING = "negotiating", _("在谈")
    SIGNED = "signed", _("签约")
    REGISTERED = "registered", _("入库")
    STARTED = "started", _("开工")
    COMPLETED = "completed", _("竣工")
    PRODUCING = "producing", _("投产")
    ACCEPTED = "accepted", _("复核验收")
    TERMINATED = "terminated", _("终止")


STAGE_ORDER = [s for s in Stage if s != Stage.TERMINATED]


class Milestone(models.TextChoices):
    """The dated milestones a project is planned and followed by (签约、供地、开工、竣工、投产)."""

    SIGNED = "signed", _("签约")
    LAND_SUPPLIED = "land_supplied", _("供地")
    STARTED = "started", _("开工")
    COMPLETED = "completed", _("竣工")
    PRODUCING = "producing", _("投产")


# The milestone keys in order, as plain strings: iterating the enum costs a descriptor call per
# member, and lists read every project's ten dates.
MILESTONE_KEYS = tuple(m.value for m in Milestone)

# Reaching a stage is reaching its milestone; land supply is recorded on its own.
STAGE_MILESTONE = {
    Stage.SIGNED: Milestone.SIGNED,
    Stage.STARTED: Milestone.STARTED,
    Stage.COMPLETED: Milestone.COMPLETED,
    Stage.PRODUCING: Milestone.PRODUCING,
}


class Basis(models.TextChoices):
    """The two sets of projects a summary totals (figures.summary_set)."""

    STARTED = "started", _("当年开工项目")
    PLANNED = "planned", _("列入当年计划的项目")


class AlertLevel(models.TextChoices):
    NONE = "none", _("正常")
    YELLOW = "yellow", _("黄色预警")
    RED = "red", _("红色预警")


ALERT_BADGE = {AlertLevel.NONE: "", AlertLevel.YELLOW: "yellow", AlertLevel.RED: "red"}
