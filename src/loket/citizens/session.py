"""Who the citizen signed in to Mijn loket is, on any page: the session part of ``portal``.

Kept apart from ``portal`` (which reads appointments and requests) so that the pages of other
apps (the booking form, the public request form) can ask "is a citizen signed in, and may we fill
in their details?" without depending on everything Mijn loket shows. Depends on the citizen
record only.

A signed-in citizen is a person id (and the address they proved) under ``SESSION_KEY`` in
Django's session, apart from staff authentication: a citizen is never a Django ``User``. The
session key is rotated on sign-in and sign-out; it ends after ``LOKET_CITIZEN_SESSION_MINUTES``
without a page, and after ``MAX_SESSION_HOURS`` in any case.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from loket.citizens.models import Person

SESSION_KEY = "loket_citizen"
SESSION_EXPIRED_KEY = "loket_citizen_expired"
MAX_SESSION_HOURS = 8  # even an active session signs in again after a working day


@dataclass(frozen=True)
class Citizen:
    """Who is signed in to Mijn loket: the person, and the e-mail address they proved."""

    person: Person
    email: str


def citizen_sign_in(
    request: HttpRequest, *, person: Person, email: str, method: str, now: datetime.datetime | None = None
) -> None:
    """Start the citizen's session for ``person`` (after a link or, later, an OIDC login).

    A new session key (``cycle_key``) so that a key planted before the sign-in is worth nothing;
    the rest of the session (a staff login, the language) is kept.
    """
    now = now or timezone.now()
    request.session.cycle_key()
    request.session.pop(SESSION_EXPIRED_KEY, None)
    request.session[SESSION_KEY] = {
        "person": person.pk,
        "email": email.strip().lower(),
        "method": method,
        "signed_in_at": now.isoformat(),
        "seen_at": now.isoformat(),
    }


def citizen_sign_out(request: HttpRequest) -> None:
    """End the citizen's session (only that: a staff login in the same browser stays)."""
    had = request.session.pop(SESSION_KEY, None) is not None
    request.session.pop(SESSION_EXPIRED_KEY, None)
    if had:
        request.session.cycle_key()


def _moment(value: Any) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def citizen_from_session(request: HttpRequest, *, now: datetime.datetime | None = None) -> Citizen | None:
    """The signed-in citizen, or ``None``; an expired session is ended here (and flagged for the page)."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    now = now or timezone.now()
    seen_at, signed_in_at = _moment(data.get("seen_at")), _moment(data.get("signed_in_at"))
    idle = datetime.timedelta(minutes=settings.LOKET_CITIZEN_SESSION_MINUTES)
    if (
        seen_at is None
        or signed_in_at is None
        or now - seen_at >= idle
        or now - signed_in_at >= datetime.timedelta(hours=MAX_SESSION_HOURS)
    ):
        citizen_sign_out(request)
        request.session[SESSION_EXPIRED_KEY] = True
        return None
    person_id = data.get("person")
    person = Person.objects.filter(pk=person_id, erased_at__isnull=True).first() if isinstance(person_id, int) else None
    if person is None:
        citizen_sign_out(request)
        return None
    request.session[SESSION_KEY] = {**data, "seen_at": now.isoformat()}
    return Citizen(person=person, email=str(data.get("email", "")))
