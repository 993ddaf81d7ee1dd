"""Importing enterprises from Excel: one row per enterprise, matched by USCC."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.bulk_imports import (
    SetImporter,
    changed_fields,
    chunks,
    looked_up,
    pks_among,
    rows_by_key,
    where_in,
    written,
)
from mujun.core.forms import YesNoField
from mujun.core.imports import Column
from mujun.core.money import AREA_DECIMAL_PLACES, AREA_MAX_DIGITS
from mujun.core.roles import ADD, CHANGE
from mujun.projects.models import Project
from mujun.regions.models import Region

from .forms import USCC_UNAVAILABLE, EnterpriseForm
from .models import Enterprise, LandParcel
from .rules import normalise_uscc


class RegionField(forms.ModelChoiceField):
    """A town given by its 9-digit code or by its name, as people type it in Excel."""

    default_error_messages = {"invalid_choice": _("未知的镇街“%(value)s”（或不在您的管辖范围内）")}

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        match = self.queryset.filter(code=text).first() or self.queryset.filter(name=text).first()
        if match is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
            )
        return match

    def has_changed(self, initial, data):
        try:
            value = self.to_python(data)
        except forms.ValidationError:
            return True
        if value is None:
            return initial not in (None, "")
        # the stored region is given by its code (EnterpriseForm.choose_by) or its id
        return str(initial) not in (str(value.pk), value.code)


class EnterpriseImportForm(EnterpriseForm):
    above_size = YesNoField(label=_("规模以上"), required=False)
    is_high_tech = YesNoField(label=_("高新技术企业"), required=False)
    is_specialized = YesNoField(label=_("专精特新"), required=False)
    is_little_giant = YesNoField(label=_("“小巨人”"), required=False)
    is_listed = YesNoField(label=_("上市企业"), required=False)
    certificate_no = forms.CharField(label=_("不动产权证号"), required=False, max_length=60)
    land_area_mu = forms.DecimalField(
        label=_("用地面积（亩）"),
        required=False,
        min_value=0,
        max_digits=AREA_MAX_DIGITS,
        decimal_places=AREA_DECIMAL_PLACES,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        towns = self.fields["region"].queryset
        self.fields["region"] = RegionField(label=_("所在镇街"), queryset=towns)
        self.fields["land_area_mu"].error_messages["min_value"] = _("面积不能为负数")
        if self.instance.pk:
            parcel = self._parcel()
            if parcel is not None:
                self.initial["certificate_no"] = parcel.certificate_no
                self.initial["land_area_mu"] = parcel.area_mu

    def _parcel(self):
        certificate = (self.data.get("certificate_no") or "").strip()
        return (
            LandParcel.objects.filter(
                enterprise=self.instance, certificate_no=certificate, is_archived=False
            ).first()
            if self.instance.pk
            else None
        )


class EnterpriseImporter(SetImporter):
    """Enterprises matched by USCC, checked and written as sets (core/bulk_imports.py): the
    towns, the stored enterprises and land parcels of the file's codes and the projects of
    those enterprises are read once per import."""

    model = Enterprise
    key_field = "uscc"
    matched_by = _("统一社会信用代码")
    form_class = EnterpriseImportForm
    model_fields = (
        "name",
        "uscc",
        "region",
        "industry_code",
        "above_size",
        "is_high_tech",
        "is_specialized",
        "is_little_giant",
        "is_listed",
        "legal_representative",
        "address",
        "established_on",
        "employees",
        "power_account",
    )
    columns = [
        Column("name", "企业名称", required=True),
        Column("uscc", "统一社会信用代码", required=True, help="18 位，含校验码"),
        Column("region", "所在镇街", required=True, help="镇街名称或 9 位区划代码"),
        Column("industry_code", "行业代码", required=True, help="GB/T 4754 行业代码，如 3411"),
        Column("above_size", "规模以上", help="是/否"),
        Column("is_high_tech", "高新技术企业", help="是/否"),
        Column("is_specialized", "专精特新", help="是/否"),
        Column("is_little_giant", "“小巨人”", help="是/否"),
        Column("is_listed", "上市企业", help="是/否"),
        Column("legal_representative", "法定代表人"),
        Column("address", "地址"),
        Column("established_on", "成立日期", help="如 2015-03-01"),
        Column("employees", "从业人数"),
        Column("power_account", "用电户号"),
        Column("certificate_no", "不动产权证号", help="与用地面积一起写入该企业的地块"),
        Column("land_area_mu", "用地面积（亩）", help="单位：亩，不能为负数"),
    ]

    def normalise_key(self, value):
        return normalise_uscc(value)

    def prepare(self, present):
        user = self.user
        towns = Region.objects.towns()
        self.towns_to_add = set(towns.for_user(user, ADD).values_list("pk", flat=True))
        self.towns_to_change = set(towns.for_user(user, CHANGE).values_list("pk", flat=True))
        self.towns = {}
        # a town is named by its code or its name, the code first (as RegionField reads it)
        for town in towns.filter(pk__in=self.towns_to_add | self.towns_to_change):
            self.towns.setdefault(town.name, town)
        for town in self.towns.copy().values():
            self.towns[town.code] = town
        self.present = present

    def load_stored(self, keys):
        user = self.user
        present = self.present
        stored_fields = [f"{f}_id" if f == "region" else f for f in self.model_fields]
        self.stored = rows_by_key(
            Enterprise._base_manager.all(), "uscc", keys, ["pk", "version", *stored_fields]
        )
        pks = [row["pk"] for row in self.stored.values()]
        self.changeable = pks_among(Enterprise.objects.for_user(user, CHANGE), pks)
        self.viewable = pks_among(Enterprise.objects.for_user(user), pks)
        # the projects of the file's enterprises: a region change must keep them together
        self.project_regions = {}
        projects = Project._base_manager.values("enterprise_id", "code", "region__path")
        for row in where_in(projects, "enterprise_id", pks):
            self.project_regions.setdefault(row["enterprise_id"], []).append(
                (row["code"], row["region__path"])
            )
        self.parcels = {}
        if "land_area_mu" in present:
            parcels = LandParcel._base_manager.filter(is_archived=False).order_by("pk")
            fields = ("pk", "enterprise_id", "certificate_no", "area_mu")
            for row in where_in(parcels.values(*fields), "enterprise_id", pks):
                key = (row["enterprise_id"], row["certificate_no"])
                self.parcels.setdefault(key, (row["pk"], row["area_mu"]))

    def cleaners(self, present):
        found = super().cleaners(present)
        found["region"] = looked_up(self.towns, RegionField)
        return found

    def check_row(self, row, present):
        values = row.values
        stored = self.stored.get(row.key)
        if stored is not None and stored["pk"] not in self.changeable:
            # another town's enterprise: a code the user may not use, its existence unsaid
            if stored["pk"] in self.viewable:
                reason = _("已有该统一社会信用代码的企业：%(name)s") % {"name": stored["name"]}
            else:
                reason = str(USCC_UNAVAILABLE)
            return [("uscc", reason)]
        town = values.get("region")
        if town is not None:
            allowed = self.towns_to_add if stored is None else self.towns_to_change
            if town.pk not in allowed:
                return [("region", _unknown_town(town.name))]
            if stored is not None and town.pk != stored["region_id"]:
                # a project's linked investor lies in the project's town (docs/projects.md)
                codes = [
                    code
                    for code, path in self.project_regions.get(stored["pk"], [])
                    if not town.path.startswith(path)
                ]
                if codes:
                    return [("region", _MOVES_PROJECTS % {"codes": "、".join(codes[:5])})]
        return []

    def write(self, rows, present, result, report):
        fields = [f for f in self.model_fields if f in present]
        created_rows, changes, parcel_rows = [], {}, []
        for row in rows:
            stored = self.stored.get(row.key)
            if stored is None:
                created_rows.append(row)
                continue
            changed = changed_fields(row.values, stored, fields)
            if changed:
                changes[stored["pk"]] = changed
            parcel_changed = self._parcel_changes(stored["pk"], row.values, parcel_rows)
            if changed or parcel_changed:
                result.updated += 1
            else:
                result.unchanged += 1
        written(self.update_in_bulk(Enterprise, changes))
        report(checked=len(rows), written=result.updated, problems=[])
        plain = [f for f in fields if f != "region"]
        for part in chunks(created_rows):
            new = [self._new_row(row.values, plain) for row in part]
            ids = self.create_in_bulk(Enterprise, new)
            for row, pk in zip(part, ids, strict=True):
                self._parcel_changes(pk, row.values, parcel_rows)
            result.created += len(part)
        self._write_parcels(parcel_rows)

    @staticmethod
    def _new_row(values: dict, plain: list[str]) -> dict:
        """A new enterprise's columns as the bulk writer takes them: its town by id."""
        row = {f: values[f] for f in plain}
        if "region" in values:
            row["region_id"] = values["region"].pk
        return row

    def _parcel_changes(self, enterprise: int, values: dict, parcel_rows: list) -> bool:
        """Whether the row's land area changes a parcel; the change goes into
        ``parcel_rows`` as (stored parcel id or None, enterprise id, certificate, area)."""
        area = values.get("land_area_mu")
        if area is None:
            return False
        certificate = values.get("certificate_no") or ""
        pk, stored_area = self.parcels.get((enterprise, certificate), (None, None))
        if pk is not None and stored_area == area:
            return False
        parcel_rows.append((pk, enterprise, certificate, area))
        return True

    def _write_parcels(self, parcel_rows):
        changes = {pk: {"area_mu": area} for pk, _e, _c, area in parcel_rows if pk}
        written(self.update_in_bulk(LandParcel, changes))
        new = [
            {"enterprise_id": enterprise, "certificate_no": certificate, "area_mu": area}
            for pk, enterprise, certificate, area in parcel_rows
            if pk is None
        ]
        for part in chunks(new):
            self.create_in_bulk(LandParcel, part)


_MOVES_PROJECTS = _("该企业是 %(codes)s 等项目的投资企业，须与项目在同一镇街；请先调整这些项目")


def _unknown_town(text: str) -> str:
    return str(RegionField.default_error_messages["invalid_choice"]) % {"value": text}
