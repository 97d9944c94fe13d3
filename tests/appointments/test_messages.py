"""What the citizen receives about an appointment, read back as a mail client and a calendar would."""

from __future__ import annotations

import base64
import datetime

import icalendar
import pytest

from loket.appointments.availability import TIMEZONE
from loket.appointments.services import appointment_cancel, appointment_reschedule
from loket.notifications.models import OutboxMessage
from tests.appointments.test_booking import book, make_office

pytestmark = pytest.mark.django_db


def calendar_of(key: str) -> icalendar.Event:
    message = OutboxMessage.objects.get(idempotency_key=key)
    ics = next(a for a in message.attachments if a["mimetype"] == "text/calendar")
    [event] = icalendar.Calendar.from_ical(ics["content"]).walk("VEVENT")
    return event


def test_the_invitation_keeps_its_uid_through_a_move_and_a_cancellation() -> None:
    office = make_office()
    appointment = book(office, office.at(10), language="nl").appointment
    booked = calendar_of(f"appointment:{appointment.reference}:confirmation")
    appointment_reschedule(actor="citizen", appointment=appointment, start=office.at(11))
    moved = calendar_of(f"appointment:{appointment.reference}:moved:1")
    appointment.refresh_from_db()
    appointment_cancel(actor="citizen", appointment=appointment)
    cancelled = calendar_of(f"appointment:{appointment.reference}:cancellation")
    assert booked["UID"] == moved["UID"] == cancelled["UID"]
    assert [int(e["SEQUENCE"]) for e in (booked, moved, cancelled)] == [0, 1, 2]
    assert cancelled["STATUS"] == "CANCELLED"
    start = moved.decoded("DTSTART")
    assert start == office.at(11)
    assert str(start.tzinfo) == str(TIMEZONE) or start.utcoffset() == office.at(11).utcoffset()
    assert moved["DTSTART"].params["TZID"] == "Europe/Brussels"


def test_the_invitation_carries_the_manage_link_and_what_to_bring() -> None:
    office = make_office()
    booked = book(office, office.at(10), language="en")
    event = calendar_of(f"appointment:{booked.appointment.reference}:confirmation")
    assert booked.manage_secret in str(event["URL"])
    assert "A recent passport photo" in str(event["DESCRIPTION"])
    assert "Grote Markt 21" in str(event["LOCATION"])


def test_the_confirmation_has_a_qr_code_of_the_reference() -> None:
    office = make_office()
    appointment = book(office, office.at(10)).appointment
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation")
    qr = next(a for a in message.attachments if a["mimetype"] == "image/png")
    assert base64.b64decode(qr["content"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert f"/appointments/{appointment.reference}/" in message.body_text


def test_times_in_messages_are_brussels_wall_clock_across_the_october_change() -> None:
    office = make_office()
    # The last Sunday of October: 02:00-03:00 happens twice; a 10:00 appointment stays 10:00 local.
    day = datetime.date(office.day.year, 10, 31)
    while day.weekday() != 6:
        day -= datetime.timedelta(days=1)
    if day <= office.day:  # this year's change has passed: take next year's
        day = datetime.date(office.day.year + 1, 10, 31)
        while day.weekday() != 6:
            day -= datetime.timedelta(days=1)
    from loket.appointments.models import BookingRule

    BookingRule.objects.filter(service=office.service).update(horizon_days=400)
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=TIMEZONE)
    appointment = book(office, start, language="nl").appointment
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation")
    assert "10:00" in message.body_text
    assert calendar_of(message.idempotency_key).decoded("DTSTART").hour == 10


def test_the_confirmation_says_which_kind_of_desk_and_what_it_costs() -> None:
    from decimal import Decimal

    office = make_office()
    office.service.cost_amount = Decimal("75.00")
    office.service.save()
    office.desks[0].theme = "Population"
    office.desks[0].save()
    appointment = book(office, office.at(10), language="en").appointment
    body = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation").body_text
    assert "Desk: Theme counter (Population)" in body
    assert "€ 75.00" in body


def test_the_cost_is_written_the_belgian_way_in_dutch_and_french() -> None:
    from decimal import Decimal

    office = make_office()
    office.service.cost_amount = Decimal("90.00")
    office.service.save()
    for language in ("nl", "fr"):
        appointment = book(
            office, office.at(10 if language == "nl" else 11), language=language, email=f"{language}@example.be"
        ).appointment
        body = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation").body_text
        assert "€ 90,00" in body
