from django.urls import path

from loket.core import views

urlpatterns = [path("", views.health, name="health")]
