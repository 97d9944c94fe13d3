"""The contacts API: telephony logs calls, staff read the requests they work, a citizen only their own."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from loket.citizens.models import Person
from loket.contacts.models import Contact, Request
from loket.core.models import AuditEntry
from tests.citizens.test_portal import make_request, sign_in, staff_message
from tests.contacts.helpers import World

pytestmark = pytest.mark.django_db


def token_client(user: Any) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def test_telephony_logs_a_call_for_a_member_organisation_of_the_contact_centre(world: World) -> None:
    client = token_client(world.agent)
    response = client.post(
        "/api/v1/contacts/",
        {
            "channel": "phone",
            "outcome": "answered",
            "organisation": "mechelen",
            "summary": "Vraag over openingsuren",
            "services": ["omgevingsvergunning"],
            "duration_seconds": 184,
            "language": "fr",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organisation"] == "mechelen" and body["registered_by"] == "kcc"
    assert body["services"] == ["omgevingsvergunning"] and body["duration_seconds"] == 184
    contact = Contact.objects.get(pk=body["id"])
    assert contact.agent == world.agent and contact.language == "fr"


def test_a_call_for_an_organisation_the_centre_does_not_serve_is_refused_and_writes_nothing(world: World) -> None:
    client = token_client(world.agent)
    response = client.post(
        "/api/v1/contacts/",
        {"channel": "phone", "outcome": "answered", "organisation": "bonheiden"},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)
    assert set(response.json()) == {"code", "message", "field"}
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channel": "pigeon", "outcome": "answered"}, "channel"),
        ({"channel": "phone"}, "outcome"),
        ({"channel": "phone", "outcome": "answered", "services": ["no-such-service"]}, "services"),
        ({"channel": "phone", "outcome": "referred"}, "referred_to"),
        ({"channel": "phone", "outcome": "answered", "duration_seconds": -5}, "duration_seconds"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(world: World, body: dict[str, Any], field: str) -> None:
    response = token_client(world.reception).post("/api/v1/contacts/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert not Contact.objects.exists()


def test_without_a_staff_login_no_contact_is_logged(world: World) -> None:
    response = Client().post(
        "/api/v1/contacts/", {"channel": "phone", "outcome": "answered"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_staff_read_a_request_they_work_with_its_history_and_the_read_is_audited(world: World) -> None:
    request = world.request()
    response = token_client(world.clerk).get(f"/api/v1/requests/{request.reference.lower()}/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["reference"] == request.reference and body["status"] == "new"
    assert body["due_on"] == request.due_on.isoformat()
    assert [event["kind"] for event in body["events"]] == ["created"]
    assert AuditEntry.objects.filter(
        action="request.read", object_id=str(request.pk), person_id=world.person.pk, source="api:api-requests-detail"
    ).exists()


def test_another_organisations_request_is_not_found_like_an_unknown_reference(world: World) -> None:
    request = world.request()
    client = token_client(world.outsider)
    theirs = client.get(f"/api/v1/requests/{request.reference}/")
    unknown = client.get("/api/v1/requests/AV-0000-0000/")
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json() == unknown.json()


def test_a_citizen_lists_and_reads_only_their_own_requests(client: Client, world: World) -> None:
    an = sign_in(client, "an@example.be")
    own = make_request(an, subject="Veranda")
    staff_message(own, "Uw veranda is vrijgesteld.")
    bart = Person.objects.create(name="Bart Janssens", email="bart@example.be")
    theirs = make_request(bart, subject="Afbraak")
    listed = client.get("/api/v1/me/requests/")
    assert listed.status_code == 200
    assert [row["reference"] for row in listed.json()] == [own.reference]
    detail = client.get(f"/api/v1/me/requests/{own.reference}/")
    assert detail.status_code == 200
    assert [m["body"] for m in detail.json()["messages"]] == ["Uw veranda is vrijgesteld."]
    other = client.get(f"/api/v1/me/requests/{theirs.reference}/")
    unknown = client.get("/api/v1/me/requests/AV-0000-0000/")
    assert other.status_code == unknown.status_code == 404
    assert other.json() == unknown.json()
    assert Request.objects.filter(pk=theirs.pk, messages__isnull=True).exists()


def test_a_citizen_api_needs_the_mijn_loket_session_not_a_staff_token(world: World) -> None:
    assert Client().get("/api/v1/me/requests/").status_code == 403
    assert token_client(world.clerk).get("/api/v1/me/requests/").status_code == 403
