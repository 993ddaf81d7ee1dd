from django.utils.translation import gettext_lazy as _

from mujun.core.tables import Col, Table, attr


class OfficialTable(Table):
    export_name = "干部名册"
    columns = [
        Col(_("姓名"), attr("name"), link="officials:official"),
        Col(_("职务"), attr("title")),
        Col(_("所在地区"), attr("region.name")),
        Col(_("主要领导"), attr("is_principal")),
        Col(_("联系电话"), attr("phone")),
    ]
