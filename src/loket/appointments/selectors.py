"""Reads for appointments: the availability engine's inputs built from the database, and its answers.

``availability_inputs`` turns capacity sessions, exceptions, booking rules, Belgian public holidays
and the active appointment parts into the plain dataclasses of ``availability``; the wrappers ask
the engine. A desk's skills are the requested services that the sessions it sits in serve: a
session that serves none of the visit's services is left out. Nothing here writes, and nothing
here decides that a place is taken: ``services.appointment_book`` does that under a lock.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
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
from loket.organisations.models import Desk, Location
from loket.organisations.opening_engine import public_holidays


@dataclass(frozen=True, kw_only=True)
class AvailabilityInputs:
    locations: list[engine.LocationCapacity]
    rules: list[engine.ServiceRule]
    bookings: Iterable[engine.HeldTime | engine.ReadMark]  # sorted by start, read lazily (``_PartReader``)


_RuleRows = dict[int, tuple[int, int, int, int]]  # service key -> buffer, step, notice, horizon
_RULE_COLUMNS = ("buffer_minutes", "slot_step_minutes", "minimum_notice_minutes", "horizon_days")


def engine_channel(channel: str) -> engine.Channel:
    """Online bookings see the online quota; every staff channel sees every free desk."""
    return "online" if channel == BookingChannel.ONLINE else "staff"


def service_rules(*, services: Sequence[Service]) -> list[engine.ServiceRule]:
    """The engine's rule for each service, in order: its ``BookingRule`` or the defaults."""
    return _service_rules(services, _rule_rows([service.pk for service in services]))


def _service_rules(services: Sequence[Service], rows: _RuleRows) -> list[engine.ServiceRule]:
    result = []
    for service in services:
        buffer, step, notice, horizon = rows.get(service.pk) or (
            DEFAULT_BUFFER_MINUTES,
            DEFAULT_SLOT_STEP_MINUTES,
            DEFAULT_MINIMUM_NOTICE_MINUTES,
            DEFAULT_HORIZON_DAYS,
        )
        result.append(
            engine.ServiceRule(
                slug=service.slug,
                duration_minutes=service.duration_minutes,
                buffer_minutes=buffer,
                slot_step_minutes=step,
                minimum_notice_minutes=notice,
                horizon_days=horizon,
            )
        )
    return result


