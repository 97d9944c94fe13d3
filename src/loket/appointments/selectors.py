"""Reads for appointments: the availability engine's inputs built from the database, and its answers.

``availability_inputs`` turns capacity sessions, exceptions, booking rules, Belgian public holidays
and the active appointment parts into the plain dataclasses of ``availability``; the wrappers ask
the engine. A desk's skills are the requested services that the sessions it sits in serve: a
session that serves none of the visit's services is left out. Nothing here writes, and nothing
here decides that a place is taken: ``services.appointment_book`` does that under a lock.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from loket.appointments import availability as engine
from loket.appointments.models import (
    DEFAULT_BUFFER_MINUTES,
    DEFAULT_HORIZON_DAYS,
    DEFAULT_MINIMUM_NOTICE_MINUTES,
    DEFAULT_SLOT_STEP_MINUTES,
    AppointmentPart,
    BookingChannel,
    BookingRule,
    CapacityException,
    CapacityExceptionKind,
    CapacitySession,
)
from loket.catalog.models import Service
from loket.organisations.models import Location
from loket.organisations.opening_engine import public_holidays


@dataclass(frozen=True, kw_only=True)
class AvailabilityInputs:
    locations: list[engine.LocationCapacity]
    rules: list[engine.ServiceRule]
    bookings: list[engine.Booking]


def engine_channel(channel: str) -> engine.Channel:
    """Online bookings see the online quota; every staff channel sees every free desk."""
    return "online" if channel == BookingChannel.ONLINE else "staff"


def service_rules(*, services: Sequence[Service]) -> list[engine.ServiceRule]:
    """The engine's rule for each service, in order: its ``BookingRule`` or the defaults."""
    rules = {rule.service_id: rule for rule in BookingRule.objects.filter(service__in=[s.pk for s in services])}
    result = []
    for service in services:
        rule = rules.get(service.pk)
        result.append(
            engine.ServiceRule(
                slug=service.slug,
                duration_minutes=service.duration_minutes,
                buffer_minutes=rule.buffer_minutes if rule else DEFAULT_BUFFER_MINUTES,
                slot_step_minutes=rule.slot_step_minutes if rule else DEFAULT_SLOT_STEP_MINUTES,
                minimum_notice_minutes=rule.minimum_notice_minutes if rule else DEFAULT_MINIMUM_NOTICE_MINUTES,
                horizon_days=rule.horizon_days if rule else DEFAULT_HORIZON_DAYS,
            )
        )
    return result


def _location_capacity(
    location: Location, slugs: frozenset[str], start: datetime.date, end: datetime.date
) -> engine.LocationCapacity:
    skills: dict[int, set[str]] = {}
    weekly = []
    for session in location.capacity_sessions.all():
        served = {service.slug for service in session.services.all()} & slugs
        desks = tuple(desk.pk for desk in session.desks.all() if desk.active)
        if not served or not desks:
            continue
        for key in desks:
            skills.setdefault(key, set()).update(served)
        weekly.append(
            engine.WeeklySession(
                weekday=session.weekday,
                starts=session.starts,
                ends=session.ends,
                desks=desks,
                online_desks=session.online_desks,
            )
        )
    extras, closures = [], []
    for exception in location.capacity_exceptions.all():
        if exception.kind == CapacityExceptionKind.CLOSED:
            closures.append(engine.Closure(day=exception.date, starts=exception.starts, ends=exception.ends))
            continue
        served = {service.slug for service in exception.services.all()} & slugs
        desks = tuple(desk.pk for desk in exception.desks.all() if desk.active)
        if not served or not desks or exception.starts is None or exception.ends is None:
            continue
        for key in desks:
            skills.setdefault(key, set()).update(served)
        extras.append(
            engine.ExtraSession(
                day=exception.date,
                starts=exception.starts,
                ends=exception.ends,
                desks=desks,
                online_desks=exception.online_desks,
            )
        )
    holidays = public_holidays(
        years=range(start.year, end.year + 1),
        language="en",
        region=location.extra_holiday_region,
        closed=location.closed_on_public_holidays,
    )
    return engine.LocationCapacity(
        location=location.slug,
        desks=tuple(engine.Desk(key=key, skills=frozenset(served)) for key, served in sorted(skills.items())),
        weekly=tuple(weekly),
        extra_sessions=tuple(extras),
        closures=tuple(closures),
        closed_dates=frozenset(holidays),
    )


