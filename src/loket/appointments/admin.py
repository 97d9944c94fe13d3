"""Capacity set-up in the Django admin; appointments are shown read-only.

Appointments are written only by ``services`` (booking checks capacity under a lock and writes the
audit entry and the confirmation), so the admin cannot add, edit or delete them. A staff member
who is not a superuser sees only the rows, and picks only the locations, desks and services, of the
organisations they administer (``organisations.admin``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from loket.appointments.models import Appointment, BookingRule, CapacityException, CapacitySession
from loket.organisations.admin import OrganisationScopedMixin


class _TenantScoped(OrganisationScopedMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows and choices (locations, desks, services) of the organisations the staff member administers."""

    organisation_path = "location__organisation_id"


@admin.register(CapacitySession)
class CapacitySessionAdmin(_TenantScoped):
    list_display = ["location", "weekday", "starts", "ends", "online_desks"]
    list_filter = ["weekday", "location"]
    filter_horizontal = ["desks", "services"]


@admin.register(CapacityException)
class CapacityExceptionAdmin(_TenantScoped):
    list_display = ["location", "date", "kind", "starts", "ends", "reason"]
    list_filter = ["kind", "location"]
    date_hierarchy = "date"
    filter_horizontal = ["desks", "services"]


@admin.register(BookingRule)
class BookingRuleAdmin(_TenantScoped):
    organisation_path = "service__organisation_id"
    list_display = ["service", "minimum_notice_minutes", "horizon_days", "slot_step_minutes", "buffer_minutes"]


@admin.register(Appointment)
class AppointmentAdmin(_TenantScoped):
    list_display = ["reference", "start", "location", "status", "channel"]
    list_filter = ["status", "channel", "location"]
    search_fields = ["reference"]
    date_hierarchy = "start"
    exclude = ["manage_nonce"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
