from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficialsConfig(AppConfig):
    name = "mujun.officials"
    label = "officials"
    verbose_name = _("干部名册")
    nav = ("officials:official_list", _("干部"), "/officials/", 60)
