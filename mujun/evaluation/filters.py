"""The evaluation's list filters: the pages' forms, the API's query parameters and the
filtering of both (core/filters.py)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from mujun.core.filters import ListFilterSet, RegionFilter, RowChoiceFilter
from mujun.enterprises.filters import IndustryFilter

from .choices import CLASS_CHOICES, ObjectionStatus, ResultStatus
from .models import FIRST_YEAR, LAST_YEAR

SIZE_CHOICES = [("above", _("规上")), ("below", _("规下"))]


def _year(label):
    return df.NumberFilter(label=label, min_value=FIRST_YEAR, max_value=LAST_YEAR)


class SchemeFilterSet(ListFilterSet):
    year = _year(_("年度"))


class RunFilterSet(ListFilterSet):
    year = _year(_("数据年度"))


class EnterpriseYearFilterSet(ListFilterSet):
    region = RegionFilter(field_name="enterprise__region")
    year = _year(_("年度"))
    size = df.ChoiceFilter(
        label=_("规模"), field_name="size_class", choices=SIZE_CHOICES, empty_label=_("全部")
    )


class ResultFilterSet(ListFilterSet):
    """A run's results; ``groups`` are the run's evaluation groups (key, label)."""

    # results are never archived one by one: the run is the version
    archived = None
    region = RegionFilter(field_name="enterprise__region")
    klass = df.ChoiceFilter(label=_("类别"), choices=CLASS_CHOICES, empty_label=_("全部类别"))
    group = RowChoiceFilter(label=_("评价组"), rows=lambda request: [], empty_label=_("全部"))
    status = df.ChoiceFilter(
        label=_("参评状态"), choices=ResultStatus.choices, empty_label=_("全部")
    )
    industry = IndustryFilter(field_name="enterprise__industry_code")

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        # the run's own groups, from its summary: no query
        self.filters["group"].extra["choices"] = list(groups)


class ObjectionFilterSet(ListFilterSet):
    # the home page's objections waiting for an answer link here with status=open
    status = df.ChoiceFilter(
        label=_("处理状态"), choices=lambda: ObjectionStatus.choices, empty_label=_("全部状态")
    )
