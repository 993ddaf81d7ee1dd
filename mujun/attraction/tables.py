from django.utils.translation import gettext_lazy as _

from mujun.core.tables import Col, Table, attr, choice

from .choices import ActivityKind, Channel, LeadCategory, LeadStatus


def _people(activity):
    return [activity.leader.name, *(o.name for o in activity.officials.all())]


class ActivityTable(Table):
    """Rows carry their leader (select_related) and officials (prefetched)."""

    export_name = "招商活动"
    columns = [
        Col(_("开始日期"), attr("start_date"), link="attraction:activity"),
        Col(_("结束日期"), attr("end_date")),
        Col(_("类型"), choice("kind", ActivityKind.choices)),
        Col(_("地区"), attr("region.name")),
        Col(_("目的地或地点"), attr("destination")),
        Col(_("干部"), _people),
        Col(_("天数"), attr("days"), numeric=True),
        Col(_("客商数"), attr("investor_count"), numeric=True),
        Col(_("接待批次"), attr("batches"), numeric=True),
    ]


class LeadTable(Table):
    export_name = "招商线索"
    columns = [
        Col(_("投资方"), attr("investor_name"), link="attraction:lead"),
        Col(_("项目名称"), attr("project_name")),
        Col(_("地区"), attr("region.name")),
        Col(_("状态"), choice("status", LeadStatus.choices)),
        Col(_("渠道"), choice("channel", Channel.choices)),
        Col(_("类别"), choice("category", LeadCategory.choices)),
        Col(_("投资方所在省份"), attr("home_province")),
        Col(_("意向投资（万元）"), attr("intended_investment"), numeric=True),
        Col(_("责任干部"), attr("owner.name")),
        Col(_("登记日期"), attr("recorded_on")),
        Col(_("签约日期"), attr("signed_on")),
    ]
