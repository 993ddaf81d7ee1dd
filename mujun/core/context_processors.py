from functools import cache

from django.apps import apps
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

HOME = ("core:home", _("首页"), "", 0)


def _entries():
    """Each app that has pages says so in its AppConfig: ``nav = (url name, label, path
    prefix, order)``; the menu follows the order of the spec."""
    entries = [HOME]
    for config in apps.get_app_configs():
        nav = getattr(config, "nav", None)
        if nav:
            entries.append(nav)
    return sorted(entries, key=lambda e: e[3])


@cache
def _menu(script_prefix: str) -> tuple:
    """The menu's URLs, reversed once per process (and prefix): a dozen reverse() calls cost
    every page about a millisecond."""
    return tuple((reverse(url_name), label, prefix) for url_name, label, prefix, _ in _entries())


def navigation(request):
    path = request.path
    items = []
    for url, label, prefix in _menu(get_script_prefix()):
        active = path == url if not prefix else path.startswith(prefix)
        items.append({"url": url, "label": label, "active": active})
    user = getattr(request, "user", None)
    is_admin = bool(user and user.is_authenticated and (user.is_superuser or user.role == "admin"))
    return {"nav_items": items, "nav_admin": is_admin}
