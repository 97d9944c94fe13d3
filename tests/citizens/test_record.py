"""The citizen record: the national register number encrypted and masked, consents, bad input, key rotation."""

from __future__ import annotations

from typing import Any

import pytest

from loket.citizens import crypto, national_number
from loket.citizens.models import ConsentPurpose, ConsentSource, Person
from loket.citizens.selectors import national_number_for, people_search, prefill_for
from loket.citizens.services import PersonDetails, consent_give, consent_withdraw, person_create, person_update
from loket.core.errors import Conflict, DomainError, PermissionDenied
from loket.core.models import AuditEntry
from loket.organisations.models import Role
from tests.factories import OrganisationFactory, staff_member

pytestmark = pytest.mark.django_db
NUMBER = "85.07.30-033.28"


@pytest.fixture(autouse=True)
def _fresh_keys() -> Any:
    crypto.clear_key_cache()
    yield
    crypto.clear_key_cache()


@pytest.fixture
def city() -> Any:
    return OrganisationFactory(slug="mechelen")


def details(**fields: Any) -> PersonDetails:
    values: dict[str, Any] = {"name": "Griet Van Hool", "email": "griet@example.be", "language": "nl"}
    return PersonDetails(**{**values, **fields})


def test_the_number_is_stored_encrypted_and_found_by_its_hash(city: Any) -> None:
    reception = staff_member(city, Role.RECEPTION)
    person = person_create(actor=reception, organisation=city, details=details(national_number=NUMBER))
    stored = Person.objects.get(pk=person.pk)
    assert "85073003328" not in stored.national_number_token and "85073003328" not in stored.national_number_hash
    assert crypto.decrypt(stored.national_number_token) == "85073003328"
    assert people_search(user=reception, query="85073003328") == [stored]
    entry = AuditEntry.objects.get(action="person.create")
    assert entry.changes["national_number"] == [None, "set"] and "85073003328" not in str(entry.changes)


def test_reception_sees_it_masked_and_the_back_office_in_full_with_an_audited_read(city: Any) -> None:
    reception = staff_member(city, Role.RECEPTION)
    back_office = staff_member(city, Role.BACK_OFFICE)
    person = person_create(actor=reception, organisation=city, details=details(national_number=NUMBER))
    assert national_number_for(user=reception, person=person) == "••.••.••-•••.28"
    reads = AuditEntry.objects.filter(action="person.read").count()
    assert national_number_for(user=back_office, person=person) == NUMBER
    assert AuditEntry.objects.filter(action="person.read").count() == reads + 1


