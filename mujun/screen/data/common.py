"""What every view's figures share: the tiles of the region's children and the day."""

from mujun.regions.models import Region


def tiles(region) -> list[Region]:
    """The units the screen shows as tiles: the region's own children (a county's towns), or
    the region itself when it has none (a town's screen). One query."""
    children = list(
        Region.objects.filter(parent=region, is_peer=False).order_by("sort_order", "code")
    )
    return children or [region]


def tile_of(region, units: list[Region]):
    """A function mapping a region id of ``region``'s subtree to the tile it lies under (a
    village's rows count for its town). One query."""
    subtree = Region.objects.filter(path__startswith=region.path, is_peer=False).values_list(
        "pk", "path"
    )
    owner = {}
    for pk, path in subtree:
        owner[pk] = next((u.pk for u in units if path.startswith(u.path)), None)
    return owner.get
