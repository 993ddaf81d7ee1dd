from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mujun.core"
    label = "core"
    verbose_name = "基础"
