"""Pages of the annual targets: list, edit, archive, history."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mujun.core.views import (
    ObjectArchiveView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)

from ..filters import TargetFilterSet
from ..forms import TargetForm
from ..models import Target
from ..tables import TargetTable


class TargetListView(ObjectListView):
    model = Target
    filterset_class = TargetFilterSet
    table_class = TargetTable
    title = _("年度目标")
    template_name = "indicators/target_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "indicator")


class TargetEditView(ObjectEditView):
    model = Target
    form_class = TargetForm
    success_url_name = "indicators:target_edit"

    def get_success_url(self, saved):
        return reverse("indicators:target_list")


class TargetArchiveView(ObjectArchiveView):
    model = Target
    success_url_name = "indicators:target_edit"


class TargetHistoryView(ObjectHistoryView):
    model = Target
