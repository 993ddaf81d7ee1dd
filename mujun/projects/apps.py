from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "mujun.projects"
    label = "projects"
    verbose_name = _("项目库")
    nav = ("projects:project_list", _("项目库"), "/projects/", 30)
