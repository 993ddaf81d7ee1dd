from django.urls import path

from .views_home import home

app_name = "core"

urlpatterns = [path("", home, name="home")]
