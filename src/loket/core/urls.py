from django.urls import path

from loket.core import views

urlpatterns = [
    path("", views.health, name="health"),
    path("live/", views.health_live, name="health-live"),
    path("ready/", views.health_ready, name="health-ready"),
]
