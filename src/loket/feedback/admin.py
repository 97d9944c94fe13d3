"""Surveys in the Django admin: the organisation's question and the exit tablets; answers to read.

Scoped like every admin page (``organisations.admin.OrganisationScopedMixin``): a staff member who
is not a superuser sees and sets up only the organisations they administer, and the organisation
and location choices offer only those. Answers are read-only (they change only by the citizen,
through ``services``); invitations are not shown at all (they name a person and hold a secret's
hash, and are of no use to set-up).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.appointments.messages import public_url
from loket.feedback.models import SurveyAnswer, SurveyQuestion, SurveyTablet
from loket.organisations.admin import OrganisationScopedMixin


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(OrganisationScopedMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "organisation", "active", "created_at"]
    list_filter = ["active", "organisation"]
    fields = ["organisation", "text_nl", "text_fr", "text_en", "active"]


@admin.register(SurveyTablet)
class SurveyTabletAdmin(OrganisationScopedMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    organisation_path = "location__organisation_id"
    list_display = ["name", "location", "active"]
    list_filter = ["active", "location"]
    fields = ["location", "name", "active", "key", "address"]
    readonly_fields = ["key", "address"]

    @admin.display(description=_("address for the tablet"))
    def address(self, obj: SurveyTablet) -> str:
        if not obj.pk:
            return "-"
        return public_url(reverse("survey-tablet", kwargs={"location_slug": obj.location.slug, "key": obj.key}))


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(OrganisationScopedMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["answered_at", "organisation", "location", "kind", "channel", "score"]
    list_filter = ["kind", "channel", "score", "organisation", "location"]
    date_hierarchy = "answered_at"
    exclude = ["invitation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
