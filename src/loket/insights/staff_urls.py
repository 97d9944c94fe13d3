"""URL map of the manager's dashboard (under ``/<lang>/staff/dashboard/``)."""

from django.urls import URLPattern, path

from loket.insights import views

urlpatterns: list[URLPattern] = [
    path("", views.dashboard, name="insights-dashboard"),
]
