from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "mujun.indicators"
    label = "indicators"
    verbose_name = _("经济指标")
    nav = ("indicators:indicatorvalue_list", _("经济指标"), "/indicators/", 40)
