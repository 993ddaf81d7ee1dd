from django.utils.translation import gettext_lazy as _

from mujun.core.tables import Col, Table, attr, choice

from .choices import AlertLevel, Stage


def _figure(name):
    def get(project):
        return getattr(project.figures, name)

    return get


_alert_label = choice("alert.level", AlertLevel.choices)


def _alert_badge(project):
    """The flag beside the project's name, its reasons in the tooltip."""
    alert = project.alert
    if alert.level == "none":
        return None
    return alert.badge, _alert_label(project), "；".join(alert.texts)


class ProjectTable(Table):
    """Rows carry ``figures`` and ``alert`` attached by the view (``ProjectListView.decorate``)."""

    export_name = "项目库"
    # what fits a 1440-pixel screen, the flag beside the name; the rest by the column chooser
    default_columns = (
        "项目编号",
        "项目名称",
        "所在镇街",
        "阶段",
        "总投资（万元）",
        "累计完成投资（万元）",
        "今年完成投资（万元）",
        "年计划完成率（%）",
        "预警原因",
    )
    columns = [
        Col(_("项目编号"), attr("code"), code=True),
        Col(_("项目名称"), attr("name"), link="projects:project", badge=_alert_badge),
        Col(_("所在镇街"), attr("region.name")),
        Col(_("阶段"), choice("stage", Stage.choices)),
        Col(
            _("层级"),
            lambda p: [t.name for t in p.tiers] + (["亿元以上"] if p.is_billion else []),
            needs="tiers",
        ),
        Col(_("总投资（万元）"), attr("total_investment"), numeric=True),
        Col(_("累计完成投资（万元）"), _figure("completed_total"), numeric=True),
        Col(_("今年完成投资（万元）"), _figure("completed_this_year"), numeric=True),
        Col(_("年度计划投资（万元）"), _figure("plan_this_year"), numeric=True),
        Col(_("年计划完成率（%）"), _figure("plan_completion_pct"), numeric=True),
        Col(_("预警"), choice("alert.level", AlertLevel.choices)),
        Col(_("预警原因"), lambda p: p.alert.texts, wrap=True),
        Col(_("联系领导"), attr("liaison_names"), needs="leaders"),
        Col(_("责任单位"), attr("responsible_department")),
    ]
