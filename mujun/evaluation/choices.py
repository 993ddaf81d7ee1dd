"""Choices of the evaluation app, with the badge colour next to each value (STYLE.md §7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    """Where a run stands in the yearly cycle (EVALUATION.md §1): computed, shown to the public
    for objections, signed off. A version replaced by a newer one keeps its results."""

    DRAFT = "draft", _("草稿")
    PUBLICITY = "publicity", _("公示中")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本取代")

    @property
    def badge(self) -> str:
        return {"draft": "grey", "publicity": "yellow", "published": "", "superseded": "grey"}[
            self.value
        ]


class ResultStatus(models.TextChoices):
    """The engine's status of a row (EVALUATION.md §4 step 1)."""

    GRADED = "graded", _("参评")
    EXEMPT = "exempt", _("不参评（豁免）")
    INELIGIBLE = "ineligible", _("不具备参评条件")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    ACCEPTED = "accepted", _("已采纳并重算")
    REJECTED = "rejected", _("不予采纳")

    @property
    def badge(self) -> str:
        return {"open": "yellow", "accepted": "", "rejected": "grey"}[self.value]


class Department(models.TextChoices):
    """The departments the yearly data comes from (EVALUATION.md §1, the yearly cycle)."""

    STATISTICS = "statistics", _("统计局")
    TAX = "tax", _("税务局")
    NATURAL_RESOURCES = "natural_resources", _("自然资源和规划局")
    ENVIRONMENT = "environment", _("生态环境局")
    POWER = "power", _("供电公司")
    ECONOMY = "economy", _("经信局")
    EMERGENCY = "emergency", _("应急管理局")
    TOWN = "town", _("镇街填报")
    OBJECTION = "objection", _("企业异议更正")


# Class letters as EVALUATION.md names them, with a badge colour each.
CLASS_BADGES = {"A": "", "B": "", "C": "yellow", "D": "red", "T": "grey"}
CLASS_CHOICES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D"), ("T", "T")]
