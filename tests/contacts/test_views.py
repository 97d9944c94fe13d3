"""The contact and request pages: status codes, forms, errors shown next to fields, tenancy as 404."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from loket.citizens.models import Person
from loket.contacts import services
from loket.contacts.models import Contact, Request, RequestMessage, RequestStatus
from loket.notifications.models import OutboxMessage
from tests.contacts.helpers import NOW, World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    cache.clear()  # the rate limit of the public form
    with translation.override("en"):
        yield


def url(name: str, **kwargs: object) -> str:
    return reverse(name, kwargs=kwargs or None)


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


# --- The agent's screen --------------------------------------------------------------------------


def test_the_agent_screen_needs_a_login(world: World) -> None:
    response = Client().get(url("contacts-agent"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_back_office_member_gets_403_on_the_agent_screen(world: World) -> None:
    assert client_for(world.clerk).get(url("contacts-agent")).status_code == 403


def test_the_agent_screen_shows_the_form_with_focus_and_shortcuts(world: World) -> None:
    response = client_for(world.reception).get(url("contacts-agent"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="channel"' in html and "autofocus" in html
    assert 'data-shortcut="b"' in html and 'data-shortcut="h"' in html
    assert 'name="organisation"' not in html  # reception logs for the city only


def test_the_contact_centre_chooses_the_organisation(world: World) -> None:
    html = client_for(world.agent).get(url("contacts-agent")).content.decode()
    assert 'name="organisation"' in html
    assert "Bonheiden" not in html  # not served by the centre


def test_logging_a_call_with_two_fields(world: World) -> None:
    response = client_for(world.reception).post(
        url("contacts-agent"), {"channel": "phone", "outcome": "answered", "language": "en", "direction": "in"}
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.outcome == "answered" and contact.organisation == world.city


def test_a_missing_outcome_is_shown_next_to_the_field(world: World) -> None:
    response = client_for(world.reception).post(
        url("contacts-agent"), {"channel": "phone", "then": "save", "language": "en", "direction": "in"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_outcome_error"' in html
    assert 'aria-describedby="id_outcome_helptext id_outcome_error"' in html
    assert not Contact.objects.exists()


def test_save_and_hand_over_goes_to_the_hand_over_form(world: World) -> None:
    response = client_for(world.agent).post(
        url("contacts-agent"),
        {
            "channel": "phone",
            "organisation": str(world.city.pk),
            "then": "request",
            "language": "fr",
            "direction": "in",
            "services": "omgevingsvergunning",
            "summary": "Veranda bouwen",
        },
    )
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("contacts-handover", pk=contact.pk)
    assert contact.outcome == "request" and contact.registered_by == world.centre


def test_save_and_book_goes_to_booking_with_the_service(world: World) -> None:
    response = client_for(world.reception).post(
        url("contacts-agent"),
        {"channel": "counter", "then": "book", "language": "nl", "direction": "in", "services": "omgevingsvergunning"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    back = url("contacts-contact-appointment", pk=contact.pk).replace("/", "%2F")
    assert response["Location"] == url("appointments-staff-book") + f"?services=omgevingsvergunning&return_to={back}"
    assert contact.outcome == "appointment"


def test_back_from_booking_the_contact_names_the_appointment_of_its_organisation_only(world: World) -> None:
    from tests.appointments.test_booking import book, make_office

    contact = world.contact(person=world.person)
    office = make_office()  # another organisation's appointment
    theirs = book(office, office.at(10), name="Jan Peeters", email="jan.peeters@example.be")
    client = client_for(world.reception)
    response = client.post(
        url("contacts-contact-appointment", pk=contact.pk), {"reference": theirs.appointment.reference}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.appointment is None and contact.outcome == "answered"
    assert client.get(url("contacts-contact-appointment", pk=contact.pk)).status_code == 405


def test_finding_a_person_saves_nothing(world: World) -> None:
    response = client_for(world.reception).post(
        url("contacts-agent"), {"find": "1", "person_q": "Peeters", "channel": "phone"}
    )
    assert response.status_code == 200
    assert "Jan Peeters" in response.content.decode()
    assert not Contact.objects.exists()


def test_the_catalogue_search_and_sheet(world: World) -> None:
    client = client_for(world.reception)
    results = client.get(url("contacts-catalogue"), {"q": "Planning permission"})
    assert results.status_code == 200
    assert "omgevingsvergunning" in results.content.decode()
    sheet = client.get(url("contacts-service-sheet", slug="omgevingsvergunning"))
    assert sheet.status_code == 200
    assert "What to bring" in sheet.content.decode()
    assert client.get(url("contacts-service-sheet", slug="bonheiden-permit")).status_code == 404


# --- Hand-over -------------------------------------------------------------------------------------------


def test_hand_over_creates_the_request_and_shows_the_reference(world: World) -> None:
    contact = world.contact(person=world.person, services=["omgevingsvergunning"], summary="Veranda")
    client = client_for(world.reception)
    form = client.get(url("contacts-handover", pk=contact.pk))
    assert form.status_code == 200
    response = client.post(
        url("contacts-handover", pk=contact.pk),
        {"department": str(world.building.pk), "subject": "Veranda", "service": "omgevingsvergunning"},
        follow=True,
    )
    request = Request.objects.get()
    assert request.reference in response.content.decode()
    assert OutboxMessage.objects.count() == 1


def test_hand_over_without_a_person_asks_for_one(world: World) -> None:
    contact = world.contact()
    response = client_for(world.reception).post(
        url("contacts-handover", pk=contact.pk), {"department": str(world.building.pk), "subject": "Veranda"}
    )
    assert response.status_code == 400
    assert not Request.objects.exists()


def test_another_organisations_contact_is_404(world: World) -> None:
    contact = world.contact()
    client = client_for(world.outsider)
    assert client.get(url("contacts-contact", pk=contact.pk)).status_code == 404
    assert client.get(url("contacts-handover", pk=contact.pk)).status_code == 404


# --- The back office ---------------------------------------------------------------------------------------


def test_the_work_list_with_tabs_and_counts(world: World) -> None:
    world.request()
    response = client_for(world.clerk).get(url("contacts-requests"), {"tab": "new"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "(1)" in html and Request.objects.get().reference in html


def test_the_work_list_of_another_department_is_404(world: World) -> None:
    response = client_for(world.other_clerk).get(url("contacts-requests"), {"department": world.building.pk})
    assert response.status_code == 404


def test_reception_has_no_work_list(world: World) -> None:
    assert client_for(world.reception).get(url("contacts-requests")).status_code == 403


def test_another_organisations_request_id_is_404(world: World) -> None:
    request = world.request()
    for user in (world.outsider, world.other_clerk):
        client = client_for(user)
        assert client.get(url("contacts-request", pk=request.pk)).status_code == 404
        assert client.post(url("contacts-request-status", pk=request.pk), {"status": "done"}).status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW


def test_the_clerk_changes_the_status(world: World) -> None:
    request = world.request()
    client = client_for(world.clerk)
    assert client.get(url("contacts-request", pk=request.pk)).status_code == 200
    response = client.post(url("contacts-request-status", pk=request.pk), {"status": "in_progress", "reason": ""})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS


def test_rejecting_without_a_reason_shows_the_error_and_changes_nothing(world: World) -> None:
    request = world.request()
    response = client_for(world.clerk).post(url("contacts-request-status", pk=request.pk), {"status": "rejected"})
    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW
    assert OutboxMessage.objects.count() == 1


def test_assign_to_me_and_a_note(world: World) -> None:
    request = world.request()
    client = client_for(world.clerk)
    assert client.post(url("contacts-request-assign", pk=request.pk), {"assignee": world.clerk.pk}).status_code == 302
    assert client.post(url("contacts-request-note", pk=request.pk), {"text": "Plan gevraagd"}).status_code == 302
    request.refresh_from_db()
    assert request.assignee == world.clerk
    assert client.post(url("contacts-request-note", pk=request.pk), {"text": ""}).status_code == 400


def test_a_message_with_an_attachment(world: World) -> None:
    request = world.request()
    pdf = SimpleUploadedFile("antwoord.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client = client_for(world.clerk)
    response = client.post(
        url("contacts-request-message", pk=request.pk), {"body": "Zie bijlage", "attachments": [pdf]}
    )
    assert response.status_code == 302
    message = RequestMessage.objects.get()
    attachment = message.attachments.get()
    download = client.get(url("contacts-request-file", pk=request.pk, file_pk=attachment.pk))
    assert download.status_code == 200
    assert (
        client_for(world.outsider).get(url("contacts-request-file", pk=request.pk, file_pk=attachment.pk)).status_code
        == 404
    )


def test_a_fake_pdf_is_refused_next_to_the_field(world: World) -> None:
    request = world.request()
    fake = SimpleUploadedFile("antwoord.pdf", b"<html>nope</html>", content_type="application/pdf")
    response = client_for(world.clerk).post(
        url("contacts-request-message", pk=request.pk), {"body": "Zie", "attachments": [fake]}
    )
    assert response.status_code == 400
    assert 'id="id_attachments_error"' in response.content.decode()
    assert not RequestMessage.objects.exists()


def test_the_manager_sees_overdue_and_a_clerk_does_not(world: World) -> None:
    request = world.request()
    Request.objects.filter(pk=request.pk).update(due_on=NOW.date().replace(day=1))
    response = client_for(world.manager).get(url("contacts-overdue"))
    assert response.status_code == 200
    assert request.reference in response.content.decode()
    assert client_for(world.clerk).get(url("contacts-overdue")).status_code == 403


def test_a_closed_request_offers_no_status_change_to_a_clerk(world: World) -> None:
    request = world.request()
    services.request_change_status(actor=world.clerk, request=request, status="done")
    html = client_for(world.clerk).get(url("contacts-request", pk=request.pk)).content.decode()
    assert "Only a manager can reopen it" in html
    assert (
        f'action="/en/staff/contacts/requests/{request.pk}/status/"'
        in client_for(world.manager).get(url("contacts-request", pk=request.pk)).content.decode()
    )


# --- The public form ------------------------------------------------------------------------------------


def test_the_public_form_creates_the_request_and_shows_the_reference(world: World) -> None:
    client = Client()
    assert client.get(url("request-new")).status_code == 200
    response = client.post(
        url("request-new"),
        {"service": "omgevingsvergunning", "name": "Eva", "email": "eva@example.be", "description": "Een veranda?"},
        follow=True,
    )
    request = Request.objects.get()
    html = response.content.decode()
    assert request.reference in html and "Mijn loket" in html
    assert Person.objects.get(email="eva@example.be") == request.person
    assert request.language == "en"


def test_the_public_form_shows_errors_and_saves_nothing(world: World) -> None:
    response = Client().post(
        url("request-new"), {"service": "omgevingsvergunning", "name": "", "email": "nope", "description": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name_error"' in html and 'id="id_description_error"' in html
    assert not Request.objects.exists() and not Person.objects.filter(name="").exists()


def test_the_public_form_is_rate_limited(world: World, settings) -> None:  # noqa: ANN001
    settings.LOKET_BOOKING_RATE = "2/h"
    client = Client()
    data = {"service": "omgevingsvergunning", "name": "Eva", "email": "eva@example.be", "description": "Vraag"}
    for _attempt in range(2):
        assert client.post(url("request-new"), data).status_code == 302
    response = client.post(url("request-new"), data)
    assert response.status_code == 400
    assert "Too many requests" in response.content.decode()
    assert Request.objects.count() == 2


def test_the_sent_page_without_a_request_goes_back_to_the_form(world: World) -> None:
    response = Client().get(url("request-sent"))
    assert response.status_code == 302
