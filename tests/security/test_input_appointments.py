"""Hostile, oversize and malformed input on the booking forms and the kiosk: text stays text, nothing half-done.

The citizen's booking form (with its documents), the documents added later, booking on behalf by
staff, and the kiosk's two forms. Markup typed in a text field comes back escaped on the
confirmation page, the staff's day list and appointment page; the e-mail is plain text. Too long,
a date that is no date, a 3 MB form, a program renamed ``.pdf`` or a file too big: refused with a
message in the citizen's language, and no appointment, document or file is stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.appointments.models import Appointment, AppointmentDocument, BookingChannel
from loket.appointments.services import MAX_NAME_LENGTH
from loket.notifications.models import OutboxMessage
from loket.organisations.models import Role
from loket.queueing.models import Ticket
from tests.appointments.test_booking import Office, book, make_office
from tests.appointments.test_citizen_pages import stamp_from
from tests.factories import staff_member
from tests.queueing.helpers import make_hall
from tests.security.inputs import EXE, PAYLOAD, PDF, THREE_MEGABYTES, assert_inert, assert_shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_forms(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.LOKET_CHALLENGE_NO_SCRIPT_MIN_SECONDS = 0  # type: ignore[attr-defined]  # tests post at once
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    cache.clear()  # the booking rate limit


@pytest.fixture
def office(db: None) -> Office:
    return make_office()


def url(name: str, lang: str = "nl", **kwargs: object) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def booking_post(
    office: Office, lang: str = "fr", files: list[SimpleUploadedFile] | None = None, **fields: object
) -> object:
    """The details step at 10:00, as the citizen sends it (no-script path: the form's stamp)."""
    client = Client()
    start = office.at(10)
    query = f"?services={office.service.slug}&suggested=1&location={office.location.slug}"
    query += f"&date={start.date().isoformat()}&start={start.isoformat()}"
    page = client.get(url("appointment-book", lang) + query.replace("+", "%2B"))
    assert page.status_code == 200
    data: dict[str, object] = {
        "services": office.service.slug,
        "suggested": "1",
        "location": office.location.slug,
        "date": start.date().isoformat(),
        "start": start.isoformat(),
        "name": "Fatima El Amrani",
        "email": "fatima.elamrani@example.be",
        "phone": "",
        "language": lang,
        "remark": "",
        "challenge_stamp": stamp_from(page.content.decode()),
        **fields,
    }
    if files:
        data["documents"] = files
    response = client.post(url("appointment-book", lang), data)
    response.client = client  # type: ignore[attr-defined]
    return response


def reception(office: Office) -> Client:
    client = Client()
    client.force_login(staff_member(office.location.organisation, Role.RECEPTION))
    return client


def assert_nothing_booked() -> None:
    assert not Appointment.objects.exists()
    assert not AppointmentDocument.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_markup_in_the_booking_form_is_shown_as_text_to_the_citizen_and_the_staff(office: Office) -> None:
    response = booking_post(office, name=PAYLOAD, remark=PAYLOAD)
    assert response.status_code == 302, response.content.decode()[:3000]  # type: ignore[attr-defined]
    appointment = Appointment.objects.get()
    assert appointment.name == PAYLOAD and appointment.remark == PAYLOAD
    confirmation = response.client.get(response["Location"]).content.decode()  # type: ignore[attr-defined,index]
    assert_inert(confirmation)
    staff = reception(office)
    day = url("appointments-staff-day") + f"?location={office.location.slug}&date={office.day.isoformat()}"
    assert_shown(staff.get(day).content.decode())
    assert_shown(staff.get(url("appointments-staff-detail", reference=appointment.reference)).content.decode(), times=2)
    message = OutboxMessage.objects.get()
    assert message.body_html == ""  # plain text only: markup in it is shown as text


def test_a_bad_address_comes_back_in_the_field_as_text(office: Office) -> None:
    response = booking_post(office, email=PAYLOAD)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert_shown(response.content.decode())  # type: ignore[attr-defined]
    assert_nothing_booked()


def test_a_name_too_long_is_refused_in_the_citizens_language(office: Office) -> None:
    response = booking_post(office, "fr", name="x" * (MAX_NAME_LENGTH + 1))
    assert response.status_code == 400  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert f"au plus {MAX_NAME_LENGTH} caractères" in html
    assert_nothing_booked()


def test_a_three_megabyte_form_is_refused_in_the_citizens_language(office: Office) -> None:
    response = booking_post(office, "fr", remark="x" * THREE_MEGABYTES)
    assert response.status_code == 400  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert '<html lang="fr">' in html and 'id="bad-request"' in html
    assert "x" * 100 not in html  # nothing of what was sent is shown back
    assert_nothing_booked()


@pytest.mark.parametrize(
    "start",
    ["2026-02-30T10:00:00+01:00", "demain à dix heures", "9999-99-99T99:99", "' OR 1=1 --"],
)
def test_a_time_that_is_no_time_asks_the_day_again_and_books_nothing(office: Office, start: str) -> None:
    response = booking_post(office, start=start)
    assert response.status_code == 200  # type: ignore[attr-defined]  # the day step again, not an error page
    assert 'id="times"' in response.content.decode() or "<table" in response.content.decode()  # type: ignore[attr-defined]
    assert_nothing_booked()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(EXE, "Envoyez un fichier PDF, JPEG ou PNG", id="a program renamed .pdf"),
        pytest.param(PDF + b"0" * 2**20, "Ce fichier est trop grand : 1 Mo maximum.", id="too big"),
    ],
)
def test_a_document_that_is_no_document_or_too_big_is_refused_and_nothing_is_stored(
    office: Office, settings: pytest.FixtureRequest, tmp_path: Path, content: bytes, message: str
) -> None:
    settings.LOKET_DOCUMENT_MAX_BYTES = 2**20  # type: ignore[attr-defined]
    upload = SimpleUploadedFile("carte-identite.pdf", content, content_type="application/pdf")
    response = booking_post(office, "fr", files=[upload])
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in response.content.decode()  # type: ignore[attr-defined]
    assert_nothing_booked()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_a_program_added_later_as_a_document_is_refused_and_nothing_is_stored(office: Office, tmp_path: Path) -> None:
    booked = book(office)
    upload = SimpleUploadedFile("scan.pdf", EXE, content_type="application/pdf")
    response = Client().post(
        url("appointment-documents", "nl", reference=booked.appointment.reference, secret=booked.manage_secret),
        {"documents": [upload]},
    )
    assert response.status_code == 400
    assert "Stuur een PDF-, JPEG- of PNG-bestand" in response.content.decode()
    assert not AppointmentDocument.objects.exists()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_markup_in_booking_on_behalf_is_shown_as_text_on_the_staff_pages(office: Office) -> None:
    staff = reception(office)
    start = office.at(10)
    response = staff.post(
        url("appointments-staff-book"),
        {
            "services": office.service.slug,
            "location": office.location.slug,
            "start": start.isoformat(),
            "name": PAYLOAD,
            "email": "",
            "phone": "0470 12 34 56",
            "language": "nl",
            "remark": PAYLOAD,
            "channel": BookingChannel.RECEPTION,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    appointment = Appointment.objects.get()
    assert_inert(staff.get(response["Location"]).content.decode())  # the page to hand over or read out
    assert_shown(staff.get(url("appointments-staff-detail", reference=appointment.reference)).content.decode(), times=2)


def test_a_kiosk_given_markup_as_a_reference_or_a_phone_number_shows_it_as_text(db: None) -> None:
    hall = make_hall()
    client = Client()
    check_in = client.post(url("kiosk-check-in", location_slug=hall.location.slug), {"reference": PAYLOAD})
    assert check_in.status_code == 400
    assert_inert(check_in.content.decode())
    ticket = client.post(
        url("queue-kiosk-take", location_slug=hall.location.slug),
        {"choice": f"{hall.quick.pk}:{hall.pickup.pk}", "phone": PAYLOAD},
    )
    assert_inert(ticket.content.decode())
    assert not Ticket.objects.filter(phone__contains="<").exists()
    too_long = client.post(url("kiosk-check-in", location_slug=hall.location.slug), {"reference": "A" * 5000})
    assert too_long.status_code == 400
    assert_inert(too_long.content.decode())
