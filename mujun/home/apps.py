from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page of each role (SPEC §8): what a user acts on, on arrival. It stores
    nothing of its own; every figure is read from the area that keeps it. Its menu entry is
    the first of every role's (core.context_processors.HOME)."""

    name = "mujun.home"
    label = "home"
    verbose_name = _("首页")
