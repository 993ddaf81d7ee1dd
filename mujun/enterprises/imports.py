"""Importing enterprises from Excel: one row per enterprise, matched by USCC."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import YesNoField
from mujun.core.imports import Column, Importer
from mujun.core.money import AREA_DECIMAL_PLACES, AREA_MAX_DIGITS
from mujun.core.roles import CHANGE

from .forms import EnterpriseForm
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


class EnterpriseImporter(Importer):
    key_field = "uscc"
    form_class = EnterpriseImportForm
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

    def find_existing(self, key):
        # only an enterprise the user may change is updated; another town's code is then a
        # new row, which the form refuses as a code the user may not use (USCC_UNAVAILABLE)
        return Enterprise.objects.for_user(self.user, CHANGE).filter(uscc=key).first()

    def save_form(self, form):
        enterprise = form.save()
        area = form.cleaned_data.get("land_area_mu")
        if area is None:
            return True
        certificate = form.cleaned_data.get("certificate_no") or ""
        parcel = LandParcel.objects.filter(
            enterprise=enterprise, certificate_no=certificate, is_archived=False
        ).first()
        if parcel is None:
            parcel = LandParcel(enterprise=enterprise, certificate_no=certificate, area_mu=area)
        elif parcel.area_mu == area:
            return True
        else:
            parcel.area_mu = area
            parcel.version += 1
        parcel._history_user = self.user
        parcel.save()
        return True
