"""The department's page as it was before its own panels: its queue from the service area."""

from django.shortcuts import render


def home(request):
    from mujun.service.home import service_card

    return render(request, "service/home_department.html", service_card(request.user))
