"""Background tasks of the outbox, run by ``loket worker`` (django-tasks).

``outbox_deliver`` is idempotent: it delivers its message only if the message is still due, so a
duplicate or late task does nothing. After a failed attempt it enqueues itself for the message's
next attempt, so retries need no other process; ``loket outbox`` sweeps whatever a lost task left.
"""

from __future__ import annotations

from django_tasks import task

from loket.notifications.models import MessageStatus, OutboxMessage
from loket.notifications.services import outbox_deliver_message


@task()
def outbox_deliver(message_pk: int) -> str:
    report = outbox_deliver_message(message_pk=message_pk)
    if report.retrying:
        next_attempt_at = (
            OutboxMessage.objects.filter(pk=message_pk, status=MessageStatus.PENDING)
            .values_list("next_attempt_at", flat=True)
            .first()
        )
        if next_attempt_at is not None:
            outbox_deliver.using(run_after=next_attempt_at).enqueue(message_pk)
        return "retrying"
    if report.sent:
        return "sent"
    if report.failed:
        return "failed"
    return "not due"
