"""A year of history for the demo's City of Mechelen, so that its dashboard has something to show.

``load_history`` writes, straight through the ORM with ``bulk_create`` and a fixed seed, the past
``days`` days (up to yesterday) of the Huis van de Mechelaar: walk-in tickets and checked-in
appointments with every ticket event (issued, called, started, finished; a few no-shows),
appointments that came late or not at all, the suggestions offered while booking, and the calls
and e-mails of the contact centre. It is a loader step like ``loader``'s: no service functions,
no audit entries, no messages. ``loket demo`` calls it after ``load_demo``; ``load_demo`` itself
never does (the many tests that load the demo must stay fast).

Modelled on ``reference/seed-facts.md`` (Huis van de Mechelaar, 2019): about 350 visitors a day
open, more in the holidays (June before the summer for passports, July and August, up to about
600 a day), 2/3 by appointment; 16 % of the appointments late and 7 % no-show; an average wait of
1 min 52 s with an appointment and a few minutes without; about 250 calls a working day, Monday
the busiest and fewer each day after, mostly in the morning with the peak 10:00-12:00; visitors
mostly on weekday mornings, Saturday morning and Thursday late afternoon the busiest. Closed on
Sundays, Belgian public holidays (and Flanders' 11 July) and the location's closed days, read
from its opening hours and exceptions. The figures are targets for the generator; the dashboard
computes them back from the events (``tests/demo/test_demo_history.py`` checks they agree).

No fake personal data: the people of this history have no name, e-mail, phone or remark (most of
it is older than ``LOKET_RETENTION_DAYS`` would keep anyway), and contacts past their retention
period are marked anonymised. Days on which the demo already holds appointments (``bookings``'
recent weeks) get no appointments from here, so no desk is ever booked twice; the demo's
morning of today is left alone (the history ends yesterday). It never changes or deletes data:
when the location already has tickets before today, it does nothing.
"""

from __future__ import annotations

import datetime
import math
import random
import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.db.models.functions import TruncDate

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    CapacitySession,
    VisitSuggestion,
)
from loket.appointments.services import REFERENCE_ALPHABET, REFERENCE_LENGTH
from loket.catalog.models import Service
from loket.contacts.models import Contact, ContactChannel, Direction, Outcome
from loket.demo.loader import Progress
from loket.organisations.models import Desk, DeskKind, Location
from loket.organisations.opening import location_rules
from loket.organisations.opening_engine import OpeningRules, opening_for_day
from loket.queueing.models import (
    Queue,
    QueueKind,
    Ticket,
    TicketEvent,
    TicketEventKind,
    TicketSource,
    TicketStatus,
)

SEED = 20180101  # the first day of the year the seed facts measured
LOCATION = "huis-van-de-mechelaar"
ORGANISATION = "mechelen"

VISITORS_PER_DAY = 350
APPOINTMENT_SHARE = 2 / 3
NO_SHOW_SHARE = 0.07  # of the appointments booked
LATE_SHARE = 0.16
CALLS_PER_DAY = 250
EMAILS_PER_DAY = 35
APPOINTMENT_WAIT_SECONDS = 112  # 1 min 52 s on average, from the appointment's time to the call
WALK_IN_WAIT_SECONDS: dict[str, Any] = {QueueKind.QUICK: 240, QueueKind.RECEPTION: 180}
WALK_IN_NO_SHOW = 0.03  # walk-ins who left before their turn
WALK_IN_QUEUE_SHARE: dict[str, float] = {QueueKind.QUICK: 0.7, QueueKind.RECEPTION: 0.3}
SUGGESTION_SHARE = 0.12  # of the online bookings of a service with related services
SUGGESTION_ACCEPTED = 0.35

