"""Mijn loket: the one-time sign-in link, the citizen's session, and the pages (Django's test client).

The helpers here (``sign_in``, ``make_request``, ``staff_message``) are shared by the access and
export tests.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from loket.citizens import crypto, portal
from loket.citizens.models import Consent, ConsentPurpose, ErasureRequest, Person, SignInLink
from loket.citizens.selectors import prefill_for
from loket.citizens.services import CONSENT_TEXT_VERSION
from loket.contacts.models import (
    MessageDirection,
    Request,
    RequestEvent,
    RequestEventKind,
    RequestMessage,
    RequestOrigin,
    RequestStatus,
)
from loket.core.errors import DomainError
from loket.core.models import AuditEntry
from loket.notifications.models import OutboxMessage
from loket.organisations.models import Department
from tests.appointments.test_booking import book, make_office
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LINK = re.compile(r"/(?:nl|fr|en)/mijn-loket/sign-in/([A-Za-z0-9_-]{40,})/")


def url(name: str, lang: str = "en", **kwargs: Any) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def secret_from_outbox(email: str) -> str:
    message = OutboxMessage.objects.filter(recipient=email.lower()).order_by("-pk").first()
    assert message is not None, f"no e-mail to {email} in the outbox"
    match = LINK.search(message.body_text)
    assert match, message.body_text
    return match.group(1)


def sign_in(client: Client, email: str, lang: str = "en") -> Person:
    """Ask a link on the web page, take it from the outbox, press the button: the person signed in."""
    response = client.post(url("portal-sign-in", lang), {"email": email})
    assert response.status_code == 302, response.content.decode()[:2000]
    secret = secret_from_outbox(email)
    response = client.post(url("portal-sign-in-confirm", lang, secret=secret))
    assert response.status_code == 302 and response["Location"] == url("portal-home", lang)
    return Person.objects.get(email=email.lower())


def make_request(person: Person, *, department: Department | None = None, **fields: Any) -> Request:
    department = department or DepartmentFactory()
    now = timezone.now()
    values: dict[str, Any] = {
        "organisation": department.organisation,
        "department": department,
        "person": person,
        "subject": "Building permit for a veranda",
        "origin": RequestOrigin.CONTACT,
        "due_on": (now + datetime.timedelta(days=20)).date(),
        "created_at": now - datetime.timedelta(days=2),
        **fields,
    }
    request = Request.objects.create(**values)
    RequestEvent.objects.create(request=request, at=values["created_at"], kind=RequestEventKind.CREATED)
    return request


def staff_message(request: Request, body: str) -> RequestMessage:
    now = timezone.now()
    RequestEvent.objects.create(request=request, at=now, kind=RequestEventKind.MESSAGE_OUT, text=body)
    return RequestMessage.objects.create(request=request, direction=MessageDirection.TO_CITIZEN, body=body, sent_at=now)


# --- The link ----------------------------------------------------------------------------------


def test_a_link_stores_only_the_sha256_of_a_256_bit_secret() -> None:
    portal.sign_in_link_send(email="An.Peeters@Example.be", language="nl")
    link = SignInLink.objects.get()
    secret = secret_from_outbox("an.peeters@example.be")
    assert len(secret) >= 43  # 32 random bytes in URL-safe base 64
    assert link.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = " ".join(str(getattr(link, field.attname)) for field in SignInLink._meta.concrete_fields)
    assert secret not in stored
    assert not AuditEntry.objects.filter(changes__icontains=secret).exists()


def test_the_link_is_e_mailed_in_the_chosen_language_through_the_outbox() -> None:
    portal.sign_in_link_send(email="marie@example.be", language="fr")
    message = OutboxMessage.objects.get()
    assert message.language == "fr" and message.channel == "email"
    assert "/fr/mijn-loket/sign-in/" in message.body_text
    assert SignInLink.objects.get().language == "fr"


def test_a_link_works_once() -> None:
    portal.sign_in_link_send(email="an@example.be", language="nl")
    secret = secret_from_outbox("an@example.be")
    person = portal.sign_in_link_use(secret=secret)
    assert person.email == "an@example.be"
    with pytest.raises(portal.SignInLinkInvalid):
        portal.sign_in_link_use(secret=secret)


def test_a_link_expires_after_the_configured_minutes(settings: Any) -> None:
    settings.LOKET_SIGN_IN_LINK_MINUTES = 30
    sent = timezone.now()
    portal.sign_in_link_send(email="an@example.be", language="nl", now=sent)
    secret = secret_from_outbox("an@example.be")
    assert not portal.sign_in_link_valid(secret=secret, now=sent + datetime.timedelta(minutes=30))
    with pytest.raises(portal.SignInLinkInvalid):
        portal.sign_in_link_use(secret=secret, now=sent + datetime.timedelta(minutes=30))
    assert portal.sign_in_link_use(secret=secret, now=sent + datetime.timedelta(minutes=29)).email == "an@example.be"


def test_an_unknown_or_malformed_secret_signs_nobody_in() -> None:
    for secret in ("", "x" * 43, "y" * 500):
        with pytest.raises(portal.SignInLinkInvalid):
            portal.sign_in_link_use(secret=secret)
    assert not Person.objects.exists()


def test_using_a_link_retires_the_other_links_sent_to_that_address() -> None:
    portal.sign_in_link_send(email="an@example.be", language="nl")
    first = secret_from_outbox("an@example.be")
    portal.sign_in_link_send(email="an@example.be", language="nl")
    second = secret_from_outbox("an@example.be")
    portal.sign_in_link_use(secret=second)
    assert not portal.sign_in_link_valid(secret=first)


def test_known_and_unknown_addresses_get_the_same_answer(client: Client) -> None:
    Person.objects.create(name="An Peeters", email="an@example.be")
    known = client.post(url("portal-sign-in"), {"email": "an@example.be"})
    unknown = client.post(url("portal-sign-in"), {"email": "nobody-knows@example.be"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == url("portal-sign-in-sent")
    # Both get a link by e-mail; the unknown address becomes a person only when the link is used.
    assert OutboxMessage.objects.filter(recipient__in=["an@example.be", "nobody-knows@example.be"]).count() == 2
    assert SignInLink.objects.count() == 2
    assert Person.objects.count() == 1
    page = client.get(url("portal-sign-in-sent")).content.decode()
    assert "If the address you gave is right" in page


def test_the_first_use_of_a_link_creates_the_person(client: Client) -> None:
    person = sign_in(client, "Nieuw@Example.be")
    assert person.email == "nieuw@example.be"
    assert AuditEntry.objects.filter(action="person.sign_in", person_id=person.pk, actor_label="citizen").exists()


def test_a_malformed_address_is_refused_next_to_the_field(client: Client) -> None:
    response = client.post(url("portal-sign-in"), {"email": "not an address"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_email_error"' in html and 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert not SignInLink.objects.exists()


def test_an_address_gets_at_most_the_configured_number_of_links_an_hour(settings: Any) -> None:
    settings.LOKET_SIGN_IN_RATE = "5/h"
    start = timezone.now()
    for minute in range(5):
        portal.sign_in_link_send(email="an@example.be", language="nl", now=start + datetime.timedelta(minutes=minute))
    with pytest.raises(DomainError) as error:
        portal.sign_in_link_send(email="AN@example.be", language="nl", now=start + datetime.timedelta(minutes=10))
    assert error.value.code == "rate_limited" and error.value.field == "email"
    # Unknown or not, every address is limited the same; after the hour it may ask again.
    portal.sign_in_link_send(email="an@example.be", language="nl", now=start + datetime.timedelta(minutes=61))
    assert SignInLink.objects.count() == 6


def test_a_connection_gets_at_most_the_configured_number_of_links_an_hour(client: Client, settings: Any) -> None:
    settings.LOKET_SIGN_IN_RATE = "3/h"
    for n in range(3):
        assert client.post(url("portal-sign-in"), {"email": f"person{n}@example.be"}).status_code == 302
    response = client.post(url("portal-sign-in"), {"email": "person9@example.be"})
    assert response.status_code == 400
    assert "Too many links were asked from this connection" in response.content.decode()
    assert SignInLink.objects.count() == 3


def test_opening_the_link_shows_a_button_and_signs_nobody_in(client: Client) -> None:
    portal.sign_in_link_send(email="an@example.be", language="en")
    secret = secret_from_outbox("an@example.be")
    page = client.get(url("portal-sign-in-confirm", secret=secret))
    assert page.status_code == 200
    assert f'action="{url("portal-sign-in-confirm", secret=secret)}"' in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert SignInLink.objects.get().used_at is None
    assert client.get(url("portal-home"))["Location"] == url("portal-sign-in")


def test_a_used_link_shows_how_to_ask_a_new_one(client: Client) -> None:
    sign_in(client, "an@example.be")
    client.post(url("portal-sign-out"))
    secret = secret_from_outbox("an@example.be")
    page = client.get(url("portal-sign-in-confirm", secret=secret))
    assert page.status_code == 404 and "This link no longer works" in page.content.decode()
    assert client.post(url("portal-sign-in-confirm", secret=secret)).status_code == 404


# --- The session -------------------------------------------------------------------------------


def test_signing_in_rotates_the_session_key_and_logs_in_no_django_user(client: Client) -> None:
    client.get(url("portal-sign-in"))
    client.session.save()
    before = client.session.session_key
    person = sign_in(client, "an@example.be")
    session = client.session
    assert session.session_key != before
    assert session[portal.SESSION_KEY]["person"] == person.pk
    assert "_auth_user_id" not in session
    assert not get_user_model().objects.exists()
    assert client.get(url("portal-home")).status_code == 200


def _age_session(client: Client, **ago: datetime.timedelta) -> None:
    session = client.session
    data = dict(session[portal.SESSION_KEY])
    for key, delta in ago.items():
        data[key] = (timezone.now() - delta).isoformat()
    session[portal.SESSION_KEY] = data
    session.save()


def test_the_session_ends_after_the_configured_minutes_without_a_page(client: Client, settings: Any) -> None:
    settings.LOKET_CITIZEN_SESSION_MINUTES = 60
    sign_in(client, "an@example.be")
    _age_session(client, seen_at=datetime.timedelta(minutes=61))
    response = client.get(url("portal-home"))
    assert response["Location"] == url("portal-sign-in")
    assert portal.SESSION_KEY not in client.session
    assert (
        "You were signed out because you did nothing for a while" in client.get(url("portal-sign-in")).content.decode()
    )


def test_each_page_keeps_the_session_alive(client: Client, settings: Any) -> None:
    settings.LOKET_CITIZEN_SESSION_MINUTES = 60
    sign_in(client, "an@example.be")
    _age_session(client, seen_at=datetime.timedelta(minutes=59))
    assert client.get(url("portal-home")).status_code == 200
    seen = datetime.datetime.fromisoformat(client.session[portal.SESSION_KEY]["seen_at"])
    assert timezone.now() - seen < datetime.timedelta(minutes=1)


def test_even_an_active_session_ends_after_a_working_day(client: Client) -> None:
    sign_in(client, "an@example.be")
    _age_session(client, signed_in_at=datetime.timedelta(hours=portal.MAX_SESSION_HOURS, minutes=1))
    assert client.get(url("portal-home"))["Location"] == url("portal-sign-in")


def test_signing_out_takes_a_post_and_ends_the_session(client: Client) -> None:
    sign_in(client, "an@example.be")
    key = client.session.session_key
    assert client.get(url("portal-sign-out")).status_code == 405
    assert client.get(url("portal-home")).status_code == 200
    response = client.post(url("portal-sign-out"))
    assert response["Location"] == url("portal-sign-in")
    assert portal.SESSION_KEY not in client.session and client.session.session_key != key
    assert client.get(url("portal-home"))["Location"] == url("portal-sign-in")


def test_an_erased_person_is_signed_out(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    Person.objects.filter(pk=person.pk).update(erased_at=timezone.now())
    assert client.get(url("portal-home"))["Location"] == url("portal-sign-in")


# --- The pages -----------------------------------------------------------------------------------


def test_the_overview_shows_upcoming_appointments_open_requests_and_unread_messages(client: Client) -> None:
    office = make_office()
    booked = book(office, office.at(10), email="An.Peeters@Example.be", language="en")
    person = sign_in(client, "an.peeters@example.be")
    request = make_request(person, status=RequestStatus.WAITING)
    make_request(person, subject="Old question", status=RequestStatus.DONE, closed_at=timezone.now())
    staff_message(request, "Please send us a plan of the veranda.")
    page = client.get(url("portal-home")).content.decode()
    assert booked.appointment.reference in page
    assert url("appointment-manage", reference=booked.appointment.reference, secret=booked.manage_secret) in page
    assert request.reference in page and "Waiting for you" in page
    assert "Old question" not in page  # closed: on the requests page, not the overview
    assert "You have 1 new message." in page


def test_my_appointments_link_each_one_to_its_manage_page(client: Client) -> None:
    office = make_office()
    first = book(office, office.at(10), email="an@example.be", language="en")
    second = book(office, office.at(11), email="AN@example.be", language="en")
    sign_in(client, "an@example.be")
    page = client.get(url("portal-appointments")).content.decode()
    for booked in (first, second):
        link = url("appointment-manage", reference=booked.appointment.reference, secret=booked.manage_secret)
        assert f'href="{link}"' in page
        assert client.get(link).status_code == 200


def test_the_requests_page_lists_open_and_finished_requests_with_their_status(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    open_one = make_request(person, status=RequestStatus.IN_PROGRESS)
    done = make_request(person, subject="Parking card", status=RequestStatus.DONE, closed_at=timezone.now())
    page = client.get(url("portal-requests")).content.decode()
    assert open_one.reference in page and done.reference in page
    assert "We are working on your request." in page and "Your request is done." in page


def test_a_request_shows_its_history_in_plain_words_and_the_messages(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    request = make_request(person, status=RequestStatus.WAITING)
    RequestEvent.objects.create(
        request=request,
        at=timezone.now(),
        kind=RequestEventKind.STATUS,
        from_status=RequestStatus.NEW,
        to_status=RequestStatus.WAITING,
        text="We need the plan.",
    )
    RequestEvent.objects.create(request=request, at=timezone.now(), kind=RequestEventKind.NOTE, text="Neighbour cross")
    message = staff_message(request, "Please send us a plan of the veranda.")
    page = client.get(url("portal-request", reference=request.reference)).content.decode()
    assert "We received your request." in page and "We asked you for something." in page
    assert "We need the plan." in page
    assert "Please send us a plan of the veranda." in page
    assert "Neighbour cross" not in page  # internal notes are staff's
    message.refresh_from_db()
    assert message.read_at is not None  # read now: no longer counted as new


def test_the_citizen_replies_with_a_document(client: Client, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    person = sign_in(client, "an@example.be")
    request = make_request(person, status=RequestStatus.WAITING)
    response = client.post(
        url("portal-request", reference=request.reference),
        {"body": "Here is the plan.", "attachment": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    reply = RequestMessage.objects.get(request=request, direction=MessageDirection.FROM_CITIZEN)
    assert reply.body == "Here is the plan."
    [attachment] = reply.attachments.all()
    assert attachment.filename == "plan.pdf" and not attachment.internal
    download = client.get(url("portal-attachment", reference=request.reference, attachment_id=attachment.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert "attachment" in download["Content-Disposition"]


def test_an_empty_reply_is_refused_next_to_the_field(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    request = make_request(person)
    response = client.post(url("portal-request", reference=request.reference), {"body": "  "})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_body_error"' in html and 'aria-describedby="id_body_error"' in html
    assert not RequestMessage.objects.exists()


def test_a_reply_with_a_file_that_is_not_a_document_is_refused(client: Client, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    person = sign_in(client, "an@example.be")
    request = make_request(person)
    response = client.post(
        url("portal-request", reference=request.reference),
        {"body": "Look", "attachment": SimpleUploadedFile("x.html", b"<script>", "text/html")},
    )
    assert response.status_code == 400 and 'id="id_attachment_error"' in response.content.decode()
    assert not RequestMessage.objects.exists()


def test_my_details_are_changed_through_person_update_as_the_citizen(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    data = {
        "name": "An Peeters",
        "date_of_birth": "1985-07-30",
        "phone": "0470 12 34 56",
        "street": "Bruul 1",
        "postcode": "2800",
        "city": "Mechelen",
        "language": "fr",
        "preferred_channel": "email",
        "email": "someone.else@example.be",  # not a field: the sign-in address stays
        "national_number": "85073003328",  # not a field either
    }
    assert client.post(url("portal-details"), data)["Location"] == url("portal-details")
    person.refresh_from_db()
    assert (person.name, person.city, person.language) == ("An Peeters", "Mechelen", "fr")
    assert person.date_of_birth == datetime.date(1985, 7, 30)
    assert person.email == "an@example.be" and person.national_number_token == ""
    entry = AuditEntry.objects.get(action="person.update", person_id=person.pk)
    assert entry.actor_label == "citizen" and entry.changes["city"] == ["", "Mechelen"]


def test_my_details_refuse_bad_input_next_to_the_field_and_change_nothing(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    data = {"name": "An", "postcode": "28OO", "language": "nl", "preferred_channel": "email"}
    response = client.post(url("portal-details"), data)
    assert response.status_code == 400 and 'id="id_postcode_error"' in response.content.decode()
    person.refresh_from_db()
    assert person.postcode == "" and person.name == ""


def test_my_details_show_the_national_number_masked_only_when_one_is_held(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    page = client.get(url("portal-details")).content.decode()
    assert "National register number" not in page and 'name="national_number"' not in page
    Person.objects.filter(pk=person.pk).update(
        national_number_token=crypto.encrypt("85073003328"), national_number_hash=crypto.lookup_hash("85073003328")
    )
    page = client.get(url("portal-details")).content.decode()
    assert "••.••.••-•••.28" in page and "85073003328" not in page and "85.07.30" not in page


def test_a_consent_is_given_and_withdrawn_with_its_time_source_and_version(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    page = client.get(url("portal-consents")).content.decode()
    assert str(ConsentPurpose.PREFILL.label) in page and CONSENT_TEXT_VERSION in page
    before = timezone.now()
    client.post(url("portal-consents"), {"purpose": "prefill", "action": "give"})
    consent = Consent.objects.get(person=person, purpose="prefill")
    assert consent.source == "mijn_loket" and consent.text_version == CONSENT_TEXT_VERSION
    assert consent.given_at >= before and consent.recorded_by is None and consent.withdrawn_at is None
    client.post(url("portal-consents"), {"purpose": "prefill", "action": "withdraw"})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_source == "mijn_loket"
    page = client.get(url("portal-consents")).content.decode()
    assert "What you said before" in page and "Withdrawn" in page
    assert AuditEntry.objects.filter(action="consent.withdraw", person_id=person.pk, actor_label="citizen").exists()


def test_prefill_comes_only_with_the_consent_given_in_mijn_loket(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    Person.objects.filter(pk=person.pk).update(name="An Peeters", city="Mechelen")
    person.refresh_from_db()
    assert prefill_for(person=person) == {}
    client.post(url("portal-consents"), {"purpose": "prefill", "action": "give"})
    assert prefill_for(person=person)["city"] == "Mechelen"
    client.post(url("portal-consents"), {"purpose": "prefill", "action": "withdraw"})
    assert prefill_for(person=person) == {}


def test_an_unknown_consent_purpose_changes_nothing(client: Client) -> None:
    sign_in(client, "an@example.be")
    assert client.post(url("portal-consents"), {"purpose": "marketing", "action": "give"}).status_code == 400
    assert not Consent.objects.exists()


def test_asking_for_erasure_records_one_open_request(client: Client) -> None:
    person = sign_in(client, "an@example.be")
    page = client.get(url("portal-erasure")).content.decode()
    assert "What the law makes us keep" in page
    client.post(url("portal-erasure"))
    client.post(url("portal-erasure"))
    erasure = ErasureRequest.objects.get(person=person)
    assert erasure.source == "mijn_loket" and erasure.status == "open"
    assert "We have your request" in client.get(url("portal-erasure")).content.decode()


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_every_page_answers_in_each_language(client: Client, lang: str) -> None:
    person = sign_in(client, "an@example.be", lang)
    request = make_request(person)
    for name, kwargs in [
        ("portal-home", {}),
        ("portal-appointments", {}),
        ("portal-requests", {}),
        ("portal-request", {"reference": request.reference}),
        ("portal-details", {}),
        ("portal-consents", {}),
        ("portal-data", {}),
        ("portal-erasure", {}),
    ]:
        response = client.get(url(name, lang, **kwargs))
        assert response.status_code == 200, name
        assert f'<html lang="{lang}">' in response.content.decode()
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_list_pages_take_a_bounded_number_of_queries(client: Client, django_assert_max_num_queries: Any) -> None:
    office = make_office()
    person = sign_in(client, "an@example.be")
    department = DepartmentFactory()
    book(office, office.at(9), email="an@example.be", language="en")
    book(office, office.at(10), email="an@example.be", language="en", services=[office.other.slug])
    for n in range(8):
        staff_message(make_request(person, department=department, subject=f"Question {n}"), "An answer")
    for name in ("portal-home", "portal-requests", "portal-appointments"):
        with django_assert_max_num_queries(10):
            assert client.get(url(name)).status_code == 200
