"""Appointment writes: book, move, cancel, check in, documents, no-shows, reminders, the waiting list.

Every function here runs in one transaction, checks who acts, validates before it writes, writes
the audit entry, and writes the citizen's message to the outbox in that same transaction
(``messages``), so a committed change always has its message and a rolled-back one none.

How capacity is kept, whatever the concurrency (DESIGN.md's first invariant):

1. A write that takes desk time (``appointment_book``, ``appointment_reschedule``, a waiting-list
   offer) first locks the location row (``SELECT ... FOR UPDATE``), then asks the engine inside the
   transaction, then inserts: writes at one location are serialised, so the engine's answer cannot
   go stale between the check and the insert. This is also what enforces the online quota ("at
   most N desks held online at once"), a rule over several rows that no single constraint can
   express. On SQLite there are no row locks, but every transaction begins IMMEDIATE (see
   settings), so the database's one writer serialises them just the same.
2. On PostgreSQL an exclusion constraint (migration 0002) refuses two active parts on one desk
   whose ``[start, busy_until)`` overlap, so even a writer that skips the lock (a bulk import, raw
   SQL) cannot double-book a desk. Its violation becomes ``SlotTaken`` (409), never a server error.

A reschedule takes the new time before it lets go of the old one: both happen in one savepoint, so
if the new time is refused the appointment keeps its old place, and nobody else can take the old
place in between. Cancelling frees the desks at once; a freed place goes first to the waiting list.

Who may act: a staff member of the location's organisation (checked here), a citizen (the string
``"citizen"``: the calling view or API has checked the manage secret first), the kiosk
(``"kiosk"``: check-in only) or the system (``None``: the sweeps).

What this module must never do: hold a place without an appointment (a waiting-list hold is an
appointment in status ``held`` with an expiry), send anything before the commit, or store a
manage secret.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from loket.appointments import availability as engine
from loket.appointments import messages
from loket.appointments.models import (
    DEFAULT_MAX_ACTIVE_PER_CONTACT,
    Appointment,
    AppointmentDocument,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    BookingRule,
    VisitSuggestion,
    WaitingListEntry,
    WaitingStatus,
    new_manage_nonce,
)
from loket.appointments.selectors import availability_earliest, availability_free_slots, service_rules
from loket.catalog.models import Service, ServiceStatus
from loket.core.audit import Actor, audit_log
from loket.core.errors import Conflict, DomainError, PermissionDenied
from loket.core.phone import clean_phone
from loket.organisations.models import Location
from loket.organisations.selectors import APPOINTMENT_ROLES, staff_organisation_ids

LANGUAGES = ("nl", "fr", "en")
# No 0/O, 1/I/L: a reference is read out on the phone and typed at a kiosk.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8
ALTERNATIVES = 5
ALTERNATIVES_DAYS = 14
OVERLAP_CONSTRAINT = "appointment_part_desk_no_overlap"
# No reminder when it would come within this long of the booking: the confirmation is still fresh.
REMINDER_MIN_GAP = datetime.timedelta(hours=6)
MAX_NAME_LENGTH = 200
MAX_REMARK_LENGTH = 1000
# What a document may be, read from its first bytes (never from its name or the browser's word).
DOCUMENT_SIGNATURES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


class SlotTaken(Conflict):
    """The asked start is not free (any more); ``alternatives`` are the next free slots."""

    code = "slot_taken"

    def __init__(self, *, alternatives: Sequence[engine.Slot]) -> None:
        super().__init__(_("This time is no longer free. Please choose another one."), field="start")
        self.alternatives = list(alternatives)


@dataclass(frozen=True)
class BookedAppointment:
    """The new appointment and the secret of its manage link (derived, never stored)."""

    appointment: Appointment
    manage_secret: str


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _position in range(REFERENCE_LENGTH))


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


# --- Who acts ----------------------------------------------------------------------------------


def _is_staff_actor(actor: Actor) -> bool:
    return isinstance(actor, AbstractBaseUser)


def _check_staff_of(actor: Actor, location: Location) -> None:
    """A staff actor must work with appointments at the location's organisation; others are not checked here."""
    if _is_staff_actor(actor) and location.organisation_id not in staff_organisation_ids(
        user=actor,  # type: ignore[arg-type]
        roles=APPOINTMENT_ROLES,
    ):
        raise PermissionDenied(_("This appointment belongs to another organisation."))


