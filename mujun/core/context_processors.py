from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The areas of the platform in the order of the spec; each app adds its entry when it lands.
NAV = [
    ("core:home", _("首页"), ""),
    ("enterprises:enterprise_list", _("企业库"), "/enterprises/"),
]


def navigation(request):
    path = request.path
    items = []
    for url_name, label, prefix in NAV:
        url = reverse(url_name)
        active = path == url if not prefix else path.startswith(prefix)
        items.append({"url": url, "label": label, "active": active})
    user = getattr(request, "user", None)
    is_admin = bool(user and user.is_authenticated and (user.is_superuser or user.role == "admin"))
    return {"nav_items": items, "nav_admin": is_admin}
