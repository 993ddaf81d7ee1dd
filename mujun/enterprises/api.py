from datetime import date, datetime

from ninja import Query, Router, Schema, Status

from mujun.core.actions import patched_form, save_form
from mujun.core.api import (
    AUTH,
    ErrorOut,
    Page,
    decimal_str,
    filter_list,
    get_scoped,
    invalid,
    paginate,
    patch_schema,
    scoped,
)
from mujun.core.filters import query_schema

from .filters import EnterpriseFilterSet
from .imports import EnterpriseImportForm
from .models import Enterprise
from .rules import normalise_uscc

router = Router(tags=["enterprises"], auth=AUTH)


class EnterpriseOut(Schema):
    id: int
    name: str
    uscc: str
    region: str
    region_name: str
    industry_code: str
    above_size: bool
    is_high_tech: bool
    is_specialized: bool
    is_little_giant: bool
    is_listed: bool
    legal_representative: str
    address: str
    established_on: date | None
    employees: int | None
    power_account: str
    notes: str
    land_area_mu: str
    is_archived: bool
    version: int
    updated_at: datetime

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name

    @staticmethod
    def resolve_land_area_mu(obj):
        return decimal_str(obj.land_area_mu)


class EnterpriseIn(Schema):
    name: str
    uscc: str
    region: str
    industry_code: str
    above_size: bool = False
    is_high_tech: bool = False
    is_specialized: bool = False
    is_little_giant: bool = False
    is_listed: bool = False
    legal_representative: str = ""
    address: str = ""
    established_on: date | None = None
    employees: int | None = None
    power_account: str = ""
    notes: str = ""


EnterprisePatch = patch_schema(EnterpriseIn, "EnterprisePatch")
EnterpriseQuery = query_schema(EnterpriseFilterSet, "EnterpriseQuery")


def _with_area(qs):
    return qs.select_related("region").with_land_area()


@router.get("", response=Page[EnterpriseOut])
def list_enterprises(request, filters: Query[EnterpriseQuery]):
    """Enterprises in the caller's scope, filtered as the list page filters them."""
    qs = filter_list(request, EnterpriseFilterSet, _with_area(scoped(request, Enterprise)), filters)
    return paginate(qs, filters.page, filters.page_size)


@router.get("/{int:enterprise_id}", response=EnterpriseOut)
def get_enterprise(request, enterprise_id: int):
    return get_scoped(
        request, Enterprise, enterprise_id, queryset=_with_area(scoped(request, Enterprise))
    )


def _save(request, form, *, expected_version):
    if not form.is_valid():
        raise invalid(form)
    obj = save_form(form, expected_version=expected_version, user=request.user)
    return _with_area(Enterprise.objects.all()).get(pk=obj.pk)


@router.post("", response={201: EnterpriseOut, 422: ErrorOut})
def create_enterprise(request, payload: EnterpriseIn):
    scoped(request, Enterprise)  # 403 for roles that cannot add
    data = payload.dict()
    data["uscc"] = normalise_uscc(data["uscc"])
    form = EnterpriseImportForm(data, user=request.user)
    return Status(201, _save(request, form, expected_version=None))


@router.patch("/{int:enterprise_id}", response={200: EnterpriseOut, 409: ErrorOut, 422: ErrorOut})
def update_enterprise(request, enterprise_id: int, payload: EnterprisePatch):
    """Change some fields. ``version`` is the one the caller read; a newer one answers 409."""
    obj = get_scoped(request, Enterprise, enterprise_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    if changes.get("uscc"):
        changes["uscc"] = normalise_uscc(changes["uscc"])
    form = patched_form(EnterpriseImportForm, obj, changes, user=request.user)
    return _save(request, form, expected_version=version)
