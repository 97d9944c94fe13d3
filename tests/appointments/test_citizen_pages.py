"""The citizen's appointment pages through Django's test client: book, see, move, cancel, check in."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.appointments.models import Appointment, AppointmentStatus, VisitSuggestion
from loket.notifications.models import OutboxMessage
from tests.appointments.test_booking import Office, book, make_office
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _no_script_path_is_quick(settings: pytest.FixtureRequest) -> None:
    # The no-JavaScript path accepts a form shown at least N seconds ago; tests post at once.
    settings.LOKET_CHALLENGE_NO_SCRIPT_MIN_SECONDS = 0  # type: ignore[attr-defined]


def url(name: str, lang: str = "en", **kwargs: object) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def stamp_from(html: str) -> str:
    match = re.search(r'name="challenge_stamp" value="([^"]+)"', html)
    assert match, "the details form carries the no-script stamp"
    return match.group(1)


def details_post(office: Office, client: Client, start: datetime.datetime, **fields: object) -> object:
    query = f"?services={office.service.slug}&suggested=1&location={office.location.slug}"
    query += f"&date={start.date().isoformat()}&start={start.isoformat()}"
    page = client.get(url("appointment-book") + query.replace("+", "%2B"))
    assert page.status_code == 200
    data = {
        "services": office.service.slug,
        "suggested": "1",
        "location": office.location.slug,
        "date": start.date().isoformat(),
        "start": start.isoformat(),
        "name": "Fatima El Amrani",
        "email": "fatima.elamrani@example.be",
        "phone": "",
        "language": "fr",
        "remark": "",
        "challenge_stamp": stamp_from(page.content.decode()),
        **fields,
    }
    return client.post(url("appointment-book"), data)


def test_the_steps_lead_from_service_to_a_day_with_its_free_times(client: Client) -> None:
    office = make_office()
    related = ServiceFactory(organisation=office.location.organisation, title_en="Childcare allowance")
    office.service.related.add(related)
    suggestions = client.get(url("appointment-book") + f"?services={office.service.slug}")
    # The related service is not bookable at this location: no suggestion step, straight to the day.
    assert suggestions.status_code in (200, 302)
    day = client.get(
        url("appointment-book")
        + f"?services={office.service.slug}&suggested=1&location={office.location.slug}&date={office.day.isoformat()}"
    )
    html = day.content.decode()
    assert day.status_code == 200
    assert "<table" in html and "<caption>" in html
    assert "10:00" in html and "09:00" in html


def test_a_related_bookable_service_is_offered_and_recorded_when_accepted(client: Client) -> None:
    office = make_office()
    office.service.related.add(office.other)
    page = client.get(url("appointment-book") + f"?services={office.service.slug}")
    assert "Arrange more in the same visit?" in page.content.decode()
    assert office.other.slug in page.content.decode()
    response = details_post(
        office, client, office.at(10), services=f"{office.service.slug},{office.other.slug}", offered=office.other.slug
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.end - appointment.start == datetime.timedelta(minutes=45)
    assert VisitSuggestion.objects.get(appointment=appointment).accepted


def test_booking_without_javascript_creates_the_appointment_and_shows_its_page(client: Client) -> None:
    office = make_office()
    response = details_post(office, client, office.at(10), documents=SimpleUploadedFile("id.pdf", PDF))
    assert response.status_code == 302, response.content.decode()[:2000]
    appointment = Appointment.objects.get()
    assert appointment.language == "fr"
    assert appointment.documents.count() == 1
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Your appointment is booked" in html
    assert appointment.reference in html
    assert OutboxMessage.objects.filter(idempotency_key=f"appointment:{appointment.reference}:confirmation").exists()


def test_a_document_of_the_wrong_type_books_nothing_and_says_why(client: Client) -> None:
    office = make_office()
    response = details_post(office, client, office.at(10), documents=SimpleUploadedFile("x.exe", b"MZ\x90\x00"))
    assert response.status_code == 400
    assert "Send a PDF, a JPEG or a PNG file" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_taken_time_shows_the_next_free_times(client: Client) -> None:
    office = make_office()
    book(office, office.at(10), email="jan@example.be")
    response = details_post(office, client, office.at(10))
    assert response.status_code == 409
    html = response.content.decode()
    assert "This time is no longer free" in html
    assert "10:30" in html
    assert Appointment.objects.count() == 1


def test_a_form_without_proof_of_work_or_stamp_books_nothing(client: Client) -> None:
    office = make_office()
    response = details_post(office, client, office.at(10), challenge_stamp="forged")
    assert response.status_code == 400
    assert not Appointment.objects.exists()


def test_the_manage_link_needs_the_right_secret(client: Client) -> None:
    office = make_office()
    booked = book(office)
    reference = booked.appointment.reference
    assert client.get(url("appointment-manage", reference=reference, secret=booked.manage_secret)).status_code == 200
    other = book(office, office.at(11), email="jan@example.be")
    for secret in ("x" * 43, other.manage_secret, ""):
        if secret:
            assert client.get(url("appointment-manage", reference=reference, secret=secret)).status_code == 404
    assert client.get(url("appointment-manage", reference="ZZZZZZZZ", secret=booked.manage_secret)).status_code == 404


def test_cancel_happens_only_on_post_after_the_question(client: Client) -> None:
    office = make_office()
    booked = book(office)
    cancel_url = url("appointment-cancel", reference=booked.appointment.reference, secret=booked.manage_secret)
    question = client.get(cancel_url)
    assert question.status_code == 200
    assert "Yes, cancel the appointment" in question.content.decode()
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == AppointmentStatus.BOOKED  # a GET (an e-mail scanner) changes nothing
    done = client.post(cancel_url)
    assert done.status_code == 200
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == AppointmentStatus.CANCELLED


def test_move_keeps_the_old_time_until_the_new_one_is_confirmed(client: Client) -> None:
    office = make_office()
    booked = book(office)
    move_url = url("appointment-move", reference=booked.appointment.reference, secret=booked.manage_secret)
    new = office.at(11)
    query = f"?date={new.date().isoformat()}&start={new.isoformat()}".replace("+", "%2B")
    confirm = client.get(move_url + query)
    assert "Yes, move my appointment" in confirm.content.decode()
    booked.appointment.refresh_from_db()
    assert booked.appointment.start == office.at(10)
    moved = client.post(move_url, {"date": new.date().isoformat(), "start": new.isoformat()})
    assert moved.status_code == 302
    booked.appointment.refresh_from_db()
    assert booked.appointment.start == new
    assert booked.appointment.sequence == 1


def test_the_calendar_file_is_an_icalendar_invitation(client: Client) -> None:
    office = make_office()
    booked = book(office)
    response = client.get(
        url("appointment-calendar", reference=booked.appointment.reference, secret=booked.manage_secret)
    )
    assert response["Content-Type"].startswith("text/calendar")
    assert f"UID:{booked.appointment.reference}@" in response.content.decode()


def test_the_service_page_offers_online_booking_with_the_first_free_time(client: Client) -> None:
    from tests.factories import ServiceChannelFactory

    office = make_office()
    ServiceChannelFactory(service=office.service, kind="appointment")
    html = client.get(url("service-detail", slug=office.service.slug)).content.decode()
    assert "Book an appointment online" in html
    assert f"?services={office.service.slug}" in html
    assert "first free time" in html


def test_pages_with_a_secret_link_are_never_cached(client: Client) -> None:
    office = make_office()
    booked = book(office)
    response = client.get(
        url("appointment-manage", reference=booked.appointment.reference, secret=booked.manage_secret)
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_document_hint_is_in_the_page_language(client: Client) -> None:
    office = make_office()
    booked = book(office)
    for lang, text in (
        ("fr", "Mo maximum par fichier"),
        ("nl", "hoogstens 10 MB per bestand"),
        ("en", "at most 10 MB"),
    ):
        html = client.get(
            url("appointment-manage", lang, reference=booked.appointment.reference, secret=booked.manage_secret)
        ).content.decode()
        assert text in html, lang
