"""Catalogue API routes: the public ones (``api``) and the staff ones (``staff_api``)."""

from django.urls import include, path

urlpatterns = [
    path("", include("loket.catalog.api")),
    path("staff/", include("loket.catalog.staff_api")),
]
