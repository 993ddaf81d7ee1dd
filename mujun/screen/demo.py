"""The demo county's towns' boundaries, so its lobby screen shows the towns as a map: a
fictional county has no surveyed boundaries, so they are cells over a rectangle, one per
town in the towns' order (``boundaries.grid``), the same for every seed."""

from . import boundaries
from .models import TownMap


def build(ctx):
    codes = [town.code for town in ctx.towns]
    TownMap.objects.create(region=ctx.county, geojson=boundaries.grid(codes))
    ctx.log(f"大屏：{ctx.county.name} {len(codes)} 个镇街的边界")
