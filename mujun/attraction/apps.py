from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttractionConfig(AppConfig):
    name = "mujun.attraction"
    label = "attraction"
    verbose_name = _("招商引资")
    nav = ("attraction:activity_list", _("招商"), "/attraction/", 25)
