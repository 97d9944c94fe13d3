"""URL map (filled in by the app's views)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
