"""Contacts and requests in the Django admin: read-only, scoped to the administrator's organisations.

Contacts and requests change only through ``services`` (tenancy, transitions, the citizen's
message, the audit trail), so the admin cannot add, change or delete them: it is for looking up
and checking. A staff member who is not a superuser sees only the rows of the organisations they
administer (``organisations.admin``); a contact also when their organisation registered it. No
list shows a citizen's name or message; opening one is for set-up and support.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from loket.contacts.models import Contact, Request, RequestEvent
from loket.organisations.admin import OrganisationScopedMixin, admin_organisation_ids


class _ReadOnly(OrganisationScopedMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Contact)
class ContactAdmin(_ReadOnly):
    list_display = ["started_at", "channel", "organisation", "registered_by", "outcome"]
    list_filter = ["channel", "outcome", "direction", "organisation"]
    date_hierarchy = "started_at"
    exclude = ["person", "summary"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        allowed = admin_organisation_ids(request)
        return qs.filter(Q(organisation_id__in=allowed) | Q(registered_by_id__in=allowed))


@admin.register(Request)
class RequestAdmin(_ReadOnly):
    list_display = ["reference", "organisation", "department", "status", "due_on", "created_at"]
    list_filter = ["status", "origin", "organisation", "department"]
    search_fields = ["reference"]
    date_hierarchy = "created_at"
    exclude = ["person", "description", "status_reason"]


@admin.register(RequestEvent)
class RequestEventAdmin(_ReadOnly):
    organisation_path = "request__organisation_id"
    list_display = ["request", "kind", "at", "actor"]
    list_filter = ["kind"]
    date_hierarchy = "at"
    exclude = ["text"]
