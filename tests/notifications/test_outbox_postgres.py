"""Concurrent workers on PostgreSQL: every message is sent exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection, transaction

from loket.notifications.models import Channel, MessageStatus, OutboxMessage
from loket.notifications.services import DeliveryReport, message_enqueue, outbox_deliver_due

MESSAGES = 40
WORKERS = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_send_each_message_exactly_once(smtp_server: Any) -> None:
    with transaction.atomic():
        for number in range(MESSAGES):
            message_enqueue(
                channel=Channel.EMAIL,
                recipient=f"citizen{number}@example.be",
                language="nl",
                subject=f"Bevestiging {number}",
                body_text="Tot dan.",
                idempotency_key=f"appointment:{number}:confirmation",
            )
    start = threading.Barrier(WORKERS)
    reports: list[DeliveryReport] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait(timeout=10)
            while (report := outbox_deliver_due(limit=3)).attempted:
                reports.append(report)
        except BaseException as error:  # surfaced in the main thread below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    sent = Counter(pk for report in reports for pk in report.sent)
    assert len(sent) == MESSAGES
    assert set(sent.values()) == {1}
    assert sum(1 for report in reports if report.sent) > 1  # more than one worker did work
    subjects = Counter(mail["Subject"] for mail in smtp_server.messages)
    assert len(subjects) == MESSAGES
    assert set(subjects.values()) == {1}
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
