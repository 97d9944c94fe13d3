"""Booking and cancelling through ``appointments.services``, against the database."""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from loket.appointments import services as booking_services
from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    BookingRule,
    CapacitySession,
)
from loket.appointments.selectors import availability_earliest, availability_free_slots
from loket.appointments.services import BookedAppointment, SlotTaken, appointment_book, appointment_cancel
from loket.catalog.models import Service
from loket.core.errors import DomainError, PermissionDenied
from loket.core.models import AuditEntry
from loket.notifications.models import Channel, OutboxMessage
from loket.organisations.models import Desk, Location, Role
from tests.factories import DeskFactory, LocationFactory, ServiceFactory, staff_member

pytestmark = pytest.mark.django_db


@dataclass
class Office:
    location: Location
    desks: list[Desk]
    service: Service
    other: Service
    day: datetime.date

    def at(self, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(self.day, datetime.time(hour, minute), tzinfo=TIMEZONE)


def make_office(*, desks: int = 1, online_desks: int | None = None) -> Office:
    """A location open 09:00-12:00 every day (holidays too) with ``desks`` desks serving two services."""
    location = LocationFactory(closed_on_public_holidays=False)
    service = ServiceFactory(
        organisation=location.organisation,
        duration_minutes=15,
        documents_en="Your identity card\nA recent passport photo",
        documents_fr="Votre carte d'identité\nUne photo d'identité récente",
    )
    other = ServiceFactory(
        organisation=location.organisation,
        duration_minutes=30,
        title_en="Change of address",
        title_fr="Changement d'adresse",
    )
    BookingRule.objects.create(service=service, buffer_minutes=5)
    desk_rows = [DeskFactory(location=location) for _ in range(desks)]
    for weekday in range(7):
        session = CapacitySession.objects.create(
            location=location,
            weekday=weekday,
            starts=datetime.time(9),
            ends=datetime.time(12),
            online_desks=online_desks,
        )
        session.desks.set(desk_rows)
        session.services.set([service, other])
    day = timezone.now().astimezone(TIMEZONE).date() + datetime.timedelta(days=7)
    return Office(location=location, desks=desk_rows, service=service, other=other, day=day)


def book(office: Office, start: datetime.datetime | None = None, **overrides: Any) -> BookedAppointment:
    arguments: dict[str, Any] = {
        "actor": "citizen",
        "channel": BookingChannel.ONLINE,
        "services": [office.service.slug],
        "location": office.location,
        "start": start or office.at(10),
        "name": "An Peeters",
        "email": "an.peeters@example.be",
        "phone": "",
        "language": "nl",
    }
    arguments.update(overrides)
    return appointment_book(**arguments)


def test_booking_a_free_slot_creates_it_with_its_confirmation_in_the_outbox() -> None:
    office = make_office()
    booked = book(office, office.at(10), language="fr", remark="  Rolstoel  ")
    appointment = booked.appointment
    assert appointment.status == AppointmentStatus.BOOKED
    assert appointment.start == office.at(10)
    assert appointment.end == office.at(10, 15)
    assert appointment.remark == "Rolstoel"
    assert len(appointment.reference) == 8
    [part] = AppointmentPart.objects.filter(appointment=appointment)
    assert part.desk == office.desks[0]
    assert part.busy_until == office.at(10, 20)  # the service's 5-minute buffer
    assert part.active
    assert list(part.services.all()) == [office.service]
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation")
    assert message.channel == Channel.EMAIL
    assert message.recipient == "an.peeters@example.be"
    assert message.language == "fr"
    assert "Demander une carte d'identité" in message.subject
    assert appointment.reference in message.body_text
    assert "10:00" in message.body_text
    assert "Grote Markt 21, 2800 Mechelen" in message.body_text
    assert "Une photo d'identité récente" in message.body_text
    attachment, qr = message.attachments
    assert qr["mimetype"] == "image/png"
    assert attachment["mimetype"] == "text/calendar"
    assert attachment["params"] == {"method": "REQUEST"}
    assert "METHOD:REQUEST" in attachment["content"]
    assert AuditEntry.objects.filter(action="appointments.appointment_book", object_id=str(appointment.pk)).exists()


def test_confirmation_goes_by_sms_when_only_a_phone_is_given() -> None:
    office = make_office()
    booked = book(office, office.at(10), email="", phone="0032 470 12 34 56")
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{booked.appointment.reference}:confirmation")
    assert message.channel == Channel.SMS
    assert message.recipient == "+32470123456"
    assert booked.appointment.phone == "+32470123456"


def test_a_failure_after_the_confirmation_rolls_back_booking_and_message(monkeypatch: pytest.MonkeyPatch) -> None:
    office = make_office()
    real_message = booking_services.messages.send_confirmation

    def message_then_fail(*args: Any, **kwargs: Any) -> None:
        real_message(*args, **kwargs)
        assert OutboxMessage.objects.count() == 1  # it was written, in the booking's transaction
        raise RuntimeError("crash after enqueue")

    monkeypatch.setattr(booking_services.messages, "send_confirmation", message_then_fail)
    with pytest.raises(RuntimeError):
        book(office, office.at(10))
    assert Appointment.objects.count() == 0
    assert AppointmentPart.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_a_taken_slot_raises_conflict_with_the_next_free_slots() -> None:
    office = make_office()
    book(office, office.at(10))
    with pytest.raises(SlotTaken) as raised:
        book(office, office.at(10), email="jan@example.be")
    error = raised.value
    assert error.code == "slot_taken"
    assert error.status == 409
    assert error.field == "start"
    assert error.alternatives
    assert all(slot.start > office.at(10) for slot in error.alternatives)
    assert error.alternatives[0].start == office.at(10, 30)  # 10:00 + 15 min + 5 min buffer, on the grid
    assert Appointment.objects.count() == 1


def test_combined_services_get_one_slot_long_enough_for_both() -> None:
    office = make_office()
    booked = book(office, office.at(9), services=[office.service.slug, office.other.slug])
    assert booked.appointment.end - booked.appointment.start == datetime.timedelta(minutes=45)
    [part] = booked.appointment.parts.all()
    assert part.end == office.at(9, 45)
    assert {service.slug for service in part.services.all()} == {office.service.slug, office.other.slug}
    with pytest.raises(SlotTaken):
        book(office, office.at(9, 30), services=[office.other.slug], email="jan@example.be")


def test_online_quota_leaves_the_staff_desks_free_for_reception() -> None:
    office = make_office(desks=2, online_desks=1)
    book(office, office.at(10))
    with pytest.raises(SlotTaken):
        book(office, office.at(10), email="jan@example.be")
    clerk = staff_member(office.location.organisation, Role.RECEPTION)
    booked = book(office, office.at(10), actor=clerk, channel=BookingChannel.RECEPTION, email="jan@example.be")
    assert booked.appointment.parts.get().desk in office.desks
    assert AppointmentPart.objects.filter(active=True).values("desk").distinct().count() == 2


def test_a_staff_channel_needs_staff_of_the_organisation() -> None:
    office = make_office()
    with pytest.raises(PermissionDenied):
        book(office, office.at(10), channel=BookingChannel.PHONE)
    with pytest.raises(PermissionDenied):
        book(office, office.at(10), actor=staff_member(LocationFactory().organisation), channel=BookingChannel.PHONE)
    assert Appointment.objects.count() == 0


def test_cancel_frees_the_place_at_once_and_it_can_be_booked_again() -> None:
    office = make_office()
    first = book(office, office.at(10)).appointment
    cancelled = appointment_cancel(actor="citizen", appointment=first)
    assert cancelled.status == AppointmentStatus.CANCELLED
    assert not AppointmentPart.objects.filter(appointment=first, active=True).exists()
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{first.reference}:cancellation")
    assert "METHOD:CANCEL" in message.attachments[0]["content"]
    assert message.attachments[0]["params"] == {"method": "CANCEL"}
    again = book(office, office.at(10), email="jan@example.be").appointment
    assert again.parts.get().desk == office.desks[0]
    with pytest.raises(DomainError) as raised:
        appointment_cancel(actor="citizen", appointment=first)
    assert raised.value.code == "not_cancellable"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"services": ["no-such-service"]}, "services"),
        ({"services": []}, "services"),
        ({"name": "  "}, "name"),
        ({"email": "", "phone": ""}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"language": "de"}, "language"),
        ({"start": datetime.datetime(2030, 1, 7, 10)}, "start"),  # noqa: DTZ001 - naive on purpose
        ({"channel": "fax"}, "channel"),
    ],
)
def test_bad_input_changes_nothing_and_names_the_field(overrides: dict[str, Any], field: str) -> None:
    office = make_office()
    audit_before = AuditEntry.objects.count()
    arguments = {"start": office.at(10), **overrides}
    with pytest.raises(DomainError) as raised:
        book(office, **arguments)
    assert raised.value.field == field
    assert str(raised.value.message)
    assert Appointment.objects.count() == 0
    assert AppointmentPart.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_manage_secret_has_128_bits_and_is_not_stored() -> None:
    office = make_office()
    booked = book(office, office.at(10))
    secret = booked.manage_secret
    assert len(base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))) * 8 >= 128
    stored = Appointment.objects.get(pk=booked.appointment.pk)
    assert secret not in str(list(Appointment.objects.values().get(pk=stored.pk).values()))
    assert stored.manage_secret_matches(secret)
    assert not stored.manage_secret_matches(secret[:-1] + ("A" if secret[-1] != "A" else "B"))
    assert not stored.manage_secret_matches("")
    other = book(office, office.at(11), email="jan@example.be")
    assert other.manage_secret != secret
    assert not stored.manage_secret_matches(other.manage_secret)