def availability_inputs(
    *,
    services: Sequence[Service],
    locations: Sequence[Location],
    start: datetime.date,
    end: datetime.date,
    exclude_appointment: int | None = None,
) -> AvailabilityInputs:
    """Everything the engine needs for this visit at these locations on local dates ``[start, end)``.

    ``exclude_appointment`` (a primary key) leaves that appointment's own parts out, so that a
    reschedule may move it to a time that overlaps the one it holds now.
    """
    slugs = frozenset(service.slug for service in services)
    rows = (
        Location.objects.filter(pk__in=[location.pk for location in locations])
        .prefetch_related(
            Prefetch("capacity_sessions", queryset=CapacitySession.objects.prefetch_related("desks", "services")),
            Prefetch(
                "capacity_exceptions",
                queryset=CapacityException.objects.filter(date__gte=start, date__lt=end).prefetch_related(
                    "desks", "services"
                ),
            ),
        )
        .in_bulk()
    )
    capacities = [_location_capacity(rows[location.pk], slugs, start, end) for location in locations]
    desk_keys = {int(desk.key) for capacity in capacities for desk in capacity.desks}
    since = datetime.datetime.combine(start, datetime.time(), tzinfo=engine.TIMEZONE)
    parts = AppointmentPart.objects.filter(desk__in=desk_keys, active=True, busy_until__gt=since)
    if exclude_appointment is not None:
        parts = parts.exclude(appointment_id=exclude_appointment)
    rows = parts.order_by("start").values_list("desk_id", "start", "end", "busy_until", "appointment__channel")
    bookings = [
        engine.Booking(
            desk=desk,
            start=part_start,
            end=part_end,
            channel=engine_channel(channel),
            buffer_minutes=int((busy_until - part_end).total_seconds() // 60),
        )
        for desk, part_start, part_end, busy_until, channel in rows
    ]
    return AvailabilityInputs(locations=capacities, rules=service_rules(services=services), bookings=bookings)


def availability_free_slots(
    *,
    services: Sequence[Service],
    locations: Sequence[Location],
    start: datetime.date,
    end: datetime.date,
    channel: str = BookingChannel.ONLINE,
    now: datetime.datetime | None = None,
    exclude_appointment: int | None = None,
) -> list[engine.Slot]:
    """Every free slot for the visit on local dates ``[start, end)``, by start then location."""
    inputs = availability_inputs(
        services=services, locations=locations, start=start, end=end, exclude_appointment=exclude_appointment
    )
    return engine.free_slots(
        locations=inputs.locations,
        services=inputs.rules,
        bookings=inputs.bookings,
        start=start,
        end=end,
        now=now or timezone.now(),
        channel=engine_channel(channel),
    )


def availability_earliest(
    *,
    services: Sequence[Service],
    locations: Sequence[Location],
    channel: str = BookingChannel.ONLINE,
    now: datetime.datetime | None = None,
) -> engine.Slot | None:
    """The first free slot for the visit at any of ``locations`` within the services' horizon."""
    now = now or timezone.now()
    today = now.astimezone(engine.TIMEZONE).date()
    rules = service_rules(services=services)
    horizon = min((rule.horizon_days for rule in rules), default=DEFAULT_HORIZON_DAYS)
    inputs = availability_inputs(
        services=services, locations=locations, start=today, end=today + datetime.timedelta(days=horizon + 1)
    )
    return engine.earliest_free_slot(
        locations=inputs.locations,
        services=inputs.rules,
        bookings=inputs.bookings,
        now=now,
        channel=engine_channel(channel),
    )


def availability_month(
    *,
    services: Sequence[Service],
    location: Location,
    year: int,
    month: int,
    channel: str = BookingChannel.ONLINE,
    now: datetime.datetime | None = None,
    exclude_appointment: int | None = None,
) -> list[engine.CalendarDay]:
    """Every day of the month at ``location`` with its number of free start times and the first one."""
    first = datetime.date(year, month, 1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    inputs = availability_inputs(
        services=services, locations=[location], start=first, end=after, exclude_appointment=exclude_appointment
    )
    [capacity] = inputs.locations
    return engine.month_calendar(
        location=capacity,
        services=inputs.rules,
        bookings=inputs.bookings,
        year=year,
        month=month,
        now=now or timezone.now(),
        channel=engine_channel(channel),
    )


def availability_waiting_times(
    *,
    services: Sequence[Service],
    locations: Sequence[Location],
    channel: str = BookingChannel.ONLINE,
    now: datetime.datetime | None = None,
) -> list[engine.WaitingTime]:
    """The "digital waiting time" (working days to the first free slot) of each service at each location."""
    now = now or timezone.now()
    today = now.astimezone(engine.TIMEZONE).date()
    rules = service_rules(services=services)
    horizon = max((rule.horizon_days for rule in rules), default=DEFAULT_HORIZON_DAYS)
    end = today + datetime.timedelta(days=horizon + 1)
    inputs = availability_inputs(services=services, locations=locations, start=today, end=end)
    holidays: set[datetime.date] = set()
    for location in locations:
        holidays |= public_holidays(
            years=range(today.year, end.year + 1),
            language="en",
            region=location.extra_holiday_region,
            closed=True,
        ).keys()
    return engine.digital_waiting_time(
        locations=inputs.locations,
        services=inputs.rules,
        bookings=inputs.bookings,
        now=now,
        holidays=holidays,
        channel=engine_channel(channel),
    )
