from django.utils.translation import gettext_lazy as _

from mujun.core.tables import Col, Table, attr, choice

from .choices import Category, IssueStatus, LiaisonRole, Satisfaction, Status, VisitKind


def _receiver(problem):
    if problem.department_id:
        return problem.department.name
    if problem.receiving_region_id:
        return problem.receiving_region.name
    return ""


class ProblemTable(Table):
    """Rows carry ``overdue_days`` (views.problems.decorate) and their enterprise, region and
    receiver (select_related)."""

    export_name = "企业诉求"
    columns = [
        Col(_("诉求编号"), attr("code"), link="service:problem"),
        Col(_("企业"), attr("enterprise.name")),
        Col(_("镇街"), attr("region.name")),
        Col(_("类别"), choice("category", Category.choices)),
        Col(_("问题描述"), lambda p: p.description[:40]),
        Col(_("状态"), choice("status", Status.choices)),
        Col(_("承办单位"), _receiver),
        Col(_("提出日期"), attr("raised_on")),
        Col(_("办结时限"), attr("due_on")),
        Col(_("超期（工作日）"), attr("overdue_days"), numeric=True),
        Col(_("满意度"), choice("satisfaction", Satisfaction.choices)),
    ]


def _names(visit):
    return [o.name for o in visit.officials.all()]


class VisitTable(Table):
    export_name = "走访记录"
    columns = [
        Col(_("走访日期"), attr("visited_on"), link="service:visit"),
        Col(_("企业"), attr("enterprise.name")),
        Col(_("镇街"), attr("region.name")),
        Col(_("方式"), choice("kind", VisitKind.choices)),
        Col(_("走访干部"), _names),
        Col(_("交流内容"), lambda v: v.discussed[:40]),
    ]


class DepartmentTable(Table):
    export_name = "部门"
    columns = [
        Col(_("部门名称"), attr("name"), link="service:department"),
        Col(_("所属地区"), attr("region.name")),
        Col(_("联系电话"), attr("phone")),
        Col(_("职责说明"), attr("note")),
    ]


class CommonIssueTable(Table):
    export_name = "共性问题"
    columns = [
        Col(_("共性问题"), attr("title"), link="service:issue"),
        Col(_("类别"), choice("category", Category.choices)),
        Col(_("牵头地区"), attr("region.name")),
        Col(_("专班"), attr("task_force")),
        Col(_("状态"), choice("status", IssueStatus.choices)),
        Col(_("解决日期"), attr("solved_on")),
    ]


class LiaisonTable(Table):
    export_name = "联系干部"
    columns = [
        Col(_("干部"), attr("official.name")),
        Col(_("角色"), choice("role", LiaisonRole.choices)),
        Col(_("企业"), attr("enterprise.name")),
        Col(_("项目"), attr("project.name")),
        Col(_("地区"), attr("region.name")),
        Col(_("起始日期"), attr("since")),
    ]
