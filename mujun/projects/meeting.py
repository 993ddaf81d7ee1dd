"""周例会: the weekly meeting pack of lagging projects, as a page for the wall and as Word."""

from dataclasses import dataclass

from django.shortcuts import render

from mujun.core.views import ScopedView
from mujun.core.word import (
    add_body,
    add_heading,
    add_table,
    add_title,
    docx_bytes,
    docx_response,
    new_document,
)

from . import alerts
from .listing import decorate
from .models import MonthlyReport, Project


@dataclass
class Item:
    project: Project
    reasons: list[str]
    level: str
    last_note: str
    problems: str
    report_period: str
    # the project's open problems of the enterprise-problem ledger, the overdue ones flagged
    open_problems: list = ()


def ledger_problems(project_ids) -> dict[int, list]:
    """The open problems of each project in the ledger, with their working days overdue: one
    query for the batch."""
    from mujun.service.models import Problem
    from mujun.service.views.problems import decorate as with_overdue

    rows = with_overdue(
        list(
            Problem.objects.filter(project_id__in=list(project_ids), is_archived=False)
            .open()
            .select_related("enterprise", "department", "receiving_region")
            .order_by("due_on", "pk")
        )
    )
    result: dict[int, list] = {}
    for problem in rows:
        result.setdefault(problem.project_id, []).append(problem)
    return result


def overdue_problems(user):
    """Overdue open problems tied to a project in the user's scope, most overdue first: the
    meeting pack's list beside the lagging projects."""
    from mujun.service.actions import today
    from mujun.service.models import Problem
    from mujun.service.views.problems import decorate as with_overdue

    rows = (
        Problem.objects.for_user(user)
        .overdue(today())
        .filter(project__isnull=False, is_archived=False)
        .select_related("enterprise", "project", "department", "receiving_region", "region")
    )
    return sorted(with_overdue(list(rows)), key=lambda p: -(p.overdue_days or 0))


def problem_line(problem) -> str:
    receiver = problem.department.name if problem.department_id else ""
    text = f"{problem.code} {problem.get_category_display()}：{problem.description[:60]}"
    text += f"（{problem.get_status_display()}{'，' + receiver if receiver else ''}"
    if problem.overdue_days:
        text += f"，超期{problem.overdue_days}个工作日"
    return text + "）"


def meeting_items(projects) -> list[Item]:
    """Lagging projects, red before yellow, larger investment first; with the last report's
    note and problems. A fixed number of queries."""
    rows = decorate(list(projects.lagging().select_related("region")))
    lagging = [p for p in rows if p.alert.level != "none"]
    ledger = ledger_problems(p.pk for p in lagging)
    latest = {}
    for report in MonthlyReport.objects.filter(
        project__in=[p.pk for p in lagging], is_archived=False
    ).order_by("project_id", "-year", "-month"):
        latest.setdefault(report.project_id, report)
    items = []
    for project in lagging:
        report = latest.get(project.pk)
        items.append(
            Item(
                project=project,
                reasons=project.alert.texts,
                level=project.alert.level,
                last_note=report.progress_note if report else "",
                problems=report.problems if report else "",
                report_period=f"{report.year}年{report.month}月" if report else "",
                open_problems=ledger.get(project.pk, []),
            )
        )
    items.sort(key=lambda i: (i.level != "red", -i.project.total_investment, i.project.code))
    return items


def meeting_docx(items: list[Item], *, title: str, date_text: str, overdue=()) -> bytes:
    """The agenda as a document in the 公文 layout (core/word.py)."""
    doc = new_document()
    add_title(doc, title)
    red = sum(i.level == "red" for i in items)
    add_body(
        doc,
        f"{date_text}，共有滞后项目{len(items)}个，其中红色预警{red}个、黄色预警{len(items) - red}个。"
        if items
        else f"{date_text}，本期没有滞后项目。",
    )
    for n, item in enumerate(items, start=1):
        p = item.project
        add_heading(
            doc,
            f"{n}. {p.name}（{p.region.name}，{'红色' if item.level == 'red' else '黄色'}预警）",
        )
        add_table(
            doc,
            ["项目", "情况"],
            [
                ["项目编号", p.code],
                ["阶段", p.get_stage_display()],
                ["联系领导", "、".join(p.liaison_names) or "—"],
                ["责任单位", p.responsible_department or "—"],
                ["滞后原因", "\n".join(item.reasons)],
                [f"最近进度（{item.report_period or '无报表'}）", item.last_note or "—"],
                ["企业诉求", "\n".join(problem_line(x) for x in item.open_problems) or "—"],
                ["月报所述问题", item.problems or "—"],
            ],
        )
    if overdue:
        add_heading(doc, "超期未办结的项目诉求")
        for problem in overdue:
            add_body(doc, f"{problem.project.name}：{problem_line(problem)}")
    return docx_bytes(doc)


class MeetingPackView(ScopedView):
    model = Project

    def get(self, request):
        qs = self.get_queryset().filter(is_archived=False).exclude(stage="terminated")
        items = meeting_items(qs)
        overdue = overdue_problems(request.user)
        today = alerts.today()
        date_text = f"截至{today.year}年{today.month}月{today.day}日"
        region = request.user.region.name if request.user.region else ""
        title = f"{region}项目推进周例会 · 滞后项目清单"
        if request.GET.get("format") == "docx":
            content = meeting_docx(items, title=title, date_text=date_text, overdue=overdue)
            return docx_response(content, f"周例会滞后项目-{today:%Y%m%d}")
        return render(
            request,
            "projects/meeting.html",
            {
                "items": items,
                "title": title,
                "date_text": date_text,
                "red": sum(i.level == "red" for i in items),
                "overdue": overdue,
            },
        )
