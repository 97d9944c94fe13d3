"""Hostile and oversize input on the contact and request forms stays text, is refused clearly, changes nothing.

The agent's contact form, the hand-over, a request's status reason, note and message, the
citizen's answer in Mijn loket, and the public request form: markup typed in every text field is
shown escaped wherever it comes back (the contact and request pages of staff, Mijn loket, the
confirmation), and e-mails are plain text only. Too long, the wrong type, too big, or a file that
is not what it says: an error next to the field, in the user's language, and no row written.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from loket.citizens.models import Person
from loket.contacts.models import Contact, Request, RequestAttachment, RequestEvent, RequestMessage
from loket.contacts.services import MAX_SUBJECT_LENGTH, MAX_SUMMARY_LENGTH
from loket.notifications.models import OutboxMessage
from tests.contacts.helpers import NOW, World, make_world
from tests.security.inputs import EXE, PAYLOAD, PDF, THREE_MEGABYTES, assert_inert, assert_shown
from tests.security.pages import sign_in_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    cache.clear()  # the public form's rate limit


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def url(name: str, lang: str = "nl", **kwargs: object) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def staff(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def assert_plain_text_mail() -> None:
    """Every message in the outbox is plain text: a mail client shows markup in it as text."""
    assert OutboxMessage.objects.exists()
    assert not OutboxMessage.objects.exclude(body_html="").exists()


def test_markup_in_the_agents_contact_form_is_shown_as_text_on_the_staff_pages(world: World) -> None:
    agent = staff(world.reception)
    response = agent.post(
        url("contacts-agent"),
        {
            "channel": "phone",
            "outcome": "answered",
            "summary": PAYLOAD,
            "referred_to": PAYLOAD,
            "language": "nl",
            "direction": "in",
            "person_name": PAYLOAD,
            "then": "save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    contact = Contact.objects.get()
    assert contact.summary == PAYLOAD  # kept as typed: escaping is the page's job
    assert_shown(agent.get(url("contacts-contact", pk=contact.pk)).content.decode(), times=2)
    person = contact.person
    assert person is not None and person.name == PAYLOAD
    assert_shown(staff(world.reception).get(url("people-detail", pk=person.pk)).content.decode())
    # Found again by the agent: the search results show the name as text too.
    found = agent.post(url("contacts-agent"), {"find": "1", "person_q": "script", "channel": "phone"})
    assert_inert(found.content.decode())


def test_a_too_long_summary_and_minutes_that_are_no_number_are_refused_in_the_agents_language(world: World) -> None:
    response = staff(world.reception).post(
        url("contacts-agent", "fr"),
        {
            "channel": "phone",
            "outcome": "answered",
            "summary": "x" * (MAX_SUMMARY_LENGTH + 1),
            "language": "fr",
            "direction": "in",
            "duration_minutes": "dix",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f"au plus {MAX_SUMMARY_LENGTH} caractères (actuellement {MAX_SUMMARY_LENGTH + 1})" in html
    assert "Entrez un nombre entier." in html
    assert not Contact.objects.exists()


def test_markup_in_a_hand_over_is_shown_as_text_to_the_department_and_the_citizen(world: World) -> None:
    contact = world.contact(person=world.person, summary="Veranda")
    response = staff(world.reception).post(
        url("contacts-handover", pk=contact.pk),
        {"department": str(world.building.pk), "subject": PAYLOAD, "description": PAYLOAD},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    request = Request.objects.get()
    assert_shown(staff(world.clerk).get(url("contacts-request", pk=request.pk)).content.decode(), times=2)
    assert_shown(staff(world.clerk).get(url("contacts-requests")).content.decode())
    citizen = Client()
    sign_in_citizen(citizen, world.person)
    assert_shown(citizen.get(url("portal-request", reference=request.reference)).content.decode())
    assert_shown(citizen.get(url("portal-requests")).content.decode())
    assert_plain_text_mail()


def test_a_too_long_subject_is_refused_and_no_request_is_made(world: World) -> None:
    contact = world.contact(person=world.person)
    response = staff(world.reception).post(
        url("contacts-handover", pk=contact.pk),
        {"department": str(world.building.pk), "subject": "x" * (MAX_SUBJECT_LENGTH + 1)},
    )
    assert response.status_code == 400
    assert f"niet meer dan {MAX_SUBJECT_LENGTH} tekens bevat" in response.content.decode()
    assert not Request.objects.exists()


def test_markup_in_a_reason_a_note_and_messages_both_ways_is_shown_as_text(world: World) -> None:
    request = world.request()
    clerk = staff(world.clerk)
    assert (
        clerk.post(url("contacts-request-status", pk=request.pk), {"status": "waiting", "reason": PAYLOAD}).status_code
        == 302
    )
    assert clerk.post(url("contacts-request-note", pk=request.pk), {"text": PAYLOAD}).status_code == 302
    assert clerk.post(url("contacts-request-message", pk=request.pk), {"body": PAYLOAD}).status_code == 302
    citizen = Client()
    sign_in_citizen(citizen, world.person)
    page = url("portal-request", reference=request.reference)
    citizen_html = citizen.get(page).content.decode()
    assert_shown(citizen_html, times=2)  # the reason and the message; never the internal note
    answer = citizen.post(page, {"body": PAYLOAD})
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert RequestMessage.objects.filter(body=PAYLOAD).count() == 2
    assert_shown(clerk.get(url("contacts-request", pk=request.pk)).content.decode(), times=4)
    assert_plain_text_mail()


def test_a_three_megabyte_message_is_refused_in_the_clerks_language_and_nothing_is_sent(world: World) -> None:
    request = world.request()
    events = RequestEvent.objects.count()
    mails = OutboxMessage.objects.count()
    response = staff(world.clerk).post(
        url("contacts-request-message", "fr", pk=request.pk), {"body": "x" * THREE_MEGABYTES}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="fr">' in html and 'id="bad-request"' in html
    assert not RequestMessage.objects.exists()
    assert (RequestEvent.objects.count(), OutboxMessage.objects.count()) == (events, mails)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("antwoord.pdf", EXE, "Stuur een PDF-, JPEG- of PNG-bestand", id="a program renamed .pdf"),
        pytest.param("antwoord.pdf", PDF + b"0" * 2048, "te groot", id="too big"),
    ],
)
def test_an_attachment_that_is_no_document_or_too_big_is_refused_and_nothing_is_stored(
    world: World, settings: object, tmp_path: object, name: str, content: bytes, message: str
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.LOKET_DOCUMENT_MAX_BYTES = 2048  # type: ignore[attr-defined]
    request = world.request()
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = staff(world.clerk).post(
        url("contacts-request-message", pk=request.pk), {"body": "Zie bijlage", "attachments": [upload]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_attachments_error"' in html and message in html
    assert not RequestMessage.objects.exists() and not RequestAttachment.objects.exists()
    assert not any(tmp_path.rglob("*.*"))  # type: ignore[attr-defined]


def test_markup_in_the_public_request_form_is_shown_as_text_to_the_citizen_and_staff(world: World) -> None:
    client = Client()
    response = client.post(
        url("request-new"),
        {"service": "omgevingsvergunning", "name": PAYLOAD, "email": "eva@example.be", "description": PAYLOAD},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_inert(client.get(response["Location"]).content.decode())  # the confirmation
    request = Request.objects.get()
    assert Person.objects.get(email="eva@example.be").name == PAYLOAD
    assert_shown(staff(world.clerk).get(url("contacts-request", pk=request.pk)).content.decode(), times=2)
    assert_plain_text_mail()


def test_a_bad_address_in_the_public_form_is_shown_back_as_text(world: World) -> None:
    response = Client().post(
        url("request-new", "fr"),
        {"service": "omgevingsvergunning", "name": "Eva", "email": PAYLOAD, "description": "x" * 5001},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert_shown(html)  # in the field, for the citizen to correct
    assert "au plus 5000 caractères" in html
    assert not Request.objects.exists()
    assert Person.objects.count() == 1  # the world's own
