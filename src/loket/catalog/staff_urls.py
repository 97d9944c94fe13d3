"""The catalogue editor's pages, under ``/<lang>/staff/catalogue/``."""

from django.urls import path

from loket.catalog import staff_views

urlpatterns = [
    path("", staff_views.worklist, name="catalog-staff-worklist"),
    path("services/", staff_views.service_list, name="catalog-staff-services"),
    path("services/<slug:slug>/", staff_views.service_edit, name="catalog-staff-service-edit"),
    path(
        "services/<slug:slug>/readability/",
        staff_views.service_text_readability,
        name="catalog-staff-service-readability",
    ),
    path("services/<slug:slug>/reviewed/", staff_views.service_mark_reviewed, name="catalog-staff-service-reviewed"),
    path("services/<slug:slug>/publish/", staff_views.service_publish, name="catalog-staff-service-publish"),
    path("services/<slug:slug>/unpublish/", staff_views.service_unpublish, name="catalog-staff-service-unpublish"),
    path("reports/<int:report_id>/resolve/", staff_views.report_resolve, name="catalog-staff-report-resolve"),
    path("reports/<int:report_id>/dismiss/", staff_views.report_dismiss, name="catalog-staff-report-dismiss"),
]
