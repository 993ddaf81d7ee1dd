"""对标比较: the user's own region against the peer regions on one indicator and period."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from mujun.core.roles import VIEW, role_allows
from mujun.indicators.models import IndicatorValue
from mujun.regions.models import Region

from .. import compare
from ..forms import CompareForm


def home_region(user):
    """The region the page compares: the user's own, or the top of a superuser's tree."""
    if getattr(user, "region_id", None):
        return user.region
    return Region.objects.for_user(user).filter(is_peer=False).order_by("path").first()


class CompareView(LoginRequiredMixin, View):
    """Every figure is read through ``for_user``: the own region is one the user may see, and
    peer figures are visible to every role that may view."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not role_allows(request.user, VIEW):
            raise PermissionDenied(_("您的角色无权执行此操作。"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        user = request.user
        form = CompareForm(request.GET or None, user=user)
        context = {"form": form, "peer_count": Region.objects.filter(is_peer=True).count()}
        if request.GET:
            if not form.is_valid():
                # a region outside the user's tree is not among the choices: nothing is read
                return render(request, "reader/compare.html", context, status=400)
            data = form.cleaned_data
            region, indicator = data["region"], data["indicator"]
            year, month = data["year"], data["month"]
        else:
            region = home_region(user)
            choice = compare.default_choice(user=user, region=region) if region else None
            if choice is None:
                return render(request, "reader/compare.html", context)
            indicator, year, month = choice
            form = CompareForm(
                initial={"region": region, "indicator": indicator, "year": year, "month": month},
                user=user,
            )
        rows = compare.compare(
            user=user, region=region, indicator=indicator, year=year, month=month
        )
        own = rows[0].value
        columns, matrix = compare.matrix(user=user, region=region, year=year, month=month)
        context.update(
            form=form,
            region=region,
            indicator=indicator,
            year=year,
            month=month,
            rows=rows,
            peers=len(rows) - 1,
            own_latest=None
            if own is not None
            else compare.latest_same_month(
                user=user, region=region, indicator=indicator, month=month, before=year
            ),
            chart=compare.chart_data(rows, indicator.unit),
            columns=columns,
            matrix=matrix,
            value_model=IndicatorValue._meta,
        )
        return render(request, "reader/compare.html", context)
