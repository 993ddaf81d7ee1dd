from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    name = "mujun.reader"
    label = "reader"
    verbose_name = _("对标（报告阅读）")
    nav = ("reader:report_list", _("对标"), "/reader/", 60)
