from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import DateInput, ScopedModelForm

from .models import Enterprise, LandParcel
from .rules import normalise_uscc

USCC_UNAVAILABLE = _("统一社会信用代码无效，或不在您的管辖范围内")


class EnterpriseForm(ScopedModelForm):
    class Meta:
        model = Enterprise
        fields = [
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
            "notes",
        ]
        widgets = {
            "established_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.towns()
        self.choose_by("region", "code")

    def clean_uscc(self):
        uscc = normalise_uscc(self.cleaned_data["uscc"])
        taken = Enterprise.objects.filter(uscc=uscc).exclude(pk=self.instance.pk)
        if taken.exists():
            mine = taken.for_user(self.user).first() if self.user is not None else None
            if mine is not None:
                raise forms.ValidationError(
                    _("已有该统一社会信用代码的企业：%(name)s") % {"name": mine.name}
                )
            # An enterprise of another town: answered as a code the user may not use, the way
            # a region outside the scope is "unknown", so its existence does not leak.
            raise forms.ValidationError(USCC_UNAVAILABLE)
        return uscc

    def clean_region(self):
        region = self.cleaned_data["region"]
        if self.instance.pk and region is not None and region.pk != self.instance.region_id:
            # A project's linked investor lies in the project's town (docs/projects.md): an
            # enterprise does not move out from under its projects.
            codes = [
                p.code
                for p in self.instance.projects.select_related("region")
                if not p.region.contains(region)
            ]
            if codes:
                raise forms.ValidationError(
                    _("该企业是 %(codes)s 等项目的投资企业，须与项目在同一镇街；请先调整这些项目")
                    % {"codes": "、".join(codes[:5])}
                )
        return region


class LandParcelForm(ScopedModelForm):
    class Meta:
        model = LandParcel
        fields = ["certificate_no", "location", "area_mu", "land_use", "acquired_on"]
        widgets = {"acquired_on": DateInput()}
