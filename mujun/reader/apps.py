from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "mujun.reader"
    label = "reader"
    verbose_name = "对标（报告阅读）"
