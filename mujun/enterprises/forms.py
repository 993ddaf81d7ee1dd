from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import FilterForm, ScopedModelForm
from mujun.regions.models import Region

from .industries import DIVISION_CHOICES
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

    def clean_uscc(self):
        return normalise_uscc(self.cleaned_data["uscc"])


class LandParcelForm(ScopedModelForm):
    class Meta:
        model = LandParcel
        fields = ["certificate_no", "location", "area_mu", "land_use", "acquired_on"]
        widgets = {"acquired_on": forms.DateInput(attrs={"type": "date"})}


SIZE_CHOICES = [("", _("全部")), ("above", _("规上")), ("below", _("规下"))]
LABEL_CHOICES = [(f, Enterprise._meta.get_field(f).verbose_name) for f in Enterprise.LABEL_FIELDS]


class EnterpriseFilterForm(FilterForm):
    region = forms.ModelChoiceField(
        label=_("镇街"), queryset=Region.objects.towns(), empty_label=_("全部镇街")
    )
    industry = forms.ChoiceField(label=_("行业"), choices=[("", _("全部行业")), *DIVISION_CHOICES])
    size = forms.ChoiceField(label=_("规模"), choices=SIZE_CHOICES)
    labels = forms.MultipleChoiceField(
        label=_("标签"), choices=LABEL_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    field_order = ["q", "region", "industry", "size", "labels", "show_archived"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("企业名称或统一社会信用代码")
