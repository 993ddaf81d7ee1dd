from django.utils.translation import gettext_lazy as _

from mujun.core.tables import Col, Table, attr


class EnterpriseTable(Table):
    export_name = "企业名录"
    columns = [
        Col(_("企业名称"), attr("name"), link="enterprises:enterprise"),
        Col(_("统一社会信用代码"), attr("uscc"), code=True),
        Col(_("所在镇街"), attr("region.name")),
        Col(_("行业代码"), attr("industry_code")),
        Col(_("行业大类"), attr("industry_division")),
        Col(_("规模"), attr("size_label")),
        Col(_("标签"), attr("labels")),
        Col(_("用地面积（亩）"), attr("land_area_mu"), numeric=True),
        Col(_("从业人数"), attr("employees"), numeric=True),
        Col(_("用电户号"), attr("power_account")),
        Col(_("已归档"), attr("is_archived")),
    ]
