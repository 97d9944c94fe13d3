"""A signed-in citizen reaches only their own requests, messages, attachments and appointments.

Whatever they change in an address (a reference, an attachment id, a manage link), someone else's
data is "not found", exactly like data that does not exist; and nothing is written.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from loket.citizens.models import Person
from loket.contacts.models import MessageDirection, RequestAttachment, RequestMessage
from tests.appointments.test_booking import book, make_office
from tests.citizens.test_portal import PDF, make_request, sign_in, staff_message, url

pytestmark = pytest.mark.django_db


def attachment(request: Any, *, internal: bool = False, name: str = "decision.pdf") -> RequestAttachment:
    item = RequestAttachment(
        request=request,
        filename=name,
        content_type="application/pdf",
        size=len(PDF),
        internal=internal,
        uploaded_at=timezone.now(),
    )
    item.file.save(name, ContentFile(PDF), save=False)
    item.save()
    return item


@pytest.fixture
def two_citizens(client: Client, settings: Any, tmp_path: Any) -> dict[str, Any]:
    """An is signed in on ``client``; Bart has his own request, message, document and appointment."""
    settings.MEDIA_ROOT = tmp_path
    an = sign_in(client, "an@example.be")
    bart = Person.objects.create(name="Bart Janssens", email="bart@example.be")
    theirs = make_request(bart, subject="Bart's demolition permit")
    staff_message(theirs, "Bart, your permit is ready.")
    office = make_office()
    return {
        "an": an,
        "own": make_request(an, subject="An's veranda"),
        "bart": bart,
        "theirs": theirs,
        "their_document": attachment(theirs),
        "their_appointment": book(office, office.at(10), name="Bart Janssens", email="bart@example.be"),
    }


def test_someone_elses_request_reference_is_not_found(client: Client, two_citizens: dict[str, Any]) -> None:
    theirs = two_citizens["theirs"]
    response = client.get(url("portal-request", reference=theirs.reference))
    assert response.status_code == 404
    assert "Bart" not in response.content.decode()
    # Lower case, spaces: the same answer.
    assert client.get(url("portal-request", reference=theirs.reference.lower())).status_code == 404
    assert client.get(url("portal-request", reference="AV-0000-0000")).status_code == 404


def test_a_reply_to_someone_elses_request_is_not_found_and_writes_nothing(
    client: Client, two_citizens: dict[str, Any]
) -> None:
    theirs = two_citizens["theirs"]
    response = client.post(url("portal-request", reference=theirs.reference), {"body": "Hijack"})
    assert response.status_code == 404
    assert not RequestMessage.objects.filter(direction=MessageDirection.FROM_CITIZEN).exists()


def test_someone_elses_attachment_is_not_found_whatever_the_reference(
    client: Client, two_citizens: dict[str, Any]
) -> None:
    own, theirs, document = two_citizens["own"], two_citizens["theirs"], two_citizens["their_document"]
    for reference in (own.reference, theirs.reference):
        response = client.get(url("portal-attachment", reference=reference, attachment_id=document.pk))
        assert response.status_code == 404, reference


def test_an_internal_attachment_of_ones_own_request_is_not_found(client: Client, two_citizens: dict[str, Any]) -> None:
    own = two_citizens["own"]
    internal = attachment(own, internal=True, name="internal-report.pdf")
    visible = attachment(own, name="letter.pdf")
    assert client.get(url("portal-attachment", reference=own.reference, attachment_id=internal.pk)).status_code == 404
    assert client.get(url("portal-attachment", reference=own.reference, attachment_id=visible.pk)).status_code == 200
    assert "internal-report.pdf" not in client.get(url("portal-request", reference=own.reference)).content.decode()


def test_someone_elses_requests_and_messages_appear_on_no_page(client: Client, two_citizens: dict[str, Any]) -> None:
    theirs = two_citizens["theirs"]
    for name in ("portal-home", "portal-requests", "portal-data"):
        html = client.get(url(name)).content.decode()
        assert theirs.reference not in html and "Bart" not in html, name
    assert "An&#x27;s veranda" in client.get(url("portal-requests")).content.decode()


def test_reading_ones_own_messages_leaves_someone_elses_unread(client: Client, two_citizens: dict[str, Any]) -> None:
    staff_message(two_citizens["own"], "An, we need a plan.")
    client.get(url("portal-request", reference=two_citizens["own"].reference))
    their_message = RequestMessage.objects.get(request=two_citizens["theirs"])
    assert their_message.read_at is None


def test_someone_elses_appointment_is_not_listed(client: Client, two_citizens: dict[str, Any]) -> None:
    booked = two_citizens["their_appointment"]
    html = client.get(url("portal-appointments")).content.decode()
    assert booked.appointment.reference not in html and booked.manage_secret not in html
    assert booked.appointment.reference not in client.get(url("portal-home")).content.decode()


def test_a_manage_link_with_a_changed_secret_or_reference_is_not_found(
    client: Client, two_citizens: dict[str, Any]
) -> None:
    office = make_office()
    own = book(office, office.at(11), email="an@example.be")
    theirs = two_citizens["their_appointment"]
    assert (
        client.get(url("appointment-manage", reference=own.appointment.reference, secret=own.manage_secret)).status_code
        == 200
    )
    # Their reference with An's secret, and An's reference with a made-up secret.
    wrong = [
        (theirs.appointment.reference, own.manage_secret),
        (own.appointment.reference, own.manage_secret[:-2] + "xx"),
    ]
    for reference, secret in wrong:
        assert client.get(url("appointment-manage", reference=reference, secret=secret)).status_code == 404


def test_appointments_follow_the_proven_address_not_the_record(client: Client, two_citizens: dict[str, Any]) -> None:
    """Staff typing Bart's address into An's record does not show An Bart's appointments."""
    Person.objects.filter(pk=two_citizens["an"].pk).update(email="bart@example.be")
    html = client.get(url("portal-appointments")).content.decode()
    assert two_citizens["their_appointment"].appointment.reference not in html


def test_my_details_cannot_change_the_sign_in_address(client: Client, two_citizens: dict[str, Any]) -> None:
    data = {"name": "An", "email": "bart@example.be", "language": "nl", "preferred_channel": "email"}
    client.post(url("portal-details"), data)
    assert Person.objects.get(pk=two_citizens["an"].pk).email == "an@example.be"
    assert (
        two_citizens["their_appointment"].appointment.reference
        not in client.get(url("portal-appointments")).content.decode()
    )


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("portal-home", {}),
        ("portal-appointments", {}),
        ("portal-requests", {}),
        ("portal-request", {"reference": "AV-0000-0000"}),
        ("portal-attachment", {"reference": "AV-0000-0000", "attachment_id": 1}),
        ("portal-details", {}),
        ("portal-consents", {}),
        ("portal-data", {}),
        ("portal-data-json", {}),
        ("portal-erasure", {}),
    ],
)
def test_without_a_session_every_page_leads_to_the_sign_in(name: str, kwargs: dict[str, Any]) -> None:
    client = Client()
    response = client.get(url(name, **kwargs))
    assert response.status_code == 302 and response["Location"] == url("portal-sign-in")
    assert client.post(url(name, **kwargs), {}).status_code in (302, 405)


def test_a_tampered_session_signs_nobody_in(client: Client, two_citizens: dict[str, Any]) -> None:
    data = dict(client.session["loket_citizen"])
    for person_id in (str(two_citizens["an"].pk), None, two_citizens["bart"].pk + 1000):
        session = client.session  # a new key after each sign-out
        session["loket_citizen"] = {**data, "person": person_id}
        session.save()
        assert client.get(url("portal-home")).status_code == 302
