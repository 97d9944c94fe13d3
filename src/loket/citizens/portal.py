"""Mijn loket's sign-in and session: one-time links by e-mail, and who the citizen is on each page.

The sign-in link. ``sign_in_link_send`` makes a 256-bit secret, stores only its SHA-256
(``SignInLink.secret_hash``) and e-mails the link through the outbox, in the citizen's language.
It does the same for every well-formed address, known or not: anyone who can read a mailbox may
open Mijn loket for it (the person is made on first use, ``person_for_email``), so the answer, the
work done and the time it takes say nothing about who is known. ``sign_in_link_use`` accepts a
secret once, within ``LOKET_SIGN_IN_LINK_MINUTES``; the confirm page asks for a button press
first, because e-mail scanners open (GET) every link they see and must not use it up.

Rate limits: ``LOKET_SIGN_IN_RATE`` links per address (counted here, from the sign-in links
themselves, so it holds across processes and for unknown addresses alike) and per client (the
view, with django-ratelimit).

The session. A signed-in citizen is a person id (and the address they proved) under
``SESSION_KEY`` in Django's session, apart from staff authentication: a citizen is never a Django
``User`` and a staff login in the same browser is left alone. The session key is rotated on sign-in
and sign-out; it ends after ``LOKET_CITIZEN_SESSION_MINUTES`` without a page, and after
``MAX_SESSION_HOURS`` in any case.

Appointments are matched on the address the citizen proved in this session (``Citizen.email``),
never on the record's ``email``, which staff may type in: an address nobody proved opens nothing.

OpenID Connect (itsme, the federal login) is the other way in, configured per installation
(``oidc``: the ``LOKET_OIDC_*`` settings). Its callback ends in ``oidc_sign_in`` (see there), which
signs in through ``citizen_sign_in`` like the link does.

What this module must never do: store or log a link's secret, tell a caller whether an address is
known, or sign a citizen in on a GET of a link. (The OpenID Connect callback is a GET, by the
protocol; it only completes a sign-in this browser started with a POST: the ``state`` is in its
session, the code needs the PKCE verifier, the ID token carries the ``nonce``.)
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.appointments.models import Appointment, AppointmentStatus
from loket.citizens import crypto, national_number, oidc
from loket.citizens.models import Language, Person, PreferredChannel, SignInLink
from loket.citizens.services import MAX_NAME_LENGTH, person_for_email
from loket.citizens.session import (  # re-exported: the session is part of Mijn loket's interface
    MAX_SESSION_HOURS,
    SESSION_EXPIRED_KEY,
    SESSION_KEY,
    Citizen,
    citizen_from_session,
    citizen_sign_in,
    citizen_sign_out,
)
from loket.core.audit import audit_log
from loket.core.errors import DomainError
from loket.notifications.models import Channel
from loket.notifications.services import message_enqueue

SECRET_BYTES = 32  # 256 bits
MAX_SECRET_LENGTH = 100  # a longer "secret" is not one of ours: no need to hash it

__all__ = [
    "MAX_SESSION_HOURS",
    "SESSION_EXPIRED_KEY",
    "SESSION_KEY",
    "Citizen",
    "SignInLinkInvalid",
    "citizen_appointments",
    "citizen_from_session",
    "citizen_sign_in",
    "citizen_sign_out",
    "is_upcoming",
    "normalise_email",
    "oidc_sign_in",
    "parse_rate",
    "sign_in_link_send",
    "sign_in_link_use",
    "sign_in_link_valid",
    "sign_in_url",
]

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class SignInLinkInvalid(DomainError):
    """The link is unknown, used or expired: one answer for all three, and one message."""

    code = "link_invalid"
    status = 404


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def parse_rate(rate: str) -> tuple[int, datetime.timedelta]:
    """'5/h' -> (5, one hour); '10/15m' -> (10, 15 minutes). The notation of django-ratelimit."""
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"not a rate: {rate!r}")
    count, multiple, unit = match.groups()
    return int(count), datetime.timedelta(seconds=int(multiple or 1) * _PERIOD_SECONDS[unit])


def _links_for(address: str) -> QuerySet[SignInLink]:
    return SignInLink.objects.annotate(email_lower=Lower("email")).filter(email_lower=address)


def normalise_email(email: str) -> str:
    """The address as Loket keeps it (trimmed, lower case), or a ``DomainError`` on the ``email`` field."""
    address = (email or "").strip().lower()
    if not address:
        raise DomainError(_("Please fill in your e-mail address."), code="required", field="email")
    try:
        validate_email(address)
    except ValidationError as error:
        raise DomainError(
            _("This e-mail address is not valid. Write it like name@example.be."), code="invalid", field="email"
        ) from error
    return address


def sign_in_url(secret: str, language: str) -> str:
    """The absolute address of the confirm page for ``secret``, in ``language``."""
    from loket.appointments.messages import public_url  # the one LOKET_PUBLIC_URL rule of Loket

    with translation.override(language):
        return public_url(reverse("portal-sign-in-confirm", kwargs={"secret": secret}))


@transaction.atomic
def sign_in_link_send(*, email: str, language: str, now: datetime.datetime | None = None) -> None:
    """E-mail a one-time sign-in link to ``email`` in ``language``; the same for every address.

    Raises a ``DomainError`` on the ``email`` field for a malformed address or when this address
    asked for ``LOKET_SIGN_IN_RATE`` links already (for known and unknown addresses alike).
    """
    now = now or timezone.now()
    address = normalise_email(email)
    language = language if language in Language.values else Language.NL
    minutes = datetime.timedelta(minutes=settings.LOKET_SIGN_IN_LINK_MINUTES)
    limit, period = parse_rate(settings.LOKET_SIGN_IN_RATE)
    # ``created_at`` is set by the database; ``expires_at`` (sent + link minutes) is the sent
    # time we control, so the count also holds for a ``now`` given by a test or a job.
    if _links_for(address).filter(expires_at__gt=now - period + minutes).count() >= limit:
        raise DomainError(
            _("You asked for several links in a short time. Use the last link we sent, or try again in an hour."),
            code="rate_limited",
            field="email",
        )
    secret = secrets.token_urlsafe(SECRET_BYTES)
    link = SignInLink.objects.create(
        email=address, secret_hash=_hash(secret), expires_at=now + minutes, language=language
    )
    with translation.override(language):
        url = sign_in_url(secret, language)
        body = "\n".join(
            [
                gettext("Hello,"),
                "",
                gettext("Someone asked to sign in to Mijn loket with this e-mail address."),
                gettext("To sign in, open this link and press the button on the page:"),
                url,
                "",
                gettext("The link works once, for %(minutes)d minutes.")
                % {"minutes": settings.LOKET_SIGN_IN_LINK_MINUTES},
                gettext("Did you not ask for it? Then you need not do anything: nobody can sign in without the link."),
                "",
            ]
        )
        message_enqueue(
            channel=Channel.EMAIL,
            recipient=address,
            language=language,
            subject=gettext("Your link to sign in to Mijn loket"),
            body_text=body,
            idempotency_key=f"sign-in-link:{link.pk}",
        )
    audit_log(actor="citizen", action="signinlink.create", obj=link, changes={"language": [None, language]})


def _usable_link(secret: str, now: datetime.datetime, *, lock: bool) -> SignInLink | None:
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    links = SignInLink.objects.select_for_update() if lock else SignInLink.objects.all()
    # Looked up by its hash: the database compares hashes, never the secret itself.
    link = links.filter(secret_hash=_hash(secret)).first()
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    return link


def sign_in_link_valid(*, secret: str, now: datetime.datetime | None = None) -> bool:
    """Whether the link would still sign in (for the confirm page; changes nothing)."""
    return _usable_link(secret, now or timezone.now(), lock=False) is not None


@transaction.atomic
def sign_in_link_use(*, secret: str, now: datetime.datetime | None = None) -> Person:
    """The person of the link, which is used up; ``SignInLinkInvalid`` when unknown, used or expired.

    The person is made on the first sign-in with an address (``person_for_email``). Other links
    still open for the same address stop working too: the citizen is in, the rest are spare keys.
    """
    now = now or timezone.now()
    link = _usable_link(secret, now, lock=True)
    if link is None:
        raise SignInLinkInvalid(
            _("This link no longer works. A link works once, for a short time. Ask for a new one below."),
            field="email",
        )
    _links_for(link.email.lower()).filter(used_at__isnull=True).update(used_at=now)
    person = person_for_email(email=link.email, language=link.language)
    audit_log(
        actor="citizen",
        action="person.sign_in",
        obj=person,
        changes={"method": "email_link", "link": link.pk},
        person_id=person.pk,
    )
    return person


def _claimed_national_number(claims: dict[str, Any], claim: str) -> str:
    """The national register number in ``claim``, as digits; "" when none is configured, given or valid."""
    value = claims.get(claim) if claim else None
    digits = national_number.normalise(value) if isinstance(value, str) else ""
    return digits if national_number.is_valid(digits) else ""


def _person_with_number(digits: str) -> Person | None:
    # Under the current key or an older one (``lookup_hashes``): a rotation loses nobody.
    return (
        Person.objects.filter(national_number_hash__in=crypto.lookup_hashes(digits), erased_at__isnull=True)
        .order_by("pk")
        .first()
    )


def _person_with_email(address: str) -> Person | None:
    return (
        Person.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=address, erased_at__isnull=True)
        .order_by("pk")
        .first()
    )


def _person_from_claims(*, digits: str, email: str, name: str, language: str) -> Person:
    """A new record for whom the provider vouches: the name, the proven address, the number (encrypted)."""
    person = Person(
        name=name[:MAX_NAME_LENGTH],
        email=email,
        language=language,
        # Without an address the citizen must still be able to save their details page.
        preferred_channel=PreferredChannel.EMAIL if email else PreferredChannel.POST,
    )
    if digits:
        person.national_number_token = crypto.encrypt(digits)
        person.national_number_hash = crypto.lookup_hash(digits)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        # The same person signing in twice at once: the other request made the record.
        known = _person_with_number(digits) if digits else None
        if known is None:
            raise
        return known
    changes: dict[str, Any] = {key: [None, value] for key, value in (("name", person.name), ("email", email)) if value}
    if digits:
        changes["national_number"] = [None, "set"]
    audit_log(actor="citizen", action="person.create", obj=person, changes=changes, person_id=person.pk)
    return person


@transaction.atomic
def oidc_sign_in(request: HttpRequest, *, claims: dict[str, Any]) -> Person:
    """Sign in the person for whom the OpenID Connect provider (itsme, the federal login) vouches.

    Called by the callback view with the claims of an ID token that Authlib has validated
    (signature, issuer, audience, expiry, nonce: ``oidc.verified_claims``). The person is:

    1. the one with the national register number of ``LOKET_OIDC_NATIONAL_NUMBER_CLAIM``
       (``crypto.lookup_hashes`` against ``Person.national_number_hash``); their record is kept
       as it is, whatever e-mail address the provider gives;
    2. else the one with the e-mail address, if the provider says it verified it
       (``email_verified``): without a number claim as for the link (``person_for_email``, made
       on first use); with one, only a record that holds no number (one that does is someone
       else's, since the number did not match it);
    3. else a new record with the name, the verified address and the number from the claims.

    The number is not added to a record found by address: a shared mailbox would then tie one
    person's number to another's record. The session's proven address is the verified e-mail
    claim or "": appointments are matched on it, so without one none are shown.
    """
    config = oidc.provider()
    if config is None:
        raise ImproperlyConfigured("OpenID Connect sign-in is not configured in this Loket (LOKET_OIDC_ISSUER)")
    digits = _claimed_national_number(claims, config.national_number_claim)
    email = oidc.verified_email(claims)
    language = translation.get_language() or Language.NL
    language = language if language in Language.values else Language.NL
    name = oidc.claimed_name(claims)
    person, matched = (_person_with_number(digits) if digits else None), "national_number"
    if person is None and email and not digits:
        # As with the link: whoever proves the mailbox is its person (made on first use).
        person, matched = person_for_email(email=email, name=name, language=language), "email"
    elif person is None and email:
        known = _person_with_email(email)
        if known is not None and not known.national_number_hash:
            person, matched = known, "email"
    if person is None:
        person, matched = _person_from_claims(digits=digits, email=email, name=name, language=language), "new"
    audit_log(
        actor="citizen",
        action="person.sign_in",
        obj=person,
        changes={"method": config.method, "matched": matched},
        person_id=person.pk,
    )
    citizen_sign_in(request, person=person, email=email, method=config.method)
    return person


# --- Reads for the citizen's pages -------------------------------------------------------------


def citizen_appointments(*, citizen: Citizen) -> list[Appointment]:
    """The appointments booked with the address the citizen proved, newest first."""
    if not citizen.email:
        return []
    return list(
        Appointment.objects.filter(email__iexact=citizen.email)
        .exclude(status=AppointmentStatus.HELD)  # a place offered from the waiting list is not theirs yet
        .select_related("location")
        .prefetch_related("parts__services")
        .order_by("-start", "-pk")
    )


def is_upcoming(appointment: Appointment, now: datetime.datetime | None = None) -> bool:
    return appointment.status == AppointmentStatus.BOOKED and appointment.end > (now or timezone.now())
