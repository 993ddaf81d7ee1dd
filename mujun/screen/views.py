"""/screen/: the lobby screen page. Its figures come from /api/screen/{view}, fetched by the
page itself; the page carries the region, the views, the intervals and the words."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import boundaries, rules
from .access import link_for_key
from .screens import screen_for_link, screen_for_user


def words() -> dict:
    """The words the page's script writes around the figures."""
    return {
        "yoy": _("同比"),
        "target": _("目标完成"),
        "growth_line": _("累计同比（%）"),
        "trend_title": _("{name}累计值走势（{unit}）"),
        "trend_none": _("主要指标累计值走势"),
        "no_indicators": _("本地区还没有经济指标数据。"),
        "red": _("红"),
        "yellow": _("黄"),
        "investment": _("总投资"),
        "no_lagging": _("没有红色、黄色预警的项目。"),
        "funnel_title": _("{year}年招商漏斗"),
        "persons": _("人"),
        "items": _("件"),
        "coverage_sub": _("已走访{visited}家，共{listed}家"),
        "raised_sub": _("本年提出{raised}件"),
        "mix_title": _("{year}年度各镇街企业分类"),
        "no_evaluation": _("还没有已发布的亩均评价结果。"),
        "stale": _("连接中断，数据截至 {time}"),
        "stale_never": _("连接中断，正在重试"),
    }


def town_map(screen) -> bool:
    return "projects" in screen.views and boundaries.has_map(screen.region)


def page(request, screen, key: str | None = None):
    params = request.GET
    config = {
        "views": [[v, rules.VIEWS[v]] for v in screen.views],
        "rotate": rules.interval(params.get("rotate"), rules.DEFAULT_ROTATE_SECONDS),
        "refresh": rules.interval(params.get("refresh"), rules.DEFAULT_REFRESH_SECONDS),
        "retry": rules.RETRY_SECONDS,
        "api": "/api/screen/",
        # the projects view's towns as a map where the region uploaded their boundaries, as
        # tiles otherwise
        "map": "/api/screen/map" if town_map(screen) else None,
        "region": None if key else screen.region.code,
        "key": key,
        "words": words(),
    }
    return render(
        request,
        "screen/screen.html",
        {
            "region": screen.region,
            "views": config["views"],
            "config": config,
        },
    )


def screen(request):
    """With ``?key=`` a screen link's screen (a lobby display, nobody signed in: 404 for a
    key that opens no live link); else the signed-in user's region (``?region=`` a region of
    their scope). ``?rotate=`` and ``?refresh=`` set the intervals in seconds."""
    raw = request.GET.get("key")
    if raw:
        link = link_for_key(raw)
        if link is None:
            raise Http404(_("这个大屏链接不存在或已被吊销。"))
        response = page(request, screen_for_link(link), key=raw)
        # the key is in the address: no other site learns it from a Referer, no cache keeps it
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "no-store"
        return response
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return page(request, screen_for_user(request.user, request.GET.get("region")))
