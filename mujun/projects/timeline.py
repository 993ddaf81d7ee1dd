"""A project's timeline: stage changes, monthly reports, plans and its current alert, newest first."""

from dataclasses import dataclass
from datetime import date


@dataclass
class Item:
    when: date
    kind: str
    title: str
    text: str = ""
    who: str = ""


def timeline(project) -> list[Item]:
    """Three queries: stage events, reports, plans."""
    items = []
    for event in project.stage_events.select_related("user"):
        title = f"{event.get_from_stage_display() or '登记'} → {event.get_to_stage_display()}"
        who = event.user.display_name if event.user else ""
        items.append(Item(event.date, "stage", title, event.note, who))
    for report in project.reports.filter(is_archived=False):
        text = "；".join(
            t for t in (report.progress_note, report.problems and f"问题：{report.problems}") if t
        )
        items.append(
            Item(
                date(report.year, report.month, 1),
                "report",
                f"{report.year}年{report.month}月报表：完成投资{report.completed_investment.normalize():f}万元",
                text,
            )
        )
    for plan in project.plans.filter(is_archived=False):
        items.append(
            Item(
                date(plan.year, 1, 1),
                "plan",
                f"{plan.year}年度计划投资{plan.planned_investment.normalize():f}万元",
            )
        )
    if project.alert_reasons and project.alerts_as_of:
        items.append(
            Item(
                project.alerts_as_of,
                "alert",
                f"{project.get_alert_level_display()}",
                "；".join(r["text"] for r in project.alert_reasons),
            )
        )
    return sorted(items, key=lambda i: (i.when, i.kind != "alert"), reverse=True)
