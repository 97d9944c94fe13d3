"""The SMTP server and the SMS gateway down for an hour: nothing lost, nothing sent twice.

Eight confirmations (four e-mails, four SMS) are written by real bookings while both channels
are down: the SMTP port refuses connections (a real aiosmtpd server that is not started yet) and
the SMS gateway raises. The outbox runs on its own clock, as ``loket outbox`` passes ``now`` to
each sweep: first the worker's immediate attempt of each message, then a sweep every 30 seconds
of simulated time for an hour, no sleeping. Then both come back, and the sweeps go on until
everything is out, and on for two more simulated days.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from django.utils import timezone

from loket.notifications.models import Channel, MessageStatus, OutboxMessage
from loket.notifications.services import outbox_deliver_due, outbox_deliver_message
from tests.appointments.test_booking import book, make_office
from tests.faults.gateways import SwitchableSmsGateway
from tests.faults.support import SmtpServer

pytestmark = pytest.mark.django_db

EACH = 4
SWEEP = datetime.timedelta(seconds=30)  # ``loket outbox``'s default interval
OUTAGE = datetime.timedelta(hours=1)
# The longest back-off (30 minutes) with its +20 % jitter, and one sweep to notice it is due.
LONGEST_WAIT = datetime.timedelta(minutes=36) + SWEEP


def test_an_hour_without_smtp_and_sms_loses_nothing_and_sends_each_message_once(settings: Any) -> None:
    smtp = SmtpServer()  # its port refuses connections until ``start()``
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.LOKET_MESSAGE_DOMAIN = "loket.test"
    settings.LOKET_SMS_GATEWAY = "tests.faults.gateways.SwitchableSmsGateway"
    SwitchableSmsGateway.reset(up=False)

    office = make_office(desks=2 * EACH)
    for number in range(EACH):
        book(office, office.at(10), email=f"burger{number}@example.be")
        book(office, office.at(10), email="", phone=f"+32 470 12 34 {number:02d}", message_channel="sms")
    messages = list(OutboxMessage.objects.order_by("pk"))
    assert Counter(message.channel for message in messages) == {Channel.EMAIL: EACH, Channel.SMS: EACH}

    try:
        now = timezone.now()
        for message in messages:  # what ``loket worker`` does at once, for each committed message
            assert outbox_deliver_message(message_pk=message.pk, now=now).retrying == [message.pk]
        tried = {message.pk: [now] for message in messages}
        end_of_outage = now + OUTAGE
        while now < end_of_outage:
            now += SWEEP
            report = outbox_deliver_due(now=now)
            assert report.sent == [] and report.failed == []
            # One connection attempt per channel and sweep during an outage, not one per message.
            attempted = Counter(OutboxMessage.objects.get(pk=pk).channel for pk in report.retrying)
            assert all(count == 1 for count in attempted.values())
            for pk in report.retrying:
                tried[pk].append(now)

        for message in OutboxMessage.objects.all():
            assert message.status == MessageStatus.PENDING, "nothing failed for good, nothing is lost"
            assert message.attempts == len(tried[message.pk])
            assert message.last_error
            assert now < message.next_attempt_at <= now + LONGEST_WAIT
            gaps = [later - earlier for earlier, later in zip(tried[message.pk], tried[message.pk][1:], strict=False)]
            # Backing off: about 1, 2, 4, 8, 16 minutes, at most 30 (+-20 %), so 5 to 7 tries an hour.
            assert 4 <= len(gaps) <= 7, gaps
            assert all(datetime.timedelta(seconds=48) <= gap <= LONGEST_WAIT for gap in gaps), gaps
            assert gaps[-1] >= 4 * gaps[0]
        assert SwitchableSmsGateway.sent == []
        assert smtp.inbox.messages == []

        smtp.start()
        SwitchableSmsGateway.up = True
        back_at = now
        while OutboxMessage.objects.exclude(status=MessageStatus.SENT).exists():
            assert now <= back_at + LONGEST_WAIT, "everything goes out within the longest back-off"
            now += SWEEP
            outbox_deliver_due(now=now)
        print(f"all out {(now - back_at).total_seconds() / 60:.1f} simulated minutes after the channels came back")

        two_days_later = now + datetime.timedelta(days=2)
        while now < two_days_later:  # the rest of the retry period: nothing goes out again
            now += datetime.timedelta(minutes=10)
            assert outbox_deliver_due(now=now).attempted == 0
    finally:
        smtp.stop()

    emails = {message.message_id for message in messages if message.channel == Channel.EMAIL}
    sms = {message.message_id for message in messages if message.channel == Channel.SMS}
    received = Counter(smtp.inbox.message_ids())
    assert set(received) == emails and set(received.values()) == {1}, "each e-mail exactly once"
    texted = Counter(message_id for _to, message_id, _text in SwitchableSmsGateway.sent)
    assert set(texted) == sms and set(texted.values()) == {1}, "each SMS exactly once"
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
