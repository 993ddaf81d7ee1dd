from datetime import date, datetime

from django.db import transaction
from ninja import Query, Router, Schema, Status

from mujun.core.actions import VersionConflict, save_versioned
from mujun.core.api import AUTH, ApiError, Page, decimal_str, get_scoped, invalid, paginate, scoped
from mujun.regions.models import Region

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


class EnterprisePatch(Schema):
    version: int
    name: str | None = None
    uscc: str | None = None
    region: str | None = None
    industry_code: str | None = None
    above_size: bool | None = None
    is_high_tech: bool | None = None
    is_specialized: bool | None = None
    is_little_giant: bool | None = None
    is_listed: bool | None = None
    legal_representative: str | None = None
    address: str | None = None
    established_on: date | None = None
    employees: int | None = None
    power_account: str | None = None
    notes: str | None = None


class EnterpriseFilters(Schema):
    q: str = ""
    region: str | None = None
    industry: str = ""
    size: str = ""
    label: list[str] = []
    archived: bool = False
    page: int = 1
    page_size: int = 50


class ErrorOut(Schema):
    detail: str | dict


def _with_area(qs):
    return qs.select_related("region").with_land_area()


@router.get("", response=Page[EnterpriseOut])
def list_enterprises(request, filters: Query[EnterpriseFilters]):
    """Enterprises in the caller's scope, filtered like the list page."""
    qs = scoped(request, Enterprise)
    region = None
    if filters.region:
        region = Region.objects.for_user(request.user).filter(code=filters.region).first()
        if region is None:
            qs = qs.none()
    labels = [f for f in filters.label if f in Enterprise.LABEL_FIELDS]
    qs = _with_area(qs).filtered(
        q=filters.q,
        region=region,
        industry=filters.industry,
        size=filters.size,
        labels=labels,
        show_archived=filters.archived,
    )
    return paginate(qs, filters.page, filters.page_size)


@router.get("/{int:enterprise_id}", response=EnterpriseOut)
def get_enterprise(request, enterprise_id: int):
    return get_scoped(
        request, Enterprise, enterprise_id, queryset=_with_area(scoped(request, Enterprise))
    )


def _form_data(values: dict) -> dict:
    return {k: ("" if v is None else v) for k, v in values.items()}


def _save(request, form, *, expected_version):
    if not form.is_valid():
        raise invalid(form)
    try:
        obj = save_versioned(
            form.save(commit=False), expected_version=expected_version, user=request.user
        )
    except VersionConflict as conflict:
        raise ApiError(409, str(conflict)) from None
    return _with_area(Enterprise.objects.all()).get(pk=obj.pk)


@router.post("", response={201: EnterpriseOut, 422: ErrorOut})
def create_enterprise(request, payload: EnterpriseIn):
    scoped(request, Enterprise)  # 403 for roles that cannot add
    data = _form_data(payload.dict())
    data["uscc"] = normalise_uscc(data["uscc"])
    form = EnterpriseImportForm(data, user=request.user)
    with transaction.atomic():
        return Status(201, _save(request, form, expected_version=None))


@router.patch("/{int:enterprise_id}", response={200: EnterpriseOut, 409: ErrorOut, 422: ErrorOut})
def update_enterprise(request, enterprise_id: int, payload: EnterprisePatch):
    """Change some fields. ``version`` is the one the caller read; a newer one answers 409."""
    obj = get_scoped(request, Enterprise, enterprise_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    # The form validates a whole record: start from what is stored, lay the changes over it.
    current = EnterpriseImportForm(instance=obj, user=request.user)
    data = {name: current.initial.get(name) for name in EnterpriseIn.model_fields}
    data["region"] = obj.region.code
    data.update(changes)
    if "uscc" in changes and changes["uscc"]:
        data["uscc"] = normalise_uscc(changes["uscc"])
    form = EnterpriseImportForm(_form_data(data), instance=obj, user=request.user)
    return _save(request, form, expected_version=version)
