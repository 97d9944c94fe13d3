"""What happens to an appointment after booking: moves, cancels, check-in, no-shows, reminders, waiting list."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from loket.appointments.models import (
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    BookingRule,
    WaitingListEntry,
    WaitingStatus,
)
from loket.appointments.services import (
    SlotTaken,
    appointment_cancel,
    appointment_check_in,
    appointment_documents_add,
    appointment_reschedule,
    appointments_record_no_shows,
    appointments_send_reminders,
    appointments_sweep,
    waiting_list_accept,
    waiting_list_join,
    waiting_list_leave,
)
from loket.core.errors import DomainError, PermissionDenied
from loket.core.models import AuditEntry
from loket.notifications.models import Channel, OutboxMessage
from loket.organisations.models import Role
from tests.appointments.test_booking import Office, book, make_office
from tests.factories import LocationFactory, staff_member

pytestmark = pytest.mark.django_db


def minutes(moment: datetime.datetime, delta: int) -> datetime.datetime:
    return moment + datetime.timedelta(minutes=delta)


# --- Move --------------------------------------------------------------------------------------


def test_reschedule_moves_the_appointment_and_frees_the_old_time() -> None:
    office = make_office()
    appointment = book(office, office.at(10)).appointment
    moved = appointment_reschedule(actor="citizen", appointment=appointment, start=office.at(11))
    assert (moved.start, moved.sequence, moved.reference) == (office.at(11), 1, appointment.reference)
    assert list(AppointmentPart.objects.filter(appointment=appointment).values_list("start", flat=True)) == [
        office.at(11)
    ]
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:moved:1")
    assert "SEQUENCE:1" in message.attachments[0]["content"]
    assert book(office, office.at(10), email="jan@example.be").appointment.start == office.at(10)


def test_reschedule_may_overlap_its_own_old_time() -> None:
    office = make_office()
    appointment = book(office, office.at(10)).appointment
    moved = appointment_reschedule(actor="citizen", appointment=appointment, start=minutes(office.at(10), 15))
    assert moved.start == office.at(10, 15)


def test_a_refused_reschedule_keeps_the_old_place() -> None:
    office = make_office()
    appointment = book(office, office.at(10)).appointment
    book(office, office.at(11), email="jan@example.be")
    with pytest.raises(SlotTaken) as raised:
        appointment_reschedule(actor="citizen", appointment=appointment, start=office.at(11))
    assert raised.value.alternatives
    appointment.refresh_from_db()
    assert appointment.start == office.at(10)
    assert AppointmentPart.objects.get(appointment=appointment, active=True).start == office.at(10)
    assert not OutboxMessage.objects.filter(idempotency_key__contains=":moved:").exists()


def test_staff_of_another_organisation_cannot_move_or_cancel() -> None:
    office = make_office()
    appointment = book(office).appointment
    outsider = staff_member(LocationFactory().organisation, Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        appointment_reschedule(actor=outsider, appointment=appointment, start=office.at(11))
    with pytest.raises(PermissionDenied):
        appointment_cancel(actor=outsider, appointment=appointment)
    appointment.refresh_from_db()
    assert (appointment.start, appointment.status) == (office.at(10), AppointmentStatus.BOOKED)


# --- Limits and documents ----------------------------------------------------------------------


def test_one_address_holds_a_limited_number_of_online_appointments_per_service() -> None:
    office = make_office(desks=3)
    BookingRule.objects.filter(service=office.service).update(max_active_per_contact=2)
    book(office, office.at(9))
    book(office, office.at(10), email="AN.PEETERS@example.be")  # the same address, other case
    with pytest.raises(DomainError) as raised:
        book(office, office.at(11))
    assert raised.value.code == "too_many_appointments"
    clerk = staff_member(office.location.organisation, Role.RECEPTION)
    assert book(office, office.at(11), actor=clerk, channel=BookingChannel.RECEPTION).appointment.pk


def test_documents_are_checked_by_their_content_not_their_name() -> None:
    office = make_office()
    appointment = book(office).appointment
    with pytest.raises(DomainError) as raised:
        appointment_documents_add(
            actor="citizen", appointment=appointment, files=[SimpleUploadedFile("scan.pdf", b"<html>not a pdf")]
        )
    assert raised.value.code == "invalid_file_type"
    png = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    [document] = appointment_documents_add(actor="citizen", appointment=appointment, files=[png])
    assert (document.content_type, document.original_name) == ("image/png", "photo.png")
    assert "photo" not in document.file.name  # stored under a random name


@override_settings(LOKET_DOCUMENT_MAX_BYTES=100)
def test_a_too_large_document_is_refused() -> None:
    office = make_office()
    appointment = book(office).appointment
    with pytest.raises(DomainError) as raised:
        appointment_documents_add(
            actor="citizen", appointment=appointment, files=[SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 200)]
        )
    assert raised.value.code == "file_too_large"
    assert not appointment.documents.exists()


# --- The manage secret -------------------------------------------------------------------------


def test_the_manage_secret_depends_on_the_server_key_and_survives_a_key_rotation() -> None:
    office = make_office()
    booked = book(office)
    appointment = Appointment.objects.get(pk=booked.appointment.pk)
    with override_settings(SECRET_KEY="another-key-" * 5):
        assert not appointment.manage_secret_matches(booked.manage_secret)
    from django.conf import settings

    with override_settings(SECRET_KEY="new-key-" * 8, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert appointment.manage_secret_matches(booked.manage_secret)


# --- Check-in and no-show ----------------------------------------------------------------------


def test_check_in_on_time_and_late() -> None:
    office = make_office(desks=2)
    on_time = book(office, office.at(10)).appointment
    late = book(office, office.at(10), email="jan@example.be").appointment
    checked = appointment_check_in(actor="kiosk", appointment=on_time, now=minutes(office.at(10), -20))
    assert (checked.status, checked.arrived_late) == (AppointmentStatus.CHECKED_IN, False)
    checked = appointment_check_in(actor="kiosk", appointment=late, now=minutes(office.at(10), 9))
    assert checked.arrived_late
    assert AuditEntry.objects.filter(action="appointments.appointment_check_in").count() == 2


def test_the_kiosk_refuses_too_early_and_other_days() -> None:
    office = make_office()
    appointment = book(office, office.at(10)).appointment
    with pytest.raises(DomainError) as raised:
        appointment_check_in(actor="kiosk", appointment=appointment, now=minutes(office.at(10), -90))
    assert raised.value.code == "too_early"
    with pytest.raises(DomainError) as raised:
        appointment_check_in(actor="kiosk", appointment=appointment, now=office.at(10) - datetime.timedelta(days=1))
    assert raised.value.code == "not_today"


def test_no_shows_are_recorded_after_the_end_plus_grace_and_staff_can_undo_one() -> None:
    office = make_office()
    appointment = book(office, office.at(10)).appointment  # 10:00-10:15, grace 5 minutes
    assert appointments_record_no_shows(now=office.at(10, 19)) == 0
    assert appointments_record_no_shows(now=office.at(10, 21)) == 1
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.NO_SHOW
    with pytest.raises(DomainError):
        appointment_check_in(actor="kiosk", appointment=appointment, now=office.at(10, 30))
    clerk = staff_member(office.location.organisation, Role.RECEPTION)
    checked = appointment_check_in(actor=clerk, appointment=appointment, now=office.at(10, 30))
    assert checked.status == AppointmentStatus.CHECKED_IN and checked.arrived_late


# --- Reminders ---------------------------------------------------------------------------------


def test_a_reminder_is_written_once_24_hours_before_with_the_cancel_link() -> None:
    office = make_office()  # a week ahead: the reminder is due
    appointment = book(office, office.at(10), phone="+32470123456", email="").appointment
    assert appointments_send_reminders(now=office.at(10) - datetime.timedelta(hours=25)) == 0
    assert appointments_send_reminders(now=office.at(10) - datetime.timedelta(hours=23)) == 1
    assert appointments_send_reminders(now=office.at(10) - datetime.timedelta(hours=22)) == 0
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:reminder:0")
    assert message.channel == Channel.SMS
    assert f"/appointments/{appointment.reference}/" in message.body_text


def test_a_moved_appointment_gets_its_reminder_for_the_new_time() -> None:
    office = make_office()
    appointment = book(office, office.at(10)).appointment
    appointment_reschedule(actor="citizen", appointment=appointment, start=office.at(11))
    assert appointments_send_reminders(now=office.at(10) - datetime.timedelta(hours=23, minutes=30)) == 0
    assert appointments_send_reminders(now=office.at(11) - datetime.timedelta(hours=23)) == 1
    assert OutboxMessage.objects.filter(idempotency_key=f"appointment:{appointment.reference}:reminder:1").exists()


def test_a_cancelled_appointment_gets_no_reminder() -> None:
    office = make_office()
    appointment = book(office, office.at(10)).appointment
    appointment_cancel(actor="citizen", appointment=appointment)
    assert appointments_send_reminders(now=office.at(10) - datetime.timedelta(hours=23)) == 0


# --- Waiting list ------------------------------------------------------------------------------


def full_office() -> tuple[Office, Appointment]:
    """One desk whose whole horizon is booked by reception; returns the last appointment of the horizon."""
    office = make_office()
    BookingRule.objects.filter(service=office.service).update(horizon_days=8, minimum_notice_minutes=0)
    clerk = staff_member(office.location.organisation, Role.RECEPTION)
    from loket.appointments.selectors import availability_free_slots

    today = office.day - datetime.timedelta(days=7)
    last = None
    while True:
        slots = availability_free_slots(
            services=[office.service],
            locations=[office.location],
            start=today,
            end=today + datetime.timedelta(days=9),
            channel=BookingChannel.RECEPTION,
        )
        if not slots:
            break
        made = book(office, slots[0].start, actor=clerk, channel=BookingChannel.RECEPTION, email="filler@example.be")
        last = made.appointment
    assert last is not None
    return office, last  # days ahead: a place freed there can be held for hours


def join(office: Office, email: str) -> WaitingListEntry:
    return waiting_list_join(
        service=office.service, location=office.location, name="Sara Janssens", email=email, language="nl"
    )


def test_joining_the_waiting_list_is_only_for_when_nothing_is_free() -> None:
    office = make_office()
    with pytest.raises(DomainError) as raised:
        join(office, "sara@example.be")
    assert raised.value.code == "slots_free"


def test_a_freed_place_is_held_for_the_first_in_line_then_the_next() -> None:
    office, first = full_office()
    sara, tom = join(office, "sara@example.be"), join(office, "tom@example.be")
    clerk = staff_member(office.location.organisation, Role.RECEPTION)
    appointment_cancel(actor=clerk, appointment=first)  # frees exactly one place
    sara.refresh_from_db()
    tom.refresh_from_db()
    assert (sara.status, tom.status) == (WaitingStatus.OFFERED, WaitingStatus.WAITING)
    held = sara.offered
    assert held is not None and held.status == AppointmentStatus.HELD
    assert OutboxMessage.objects.filter(idempotency_key=f"waiting:{sara.pk}:offer:{held.reference}").exists()
    # Nobody else can take the held place online.
    from loket.appointments.selectors import availability_earliest

    assert availability_earliest(services=[office.service], locations=[office.location]) is None
    # Not taken in time: it goes to Tom.
    assert held.hold_expires_at is not None
    appointments_sweep(now=held.hold_expires_at + datetime.timedelta(minutes=1))
    sara.refresh_from_db()
    tom.refresh_from_db()
    assert (sara.status, tom.status) == (WaitingStatus.EXPIRED, WaitingStatus.OFFERED)
    booked = waiting_list_accept(entry=tom, now=held.hold_expires_at + datetime.timedelta(minutes=2))
    assert booked.appointment.status == AppointmentStatus.BOOKED
    assert OutboxMessage.objects.filter(
        idempotency_key=f"appointment:{booked.appointment.reference}:confirmation", recipient="tom@example.be"
    ).exists()


def test_declining_an_offer_passes_it_on() -> None:
    office, first = full_office()
    sara, tom = join(office, "sara@example.be"), join(office, "tom@example.be")
    appointment_cancel(actor=staff_member(office.location.organisation, Role.RECEPTION), appointment=first)
    sara.refresh_from_db()
    waiting_list_leave(entry=sara)
    tom.refresh_from_db()
    assert tom.status == WaitingStatus.OFFERED
    with pytest.raises(DomainError):
        waiting_list_accept(entry=sara)


def test_the_sweep_command_records_what_is_due(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command

    office = make_office()
    appointment = book(office, office.at(10)).appointment
    Appointment.objects.filter(pk=appointment.pk).update(
        start=appointment.start - datetime.timedelta(days=8), end=appointment.end - datetime.timedelta(days=8)
    )
    call_command("sweep", once=True)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.NO_SHOW
    assert "1 no-shows" in capsys.readouterr().out


def test_staff_without_an_appointment_role_cannot_book_for_someone_or_cancel() -> None:
    office = make_office()
    editor = staff_member(office.location.organisation, Role.CATALOGUE_EDITOR)
    with pytest.raises(PermissionDenied):
        book(office, office.at(10), actor=editor, channel=BookingChannel.RECEPTION)
    appointment = book(office, office.at(11)).appointment
    with pytest.raises(PermissionDenied):
        appointment_cancel(actor=editor, appointment=appointment)
    from loket.appointments.booking_selectors import appointment_for_staff
    from loket.core.errors import NotFound

    with pytest.raises(NotFound):
        appointment_for_staff(user=editor, reference=appointment.reference)


def test_the_citizen_may_have_messages_by_sms_though_an_email_is_known() -> None:
    office = make_office()
    booked = book(office, office.at(10), phone="0470 12 34 56", message_channel="sms").appointment
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{booked.reference}:confirmation")
    assert (message.channel, message.recipient) == (Channel.SMS, "+32470123456")
    with pytest.raises(DomainError) as raised:
        book(office, office.at(11), email="jan@example.be", message_channel="sms")
    assert raised.value.field == "phone"


def test_repeated_no_shows_are_flagged_only_from_the_same_organisation() -> None:
    from loket.appointments.booking_selectors import repeated_no_shows

    office, other = make_office(desks=2), make_office(desks=2)
    BookingRule.objects.update(max_active_per_contact=5)
    for hour in (9, 10):
        book(other, other.at(hour), email="jan@example.be")
    appointments_record_no_shows(now=other.at(12) + datetime.timedelta(hours=1))
    coming = book(office, office.at(10) + datetime.timedelta(days=1), email="jan@example.be").appointment
    assert repeated_no_shows(appointments=[coming], now=other.at(12) + datetime.timedelta(hours=2)) == {}
    for hour in (9, 10):
        book(office, office.at(hour), email="jan@example.be")
    appointments_record_no_shows(now=office.at(12) + datetime.timedelta(hours=1))
    assert repeated_no_shows(appointments=[coming], now=office.at(12) + datetime.timedelta(hours=2)) == {coming.pk: 2}


def test_each_part_knows_whether_it_was_booked_online_even_after_a_move() -> None:
    office = make_office(desks=2)
    online = book(office, office.at(10)).appointment
    clerk = staff_member(office.location.organisation, Role.RECEPTION)
    staff = book(office, office.at(10), actor=clerk, channel=BookingChannel.RECEPTION, email="jan@example.be")
    assert list(online.parts.values_list("online", flat=True)) == [True]
    assert list(staff.appointment.parts.values_list("online", flat=True)) == [False]
    appointment_reschedule(actor="citizen", appointment=online, start=office.at(11))
    assert list(online.parts.values_list("online", flat=True)) == [True]
