"""Writes of the citizen record: people, the organisations that know them, consents, erasure requests.

Every function runs in one transaction and writes its audit entry (with ``person_id``) in it.
Who may act: staff with one of ``PERSON_ROLES`` in the organisation they act for (checked here),
the citizen (the string ``"citizen"``: the calling view has checked their Mijn loket session
first) or the system (``None``: jobs).

The national register number goes in encrypted and comes out only through
``selectors.national_number_for``; the audit trail records that it changed, never its value.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.citizens import crypto, national_number
from loket.citizens.models import (
    Consent,
    ConsentPurpose,
    ConsentSource,
    ErasureRequest,
    ErasureStatus,
    Language,
    Person,
    PersonOrganisation,
    PreferredChannel,
)
from loket.core.audit import Actor, audit_log, diff
from loket.core.errors import Conflict, DomainError, PermissionDenied
from loket.core.phone import clean_phone
from loket.organisations.models import Organisation
from loket.organisations.selectors import PERSON_ROLES, user_has_any_role

# The version of the consent texts in ``ConsentPurpose``; raise it when a text changes, so that
# a consent records which words the person agreed to.
CONSENT_TEXT_VERSION = "2026-12"
MAX_NAME_LENGTH = 200
# The fields a person record holds that staff or the citizen may change (the number apart).
PERSON_FIELDS = (
    "name",
    "date_of_birth",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "language",
    "preferred_channel",
)


@dataclass(frozen=True, kw_only=True)
class PersonDetails:
    """What a form gives for a person, before it is checked (``clean_person``)."""

    name: str
    email: str = ""
    phone: str = ""
    date_of_birth: datetime.date | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    language: str = Language.NL
    preferred_channel: str = PreferredChannel.EMAIL
    national_number: str = ""  # empty: none given (or, for an update, keep the one stored)


def _check_staff(actor: Actor, organisation: Organisation | None) -> None:
    if actor in (None, "citizen"):
        return
    if not isinstance(actor, AbstractBaseUser) or organisation is None:
        raise PermissionDenied(_("Only staff of an organisation can change a person's record."))
    if not user_has_any_role(user=actor, organisation=organisation, roles=PERSON_ROLES):
        raise PermissionDenied(_("Only staff of this organisation can change a person's record."))


def clean_person(details: PersonDetails) -> dict[str, object]:
    """The checked, normalised fields (plus ``national_number`` as digits), or a ``DomainError`` on a field."""
    name = details.name.strip()
    if not name:
        raise DomainError(_("Please fill in the name."), code="required", field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError(_("This name is too long."), code="invalid", field="name")
    email = details.email.strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise DomainError(_("This e-mail address is not valid."), code="invalid", field="email") from error
    phone = clean_phone(details.phone.strip(), mobile=False) if details.phone.strip() else ""
    if details.date_of_birth and details.date_of_birth > timezone.localdate():
        raise DomainError(_("The date of birth cannot be in the future."), code="invalid", field="date_of_birth")
    if details.language not in Language.values:
        raise DomainError(_("Choose Dutch, French or English."), code="invalid", field="language")
    if details.preferred_channel not in PreferredChannel.values:
        raise DomainError(_("Choose how we should contact you."), code="invalid", field="preferred_channel")
    if details.preferred_channel == PreferredChannel.EMAIL and not email:
        raise DomainError(_("Give an e-mail address to be contacted by e-mail."), code="required", field="email")
    if details.preferred_channel in (PreferredChannel.SMS, PreferredChannel.PHONE) and not phone:
        raise DomainError(_("Give a phone number to be contacted by phone or text."), code="required", field="phone")
    number = national_number.normalise(details.national_number)
    if number and not national_number.is_valid(number):
        raise DomainError(
            _("This national register number is not valid: it must have 11 digits, e.g. 85.07.30-033.28."),
            code="invalid",
            field="national_number",
        )
    postcode = details.postcode.strip()
    if postcode and not (len(postcode) == 4 and postcode.isdigit()):
        raise DomainError(_("A Belgian postcode has four digits."), code="invalid", field="postcode")
    return {
        "name": name,
        "email": email,
        "phone": phone,
        "date_of_birth": details.date_of_birth,
        "street": details.street.strip()[:200],
        "postcode": details.postcode.strip()[:10],
        "city": details.city.strip()[:100],
        "language": details.language,
        "preferred_channel": details.preferred_channel,
        "national_number": number,
    }


def _set_national_number(person: Person, digits: str) -> None:
    person.national_number_token = crypto.encrypt(digits)
    person.national_number_hash = crypto.lookup_hash(digits)


def _save_checking_number(person: Person, number: str = "") -> None:
    """Save; a number someone else holds (under the current or an older key) is a ``Conflict``."""
    taken = Conflict(
        _("Someone with this national register number is already known: look them up instead."),
        code="duplicate",
        field="national_number",
    )
    if (
        number
        and Person.objects.filter(national_number_hash__in=crypto.lookup_hashes(number)).exclude(pk=person.pk).exists()
    ):
        raise taken
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as error:
        if "person_unique_national_number" in str(error):
            raise taken from error
        raise


def person_link(*, person: Person, organisation: Organisation) -> None:
    """``organisation`` knows ``person`` from now on (idempotent). Call inside the caller's transaction."""
    PersonOrganisation.objects.get_or_create(person=person, organisation=organisation)


