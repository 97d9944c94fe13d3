"""Writes of contacts and requests: log a contact, hand a request over, work it, write to the citizen.

Every function runs in one transaction, checks who acts and for which organisation, validates
before it writes, writes its audit entry (with ``person_id``) and, where the citizen must hear of
it, exactly one outbox message in that same transaction (``messages``).

Who may act (tenancy):

- Contacts: a staff member with ``CONTACT_ROLES`` in the organisation the contact is about, or in
  a contact centre organisation that serves it (``Organisation.contact_centre_for``). The contact
  is registered by that organisation of the agent (``registered_by``).
- Handing a request over: the same people (an agent of the contact centre hands requests to the
  organisations it serves), and the organisation's own ``REQUEST_ROLES``.
- Working a request (status, assignee, notes, messages): ``request_workers``: a manager or
  administrator of the request's organisation, or a back-office member of it whose membership
  names the request's department, or names no department at all (a small organisation's one
  back office works every department).
- The citizen (``"citizen"``): only ``request_submit_web_form`` (the public form) and
  ``request_message_from_citizen`` (the Mijn loket view has checked the signed-in person).

Statuses (``TRANSITIONS``): new -> in progress / waiting / done / rejected; in progress <-> waiting;
either -> done / rejected. Nothing goes back to "new" (new means nobody has looked at it yet). A
reason is required for "waiting for you" (the citizen must know what to send) and for
"rejected"; it is shown to the citizen in Mijn loket. A closed request (done or rejected) is
reopened to "in progress" only by a manager or administrator of its organisation, with a reason;
reopening clears ``closed_at``.

How the citizen hears (``citizen_route``): by their ``Person.preferred_channel``. E-mail goes to
their address (or by SMS when they have no address but a mobile number); SMS goes to a mobile
number (or by e-mail when they have none). "Letter by post" and "phone call" make no outbox
message: the service writes an internal note on the request ("send a letter" / "call the
citizen", with the text to convey), which the department's work list shows. Nobody is left
unaware that the citizen must still be told.

What this module must never do: change a request of an organisation the actor does not work for,
send the content of a request or a message outside Mijn loket, or store an upload by its own name
or the browser's word for its type.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from loket.appointments.models import Appointment
from loket.appointments.services import document_content_type
from loket.catalog.models import Service, ServiceStatus
from loket.citizens.models import Language, Person, PreferredChannel
from loket.citizens.selectors import person_organisation_ids
from loket.citizens.services import PersonDetails, person_create, person_for_email, person_link
from loket.contacts import messages
from loket.contacts.models import (
    CLOSED_STATUSES,
    Contact,
    ContactChannel,
    Direction,
    MessageDirection,
    Outcome,
    Request,
    RequestAttachment,
    RequestEvent,
    RequestEventKind,
    RequestMessage,
    RequestOrigin,
    RequestStatus,
    new_request_reference,
)
from loket.core.audit import Actor, audit_log
from loket.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from loket.organisations.models import Department, Membership, Organisation, Role
from loket.organisations.opening_engine import public_holidays
from loket.organisations.selectors import CONTACT_ROLES, MANAGER_ROLES, REQUEST_ROLES, staff_organisation_ids

MAX_SUMMARY_LENGTH = 500
MAX_REFERRED_LENGTH = 200
MAX_SUBJECT_LENGTH = 200
MAX_TEXT_LENGTH = 5000
MAX_DURATION_SECONDS = 8 * 3600
# A contact logged a little ahead of the server's clock is a clock skew, not the future.
CLOCK_SKEW = datetime.timedelta(minutes=5)
# A contact is logged as it ends, or from a backlog of days; one from years ago is a wrong date.
MAX_LOGGED_AFTER = datetime.timedelta(days=366)

TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.NEW: frozenset(
        {RequestStatus.IN_PROGRESS, RequestStatus.WAITING, RequestStatus.DONE, RequestStatus.REJECTED}
    ),
    RequestStatus.IN_PROGRESS: frozenset({RequestStatus.WAITING, RequestStatus.DONE, RequestStatus.REJECTED}),
    RequestStatus.WAITING: frozenset({RequestStatus.IN_PROGRESS, RequestStatus.DONE, RequestStatus.REJECTED}),
    # Reopening: managers only (checked in request_change_status).
    RequestStatus.DONE: frozenset({RequestStatus.IN_PROGRESS}),
    RequestStatus.REJECTED: frozenset({RequestStatus.IN_PROGRESS}),
}
REASON_REQUIRED: frozenset[str] = frozenset({RequestStatus.WAITING, RequestStatus.REJECTED})


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _user(actor: Actor) -> AbstractBaseUser | None:
    return actor if isinstance(actor, AbstractBaseUser) else None


# --- Working days ----------------------------------------------------------------------------


def working_days_after(start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``start``: weekends and Belgian public holidays skipped.

    ``start`` itself does not count (a request handed over today with 1 day is due tomorrow, or
    on Monday when today is Friday). Regional holidays (11 July, 27 September) are not skipped:
    they are not days off in every organisation a request can go to.
    """
    day = start
    holidays = public_holidays(years=range(start.year, start.year + 2 + days // 200), language="nl")
    remaining = max(0, days)
    while remaining:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            remaining -= 1
    return day


def handling_days(service: Service | None) -> int:
    if service is not None and service.handling_days is not None:
        return int(service.handling_days)
    return int(settings.LOKET_REQUEST_DEFAULT_HANDLING_DAYS)


# --- Who acts --------------------------------------------------------------------------------


def contact_organisations(*, user: AbstractBaseUser | AnonymousUser) -> dict[int, int]:
    """The organisations ``user`` may log contacts for: ``{organisation id: registering organisation id}``.

    Their own organisations (with ``CONTACT_ROLES``) register for themselves; a contact centre
    among them also for each organisation it serves. When two of the user's organisations could
    register for the same one, its own membership wins, then the lowest id (stable, not random).
    """
    own = staff_organisation_ids(user=user, roles=CONTACT_ROLES)
    result: dict[int, int] = {}
    served = Organisation.contact_centre_for.through.objects.filter(from_organisation_id__in=own).order_by(
        "from_organisation_id", "to_organisation_id"
    )
    for centre_id, served_id in served.values_list("from_organisation_id", "to_organisation_id"):
        result.setdefault(served_id, centre_id)
    result.update({organisation_id: organisation_id for organisation_id in own})
    return result


def _registering_organisation(actor: Actor, organisation: Organisation | None) -> tuple[Organisation, int]:
    user = _user(actor)
    if user is None:
        raise PermissionDenied(_("Only staff can log a contact."))
    allowed = contact_organisations(user=user)
    if not allowed:
        raise PermissionDenied(_("You do not log contacts for any organisation."))
    if organisation is None:
        # Only one organisation to log for: that one. A contact centre (or anyone serving several)
        # says which: guessing would put the contact in the wrong organisation's figures.
        if len(allowed) != 1:
            raise DomainError(
                _("Choose the organisation this contact is about."), code="required", field="organisation"
            )
        organisation = Organisation.objects.get(pk=next(iter(allowed)))
    if organisation.pk not in allowed:
        raise PermissionDenied(_("You cannot log contacts for this organisation."))
    return organisation, allowed[organisation.pk]


def request_workers(*, request: Request) -> Q:
    """A ``Membership`` filter: who may work ``request`` (see the module docstring)."""
    return Q(organisation_id=request.organisation_id) & (
        Q(role__in=list(MANAGER_ROLES))
        | Q(role=Role.BACK_OFFICE, department_id=request.department_id)
        | Q(role=Role.BACK_OFFICE, department__isnull=True)
    )


def can_work(*, user: AbstractBaseUser | None, request: Request) -> bool:
    if user is None or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(request_workers(request=request), user_id=user.pk).exists()


def is_manager(*, user: AbstractBaseUser | None, organisation_id: int) -> bool:
    if user is None or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(
        user_id=user.pk, organisation_id=organisation_id, role__in=list(MANAGER_ROLES)
    ).exists()


def _check_worker(actor: Actor, request: Request) -> AbstractBaseUser:
    user = _user(actor)
    if not can_work(user=user, request=request):
        raise PermissionDenied(_("This request belongs to another department or organisation."))
    assert user is not None
    return user


def _check_person_visible(user: AbstractBaseUser, person: Person) -> None:
    """The staff member may use this record: an organisation of theirs (or that their contact centre
    answers for) knows the person."""
    if person.erased_at:
        raise Conflict(_("This record was erased and can no longer be used."), code="erased", field="person")
    if not person_organisation_ids(user=user, person=person):
        raise NotFound(_("This person is not known to your organisation."), field="person")


def _locked(request: Request) -> Request:
    return (
        Request.objects.select_for_update(of=("self",))
        .select_related("person", "organisation", "department", "service")
        .get(pk=request.pk)
    )


# --- Telling the citizen -----------------------------------------------------------------------


def is_mobile(phone: str) -> bool:
    """A number that takes a text message: a Belgian mobile (+32 4..), or any foreign number."""
    return bool(phone) and phone.startswith("+") and (not phone.startswith("+32") or phone.startswith("+324"))


def citizen_route(person: Person) -> messages.Route:
    """How to reach ``person`` by their preferred channel (see the module docstring)."""
    email, phone = person.email, person.phone
    preferred = person.preferred_channel
    if preferred == PreferredChannel.POST:
        return messages.Route("letter")
    if preferred == PreferredChannel.PHONE:
        return messages.Route("call") if phone else messages.Route("letter")
    if preferred == PreferredChannel.SMS and is_mobile(phone):
        return messages.Route("sms", phone)
    if email:
        return messages.Route("email", email)
    if is_mobile(phone):
        return messages.Route("sms", phone)
    if phone:
        return messages.Route("call")
    return messages.Route("letter") if person.street else messages.Route("none")


def _tell_citizen(request: Request, *, kind: str, key: str, now: datetime.datetime, status: str = "") -> str:
    """Exactly one outbox message (or, for a letter or call, one internal note); returns the route's kind."""
    route = citizen_route(request.person)
    text = messages.render(request, kind, status)
    if route.kind in ("email", "sms"):
        messages.enqueue(request, route, text, key=key)
        return route.kind
    todo = {
        "letter": gettext("Send the citizen a letter (their chosen channel): %(text)s"),
        "call": gettext("Call the citizen (their chosen channel) and tell them: %(text)s"),
        "none": gettext("We have no way to reach the citizen; tell them when they contact us: %(text)s"),
    }[route.kind]
    RequestEvent.objects.create(
        request=request, at=now, kind=RequestEventKind.NOTE, text=todo % {"text": " ".join(text.lines).strip()}
    )
    return route.kind


# --- Attachments -----------------------------------------------------------------------------


def _check_files(files: Sequence[UploadedFile]) -> list[str]:
    if len(files) > settings.LOKET_DOCUMENT_MAX_COUNT:
        raise DomainError(
            ngettext_lazy("You can add at most %(count)d file.", "You can add at most %(count)d files.", "count")
            % {"count": settings.LOKET_DOCUMENT_MAX_COUNT},
            code="too_many_files",
            field="files",
        )
    types = []
    for file in files:
        try:
            types.append(document_content_type(file))
        except DomainError as error:
            raise DomainError(error.message, code=error.code, field="files") from error
    return types


def _store_files(
    request: Request,
    message: RequestMessage | None,
    files: Sequence[UploadedFile],
    types: Sequence[str],
    *,
    user: AbstractBaseUser | None,
    internal: bool,
    now: datetime.datetime,
) -> list[RequestAttachment]:
    stored = []
    for file, content_type in zip(files, types, strict=True):
        name = (file.name or "document").replace("\\", "/").rsplit("/", 1)[-1][:200]
        attachment = RequestAttachment(
            request=request,
            message=message,
            filename=name,
            content_type=content_type,
            size=file.size or 0,
            internal=internal,
            uploaded_at=now,
            uploaded_by_id=user.pk if user is not None else None,
        )
        attachment.file.save(name, file, save=False)  # stored under a random name (attachment_path)
        attachment.save()
        stored.append(attachment)
    return stored


def _clean_text(value: str, *, field: str, required: bool, limit: int = MAX_TEXT_LENGTH) -> str:
    value = (value or "").strip()
    if required and not value:
        messages_by_field = {
            "body": _("Write your message."),
            "text": _("Write the note."),
            "subject": _("Say in a line what the request is about."),
            "reason": _("Give the reason: the citizen reads it."),
        }
        raise DomainError(messages_by_field.get(field, _("Please fill this in.")), code="required", field=field)
    if len(value) > limit:
        raise DomainError(
            _("Keep this to at most %(count)d characters.") % {"count": limit}, code="too_long", field=field
        )
    return value


# --- Contacts --------------------------------------------------------------------------------


def _resolve_services(services: Iterable[Service | str | int], organisation: Organisation) -> list[Service]:
    wanted = list(services)
    if not wanted:
        return []
    slugs = {s for s in wanted if isinstance(s, str)}
    ids = {s.pk if isinstance(s, Service) else s for s in wanted if not isinstance(s, str)}
    found = list(Service.objects.filter(Q(slug__in=slugs) | Q(pk__in=ids)).distinct())
    if len(found) != len(slugs) + len(ids):
        raise DomainError(_("This service does not exist."), code="unknown_service", field="services")
    if any(service.organisation_id != organisation.pk for service in found):
        raise DomainError(
            _("This service does not belong to %(organisation)s.") % {"organisation": organisation.name},
            code="other_organisation",
            field="services",
        )
    return found


@transaction.atomic
def contact_log(
    *,
    actor: Actor,
    channel: str,
    outcome: str,
    organisation: Organisation | None = None,
    summary: str = "",
    services: Iterable[Service | str | int] = (),
    person: Person | None = None,
    new_person: PersonDetails | None = None,
    started_at: datetime.datetime | None = None,
    duration_seconds: int | None = None,
    direction: str = Direction.INBOUND,
    language: str = Language.NL,
    referred_to: str = "",
    appointment: Appointment | None = None,
    now: datetime.datetime | None = None,
) -> Contact:
    """Record one contact moment. Only ``channel`` and ``outcome`` are needed (and ``organisation``
    when the agent serves several).

    ``organisation`` (the one it was about) may be left out when the agent logs for only one. ``new_person`` records a
    person the agent entered on the spot (quick entry), known from now on to the registering
    organisation and to ``organisation``; ``person`` is one the agent found (it must be known to
    an organisation of theirs).
    """
    now = _now(now)
    organisation, registrar_id = _registering_organisation(actor, organisation)
    user = _user(actor)
    assert user is not None
    if channel not in ContactChannel.values:
        raise DomainError(_("Choose how the citizen contacted us."), code="invalid", field="channel")
    if outcome not in Outcome.values:
        raise DomainError(_("Choose how the contact ended."), code="invalid", field="outcome")
    if direction not in Direction.values:
        raise DomainError(_("Choose who began the contact."), code="invalid", field="direction")
    if language not in Language.values:
        raise DomainError(_("Choose Dutch, French or English."), code="invalid", field="language")
    summary = _clean_text(summary, field="summary", required=False, limit=MAX_SUMMARY_LENGTH)
    referred_to = _clean_text(referred_to, field="referred_to", required=False, limit=MAX_REFERRED_LENGTH)
    if outcome == Outcome.REFERRED and not referred_to:
        raise DomainError(
            _("Say to which organisation you referred the citizen."), code="required", field="referred_to"
        )
    started_at = started_at or now
    if timezone.is_naive(started_at):
        raise DomainError(_("The time must include its time zone."), code="invalid", field="started_at")
    if started_at > now + CLOCK_SKEW:
        raise DomainError(_("A contact cannot start in the future."), code="invalid", field="started_at")
    if started_at < now - MAX_LOGGED_AFTER:
        raise DomainError(
            _("A contact can be logged until a year after it began, not later."), code="invalid", field="started_at"
        )
    if duration_seconds is not None and not 0 <= duration_seconds <= MAX_DURATION_SECONDS:
        raise DomainError(_("Give a duration of at most 8 hours."), code="invalid", field="duration_seconds")
    chosen = _resolve_services(services, organisation)
    if appointment is not None and appointment.location.organisation_id != organisation.pk:
        raise DomainError(
            _("This appointment does not belong to this organisation."), code="other_organisation", field="appointment"
        )
    registrar = organisation if registrar_id == organisation.pk else Organisation.objects.get(pk=registrar_id)
    if person is not None and new_person is not None:
        raise DomainError(_("Choose a person or enter a new one, not both."), code="invalid", field="person")
    if new_person is not None:
        person = person_create(actor=user, organisation=registrar, details=new_person)
    elif person is not None:
        _check_person_visible(user, person)
    contact = Contact.objects.create(
        organisation=organisation,
        registered_by=registrar,
        channel=channel,
        direction=direction,
        started_at=started_at,
        duration_seconds=duration_seconds,
        agent_id=user.pk,
        summary=summary,
        outcome=outcome,
        referred_to=referred_to,
        language=language,
        person=person,
        appointment=appointment,
    )
    contact.services.set(chosen)
    if person is not None:
        person_link(person=person, organisation=organisation)
    audit_log(
        actor=actor,
        action="contacts.contact_log",
        obj=contact,
        organisation_id=organisation.pk,
        changes={
            "channel": channel,
            "outcome": outcome,
            "registered_by": registrar.pk,
            "services": [service.slug for service in chosen],
            "person": person.pk if person else None,
        },
        person_id=person.pk if person else None,
    )
    return contact


@transaction.atomic
def contact_link_appointment(*, actor: Actor, contact: Contact, appointment: Appointment) -> Contact:
    """The appointment booked during the contact (from the agent's screen): the contact now names it.

    The appointment must be one of the contact's organisation; the outcome becomes "appointment
    booked" (that is what happened).
    """
    user = _user(actor)
    if user is None or contact.organisation_id not in contact_organisations(user=user):
        raise PermissionDenied(_("Only staff who log this organisation's contacts can do this."))
    if appointment.location.organisation_id != contact.organisation_id:
        raise DomainError(
            _("This appointment does not belong to this organisation."), code="other_organisation", field="reference"
        )
    contact = Contact.objects.select_for_update(of=("self",)).get(pk=contact.pk)
    before = (contact.appointment_id, contact.outcome)
    contact.appointment = appointment
    contact.outcome = Outcome.APPOINTMENT
    contact.save(update_fields=["appointment", "outcome"])
    audit_log(
        actor=actor,
        action="contacts.contact_link_appointment",
        obj=contact,
        organisation_id=contact.organisation_id,
        changes={"appointment": [before[0], appointment.pk], "outcome": [before[1], Outcome.APPOINTMENT]},
        person_id=contact.person_id,
    )
    return contact


# --- Requests: created ------------------------------------------------------------------------


def _may_hand_over(user: AbstractBaseUser, organisation: Organisation) -> bool:
    if organisation.pk in contact_organisations(user=user):
        return True
    return organisation.pk in staff_organisation_ids(user=user, roles=REQUEST_ROLES)


def _save_new_request(request: Request) -> None:
    """Insert with a fresh reference; another one in the (1 in 10^12) case that it is taken."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request.save(force_insert=True)
            return
        except IntegrityError:
            if Request.objects.filter(reference=request.reference).exists():
                request.reference = new_request_reference()
                request.pk = None
                continue
            raise
    raise Conflict(_("Please try again."), code="reference_clash")


@transaction.atomic
def request_create(
    *,
    actor: Actor,
    organisation: Organisation,
    department: Department,
    person: Person | None,
    subject: str,
    origin: str,
    description: str = "",
    service: Service | None = None,
    contact: Contact | None = None,
    new_person: PersonDetails | None = None,
    now: datetime.datetime | None = None,
) -> Request:
    """Hand a request to ``department`` of ``organisation``; the citizen is told its reference and due date.

    Staff hand over from a contact (``origin=contact``) or a counter visit; ``actor="citizen"``
    is the public web form (use ``request_submit_web_form``). ``new_person`` enters the person on
    the spot when the contact had none; the contact then names them too.
    """
    now = _now(now)
    user = _user(actor)
    if origin not in RequestOrigin.values:
        raise DomainError(_("Unknown origin."), code="invalid", field="origin")
    if user is None:
        if actor != "citizen" or origin != RequestOrigin.WEB_FORM or contact is not None:
            raise PermissionDenied(_("Only staff can hand over a request."))
    elif not _may_hand_over(user, organisation):
        raise PermissionDenied(_("You cannot hand requests to this organisation."))
    if department.organisation_id != organisation.pk:
        raise DomainError(
            _("Choose a department of %(organisation)s.") % {"organisation": organisation.name},
            code="other_organisation",
            field="department",
        )
    if service is not None and service.organisation_id != organisation.pk:
        raise DomainError(
            _("This service does not belong to %(organisation)s.") % {"organisation": organisation.name},
            code="other_organisation",
            field="service",
        )
    if contact is not None and contact.organisation_id != organisation.pk:
        raise DomainError(_("This contact was about another organisation."), code="other_organisation", field="contact")
    subject = _clean_text(subject, field="subject", required=True, limit=MAX_SUBJECT_LENGTH)
    description = _clean_text(description, field="description", required=False)
    if person is None and new_person is None:
        raise DomainError(
            _("Find the person or enter their name and how to reach them."), code="required", field="person"
        )
    if person is not None and new_person is not None:
        raise DomainError(_("Choose a person or enter a new one, not both."), code="invalid", field="person")
    if new_person is not None:
        if user is None:
            raise PermissionDenied(_("Only staff can enter a person."))
        registrar = (
            contact.registered_by if contact is not None else organisation
        )  # the agent's organisation knows them
        person = person_create(actor=user, organisation=registrar, details=new_person)
    assert person is not None
    if user is not None and new_person is None:
        _check_person_visible(user, person)
    if person.erased_at:
        raise Conflict(_("This record was erased and can no longer be used."), code="erased", field="person")
    today = timezone.localdate(now)
    request = Request(
        reference=new_request_reference(),
        organisation=organisation,
        department=department,
        service=service,
        origin=origin,
        contact=contact,
        person=person,
        subject=subject,
        description=description,
        language=person.language if person.language in Language.values else Language.NL,
        due_on=working_days_after(today, handling_days(service)),
        created_at=now,
    )
    _save_new_request(request)
    RequestEvent.objects.create(
        request=request,
        at=now,
        kind=RequestEventKind.CREATED,
        actor_id=user.pk if user else None,
        to_status=RequestStatus.NEW,
    )
    person_link(person=person, organisation=organisation)
    if contact is not None and contact.person_id is None:
        Contact.objects.filter(pk=contact.pk).update(person=person)
        contact.person = person
    audit_log(
        actor=actor,
        action="contacts.request_create",
        obj=request,
        organisation_id=organisation.pk,
        changes={
            "reference": request.reference,
            "department": department.pk,
            "service": service.slug if service else None,
            "origin": origin,
            "due_on": request.due_on.isoformat(),
        },
        person_id=person.pk,
    )
    _tell_citizen(request, kind="received", key=f"request:{request.reference}:received", now=now)
    return request


@transaction.atomic
def request_submit_web_form(
    *,
    service: Service,
    name: str,
    email: str,
    description: str,
    language: str,
    subject: str = "",
    now: datetime.datetime | None = None,
) -> Request:
    """The public form: a citizen asks for ``service``; the request goes to the service's department.

    The person is found by e-mail or created (``person_for_email``); a name given here never
    overwrites the name of a record that exists. Messages go in the person's language: a new
    person gets the language the form was filled in.
    """
    if service.status != ServiceStatus.PUBLISHED:
        raise DomainError(_("This service does not exist."), code="unknown_service", field="service")
    if service.department_id is None:
        raise DomainError(
            _("This service cannot be asked for with this form. Please contact us."),
            code="no_department",
            field="service",
        )
    name = name.strip()
    if not name:
        raise DomainError(_("Please fill in your name."), code="required", field="name")
    if len(name) > 200:
        raise DomainError(_("This name is too long."), code="invalid", field="name")
    description = _clean_text(description, field="description", required=True)
    person = person_for_email(email=email, name=name, language=language)
    assert service.department is not None
    return request_create(
        actor="citizen",
        organisation=service.organisation,
        department=service.department,
        person=person,
        subject=(subject.strip() or service.title)[:MAX_SUBJECT_LENGTH],
        description=description,
        service=service,
        origin=RequestOrigin.WEB_FORM,
        now=now,
    )


# --- Requests: worked ---------------------------------------------------------------------------


@transaction.atomic
def request_change_status(
    *, actor: Actor, request: Request, status: str, reason: str = "", now: datetime.datetime | None = None
) -> Request:
    """Move the request to ``status`` (``TRANSITIONS``); the citizen hears of it in one message."""
    now = _now(now)
    request = _locked(request)
    user = _check_worker(actor, request)
    if status not in RequestStatus.values:
        raise DomainError(_("Choose a status from the list."), code="invalid", field="status")
    old = request.status
    if status == old:
        raise Conflict(_("The request already has this status."), code="same_status", field="status")
    if status not in TRANSITIONS[old]:
        raise Conflict(
            _("A request cannot go from “%(old)s” to “%(new)s”.")
            % {"old": RequestStatus(old).label, "new": RequestStatus(status).label},
            code="invalid_transition",
            field="status",
        )
    reopening = old in CLOSED_STATUSES
    if reopening and not is_manager(user=user, organisation_id=request.organisation_id):
        raise PermissionDenied(_("Only a manager can reopen a closed request."))
    reason = _clean_text(reason, field="reason", required=status in REASON_REQUIRED or reopening)
    request.status = status
    request.status_reason = reason
    request.closed_at = now if status in CLOSED_STATUSES else None
    request.save(update_fields=["status", "status_reason", "closed_at", "updated_at"])
    event = RequestEvent.objects.create(
        request=request,
        at=now,
        kind=RequestEventKind.STATUS,
        actor_id=user.pk,
        from_status=old,
        to_status=status,
        text=reason,
    )
    audit_log(
        actor=actor,
        action="contacts.request_change_status",
        obj=request,
        organisation_id=request.organisation_id,
        changes={"status": [old, status], "reason": reason},
        person_id=request.person_id,
    )
    _tell_citizen(request, kind="status", status=status, key=f"request:{request.reference}:status:{event.pk}", now=now)
    return request


@transaction.atomic
def request_assign(
    *, actor: Actor, request: Request, assignee: AbstractBaseUser | None, now: datetime.datetime | None = None
) -> Request:
    """Give the request to ``assignee`` (someone who may work it), or to nobody (``None``)."""
    now = _now(now)
    request = _locked(request)
    user = _check_worker(actor, request)
    if assignee is not None and not can_work(user=assignee, request=request):
        raise DomainError(
            _("Choose someone who handles this department's requests."), code="not_a_worker", field="assignee"
        )
    old = request.assignee_id
    new = assignee.pk if assignee is not None else None
    if old == new:
        return request
    request.assignee_id = new
    request.save(update_fields=["assignee", "updated_at"])
    label = assignee.get_username() if assignee is not None else ""
    RequestEvent.objects.create(request=request, at=now, kind=RequestEventKind.ASSIGNED, actor_id=user.pk, text=label)
    audit_log(
        actor=actor,
        action="contacts.request_assign",
        obj=request,
        organisation_id=request.organisation_id,
        changes={"assignee": [old, new]},
        person_id=request.person_id,
    )
    return request


@transaction.atomic
def request_note(*, actor: Actor, request: Request, text: str, now: datetime.datetime | None = None) -> RequestEvent:
    """An internal note: colleagues read it, the citizen never does (not in ``CITIZEN_EVENT_KINDS``)."""
    now = _now(now)
    request = _locked(request)
    user = _check_worker(actor, request)
    text = _clean_text(text, field="text", required=True)
    event = RequestEvent.objects.create(
        request=request, at=now, kind=RequestEventKind.NOTE, actor_id=user.pk, text=text
    )
    audit_log(
        actor=actor,
        action="contacts.request_note",
        obj=request,
        organisation_id=request.organisation_id,
        changes={"note": event.pk},
        person_id=request.person_id,
    )
    return event


@dataclass(frozen=True)
class SentMessage:
    message: RequestMessage
    route: str  # how the citizen was told: email, sms, letter, call or none


@transaction.atomic
def request_message_to_citizen(
    *,
    actor: Actor,
    request: Request,
    body: str,
    files: Sequence[UploadedFile] = (),
    now: datetime.datetime | None = None,
) -> SentMessage:
    """Write to the citizen (with attachments they can download in Mijn loket); they are told in one message."""
    now = _now(now)
    request = _locked(request)
    user = _check_worker(actor, request)
    if request.anonymised_at:
        raise Conflict(_("This request was anonymised."), code="anonymised")
    body = _clean_text(body, field="body", required=True)
    types = _check_files(files)
    message = RequestMessage.objects.create(
        request=request, direction=MessageDirection.TO_CITIZEN, body=body, sent_at=now, author_id=user.pk
    )
    stored = _store_files(request, message, files, types, user=user, internal=False, now=now)
    RequestEvent.objects.create(request=request, at=now, kind=RequestEventKind.MESSAGE_OUT, actor_id=user.pk, text=body)
    request.save(update_fields=["updated_at"])
    audit_log(
        actor=actor,
        action="contacts.request_message_to_citizen",
        obj=request,
        organisation_id=request.organisation_id,
        changes={"message": message.pk, "files": [a.filename for a in stored]},
        person_id=request.person_id,
    )
    route = _tell_citizen(request, kind="message", key=f"request:{request.reference}:message:{message.pk}", now=now)
    return SentMessage(message=message, route=route)


@transaction.atomic
def request_message_from_citizen(
    *,
    person: Person,
    request: Request,
    body: str,
    files: Sequence[UploadedFile] = (),
    now: datetime.datetime | None = None,
) -> RequestMessage:
    """The citizen, signed in to Mijn loket as ``person``, answers on their own request.

    Someone else's request is ``NotFound`` (never "forbidden": that would confirm it exists).
    The department's shared mailbox, when it has one, hears that an answer waits.
    """
    now = _now(now)
    if request.person_id != person.pk or person.erased_at:
        raise NotFound(_("There is no request with this reference."))
    request = _locked(request)
    if request.anonymised_at:
        raise NotFound(_("There is no request with this reference."))
    body = _clean_text(body, field="body", required=True)
    types = _check_files(files)
    message = RequestMessage.objects.create(
        request=request, direction=MessageDirection.FROM_CITIZEN, body=body, sent_at=now
    )
    stored = _store_files(request, message, files, types, user=None, internal=False, now=now)
    RequestEvent.objects.create(request=request, at=now, kind=RequestEventKind.MESSAGE_IN, text=body)
    request.save(update_fields=["updated_at"])
    audit_log(
        actor="citizen",
        action="contacts.request_message_from_citizen",
        obj=request,
        organisation_id=request.organisation_id,
        changes={"message": message.pk, "files": [a.filename for a in stored]},
        person_id=person.pk,
    )
    messages.department_reply_notice(request, key=f"request:{request.reference}:reply:{message.pk}")
    return message


@transaction.atomic
def request_messages_mark_read(*, person: Person, request: Request, now: datetime.datetime | None = None) -> int:
    """The citizen has read the staff's messages on their request (for the portal); how many were new."""
    if request.person_id != person.pk:
        raise NotFound(_("There is no request with this reference."))
    return RequestMessage.objects.filter(
        request=request, direction=MessageDirection.TO_CITIZEN, read_at__isnull=True
    ).update(read_at=_now(now))
