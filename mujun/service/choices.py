"""The enterprise service's choices, with the badge colour of each state next to it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    LAND = "land", _("用地")
    LABOUR = "labour", _("用工")
    FINANCE = "finance", _("融资")
    ENERGY = "energy", _("用能")
    APPROVAL = "approval", _("审批")
    POLICY = "policy", _("政策")
    INFRASTRUCTURE = "infrastructure", _("基础设施")
    OTHER = "other", _("其他")


class Source(models.TextChoices):
    """How the problem reached the platform."""

    VISIT = "visit", _("走访")
    PHONE = "phone", _("电话")
    ONLINE = "online", _("网上填报")
    MEETING = "meeting", _("会议")


class VisitKind(models.TextChoices):
    VISIT = "visit", _("走访")
    SYMPOSIUM = "symposium", _("座谈")
    ONSITE = "onsite", _("现场办公")


class Handling(models.TextChoices):
    """The three ways a problem is handled (GLOSSARY)."""

    RESOLVE_LOCALLY = "resolve_locally", _("本级解决")
    EXPLAIN_POLICY = "explain_policy", _("政策解释")
    ESCALATE = "escalate", _("上报交办")


class Status(models.TextChoices):
    NEW = "new", _("待处理")
    IN_PROGRESS = "in_progress", _("本级办理中")
    ASSIGNED = "assigned", _("已交办待受理")
    ACCEPTED = "accepted", _("已受理")
    REPLIED = "replied", _("已答复待办结")
    RETURNED = "returned", _("已退回")
    REOPENED = "reopened", _("不满意重办")
    CLOSED = "closed", _("已办结")


STATUS_BADGE = {
    Status.NEW: "yellow",
    Status.IN_PROGRESS: "",
    Status.ASSIGNED: "yellow",
    Status.ACCEPTED: "",
    Status.REPLIED: "",
    Status.RETURNED: "red",
    Status.REOPENED: "red",
    Status.CLOSED: "green",
}

# with a department or a higher region: the receiver acts
WITH_RECEIVER = (Status.ASSIGNED, Status.ACCEPTED, Status.REPLIED)
# at the town that registered it: the town handles it (again)
AT_TOWN = (Status.NEW, Status.IN_PROGRESS, Status.RETURNED, Status.REOPENED)
OPEN = (*AT_TOWN, *WITH_RECEIVER)
# "due soon": due within this many calendar days (the list's filter, the home pages)
DUE_SOON_DAYS = 7


class Outcome(models.TextChoices):
    """How a closed problem ended: a fact apart from the enterprise's satisfaction."""

    RESOLVED = "resolved", _("已解决")
    EXPLAINED = "explained", _("已作政策解释")
    OUTSIDE_REMIT = "outside_remit", _("不属政府职能")
    WITHDRAWN = "withdrawn", _("企业撤单")


class Satisfaction(models.TextChoices):
    """The enterprise's own answer; empty until it gives one, never assumed."""

    NONE = "", _("未评价")
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class LiaisonRole(models.TextChoices):
    LEADER = "leader", _("联系领导")
    COMMISSIONER = "commissioner", _("企业特派员")


class IssueStatus(models.TextChoices):
    OPEN = "open", _("专班办理中")
    SOLVED = "solved", _("已解决")


class ReminderKind(models.TextChoices):
    DUE_IN_3 = "due_in_3", _("距办结时限 3 个工作日")
    DUE_IN_1 = "due_in_1", _("距办结时限 1 个工作日")
    OVERDUE = "overdue", _("已超期（督办）")
    ASSIGNED = "assigned", _("新交办")
    REPLIED = "replied", _("部门已答复")
    RETURNED = "returned", _("被退回")
