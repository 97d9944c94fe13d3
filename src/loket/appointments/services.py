"""Appointment writes: book and cancel, each in one transaction with its audit entry and message.

How capacity is kept, whatever the concurrency (DESIGN.md's first invariant):

1. ``appointment_book`` locks the location row (``SELECT ... FOR UPDATE``) before it reads the
   bookings, so bookings at one location are serialised: the engine's answer cannot go stale
   between the check and the insert. This is also what enforces the online quota ("at most N
   desks held online at once"), a rule over several rows that no single constraint can express.
   On SQLite there are no row locks, but every transaction begins IMMEDIATE (see settings), so the
   database's one writer serialises bookings just the same.
2. On PostgreSQL an exclusion constraint (migration 0002) refuses two active parts on one desk
   whose ``[start, busy_until)`` overlap, so even a writer that skips the lock (a future
   reschedule, a bulk import, raw SQL) cannot double-book a desk. Its violation becomes
   ``Conflict`` (``slot_taken``), never a server error.

The confirmation is written to the outbox (``message_enqueue``) in the booking's own transaction:
a booking that commits always has its message, one that rolls back has none.

What this module must never do: hold a place without booking it, send anything before the commit,
or store the manage secret itself.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.appointments import availability as engine
from loket.appointments.models import (
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    manage_secret_hash,
)
from loket.appointments.selectors import availability_free_slots, service_rules
from loket.catalog.models import Service, ServiceStatus
from loket.core.audit import Actor, audit_log
from loket.core.errors import Conflict, DomainError, PermissionDenied
from loket.notifications.ics import AppointmentEvent, event_attachment
from loket.notifications.models import Channel
from loket.notifications.services import E164, message_enqueue
from loket.organisations.models import Location
from loket.organisations.selectors import staff_organisation_ids

LANGUAGES = ("nl", "fr", "en")
# No 0/O, 1/I/L: a reference is read out on the phone and typed at a kiosk.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8
SECRET_BYTES = 32  # 256 bits, well above the 128 the design asks for
ALTERNATIVES = 5
ALTERNATIVES_DAYS = 14
OVERLAP_CONSTRAINT = "appointment_part_desk_no_overlap"


class SlotTaken(Conflict):
    """The asked start is not free (any more); ``alternatives`` are the next free slots."""

    code = "slot_taken"

    def __init__(self, *, alternatives: Sequence[engine.Slot]) -> None:
        super().__init__(_("This time is no longer free. Please choose another one."), field="start")
        self.alternatives = list(alternatives)


@dataclass(frozen=True)
class BookedAppointment:
    """The new appointment and its manage secret: shown once (the link), never stored."""

    appointment: Appointment
    manage_secret: str


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _position in range(REFERENCE_LENGTH))


def new_manage_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


# --- Validation -------------------------------------------------------------------------------


def _clean_phone(phone: str) -> str:
    number = re.sub(r"[\s./()-]", "", phone)
    if number.startswith("00"):
        number = "+" + number[2:]
    if not E164.match(number):
        raise DomainError(
            _("This mobile phone number is not valid: write it with its country code, e.g. +32 470 12 34 56."),
            code="invalid",
            field="phone",
        )
    return number


def _resolve_services(services: Sequence[Service | str]) -> list[Service]:
    if not services:
        raise DomainError(_("Choose at least one service."), code="required", field="services")
    slugs = [service.slug if isinstance(service, Service) else str(service) for service in services]
    if len(set(slugs)) != len(slugs):
        raise DomainError(_("Each service can be chosen only once."), code="invalid", field="services")
    found = Service.objects.filter(slug__in=slugs, status=ServiceStatus.PUBLISHED).in_bulk(field_name="slug")
    if len(found) != len(slugs):
        raise DomainError(_("This service does not exist."), code="unknown_service", field="services")
    return [found[slug] for slug in slugs]


def _check_actor(actor: Actor, channel: str, location: Location) -> None:
    if channel not in BookingChannel.values:
        raise DomainError(_("Unknown booking channel."), code="invalid", field="channel")
    if channel == BookingChannel.ONLINE:
        return
    # Staff channels may use the staff quota: only staff of the location's organisation.
    if not isinstance(actor, AbstractBaseUser) or location.organisation_id not in staff_organisation_ids(
        user=actor  # type: ignore[arg-type]
    ):
        raise PermissionDenied(_("Only staff of this organisation can book through this channel."))


# --- Messages ---------------------------------------------------------------------------------


def _message(appointment: Appointment, services: Sequence[Service], *, cancelled: bool) -> None:
    """Enqueue the confirmation or cancellation, in the citizen's language, in this transaction."""
    location = appointment.location
    key = f"appointment:{appointment.reference}:{'cancellation' if cancelled else 'confirmation'}"
    with translation.override(appointment.language):
        local_start = timezone.localtime(appointment.start, engine.TIMEZONE)
        when = f"{date_format(local_start, 'l j F Y')} {local_start:%H:%M}"
        what = ", ".join(service.title for service in services)
        bring = [
            line.strip() for service in services for line in (service.documents or "").splitlines() if line.strip()
        ]
        if cancelled:
            subject = gettext("Appointment cancelled: %(what)s") % {"what": what}
            lines = [
                gettext("Your appointment %(reference)s has been cancelled.") % {"reference": appointment.reference},
                gettext("What: %(what)s") % {"what": what},
                gettext("When: %(when)s") % {"when": when},
                gettext("Where: %(name)s, %(address)s") % {"name": location.name, "address": location.address},
            ]
        else:
            subject = gettext("Appointment confirmed: %(what)s") % {"what": what}
            lines = [
                gettext("Your appointment is confirmed. Your reference is %(reference)s.")
                % {"reference": appointment.reference},
                gettext("What: %(what)s") % {"what": what},
                gettext("When: %(when)s") % {"when": when},
                gettext("Where: %(name)s, %(address)s") % {"name": location.name, "address": location.address},
            ]
            if bring:
                lines.append(gettext("What to bring:"))
                lines.extend(f"- {item}" for item in bring)
        body = "\n".join(lines) + "\n"
        event = AppointmentEvent(
            reference=appointment.reference,
            start=appointment.start,
            end=appointment.end,
            summary=f"{what} - {location.name}",
            location_name=location.name,
            address=location.address,
            language=appointment.language,
            what_to_bring=bring,
            sequence=1 if cancelled else 0,
            cancelled=cancelled,
            attendee_email=appointment.email,
        )
    if appointment.email:
        message_enqueue(
            channel=Channel.EMAIL,
            recipient=appointment.email,
            language=appointment.language,
            subject=subject,
            body_text=body,
            attachments=[event_attachment(event)],
            idempotency_key=key,
            organisation=location.organisation,
        )
    else:
        message_enqueue(
            channel=Channel.SMS,
            recipient=appointment.phone,
            language=appointment.language,
            body_text=body,
            idempotency_key=key,
            organisation=location.organisation,
        )


