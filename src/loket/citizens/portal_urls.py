"""Mijn loket, the citizen's own page, under ``/<language>/mijn-loket/``. Every name starts ``portal-``."""

from django.urls import path

from loket.citizens import portal_views as views

urlpatterns = [
    path("", views.home, name="portal-home"),
    path("sign-in/", views.sign_in, name="portal-sign-in"),
    path("sign-in/sent/", views.sign_in_sent, name="portal-sign-in-sent"),
    path("sign-in/oidc/start/", views.oidc_start, name="portal-oidc-start"),
    path("sign-in/oidc/callback/", views.oidc_callback, name="portal-oidc-callback"),
    path("sign-in/<str:secret>/", views.sign_in_confirm, name="portal-sign-in-confirm"),
    path("sign-out/", views.sign_out, name="portal-sign-out"),
    path("appointments/", views.appointments, name="portal-appointments"),
    path("requests/", views.requests_list, name="portal-requests"),
    path("requests/<str:reference>/", views.request_detail, name="portal-request"),
    path(
        "requests/<str:reference>/documents/<int:attachment_id>/",
        views.attachment_download,
        name="portal-attachment",
    ),
    path("details/", views.details, name="portal-details"),
    path("consents/", views.consents, name="portal-consents"),
    path("my-data/", views.my_data, name="portal-data"),
    path("my-data/download.json", views.my_data_json, name="portal-data-json"),
    path("erasure/", views.erasure, name="portal-erasure"),
]
