from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render

from mujun.enterprises.models import Enterprise, LandParcel
from mujun.regions.models import Region


@login_required
def home(request):
    """The figures a user acts on, for their own region subtree."""
    user = request.user
    enterprises = Enterprise.objects.for_user(user).filter(is_archived=False)
    totals = enterprises.aggregate(total=Count("pk"), above=Count("pk", filter=Q(above_size=True)))
    land = (
        LandParcel.objects.for_user(user)
        .filter(is_archived=False, enterprise__is_archived=False)
        .values_list("area_mu", flat=True)
    )
    towns = (
        Region.objects.for_user(user)
        .towns()
        .annotate(
            enterprise_count=Count("enterprises", filter=Q(enterprises__is_archived=False)),
            above_count=Count(
                "enterprises",
                filter=Q(enterprises__is_archived=False, enterprises__above_size=True),
            ),
        )
        .order_by("sort_order", "code")
    )
    return render(
        request,
        "core/home.html",
        {
            "totals": totals,
            "land_total": sum(land, start=0),
            "towns": towns,
            "region": user.region,
        },
    )


def health(request):
    """For load balancers and monitoring: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})