# --- Book and cancel --------------------------------------------------------------------------


@transaction.atomic
def appointment_book(
    *,
    actor: Actor,
    channel: str,
    services: Sequence[Service | str],
    location: Location,
    start: datetime.datetime,
    name: str,
    email: str = "",
    phone: str = "",
    language: str,
    remark: str = "",
) -> BookedAppointment:
    """Book the visit at ``location`` starting exactly at ``start``, or raise why not.

    Raises ``DomainError`` (with its ``field``) for bad input, ``PermissionDenied`` for a staff
    channel used by someone else, and ``SlotTaken`` (a ``Conflict``, code ``slot_taken``) with the
    next free slots when the place is not free.
    """
    _check_actor(actor, channel, location)
    chosen = _resolve_services(services)
    name, email, phone = name.strip(), email.strip(), phone.strip()
    if not name:
        raise DomainError(_("Please fill in your name."), code="required", field="name")
    if not email and not phone:
        raise DomainError(
            _("Give an e-mail address or a mobile phone number, so that we can confirm."),
            code="required",
            field="email",
        )
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise DomainError(_("This e-mail address is not valid."), code="invalid", field="email") from error
    if phone:
        phone = _clean_phone(phone)
    if language not in LANGUAGES:
        raise DomainError(_("Choose Dutch, French or English."), code="invalid", field="language")
    if timezone.is_naive(start):
        raise DomainError(_("The start time must include its time zone."), code="invalid", field="start")

    # Serialise bookings at this location: the engine's answer holds until we commit.
    location = Location.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=location.pk)
    day = start.astimezone(engine.TIMEZONE).date()
    slots = availability_free_slots(
        services=chosen, locations=[location], start=day, end=day + datetime.timedelta(days=1), channel=channel
    )
    slot = next((slot for slot in slots if slot.start == start), None)
    if slot is None:
        later = availability_free_slots(
            services=chosen,
            locations=[location],
            start=day,
            end=day + datetime.timedelta(days=ALTERNATIVES_DAYS),
            channel=channel,
        )
        raise SlotTaken(alternatives=[s for s in later if s.start > start][:ALTERNATIVES])

    buffers = {rule.slug: rule.buffer_minutes or 0 for rule in service_rules(services=chosen)}
    by_slug = {service.slug: service for service in chosen}
    secret = new_manage_secret()
    appointment = Appointment(
        reference=new_reference(),
        manage_secret_hash=manage_secret_hash(secret),
        location=location,
        start=slot.start,
        end=slot.end,
        channel=channel,
        name=name,
        email=email,
        phone=phone,
        language=language,
        remark=remark.strip(),
    )
    try:
        with transaction.atomic():  # a savepoint: a refused insert leaves the outer transaction usable
            appointment.save()
            for part in slot.parts:
                buffer = max(buffers[slug] for slug in part.services)
                row = AppointmentPart.objects.create(
                    appointment=appointment,
                    desk_id=part.desk,
                    start=part.start,
                    end=part.end,
                    busy_until=part.end + datetime.timedelta(minutes=buffer),
                )
                row.services.set([by_slug[slug] for slug in part.services])
    except IntegrityError as error:
        if OVERLAP_CONSTRAINT in str(error):
            raise SlotTaken(alternatives=[]) from error
        raise
    audit_log(
        actor=actor,
        action="appointments.appointment_book",
        obj=appointment,
        organisation_id=location.organisation_id,
        changes={
            "reference": appointment.reference,
            "start": appointment.start.isoformat(),
            "services": [service.slug for service in chosen],
            "channel": channel,
        },
    )
    _message(appointment, chosen, cancelled=False)
    return BookedAppointment(appointment=appointment, manage_secret=secret)


