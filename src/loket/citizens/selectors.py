"""Reads of the citizen record, scoped and audited.

Staff find and open a person only through an organisation that knows them (``PersonOrganisation``)
where they hold one of ``PERSON_ROLES``, or that their contact centre answers for; every read of a
record is written to the audit trail in the same transaction (``audit_read``), so it is never
shown without its entry. Consents decide what may be reused: ``prefill_for`` gives nothing
without the prefill consent in force.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q, QuerySet

from loket.citizens import crypto, national_number
from loket.citizens.models import Consent, ConsentPurpose, Person, PersonOrganisation
from loket.core.audit import audit_read
from loket.core.errors import NotFound
from loket.organisations.models import Organisation, Role
from loket.organisations.selectors import NATIONAL_NUMBER_ROLES, PERSON_ROLES, staff_organisation_ids

User = AbstractBaseUser | AnonymousUser
SEARCH_LIMIT = 20


def _reach(user: User) -> set[int]:
    """The organisations whose people ``user`` may look up: their own (with a personal-data role) and,
    for a contact-centre agent, the organisations their contact centre answers for (a regional
    centre serves the citizens of its members: "no wrong door")."""
    organisations = staff_organisation_ids(user=user, roles=PERSON_ROLES)
    centres = staff_organisation_ids(user=user, roles={Role.CONTACT_CENTRE})
    if centres:
        served = Organisation.contact_centre_for.through.objects.filter(from_organisation_id__in=centres)
        organisations |= set(served.values_list("to_organisation_id", flat=True))
    return organisations


def _people_for_staff(user: User) -> QuerySet[Person]:
    known = PersonOrganisation.objects.filter(organisation_id__in=_reach(user)).values("person_id")
    return Person.objects.filter(pk__in=known, erased_at__isnull=True)


def person_organisation_ids(*, user: User, person: Person) -> set[int]:
    """The organisations through which ``user`` may see ``person`` (empty: not at all)."""
    organisations = _reach(user)
    return set(
        PersonOrganisation.objects.filter(person=person, organisation_id__in=organisations).values_list(
            "organisation_id", flat=True
        )
    )


@transaction.atomic
def person_for_staff(*, user: User, pk: int) -> Person:
    """The person, read by ``user`` (audited); ``NotFound`` when no organisation of theirs knows them."""
    person = _people_for_staff(user).filter(pk=pk).first()
    if person is None:
        raise NotFound("no such person")
    audit_read(actor=user, obj=person, person_id=person.pk)
    return person


@transaction.atomic
def people_search(*, user: User, query: str) -> list[Person]:
    """People known to ``user``'s organisations by name, e-mail, phone or national register number.

    At most ``SEARCH_LIMIT``; each one shown is an audited read of their name and contact details.
    """
    query = query.strip()
    if len(query) < 2:
        return []
    people = _people_for_staff(user)
    digits = national_number.normalise(query)
    if national_number.is_valid(digits):
        people = people.filter(national_number_hash__in=crypto.lookup_hashes(digits))
    else:
        words = query.split()
        condition = Q()
        for word in words:
            condition &= Q(name__icontains=word)
        condition |= Q(email__iexact=query) | Q(phone__contains=query.replace(" ", ""))
        people = people.filter(condition)
    found = list(people.order_by("name", "pk")[:SEARCH_LIMIT])
    for person in found:
        audit_read(actor=user, obj=person, person_id=person.pk, fields=["name", "email", "phone"])
    return found


def national_number_for(*, user: User, person: Person) -> str:
    """What ``user`` may see of the number: in full for ``NATIONAL_NUMBER_ROLES`` (audited), else masked."""
    if not person.national_number_token:
        return ""
    digits = crypto.decrypt(person.national_number_token)
    organisations = staff_organisation_ids(user=user, roles=NATIONAL_NUMBER_ROLES)
    if not PersonOrganisation.objects.filter(person=person, organisation_id__in=organisations).exists():
        return national_number.masked(digits)
    audit_read(actor=user, obj=person, person_id=person.pk, fields=["national_number"])
    return national_number.formatted(digits)


def consents_in_force(*, person: Person) -> dict[str, Consent]:
    """The consents in force, by purpose."""
    return {c.purpose: c for c in Consent.objects.filter(person=person, withdrawn_at__isnull=True)}


def consent_history(*, person: Person) -> list[Consent]:
    return list(Consent.objects.filter(person=person).order_by("-given_at", "-pk"))


def has_consent(*, person: Person | None, purpose: str) -> bool:
    if person is None:
        return False
    return Consent.objects.filter(person=person, purpose=purpose, withdrawn_at__isnull=True).exists()


def prefill_for(*, person: Person | None) -> dict[str, str]:
    """The form fields to fill in from the record (only-once), only with the prefill consent in force."""
    if person is None or person.erased_at or not has_consent(person=person, purpose=ConsentPurpose.PREFILL):
        return {}
    values = {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "language": person.language,
        "street": person.street,
        "postcode": person.postcode,
        "city": person.city,
    }
    return {key: value for key, value in values.items() if value}
