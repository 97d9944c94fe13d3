"""Reads of the staff appointment pages: who may use them, the day's rows, free times, documents.

Built on ``booking_selectors`` (``day_list``, ``appointment_for_staff``, ``repeated_no_shows``) and
``selectors`` (availability on a staff channel); what those lack for the staff screens is here:
the services and locations a staff member may book for, the next free times over several days,
a document reached only through the staff member's organisations, and the people of an
organisation's earlier appointments (``person_search``; the view has ``staff_services`` audit each
search), and one of them again by the reference of the appointment their details came from
(``person_by_reference``). Every read is scoped by ``staff_organisation_ids``; another organisation's row is "not
found", never "forbidden". Nothing here writes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.appointments.availability import TIMEZONE, Slot
from loket.appointments.booking_selectors import (
    appointment_services,
    bookable_locations,
    day_list,
    repeated_no_shows,
)
from loket.appointments.models import Appointment, AppointmentDocument, AppointmentStatus, CapacitySession
from loket.appointments.selectors import availability_free_slots, service_rules
from loket.catalog.models import Service, ServiceStatus
from loket.core.errors import DomainError, NotFound
from loket.core.phone import clean_phone
from loket.organisations.models import Desk, Location
from loket.organisations.selectors import APPOINTMENT_ROLES, User, staff_organisation_ids

NEXT_FREE_COUNT = 10
# The next free times are looked for a week at a time, up to this far ahead.
NEXT_FREE_WINDOW_DAYS = 7
NEXT_FREE_MAX_DAYS = 92


def appointment_organisation_ids(*, user: User) -> set[int]:
    """The organisations where ``user`` holds a role that works with appointments."""
    return staff_organisation_ids(user=user, roles=APPOINTMENT_ROLES)


def staff_locations(*, user: User) -> list[Location]:
    """The locations that take appointments, of the organisations where ``user`` works with them."""
    return list(
        Location.objects.filter(organisation_id__in=appointment_organisation_ids(user=user))
        .filter(pk__in=CapacitySession.objects.values("location"))
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def staff_location(*, user: User, slug: str) -> Location:
    """One of the staff member's appointment locations by slug; ``NotFound`` otherwise."""
    for location in staff_locations(user=user):
        if location.slug == slug:
            return location
    raise NotFound(gettext("This location is not one of your organisation's."))


def staff_bookable_services(*, user: User) -> QuerySet[Service]:
    """Published services that a location of the staff member's organisations takes appointments for."""
    sessions = CapacitySession.objects.filter(location__organisation_id__in=appointment_organisation_ids(user=user))
    return Service.objects.filter(status=ServiceStatus.PUBLISHED, pk__in=sessions.values("services")).distinct()


def staff_bookable_locations(*, user: User, services: Sequence[Service]) -> list[Location]:
    """The staff member's locations where every one of ``services`` can be booked."""
    allowed = appointment_organisation_ids(user=user)
    return [location for location in bookable_locations(services=services) if location.organisation_id in allowed]


def location_desks(*, location: Location) -> list[Desk]:
    return list(Desk.objects.filter(location=location, active=True).order_by("name"))


def next_free_slots(
    *,
    services: Sequence[Service],
    location: Location,
    channel: str,
    day: datetime.date | None = None,
    count: int = NEXT_FREE_COUNT,
    exclude_appointment: int | None = None,
    now: datetime.datetime | None = None,
) -> list[Slot]:
    """The first ``count`` free starts on ``channel``: on ``day`` only, or from today on, one per start time.

    ``availability_earliest`` gives one slot and cannot leave out the appointment being moved, so
    this asks ``availability_free_slots`` a week at a time until it has enough (or the horizon ends).
    """
    now = now or timezone.now()
    today = now.astimezone(TIMEZONE).date()
    if day is not None:
        slots = availability_free_slots(
            services=services,
            locations=[location],
            start=day,
            end=day + datetime.timedelta(days=1),
            channel=channel,
            now=now,
            exclude_appointment=exclude_appointment,
        )
        return _one_per_start(slots)
    horizon = min(max((rule.horizon_days for rule in service_rules(services=services)), default=60), NEXT_FREE_MAX_DAYS)
    found: list[Slot] = []
    start = today
    while len(found) < count and start <= today + datetime.timedelta(days=horizon):
        end = start + datetime.timedelta(days=NEXT_FREE_WINDOW_DAYS)
        slots = availability_free_slots(
            services=services,
            locations=[location],
            start=start,
            end=end,
            channel=channel,
            now=now,
            exclude_appointment=exclude_appointment,
        )
        found = _one_per_start([*found, *slots])
        start = end
    return found[:count]


