from ninja import Router

from mujun.core.api import AUTH

router = Router(tags=["projects"], auth=AUTH)
