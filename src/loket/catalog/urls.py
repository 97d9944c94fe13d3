"""Public catalogue pages, under the language prefix (``/nl/``, ``/fr/``, ``/en/``).

Paths are the same in every language, so switching language keeps the citizen on the same page.
"""

from django.urls import path

from loket.catalog import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="service-search"),
    path("services/<slug:slug>/", views.service_detail, name="service-detail"),
    path("services/<slug:slug>/report/", views.service_report, name="service-report"),
    path("services/<slug:slug>/report/thanks/", views.service_report_thanks, name="service-report-thanks"),
    path("life-events/<slug:slug>/", views.life_event_detail, name="life-event-detail"),
]
