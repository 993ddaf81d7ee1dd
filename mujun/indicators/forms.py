from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import ModelForm, ScopedFormMixin, ScopedModelForm
from mujun.regions.models import Region

from . import rules
from .choices import Unit
from .filters import MONTH_CHOICES
from .models import FIRST_YEAR, LAST_YEAR, Indicator, IndicatorValue, Target

# every unit a figure may be typed in, family by family (元/万元/亿元, 美元/万美元/亿美元 …)
UNIT_CHOICES = [(u, u) for base in Unit.values for u in rules.input_units(base)]


class AmountFormMixin:
    """An amount typed in the unit the source uses (元 / 万元 / 亿元 / 万美元 …), stored in the
    indicator's unit. A unit of another family is an error on the 单位 field, never a guess."""

    amount_target = "value"

    def _add_amount_fields(self, label):
        self.fields["amount"] = forms.DecimalField(
            label=label, max_digits=24, decimal_places=8, help_text=_("按“单位”所选单位填写")
        )
        self.fields["unit"] = forms.ChoiceField(label=_("单位"), choices=UNIT_CHOICES)
        if self.instance.pk and not self.is_bound:
            self.initial["amount"] = getattr(self.instance, self.amount_target)
            self.initial["unit"] = self.instance.indicator.unit
        elif not self.is_bound:
            # most figures are reported in 万元; a town officer enters for their own town
            self.initial.setdefault("unit", Unit.WAN_YUAN)
            region = getattr(self.user, "region", None)
            if region is not None and "region" in self.fields:
                self.initial.setdefault("region", region.code)

    def _clean_amount(self, cleaned):
        indicator, amount, unit = (
            cleaned.get("indicator"),
            cleaned.get("amount"),
            cleaned.get("unit"),
        )
        if indicator is None or amount is None or not unit:
            return cleaned
        try:
            cleaned["base_value"] = rules.to_base(amount, unit, indicator.unit)
        except ValueError as exc:
            self.add_error("unit", str(exc))
        return cleaned


class IndicatorValueForm(AmountFormMixin, ScopedModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["region", "indicator", "year", "month", "yoy_pct", "note"]
        widgets = {"month": forms.Select(choices=MONTH_CHOICES)}

    field_order = ["region", "indicator", "year", "month", "amount", "unit", "yoy_pct", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choose_by("region", "code")
        self.choose_by("indicator", "key")
        self._add_amount_fields(_("累计值"))
        self.order_fields(self.field_order)
        if not self.instance.pk and not self.is_bound:
            year, month = default_period()
            self.initial.setdefault("year", year)
            self.initial.setdefault("month", month)

    def clean(self):
        return self._clean_amount(super().clean())

    def save(self, commit=True):
        self.instance.value = self.cleaned_data["base_value"]
        self.instance.entered_unit = self.cleaned_data["unit"]
        return super().save(commit)


class TargetForm(AmountFormMixin, ScopedModelForm):
    class Meta:
        model = Target
        fields = ["region", "indicator", "year", "growth_pct", "note"]

    field_order = ["region", "indicator", "year", "amount", "unit", "growth_pct", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choose_by("region", "code")
        self.choose_by("indicator", "key")
        self._add_amount_fields(_("年度目标"))
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = self._clean_amount(super().clean())
        if cleaned.get("base_value") is not None and cleaned["base_value"] < 0:
            self.add_error("amount", _("年度目标不能为负数"))
        return cleaned

    def save(self, commit=True):
        self.instance.value = self.cleaned_data["base_value"]
        return super().save(commit)


class IndicatorForm(ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "key",
            "name",
            "unit",
            "price_basis",
            "additive",
            "is_cumulative",
            "part_of",
            "sort_order",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["part_of"].queryset = Indicator.objects.exclude(pk=self.instance.pk)


YEAR_FIELD = {"min_value": FIRST_YEAR, "max_value": LAST_YEAR}


class PeriodForm(ScopedFormMixin, forms.Form):
    """A region and a month: what the indicator page and the briefing are for."""

    region = forms.ModelChoiceField(label=_("地区"), queryset=Region.objects.filter(is_peer=False))
    year = forms.IntegerField(label=_("年份"), **YEAR_FIELD)
    month = forms.TypedChoiceField(label=_("截至月份"), choices=MONTH_CHOICES, coerce=int)


class BriefingForm(PeriodForm):
    indicators = forms.ModelMultipleChoiceField(
        label=_("指标"),
        queryset=Indicator.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选则按目录顺序写入全部有数据的指标"),
    )


def default_period(today=None) -> tuple[int, int]:
    """The last complete month: figures for May are reported in June."""
    today = today or timezone.localdate()
    last = today.replace(day=1) - timedelta(days=1)
    return last.year, last.month
