"""Staff pages of appointments, under ``/<lang>/staff/appointments/``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