@transaction.atomic
def person_create(*, actor: Actor, organisation: Organisation | None, details: PersonDetails) -> Person:
    """A new person, known to ``organisation`` (the one the staff member acts for)."""
    _check_staff(actor, organisation)
    fields = clean_person(details)
    number = str(fields.pop("national_number"))
    person = Person(**fields)
    if number:
        _set_national_number(person, number)
    _save_checking_number(person, number)
    if organisation is not None:
        person_link(person=person, organisation=organisation)
    changes = {key: [None, str(value)] for key, value in fields.items() if value}
    if number:
        changes["national_number"] = [None, "set"]
    audit_log(
        actor=actor,
        action="person.create",
        obj=person,
        organisation_id=organisation.pk if organisation else None,
        changes=changes,
        person_id=person.pk,
    )
    return person


@transaction.atomic
def person_update(*, actor: Actor, person: Person, organisation: Organisation | None, details: PersonDetails) -> Person:
    """Change the record; an empty ``national_number`` keeps the stored one."""
    _check_staff(actor, organisation)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at:
        raise Conflict(_("This record was erased and can no longer be changed."), code="erased")
    fields = clean_person(details)
    number = str(fields.pop("national_number"))
    old = {key: getattr(person, key) for key in PERSON_FIELDS}
    had_number = bool(person.national_number_token)
    for key, value in fields.items():
        setattr(person, key, value)
    changes = diff(old, fields)
    if number and person.national_number_hash not in crypto.lookup_hashes(number):
        _set_national_number(person, number)
        changes["national_number"] = ["set" if had_number else None, "changed" if had_number else "set"]
    if not changes:
        return person
    _save_checking_number(person, number)
    if organisation is not None:
        person_link(person=person, organisation=organisation)
    audit_log(
        actor=actor,
        action="person.update",
        obj=person,
        organisation_id=organisation.pk if organisation else None,
        changes=changes,
        person_id=person.pk,
    )
    return person


@transaction.atomic
def person_for_email(*, email: str, name: str = "", language: str = Language.NL) -> Person:
    """The person whose verified e-mail this is (the oldest record with it), or a new one.

    For Mijn loket and the public web form, where the citizen proved they read this mailbox.
    """
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError as error:
        raise DomainError(_("This e-mail address is not valid."), code="invalid", field="email") from error
    known = (
        Person.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=address, erased_at__isnull=True)
        .order_by("pk")
        .first()
    )
    if known is not None:
        return known
    person = Person.objects.create(
        name=name.strip()[:MAX_NAME_LENGTH],
        email=address,
        language=language if language in Language.values else Language.NL,
    )
    audit_log(
        actor="citizen", action="person.create", obj=person, changes={"email": [None, address]}, person_id=person.pk
    )
    return person


@transaction.atomic
def consent_give(
    *,
    actor: Actor,
    person: Person,
    purpose: str,
    source: str,
    organisation: Organisation | None = None,
    now: datetime.datetime | None = None,
) -> Consent:
    """Record a "yes" for ``purpose``; giving one already in force changes nothing and returns it."""
    _check_staff(actor, organisation)
    if purpose not in ConsentPurpose.values:
        raise DomainError(_("Unknown purpose."), code="invalid", field="purpose")
    if source not in ConsentSource.values:
        raise DomainError(_("Unknown source."), code="invalid", field="source")
    Person.objects.select_for_update().filter(pk=person.pk).first()
    current = Consent.objects.filter(person=person, purpose=purpose, withdrawn_at__isnull=True).first()
    if current is not None:
        return current
    consent = Consent.objects.create(
        person=person,
        purpose=purpose,
        given_at=now or timezone.now(),
        source=source,
        text_version=CONSENT_TEXT_VERSION,
        recorded_by_id=actor.pk if isinstance(actor, AbstractBaseUser) else None,
    )
    audit_log(
        actor=actor,
        action="consent.give",
        obj=consent,
        organisation_id=organisation.pk if organisation else None,
        changes={"purpose": [None, purpose], "source": [None, source], "text_version": [None, CONSENT_TEXT_VERSION]},
        person_id=person.pk,
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    actor: Actor,
    person: Person,
    purpose: str,
    source: str,
    organisation: Organisation | None = None,
    now: datetime.datetime | None = None,
) -> Consent | None:
    """Withdraw the consent in force for ``purpose`` (``None`` when there was none)."""
    _check_staff(actor, organisation)
    if source not in ConsentSource.values:
        raise DomainError(_("Unknown source."), code="invalid", field="source")
    consent = (
        Consent.objects.select_for_update().filter(person=person, purpose=purpose, withdrawn_at__isnull=True).first()
    )
    if consent is None:
        return None
    consent.withdrawn_at = now or timezone.now()
    consent.withdrawn_source = source
    consent.save(update_fields=["withdrawn_at", "withdrawn_source"])
    audit_log(
        actor=actor,
        action="consent.withdraw",
        obj=consent,
        organisation_id=organisation.pk if organisation else None,
        changes={"purpose": [purpose, None], "source": [None, source]},
        person_id=person.pk,
    )
    return consent


@transaction.atomic
def erasure_request_create(
    *, actor: Actor, person: Person, source: str, now: datetime.datetime | None = None
) -> ErasureRequest:
    """The person asks to be forgotten; asking again while one is open returns that one."""
    if source not in ConsentSource.values:
        raise DomainError(_("Unknown source."), code="invalid", field="source")
    Person.objects.select_for_update().filter(pk=person.pk).first()
    open_request = ErasureRequest.objects.filter(person=person, status=ErasureStatus.OPEN).first()
    if open_request is not None:
        return open_request
    erasure = ErasureRequest.objects.create(person=person, requested_at=now or timezone.now(), source=source)
    audit_log(
        actor=actor, action="erasure.request", obj=erasure, changes={"source": [None, source]}, person_id=person.pk
    )
    return erasure
