"""Staff pages of the citizen record: search, create, edit, the record, consents, the number."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.citizens.models import Consent, ConsentPurpose, Person, PersonOrganisation
from loket.citizens.services import PersonDetails, person_update
from loket.core.models import AuditEntry
from tests.contacts.helpers import World, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    with translation.override("en"):
        return make_world()


@pytest.fixture(autouse=True)
def english() -> object:
    with translation.override("en"):
        yield


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_search_is_a_post_and_finds_the_person(world: World) -> None:
    client = client_for(world.reception)
    assert client.get(reverse("people-search")).status_code == 200
    response = client.post(reverse("people-search"), {"q": "peeters"})
    assert response.status_code == 200
    assert reverse("people-detail", kwargs={"pk": world.person.pk}) in response.content.decode()


def test_search_of_another_organisation_finds_nobody(world: World) -> None:
    response = client_for(world.outsider).post(reverse("people-search"), {"q": "peeters"})
    assert "Jan Peeters" not in response.content.decode()


def test_a_too_short_search_is_explained(world: World) -> None:
    response = client_for(world.reception).post(reverse("people-search"), {"q": "p"})
    assert response.status_code == 400
    assert 'id="id_q_error"' in response.content.decode()


def test_create_a_person(world: World) -> None:
    response = client_for(world.reception).post(
        reverse("people-create"),
        {"name": "Sara Janssens", "email": "sara@example.be", "language": "fr", "preferred_channel": "email"},
    )
    person = Person.objects.get(name="Sara Janssens")
    assert response.status_code == 302
    assert PersonOrganisation.objects.filter(person=person, organisation=world.city).exists()


def test_a_bad_national_number_is_shown_and_nothing_saved(world: World) -> None:
    response = client_for(world.reception).post(
        reverse("people-create"),
        {
            "name": "Sara Janssens",
            "email": "sara@example.be",
            "language": "nl",
            "preferred_channel": "email",
            "national_number": "12345",
        },
    )
    assert response.status_code == 400
    assert 'id="id_national_number_error"' in response.content.decode()
    assert not Person.objects.filter(name="Sara Janssens").exists()


def test_the_record_with_timeline_and_consents(world: World) -> None:
    world.request()
    response = client_for(world.reception).get(reverse("people-detail", kwargs={"pk": world.person.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jan Peeters" in html and "Timeline" in html and "Consents" in html


def test_another_organisations_person_is_404(world: World) -> None:
    client = client_for(world.outsider)
    assert client.get(reverse("people-detail", kwargs={"pk": world.person.pk})).status_code == 404
    assert client.get(reverse("people-edit", kwargs={"pk": world.person.pk})).status_code == 404
    assert (
        client.post(
            reverse("people-consent", kwargs={"pk": world.person.pk}), {"purpose": "prefill", "source": "counter"}
        ).status_code
        == 404
    )
    assert not Consent.objects.exists()


def test_the_number_is_masked_for_reception_and_full_for_the_back_office(world: World) -> None:
    person_update(
        actor=None,
        person=world.person,
        organisation=None,
        details=PersonDetails(
            name=world.person.name, email=world.person.email, phone=world.person.phone, national_number="85073003328"
        ),
    )
    url = reverse("people-detail", kwargs={"pk": world.person.pk}) + "?number=show"
    assert "85.07.30-033.28" not in client_for(world.reception).get(url).content.decode()
    assert "••.••.••-•••.28" in client_for(world.reception).get(url).content.decode()
    assert "85.07.30-033.28" in client_for(world.clerk).get(url).content.decode()
    assert AuditEntry.objects.filter(action="person.read", changes__fields=["national_number"]).count() == 1


def test_record_and_withdraw_a_consent_given_by_phone(world: World) -> None:
    client = client_for(world.reception)
    url = reverse("people-consent", kwargs={"pk": world.person.pk})
    assert client.post(url, {"purpose": "prefill", "source": "phone", "action": "give"}).status_code == 302
    consent = Consent.objects.get()
    assert consent.purpose == ConsentPurpose.PREFILL and consent.recorded_by == world.reception
    assert client.post(url, {"purpose": "prefill", "source": "phone", "action": "withdraw"}).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_a_bad_consent_source_is_refused(world: World) -> None:
    response = client_for(world.reception).post(
        reverse("people-consent", kwargs={"pk": world.person.pk}), {"purpose": "prefill", "source": "mijn_loket"}
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_edit_the_record(world: World) -> None:
    client = client_for(world.reception)
    url = reverse("people-edit", kwargs={"pk": world.person.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Jan Peeters",
            "email": "jan@example.be",
            "phone": "0470 12 34 56",
            "language": "fr",
            "preferred_channel": "sms",
        },
    )
    assert response.status_code == 302
    world.person.refresh_from_db()
    assert world.person.language == "fr" and world.person.preferred_channel == "sms"


def test_a_catalogue_editor_gets_403(world: World) -> None:
    from tests.factories import staff_member

    editor = staff_member(world.city)
    assert client_for(editor).get(reverse("people-search")).status_code == 403
