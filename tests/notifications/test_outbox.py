"""The outbox against a real SMTP server on loopback: nothing lost, nothing sent twice."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from loket.core.errors import DomainError
from loket.notifications import services
from loket.notifications.gateways import PermanentDeliveryError
from loket.notifications.ics import AppointmentEvent, event_attachment
from loket.notifications.models import Channel, MessageStatus, OutboxMessage
from loket.notifications.services import (
    backoff_delay,
    message_enqueue,
    message_retry_now,
    outbox_claim_next,
    outbox_deliver_due,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
LEASE = dt.timedelta(seconds=300)


def appointment(**changes: Any) -> AppointmentEvent:
    values: dict[str, Any] = {
        "reference": "ABC123",
        "start": dt.datetime(2027, 3, 29, 10, 0, tzinfo=BRUSSELS),  # the Monday after DST starts
        "end": dt.datetime(2027, 3, 29, 10, 20, tzinfo=BRUSSELS),
        "summary": "Identity card",
        "location_name": "Town hall",
        "address": "Grote Markt 21, 2800 Mechelen",
        "language": "en",
        "what_to_bring": ["your old identity card", "a passport photo"],
        "manage_url": "https://loket.test/a/secret",
    }
    values.update(changes)
    return AppointmentEvent(**values)


def enqueue_confirmation(key: str = "appointment:ABC123:confirmation", **changes: Any) -> OutboxMessage:
    values: dict[str, Any] = {
        "channel": Channel.EMAIL,
        "recipient": "an.peeters@example.be",
        "language": "en",
        "subject": "Your appointment on Monday 29 March 2027 at 10:00",
        "body_text": "See you at the town hall.",
        "body_html": "<p>See you at the town hall.</p>",
        "idempotency_key": key,
        "attachments": [event_attachment(appointment(), domain="loket.test")],
    }
    values.update(changes)
    with transaction.atomic():
        return message_enqueue(**values)


def calendar_of(mail: Any) -> icalendar.Calendar:
    parts = [part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return icalendar.Calendar.from_ical(parts[0].get_content())


@pytest.mark.django_db(transaction=True)
def test_enqueue_outside_a_transaction_is_refused() -> None:
    with pytest.raises(transaction.TransactionManagementError):
        message_enqueue(
            channel=Channel.SMS, recipient="+32470123456", language="nl", body_text="x", idempotency_key="k"
        )
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_rolled_back_change_leaves_no_message_and_sends_nothing(
    smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue_confirmation()
        raise RuntimeError("the booking failed after the message was written")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert outbox_deliver_due(now=timezone.now() + dt.timedelta(days=1)).attempted == 0
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_committed_message_is_delivered_once_by_loket_worker(smtp_server: Any) -> None:
    message = enqueue_confirmation()  # commits: the on-commit hook queues the delivery task
    assert DBTaskResult.objects.count() == 1
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    try:
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    finally:  # db_worker sets its loggers' levels for the whole process
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert len(smtp_server.messages) == 1
    assert outbox_deliver_due(now=timezone.now() + dt.timedelta(days=1)).attempted == 0
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_loket_outbox_once_delivers_what_is_due(smtp_server: Any) -> None:
    enqueue_confirmation()
    call_command("outbox", "--once")
    assert OutboxMessage.objects.get().status == MessageStatus.SENT
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_confirmation_arrives_with_subject_language_message_id_and_calendar(smtp_server: Any) -> None:
    message = enqueue_confirmation()
    report = outbox_deliver_due(now=timezone.now())
    assert report.sent == [message.pk]
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Your appointment on Monday 29 March 2027 at 10:00"
    assert mail["Content-Language"] == "en"
    assert mail["To"] == "an.peeters@example.be"
    assert mail["Message-ID"] == message.message_id
    assert message.message_id.endswith("@loket.test>")
    assert mail.get_body(("plain",)).get_content().strip() == "See you at the town hall."  # type: ignore[union-attr]
    assert "<p>" in mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    calendar = calendar_of(mail)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "ABC123@loket.test"
    start = event.decoded("DTSTART")
    assert start.tzinfo.key == "Europe/Brussels"
    assert (start.hour, start.utcoffset()) == (10, dt.timedelta(hours=2))  # summer time already
    assert "a passport photo" in str(event["DESCRIPTION"])
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.sent_at is not None


@pytest.mark.django_db
def test_same_idempotency_key_twice_keeps_one_message_and_sends_once(smtp_server: Any) -> None:
    first = enqueue_confirmation()
    second = enqueue_confirmation(subject="Something else")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    outbox_deliver_due(now=timezone.now())
    outbox_deliver_due(now=timezone.now() + dt.timedelta(hours=1))
    assert [mail["Subject"] for mail in smtp_server.messages] == [first.subject]


@pytest.mark.django_db
def test_an_hour_of_smtp_outage_delays_the_message_then_delivers_it_once(smtp_server: Any) -> None:
    message = enqueue_confirmation()
    t0 = timezone.now()
    smtp_server.stop()

    report = outbox_deliver_due(now=t0)
    assert report.retrying == [message.pk]
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING
    assert message.attempts == 1
    assert "Connection refused" in message.last_error or "ConnectionRefused" in message.last_error
    assert t0 + dt.timedelta(seconds=48) <= message.next_attempt_at <= t0 + dt.timedelta(seconds=72)
    assert outbox_deliver_due(now=t0 + dt.timedelta(seconds=30)).attempted == 0  # not due yet

    # An hour of outage, a sweep every five minutes: fewer attempts than sweeps, the gaps growing.
    for minute in range(5, 61, 5):
        outbox_deliver_due(now=t0 + dt.timedelta(minutes=minute))
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING
    assert 3 <= message.attempts < 13
    assert message.next_attempt_at > t0 + dt.timedelta(minutes=60)

    smtp_server.start()
    later = t0 + dt.timedelta(minutes=100)  # past the longest back-off (30 minutes + jitter)
    assert outbox_deliver_due(now=later).sent == [message.pk]
    assert outbox_deliver_due(now=later + dt.timedelta(hours=5)).attempted == 0
    assert len(smtp_server.messages) == 1
    message.refresh_from_db()
    assert (message.status, message.last_error) == (MessageStatus.SENT, "")


@pytest.mark.django_db
def test_during_an_outage_one_sweep_tries_the_channel_once(smtp_server: Any) -> None:
    for number in range(3):
        enqueue_confirmation(key=f"k{number}")
    smtp_server.stop()
    report = outbox_deliver_due(now=timezone.now())
    assert report.attempted == 1
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [0, 0, 1]


@pytest.mark.django_db
def test_message_of_a_worker_killed_mid_send_is_delivered_once_after_the_lease(smtp_server: Any) -> None:
    message = enqueue_confirmation()
    t0 = timezone.now()
    claimed = outbox_claim_next(now=t0)  # the worker claims it ... and dies before sending
    assert claimed is not None and claimed.pk == message.pk
    assert outbox_deliver_due(now=t0 + dt.timedelta(minutes=1)).attempted == 0  # lease still held
    assert smtp_server.messages == []

    report = outbox_deliver_due(now=t0 + LEASE + dt.timedelta(seconds=1))
    assert report.sent == [message.pk]
    assert len(smtp_server.messages) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)


@pytest.mark.django_db
def test_crash_between_server_accept_and_mark_sent_resends_with_the_same_message_id(smtp_server: Any) -> None:
    """The one window SMTP leaves open: the copy is recognisable by its Message-ID."""
    message = enqueue_confirmation()
    t0 = timezone.now()
    claimed = outbox_claim_next(now=t0)
    assert claimed is not None
    services._send(claimed)  # the server accepts; the worker dies before recording it
    outbox_deliver_due(now=t0 + LEASE + dt.timedelta(seconds=1))
    assert [mail["Message-ID"] for mail in smtp_server.messages] == [message.message_id] * 2


@pytest.mark.django_db
def test_after_the_retry_period_the_message_fails_with_its_error_kept(
    smtp_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    message = enqueue_confirmation()
    smtp_server.stop()
    outbox_deliver_due(now=message.created_at + dt.timedelta(hours=47))
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING
    assert message.next_attempt_at <= message.created_at + dt.timedelta(hours=48)

    with caplog.at_level(logging.ERROR, logger="loket.notifications.services"):
        report = outbox_deliver_due(now=message.created_at + dt.timedelta(hours=48, minutes=1))
    assert report.failed == [message.pk]
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 2
    assert "Connection refused" in message.last_error or "ConnectionRefused" in message.last_error
    assert any("failed for good" in record.getMessage() for record in caplog.records)
    smtp_server.start()
    assert outbox_deliver_due(now=message.created_at + dt.timedelta(days=3)).attempted == 0


@pytest.mark.django_db
def test_a_recipient_the_server_refuses_fails_at_once(smtp_server: Any) -> None:
    message = enqueue_confirmation(recipient="nobody@example.be")
    report = outbox_deliver_due(now=timezone.now())
    assert report.failed == [message.pk]
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "550" in message.last_error


@pytest.mark.django_db
def test_staff_can_retry_a_failed_message(smtp_server: Any, django_capture_on_commit_callbacks: Any) -> None:
    message = enqueue_confirmation()
    smtp_server.stop()
    outbox_deliver_due(now=message.created_at + dt.timedelta(hours=49))
    smtp_server.start()
    with django_capture_on_commit_callbacks() as callbacks:
        message_retry_now(message=message, actor="system")
    assert len(callbacks) == 1
    assert outbox_deliver_due().sent == [message.pk]
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_sms_goes_through_the_file_gateway(sms_dir: Any) -> None:
    with transaction.atomic():
        message = message_enqueue(
            channel=Channel.SMS,
            recipient="0032 470 12 34 56",
            language="nl",
            body_text="Uw afspraak: maandag 29 maart om 10:00, stadhuis.",
            idempotency_key="appointment:ABC123:sms",
        )
    assert message.recipient == "+32470123456"
    assert outbox_deliver_due(now=timezone.now()).sent == [message.pk]
    [line] = (sms_dir / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    sms = json.loads(line)
    assert (sms["to"], sms["message_id"]) == ("+32470123456", message.message_id)
    assert sms["text"].startswith("Uw afspraak")


class FlakySmsGateway:
    """A gateway that is down while ``down`` is set, like a provider's outage."""

    down = True
    sent: list[str] = []

    def send(self, *, to: str, text: str, message_id: str) -> None:
        if to == "+32470000000":
            raise PermanentDeliveryError("unknown number")
        if FlakySmsGateway.down:
            raise ConnectionError("gateway unreachable")
        FlakySmsGateway.sent.append(message_id)


