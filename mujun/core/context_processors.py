from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

HOME = ("home:home", _("首页"), "", 0)


def _entries(user, department: bool = False):
    """Each app that has pages says so in its AppConfig: ``nav = (url name, label, path
    prefix, order)``; the menu follows the order of the spec. A department user, who reaches
    nothing of the towns' own data, sees only the apps marked ``department_nav``. An app may
    also say who its entry is for (``nav_shown(user)``) and open it in a new tab
    (``nav_new_tab``). Entries: (nav, new tab)."""
    entries = [(HOME, False)]
    for config in apps.get_app_configs():
        nav = getattr(config, "nav", None)
        if not nav or (department and not getattr(config, "department_nav", False)):
            continue
        shown = getattr(config, "nav_shown", None)
        if shown is None or shown(user):
            entries.append((nav, getattr(config, "nav_new_tab", False)))
    return sorted(entries, key=lambda e: e[0][3])


def navigation(request):
    path = request.path
    items = []
    user = getattr(request, "user", None)
    department = bool(
        user and user.is_authenticated and user.role == "department" and not user.is_superuser
    )
    for (url_name, label, prefix, _order), new_tab in _entries(user, department):
        url = reverse(url_name)
        active = path == url if not prefix else path.startswith(prefix)
        items.append({"url": url, "label": label, "active": active, "new_tab": new_tab})
    is_admin = bool(user and user.is_authenticated and (user.is_superuser or user.role == "admin"))
    return {"nav_items": items, "nav_admin": is_admin}
