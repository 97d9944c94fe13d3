"""Staff pages of the citizen record, under /<lang>/staff/people/."""

from django.urls import URLPattern, path

from loket.citizens import staff_views

urlpatterns: list[URLPattern] = [
    path("", staff_views.search, name="people-search"),
    path("new/", staff_views.create, name="people-create"),
    path("<int:pk>/", staff_views.detail, name="people-detail"),
    path("<int:pk>/edit/", staff_views.edit, name="people-edit"),
    path("<int:pk>/consent/", staff_views.consent, name="people-consent"),
]
