from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "mujun.evaluation"
    label = "evaluation"
    verbose_name = _("亩均效益综合评价")
    nav = ("evaluation:run_list", _("亩均评价"), "/evaluation/", 50)
