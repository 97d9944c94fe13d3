"""What happened with one person, as staff may see it: appointments, tickets, contacts, requests.

``person_timeline`` gathers, newest first, only what the staff member's own organisations hold
(those where they have one of ``PERSON_ROLES``):

- appointments at those organisations' locations made with the person's e-mail address or phone
  number (an appointment does not name a person: it is matched on how it can reach them), and the
  queue tickets of those appointments;
- contacts about, or registered by, those organisations;
- requests of those organisations. One the staff member does not work (another department's) is
  shown as "a request to <department>", without its subject or a link.

Reading a timeline is an audited read of the person's record. Each kind is bounded
(``PER_KIND``), and the whole too (``LIMIT``): a timeline is a glance, not an export.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from loket.appointments.models import Appointment
from loket.citizens.models import Person
from loket.citizens.selectors import person_organisation_ids
from loket.contacts.models import Contact, Request
from loket.contacts.selectors import request_scope
from loket.core.audit import audit_read
from loket.core.errors import NotFound
from loket.organisations.selectors import PERSON_ROLES, staff_organisation_ids

User = AbstractBaseUser | AnonymousUser

PER_KIND = 50
LIMIT = 100


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str  # appointment, ticket, contact, request
    title: str
    detail: str
    url: str | None
    organisation: str


def _appointments(person: Person, organisations: set[int]) -> list[TimelineEntry]:
    match = Q()
    if person.email:
        match |= Q(email__iexact=person.email)
    if person.phone:
        match |= Q(phone=person.phone)
    if not match:
        return []
    rows = (
        Appointment.objects.filter(match, location__organisation_id__in=organisations)
        .select_related("location__organisation", "ticket")
        .order_by("-start", "-pk")[:PER_KIND]
    )
    entries = []
    for appointment in rows:
        entries.append(
            TimelineEntry(
                at=appointment.start,
                kind="appointment",
                title=_("Appointment at %(location)s") % {"location": appointment.location.name},
                detail=f"{appointment.reference} · {appointment.get_status_display()}",
                url=reverse("appointments-staff-detail", kwargs={"reference": appointment.reference}),
                organisation=appointment.location.organisation.name,
            )
        )
        ticket = getattr(appointment, "ticket", None)
        if ticket is not None:
            entries.append(
                TimelineEntry(
                    at=ticket.issued_at,
                    kind="ticket",
                    title=_("Ticket %(code)s") % {"code": ticket.code},
                    detail=str(ticket.get_status_display()),
                    url=None,
                    organisation=appointment.location.organisation.name,
                )
            )
    return entries


def _contacts(person: Person, organisations: set[int]) -> list[TimelineEntry]:
    rows = (
        Contact.objects.filter(person=person)
        .filter(Q(organisation_id__in=organisations) | Q(registered_by_id__in=organisations))
        .select_related("organisation")
        .order_by("-started_at", "-pk")[:PER_KIND]
    )
    return [
        TimelineEntry(
            at=contact.started_at,
            kind="contact",
            title=_("%(channel)s: %(outcome)s")
            % {"channel": contact.get_channel_display(), "outcome": contact.get_outcome_display()},
            detail=contact.summary,
            url=reverse("contacts-contact", kwargs={"pk": contact.pk}),
            organisation=contact.organisation.name,
        )
        for contact in rows
    ]


def _requests(user: User, person: Person, organisations: set[int]) -> list[TimelineEntry]:
    scope = request_scope(user=user)
    rows = (
        Request.objects.filter(person=person, organisation_id__in=organisations)
        .select_related("organisation", "department")
        .order_by("-created_at", "-pk")[:PER_KIND]
    )
    entries = []
    for request in rows:
        works = (
            scope.everything
            or request.organisation_id in scope.organisation_ids
            or (request.department_id in scope.department_ids)
        )
        if works:
            title = _("Request %(reference)s: %(subject)s") % {
                "reference": request.reference,
                "subject": request.subject,
            }
            url: str | None = reverse("contacts-request", kwargs={"pk": request.pk})
        else:
            title = _("A request to %(department)s") % {"department": request.department.name}
            url = None
        entries.append(
            TimelineEntry(
                at=request.created_at,
                kind="request",
                title=title,
                detail=str(request.get_status_display()),
                url=url,
                organisation=request.organisation.name,
            )
        )
    return entries


@transaction.atomic
def person_timeline(*, user: User, person: Person) -> list[TimelineEntry]:
    """The person's history at ``user``'s organisations, newest first (at most ``LIMIT``); audited.

    ``NotFound`` when none of ``user``'s organisations knows the person.
    """
    if person.erased_at or not person_organisation_ids(user=user, person=person):
        raise NotFound("no such person")
    organisations = staff_organisation_ids(user=user, roles=PERSON_ROLES)
    entries = [
        *_appointments(person, organisations),
        *_contacts(person, organisations),
        *_requests(user, person, organisations),
    ]
    entries.sort(key=lambda entry: entry.at, reverse=True)
    audit_read(actor=user, obj=person, person_id=person.pk, fields=["timeline"])
    return entries[:LIMIT]
