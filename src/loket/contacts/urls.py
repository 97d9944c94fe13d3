"""The public request form, under /<lang>/requests/."""

from django.urls import URLPattern, path

from loket.contacts import views

urlpatterns: list[URLPattern] = [
    path("new/", views.request_new, name="request-new"),
    path("new/sent/", views.request_sent, name="request-sent"),
]
