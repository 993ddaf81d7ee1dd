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


def meeting_items(projects) -> list[Item]:
    """Lagging projects, red before yellow, larger investment first; with the last report's
    note and problems. A fixed number of queries."""
    rows = decorate(list(projects.lagging().select_related("region")))
    lagging = [p for p in rows if p.alert.level != "none"]
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
            )
        )
    items.sort(key=lambda i: (i.level != "red", -i.project.total_investment, i.project.code))
    return items


def meeting_docx(items: list[Item], *, title: str, date_text: str) -> bytes:
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
                ["联系领导", p.liaison_leader or "—"],
                ["责任单位", p.responsible_department or "—"],
                ["滞后原因", "\n".join(item.reasons)],
                [f"最近进度（{item.report_period or '无报表'}）", item.last_note or "—"],
                ["存在问题", item.problems or "—"],
            ],
        )
    return docx_bytes(doc)


class MeetingPackView(ScopedView):
    model = Project

    def get(self, request):
        qs = self.get_queryset().filter(is_archived=False).exclude(stage="terminated")
        items = meeting_items(qs)
        today = alerts.today()
        date_text = f"截至{today.year}年{today.month}月{today.day}日"
        region = request.user.region.name if request.user.region else ""
        title = f"{region}项目推进周例会 · 滞后项目清单"
        if request.GET.get("format") == "docx":
            content = meeting_docx(items, title=title, date_text=date_text)
            return docx_response(content, f"周例会滞后项目-{today:%Y%m%d}")
        return render(
            request,
            "projects/meeting.html",
            {
                "items": items,
                "title": title,
                "date_text": date_text,
                "red": sum(i.level == "red" for i in items),
            },
        )
