"""The enterprise list's filters: the page's form, the API's query parameters and the
filtering of both (core/filters.py)."""

import django_filters as df
from django import forms
from django.utils.translation import gettext_lazy as _

from mujun.core.filters import ListFilterSet, RegionFilter

from .industries import DIVISION_CHOICES
from .models import Enterprise


class IndustryFilter(df.ChoiceFilter):
    """A GB/T 4754 division (两位大类): the rows whose full industry code starts with it."""

    def __init__(self, *args, field_name="industry_code", **kwargs):
        kwargs.update(lookup_expr="startswith", choices=lambda: DIVISION_CHOICES)
        kwargs.setdefault("label", _("行业"))
        kwargs.setdefault("empty_label", _("全部行业"))
        super().__init__(*args, field_name=field_name, **kwargs)


SIZE_CHOICES = [("above", _("规上")), ("below", _("规下"))]
LABEL_CHOICES = [(f, Enterprise._meta.get_field(f).verbose_name) for f in Enterprise.LABEL_FIELDS]


class EnterpriseFilterSet(ListFilterSet):
    region = RegionFilter()
    industry = IndustryFilter()
    size = df.ChoiceFilter(
        label=_("规模"), choices=SIZE_CHOICES, empty_label=_("全部"), method="filter_size"
    )
    label = df.MultipleChoiceFilter(
        label=_("标签"),
        choices=LABEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        method="filter_labels",
    )

    def filter_size(self, queryset, name, value):
        return queryset.filter(above_size=(value == "above"))

    def filter_labels(self, queryset, name, value):
        # every ticked label: an enterprise both 高新 and 专精特新 when both are ticked
        return queryset.filter(**{label: True for label in value})