# How busy a month is: passports before the summer (June), the summer holiday, a quiet December.
MONTH_FACTOR = {
    1: 0.85,
    2: 0.85,
    3: 0.9,
    4: 0.95,
    5: 1.0,
    6: 1.35,
    7: 1.55,
    8: 1.45,
    9: 1.0,
    10: 0.9,
    11: 0.85,
    12: 0.8,
}
# Visitors by weekday (Monday 0): Wednesday opens only in the afternoon, Saturday only 9-12.
VISIT_WEEKDAY = {0: 1.05, 1: 0.95, 2: 0.8, 3: 1.2, 4: 0.9, 5: 0.85}
# Walk-ins by local hour: weekday mornings, Thursday late afternoon and Saturday morning the busiest.
WALK_IN_HOUR = {8: 0.8, 9: 1.1, 10: 1.35, 11: 1.25, 12: 0.9, 13: 0.9, 14: 0.8, 15: 0.9, 16: 1.4, 17: 1.6, 18: 1.3}
# Calls: Monday the busiest and fewer each day; mostly morning and early afternoon, peak 10-12.
CALL_WEEKDAY = {0: 1.3, 1: 1.12, 2: 1.0, 3: 0.88, 4: 0.7}
CALL_HOUR = {8: 0.55, 9: 1.0, 10: 1.6, 11: 1.5, 12: 0.85, 13: 0.95, 14: 0.8, 15: 0.6, 16: 0.4}
CALL_OUTCOMES: dict[str, float] = {
    Outcome.ANSWERED: 0.72,
    Outcome.APPOINTMENT: 0.12,
    Outcome.REQUEST: 0.09,
    Outcome.REFERRED: 0.05,
    Outcome.TICKET: 0.02,
}
EMAIL_OUTCOMES: dict[str, float] = {
    Outcome.ANSWERED: 0.55,
    Outcome.REQUEST: 0.3,
    Outcome.APPOINTMENT: 0.1,
    Outcome.REFERRED: 0.05,
}
CHANNELS: dict[str, float] = {BookingChannel.ONLINE: 0.6, BookingChannel.PHONE: 0.22, BookingChannel.RECEPTION: 0.18}
LANGUAGES: dict[str, float] = {"nl": 0.8, "fr": 0.12, "en": 0.08}
BOOKING_LEAD_DAYS = (0, 1, 2, 6, 13, 27)  # how long before the visit it was booked
TICKET_SOURCES: dict[str, float] = {TicketSource.KIOSK: 0.85, TicketSource.RECEPTION: 0.15}
BATCH = 2000

Event = tuple[str, datetime.datetime, int, int | None]  # kind, at, queue, desk


@dataclass
class DeskSession:
    """One capacity session of a weekday: its times (minutes since midnight), desks and services."""

    starts: int
    ends: int
    desks: tuple[int, ...]
    services: tuple[int, ...]


@dataclass
class Plan:
    """What the generator knows of the location."""

    location: Location
    rules: OpeningRules
    walk_in_queues: dict[str, Queue]
    service_queue: dict[int, tuple[Queue, int | None]]  # service -> (queue, ticket's service)
    reception: Queue
    queue_services: dict[int, tuple[int, ...]]
    counter_desks: dict[str, tuple[int, ...]]  # queue kind -> desks
    sessions: dict[int, list[DeskSession]]  # weekday -> sessions
    duration: dict[int, int]  # service -> minutes
    related: dict[int, tuple[int, ...]]
    booked_days: set[datetime.date]
    agent_id: int | None
    numbers: dict[tuple[int, datetime.date], int] = field(default_factory=lambda: defaultdict(int))


def load_history(*, today: datetime.date, days: int = 365, progress: Progress | None = None) -> str:
    """Write ``days`` days of history up to yesterday; a line of what was written."""
    location = Location.objects.filter(slug=LOCATION).select_related("organisation").first()
    if location is None:
        return "  no history: the demo's City of Mechelen is not loaded"
    first = today - datetime.timedelta(days=days)
    if Ticket.objects.filter(queue__location=location, day__lt=today).exists():
        return "  history already present: nothing written"
    rng = random.Random(SEED)  # noqa: S311 -- demo data, not a secret
    with transaction.atomic():
        plan = _plan(location, first, today)
        days_list = [first + datetime.timedelta(days=n) for n in range(days)]
        visits = _visitor_targets(plan, days_list, rng)
        _say(progress, f"  history: {len(visits)} days open from {first} to {today - datetime.timedelta(days=1)}")
        writer = Writer()
        appointments, tickets = _write_visits(plan, writer, visits, rng, progress)
        contacts = _write_contacts(plan, writer, days_list, rng, today)
    return (
        f"  history of {days} days: {tickets} tickets with their events, {appointments} appointments, "
        f"{contacts} calls and e-mails"
    )


