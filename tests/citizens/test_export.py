"""Download my data: everything held about the person, only about them, and audited."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from loket.citizens import crypto
from loket.citizens.export import person_data
from loket.citizens.models import Consent, Person
from loket.citizens.services import consent_give, consent_withdraw
from loket.contacts.models import Contact, ContactChannel, Outcome, RequestEvent, RequestEventKind
from loket.core.models import AuditEntry
from tests.appointments.test_booking import book, make_office
from tests.citizens.test_portal import make_request, sign_in, staff_message, url
from tests.citizens.test_portal_access import attachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(client: Client, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    an = sign_in(client, "an@example.be")
    Person.objects.filter(pk=an.pk).update(
        name="An Peeters",
        city="Mechelen",
        national_number_token=crypto.encrypt("85073003328"),
        national_number_hash=crypto.lookup_hash("85073003328"),
    )
    bart = Person.objects.create(name="Bart Janssens", email="bart@example.be", city="Leuven")
    office = make_office()
    for person, email in ((an, "an@example.be"), (bart, "bart@example.be")):
        consent_give(actor="citizen", person=person, purpose="surveys", source="mijn_loket")
        request = make_request(person, subject=f"Permit of {person.pk}")
        staff_message(request, f"Message for {email}")
        attachment(request, name=f"decision-{person.pk}.pdf")
        book(office, office.at(10 if person == an else 11), name=f"Visitor {email}", email=email)
        contact = Contact.objects.create(
            organisation=office.location.organisation,
            registered_by=office.location.organisation,
            channel=ContactChannel.PHONE,
            started_at=timezone.now(),
            summary=f"Called about {email}",
            outcome=Outcome.ANSWERED,
            person=person,
        )
        assert contact.pk
    consent_withdraw(actor="citizen", person=an, purpose="surveys", source="mijn_loket")
    own = an.requests.get()
    RequestEvent.objects.create(request=own, at=timezone.now(), kind=RequestEventKind.NOTE, text="Internal: neighbour")
    attachment(own, internal=True, name="internal-report.pdf")
    return {"an": Person.objects.get(pk=an.pk), "bart": bart}


def test_the_export_holds_the_record_consents_appointments_requests_and_contacts(people: dict[str, Any]) -> None:
    data = person_data(person=people["an"], email="an@example.be", lang="en")
    assert data["person"]["name"] == "An Peeters" and data["person"]["city"] == "Mechelen"
    [consent] = data["consents"]
    assert consent["purpose"] == "surveys" and consent["withdrawn_at"] and consent["source"] == "mijn_loket"
    assert consent["text_version"]
    [appointment] = data["appointments"]
    assert appointment["email"] == "an@example.be"
    [request] = data["requests"]
    assert [m["body"] for m in request["messages"]] == ["Message for an@example.be"]
    assert [e["kind"] for e in request["history"]] == ["created", "message_out"]
    [contact] = data["contacts"]
    assert contact["summary"] == "Called about an@example.be"
    assert data["sign_in_links"] and data["sign_in_links"][0]["used_at"]


def test_the_export_holds_nothing_of_another_person(people: dict[str, Any]) -> None:
    text = json.dumps(person_data(person=people["an"], email="an@example.be", lang="en"))
    bart = people["bart"]
    for foreign in ("Bart", "bart@example.be", "Leuven", f"Permit of {bart.pk}", f"decision-{bart.pk}.pdf"):
        assert foreign not in text, foreign


def test_the_export_holds_no_internal_note_or_attachment_nor_the_full_national_number(people: dict[str, Any]) -> None:
    data = person_data(person=people["an"], email="an@example.be", lang="en")
    text = json.dumps(data, ensure_ascii=False)
    assert "Internal: neighbour" not in text and "internal-report.pdf" not in text
    assert "85073003328" not in text and data["person"]["national_register_number"] == "••.••.••-•••.28"


def test_the_json_download_is_an_audited_read(client: Client, people: dict[str, Any]) -> None:
    before = AuditEntry.objects.filter(action="person.read", person_id=people["an"].pk).count()
    response = client.get(url("portal-data-json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-loket-')
    data = json.loads(response.content)
    assert data["format"] == "loket-person-export" and data["person"]["email"] == "an@example.be"
    entries = AuditEntry.objects.filter(action="person.read", person_id=people["an"].pk)
    assert entries.count() == before + 1
    assert entries.latest("pk").source == "web:portal-data-json"


def test_the_readable_page_shows_the_same_data(client: Client, people: dict[str, Any]) -> None:
    html = client.get(url("portal-data")).content.decode()
    assert "An Peeters" in html and "Message for an@example.be" in html and "Called about an@example.be" in html
    assert "Bart" not in html and "Internal: neighbour" not in html
    assert AuditEntry.objects.filter(action="person.read", person_id=people["an"].pk, source="web:portal-data").exists()


def test_the_export_has_a_bounded_number_of_queries(people: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    person = people["an"]
    for n in range(5):
        make_request(person, subject=f"More {n}")
        Consent.objects.create(
            person=person,
            purpose="prefill",
            given_at=timezone.now(),
            source="counter",
            text_version="x",
            withdrawn_at=timezone.now(),
        )
    with django_assert_max_num_queries(20):
        person_data(person=person, email="an@example.be", lang="en")
