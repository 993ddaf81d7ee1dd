from ninja import Query, Router, Schema, Status
from pydantic import Field

from mujun.core.actions import patched_form
from mujun.core.api import (
    AUTH,
    ErrorOut,
    Page,
    filter_list,
    get_scoped,
    invalid,
    paginate,
    patch_schema,
    scoped,
)
from mujun.core.filters import query_schema

from .actions import save_official
from .filters import OfficialFilterSet
from .forms import OfficialForm
from .models import Official

router = Router(tags=["officials"], auth=AUTH)


class OfficialOut(Schema):
    id: int
    name: str
    title: str
    region: str
    region_name: str
    is_principal: bool
    phone: str
    user_id: int | None
    is_archived: bool
    version: int

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name


class OfficialIn(Schema):
    name: str
    title: str = ""
    region: str = Field(description="地区的区划代码")
    is_principal: bool = False
    phone: str = ""
    user: int | None = Field(None, alias="user_id", description="该干部的用户账号 id")


OfficialPatch = patch_schema(OfficialIn, "OfficialPatch")
OfficialQuery = query_schema(OfficialFilterSet, "OfficialQuery")


def _officials(request, action=None):
    return scoped(request, Official, action).select_related("region")


@router.get("", response=Page[OfficialOut])
def list_officials(request, filters: Query[OfficialQuery]):
    """The officials' register in scope, filtered as the list page filters it."""
    qs = filter_list(request, OfficialFilterSet, _officials(request), filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/{int:official_id}", response=OfficialOut)
def get_official(request, official_id: int):
    return get_scoped(request, Official, official_id, queryset=_officials(request))


@router.post("", response={201: OfficialOut, 422: ErrorOut})
def create_official(request, payload: OfficialIn):
    scoped(request, Official)
    form = OfficialForm(payload.dict(), user=request.user)
    if not form.is_valid():
        raise invalid(form, OfficialIn)
    official = save_official(form, expected_version=None, user=request.user)
    return Status(201, _officials(request, "view").get(pk=official.pk))


@router.patch("/{int:official_id}", response={200: OfficialOut, 409: ErrorOut, 422: ErrorOut})
def update_official(request, official_id: int, payload: OfficialPatch):
    official = get_scoped(request, Official, official_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    form = patched_form(OfficialForm, official, changes, user=request.user)
    if not form.is_valid():
        raise invalid(form, OfficialIn)
    save_official(form, expected_version=version, user=request.user)
    return _officials(request, "view").get(pk=official.pk)
