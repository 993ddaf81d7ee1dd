"""A county's towns' boundaries for the lobby screen's map (issue 19, item 6): one GeoJSON
FeatureCollection whose features are named by the towns' region codes
(``properties.code``), checked whole before it is stored, so the screen never draws a map
that names a region it does not know."""

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mujun.regions.models import Region

GEOMETRIES = {"Polygon", "MultiPolygon"}


def parse(text: str, region: Region) -> dict:
    """The FeatureCollection in ``text`` for ``region``'s towns, or a ``ValidationError``
    naming the first thing wrong: not JSON, not a FeatureCollection, a feature without a
    polygon or without a code, or a code that is not one of the region's towns."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("不是有效的 JSON：%(error)s") % {"error": exc}) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(_("不是 GeoJSON 要素集合（type 应为 FeatureCollection）。"))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise ValidationError(_("要素集合中没有任何镇街边界（features 为空）。"))
    towns = set(Region.objects.filter(parent=region, is_peer=False).values_list("code", flat=True))
    seen = set()
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ValidationError(_("第 %(n)s 个要素不是 Feature。") % {"n": number})
        geometry = feature.get("geometry") or {}
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRIES:
            raise ValidationError(
                _("第 %(n)s 个要素的边界不是面（Polygon 或 MultiPolygon）。") % {"n": number}
            )
        properties = feature.get("properties") or {}
        code = str(properties.get("code", "")) if isinstance(properties, dict) else ""
        if not code:
            raise ValidationError(
                _("第 %(n)s 个要素没有地区代码（properties.code）。") % {"n": number}
            )
        if code not in towns:
            raise ValidationError(
                _("第 %(n)s 个要素的地区代码 %(code)s 不是%(region)s下辖的镇街。")
                % {"n": number, "code": code, "region": region.name}
            )
        if code in seen:
            raise ValidationError(
                _("第 %(n)s 个要素的地区代码 %(code)s 重复。") % {"n": number, "code": code}
            )
        seen.add(code)
    return data


def grid(codes: list[str], columns: int = 5) -> dict:
    """Boundaries for towns without surveyed ones (the demo county, the tests): one cell per
    code, row by row over a rectangle, the inner corners pushed left or right in turn so the
    map reads as a map rather than as the tile grid it replaces. Neighbours share their edges
    (a corner moves the same for every cell that has it). Same codes, same map."""
    rows = (len(codes) + columns - 1) // columns or 1

    def corner(c: int, r: int) -> list[float]:
        inner = 0 < c < columns and 0 < r < rows
        dx = (0.3 if (c + r) % 2 else -0.3) if inner else 0.0
        # cells twice as wide as high: five to a row fill the screen's wide panel
        return [round(c + dx, 2), (rows - r) / 2]

    features = []
    for i, code in enumerate(codes):
        r, c = divmod(i, columns)
        ring = [corner(c, r + 1), corner(c + 1, r + 1), corner(c + 1, r), corner(c, r)]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def town_map(region: Region) -> dict | None:
    """The boundaries ``region``'s screen draws its towns on, or ``None`` (tiles): only the
    region's own upload, so a town's screen never reads its county's or another county's.
    ``region`` is the screen's, already checked against the viewer's scope."""
    from .models import TownMap

    return TownMap.objects.filter(region=region).values_list("geojson", flat=True).first()


def has_map(region: Region) -> bool:
    from .models import TownMap

    return TownMap.objects.filter(region=region).exists()
