"""Everything Loket holds about one citizen, for "download my data" (the GDPR right of access).

``person_data`` gathers, for one person: the record, the consents with their whole history, the
erasure requests, the sign-in links sent to their address, the appointments booked with the address
they proved, the requests with their citizen-visible history, messages and attachments, and the
contacts linked to them. The same structure is downloaded as JSON and shown as a readable page.
Each export is an audited read.

What it must never hold: anything of another person (every query starts from this person or this
proven address), staff's internal notes, assignments or internal attachments, or the national
register number in full (it is held encrypted and given masked, as on the citizen's own page).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import Appointment, AppointmentPart
from loket.citizens import crypto, national_number
from loket.citizens.models import (
    Consent,
    ConsentPurpose,
    ConsentSource,
    ErasureRequest,
    Language,
    Person,
    PreferredChannel,
    SignInLink,
)
from loket.contacts.models import (
    CITIZEN_EVENT_KINDS,
    Contact,
    Request,
    RequestAttachment,
    RequestEvent,
)
from loket.core.audit import audit_read
from loket.core.i18n import translated
from loket.feedback.models import SurveyInvitation

FORMAT_VERSION = 1


def _when(value: datetime.datetime | None) -> str | None:
    """ISO 8601 in Brussels time, with its offset: readable and exact."""
    return timezone.localtime(value, TIMEZONE).isoformat(timespec="seconds") if value else None


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def masked_national_number(person: Person) -> str:
    """The citizen's own number as the citizen's pages show it: masked, or empty when none is held."""
    if not person.national_number_token:
        return ""
    return national_number.masked(crypto.decrypt(person.national_number_token))


def _record(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "date_of_birth": _day(person.date_of_birth),
        "email": person.email,
        "phone": person.phone,
        "street": person.street,
        "postcode": person.postcode,
        "city": person.city,
        "language": person.language,
        "language_text": str(Language(person.language).label) if person.language in Language.values else "",
        "preferred_channel": person.preferred_channel,
        "preferred_channel_text": (
            str(PreferredChannel(person.preferred_channel).label)
            if person.preferred_channel in PreferredChannel.values
            else ""
        ),
        "national_register_number": masked_national_number(person),
        "created_at": _when(person.created_at),
        "updated_at": _when(person.updated_at),
    }


def _consent(consent: Consent) -> dict[str, Any]:
    return {
        "purpose": consent.purpose,
        "purpose_text": str(ConsentPurpose(consent.purpose).label),
        "given_at": _when(consent.given_at),
        "source": consent.source,
        "source_text": str(ConsentSource(consent.source).label) if consent.source in ConsentSource.values else "",
        "text_version": consent.text_version,
        "recorded_by_staff": consent.recorded_by_id is not None,
        "withdrawn_at": _when(consent.withdrawn_at),
        "withdrawn_source": consent.withdrawn_source,
        "in_force": consent.withdrawn_at is None,
    }


def _appointment(appointment: Appointment, lang: str) -> dict[str, Any]:
    services: list[str] = []
    for part in appointment.parts.all():
        for service in part.services.all():
            title = translated(service, "title", lang).text
            if title not in services:
                services.append(title)
    return {
        "reference": appointment.reference,
        "status": appointment.status,
        "status_text": str(appointment.get_status_display()),
        "start": _when(appointment.start),
        "end": _when(appointment.end),
        "location": translated(appointment.location, "name", lang).text,
        "address": appointment.location.address,
        "services": services,
        "booked_through": appointment.channel,
        "name": appointment.name,
        "email": appointment.email,
        "phone": appointment.phone,
        "language": appointment.language,
        "remark": appointment.remark,
        "booked_at": _when(appointment.created_at),
        "arrived_at": _when(appointment.arrived_at),
    }


def _request(request: Request, lang: str) -> dict[str, Any]:
    return {
        "reference": request.reference,
        "subject": request.subject,
        "description": request.description,
        "service": translated(request.service, "title", lang).text if request.service else "",
        "organisation": translated(request.organisation, "name", lang).text,
        "department": translated(request.department, "name", lang).text,
        "status": request.status,
        "status_text": str(request.get_status_display()),
        "status_reason": request.status_reason,
        "created_at": _when(request.created_at),
        "due_on": _day(request.due_on),
        "closed_at": _when(request.closed_at),
        "history": [
            {
                "at": _when(event.at),
                "kind": event.kind,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "text": event.text,
            }
            for event in request.events.all()  # the citizen-visible kinds only (prefetched)
        ],
        "messages": [
            {
                "direction": message.direction,
                "sent_at": _when(message.sent_at),
                "read_at": _when(message.read_at),
                "body": message.body,
                "attachments": [
                    attachment.filename for attachment in message.attachments.all() if not attachment.internal
                ],
            }
            for message in request.messages.all()
        ],
        "attachments": [
            {
                "filename": attachment.filename,
                "type": attachment.content_type,
                "size": attachment.size,
                "uploaded_at": _when(attachment.uploaded_at),
                "uploaded_by_you": attachment.uploaded_by_id is None,
            }
            for attachment in request.attachments.all()  # the non-internal ones only (prefetched)
        ],
    }


def _contact(contact: Contact, lang: str) -> dict[str, Any]:
    return {
        "started_at": _when(contact.started_at),
        "channel": contact.channel,
        "channel_text": str(contact.get_channel_display()),
        "direction": contact.direction,
        "organisation": translated(contact.organisation, "name", lang).text,
        "services": [translated(service, "title", lang).text for service in contact.services.all()],
        "summary": contact.summary,
        "outcome": contact.outcome,
        "outcome_text": str(contact.get_outcome_display()),
        "referred_to": contact.referred_to,
        "language": contact.language,
    }


@transaction.atomic
def person_data(*, person: Person, email: str, lang: str, now: datetime.datetime | None = None) -> dict[str, Any]:
    """All data about ``person`` (appointments: those booked with ``email``, the address they proved).

    JSON-safe (strings, numbers, lists, dicts). Written to the audit trail as a read of the whole record.
    """
    now = now or timezone.now()
    person = Person.objects.get(pk=person.pk)
    address = email.strip().lower()
    appointments = (
        Appointment.objects.filter(email__iexact=address)
        .select_related("location")
        .prefetch_related(
            Prefetch("parts", queryset=AppointmentPart.objects.order_by("start").prefetch_related("services"))
        )
        .order_by("start", "pk")
        if address
        else Appointment.objects.none()
    )
    visible_attachments = RequestAttachment.objects.filter(internal=False).order_by("uploaded_at", "pk")
    requests = (
        Request.objects.filter(person=person)
        .select_related("organisation", "department", "service")
        .prefetch_related(
            Prefetch("events", queryset=RequestEvent.objects.filter(kind__in=CITIZEN_EVENT_KINDS).order_by("at", "pk")),
            Prefetch("messages__attachments", queryset=visible_attachments),
            Prefetch("attachments", queryset=visible_attachments),
        )
        .order_by("created_at", "pk")
    )
    contacts = (
        Contact.objects.filter(person=person)
        .select_related("organisation")
        .prefetch_related("services")
        .order_by("started_at", "pk")
    )
    links = SignInLink.objects.filter(email__iexact=address).order_by("created_at", "pk") if address else []
    data = {
        "format": "loket-person-export",
        "format_version": FORMAT_VERSION,
        "exported_at": _when(now),
        "person": _record(person),
        "consents": [_consent(consent) for consent in Consent.objects.filter(person=person).order_by("given_at", "pk")],
        "erasure_requests": [
            {
                "requested_at": _when(erasure.requested_at),
                "status": erasure.status,
                "status_text": str(erasure.get_status_display()),
                "handled_at": _when(erasure.handled_at),
                "reason": erasure.reason,
            }
            for erasure in ErasureRequest.objects.filter(person=person).order_by("requested_at", "pk")
        ],
        "sign_in_links": [
            {"sent_at": _when(link.created_at), "used_at": _when(link.used_at), "language": link.language}
            for link in links
        ],
        "appointments": [_appointment(appointment, lang) for appointment in appointments],
        "requests": [_request(request, lang) for request in requests],
        "contacts": [_contact(contact, lang) for contact in contacts],
        "surveys": [
            {
                "invited_at": _when(invitation.created_at),
                "channel": invitation.channel,
                "answered_at": _when(invitation.answered_at),
                "score": getattr(getattr(invitation, "answer", None), "score", None),
                "comment": getattr(getattr(invitation, "answer", None), "comment", ""),
            }
            for invitation in SurveyInvitation.objects.filter(person=person)
            .select_related("answer")
            .order_by("created_at", "pk")
        ],
    }
    audit_read(actor="citizen", obj=person, person_id=person.pk, fields=["export"])
    return data


_MOMENT_KEYS = frozenset({"at", "start", "end"})
_DAY_KEYS = frozenset({"due_on", "date_of_birth"})


def readable(value: Any, key: str = "") -> Any:
    """``person_data`` for the page: its ISO times back as datetimes and dates, for the date filter."""
    if isinstance(value, dict):
        return {name: readable(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [readable(item, key) for item in value]
    if isinstance(value, str) and value and (key.endswith("_at") or key in _MOMENT_KEYS):
        return datetime.datetime.fromisoformat(value)
    if isinstance(value, str) and value and key in _DAY_KEYS:
        return datetime.date.fromisoformat(value)
    return value
