"""The briefing page and its Word download."""

from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from mujun.core.word import docx_response

from ..forms import BriefingForm, default_period
from ..models import IndicatorValue
from ..reports import make_briefing
from ..word import briefing_docx
from .catalogue import CatalogueView, _home_region


class BriefingView(CatalogueView):
    """GET with a region, a period and indicators: the paragraph; ``format=docx`` downloads
    it as a Word document. The region choices are the user's scope, so another town is an
    invalid choice and nothing of it is read."""

    def get(self, request):
        user = request.user
        data = request.GET
        if not data:
            # the first visit shows the user's region for the latest month it has figures for
            region = _home_region(user)
            if region is not None:
                year, month = _latest_period(user, region)
                data = {"region": region.pk, "year": year, "month": month}
        form = BriefingForm(data or None, user=user)
        result = None
        if data and form.is_valid():
            cleaned = form.cleaned_data
            # the catalogue's order, whatever order the boxes were ticked in: it follows the
            # seeds' order of clauses and keeps 其中 items after their whole
            result = make_briefing(
                user=user,
                region=cleaned["region"],
                year=cleaned["year"],
                month=cleaned["month"],
                indicators=list(cleaned["indicators"]) or None,
            )
            if request.GET.get("format") == "docx":
                return docx_response(briefing_docx(result), result.title)
        if isinstance(data, QueryDict):
            query = data.copy()
        else:
            query = QueryDict(mutable=True)
            query.update(data)
        query["format"] = "docx"
        return render(
            request,
            "indicators/briefing.html",
            {
                "form": form,
                "result": result,
                "docx_query": query.urlencode(),
                "title": _("经济运行通报"),
            },
        )


def _latest_period(user, region) -> tuple[int, int]:
    latest = (
        IndicatorValue.objects.for_user(user)
        .filter(region=region, is_archived=False)
        .order_by("-year", "-month")
        .values_list("year", "month")
        .first()
    )
    return latest or default_period()