def _one_per_start(slots: Sequence[Slot]) -> list[Slot]:
    seen: set[datetime.datetime] = set()
    unique = []
    for slot in sorted(slots, key=lambda slot: slot.start):
        if slot.start not in seen:
            seen.add(slot.start)
            unique.append(slot)
    return unique


# --- The day view ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    """One appointment as the day view shows it."""

    appointment: Appointment
    start: datetime.datetime  # local time
    end: datetime.datetime
    desks: list[str]
    desk_ids: set[int]
    services: list[Service]
    documents: list[AppointmentDocument]
    state: str  # booked, checked_in, late, no_show, held
    state_label: str
    missed_before: int
    can_check_in: bool


STATE_LABELS = {
    "booked": _("Booked"),
    "checked_in": _("Checked in on time"),
    "late": _("Checked in late"),
    "no_show": _("No-show"),
    "held": _("Held for the waiting list"),
}


def appointment_state(appointment: Appointment) -> str:
    """The status as the desk reads it: a late check-in is its own state."""
    if appointment.status == AppointmentStatus.CHECKED_IN:
        return "late" if appointment.arrived_late else "checked_in"
    return str(appointment.status)


def state_label(appointment: Appointment) -> str:
    state = appointment_state(appointment)
    return str(STATE_LABELS.get(state, appointment.get_status_display()))


def can_check_in(appointment: Appointment, now: datetime.datetime | None = None) -> bool:
    """Staff check in on the day itself: a booked appointment, or a no-show who turns up after all."""
    now = now or timezone.now()
    return appointment.status in (AppointmentStatus.BOOKED, AppointmentStatus.NO_SHOW) and (
        appointment.start.astimezone(TIMEZONE).date() == now.astimezone(TIMEZONE).date()
    )


@dataclass
class Day:
    rows: list[DayRow]
    counts: dict[str, int] = field(default_factory=dict)


def day_rows(
    *, user: User, location: Location, day: datetime.date, desk: int | None = None, now: datetime.datetime | None = None
) -> Day:
    """The day's appointments at ``location`` (only at ``desk``, when given) with their flags and counts.

    A fixed number of queries whatever the number of appointments: ``day_list`` prefetches the
    parts, desks, services and documents, and ``repeated_no_shows`` is one query.
    """
    if location.organisation_id not in appointment_organisation_ids(user=user):
        raise NotFound(gettext("This location is not one of your organisation's."))
    now = now or timezone.now()
    appointments = day_list(user=user, location=location, day=day)
    flags = repeated_no_shows(appointments=appointments, now=now)
    rows = []
    for appointment in appointments:
        parts = list(appointment.parts.all())
        desk_ids = {part.desk_id for part in parts}
        if desk is not None and desk not in desk_ids:
            continue
        rows.append(
            DayRow(
                appointment=appointment,
                start=timezone.localtime(appointment.start, TIMEZONE),
                end=timezone.localtime(appointment.end, TIMEZONE),
                desks=list(dict.fromkeys(part.desk.name for part in parts)),
                desk_ids=desk_ids,
                services=appointment_services(appointment),
                documents=list(appointment.documents.all()),
                state=appointment_state(appointment),
                state_label=state_label(appointment),
                missed_before=flags.get(appointment.pk, 0),
                can_check_in=can_check_in(appointment, now),
            )
        )
    counts = {state: 0 for state in ("booked", "checked_in", "late", "no_show")}
    for row in rows:
        if row.state in counts:
            counts[row.state] += 1
    return Day(rows=rows, counts=counts)


# --- Documents ---------------------------------------------------------------------------------


def document_for_staff(*, user: User, reference: str, document_id: int) -> AppointmentDocument:
    """One uploaded document of an appointment of the staff member's organisations; ``NotFound`` otherwise."""
    document = (
        AppointmentDocument.objects.filter(
            pk=document_id,
            appointment__reference=reference.upper(),
            appointment__location__organisation_id__in=appointment_organisation_ids(user=user),
        )
        .select_related("appointment")
        .first()
    )
    if document is None:
        raise NotFound(gettext("There is no such document in your organisation."))
    return document


# --- Finding the person ------------------------------------------------------------------------

PERSON_SEARCH_LIMIT = 10
# How many of the newest matching appointments are read to find the people in them: enough for
# ten different people in practice, and a bound on what one short name can pull from the table.
PERSON_SEARCH_ROWS = 200
MIN_NAME_LETTERS = 3
# What a person's appointment is read with (``location_id`` for the no-show counts).
_PERSON_COLUMNS = ("pk", "reference", "name", "email", "phone", "language", "start", "location_id")
_PHONE_LIKE = re.compile(r"^\+?[\d\s./()-]+$")


