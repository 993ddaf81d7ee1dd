"""What every view's figures share: the tiles of the region's children and the day."""

from mujun.regions.models import Region


def tiles(region) -> list[Region]:
    """The units the screen shows as tiles: the region's own children (a county's towns), or
    the region itself when it has none (a town's screen). One query."""
    children = list(
        Region.objects.filter(parent=region, is_peer=False).order_by("sort_order", "code")
    )
    return children or [region]
