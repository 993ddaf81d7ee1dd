"""The county overview the leader, viewer and admin pages showed before their own panels."""

from datetime import timedelta

from django.db.models import Count, Q
from django.shortcuts import render

from mujun.enterprises.models import Enterprise, LandParcel
from mujun.regions.models import Region


def home(request):
    """The figures a user acts on, for their own region subtree; a department user's is their
    queue of assigned problems."""
    user = request.user
    from mujun.service.home import service_card

    service = service_card(user)
    if getattr(user, "role", None) == "department" and not user.is_superuser:
        return render(request, "service/home_department.html", service)
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
        "home/leader.html",
        {
            "totals": totals,
            "land_total": sum(land, start=0),
            "towns": towns,
            "region": user.region,
            "attraction": _attraction_misses(user),
            "service": service,
        },
    )


def _attraction_misses(user) -> dict | None:
    """一月一招商 of the last complete month for the user's region: how many principal officials
    led or joined no activity (None where the region has none, or the user no region)."""
    from mujun.attraction.actions import today
    from mujun.attraction.reports import monthly_misses

    region = getattr(user, "region", None)
    if region is None:
        return None
    last = today().replace(day=1) - timedelta(days=1)
    grid = monthly_misses(user, region, last.year)
    if not grid:
        return None
    missing = sum(1 for _official, misses in grid if misses[last.month - 1])
    return {
        "region": region,
        "year": last.year,
        "month": last.month,
        "principals": len(grid),
        "missing": missing,
    }
