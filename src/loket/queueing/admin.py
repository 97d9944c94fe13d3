"""Queue set-up in the Django admin (queues, display screens); tickets and their events are read-only.

Tickets change only through ``services`` (the calling policy, the one-ticket-per-desk rule, the
events), so the admin cannot add, edit or delete them, nor open or close desks. A staff member who
is not a superuser sees only the rows (and picks only the locations) of the organisations they
administer, as in ``organisations.admin``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from loket.organisations.admin import OrganisationScopedMixin
from loket.queueing.models import CounterSession, DisplayScreen, Queue, Ticket, TicketEvent


class _TenantScoped(OrganisationScopedMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows and location choices of the staff member's organisations (``organisations.admin``)."""

    organisation_path = "location__organisation_id"


class _ReadOnly(_TenantScoped):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Queue)
class QueueAdmin(_TenantScoped):
    list_display = ["name", "location", "kind", "prefix", "walk_in", "active", "position"]
    list_filter = ["kind", "walk_in", "active", "location"]
    filter_horizontal = ["services"]


@admin.register(DisplayScreen)
class DisplayScreenAdmin(_TenantScoped):
    list_display = ["name", "location", "speak"]
    list_filter = ["location"]
    filter_horizontal = ["queues"]
    readonly_fields = ["public_key"]


@admin.register(Ticket)
class TicketAdmin(_ReadOnly):
    organisation_path = "queue__location__organisation_id"
    list_display = ["code", "day", "queue", "status", "source", "issued_at"]
    list_filter = ["status", "source", "day", "queue__location"]
    search_fields = ["code"]
    date_hierarchy = "day"
    exclude = ["public_key", "phone"]


@admin.register(TicketEvent)
class TicketEventAdmin(_ReadOnly):
    organisation_path = "queue__location__organisation_id"
    list_display = ["ticket", "kind", "at", "desk", "actor_label"]
    list_filter = ["kind", "queue__location"]
    date_hierarchy = "at"


@admin.register(CounterSession)
class CounterSessionAdmin(_ReadOnly):
    organisation_path = "desk__location__organisation_id"
    list_display = ["desk", "clerk", "status", "opened_at", "closed_at"]
    list_filter = ["status", "desk__location"]
