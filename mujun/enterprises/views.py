from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mujun.core.roles import ADD, CHANGE, DELETE, role_allows
from mujun.core.views import (
    ObjectArchiveView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectImportView,
    ObjectListView,
    ScopedView,
)

from .filters import EnterpriseFilterSet
from .forms import EnterpriseForm, LandParcelForm
from .imports import EnterpriseImporter
from .models import Enterprise, LandParcel
from .tables import EnterpriseTable


class EnterpriseListView(ObjectListView):
    model = Enterprise
    filterset_class = EnterpriseFilterSet
    table_class = EnterpriseTable
    title = _("企业库")
    template_name = "enterprises/enterprise_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region").with_land_area()


class EnterpriseDetailView(ScopedView):
    model = Enterprise

    def get(self, request, pk):
        enterprise = self.get_object()
        user = request.user
        parcels = LandParcel.objects.for_user(user).filter(enterprise=enterprise, is_archived=False)
        total = sum((p.area_mu for p in parcels), start=0)
        from mujun.service.views.liaisons import liaisons_of
        from mujun.service.views.problems import decorate

        problems = enterprise.problems.for_user(user).filter(is_archived=False)
        visits = enterprise.visits.for_user(user).filter(is_archived=False)
        return render(
            request,
            "enterprises/enterprise_detail.html",
            {
                "object": enterprise,
                "parcels": parcels,
                "land_total": total,
                "contacts": enterprise.contacts.filter(is_archived=False),
                # enterprise service (SPEC §2): who serves it, its visits and its problems
                "liaisons": liaisons_of(user, enterprise),
                "visits": visits.prefetch_related("officials")[:20],
                "problems": decorate(list(problems.select_related("department")[:50])),
                "can_change": role_allows(user, CHANGE),
                "can_delete": role_allows(user, DELETE),
                "can_add": role_allows(user, ADD),
            },
        )


class EnterpriseEditView(ObjectEditView):
    model = Enterprise
    form_class = EnterpriseForm
    success_url_name = "enterprises:enterprise"


class EnterpriseArchiveView(ObjectArchiveView):
    model = Enterprise
    success_url_name = "enterprises:enterprise"


class EnterpriseHistoryView(ObjectHistoryView):
    model = Enterprise


class EnterpriseImportView(ObjectImportView):
    model = Enterprise
    importer_class = EnterpriseImporter
    title = _("企业导入")


class LandParcelEditView(ObjectEditView):
    model = LandParcel
    form_class = LandParcelForm

    def get_instance(self):
        obj = super().get_instance()
        if obj is None:
            # A new parcel starts from the enterprise page it was asked for.
            self.enterprise = get_object_or_404(
                Enterprise.objects.for_user(self.request.user, ADD), pk=self.kwargs["enterprise"]
            )
        else:
            self.enterprise = obj.enterprise
        return obj

    def prepare(self, obj):
        obj.enterprise = self.enterprise

    def get_success_url(self, saved):
        return reverse("enterprises:enterprise", args=[saved.enterprise_id])


class EnterpriseOptionsView(ScopedView):
    """``<option>``s of the enterprises matching ``q`` (name or code) in the user's scope, for a
    form's search box (core.forms.SearchSelect): twenty at the most, the best known first."""

    model = Enterprise
    limit = 20

    def get(self, request):
        q = request.GET.get(next((k for k in request.GET if k.endswith("__search")), "q"), "")
        found = (
            self.get_queryset().filter(is_archived=False).search(q).order_by("name")[: self.limit]
            if q.strip()
            else []
        )
        return render(request, "enterprises/options.html", {"enterprises": found, "q": q})