def test_a_wrong_check_digit_or_a_taken_number_changes_nothing(city: Any) -> None:
    reception = staff_member(city, Role.RECEPTION)
    with pytest.raises(DomainError) as error:
        person_create(actor=reception, organisation=city, details=details(national_number="85.07.30-033.29"))
    assert error.value.field == "national_number"
    person_create(actor=reception, organisation=city, details=details(national_number=NUMBER))
    with pytest.raises(Conflict):
        person_create(actor=reception, organisation=city, details=details(name="Iemand Anders", national_number=NUMBER))
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": " "}, "name"),
        ({"email": "griet@"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"language": "de"}, "language"),
        ({"preferred_channel": "sms", "phone": ""}, "phone"),
        ({"postcode": "28OO"}, "postcode"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(city: Any, fields: dict[str, Any], field: str) -> None:
    with pytest.raises(DomainError) as error:
        person_create(actor=staff_member(city, Role.RECEPTION), organisation=city, details=details(**fields))
    assert error.value.field == field
    assert not Person.objects.exists()


def test_a_landline_is_a_phone_number_for_the_record(city: Any) -> None:
    person = person_create(
        actor=staff_member(city, Role.RECEPTION),
        organisation=city,
        details=details(phone="015 20 11 22", preferred_channel="phone"),
    )
    assert person.phone == "+3215201122"


def test_staff_of_another_organisation_or_a_catalogue_editor_cannot_write_the_record(city: Any) -> None:
    other = OrganisationFactory(slug="bonheiden")
    with pytest.raises(PermissionDenied):
        person_create(actor=staff_member(other, Role.RECEPTION), organisation=city, details=details())
    with pytest.raises(PermissionDenied):
        person_create(actor=staff_member(city, Role.CATALOGUE_EDITOR), organisation=city, details=details())
    assert not Person.objects.exists()


def test_someone_elses_people_are_not_found_by_search(city: Any) -> None:
    person_create(actor=staff_member(city, Role.RECEPTION), organisation=city, details=details())
    other = OrganisationFactory(slug="bonheiden")
    assert people_search(user=staff_member(other, Role.RECEPTION), query="Griet") == []


def test_rotating_the_secret_key_keeps_numbers_readable_and_findable(city: Any, settings: Any) -> None:
    reception = staff_member(city, Role.RECEPTION)
    person = person_create(actor=reception, organisation=city, details=details(national_number=NUMBER))
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-brand-new-secret-key-for-this-test-0123456789-abcdefghijklmnop"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    crypto.clear_key_cache()
    person.refresh_from_db()
    assert crypto.decrypt(person.national_number_token) == "85073003328"
    assert people_search(user=reception, query=NUMBER) == [person]
    with pytest.raises(Conflict):  # the same number under the new key is still the same person
        person_create(actor=reception, organisation=city, details=details(name="Dubbel", national_number=NUMBER))


def test_an_update_keeps_the_number_when_none_is_given_and_records_what_changed(city: Any) -> None:
    reception = staff_member(city, Role.RECEPTION)
    person = person_create(actor=reception, organisation=city, details=details(national_number=NUMBER))
    token = Person.objects.get(pk=person.pk).national_number_token
    person_update(actor=reception, person=person, organisation=city, details=details(city="Mechelen"))
    stored = Person.objects.get(pk=person.pk)
    assert stored.national_number_token == token and stored.city == "Mechelen"
    change = AuditEntry.objects.get(action="person.update").changes
    assert change == {"city": ["", "Mechelen"]}


def test_consents_are_given_once_withdrawn_with_time_and_gate_the_prefill(city: Any) -> None:
    reception = staff_member(city, Role.RECEPTION)
    person = person_create(actor=reception, organisation=city, details=details(phone="0470 12 34 56"))
    assert prefill_for(person=person) == {}
    first = consent_give(
        actor=reception, person=person, purpose=ConsentPurpose.PREFILL, source=ConsentSource.COUNTER, organisation=city
    )
    again = consent_give(
        actor=reception, person=person, purpose=ConsentPurpose.PREFILL, source=ConsentSource.COUNTER, organisation=city
    )
    assert first.pk == again.pk and first.text_version and first.recorded_by == reception
    assert prefill_for(person=person)["phone"] == "+32470123456"
    withdrawn = consent_withdraw(actor="citizen", person=person, purpose=ConsentPurpose.PREFILL, source="mijn_loket")
    assert withdrawn is not None and withdrawn.withdrawn_at is not None
    assert prefill_for(person=person) == {}
    assert national_number.is_valid(NUMBER)


def test_a_regional_contact_centre_finds_the_people_of_the_organisations_it_answers_for(city: Any) -> None:
    centre = OrganisationFactory(slug="kcc-regio")
    centre.contact_centre_for.add(city)
    elsewhere = OrganisationFactory(slug="bonheiden")
    person_create(actor=staff_member(city, Role.RECEPTION), organisation=city, details=details())
    person_create(
        actor=staff_member(elsewhere, Role.RECEPTION), organisation=elsewhere, details=details(name="Jan Bonheiden")
    )
    agent = staff_member(centre, Role.CONTACT_CENTRE)
    assert [p.name for p in people_search(user=agent, query="Griet")] == ["Griet Van Hool"]
    assert people_search(user=agent, query="Jan Bonheiden") == []  # not a member of this centre
    catalogue_editor = staff_member(centre, Role.CATALOGUE_EDITOR)
    assert people_search(user=catalogue_editor, query="Griet") == []