def _rule_rows(keys: list[int]) -> _RuleRows:
    """Buffer, step, notice and horizon of each service (by primary key) that has a ``BookingRule``.

    On PostgreSQL in SQL: every search reads them, and building the ORM's query cost twice the read.
    """
    if connection.vendor != "postgresql":
        rows: Iterable[Sequence[Any]] = BookingRule.objects.filter(service__in=keys).values_list(
            "service_id", *_RULE_COLUMNS
        )
    else:
        # Only the model's table and column names are formatted in; every value is a parameter.
        sql = (
            f"SELECT service_id, {', '.join(_RULE_COLUMNS)} FROM {BookingRule._meta.db_table}"  # noqa: S608
            " WHERE service_id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [keys])
            rows = cursor.fetchall()
    return {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}


def availability_inputs(
    *,
    services: Sequence[Service],
    locations: Sequence[Location],
    start: datetime.date,
    end: datetime.date | None = None,
    exclude_appointment: int | None = None,
    rules: Sequence[engine.ServiceRule] | None = None,
) -> AvailabilityInputs:
    """Everything the engine needs for this visit at these locations on local dates ``[start, end)``.

    Without ``end``, the range ends after the visit's booking horizon from ``start`` (the shortest
    of its services'), which is as far as ``engine.earliest_free_slot`` searches from today.

    ``rules``, when the caller has read them already (``service_rules``), are not read again.

    ``exclude_appointment`` (a primary key) leaves that appointment's own parts out, so that a
    reschedule may move it to a time that overlaps the one it holds now.

    The bookings are read lazily (see ``_PartReader``): only as far as the engine searches, and
    only on the desks whose bookings can change the answer.
    """
    keys = [location.pk for location in locations]
    slug_of = {service.pk: service.slug for service in services}
    rule_rows, session_rows, exception_rows = _capacity_rows(keys, slug_of, start, end, with_rules=rules is None)
    rules = list(rules) if rules is not None else _service_rules(services, rule_rows)
    if end is None:
        horizon = min((rule.horizon_days for rule in rules), default=DEFAULT_HORIZON_DAYS)
        end = start + datetime.timedelta(days=horizon + 1)
        exception_rows = [row for row in exception_rows if row[2] < end]  # read from ``start`` on
    capacities = _capacities(locations, slug_of, start, end, session_rows, exception_rows)
    # Only the desks of these capacities: that is all ``engine.bookings_needed`` would keep. Every
    # such desk sits in a session that serves one of the services, so the search for that service
    # alone (``availability_waiting_times`` asks each alone) needs all its bookings; a narrower
    # read for a combined visit would have to know that it is not such a call.
    longest_buffer = max((rule.buffer_minutes or 0 for rule in rules), default=0)
    reader = _PartReader(
        desks=frozenset(int(desk.key) for capacity in capacities for desk in capacity.desks),
        since=datetime.datetime.combine(start, datetime.time(), tzinfo=engine.TIMEZONE),
        # A slot on the last day holds its desk at most until midnight plus its buffer: no booking
        # that starts later can change an answer on ``[start, end)``.
        until=datetime.datetime.combine(end, datetime.time(), tzinfo=engine.TIMEZONE)
        + datetime.timedelta(minutes=longest_buffer),
        exclude_appointment=exclude_appointment,
    )
    return AvailabilityInputs(locations=capacities, rules=rules, bookings=reader)


_SESSION_COLUMNS = ("id", "location_id", "weekday", "starts", "ends", "online_desks")
_EXCEPTION_COLUMNS = ("id", "location_id", "date", "kind", "starts", "ends", "online_desks")


def _capacity_rows(
    keys: list[int], slug_of: dict[int, str], start: datetime.date, end: datetime.date | None, *, with_rules: bool
) -> tuple[_RuleRows, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The booking rules (unless not ``with_rules``), weekly sessions and exceptions a search needs.

    The exceptions are those from ``start`` to ``end`` (without ``end``: from ``start`` on, a few
    rows). On PostgreSQL in one statement (every search reads them, and a query costs more to plan
    and to send than to answer); elsewhere through the ORM, whose SQLite driver would hand dates
    and times over as text.
    """
    if connection.vendor == "postgresql":
        return _capacity_rows_postgresql(keys, slug_of, start, end, with_rules=with_rules)
    rules = _rule_rows(list(slug_of)) if with_rules else {}
    sessions = CapacitySession.desks.through.objects.filter(
        capacitysession__location__in=keys, capacitysession__services__in=list(slug_of), desk__active=True
    ).order_by("capacitysession__weekday", "capacitysession__starts", "capacitysession_id", "desk_id")
    session_rows = [
        (*row[:7], slug_of[row[7]])
        for row in sessions.values_list(
            *(f"capacitysession__{column}" for column in _SESSION_COLUMNS), "desk_id", "capacitysession__services"
        )
    ]
    exceptions = CapacityException.objects.filter(location__in=keys, date__gte=start)
    if end is not None:
        exceptions = exceptions.filter(date__lt=end)
    return rules, session_rows, list(exceptions.order_by("date", "pk").values_list(*_EXCEPTION_COLUMNS))


def _capacity_rows_postgresql(
    keys: list[int], slug_of: dict[int, str], start: datetime.date, end: datetime.date | None, *, with_rules: bool
) -> tuple[_RuleRows, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """``_capacity_rows`` in one statement: each set of rows comes as a JSON array (cast to text,
    so that no driver's JSON loader is involved), with its times and dates in ISO form."""
    session, session_desks, session_services = (
        CapacitySession._meta.db_table,
        CapacitySession.desks.through._meta.db_table,
        CapacitySession.services.through._meta.db_table,
    )
    # Only the models' table and column names are formatted in; every value is a parameter.
    rules = (
        f"SELECT json_agg(json_build_array(service_id, {', '.join(_RULE_COLUMNS)}))::text"  # noqa: S608
        f" FROM {BookingRule._meta.db_table} WHERE service_id = ANY(%(services)s)"
        if with_rules
        else "SELECT NULL"
    )
    sql = (
        f"SELECT ({rules}),"  # noqa: S608
        f" (SELECT json_agg(json_build_array({', '.join(f's.{column}' for column in _SESSION_COLUMNS)},"
        " sd.desk_id, ss.service_id) ORDER BY s.weekday, s.starts, s.id, sd.desk_id)::text"
        f" FROM {session} s JOIN {session_desks} sd ON sd.capacitysession_id = s.id"
        f" JOIN {Desk._meta.db_table} d ON d.id = sd.desk_id AND d.active"
        f" JOIN {session_services} ss ON ss.capacitysession_id = s.id"
        " WHERE s.location_id = ANY(%(locations)s) AND ss.service_id = ANY(%(services)s)),"
        f" (SELECT json_agg(json_build_array({', '.join(_EXCEPTION_COLUMNS)}) ORDER BY date, id)::text"
        f" FROM {CapacityException._meta.db_table}"
        " WHERE location_id = ANY(%(locations)s) AND date >= %(start)s AND date < %(end)s)"
    )
    params: dict[str, Any] = {
        "services": list(slug_of),
        "locations": keys,
        "start": start,
        "end": end or datetime.date.max,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rule_json, session_json, exception_json = cursor.fetchone()
    clock, day = datetime.time.fromisoformat, datetime.date.fromisoformat
    return (
        {row[0]: (row[1], row[2], row[3], row[4]) for row in json.loads(rule_json or "[]")},
        [
            (pk, place, weekday, clock(starts), clock(ends), online, desk, slug_of[service])
            for pk, place, weekday, starts, ends, online, desk, service in json.loads(session_json or "[]")
        ],
        [
            (pk, place, day(date), kind, starts and clock(starts), ends and clock(ends), online)
            for pk, place, date, kind, starts, ends, online in json.loads(exception_json or "[]")
        ],
    )


def _capacities(
    locations: Sequence[Location],
    slug_of: dict[int, str],
    start: datetime.date,
    end: datetime.date,
    session_rows: list[tuple[Any, ...]],
    exceptions: list[tuple[Any, ...]],
) -> list[engine.LocationCapacity]:
    """The engine's capacity of each location for these services (by primary key), in the order given.

    Read as plain values (``_capacity_rows``), only the sessions that serve one of the services:
    building model instances (every translated field of every service of every session) cost more
    than the search.
    """
    keys = [location.pk for location in locations]
    slugs = frozenset(slug_of.values())
    sessions: dict[int, tuple[int, int, datetime.time, datetime.time, int | None]] = {}
    served: dict[int, set[str]] = {}
    session_desks: dict[int, dict[int, None]] = {}  # ordered sets
    for pk, place, weekday, starts, ends, online, desk, slug in session_rows:
        sessions.setdefault(pk, (place, weekday, starts, ends, online))
        served.setdefault(pk, set()).add(slug)
        session_desks.setdefault(pk, {})[desk] = None

    extra_keys = [row[0] for row in exceptions if row[3] != CapacityExceptionKind.CLOSED]
    extra_served: dict[int, set[str]] = {}
    extra_desks: dict[int, list[int]] = {}
    if extra_keys:
        for pk, slug in CapacityException.services.through.objects.filter(
            capacityexception_id__in=extra_keys, service__slug__in=slugs
        ).values_list("capacityexception_id", "service__slug"):
            extra_served.setdefault(pk, set()).add(slug)
        extra_desks = _active_desks(CapacityException.desks.through.objects, "capacityexception_id", extra_keys)

    skills: dict[int, dict[int, set[str]]] = {pk: {} for pk in keys}
    weekly: dict[int, list[engine.WeeklySession]] = {pk: [] for pk in keys}
    for pk, (place, weekday, starts, ends, online) in sessions.items():
        desks = tuple(session_desks[pk])
        for key in desks:
            skills[place].setdefault(key, set()).update(served[pk])
        weekly[place].append(
            engine.WeeklySession(weekday=weekday, starts=starts, ends=ends, desks=desks, online_desks=online)
        )
    extras: dict[int, list[engine.ExtraSession]] = {pk: [] for pk in keys}
    closures: dict[int, list[engine.Closure]] = {pk: [] for pk in keys}
    for pk, place, day, kind, opens, closes, online in exceptions:
        if kind == CapacityExceptionKind.CLOSED:
            closures[place].append(engine.Closure(day=day, starts=opens, ends=closes))
            continue
        desks = tuple(extra_desks.get(pk, ()))
        if not extra_served.get(pk) or not desks or opens is None or closes is None:
            continue
        for key in desks:
            skills[place].setdefault(key, set()).update(extra_served[pk])
        extras[place].append(engine.ExtraSession(day=day, starts=opens, ends=closes, desks=desks, online_desks=online))

    result = []
    for location in locations:
        holidays = public_holidays(
            years=range(start.year, end.year + 1),
            language="en",
            region=location.extra_holiday_region,
            closed=location.closed_on_public_holidays,
        )
        result.append(
            engine.LocationCapacity(
                location=location.slug,
                desks=tuple(
                    engine.Desk(key=key, skills=frozenset(desk_skills))
                    for key, desk_skills in sorted(skills[location.pk].items())
                ),
                weekly=tuple(weekly[location.pk]),
                extra_sessions=tuple(extras[location.pk]),
                closures=tuple(closures[location.pk]),
                closed_dates=frozenset(holidays),
            )
        )
    return result


def _active_desks(through: Any, owner: str, owners: list[int]) -> dict[int, list[int]]:
    """The active desks of each session (or extra session), by its key, from the many-to-many table."""
    desks: dict[int, list[int]] = {}
    if owners:
        rows = through.filter(**{f"{owner}__in": owners, "desk__active": True}).order_by(owner, "desk_id")
        for pk, desk in rows.values_list(owner, "desk_id"):
            desks.setdefault(pk, []).append(desk)
    return desks


# Each chunk of the booking read after the first day aims at about this many bookings, judged by
# the density of the chunk before: a query costs about as much as reading a hundred bookings, and
# on average half of the last chunk is read in vain. Chunks grow at most fourfold (a closed day
# says little about the next) and span at most a fortnight.
_CHUNK_BOOKINGS = 500
_CHUNK_GROWTH = 4
_CHUNK_DAYS_MAX = 16


@dataclass(frozen=True, kw_only=True)
class _PartReader:
    """The active parts on ``desks`` that start before ``until``, sorted by start, read lazily.

    Iterating reads a chunk of days at a time (``_CHUNK_BOOKINGS``); the engine stops iterating when
    it has its answer, so an earliest slot found this morning reads this morning's bookings only.
    Each iteration reads anew, so the same inputs may be passed to the engine twice.
    """

    desks: frozenset[int]
    since: datetime.datetime  # parts still holding their desk at this moment or later
    until: datetime.datetime
    exclude_appointment: int | None

    def __iter__(self) -> Iterator[engine.HeldTime | engine.ReadMark]:
        if not self.desks:
            return
        day, days = self.since.date(), 1
        lower: datetime.datetime | None = None
        while True:
            day += datetime.timedelta(days=days)
            upper = min(datetime.datetime.combine(day, datetime.time(), tzinfo=engine.TIMEZONE), self.until)
            chunk = self._chunk(lower, upper)
            yield from chunk
            if upper >= self.until:
                return
            # Everything before ``upper`` is given: a search done by then stops without the next chunk.
            yield engine.ReadMark(start=upper)
            lower = upper
            days = max(1, min(days * _CHUNK_GROWTH, _CHUNK_DAYS_MAX, days * _CHUNK_BOOKINGS // max(len(chunk), 1)))

    def _chunk(self, lower: datetime.datetime | None, upper: datetime.datetime) -> list[engine.HeldTime]:
        if connection.vendor == "postgresql":
            return self._chunk_postgresql(lower, upper)
        parts = AppointmentPart.objects.filter(desk__in=self.desks, active=True, start__lt=upper)
        # The first chunk also takes the parts that began earlier and still hold their desk.
        parts = parts.filter(busy_until__gt=self.since) if lower is None else parts.filter(start__gte=lower)
        if self.exclude_appointment is not None:
            parts = parts.exclude(appointment_id=self.exclude_appointment)
        return [
            engine.HeldTime(desk, part_start.timestamp(), busy_until.timestamp(), online)
            for desk, part_start, busy_until, online in parts.order_by("start").values_list(
                "desk_id", "start", "busy_until", "online"
            )
        ]

    def _chunk_postgresql(self, lower: datetime.datetime | None, upper: datetime.datetime) -> list[engine.HeldTime]:
        """The same read in SQL: this is the hot path of every search, where the ORM's cost shows.

        Times come as seconds since 1970, handed to the engine as they are (``engine.HeldTime``):
        Django hands timestamps over through a time-zone loader written in Python (several
        microseconds each), a float costs nearly nothing. ``date_part`` gives them as ``float8``
        straight away: ``EXTRACT`` computes a ``numeric`` first, which cost PostgreSQL more than
        finding the rows (the same value: the exact one, rounded once). The channel is the part's
        own copy (``AppointmentPart.online``): looking it up in the appointments table was half
        the cost of the read. The partial index ``appointment_part_active_held`` answers it
        without reading the table.
        """
        conditions = ["p.desk_id = ANY(%s)", "p.active", "p.start < %s"]
        params: list[Any] = [list(self.desks), upper]
        if lower is None:  # the first chunk also takes the parts that began earlier and still hold their desk
            conditions.append("p.busy_until > %s")
            params.append(self.since)
        else:
            conditions.append("p.start >= %s")
            params.append(lower)
        if self.exclude_appointment is not None:
            conditions.append("p.appointment_id <> %s")
            params.append(self.exclude_appointment)
        # Only the models' table names are formatted in; every value is a parameter.
        sql = (
            "SELECT p.desk_id, date_part('epoch', p.start), date_part('epoch', p.busy_until), p.online"  # noqa: S608
            f" FROM {AppointmentPart._meta.db_table} p WHERE {' AND '.join(conditions)} ORDER BY p.start"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        # Each row is already (desk, start, until, online): made a ``HeldTime`` in C, without
        # ``_make``'s Python call per row.
        return list(map(_as_held_time, rows))


_as_held_time = functools.partial(tuple.__new__, engine.HeldTime)


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
    # The range ends with the visit's horizon (no ``end``): the rules come with the capacity.
    inputs = availability_inputs(services=services, locations=locations, start=now.astimezone(engine.TIMEZONE).date())
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
    inputs = availability_inputs(services=services, locations=locations, start=today, end=end, rules=rules)
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
