"""REST API of appointments, under ``/api/v1/`` (the views and their routes are in ``api``)."""

from django.urls import include, path

urlpatterns = [
    path("", include("loket.appointments.api")),
]
