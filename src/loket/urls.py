"""URL map: public site and staff pages under a language prefix, the API and admin without one."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from loket.core.api import api_not_found
from loket.core.metrics import metrics

api_v1 = [
    path("", include("loket.catalog.api_urls")),
    path("", include("loket.organisations.api_urls")),
    path("", include("loket.appointments.api_urls")),
    path("", include("loket.queueing.api")),
    path("", include("loket.contacts.api")),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("health/", include("loket.core.urls")),
    path("metrics", metrics, name="metrics"),  # Prometheus; token or allowed addresses only (loket.core.metrics)
    re_path(r"^api/(?P<path>.*)$", api_not_found),  # last of the API: any other address answers in JSON
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("staff/", include("loket.organisations.urls")),
    path("staff/catalogue/", include("loket.catalog.staff_urls")),
    path("staff/appointments/", include("loket.appointments.staff_urls")),
    path("staff/queue/", include("loket.queueing.staff_urls")),
    path("staff/contacts/", include("loket.contacts.staff_urls")),
    path("staff/people/", include("loket.citizens.staff_urls")),
    path("staff/privacy/", include("loket.citizens.privacy_urls")),
    path("mijn-loket/", include("loket.citizens.portal_urls")),
    path("requests/", include("loket.contacts.urls")),
    path("survey/", include("loket.feedback.urls")),
    path("staff/dashboard/", include("loket.insights.staff_urls")),
    path("staff/planning/", include("loket.planning.staff_urls")),
    path("", include("loket.appointments.urls")),
    path("", include("loket.queueing.urls")),
    path("", include("loket.catalog.urls")),
    prefix_default_language=True,
)