@dataclass(frozen=True)
class PersonQuery:
    """What the agent typed, read as one kind of search: ``email``, ``phone`` (E.164) or ``name``."""

    kind: str
    value: str


def person_query(raw: str) -> PersonQuery:
    """Read the search box: an e-mail address, a mobile number (also the local way), or a name.

    A ``DomainError`` on the field ``find`` when it is none of these: a name needs at least three
    letters, so that two letters cannot list half the town.
    """
    text = " ".join(raw.split())
    if "@" in text:
        return PersonQuery(kind="email", value=text.lower())
    if text and _PHONE_LIKE.match(text) and sum(ch.isdigit() for ch in text) >= 3:
        try:
            return PersonQuery(kind="phone", value=clean_phone(text))
        except DomainError as error:
            raise DomainError(
                _("Type the whole mobile number, for example 0470 12 34 56."), code="invalid", field="find"
            ) from error
    if sum(ch.isalpha() for ch in text) < MIN_NAME_LETTERS:
        raise DomainError(
            _("Type an e-mail address, a mobile number, or at least 3 letters of the name."),
            code="invalid",
            field="find",
        )
    return PersonQuery(kind="name", value=text)


@dataclass(frozen=True)
class PersonMatch:
    """A person as they gave their details at their most recent matching appointment.

    ``reference`` is that appointment's: choosing the person sends only it, and the details are
    read again from it (``person_by_reference``), so no name, address or number rides in a request.
    """

    reference: str
    name: str
    email: str
    phone: str
    language: str
    last_appointment: datetime.date  # local date of the most recent matching appointment
    missed_before: int


def person_search(
    *, user: User, organisation_id: int, query: PersonQuery, now: datetime.datetime | None = None
) -> list[PersonMatch]:
    """The people of ``organisation_id``'s earlier appointments who match ``query``, most recent first.

    At most ``PERSON_SEARCH_LIMIT``, one per person: two appointments with the same e-mail address
    or the same phone number are the same person, and the newest one gives the details. E-mail and
    phone must match exactly (a search is not a way to browse addresses); a name matches when it
    holds every word typed. Only for staff with an appointment role in that organisation
    (``NotFound`` otherwise). A fixed number of queries: the appointments, then the no-show counts.
    """
    if organisation_id not in appointment_organisation_ids(user=user):
        raise NotFound(gettext("This location is not one of your organisation's."))
    rows = Appointment.objects.filter(location__organisation_id=organisation_id)
    if query.kind == "email":
        rows = rows.filter(email=query.value)
    elif query.kind == "phone":
        rows = rows.filter(phone=query.value)
    else:
        condition = Q()
        for word in query.value.split():
            condition &= Q(name__icontains=word)
        rows = rows.filter(condition)
    newest = list(rows.only(*_PERSON_COLUMNS).order_by("-start", "-pk")[:PERSON_SEARCH_ROWS])
    people: list[Appointment] = []
    emails: set[str] = set()
    phones: set[str] = set()
    for appointment in newest:
        if (appointment.email and appointment.email in emails) or (appointment.phone and appointment.phone in phones):
            continue
        people.append(appointment)
        emails.add(appointment.email)
        phones.add(appointment.phone)
        if len(people) == PERSON_SEARCH_LIMIT:
            break
    flags = repeated_no_shows(appointments=people, now=now)
    return [_person_match(person, flags) for person in people]


def person_by_reference(
    *, user: User, organisation_id: int, reference: str, now: datetime.datetime | None = None
) -> PersonMatch:
    """The person of ``organisation_id``'s appointment ``reference``, as they gave their details there.

    What "Use these details" reads: the reference of the appointment a search result came from
    (``PersonMatch.reference``). Only an appointment of that organisation, and only for staff with
    an appointment role there; anything else is ``NotFound``, never a hint of another's dealings.
    """
    reference = reference.strip().upper()
    if not reference or organisation_id not in appointment_organisation_ids(user=user):
        raise NotFound(gettext("There is no earlier appointment with this reference at your organisation."))
    appointment = (
        Appointment.objects.filter(reference=reference, location__organisation_id=organisation_id)
        .only(*_PERSON_COLUMNS)
        .first()
    )
    if appointment is None:
        raise NotFound(gettext("There is no earlier appointment with this reference at your organisation."))
    return _person_match(appointment, repeated_no_shows(appointments=[appointment], now=now))


def _person_match(appointment: Appointment, flags: dict[int, int]) -> PersonMatch:
    return PersonMatch(
        reference=appointment.reference,
        name=appointment.name,
        email=appointment.email,
        phone=appointment.phone,
        language=appointment.language,
        last_appointment=timezone.localtime(appointment.start, TIMEZONE).date(),
        missed_before=flags.get(appointment.pk, 0),
    )
