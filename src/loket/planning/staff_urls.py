"""URL map of the planning pages for staff (under ``/<lang>/staff/planning/``)."""

from django.urls import URLPattern, path

from loket.planning import views

urlpatterns: list[URLPattern] = [
    path("", views.week, name="planning-week"),
]