def test_references_use_an_unambiguous_alphabet() -> None:
    references = {booking_services.new_reference() for _ in range(200)}
    assert len(references) == 200
    assert not set("".join(references)) & set("01OIL")


def test_bookings_inside_an_outer_transaction_roll_back_with_it() -> None:
    office = make_office()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        book(office, office.at(10))
        _ = 1 / 0
    assert Appointment.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_cancel_by_staff_of_another_organisation_is_refused() -> None:
    office = make_office()
    appointment = book(office).appointment
    with pytest.raises(PermissionDenied):
        appointment_cancel(actor=staff_member(LocationFactory().organisation), appointment=appointment)
    assert AppointmentPart.objects.get(appointment=appointment).active


def test_public_holidays_close_a_location_that_closes_on_them() -> None:
    office = make_office()
    office.location.closed_on_public_holidays = True
    office.location.save()
    now = datetime.datetime(2026, 12, 20, 10, tzinfo=TIMEZONE)
    christmas, boxing_day = datetime.date(2026, 12, 25), datetime.date(2026, 12, 26)
    services = [office.service]
    assert (
        availability_free_slots(
            services=services, locations=[office.location], start=christmas, end=boxing_day, now=now
        )
        == []
    )
    after = availability_free_slots(
        services=services,
        locations=[office.location],
        start=boxing_day,
        end=boxing_day + datetime.timedelta(1),
        now=now,
    )
    assert after[0].start == datetime.datetime(2026, 12, 26, 9, tzinfo=TIMEZONE)


def test_earliest_free_slot_respects_the_minimum_notice_and_skips_booked_time() -> None:
    office = make_office()
    now = datetime.datetime.combine(office.day, datetime.time(8, 30), tzinfo=TIMEZONE)
    book(office, office.at(9, 30))
    slot = availability_earliest(services=[office.service], locations=[office.location], now=now)
    assert slot is not None
    # 60 minutes' notice: not before 09:30; the desk is busy 09:30-09:50 (buffer), next grid start 10:00.
    assert slot.start == office.at(10)
    assert slot.location == office.location.slug
