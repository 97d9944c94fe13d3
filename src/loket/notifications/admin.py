"""The outbox in the Django admin: read-only, for support ("was the confirmation sent?").

Staff never edit a message; "retry now" goes through ``services.message_retry_now`` like any
other write. A staff member who is not a superuser sees only their organisations' messages.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from loket.core.errors import DomainError
from loket.notifications.models import OutboxMessage
from loket.notifications.services import message_retry_now
from loket.organisations.selectors import staff_organisation_ids


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "recipient", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "language"]
    search_fields = ["recipient", "idempotency_key", "message_id"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutboxMessage]:
        queryset = super().get_queryset(request).select_related("organisation")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organisation_id__in=staff_organisation_ids(user=request.user))

    def get_readonly_fields(self, request: HttpRequest, obj: OutboxMessage | None = None) -> list[str]:
        return [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboxMessage | None = None) -> bool:
        return False

    @admin.action(description=_("Try to send again now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        for message in queryset:
            try:
                message_retry_now(message=message, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"{message}: {error.message}", messages.WARNING)
