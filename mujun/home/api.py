"""``GET /api/home``: the figures of the user's home page, one schema per role's panels, read
by the same functions as the page (pages.py)."""

from datetime import date

from django.utils import timezone
from ninja import Router, Schema

from mujun.core.api import AUTH

from . import schemas
from .pages import BUILDERS
from .rules import page_for

router = Router(tags=["home"], auth=AUTH)


class RegionRef(Schema):
    code: str
    name: str


class HomeOut(Schema):
    """The page of the user's role (``page``: officer 经办人, leader 领导 — a viewer's too,
    without what waits for sign-off —, department 部门, admin 管理员 — with the leader's
    panels of the admin's region) and its panels; the other roles' panels are null."""

    page: str
    region: RegionRef | None
    date: date
    officer: schemas.OfficerHomeOut | None = None
    leader: schemas.LeaderHomeOut | None = None
    department: schemas.DepartmentHomeOut | None = None
    admin: schemas.AdminHomeOut | None = None


@router.get("", response=HomeOut)
def home(request):
    """What the user's home page shows, in the user's scope: each figure with the filter of
    the list behind it where the page links one."""
    user = request.user
    page = page_for(getattr(user, "role", None), is_superuser=user.is_superuser)
    day = timezone.localdate()
    region = getattr(user, "region", None)
    return {
        "page": page,
        "region": region,
        "date": day,
        **schemas.panels(page, BUILDERS[page](user, day)),
    }
