"""GET /api/screen/{view}: one view's figures for the lobby screen, a small JSON document the
page fetches every minute (issue 19, item 7)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from mujun.core.api import AUTH, ErrorOut

from . import boundaries, rules
from .access import link_for_key
from .data import COMPUTE
from .screens import screen_for_request


class ScreenKeyAuth(APIKeyHeader):
    """A screen link's key in ``X-Screen-Key``: it opens these figures and nothing else (the
    other routers know no such key). A key that opens no live link — unknown, revoked —
    answers 404, as the screen page does."""

    param_name = "X-Screen-Key"

    def authenticate(self, request, key):
        if not key:
            return None
        link = link_for_key(key)
        if link is None:
            raise HttpError(404, _("这个大屏链接不存在或已被吊销。"))
        return link


router = Router(tags=["screen"], auth=[ScreenKeyAuth(), *AUTH])


class RegionOut(Schema):
    code: str
    name: str


class ScreenOut(Schema):
    """One view of the screen: its figures (``figures``, as docs/screen.md lists them per view:
    texts already in the screen's number style, numbers for the charts), the region and the
    date the data stand at (``as_of``, ISO: a day, a month or a year; null when the view has no
    data yet) and as the header writes it (``as_of_text``)."""

    view: str
    title: str
    region: RegionOut
    as_of: str | None
    as_of_text: str
    generated_at: str
    figures: dict[str, Any]


@router.get(
    "/map",
    response={200: dict[str, Any], 403: ErrorOut, 404: ErrorOut},
    summary="大屏镇街地图的边界",
)
def screen_map(request, region: str | None = None):
    """The towns' boundaries the screen draws its region's towns on: a GeoJSON
    FeatureCollection whose features carry the towns' region codes (``properties.code``);
    404 when the region has none uploaded (the screen shows tiles). Same key, session and
    scope as the views."""
    screen = screen_for_request(request, region)
    data = boundaries.town_map(screen.region)
    if data is None:
        raise HttpError(404, _("本地区还没有上传镇街边界。"))
    return data


# after /map, which this pattern would otherwise take
@router.get(
    "/{view}",
    response={200: ScreenOut, 403: ErrorOut, 404: ErrorOut},
    summary="大屏一个页面的数据",
)
def screen_view(request, view: str, region: str | None = None):
    """With a screen link's key (``X-Screen-Key``), the link's region and views; otherwise
    ``view`` is one of economy（经济指标）, projects（项目建设）, attraction（招商与企业服务）,
    evaluation（亩均评价）; ``region`` a region code of the caller's scope (their own region by
    default).
    """
    if view not in rules.VIEWS:
        raise HttpError(404, _("没有这个大屏页面。"))
    screen = screen_for_request(request, region)
    if view not in screen.views:
        raise HttpError(404, _("没有这个大屏页面。"))
    today = timezone.localdate()
    figures = COMPUTE[view](screen.viewer, screen.region, today)
    return {
        "view": view,
        "title": rules.VIEWS[view],
        "region": {"code": screen.region.code, "name": screen.region.name},
        "as_of": figures.get("as_of"),
        "as_of_text": rules.as_of_text(figures.get("as_of")),
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "figures": figures,
    }
