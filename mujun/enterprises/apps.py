from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "mujun.enterprises"
    label = "enterprises"
    verbose_name = _("企业库")
    nav = ("enterprises:enterprise_list", _("企业库"), "/enterprises/", 20)
