from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "mujun.service"
    label = "service"
    verbose_name = _("企业服务")
    nav = ("service:problem_list", _("企业服务"), "/service/", 35)
    # the one menu entry a department user has besides the home page (their queue)
    department_nav = True
