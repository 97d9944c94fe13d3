"""Reads for the data-protection officer: the audit trail, erasure requests, the retention job.

Scoped to the officer's organisations (``PRIVACY_ROLES``): an audit entry is theirs when it was
written for one of those organisations or names a person one of them knows
(``PersonOrganisation``); an erasure request is theirs when one of them knows its person. A
function here never returns another organisation's rows and never writes (the views audit the
searches, through ``audit_log``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from loket.citizens import crypto, national_number
from loket.citizens.models import ErasureRequest, ErasureStatus, Person, PersonOrganisation
from loket.core.models import AuditEntry
from loket.organisations.selectors import PRIVACY_ROLES, staff_organisation_ids

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True, kw_only=True)
class AuditFilters:
    """What the officer searches the trail by; empty means "any". ``date_to`` is included."""

    person_id: int | None = None
    national_number: str = ""
    actor: str = ""
    action: str = ""
    object: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def for_the_record(self) -> dict[str, str]:
        """The filters as written to the audit trail: never the national number itself."""
        values = {
            "person_id": str(self.person_id) if self.person_id else "",
            "national_number": "given" if self.national_number else "",
            "actor": self.actor,
            "action": self.action,
            "object": self.object,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }
        return {key: value for key, value in values.items() if value}


def privacy_organisation_ids(*, user: User) -> set[int]:
    return staff_organisation_ids(user=user, roles=PRIVACY_ROLES)


def _known_people(organisations: set[int]) -> QuerySet[PersonOrganisation, Any]:
    return PersonOrganisation.objects.filter(organisation_id__in=organisations).values("person_id")


def person_id_for_national_number(value: str) -> int | None:
    digits = national_number.normalise(value)
    if not national_number.is_valid(digits):
        return None
    hashes = crypto.lookup_hashes(digits)
    return Person.objects.filter(national_number_hash__in=hashes).values_list("pk", flat=True).first()


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def audit_entries_for_officer(*, user: User, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """The entries the officer may see that match ``filters``, newest first."""
    organisations = privacy_organisation_ids(user=user)
    if not organisations:
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.filter(
        Q(organisation_id__in=organisations) | Q(person_id__in=_known_people(organisations))
    )
    if filters.person_id:
        entries = entries.filter(person_id=filters.person_id)
    if filters.national_number:
        found = person_id_for_national_number(filters.national_number)
        if found is None:
            return AuditEntry.objects.none()
        entries = entries.filter(person_id=found)
    if filters.actor:
        entries = entries.filter(actor_label__iexact=filters.actor.strip())
    if filters.action:
        entries = entries.filter(action__startswith=filters.action.strip())
    if filters.object:
        kind, _sep, key = filters.object.strip().rpartition(":")
        if kind:
            entries = entries.filter(object_type=kind.lower(), object_id=key)
        elif "." in key:
            entries = entries.filter(object_type=key.lower())
        else:
            entries = entries.filter(object_id=key)
    if filters.date_from:
        entries = entries.filter(at__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        entries = entries.filter(at__lt=_local_midnight(filters.date_to + datetime.timedelta(days=1)))
    return entries.select_related("organisation").order_by("-at", "-pk")


def erasure_requests_for_officer(*, user: User) -> QuerySet[ErasureRequest]:
    """Erasure requests of people the officer's organisations know: open ones first, newest first."""
    organisations = privacy_organisation_ids(user=user)
    return (
        ErasureRequest.objects.filter(person_id__in=_known_people(organisations))
        .select_related("handled_by")
        .annotate(
            open_first=Case(
                When(status=ErasureStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("open_first", "-requested_at", "-pk")
    )


def erasure_request_for_officer(*, user: User, pk: int) -> ErasureRequest | None:
    return erasure_requests_for_officer(user=user).select_related("person").filter(pk=pk).first()
