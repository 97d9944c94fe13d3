"""Organisations API routes (public): the locations and their opening hours."""

from django.urls import include, path

urlpatterns = [path("", include("loket.organisations.api"))]
