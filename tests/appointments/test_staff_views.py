"""The staff appointment pages: the day list, booking for someone, one appointment, documents.

Checking in from these pages is tested with the queue (``tests/queueing/test_staff_views.py``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    Appointment,
    AppointmentDocument,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    CapacitySession,
)
from loket.appointments.selectors import availability_earliest
from loket.appointments.services import new_reference
from loket.catalog.models import Service
from loket.notifications.models import OutboxMessage
from loket.organisations.models import Desk, Location, Role
from tests.factories import DeskFactory, LocationFactory, ServiceFactory, staff_member

pytestmark = pytest.mark.django_db
# A fixed "now" on a weekday morning in Brussels, so the day and lateness never depend on the clock.
NOW = datetime.datetime(2026, 12, 8, 10, 30, tzinfo=TIMEZONE)


@dataclass
class Office:
    location: Location
    desks: list[Desk]
    service: Service

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TIMEZONE)


def make_office(*, desks: int = 2, online_desks: int | None = None, location: Location | None = None) -> Office:
    """A location taking appointments 09:00-16:00 every day, ``desks`` desks, one 15-minute service."""
    location = location or LocationFactory(closed_on_public_holidays=False)
    service = ServiceFactory(
        organisation=location.organisation,
        duration_minutes=15,
        documents_nl="Uw identiteitskaart\nEen recente pasfoto",
        documents_fr="Votre carte d'identité\nUne photo d'identité récente",
        documents_en="Your identity card\nA recent passport photo",
    )
    desk_rows = [DeskFactory(location=location, name=f"Loket {n + 1}") for n in range(desks)]
    for weekday in range(7):
        session = CapacitySession.objects.create(
            location=location,
            weekday=weekday,
            starts=datetime.time(9),
            ends=datetime.time(16),
            online_desks=online_desks,
        )
        session.desks.set(desk_rows)
        session.services.set([service])
    return Office(location=location, desks=desk_rows, service=service)


def make_appointment(
    office: Office,
    start: datetime.datetime,
    *,
    name: str = "An Peeters",
    email: str = "an@example.be",
    status: str = AppointmentStatus.BOOKED,
    desk: Desk | None = None,
    remark: str = "",
) -> Appointment:
    end = start + datetime.timedelta(minutes=15)
    appointment = Appointment.objects.create(
        reference=new_reference(),
        location=office.location,
        start=start,
        end=end,
        status=status,
        channel=BookingChannel.ONLINE,
        name=name,
        email=email,
        language="nl",
        remark=remark,
    )
    part = AppointmentPart.objects.create(
        appointment=appointment,
        desk=desk or office.desks[0],
        start=start,
        end=end,
        busy_until=end,
        active=status != AppointmentStatus.CANCELLED,
        online=True,  # the part's copy of its appointment's channel
    )
    part.services.set([office.service])
    return appointment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))
    return NOW


@pytest.fixture
def office() -> Office:
    return make_office()


def login(client: Client, office: Office, role: str = Role.RECEPTION) -> Client:
    client.force_login(staff_member(office.location.organisation, role))
    return client


def day_url(office: Office, day: datetime.date, **extra: str) -> str:
    query = "&".join(
        f"{key}={value}" for key, value in {"location": office.location.slug, "date": day, **extra}.items()
    )
    return reverse("appointments-staff-day") + "?" + query


# --- Access ------------------------------------------------------------------------------------


def test_the_day_view_asks_to_log_in_and_refuses_staff_without_an_appointment_role(client: Client, office) -> None:
    assert client.get(reverse("appointments-staff-day")).status_code == 302
    login(client, office, Role.CATALOGUE_EDITOR)
    assert client.get(reverse("appointments-staff-day")).status_code == 403
    assert client.get(reverse("appointments-staff-book")).status_code == 403


def test_the_staff_navigation_shows_appointments_only_to_roles_that_work_with_them(client: Client, office) -> None:
    login(client, office, Role.CONTACT_CENTRE)
    assert reverse("appointments-staff-day") in client.get(reverse("staff-home")).content.decode()
    client.force_login(staff_member(office.location.organisation, Role.CATALOGUE_EDITOR))
    assert reverse("appointments-staff-day") not in client.get(reverse("staff-home")).content.decode()


# --- The day view ------------------------------------------------------------------------------


def test_day_view_lists_only_that_locations_appointments_of_that_day(client: Client, office, clock) -> None:
    today = NOW.date()
    mine = make_appointment(office, office.at(today, 11), name="An Peeters", remark="Komt met rolstoel")
    tomorrow = make_appointment(office, office.at(today + datetime.timedelta(days=1), 11), name="Bram Tomorrow")
    cancelled = make_appointment(office, office.at(today, 12), name="Cas Cancelled", status=AppointmentStatus.CANCELLED)
    elsewhere = make_office(location=LocationFactory(organisation=office.location.organisation))
    other_place = make_appointment(elsewhere, elsewhere.at(today, 11), name="Dirk Elsewhere")
    login(client, office)

    page = client.get(day_url(office, today)).content.decode()

    assert mine.reference in page
    assert "Komt met rolstoel" in page
    assert "Loket 1" in page
    for absent in (tomorrow, cancelled, other_place):
        assert absent.reference not in page


def test_the_day_view_defaults_to_the_first_location_and_today(client: Client, office, clock) -> None:
    appointment = make_appointment(office, office.at(NOW.date(), 14))
    login(client, office)
    response = client.get(reverse("appointments-staff-day"))
    assert response.status_code == 200
    assert appointment.reference in response.content.decode()


def test_the_day_view_filters_by_desk(client: Client, office, clock) -> None:
    today = NOW.date()
    first = make_appointment(office, office.at(today, 11), desk=office.desks[0])
    second = make_appointment(office, office.at(today, 11), desk=office.desks[1], email="b@example.be")
    login(client, office)
    page = client.get(day_url(office, today, desk=str(office.desks[1].pk))).content.decode()
    assert second.reference in page
    assert first.reference not in page


def test_the_day_view_of_another_organisations_location_is_not_found(client: Client, office, clock) -> None:
    other = make_office()
    make_appointment(other, other.at(NOW.date(), 11))
    login(client, office)
    assert client.get(day_url(other, NOW.date())).status_code == 404


def test_the_day_view_counts_and_flags_people_who_missed_appointments_before(client: Client, office, clock) -> None:
    today = NOW.date()
    for days_ago in (10, 20):
        make_appointment(
            office,
            office.at(today - datetime.timedelta(days=days_ago), 9),
            email="often.away@example.be",
            status=AppointmentStatus.NO_SHOW,
        )
    flagged = make_appointment(office, office.at(today, 15), email="often.away@example.be", name="Often Away")
    make_appointment(office, office.at(today, 9), status=AppointmentStatus.NO_SHOW, email="c@example.be")
    late = make_appointment(office, office.at(today, 9, 30), status=AppointmentStatus.CHECKED_IN, email="d@example.be")
    Appointment.objects.filter(pk=late.pk).update(arrived_at=NOW, arrived_late=True)
    login(client, office)

    with translation.override("en"):
        response = client.get(day_url(office, today))

    assert response.context["counts"] == {"booked": 1, "checked_in": 0, "late": 1, "no_show": 1}
    [row] = [row for row, _titles in response.context["rows"] if row.appointment.pk == flagged.pk]
    assert row.missed_before == 2
    assert "Missed 2 appointments before" in response.content.decode()


def test_the_day_views_query_count_does_not_grow_with_the_number_of_appointments(client: Client, office, clock) -> None:
    today = NOW.date()
    login(client, office)

    def queries_for(count: int) -> int:
        Appointment.objects.all().delete()
        for n in range(count):
            appointment = make_appointment(
                office, office.at(today, 9) + datetime.timedelta(minutes=15 * n), email=f"p{n}@example.be"
            )
            AppointmentDocument.objects.create(
                appointment=appointment, file="x.pdf", original_name="id.pdf", content_type="application/pdf", size=3
            )
        with CaptureQueriesContext(connection) as captured:
            response = client.get(day_url(office, today))
        assert len(response.context["rows"]) == count
        return len(captured)

    assert queries_for(2) == queries_for(12)


# The check-in POST gives a queue ticket, so it and its tests live in the queue:
# ``tests/queueing/test_staff_views.py``.


# --- Booking for someone -----------------------------------------------------------------------


def test_booking_on_behalf_uses_the_staff_quota_and_sends_the_confirmation(client: Client) -> None:
    office = make_office(desks=1, online_desks=0)
    assert availability_earliest(services=[office.service], locations=[office.location]) is None  # nothing online
    login(client, office)
    choose = reverse("appointments-staff-book") + f"?services={office.service.slug}&location={office.location.slug}"

    response = client.get(choose)
    assert response.status_code == 200
    slots = response.context["slots"]
    assert 1 <= len(slots) <= 10
    start = slots[0]
    details = client.get(choose + "&start=" + start.isoformat().replace("+", "%2B"))
    assert details.status_code == 200
    assert details.context["form"].initial["channel"] == BookingChannel.RECEPTION

    response = client.post(
        reverse("appointments-staff-book"),
        {
            "services": office.service.slug,
            "location": office.location.slug,
            "start": start.isoformat(),
            "name": "Maria Janssens",
            "email": "",
            "phone": "0470 12 34 56",
            "language": "fr",
            "remark": "Slechtziend",
            "channel": BookingChannel.RECEPTION,
        },
    )

    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments-staff-booked", kwargs={"reference": appointment.reference})
    assert appointment.channel == BookingChannel.RECEPTION
    assert appointment.start == start
    assert appointment.phone == "+32470123456"
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation")
    assert message.recipient == "+32470123456"
    confirmation = client.get(response["Location"]).content.decode()
    assert appointment.reference in confirmation
    assert "Une photo d&#x27;identité récente" in confirmation  # what to bring, in the person's language
    assert f"/fr/appointments/{appointment.reference}/" in confirmation  # the manage link


def test_a_contact_centre_agent_books_on_the_phone_by_default(client: Client, office) -> None:
    login(client, office, Role.CONTACT_CENTRE)
    start = client.get(
        reverse("appointments-staff-book") + f"?services={office.service.slug}&location={office.location.slug}"
    ).context["slots"][0]
    details = client.get(
        reverse("appointments-staff-book"),
        {"services": office.service.slug, "location": office.location.slug, "start": start.isoformat()},
    )
    assert details.context["form"].initial["channel"] == BookingChannel.PHONE


def test_bad_input_shows_the_message_next_to_the_field_and_changes_nothing(client: Client, office) -> None:
    login(client, office)
    start = client.get(
        reverse("appointments-staff-book") + f"?services={office.service.slug}&location={office.location.slug}"
    ).context["slots"][0]
    base = {
        "services": office.service.slug,
        "location": office.location.slug,
        "start": start.isoformat(),
        "language": "nl",
        "channel": BookingChannel.PHONE,
    }
    no_name = client.post(reverse("appointments-staff-book"), {**base, "name": "", "email": "a@example.be"})
    bad_mail = client.post(reverse("appointments-staff-book"), {**base, "name": "An", "email": "not-an-address"})
    no_contact = client.post(reverse("appointments-staff-book"), {**base, "name": "An", "email": "", "phone": ""})

    assert no_name.status_code == bad_mail.status_code == no_contact.status_code == 400
    assert no_name.context["form"].errors["name"]
    assert bad_mail.context["form"].errors["email"]  # the service's message, in the agent's language
    assert 'id="id_email-error"' in bad_mail.content.decode()
    assert no_contact.context["form"].errors["email"]
    assert Appointment.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_a_service_of_another_organisation_cannot_be_chosen(client: Client, office) -> None:
    other = make_office()
    login(client, office)
    response = client.get(
        reverse("appointments-staff-book"), {"services": other.service.slug, "location": other.location.slug}
    )
    assert response.status_code == 400
    assert response.context["errors"]["services"]
    assert response.context["errors"]["location"]
    assert "slots" not in response.context


def test_a_taken_time_shows_the_alternatives(client: Client) -> None:
    office = make_office(desks=1)
    login(client, office)
    start = client.get(
        reverse("appointments-staff-book") + f"?services={office.service.slug}&location={office.location.slug}"
    ).context["slots"][0]
    make_appointment(office, start)  # someone else was quicker
    response = client.post(
        reverse("appointments-staff-book"),
        {
            "services": office.service.slug,
            "location": office.location.slug,
            "start": start.isoformat(),
            "name": "An",
            "email": "late@example.be",
            "language": "nl",
            "channel": BookingChannel.RECEPTION,
        },
    )
    assert response.status_code == 409
    assert response.context["alternatives"]
    assert all(alternative > start for alternative in response.context["alternatives"])
    assert Appointment.objects.count() == 1


# --- One appointment ---------------------------------------------------------------------------


def test_the_appointment_page_of_another_organisation_is_not_found(client: Client, office) -> None:
    appointment = make_appointment(office, office.at(timezone.localdate() + datetime.timedelta(days=3), 11))
    login(client, office)
    assert (
        client.get(reverse("appointments-staff-detail", kwargs={"reference": appointment.reference})).status_code == 200
    )
    client.force_login(staff_member(make_office().location.organisation, Role.MANAGER))
    for name in ("appointments-staff-detail", "appointments-staff-cancel", "appointments-staff-move"):
        assert client.get(reverse(name, kwargs={"reference": appointment.reference})).status_code == 404


def test_cancel_needs_a_post_after_the_confirmation_page(client: Client, office) -> None:
    appointment = make_appointment(office, office.at(timezone.localdate() + datetime.timedelta(days=3), 11))
    url = reverse("appointments-staff-cancel", kwargs={"reference": appointment.reference})
    login(client, office)

    page = client.get(url)
    appointment.refresh_from_db()
    assert page.status_code == 200
    assert appointment.status == AppointmentStatus.BOOKED

    response = client.post(url)
    appointment.refresh_from_db()
    assert response.status_code == 302
    assert appointment.status == AppointmentStatus.CANCELLED
    assert OutboxMessage.objects.filter(idempotency_key__contains=appointment.reference).exists()


def test_moving_takes_a_free_staff_time(client: Client) -> None:
    office = make_office(desks=1, online_desks=0)
    appointment = make_appointment(office, office.at(timezone.localdate() + datetime.timedelta(days=3), 11))
    url = reverse("appointments-staff-move", kwargs={"reference": appointment.reference})
    login(client, office)
    slots = client.get(url).context["slots"]
    assert slots
    response = client.post(url, {"start": slots[0].isoformat()})
    appointment.refresh_from_db()
    assert response.status_code == 302
    assert appointment.start == slots[0]
    assert client.post(url, {"start": "yesterday"}).status_code == 400


# --- Documents ---------------------------------------------------------------------------------


def test_a_document_is_downloaded_only_by_the_organisation(client: Client, office, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    appointment = make_appointment(office, office.at(timezone.localdate() + datetime.timedelta(days=3), 11))
    document = AppointmentDocument(
        appointment=appointment, original_name="attest huisarts.pdf", content_type="application/pdf", size=12
    )
    document.file.save("attest.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    url = reverse(
        "appointments-staff-document", kwargs={"reference": appointment.reference, "document_id": document.pk}
    )

    assert client.get(url).status_code == 302  # to the login page
    login(client, office)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "attest huisarts.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"

    client.force_login(staff_member(make_office().location.organisation, Role.RECEPTION))
    assert client.get(url).status_code == 404


def test_staff_appointment_pages_are_never_cached(client) -> None:  # noqa: ANN001
    from tests.appointments.test_booking import make_office
    from tests.factories import staff_member

    office = make_office()
    client.force_login(staff_member(office.location.organisation, Role.RECEPTION))
    response = client.get("/en/staff/appointments/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
