from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreenConfig(AppConfig):
    name = "mujun.screen"
    label = "screen"
    verbose_name = _("大屏")
    # last in the menu, in a tab of its own: it is put on a wall display, not worked in
    nav = ("screen:screen", _("大屏"), "/screen/", 90)
    nav_new_tab = True

    def nav_shown(self, user) -> bool:
        """Only for users the screen opens for: a department's user (no region of the towns'
        data), a user without a region or of a peer region get 404 there, so no entry."""
        from mujun.core.roles import Role

        if user is None or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        if user.role == Role.DEPARTMENT or user.region_id is None:
            return False
        return not user.region.is_peer