@pytest.mark.django_db
def test_sms_gateway_outage_delays_then_delivers_once(settings: Any) -> None:
    settings.LOKET_SMS_GATEWAY = f"{__name__}.FlakySmsGateway"
    FlakySmsGateway.down, FlakySmsGateway.sent = True, []
    with transaction.atomic():
        unknown = message_enqueue(
            channel=Channel.SMS, recipient="+32470000000", language="fr", body_text="Rendez-vous", idempotency_key="u"
        )
        message = message_enqueue(
            channel=Channel.SMS, recipient="+32470123456", language="fr", body_text="Rendez-vous", idempotency_key="s"
        )
    t0 = timezone.now()
    report = outbox_deliver_due(now=t0)  # a refused number does not stop the others
    assert (report.failed, report.retrying) == ([unknown.pk], [message.pk])
    FlakySmsGateway.down = False
    assert outbox_deliver_due(now=t0 + dt.timedelta(hours=1)).sent == [message.pk]
    assert outbox_deliver_due(now=t0 + dt.timedelta(hours=2)).attempted == 0
    assert FlakySmsGateway.sent == [message.message_id]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("channel", "recipient", "field"),
    [(Channel.EMAIL, "not an address", "email"), (Channel.SMS, "0470 12 34 56", "phone")],
)
def test_an_invalid_recipient_is_refused_with_a_clear_error(channel: str, recipient: str, field: str) -> None:
    with pytest.raises(DomainError) as raised, transaction.atomic():
        message_enqueue(
            channel=channel, recipient=recipient, language="nl", subject="s", body_text="t", idempotency_key="k"
        )
    assert (raised.value.code, raised.value.field) == ("invalid_recipient", field)
    assert not OutboxMessage.objects.exists()


def test_backoff_doubles_from_a_minute_and_never_exceeds_half_an_hour() -> None:
    delays = [backoff_delay(attempt).total_seconds() for attempt in range(1, 12)]
    assert all(60 <= delay <= 1800 for delay in delays)
    assert delays[0] <= 72
    assert 96 <= delays[1] <= 144
    assert delays[-1] >= 1440


@pytest.mark.django_db
def test_a_subject_with_a_line_break_is_sent_on_one_line(smtp_server: Any) -> None:
    enqueue_confirmation(subject="Afspraak: Paspoort\r\nvoor kinderen", idempotency_key="multi-line-subject")
    outbox_deliver_due(now=timezone.now() + dt.timedelta(minutes=1))
    assert [mail["Subject"] for mail in smtp_server.messages] == ["Afspraak: Paspoort voor kinderen"]
