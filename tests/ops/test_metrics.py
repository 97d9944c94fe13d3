"""``/metrics``: closed unless configured, django-prometheus's counters, and Loket's gauges from the database."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from loket.notifications.models import Channel, MessageStatus, OutboxMessage
from loket.notifications.services import message_enqueue
from loket.notifications.tasks import outbox_deliver
from loket.queueing.services import ticket_call_next
from tests.ops.support import free_port, sample
from tests.queueing.helpers import make_hall

TOKEN = "a-metrics-token-of-at-least-32-characters"


@pytest.fixture
def scrape(client: Client, settings: Any) -> Any:
    settings.LOKET_METRICS_TOKEN = TOKEN

    def get() -> str:
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("text/plain")
        return response.content.decode()

    return get


# --- Who may read them ------------------------------------------------------------------------


def test_metrics_are_not_there_unless_a_token_or_addresses_are_configured(client: Client, settings: Any) -> None:
    settings.LOKET_METRICS_TOKEN = ""
    settings.LOKET_METRICS_ALLOWED_IPS = []
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer anything").status_code == 404


def test_metrics_refuse_a_missing_or_wrong_token_and_other_addresses(client: Client, settings: Any) -> None:
    settings.LOKET_METRICS_TOKEN = TOKEN
    settings.LOKET_METRICS_ALLOWED_IPS = ["10.0.5.0/24", "2001:db8::7"]
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.1").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", REMOTE_ADDR="10.0.6.1").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}", REMOTE_ADDR="2001:db8::8").status_code == 403


@pytest.mark.django_db
def test_metrics_answer_the_token_from_any_address(client: Client, settings: Any) -> None:
    settings.LOKET_METRICS_TOKEN = TOKEN
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 200
    assert "loket_gauges_up" in response.content.decode()


@pytest.mark.django_db
def test_metrics_answer_an_allowed_address_without_a_token(client: Client, settings: Any) -> None:
    settings.LOKET_METRICS_TOKEN = ""
    settings.LOKET_METRICS_ALLOWED_IPS = ["10.0.5.0/24", "2001:db8::7"]
    assert client.get("/metrics", REMOTE_ADDR="10.0.5.200").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8::7").status_code == 200


# --- django-prometheus's counters ----------------------------------------------------------------


@pytest.mark.django_db
def test_requests_are_counted_by_view_and_queries_by_database(client: Client, scrape: Any) -> None:
    before = scrape()
    for _ in range(3):
        client.get("/health/ready/")
    after = scrape()

    def requests(text: str) -> float:
        return sample(text, "django_http_requests_total_by_view_transport_method_total", view="health-ready") or 0.0

    assert requests(after) - requests(before) == 3
    assert sample(after, "django_http_requests_latency_seconds_by_view_method_count", view="health-ready")
    queries_before = sample(before, "django_db_execute_total", alias="default") or 0.0
    assert (sample(after, "django_db_execute_total", alias="default") or 0.0) > queries_before


# --- Loket's gauges -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_waiting_tickets_are_today_s_not_yet_called_per_queue(scrape: Any) -> None:
    hall = make_hall(desks=1)
    now = timezone.now()
    for _ in range(3):
        hall.issue(hall.quick, actor=hall.receptionist, now=now)
    hall.issue(hall.theme, actor=hall.receptionist, now=now)
    session = hall.open_desk(0, [hall.pickup], now=now)
    assert ticket_call_next(actor=hall.clerks[0], session=session, now=now) is not None  # at the desk now
    hall.issue(hall.quick, actor=hall.receptionist, now=now - datetime.timedelta(days=1))  # yesterday's, never closed

    text = scrape()

    def waiting(queue: str) -> float | None:
        labels = {"organisation": hall.location.organisation.slug, "location": hall.location.slug, "queue": queue}
        return sample(text, "loket_queue_waiting_tickets", **labels)

    assert (waiting("quick"), waiting("civil"), waiting("reception")) == (2, 1, 0)
    assert sample(text, "loket_gauges_up", source="queue") == 1


def _email(key: str, **extra: Any) -> OutboxMessage:
    with transaction.atomic():
        return message_enqueue(
            channel=Channel.EMAIL,
            recipient="an.peeters@example.be",
            language="nl",
            subject="Uw afspraak",
            body_text="Tot dan.",
            idempotency_key=key,
            **extra,
        )


@pytest.mark.django_db
def test_outbox_backlog_is_the_due_messages_and_how_long_the_oldest_has_waited(scrape: Any) -> None:
    now = timezone.now()
    late = _email("ops:late")
    OutboxMessage.objects.filter(pk=late.pk).update(next_attempt_at=now - datetime.timedelta(minutes=10))
    _email("ops:due-now")
    _email("ops:tomorrow", not_before=now + datetime.timedelta(days=1))  # a reminder: not due yet
    crashed = _email("ops:crashed-worker")
    OutboxMessage.objects.filter(pk=crashed.pk).update(
        status=MessageStatus.SENDING, locked_until=now - datetime.timedelta(minutes=2)
    )
    gave_up = _email("ops:failed")
    OutboxMessage.objects.filter(pk=gave_up.pk).update(status=MessageStatus.FAILED)

    text = scrape()

    assert sample(text, "loket_outbox_due_messages", channel="email") == 3
    assert sample(text, "loket_outbox_due_messages", channel="sms") == 0
    oldest = sample(text, "loket_outbox_oldest_due_seconds", channel="email")
    assert oldest is not None and 600 <= oldest < 660
    assert sample(text, "loket_outbox_oldest_due_seconds", channel="sms") == 0
    assert sample(text, "loket_outbox_failed_messages", channel="email") == 1


@pytest.mark.django_db
def test_waiting_tasks_are_the_ready_ones_of_the_database_backend(scrape: Any) -> None:
    now = timezone.now()
    first = outbox_deliver.enqueue(1)
    outbox_deliver.enqueue(2)
    outbox_deliver.using(run_after=now + datetime.timedelta(hours=1)).enqueue(3)  # not ready yet
    DBTaskResult.objects.filter(pk=first.id).update(enqueued_at=now - datetime.timedelta(seconds=90))

    text = scrape()

    assert sample(text, "loket_tasks_waiting", queue="default") == 2
    oldest = sample(text, "loket_tasks_oldest_waiting_seconds", queue="default")
    assert oldest is not None and 90 <= oldest < 150


@pytest.mark.django_db
def test_a_source_that_cannot_be_read_is_reported_and_the_rest_still_answers(scrape: Any, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{free_port()}/0", "SOCKET_TIMEOUT": 1}}

    text = scrape()

    assert sample(text, "loket_gauges_up", source="tasks") == 0
    assert sample(text, "loket_gauges_up", source="outbox") == 1
    assert sample(text, "loket_tasks_waiting") is None
    assert sample(text, "loket_outbox_due_messages", channel="email") == 0
