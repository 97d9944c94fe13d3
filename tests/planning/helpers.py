"""A town hall with a few weeks of calls, tickets and appointments, and the people who may plan it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from loket.appointments.models import Appointment, AppointmentPart, AppointmentStatus, CapacitySession
from loket.catalog.models import Service
from loket.contacts.models import Contact, ContactChannel, Outcome
from loket.organisations.models import Desk, Location, Role
from loket.queueing.models import Queue, QueueKind, Ticket, TicketSource
from tests.factories import DeskFactory, LocationFactory, ServiceFactory, staff_member

BRUSSELS = ZoneInfo("Europe/Brussels")
# The history: the twelve weeks before 2026-W07 (9-15 February), the week planned; the town hall
# is closed on Christmas and New Year's Day.
PLANNED_MONDAY = datetime.date(2026, 2, 9)
FIRST_DAY = PLANNED_MONDAY - datetime.timedelta(weeks=12)
CLOSED = {datetime.date(2025, 12, 25), datetime.date(2026, 1, 1)}
TODAY = datetime.date(2026, 2, 6)  # a Friday
NOW = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=BRUSSELS)


@dataclass
class Hall:
    location: Location
    other_location: Location  # of another organisation
    manager: Any
    clerk: Any  # a clerk of the same organisation: no planning
    outsider: Any  # manager of the other organisation
    passport: Service
    civil: Service
    desk: Desk


def make_hall(*, history: bool = True) -> Hall:
    location = LocationFactory(name_en="Town hall", name_nl="Stadhuis", name_fr="Hôtel de ville")
    organisation = location.organisation
    other = LocationFactory()
    manager = staff_member(organisation, Role.MANAGER, username="manager")
    clerk = staff_member(organisation, Role.CLERK, username="clerk")
    outsider = staff_member(other.organisation, Role.MANAGER, username="outsider")
    passport = ServiceFactory(
        organisation=organisation, slug="passport", duration_minutes=15, title_en="Passport", title_nl="Paspoort"
    )
    civil = ServiceFactory(
        organisation=organisation, slug="civil", duration_minutes=30, title_en="Civil status", title_nl="Burgerzaken"
    )
    desk = DeskFactory(location=location)
    if history:
        add_calls(location)
        add_tickets(location)
    return Hall(location, other, manager, clerk, outsider, passport, civil, desk)


def weekdays(first: datetime.date = FIRST_DAY, until: datetime.date = PLANNED_MONDAY) -> list[datetime.date]:
    days = []
    day = first
    while day < until:
        if day.weekday() < 5 and day not in CLOSED:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def add_calls(location: Location, per_hour: tuple[tuple[int, int], ...] = ((10, 6), (14, 2))) -> None:
    """On weekdays: 6 inbound calls at 10:00 and 2 at 14:00."""
    organisation = location.organisation
    Contact.objects.bulk_create(
        Contact(
            organisation=organisation,
            registered_by=organisation,
            channel=ContactChannel.PHONE,
            started_at=datetime.datetime.combine(day, datetime.time(hour, 5 * i), tzinfo=BRUSSELS),
            outcome=Outcome.ANSWERED,
        )
        for day in weekdays()
        for hour, count in per_hour
        for i in range(count)
    )


def add_tickets(
    location: Location,
    *,
    slug: str = "quick",
    kind: str = QueueKind.QUICK,
    prefix: str = "S",
    names: dict[str, str] | None = None,
    per_hour: tuple[tuple[int, int], ...] = ((9, 12), (15, 4)),
    source: str = TicketSource.KIOSK,
    days: list[datetime.date] | None = None,
    queue: Queue | None = None,
) -> Queue:
    """On weekdays (or ``days``): by default 12 tickets at 9:00 and 4 at 15:00 at the quick counter."""
    if queue is None:
        queue = Queue.objects.filter(location=location, slug=slug).first() or Queue.objects.create(
            location=location,
            slug=slug,
            kind=kind,
            prefix=prefix,
            **{f"name_{k}": v for k, v in (names or {"en": slug.title()}).items()},
        )
    numbers = {
        day: n for day, n in Ticket.objects.filter(numbered_in=queue).values_list("day", "number").order_by("number")
    }
    tickets = []
    for day in weekdays() if days is None else days:
        number = numbers.get(day, 0)
        for hour, count in per_hour:
            for i in range(count):
                number += 1
                tickets.append(
                    Ticket(
                        queue=queue,
                        numbered_in=queue,
                        day=day,
                        number=number,
                        code=f"{queue.prefix}{number:03d}",
                        source=source,
                        issued_at=datetime.datetime.combine(
                            day, datetime.time(hour, (60 * i) // max(count, 1)), tzinfo=BRUSSELS
                        ),
                    )
                )
    Ticket.objects.bulk_create(tickets)
    return queue


def add_appointments(hall: Hall, service: Service, *, per_week: int, ahead: int) -> None:
    """``per_week`` appointments a week in the history (Tuesdays), and ``ahead`` booked after ``NOW``."""
    step = datetime.timedelta(minutes=service.duration_minutes)  # one after the other at the desk
    starts = [
        datetime.datetime.combine(day, datetime.time(9), tzinfo=BRUSSELS) + i * step
        for day in weekdays()
        if day.weekday() == 1
        for i in range(per_week)
    ]
    starts += [NOW + datetime.timedelta(days=3) + i * step for i in range(ahead)]
    for n, start in enumerate(starts):
        end = start + datetime.timedelta(minutes=service.duration_minutes)
        appointment = Appointment.objects.create(
            reference=f"{service.slug[:3].upper()}{n:05d}",
            location=hall.location,
            start=start,
            end=end,
            status=AppointmentStatus.BOOKED if start >= NOW else AppointmentStatus.CHECKED_IN,
            name="Citizen",
            language="nl",
        )
        part = AppointmentPart.objects.create(
            appointment=appointment, desk=hall.desk, start=start, end=end, busy_until=end, active=start >= NOW
        )
        part.services.set([service])


def add_session(hall: Hall, services: list[Service], *, weekday: int = 1, hours: int = 2) -> CapacitySession:
    session = CapacitySession.objects.create(
        location=hall.location, weekday=weekday, starts=datetime.time(9), ends=datetime.time(9 + hours)
    )
    session.desks.set([hall.desk])
    session.services.set(services)
    return session


def add_bookings(
    hall: Hall,
    service: Service,
    *,
    per_hour: tuple[tuple[int, int], ...] = ((10, 2),),
    days: list[datetime.date] | None = None,
    status: str = AppointmentStatus.CHECKED_IN,
    reference: str = "",
) -> int:
    """Bookings made on weekdays (or ``days``): ``count`` booked at ``hour`` local time, for ``service``.

    ``created_at`` is when it was booked (the auto_now_add is set back after the insert); the visit
    is a week later. The parts are not active: no desk is held, so no overlap constraint is touched.
    """
    prefix = (reference or f"B{service.slug[:2]}").upper()[:3]  # references are at most 8 characters
    taken = Appointment.objects.filter(reference__startswith=prefix).count()
    appointments, made = [], []
    for day in weekdays() if days is None else days:
        for hour, count in per_hour:
            for i in range(count):
                booked = datetime.datetime.combine(day, datetime.time(hour, (60 * i) // max(count, 1)), tzinfo=BRUSSELS)
                start = booked + datetime.timedelta(days=7)
                appointments.append(
                    Appointment(
                        reference=f"{prefix}{taken + len(appointments):05d}",
                        location=hall.location,
                        start=start,
                        end=start + datetime.timedelta(minutes=service.duration_minutes),
                        status=status,
                        name="",
                        language="nl",
                    )
                )
                made.append(booked)
    Appointment.objects.bulk_create(appointments)
    for appointment, booked in zip(appointments, made, strict=True):
        appointment.created_at = booked
    Appointment.objects.bulk_update(appointments, ["created_at"])
    parts = AppointmentPart.objects.bulk_create(
        AppointmentPart(appointment=a, desk=hall.desk, start=a.start, end=a.end, busy_until=a.end, active=False)
        for a in appointments
    )
    AppointmentPart.services.through.objects.bulk_create(
        AppointmentPart.services.through(appointmentpart_id=part.pk, service_id=service.pk) for part in parts
    )
    return len(appointments)
