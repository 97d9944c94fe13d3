"""Erasure requests, worked by the data-protection officer: erase one person's data now, or refuse.

``erasure_request_handle`` is the one writer. Only a holder of ``PRIVACY_ROLES`` in an
organisation that knows the person (``PersonOrganisation``) may handle the request. "Erase"
clears the person's data in every app at once with the same anonymisers as the retention job
(``retention``): their contacts and requests, their past appointments, waiting-list entries and
tickets (found by their e-mail address and phone number, which is how those were booked), their
sign-in links, their consents in force, and the person record itself. The rows stay for the
figures, as after retention.

What the law requires to keep is kept when the officer says so (``keep``: e.g. requests under
an archiving duty), with the reason written on the request; appointments still to come are
never erased here (the citizen would lose a place they hold: cancel them first). What was
erased, counted per kind, and what was kept go in ``ErasureRequest.erased``. "Refuse" needs a
reason. Both write the audit trail in the same transaction. The audit trail itself stays.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.appointments.models import Appointment, WaitingListEntry
from loket.citizens import retention
from loket.citizens.models import Consent, ErasureRequest, ErasureStatus, Person, PersonOrganisation
from loket.contacts.models import OPEN_STATUSES, Contact, Request
from loket.core.audit import Actor, audit_log
from loket.core.errors import Conflict, DomainError, PermissionDenied
from loket.feedback.models import SurveyInvitation
from loket.organisations.selectors import PRIVACY_ROLES, staff_organisation_ids
from loket.queueing.models import Ticket

DECISIONS = ("erase", "refuse")
# What the officer may keep when the law requires it.
KEEPABLE = ("contacts", "requests", "appointments", "tickets")
MAX_REASON_LENGTH = 2000


def privacy_organisation_ids(*, actor: Actor, person: Person) -> list[int]:
    """The organisations through which ``actor`` is data-protection officer for ``person`` (sorted)."""
    if not isinstance(actor, AbstractBaseUser):
        return []
    mine = staff_organisation_ids(user=actor, roles=PRIVACY_ROLES)
    return sorted(
        PersonOrganisation.objects.filter(person=person, organisation_id__in=mine).values_list(
            "organisation_id", flat=True
        )
    )


def _appointments_of(person: Person) -> QuerySet[Appointment]:
    condition = Q(pk__in=[])
    if person.email:
        condition |= Q(email__iexact=person.email)
    if person.phone:
        condition |= Q(phone=person.phone)
    return Appointment.objects.filter(condition)


def _waiting_list_of(person: Person) -> QuerySet[WaitingListEntry]:
    condition = Q(pk__in=[])
    if person.email:
        condition |= Q(email__iexact=person.email)
    if person.phone:
        condition |= Q(phone=person.phone)
    return WaitingListEntry.objects.filter(condition).exclude(name="", email="", phone="")


def _tickets_of(person: Person) -> QuerySet[Ticket]:
    if not person.phone:
        return Ticket.objects.none()
    return Ticket.objects.filter(phone=person.phone)


def erasure_preview(*, person: Person, now: datetime.datetime | None = None) -> dict[str, int]:
    """What erasing ``person`` now would touch, per kind (for the officer's form; writes nothing)."""
    now = now or timezone.now()
    appointments = _appointments_of(person)
    requests = Request.objects.filter(person=person, anonymised_at__isnull=True)
    return {
        "contacts": Contact.objects.filter(person=person, anonymised_at__isnull=True).count(),
        "requests": requests.count(),
        "requests_open": requests.filter(status__in=list(OPEN_STATUSES)).count(),
        "appointments": appointments.filter(start__lt=now).count(),
        "appointments_upcoming": appointments.filter(start__gte=now).count(),
        "waiting_list": _waiting_list_of(person).count(),
        "tickets": _tickets_of(person).count(),
        "consents": Consent.objects.filter(person=person, withdrawn_at__isnull=True).count(),
    }


def _erase(person: Person, *, keep: Collection[str], now: datetime.datetime) -> dict[str, Any]:
    counts: dict[str, int] = {}
    kept: dict[str, int] = {}

    def run(kind: str, ids: list[int], anonymise: retention.Anonymiser) -> None:
        if kind in keep:
            kept[kind] = len(ids)
            return
        if ids:
            retention.add_counts(counts, anonymise(ids, now=now))

    run(
        "contacts",
        list(Contact.objects.filter(person=person, anonymised_at__isnull=True).values_list("pk", flat=True)),
        retention.contacts_anonymise,
    )
    run(
        "requests",
        list(Request.objects.filter(person=person, anonymised_at__isnull=True).values_list("pk", flat=True)),
        retention.requests_anonymise,
    )
    appointments = _appointments_of(person)
    run(
        "appointments",
        list(appointments.filter(start__lt=now).values_list("pk", flat=True)),
        retention.appointments_anonymise,
    )
    upcoming = appointments.filter(start__gte=now).count()
    if upcoming:
        kept["appointments_upcoming"] = upcoming
    if "appointments" not in keep:
        ids = list(_waiting_list_of(person).values_list("pk", flat=True))
        if ids:
            retention.add_counts(counts, retention.waiting_list_anonymise(ids, now=now))
    run("tickets", list(_tickets_of(person).values_list("pk", flat=True)), retention.tickets_anonymise)
    # Survey answers hold no person; the invitations that name them are unlinked (answers stay for the figures).
    unlinked = SurveyInvitation.objects.filter(person=person).update(person=None)
    if unlinked:
        counts["survey_invitations"] = unlinked
    consents = Consent.objects.filter(person=person, withdrawn_at__isnull=True).count()
    retention.add_counts(counts, retention.people_erase([person.pk], now=now))
    if consents:
        counts["consents_withdrawn"] = consents
    return {
        "counts": counts,
        "kept": kept,
        "fields": {"person": sorted([*retention.PERSON_ERASED_FIELDS, "consents", "sign_in_links"])},
    }


@transaction.atomic
def erasure_request_handle(
    *,
    actor: Actor,
    erasure: ErasureRequest,
    decision: str,
    reason: str,
    keep: Collection[str] = (),
    now: datetime.datetime | None = None,
) -> ErasureRequest:
    """Erase the person's data (``"erase"``; ``keep`` kept for ``reason``) or refuse (``"refuse"``, with a reason)."""
    now = now or timezone.now()
    erasure = ErasureRequest.objects.select_for_update().select_related("person").get(pk=erasure.pk)
    person = Person.objects.select_for_update().get(pk=erasure.person_id)
    organisations = privacy_organisation_ids(actor=actor, person=person)
    if not organisations:
        raise PermissionDenied(
            _("Only the data-protection officer of an organisation that knows this person can do this.")
        )
    if erasure.status != ErasureStatus.OPEN:
        raise Conflict(_("This request was already handled."), code="handled")
    if decision not in DECISIONS:
        raise DomainError(_("Choose to erase or to refuse."), code="invalid", field="decision")
    reason = reason.strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError(_("This reason is too long."), code="invalid", field="reason")
    unknown = set(keep) - set(KEEPABLE)
    if unknown:
        raise DomainError(_("Unknown kind of data to keep."), code="invalid", field="keep")
    if decision == "refuse" and not reason:
        raise DomainError(
            _("Write why the request is refused: the person has a right to know."), code="required", field="reason"
        )
    if decision == "erase" and keep and not reason:
        raise DomainError(_("Write which law requires keeping what you keep."), code="required", field="reason")

    erasure.handled_by_id = actor.pk if isinstance(actor, AbstractBaseUser) else None
    erasure.handled_at = now
    erasure.reason = reason
    if decision == "refuse":
        erasure.status = ErasureStatus.REFUSED
        erasure.erased = {}
        changes: dict[str, Any] = {"status": [ErasureStatus.OPEN, ErasureStatus.REFUSED]}
    else:
        erasure.status = ErasureStatus.DONE
        erasure.erased = _erase(person, keep=keep, now=now)
        changes = {"status": [ErasureStatus.OPEN, ErasureStatus.DONE], "erased": erasure.erased}
    erasure.save(update_fields=["status", "handled_by", "handled_at", "reason", "erased"])
    audit_log(
        actor=actor,
        action=f"erasure.{decision}",
        obj=erasure,
        organisation_id=organisations[0],
        changes=changes,
        person_id=person.pk,
    )
    return erasure


__all__ = ["KEEPABLE", "erasure_preview", "erasure_request_handle", "privacy_organisation_ids"]
