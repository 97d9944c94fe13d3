"""The data-protection officer's pages, under ``/<lang>/staff/privacy/``."""

from django.urls import path

from loket.citizens import privacy_views

urlpatterns = [
    path("", privacy_views.privacy_home, name="privacy-home"),
    path("audit/", privacy_views.audit_search, name="privacy-audit"),
    path("erasure/", privacy_views.erasure_list, name="privacy-erasures"),
    path("erasure/<int:pk>/", privacy_views.erasure_handle, name="privacy-erasure-handle"),
    path("retention/", privacy_views.retention_overview, name="privacy-retention"),
]
