from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from mujun.core.tables import Col, Table, attr


def _when(moment):
    return localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


class ReportTable(Table):
    export_name = "对标报告"
    columns = [
        Col(_("标题"), attr("title"), link="reader:report"),
        Col(_("发布日期"), attr("published_on")),
        Col(_("文件名"), attr("filename")),
        Col(_("所属地区"), attr("region.name")),
        Col(_("读取人"), attr("uploaded_by.display_name")),
        Col(_("读取时间"), lambda r: _when(r.created_at)),
        Col(_("采纳时间"), lambda r: _when(r.accepted_at)),
        Col(_("已归档"), attr("is_archived")),
    ]
