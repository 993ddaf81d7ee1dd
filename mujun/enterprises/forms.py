from django import forms

from mujun.core.forms import ScopedModelForm

from .models import Enterprise, LandParcel
from .rules import normalise_uscc


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
            "established_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.towns()
        self.choose_by("region", "code")

    def clean_uscc(self):
        return normalise_uscc(self.cleaned_data["uscc"])


class LandParcelForm(ScopedModelForm):
    class Meta:
        model = LandParcel
        fields = ["certificate_no", "location", "area_mu", "land_use", "acquired_on"]
        widgets = {"acquired_on": forms.DateInput(attrs={"type": "date"})}