def _check_channel(actor: Actor, channel: str, location: Location) -> None:
    if channel not in BookingChannel.values:
        raise DomainError(_("Unknown booking channel."), code="invalid", field="channel")
    if channel == BookingChannel.ONLINE:
        return
    # Staff channels may use the staff quota: only staff of the location's organisation.
    if not _is_staff_actor(actor) or location.organisation_id not in staff_organisation_ids(
        user=actor,  # type: ignore[arg-type]
        roles=APPOINTMENT_ROLES,
    ):
        raise PermissionDenied(_("Only staff of this organisation can book through this channel."))


# --- Validation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str
    language: str


def clean_contact(*, name: str, email: str, phone: str, language: str) -> Contact:
    """The person's details, checked and normalised (e-mail in lower case, phone in E.164)."""
    name, email, phone = name.strip(), email.strip().lower(), phone.strip()
    if not name:
        raise DomainError(_("Please fill in your name."), code="required", field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError(_("This name is too long."), code="invalid", field="name")
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
        phone = clean_phone(phone)
    if language not in LANGUAGES:
        raise DomainError(_("Choose Dutch, French or English."), code="invalid", field="language")
    return Contact(name=name, email=email, phone=phone, language=language)


def resolve_services(services: Sequence[Service | str]) -> list[Service]:
    """Published services by slug (or as given), in order; a ``DomainError`` on ``services`` otherwise."""
    if not services:
        raise DomainError(_("Choose at least one service."), code="required", field="services")
    slugs = [service.slug if isinstance(service, Service) else str(service) for service in services]
    if len(set(slugs)) != len(slugs):
        raise DomainError(_("Each service can be chosen only once."), code="invalid", field="services")
    found = Service.objects.filter(slug__in=slugs, status=ServiceStatus.PUBLISHED).in_bulk(field_name="slug")
    if len(found) != len(slugs):
        raise DomainError(_("This service does not exist."), code="unknown_service", field="services")
    return [found[slug] for slug in slugs]


def document_content_type(file: UploadedFile) -> str:
    """The type of an uploaded document read from its first bytes, or a ``DomainError``.

    PDF, JPEG and PNG only, at most ``LOKET_DOCUMENT_MAX_BYTES``. Three signatures are all we
    accept, so this reads them itself rather than depending on libmagic.
    """
    if file.size is not None and file.size > settings.LOKET_DOCUMENT_MAX_BYTES:
        raise DomainError(
            _("This file is too large: at most %(size)d MB.") % {"size": settings.LOKET_DOCUMENT_MAX_BYTES // 2**20},
            code="file_too_large",
            field="documents",
        )
    if not file.size:
        raise DomainError(_("This file is empty."), code="invalid_file", field="documents")
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    for signature, content_type in DOCUMENT_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    raise DomainError(
        _("Send a PDF, a JPEG or a PNG file (a scan or a photo)."), code="invalid_file_type", field="documents"
    )


def _check_documents(appointment_documents: int, files: Sequence[UploadedFile]) -> list[str]:
    if appointment_documents + len(files) > settings.LOKET_DOCUMENT_MAX_COUNT:
        raise DomainError(
            ngettext_lazy(
                "You can add at most %(count)d document.", "You can add at most %(count)d documents.", "count"
            )
            % {"count": settings.LOKET_DOCUMENT_MAX_COUNT},
            code="too_many_files",
            field="documents",
        )
    return [document_content_type(file) for file in files]


def _store_documents(appointment: Appointment, files: Sequence[UploadedFile], types: Sequence[str]) -> None:
    for file, content_type in zip(files, types, strict=True):
        name = (file.name or "document").rsplit("/", 1)[-1][:200]
        document = AppointmentDocument(
            appointment=appointment, original_name=name, content_type=content_type, size=file.size or 0
        )
        document.file.save(name, file, save=False)
        document.save()


def _contact_q(email: str, phone: str, prefix: str = "") -> Q:
    query = Q()
    if email:
        query |= Q(**{f"{prefix}email": email})
    if phone:
        query |= Q(**{f"{prefix}phone": phone})
    return query


def _check_contact_limit(contact: Contact, chosen: Sequence[Service], now: datetime.datetime) -> None:
    """Online, one e-mail address or phone number holds a limited number of coming appointments per service."""
    limits = {rule.service_id: rule.max_active_per_contact for rule in BookingRule.objects.filter(service__in=chosen)}
    held = dict(
        AppointmentPart.objects.filter(
            _contact_q(contact.email, contact.phone, "appointment__"),
            appointment__status__in=(AppointmentStatus.BOOKED, AppointmentStatus.HELD),
            appointment__end__gt=now,
            services__in=chosen,
        )
        .values_list("services")
        .annotate(count=Count("appointment", distinct=True))
        .values_list("services", "count")
    )
    for service in chosen:
        limit = limits.get(service.pk, DEFAULT_MAX_ACTIVE_PER_CONTACT)
        if held.get(service.pk, 0) >= limit:
            raise DomainError(
                ngettext_lazy(
                    "You already have %(count)d coming appointment for %(service)s. "
                    "Move or cancel it, or call us if you need another one.",
                    "You already have %(count)d coming appointments for %(service)s. "
                    "Move or cancel one of them, or call us if you need another one.",
                    "count",
                )
                % {"count": held[service.pk], "service": service.title},
                code="too_many_appointments",
                field="email",
            )


def _reminder_due(start: datetime.datetime, now: datetime.datetime) -> datetime.datetime | None:
    due = start - datetime.timedelta(hours=settings.LOKET_REMINDER_HOURS)
    return due if due >= now + REMINDER_MIN_GAP else None


def _lock_locations(*locations: Location) -> dict[int, Location]:
    """Lock the location rows in primary-key order (two writers never wait on each other in a cycle)."""
    keys = sorted({location.pk for location in locations})
    rows = Location.objects.select_for_update(of=("self",)).select_related("organisation").filter(pk__in=keys)
    return {row.pk: row for row in rows.order_by("pk")}


def _find_slot(
    *,
    services: Sequence[Service],
    location: Location,
    start: datetime.datetime,
    channel: str,
    now: datetime.datetime,
    exclude_appointment: int | None = None,
) -> engine.Slot:
    """The free slot at exactly ``start`` (under the caller's lock), or ``SlotTaken`` with the next ones."""
    day = start.astimezone(engine.TIMEZONE).date()
    slots = availability_free_slots(
        services=services,
        locations=[location],
        start=day,
        end=day + datetime.timedelta(days=1),
        channel=channel,
        now=now,
        exclude_appointment=exclude_appointment,
    )
    slot = next((slot for slot in slots if slot.start == start), None)
    if slot is None:
        later = availability_free_slots(
            services=services,
            locations=[location],
            start=day,
            end=day + datetime.timedelta(days=ALTERNATIVES_DAYS),
            channel=channel,
            now=now,
            exclude_appointment=exclude_appointment,
        )
        raise SlotTaken(alternatives=[s for s in later if s.start > start][:ALTERNATIVES])
    return slot


def _create_parts(appointment: Appointment, slot: engine.Slot, services: Sequence[Service]) -> None:
    """The desk holdings of ``slot``; on PostgreSQL an overlap is refused by the exclusion constraint."""
    buffers = {rule.slug: rule.buffer_minutes or 0 for rule in service_rules(services=services)}
    by_slug = {service.slug: service for service in services}
    for part in slot.parts:
        buffer = max(buffers[slug] for slug in part.services)
        row = AppointmentPart.objects.create(
            appointment=appointment,
            desk_id=part.desk,
            start=part.start,
            end=part.end,
            busy_until=part.end + datetime.timedelta(minutes=buffer),
            online=appointment.channel == BookingChannel.ONLINE,
        )
        row.services.set([by_slug[slug] for slug in part.services])


def _savepoint_parts(appointment: Appointment, slot: engine.Slot, services: Sequence[Service]) -> None:
    try:
        with transaction.atomic():  # a savepoint: a refused insert leaves the outer transaction usable
            _create_parts(appointment, slot, services)
    except IntegrityError as error:
        if OVERLAP_CONSTRAINT in str(error):
            raise SlotTaken(alternatives=[]) from error
        raise


# --- Book --------------------------------------------------------------------------------------


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
    offered: Iterable[Service | str] = (),
    documents: Sequence[UploadedFile] = (),
    message_channel: str = "",
    now: datetime.datetime | None = None,
) -> BookedAppointment:
    """Book the visit at ``location`` starting exactly at ``start``, or raise why not.

    ``offered`` are the related services the citizen was offered while booking ("many people also
    arrange ..."): each is recorded as accepted (it is among ``services``) or not. ``documents``
    are uploaded files (PDF, JPEG, PNG) kept with the appointment. ``message_channel`` ("email" or
    "sms", default: e-mail when given) is how the confirmation and every later message go.

    Raises ``DomainError`` (with its ``field``) for bad input, ``PermissionDenied`` for a staff
    channel used by someone else, and ``SlotTaken`` (409, ``slot_taken``) with the next free
    slots when the place is not free.
    """
    now = _now(now)
    _check_channel(actor, channel, location)
    chosen = resolve_services(services)
    contact = clean_contact(name=name, email=email, phone=phone, language=language)
    if message_channel not in ("", "email", "sms"):
        raise DomainError(_("Choose e-mail or SMS."), code="invalid", field="message_channel")
    if message_channel == "sms" and not contact.phone:
        raise DomainError(_("Give a mobile phone number for an SMS."), code="required", field="phone")
    if message_channel == "email" and not contact.email:
        raise DomainError(_("Give an e-mail address for an e-mail."), code="required", field="email")
    remark = remark.strip()
    if len(remark) > MAX_REMARK_LENGTH:
        raise DomainError(
            _("Keep the remark to at most %(count)d characters.") % {"count": MAX_REMARK_LENGTH},
            code="invalid",
            field="remark",
        )
    if timezone.is_naive(start):
        raise DomainError(_("The start time must include its time zone."), code="invalid", field="start")
    offered_slugs = {service.slug if isinstance(service, Service) else str(service) for service in offered}
    offered_services = list(Service.objects.filter(slug__in=offered_slugs))
    document_types = _check_documents(0, documents)
    if channel == BookingChannel.ONLINE:
        _check_contact_limit(contact, chosen, now)

    location = _lock_locations(location)[location.pk]
    slot = _find_slot(services=chosen, location=location, start=start, channel=channel, now=now)
    appointment = Appointment(
        reference=new_reference(),
        manage_nonce=new_manage_nonce(),
        location=location,
        start=slot.start,
        end=slot.end,
        channel=channel,
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        language=contact.language,
        message_channel=message_channel,
        remark=remark,
        reminder_due_at=_reminder_due(slot.start, now),
    )
    _save_new(appointment)
    _savepoint_parts(appointment, slot, chosen)
    VisitSuggestion.objects.bulk_create(
        VisitSuggestion(appointment=appointment, service=service, accepted=service in chosen)
        for service in offered_services
    )
    _store_documents(appointment, documents, document_types)
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
    messages.send_confirmation(appointment, chosen)
    return BookedAppointment(appointment=appointment, manage_secret=appointment.manage_secret)


def _save_new(appointment: Appointment) -> None:
    """Insert with a fresh reference; another one in the (1 in 10^11) case that it exists already."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                appointment.save()
            return
        except IntegrityError:
            if not Appointment.objects.filter(reference=appointment.reference).exists():
                raise
            appointment.reference = new_reference()
    raise RuntimeError("five reference collisions in a row: the random source is broken")


# --- Move and cancel ---------------------------------------------------------------------------


def _locked_appointment(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("location__organisation")
        .get(pk=appointment.pk)
    )


@transaction.atomic
def appointment_reschedule(
    *,
    actor: Actor,
    appointment: Appointment,
    start: datetime.datetime,
    location: Location | None = None,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Move a booked appointment to ``start`` (at ``location``, default its own), same services.

    The new time is taken before the old one is let go, in one savepoint: refused, the appointment
    keeps its old place (``SlotTaken`` with alternatives). The citizen gets the new time with an
    updated calendar invitation (same UID, higher SEQUENCE); the old place goes to the waiting list.
    """
    now = _now(now)
    if timezone.is_naive(start):
        raise DomainError(_("The start time must include its time zone."), code="invalid", field="start")
    current = Appointment.objects.select_related("location").get(pk=appointment.pk)
    target = location or current.location
    locked = _lock_locations(current.location, target)
    appointment = _locked_appointment(appointment)
    old_location, target = locked[appointment.location_id], locked[target.pk]
    _check_staff_of(actor, old_location)
    _check_staff_of(actor, target)
    if appointment.status != AppointmentStatus.BOOKED or appointment.start <= now:
        raise DomainError(_("This appointment can no longer be moved."), code="not_movable")
    services = messages.services_of(appointment)
    channel = BookingChannel.RECEPTION if _is_staff_actor(actor) else BookingChannel.ONLINE
    slot = _find_slot(
        services=services, location=target, start=start, channel=channel, now=now, exclude_appointment=appointment.pk
    )
    old = {"start": appointment.start.isoformat(), "location": old_location.slug}
    try:
        with transaction.atomic():
            appointment.parts.all().delete()
            _create_parts(appointment, slot, services)
    except IntegrityError as error:
        if OVERLAP_CONSTRAINT in str(error):
            raise SlotTaken(alternatives=[]) from error
        raise
    appointment.location = target
    appointment.start, appointment.end = slot.start, slot.end
    appointment.sequence += 1
    appointment.reminder_due_at = _reminder_due(slot.start, now)
    appointment.save(update_fields=["location", "start", "end", "sequence", "reminder_due_at", "updated_at"])
    audit_log(
        actor=actor,
        action="appointments.appointment_reschedule",
        obj=appointment,
        organisation_id=target.organisation_id,
        changes={
            "start": [old["start"], appointment.start.isoformat()],
            "location": [old["location"], target.slug],
        },
    )
    messages.send_confirmation(appointment, services, kind=f"moved:{appointment.sequence}")
    waiting_list_offer_freed(location=old_location, services=services, now=now)
    return appointment


@transaction.atomic
def appointment_cancel(*, actor: Actor, appointment: Appointment, now: datetime.datetime | None = None) -> Appointment:
    """Cancel a booked appointment: its desks are free again at once, and the citizen is told.

    A staff actor must work for the location's organisation. A citizen's right to cancel is the
    manage secret (``Appointment.manage_secret_matches``), which the calling view checks first.
    The freed place is offered to the waiting list first.
    """
    now = _now(now)
    location = _lock_locations(appointment.location)[appointment.location_id]
    appointment = _locked_appointment(appointment)
    _check_staff_of(actor, location)
    if appointment.status != AppointmentStatus.BOOKED or appointment.end <= now:
        raise DomainError(_("This appointment can no longer be cancelled."), code="not_cancellable")
    old_status = appointment.status
    appointment.status = AppointmentStatus.CANCELLED
    appointment.sequence += 1
    appointment.reminder_due_at = None
    appointment.save(update_fields=["status", "sequence", "reminder_due_at", "updated_at"])
    appointment.parts.update(active=False)
    audit_log(
        actor=actor,
        action="appointments.appointment_cancel",
        obj=appointment,
        organisation_id=location.organisation_id,
        changes={"status": [old_status, AppointmentStatus.CANCELLED]},
    )
    services = messages.services_of(appointment)
    messages.send_cancellation(appointment, services)
    if appointment.start > now:
        waiting_list_offer_freed(location=location, services=services, now=now)
    return appointment


# --- Documents ---------------------------------------------------------------------------------


@transaction.atomic
def appointment_documents_add(
    *, actor: Actor, appointment: Appointment, files: Sequence[UploadedFile], now: datetime.datetime | None = None
) -> list[AppointmentDocument]:
    """Keep documents the citizen sends beforehand (PDF, JPEG, PNG), so the desk can prepare."""
    now = _now(now)
    appointment = _locked_appointment(appointment)
    _check_staff_of(actor, appointment.location)
    if not files:
        raise DomainError(_("Choose a file to send."), code="required", field="documents")
    if appointment.status != AppointmentStatus.BOOKED or appointment.end <= now:
        raise DomainError(_("Documents can only be added before the appointment."), code="not_open")
    types = _check_documents(appointment.documents.count(), files)
    before = set(appointment.documents.values_list("pk", flat=True))
    _store_documents(appointment, files, types)
    added = list(appointment.documents.exclude(pk__in=before))
    audit_log(
        actor=actor,
        action="appointments.appointment_documents_add",
        obj=appointment,
        organisation_id=appointment.location.organisation_id,
        changes={"documents": [document.original_name for document in added]},
    )
    return added


# --- The day itself ----------------------------------------------------------------------------


@transaction.atomic
def appointment_check_in(
    *, actor: Actor, appointment: Appointment, now: datetime.datetime | None = None
) -> Appointment:
    """The citizen has arrived: checked in, on time or late (after start plus the grace period).

    At the kiosk (actor ``"kiosk"``) only on the day, from ``LOKET_CHECK_IN_EARLY_MINUTES`` before
    the start until the no-show is due; staff may check in anyone of their organisation on the day,
    also someone already marked no-show who turns up after all. The queue takes it from here.
    """
    now = _now(now)
    appointment = _locked_appointment(appointment)
    location = appointment.location
    staff = _is_staff_actor(actor)
    if staff:
        _check_staff_of(actor, location)
    elif actor != "kiosk":
        raise PermissionDenied(_("Check in at the kiosk or at the reception desk."))
    grace = datetime.timedelta(minutes=settings.LOKET_LATE_GRACE_MINUTES)
    early = datetime.timedelta(minutes=settings.LOKET_CHECK_IN_EARLY_MINUTES)
    if appointment.status == AppointmentStatus.CHECKED_IN:
        raise DomainError(_("You are already checked in. Please take a seat."), code="already_checked_in")
    allowed = {AppointmentStatus.BOOKED, AppointmentStatus.NO_SHOW} if staff else {AppointmentStatus.BOOKED}
    if appointment.status not in allowed:
        raise DomainError(_("This appointment is not open for check-in."), code="not_open")
    local_day = appointment.start.astimezone(engine.TIMEZONE).date()
    if local_day != now.astimezone(engine.TIMEZONE).date():
        raise DomainError(_("This appointment is not for today."), code="not_today")
    if not staff and now < appointment.start - early:
        raise DomainError(
            ngettext_lazy(
                "You are early: you can check in from %(count)d minute before your appointment.",
                "You are early: you can check in from %(count)d minutes before your appointment.",
                "count",
            )
            % {"count": settings.LOKET_CHECK_IN_EARLY_MINUTES},
            code="too_early",
        )
    if not staff and now > appointment.end + grace:
        raise DomainError(_("Your appointment time has passed. Please go to the reception desk."), code="too_late")
    old_status = appointment.status
    appointment.status = AppointmentStatus.CHECKED_IN
    appointment.arrived_at = now
    appointment.arrived_late = now > appointment.start + grace
    appointment.reminder_due_at = None
    appointment.save(update_fields=["status", "arrived_at", "arrived_late", "reminder_due_at", "updated_at"])
    audit_log(
        actor=actor,
        action="appointments.appointment_check_in",
        obj=appointment,
        organisation_id=location.organisation_id,
        changes={"status": [old_status, AppointmentStatus.CHECKED_IN], "late": appointment.arrived_late},
    )
    return appointment


def _skip_locked(queryset):  # type: ignore[no-untyped-def]
    """Rows another sweep holds are left to it (PostgreSQL); SQLite serialises sweeps anyway."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.select_for_update()


def appointments_record_no_shows(*, now: datetime.datetime | None = None, batch: int = 500) -> int:
    """Mark booked appointments whose end plus the grace period has passed as no-shows; how many."""
    now = _now(now)
    cutoff = now - datetime.timedelta(minutes=settings.LOKET_LATE_GRACE_MINUTES)
    count = 0
    while True:
        with transaction.atomic():
            rows = list(
                _skip_locked(
                    Appointment.objects.filter(status=AppointmentStatus.BOOKED, end__lte=cutoff)
                    .select_related("location")
                    .order_by("end")[:batch]
                )
            )
            for appointment in rows:
                Appointment.objects.filter(pk=appointment.pk).update(
                    status=AppointmentStatus.NO_SHOW, reminder_due_at=None, updated_at=now
                )
                audit_log(
                    actor=None,
                    action="appointments.appointment_no_show",
                    obj=appointment,
                    organisation_id=appointment.location.organisation_id,
                    changes={"status": [AppointmentStatus.BOOKED, AppointmentStatus.NO_SHOW]},
                )
        count += len(rows)
        if len(rows) < batch:
            return count


def appointments_send_reminders(*, now: datetime.datetime | None = None, batch: int = 200) -> int:
    """Write the reminders that are due to the outbox (each once: the sweep clears ``reminder_due_at``)."""
    now = _now(now)
    count = 0
    while True:
        with transaction.atomic():
            rows = list(
                _skip_locked(
                    Appointment.objects.filter(
                        status=AppointmentStatus.BOOKED, reminder_due_at__lte=now, start__gt=now
                    ).select_related("location__organisation")[:batch]
                )
            )
            for appointment in rows:
                messages.send_reminder(appointment, messages.services_of(appointment))
                Appointment.objects.filter(pk=appointment.pk).update(reminder_due_at=None)
        count += len(rows)
        if len(rows) < batch:
            return count


# --- Waiting list ------------------------------------------------------------------------------


@transaction.atomic
def waiting_list_join(
    *,
    service: Service | str,
    location: Location,
    name: str,
    email: str = "",
    phone: str = "",
    language: str,
    now: datetime.datetime | None = None,
) -> WaitingListEntry:
    """Put the citizen on the waiting list for ``service`` at ``location`` (only when nothing is free)."""
    now = _now(now)
    [chosen] = resolve_services([service])
    contact = clean_contact(name=name, email=email, phone=phone, language=language)
    location = _lock_locations(location)[location.pk]
    if not location.capacity_sessions.filter(services=chosen).exists():
        raise DomainError(_("This service cannot be booked at this location."), code="not_bookable", field="location")
    if availability_earliest(services=[chosen], locations=[location], now=now) is not None:
        raise DomainError(_("There are free times: please choose one."), code="slots_free")
    waiting = WaitingListEntry.objects.filter(
        _contact_q(contact.email, contact.phone),
        location=location,
        service=chosen,
        status__in=(WaitingStatus.WAITING, WaitingStatus.OFFERED),
    )
    if waiting.exists():
        raise DomainError(_("You are already on the waiting list for this service."), code="already_waiting")
    entry = WaitingListEntry.objects.create(
        location=location,
        service=chosen,
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        language=contact.language,
        manage_nonce=new_manage_nonce(),
    )
    audit_log(
        actor="citizen",
        action="appointments.waiting_list_join",
        obj=entry,
        organisation_id=location.organisation_id,
        changes={"service": chosen.slug, "location": location.slug},
    )
    return entry


def waiting_list_offer_freed(
    *, location: Location, services: Sequence[Service], now: datetime.datetime | None = None
) -> list[WaitingListEntry]:
    """Offer free places to the first in line for each of ``services`` at ``location``.

    Runs inside the caller's transaction, which holds the location's lock (a cancel, a move, an
    offer that ran out). Each offer holds the place as an appointment in status ``held`` until
    ``LOKET_WAITING_LIST_HOLD_HOURS`` from now (never past the place's own start).
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("waiting_list_offer_freed needs the caller's transaction")
    now = _now(now)
    offered: list[WaitingListEntry] = []
    for service in services:
        line = WaitingListEntry.objects.filter(location=location, service=service, status=WaitingStatus.WAITING)
        for entry in line.order_by("created_at", "pk"):
            slot = availability_earliest(services=[service], locations=[location], now=now)
            if slot is None:
                break
            hold_until = min(
                now + datetime.timedelta(hours=settings.LOKET_WAITING_LIST_HOLD_HOURS),
                slot.start - datetime.timedelta(minutes=30),
            )
            if hold_until <= now:
                break
            held = Appointment(
                reference=new_reference(),
                manage_nonce=new_manage_nonce(),
                location=location,
                start=slot.start,
                end=slot.end,
                status=AppointmentStatus.HELD,
                channel=BookingChannel.ONLINE,
                name=entry.name,
                email=entry.email,
                phone=entry.phone,
                language=entry.language,
                hold_expires_at=hold_until,
            )
            _save_new(held)
            _savepoint_parts(held, slot, [service])
            entry.status = WaitingStatus.OFFERED
            entry.offered = held
            entry.save(update_fields=["status", "offered"])
            audit_log(
                actor=None,
                action="appointments.waiting_list_offer",
                obj=entry,
                organisation_id=location.organisation_id,
                changes={"offered": held.reference, "start": held.start.isoformat()},
            )
            messages.send_waiting_list_offer(entry, held)
            offered.append(entry)
    return offered


def _locked_entry(entry: WaitingListEntry) -> tuple[WaitingListEntry, Location]:
    location = _lock_locations(entry.location)[entry.location_id]
    entry = WaitingListEntry.objects.select_for_update(of=("self",)).select_related("service").get(pk=entry.pk)
    return entry, location


@transaction.atomic
def waiting_list_accept(*, entry: WaitingListEntry, now: datetime.datetime | None = None) -> BookedAppointment:
    """The citizen takes the place offered: it becomes a booked appointment, confirmed as any other."""
    now = _now(now)
    entry, location = _locked_entry(entry)
    held = entry.offered
    if entry.status != WaitingStatus.OFFERED or held is None or held.status != AppointmentStatus.HELD:
        raise DomainError(_("This offer is no longer open."), code="offer_closed")
    held = _locked_appointment(held)
    if held.hold_expires_at is None or held.hold_expires_at <= now:
        raise DomainError(_("This offer is no longer open."), code="offer_closed")
    held.status = AppointmentStatus.BOOKED
    held.hold_expires_at = None
    held.reminder_due_at = _reminder_due(held.start, now)
    held.save(update_fields=["status", "hold_expires_at", "reminder_due_at", "updated_at"])
    entry.status = WaitingStatus.BOOKED
    entry.save(update_fields=["status"])
    audit_log(
        actor="citizen",
        action="appointments.waiting_list_accept",
        obj=held,
        organisation_id=location.organisation_id,
        changes={"status": [AppointmentStatus.HELD, AppointmentStatus.BOOKED]},
    )
    messages.send_confirmation(held, [entry.service])
    return BookedAppointment(appointment=held, manage_secret=held.manage_secret)


def _release_hold(held: Appointment, status: str, now: datetime.datetime) -> None:
    Appointment.objects.filter(pk=held.pk).update(status=status, hold_expires_at=None, updated_at=now)
    held.parts.update(active=False)


@transaction.atomic
def waiting_list_leave(*, entry: WaitingListEntry, now: datetime.datetime | None = None) -> WaitingListEntry:
    """The citizen leaves the waiting list (declining a running offer, which goes to the next in line)."""
    now = _now(now)
    entry, location = _locked_entry(entry)
    if entry.status not in (WaitingStatus.WAITING, WaitingStatus.OFFERED):
        raise DomainError(_("You are no longer on this waiting list."), code="not_waiting")
    was = entry.status
    held = entry.offered if entry.status == WaitingStatus.OFFERED else None
    entry.status = WaitingStatus.CANCELLED
    entry.save(update_fields=["status"])
    if held is not None and held.status == AppointmentStatus.HELD:
        _release_hold(held, AppointmentStatus.CANCELLED, now)
    audit_log(
        actor="citizen",
        action="appointments.waiting_list_leave",
        obj=entry,
        organisation_id=location.organisation_id,
        changes={"status": [was, WaitingStatus.CANCELLED]},
    )
    if held is not None:
        waiting_list_offer_freed(location=location, services=[entry.service], now=now)
    return entry


def waiting_list_expire_offers(*, now: datetime.datetime | None = None) -> int:
    """Offers not taken in time: the place goes to the next in line (or back to everyone); how many."""
    now = _now(now)
    count = 0
    expired = Appointment.objects.filter(status=AppointmentStatus.HELD, hold_expires_at__lte=now)
    for pk in list(expired.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            held = Appointment.objects.select_related("location").get(pk=pk)
            location = _lock_locations(held.location)[held.location_id]
            held = _locked_appointment(held)
            if held.status != AppointmentStatus.HELD or held.hold_expires_at is None or held.hold_expires_at > now:
                continue  # taken or released meanwhile
            entry = WaitingListEntry.objects.select_related("service").filter(offered=held).first()
            _release_hold(held, AppointmentStatus.EXPIRED, now)
            if entry is not None:
                entry.status = WaitingStatus.EXPIRED
                entry.save(update_fields=["status"])
                audit_log(
                    actor=None,
                    action="appointments.waiting_list_expire",
                    obj=entry,
                    organisation_id=location.organisation_id,
                    changes={"status": [WaitingStatus.OFFERED, WaitingStatus.EXPIRED]},
                )
                waiting_list_offer_freed(location=location, services=[entry.service], now=now)
            count += 1
    return count


def appointments_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Everything that happens by the clock: offers that ran out, no-shows, reminders."""
    now = _now(now)
    return {
        "offers_expired": waiting_list_expire_offers(now=now),
        "no_shows": appointments_record_no_shows(now=now),
        "reminders": appointments_send_reminders(now=now),
    }