@transaction.atomic
def appointment_cancel(*, actor: Actor, appointment: Appointment) -> Appointment:
    """Cancel a booked appointment: its desks are free again at once, and the citizen is told.

    A staff actor must work for the location's organisation. A citizen's right to cancel is the
    manage secret (``Appointment.manage_secret_matches``), which the calling view checks first.
    """
    appointment = (
        Appointment.objects.select_for_update().select_related("location__organisation").get(pk=appointment.pk)
    )
    if isinstance(actor, AbstractBaseUser) and appointment.location.organisation_id not in staff_organisation_ids(
        user=actor  # type: ignore[arg-type]
    ):
        raise PermissionDenied(_("This appointment belongs to another organisation."))
    if appointment.status != AppointmentStatus.BOOKED:
        raise DomainError(_("This appointment can no longer be cancelled."), code="not_cancellable")
    old_status = appointment.status
    appointment.status = AppointmentStatus.CANCELLED
    appointment.save(update_fields=["status"])
    appointment.parts.update(active=False)
    audit_log(
        actor=actor,
        action="appointments.appointment_cancel",
        obj=appointment,
        organisation_id=appointment.location.organisation_id,
        changes={"status": [old_status, AppointmentStatus.CANCELLED]},
    )
    services: list[Service] = []
    for part in appointment.parts.order_by("start").prefetch_related("services"):
        services.extend(service for service in part.services.all() if service not in services)
    _message(appointment, services, cancelled=True)
    return appointment