def _say(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress.write(text + "\n")


# --- What the location is like -----------------------------------------------------------------


def _minutes(time: datetime.time) -> int:
    return time.hour * 60 + time.minute


def _plan(location: Location, first: datetime.date, today: datetime.date) -> Plan:
    queues = list(Queue.objects.filter(location=location, active=True).prefetch_related("services"))
    reception = next(q for q in queues if q.kind == QueueKind.RECEPTION)
    walk_in = {q.kind: q for q in sorted(queues, key=lambda q: q.position) if q.walk_in}
    queue_services = {q.pk: tuple(s.pk for s in q.services.all()) for q in queues}
    service_queue: dict[int, tuple[Queue, int | None]] = {}
    # As ``queueing.services.queue_for_service``: a theme queue first, then the quick counter, then reception.
    for kind in (QueueKind.RECEPTION, QueueKind.QUICK, QueueKind.THEME):
        for queue in queues:
            if queue.kind == kind:
                for service_id in queue_services[queue.pk]:
                    service_queue[service_id] = (queue, service_id)
    desks = defaultdict(list)
    for desk in Desk.objects.filter(location=location, active=True).order_by("name"):
        desks[desk.kind].append(desk.pk)
    sessions: dict[int, list[DeskSession]] = defaultdict(list)
    for session in CapacitySession.objects.filter(location=location).prefetch_related("desks", "services"):
        sessions[session.weekday].append(
            DeskSession(
                _minutes(session.starts),
                _minutes(session.ends),
                tuple(d.pk for d in session.desks.all()),
                tuple(s.pk for s in session.services.all()),
            )
        )
    service_ids = {s for ss in sessions.values() for session in ss for s in session.services}
    services = Service.objects.filter(pk__in=service_ids).prefetch_related("related")
    tz = TIMEZONE
    booked = set(
        Appointment.objects.filter(location=location, start__date__gte=first, start__date__lt=today)
        .annotate(local_day=TruncDate("start", tzinfo=tz))
        .values_list("local_day", flat=True)
        .distinct()
    )
    agent = get_user_model().objects.filter(username="kcc").values_list("pk", flat=True).first()
    return Plan(
        location=location,
        rules=location_rules(location=location, start=first, end=today, language="en"),
        walk_in_queues=walk_in,
        service_queue=service_queue,
        reception=reception,
        queue_services=queue_services,
        counter_desks={
            QueueKind.QUICK: tuple(desks[DeskKind.QUICK]),
            QueueKind.RECEPTION: tuple(desks[DeskKind.RECEPTION]),
        },
        sessions=sessions,
        duration={s.pk: s.duration_minutes for s in services},
        related={s.pk: tuple(r.pk for r in s.related.all() if r.pk in service_ids) for s in services},
        booked_days=booked,
        agent_id=agent,
    )


@dataclass
class DayVisits:
    day: datetime.date
    periods: tuple[tuple[int, int], ...]  # walk-in opening periods, minutes
    walk_ins: int
    appointments: int  # visitors by appointment (checked in)


def _appointment_capacity(plan: Plan, day: datetime.date) -> int:
    """How many appointments the day's capacity sessions can hold on a 5-minute grid."""
    if day in plan.booked_days or not opening_for_day(plan.rules, day, DeskKind.THEME).is_open:
        return 0
    return sum((s.ends - s.starts) // 5 * len(s.desks) for s in plan.sessions.get(day.weekday(), []))


def _visitor_targets(plan: Plan, days: Sequence[datetime.date], rng: random.Random) -> list[DayVisits]:
    """Visitors per open day, split into walk-ins and appointments so the year holds 2/3 by appointment."""
    open_days = []
    for day in days:
        periods = tuple(
            (_minutes(p.opens), _minutes(p.closes)) for p in opening_for_day(plan.rules, day, DeskKind.QUICK).periods
        )
        if periods or _appointment_capacity(plan, day):
            open_days.append((day, periods))
    raw = [MONTH_FACTOR[day.month] * VISIT_WEEKDAY.get(day.weekday(), 1.0) for day, _p in open_days]
    scale = len(raw) / sum(raw) if raw else 1.0
    visitors = [max(0, round(VISITORS_PER_DAY * r * scale * rng.gauss(1, 0.05))) for r in raw]
    # Appointments are limited by the desks (Saturday: two desks for three hours): solve for the
    # share of each day's visitors that keeps the year's share at 2/3.
    capacity = [int(_appointment_capacity(plan, day) * (1 - NO_SHOW_SHARE)) for day, _p in open_days]
    low, high = 0.0, 1.0
    for _ in range(30):
        share = (low + high) / 2
        taken = sum(min(cap, round(share * v)) for cap, v in zip(capacity, visitors, strict=True))
        low, high = (share, high) if taken < APPOINTMENT_SHARE * sum(visitors) else (low, share)
    result = []
    for (day, periods), v, cap in zip(open_days, visitors, capacity, strict=True):
        appointments = min(cap, round(low * v)) if day not in plan.booked_days else 0
        walk_ins = v - appointments if day not in plan.booked_days else round(v * (1 - APPOINTMENT_SHARE))
        result.append(DayVisits(day, periods, walk_ins if periods else 0, appointments))
    return result


# --- Writing the visits ------------------------------------------------------------------------


def _at(day: datetime.date, seconds: float) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=TIMEZONE) + datetime.timedelta(seconds=seconds)


def _wait(rng: random.Random, mean: float, shape: float = 1.6) -> float:
    return rng.gammavariate(shape, mean / shape)


def _service_seconds(rng: random.Random, minutes: float) -> float:
    return max(60.0, rng.lognormvariate(math.log(minutes * 60), 0.35))


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


class Table:
    """Rows of one model waiting to be written, with their keys given here (see ``_insert``)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.rows: list[dict[str, Any]] = []
        self.next_id = (model._default_manager.aggregate(last=Max("pk"))["last"] or 0) + 1

    def add(self, **values: Any) -> int:
        values["id"] = self.next_id
        self.next_id += 1
        self.rows.append(values)
        return int(values["id"])

    def write(self) -> int:
        _insert(self.model, self.rows)
        return len(self.rows)


@dataclass
class Writer:
    appointments: Table = field(default_factory=lambda: Table(Appointment))
    parts: Table = field(default_factory=lambda: Table(AppointmentPart))
    part_services: Table = field(default_factory=lambda: Table(AppointmentPart.services.through))
    suggestions: Table = field(default_factory=lambda: Table(VisitSuggestion))
    tickets: Table = field(default_factory=lambda: Table(Ticket))
    events: Table = field(default_factory=lambda: Table(TicketEvent))
    contacts: Table = field(default_factory=lambda: Table(Contact))


def _ticket(
    plan: Plan,
    writer: Writer,
    queue: Queue,
    day: datetime.date,
    service_id: int | None,
    status: str,
    events: list[Event],
    rng: random.Random,
    appointment: dict[str, Any] | None = None,
) -> None:
    key = (queue.pk, day)
    plan.numbers[key] += 1
    number = plan.numbers[key]
    calls = [at for kind, at, _queue, _desk in events if kind in (TicketEventKind.CALLED, TicketEventKind.RECALLED)]
    ticket = writer.tickets.add(
        queue_id=queue.pk,
        numbered_in_id=queue.pk,
        day=day,
        number=number,
        code=f"{queue.prefix}{number:03d}",
        service_id=service_id,
        source=TicketSource.APPOINTMENT if appointment else _pick(rng, TICKET_SOURCES),
        status=status,
        language=appointment["language"] if appointment else _pick(rng, LANGUAGES),
        appointment_id=appointment["id"] if appointment else None,
        due_at=appointment["start"] if appointment else None,
        assisted=False,
        issued_at=events[0][1],
        called_at=calls[-1] if calls else None,
        desk_id=None,
        target_desk_id=None,
        recalls=max(0, len(calls) - 1),
        phone="",
        near_sms_sent=False,
        note="",
        closed_reason="",
        public_key=secrets.token_urlsafe(16),
    )
    for kind, at, queue_id, desk in events:
        writer.events.add(
            ticket_id=ticket,
            kind=kind,
            at=at,
            queue_id=queue_id,
            desk_id=desk,
            actor_id=None,
            actor_label="kiosk" if kind == TicketEventKind.ISSUED else "staff",
            note="",
        )


def _walk_in_times(periods: Sequence[tuple[int, int]], count: int, rng: random.Random) -> list[float]:
    """Seconds since midnight at which ``count`` walk-ins take their ticket, by the hour's weight."""
    minutes = [m for opens, closes in periods for m in range(opens, closes)]
    if not minutes or not count:
        return []
    weights = [WALK_IN_HOUR.get(m // 60, 0.6) for m in minutes]
    return sorted(m * 60 + rng.random() * 60 for m in rng.choices(minutes, weights, k=count))


def _write_walk_ins(plan: Plan, writer: Writer, visit: DayVisits, rng: random.Random) -> None:
    # Who came and was served; a few more took a ticket and left before their turn.
    issued_count = round(visit.walk_ins / (1 - WALK_IN_NO_SHOW))
    mean_weight = sum(WALK_IN_HOUR.values()) / len(WALK_IN_HOUR)
    times = _walk_in_times(visit.periods, issued_count, rng)
    left = set(rng.sample(range(len(times)), max(0, len(times) - visit.walk_ins)))
    for index, seconds in enumerate(times):
        kind = _pick(rng, WALK_IN_QUEUE_SHARE)
        queue = plan.walk_in_queues.get(kind) or plan.reception
        services = plan.queue_services.get(queue.pk, ())
        service_id = rng.choice(services) if services and (kind == QueueKind.QUICK or rng.random() < 0.5) else None
        desk = rng.choice(plan.counter_desks.get(queue.kind) or plan.counter_desks[QueueKind.RECEPTION])
        issued = _at(visit.day, seconds)
        # Busier hours, longer waits.
        busy = WALK_IN_HOUR.get(int(seconds // 3600), 0.6) / mean_weight
        called = issued + datetime.timedelta(seconds=_wait(rng, WALK_IN_WAIT_SECONDS[queue.kind] * busy**1.5))
        if index in left:
            recalled = called + datetime.timedelta(seconds=rng.uniform(40, 90))
            events: list[Event] = [
                (TicketEventKind.ISSUED, issued, queue.pk, None),
                (TicketEventKind.CALLED, called, queue.pk, desk),
                (TicketEventKind.RECALLED, recalled, queue.pk, desk),
                (TicketEventKind.NO_SHOW, recalled + datetime.timedelta(seconds=60), queue.pk, desk),
            ]
            _ticket(plan, writer, queue, visit.day, service_id, TicketStatus.NO_SHOW, events, rng)
            continue
        started = called + datetime.timedelta(seconds=rng.uniform(10, 45))
        minutes = 3.0 if queue.kind == QueueKind.QUICK else 4.0
        finished = started + datetime.timedelta(seconds=_service_seconds(rng, minutes))
        events = [
            (TicketEventKind.ISSUED, issued, queue.pk, None),
            (TicketEventKind.CALLED, called, queue.pk, desk),
            (TicketEventKind.STARTED, started, queue.pk, desk),
            (TicketEventKind.FINISHED, finished, queue.pk, desk),
        ]
        _ticket(plan, writer, queue, visit.day, service_id, TicketStatus.DONE, events, rng)


def _write_appointments(plan: Plan, writer: Writer, visit: DayVisits, rng: random.Random, references: set[str]) -> None:
    sessions = sorted(plan.sessions.get(visit.day.weekday(), []), key=lambda s: s.starts)
    booked = round(visit.appointments / (1 - NO_SHOW_SHARE))
    desk_minutes = sum((s.ends - s.starts) * len(s.desks) for s in sessions)
    if not booked or not desk_minutes:
        return
    step = max(5, min(15, 5 * (desk_minutes // booked // 5)))
    slots = [
        (session, desk, start)
        for session in sessions
        for desk in session.desks
        for start in range(session.starts, session.ends - step + 1, step)
    ]
    # A desk in two sessions keeps one agenda: the later session's slots that overlap are dropped.
    taken: dict[int, int] = {}
    free = []
    for session, desk, minute in sorted(slots, key=lambda slot: (slot[1], slot[2])):
        if minute >= taken.get(desk, 0):
            free.append((session, desk, minute))
            taken[desk] = minute + step
    chosen = sorted(rng.sample(free, min(booked, len(free))), key=lambda slot: slot[2])
    grace = settings.LOKET_LATE_GRACE_MINUTES * 60
    for session, desk, start_minute in chosen:
        service_id = rng.choice(session.services)
        start = _at(visit.day, start_minute * 60)
        end = start + datetime.timedelta(minutes=step)
        draw = rng.random()
        reference = "".join(rng.choices(REFERENCE_ALPHABET, k=REFERENCE_LENGTH))
        while reference in references:
            reference = "".join(rng.choices(REFERENCE_ALPHABET, k=REFERENCE_LENGTH))
        references.add(reference)
        channel = _pick(rng, CHANNELS)
        services: tuple[int, ...] = (service_id,)
        related = plan.related.get(service_id, ())
        offered = None
        if related and channel == BookingChannel.ONLINE and rng.random() < SUGGESTION_SHARE:
            offered = rng.choice(related)
            accepted = rng.random() < SUGGESTION_ACCEPTED
            if accepted:
                services = (service_id, offered)
        status = AppointmentStatus.NO_SHOW if draw < NO_SHOW_SHARE else AppointmentStatus.CHECKED_IN
        late = status == AppointmentStatus.CHECKED_IN and draw < NO_SHOW_SHARE + LATE_SHARE
        arrived = None
        if status == AppointmentStatus.CHECKED_IN:
            early_or_late = grace + rng.uniform(30, 20 * 60) if late else -rng.uniform(0, 15 * 60)
            arrived = start + datetime.timedelta(seconds=early_or_late)
        booked_at = start - datetime.timedelta(days=rng.choice(BOOKING_LEAD_DAYS), minutes=rng.randrange(600))
        appointment = {
            "reference": reference,
            "manage_nonce": secrets.token_hex(16),
            "location_id": plan.location.pk,
            "start": start,
            "end": end,
            "status": status,
            "channel": channel,
            "name": "",  # no fake personal data in the history: nor e-mail, phone or remark
            "email": "",
            "phone": "",
            "language": _pick(rng, LANGUAGES),
            "message_channel": "",
            "remark": "",
            "sequence": 0,
            "arrived_at": arrived,
            "arrived_late": late,
            "reminder_due_at": None,
            "hold_expires_at": None,
            "created_at": booked_at,
            "updated_at": arrived or end,
        }
        appointment["id"] = writer.appointments.add(**appointment)
        part = writer.parts.add(
            appointment_id=appointment["id"],
            desk_id=desk,
            start=start,
            end=end,
            busy_until=end,
            active=True,  # a past visit keeps its place, as in ``bookings``
            online=channel == BookingChannel.ONLINE,
        )
        for service in services:
            writer.part_services.add(appointmentpart_id=part, service_id=service)
        if offered is not None:
            writer.suggestions.add(
                appointment_id=appointment["id"], service_id=offered, accepted=len(services) > 1, created_at=booked_at
            )
        if arrived is None:
            continue
        queue, ticket_service = plan.service_queue.get(service_id, (plan.reception, None))
        called = max(arrived, start) + datetime.timedelta(seconds=_wait(rng, APPOINTMENT_WAIT_SECONDS, 2.0))
        started = called + datetime.timedelta(seconds=rng.uniform(15, 50))
        minutes = sum(plan.duration.get(s, 15) for s in services) * 0.8
        finished = started + datetime.timedelta(seconds=_service_seconds(rng, minutes))
        events: list[Event] = [
            (TicketEventKind.ISSUED, arrived, queue.pk, None),
            (TicketEventKind.CALLED, called, queue.pk, desk),
            (TicketEventKind.STARTED, started, queue.pk, desk),
            (TicketEventKind.FINISHED, finished, queue.pk, desk),
        ]
        _ticket(plan, writer, queue, visit.day, ticket_service, TicketStatus.DONE, events, rng, appointment)


def _write_visits(
    plan: Plan, writer: Writer, visits: Sequence[DayVisits], rng: random.Random, progress: Progress | None
) -> tuple[int, int]:
    references = set(Appointment.objects.values_list("reference", flat=True))
    for visit in visits:
        _write_appointments(plan, writer, visit, rng, references)
        _write_walk_ins(plan, writer, visit, rng)
    appointments = writer.appointments.write()
    writer.parts.write()
    writer.part_services.write()
    writer.suggestions.write()
    _say(progress, f"  history: {appointments} appointments written")
    tickets = writer.tickets.write()
    events = writer.events.write()
    _say(progress, f"  history: {tickets} tickets and {events} ticket events written")
    return appointments, tickets


def _insert(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """Plain ``executemany`` batches, keys included: a million model instances through
    ``bulk_create`` cost three times the insert itself (and ``auto_now_add`` would date every
    booking today). Every column must be given unless its field has a plain default; datetimes
    and dates are adapted as Django stores them. On PostgreSQL the key sequence is moved past
    the keys given here (the demo is loaded by one process; nothing else takes keys meanwhile)."""
    if not rows:
        return
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    defaults: dict[str, Any] = {}
    for f in fields:
        if f.attname in rows[0]:
            continue
        if callable(f.default) or (not f.has_default() and not f.null):
            raise ValueError(f"{model._meta.label}.{f.attname} needs a value in every row")
        defaults[f.attname] = f.get_default()
    adapt: dict[str, Any] = {}
    for f in fields:
        if isinstance(f, models.DateTimeField):
            adapt[f.attname] = _db_datetime
        elif isinstance(f, models.DateField):
            adapt[f.attname] = _db_date
    ops = connection.ops
    columns = ", ".join(ops.quote_name(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 -- names from the model
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), BATCH):
            batch = []
            for row in rows[offset : offset + BATCH]:
                values = []
                for name in names:
                    value = row[name] if name in row else defaults[name]
                    if value is not None and name in adapt:
                        value = adapt[name](value)
                    values.append(value)
                batch.append(values)
            cursor.executemany(sql, batch)
        for statement in ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(statement)


def _db_datetime(value: datetime.datetime) -> Any:
    if connection.vendor == "sqlite":
        # What Django's SQLite backend stores: naive UTC, ISO with a space.
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    return value


def _db_date(value: datetime.date) -> Any:
    return value.isoformat() if connection.vendor == "sqlite" else value


# --- The contact centre ------------------------------------------------------------------------


def _write_contacts(
    plan: Plan, writer: Writer, days: Sequence[datetime.date], rng: random.Random, today: datetime.date
) -> int:
    organisation = plan.location.organisation
    now = datetime.datetime.combine(today, datetime.time(), tzinfo=TIMEZONE)
    retention = now - datetime.timedelta(days=settings.LOKET_RETENTION_DAYS["contacts"])
    working = [
        (day, opening_for_day(plan.rules, day, DeskKind.PHONE).periods)
        for day in days
        if opening_for_day(plan.rules, day, DeskKind.PHONE).is_open
    ]
    raw = [CALL_WEEKDAY.get(day.weekday(), 0.6) * (1 + (MONTH_FACTOR[day.month] - 1) * 0.3) for day, _p in working]
    scale = len(raw) / sum(raw) if raw else 1.0
    for (day, periods), factor in zip(working, raw, strict=True):
        minutes = [m for p in periods for m in range(_minutes(p.opens), _minutes(p.closes))]
        weights = [CALL_HOUR.get(m // 60, 0.3) for m in minutes]
        calls = max(0, round(CALLS_PER_DAY * factor * scale * rng.gauss(1, 0.06)))
        emails = max(0, round(EMAILS_PER_DAY * rng.gauss(1, 0.15)))
        for channel, count, outcomes in (
            (ContactChannel.PHONE, calls, CALL_OUTCOMES),
            (ContactChannel.EMAIL, emails, EMAIL_OUTCOMES),
        ):
            for minute in rng.choices(minutes, weights, k=count):
                started = _at(day, minute * 60 + rng.random() * 60)
                writer.contacts.add(
                    organisation_id=organisation.pk,
                    registered_by_id=organisation.pk,
                    channel=channel,
                    direction=Direction.INBOUND,
                    started_at=started,
                    duration_seconds=round(rng.lognormvariate(math.log(200 if channel == "phone" else 300), 0.5)),
                    agent_id=plan.agent_id,
                    summary="",
                    outcome=_pick(rng, outcomes),
                    referred_to="",
                    language=_pick(rng, LANGUAGES),
                    person_id=None,
                    appointment_id=None,
                    anonymised_at=now if started < retention else None,
                )
    return writer.contacts.write()
