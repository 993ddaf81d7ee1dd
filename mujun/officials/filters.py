"""The officials' list filters: the page's form, the API's query parameters and the filtering
of both (core/filters.py)."""

from django.utils.translation import gettext_lazy as _

from mujun.core.filters import FlagFilter, ListFilterSet, RegionFilter


class OfficialFilterSet(ListFilterSet):
    region = RegionFilter(label=_("地区"), empty_label=_("全部地区"))
    principal = FlagFilter(label=_("只看主要领导"), method="filter_principal")

    def filter_principal(self, queryset, name, value):
        return queryset.filter(is_principal=True) if value else queryset
