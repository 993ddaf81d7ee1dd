"""Which screen a request opens: the region and the views, and who reads the figures."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from mujun.regions.models import Region

from . import rules


@dataclass
class Screen:
    # whose scope the figures are read through (``for_user``)
    viewer: object
    region: Region
    views: list[str]


def screen_for_user(user, code: str | None = None) -> Screen:
    """A signed-in user's screen: their own region, or the region ``code`` of their scope;
    404 for a region they may not see (as every object outside a scope answers), a peer
    region, or no region at all. A superuser without a region reads the top region."""
    regions = Region.objects.for_user(user).filter(is_peer=False)
    if code:
        region = regions.filter(code=code).first()
    elif getattr(user, "region_id", None):
        region = regions.filter(pk=user.region_id).first()
    else:
        region = regions.filter(parent__isnull=True).order_by("sort_order", "code").first()
    if region is None:
        raise Http404(_("没有这个地区，或不在您的管辖范围内。"))
    return Screen(user, region, list(rules.VIEWS))


def screen_for_link(link, code: str | None = None) -> Screen:
    """A screen link's screen: its region and views, read as a viewer of that region reads
    them; another region asked of it is a 404."""
    from .access import LinkViewer

    if code and code != link.region.code:
        raise Http404(_("没有这个地区，或不在您的管辖范围内。"))
    return Screen(LinkViewer(link), link.region, link.view_names())


def screen_for_request(request, code: str | None = None) -> Screen:
    """The screen of an API call: the screen link its ``X-Screen-Key`` opened, else the
    signed-in user's."""
    from .models import ScreenLink

    if isinstance(request.auth, ScreenLink):
        return screen_for_link(request.auth, code)
    return screen_for_user(request.user, code)
