"""End-to-end availability benchmark on PostgreSQL: the selectors, database read included.

Creates its own database (``loket_bench_availability`` on 127.0.0.1:5432, user ``postgres``,
dropped and recreated on each run, dropped again at the end), migrates it, and writes through the
ORM the agenda of ``run.py`` (same seed, same 20,000 bookings): 5 locations x 8 desks, weekly
``CapacitySession`` rows with Mechelen-like hours and an online quota, 6 services with their
``BookingRule``, 20,000 appointments each with its part (and 2,000 cancelled ones whose parts no
longer hold their desk). Then it times, through ``loket.appointments.selectors`` and after a
warm-up, the questions of the booking flow: the earliest free slot across the 5 locations, a
month calendar, the free slots of a week and the digital waiting times.

Each case runs twice, call for call interleaved so both see the same machine: with the selectors
as they are ("now") and with ``availability_inputs`` replaced by the read as it was before the
lazy read ("before": every active part from the first day on, read at once). Both must give the
same answer. Prints the figures and writes them into ``README.md`` beside this file.

Run from the repository root: ``.venv/bin/python benchmarks/availability/db.py``.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (the engine benchmark beside this file: its agenda, timing and machine)

SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "loket_bench_availability"
CANCELLED = 2_000  # on top of the 20,000: cancelled appointments whose parts are inactive
STAFF_CHANNELS = ("reception", "phone", "counter")
BEFORE_EVERY = 4  # the read before is timed on every fourth call


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def setup_django() -> None:
    os.environ["LOKET_DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "loket.settings"
    os.environ.pop("LOKET_TESTING", None)  # the test database setting must not redirect us
    import django

    django.setup()


@dataclass
class Fixture:
    services: dict[str, Any]  # slug -> catalog.Service
    locations: list[Any]  # organisations.Location, in the order of run.build_locations()
    appointment: int  # a booked appointment a reschedule would move (for exclude_appointment)


def session_groups() -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """Services that the same desks serve, with those desks (indices into ``run.DESK_SKILLS``).

    The selector gives a desk the services of the sessions it sits in, so one session per group
    reproduces the engine benchmark's desk skills: civil affairs (passport, identity card) on
    desks 1-4, driving licences on 1-3, civil status on 3, 5 and 8, and so on.
    """
    groups: dict[tuple[int, ...], list[str]] = {}
    for service in run.SERVICES:
        desks = tuple(i for i, skills in enumerate(run.DESK_SKILLS) if service.slug in skills)
        groups.setdefault(desks, []).append(service.slug)
    return [(tuple(slugs), desks) for desks, slugs in groups.items()]


def write_fixture(rng: random.Random) -> Fixture:
    from loket.appointments.models import (
        Appointment,
        AppointmentPart,
        AppointmentStatus,
        BookingChannel,
        BookingRule,
        CapacitySession,
    )
    from loket.catalog.models import Service, ServiceStatus
    from loket.organisations.models import Desk, DeskKind, Location, Organisation, OrganisationKind

    organisation = Organisation.objects.create(
        slug="bench-city",
        name_nl="Stad Bench",
        name_fr="Ville Bench",
        name_en="Bench City",
        kind=OrganisationKind.MUNICIPALITY,
    )
    services = {
        rule.slug: Service.objects.create(
            organisation=organisation,
            slug=rule.slug,
            status=ServiceStatus.PUBLISHED,
            title_nl=rule.slug,
            title_fr=rule.slug,
            title_en=rule.slug,
            duration_minutes=rule.duration_minutes,
        )
        for rule in run.SERVICES
    }
    BookingRule.objects.bulk_create(
        BookingRule(
            service=services[rule.slug],
            buffer_minutes=rule.buffer_minutes or 0,
            slot_step_minutes=rule.slot_step_minutes,
            minimum_notice_minutes=rule.minimum_notice_minutes,
            horizon_days=rule.horizon_days,
        )
        for rule in run.SERVICES
    )
    capacities = run.build_locations()
    locations = [
        Location.objects.create(
            organisation=organisation,
            slug=capacity.location,
            name_nl=f"Stadhuis {n + 1}",
            name_fr=f"Hôtel de ville {n + 1}",
            name_en=f"Town hall {n + 1}",
            street="Grote Markt 21",
            postcode="2800",
            city="Mechelen",
            extra_holiday_region="vl",
        )
        for n, capacity in enumerate(capacities)
    ]
    desks: dict[int, Desk] = {}  # run.py's desk key -> row
    for location, capacity in zip(locations, capacities, strict=True):
        for i, desk in enumerate(capacity.desks):
            desks[int(desk.key)] = Desk.objects.create(
                location=location, name=f"Loket {i + 1}", kind=DeskKind.THEME if i >= 4 else DeskKind.QUICK
            )

    session_desks, session_services = CapacitySession.desks.through, CapacitySession.services.through
    desk_rows, service_rows = [], []
    for n, location in enumerate(locations):
        for slugs, indices in session_groups():
            for weekday, starts, ends in run.HOURS:
                # One desk of each session stays for reception and phone.
                session = CapacitySession.objects.create(
                    location=location, weekday=weekday, starts=starts, ends=ends, online_desks=len(indices) - 1
                )
                desk_rows += [
                    session_desks(capacitysession=session, desk=desks[n * run.DESKS_PER_LOCATION + i]) for i in indices
                ]
                service_rows += [session_services(capacitysession=session, service=services[slug]) for slug in slugs]
    session_desks.objects.bulk_create(desk_rows)
    session_services.objects.bulk_create(service_rows)

    agenda = run.build_agenda(capacities, random.Random(run.SEED))
    location_of = {
        int(desk.key): location for location, c in zip(locations, capacities, strict=True) for desk in c.desks
    }
    appointments, parts = [], []
    for number, (booking, _service) in enumerate(agenda):
        key = int(booking.desk)
        appointments.append(
            Appointment(
                reference=f"B{number:07d}",
                location=location_of[key],
                start=booking.start,
                end=booking.end,
                status=AppointmentStatus.BOOKED,
                channel=BookingChannel.ONLINE if booking.channel == "online" else rng.choice(STAFF_CHANNELS),
                name=f"Burger {number}",
                language=rng.choice(("nl", "nl", "nl", "fr", "en")),
            )
        )
        parts.append(
            AppointmentPart(
                desk=desks[key],
                start=booking.start,
                end=booking.end,
                busy_until=booking.end + datetime.timedelta(minutes=booking.buffer_minutes),
                active=True,
                online=booking.channel == "online",
            )
        )
    # Cancelled visits stay in the table (their parts inactive), as in a real agenda.
    for number in range(CANCELLED):
        booking, _service = rng.choice(agenda)
        key = int(booking.desk)
        appointments.append(
            Appointment(
                reference=f"C{number:07d}",
                location=location_of[key],
                start=booking.start,
                end=booking.end,
                status=AppointmentStatus.CANCELLED,
                channel=BookingChannel.ONLINE,
                name=f"Burger C{number}",
                language="nl",
            )
        )
        parts.append(
            AppointmentPart(desk=desks[key], start=booking.start, end=booking.end, busy_until=booking.end, active=False)
        )
    Appointment.objects.bulk_create(appointments, batch_size=2_000)
    for appointment, part in zip(appointments, parts, strict=True):
        part.appointment = appointment
    AppointmentPart.objects.bulk_create(parts, batch_size=2_000)
    part_services = AppointmentPart.services.through
    rules = [rule for _booking, rule in agenda] + [rng.choice(run.SERVICES) for _ in range(CANCELLED)]
    part_services.objects.bulk_create(
        (
            part_services(appointmentpart=part, service=services[rule.slug])
            for part, rule in zip(parts, rules, strict=True)
        ),
        batch_size=5_000,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        # As autovacuum would soon after a load: statistics for the planner, and the visibility map
        # that lets the search read its parts from the index alone (an index-only scan).
        cursor.execute("VACUUM (ANALYZE)")
    # A booking of next week, the one a citizen would move (reschedule).
    week = run.NOW + datetime.timedelta(days=7)
    moved = next(a for a in appointments if a.status == AppointmentStatus.BOOKED and a.start >= week)
    return Fixture(services=services, locations=locations, appointment=moved.pk)


# --- "Before": the read as it was, kept here to compare in the same run ----------------------


def _location_capacity_before(location: Any, slugs: frozenset[str], start: datetime.date, end: datetime.date) -> Any:
    """The capacity of one location as ``selectors`` built it before: from prefetched model instances."""
    from loket.appointments import availability as engine
    from loket.appointments.models import CapacityExceptionKind
    from loket.organisations.opening_engine import public_holidays

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


def inputs_before(
    *,
    services: Sequence[Any],
    locations: Sequence[Any],
    start: datetime.date,
    end: datetime.date | None = None,
    exclude_appointment: int | None = None,
    rules: Any = None,  # accepted for the selectors' signature; the old read looked the rules up itself
) -> Any:
    """``selectors.availability_inputs`` before the lazy read: every active part from ``start`` on, at once."""
    from django.db.models import Prefetch

    from loket.appointments import availability as engine
    from loket.appointments import selectors
    from loket.appointments.models import AppointmentPart, CapacityException, CapacitySession
    from loket.organisations.models import Location

    slugs = frozenset(service.slug for service in services)
    if end is None:  # the visit's horizon, as ``availability_inputs`` takes it without ``end``
        horizon = min(rule.horizon_days for rule in selectors.service_rules(services=services))
        end = start + datetime.timedelta(days=horizon + 1)
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
    capacities = [_location_capacity_before(rows[location.pk], slugs, start, end) for location in locations]
    desk_keys = {int(desk.key) for capacity in capacities for desk in capacity.desks}
    since = datetime.datetime.combine(start, datetime.time(), tzinfo=engine.TIMEZONE)
    parts = AppointmentPart.objects.filter(desk__in=desk_keys, active=True, busy_until__gt=since)
    if exclude_appointment is not None:
        parts = parts.exclude(appointment_id=exclude_appointment)
    values = parts.order_by("start").values_list("desk_id", "start", "end", "busy_until", "appointment__channel")
    bookings = [
        engine.Booking(
            desk=desk,
            start=part_start,
            end=part_end,
            channel=selectors.engine_channel(channel),
            buffer_minutes=int((busy_until - part_end).total_seconds() // 60),
        )
        for desk, part_start, part_end, busy_until, channel in values
    ]
    return selectors.AvailabilityInputs(
        locations=capacities, rules=selectors.service_rules(services=services), bookings=bookings
    )


# --- Timing ----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    call: Callable[[], Any]
    describe: Callable[[Any], str]
    runs: int


def timed_pair(case: Case) -> tuple[list[float], list[float], Any]:
    """Times of ``case`` now and before, interleaved, after 3 warm-up calls each.

    The read before is slow, so it is timed on every few calls only (at least 20 of them), which
    keeps the whole run within a few minutes.
    """
    from loket.appointments import selectors

    def before() -> Any:
        with mock.patch.object(selectors, "availability_inputs", inputs_before):
            return case.call()

    for _ in range(3):
        answer, answer_before = case.call(), before()
    if answer != answer_before:
        raise AssertionError(f"{case.name}: the lazy read answers {answer!r}, the full read {answer_before!r}")
    every = max(1, min(BEFORE_EVERY, case.runs // 20))
    now_times, before_times = [], []
    for run_number in range(case.runs):
        started = time.perf_counter()
        case.call()
        now_times.append((time.perf_counter() - started) * 1000)
        if run_number % every == 0:
            with mock.patch.object(selectors, "availability_inputs", inputs_before):
                started = time.perf_counter()
                case.call()
                before_times.append((time.perf_counter() - started) * 1000)
    return now_times, before_times, answer


def waits_text(waits: Any) -> str:
    days = [wait.working_days for wait in waits if wait.working_days is not None]
    return f"working days from {min(days)} to {max(days)}"


def slot_text(slot: Any) -> str:
    if slot is None:
        return "none"
    return f"{slot.start:%a %d %b %H:%M} at {slot.location}"


def cases(fixture: Fixture, runs: int) -> list[Case]:
    from loket.appointments.models import BookingChannel
    from loket.appointments.selectors import (
        availability_earliest,
        availability_free_slots,
        availability_month,
        availability_waiting_times,
    )

    s, everywhere = fixture.services, fixture.locations
    visits = {
        "passport": [s["passport"]],
        "building-permit": [s["building-permit"]],
        "passport + civil-status (combined visit)": [s["passport"], s["civil-status"]],
    }
    channels = (BookingChannel.ONLINE, BookingChannel.RECEPTION)
    result = [
        Case(
            f"earliest free slot, 5 locations: {name}, {channel}",
            functools.partial(
                availability_earliest, services=visit, locations=everywhere, channel=channel, now=run.NOW
            ),
            lambda slot: f"first: {slot_text(slot)}",
            runs if len(visit) == 1 else max(20, runs // 4),
        )
        for name, visit in visits.items()
        for channel in channels
    ]
    result += [
        Case(
            f"month calendar, one location: passport, June, {channel}",
            functools.partial(
                availability_month,
                services=[s["passport"]],
                location=everywhere[0],
                year=2026,
                month=6,
                channel=channel,
                now=run.NOW,
            ),
            lambda days: f"{sum(1 for day in days if day.free_starts)} days with free starts",
            runs,
        )
        for channel in channels
    ]
    week = run.NOW.date() + datetime.timedelta(days=7)
    result.append(
        Case(
            "free slots, 5 locations, one week: passport, reception, moving a booking (`exclude_appointment`)",
            functools.partial(
                availability_free_slots,
                services=[s["passport"]],
                locations=everywhere,
                start=week,
                end=week + datetime.timedelta(days=7),
                channel=BookingChannel.RECEPTION,
                now=run.NOW,
                exclude_appointment=fixture.appointment,
            ),
            lambda slots: f"{len(slots)} free slots",
            runs,
        )
    )
    result.append(
        Case(
            "digital waiting time, 6 services x 5 locations, online",
            functools.partial(availability_waiting_times, services=list(s.values()), locations=everywhere, now=run.NOW),
            waits_text,
            max(20, runs // 10),
        )
    )
    return result


def postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200, help="timed calls per case and variant (default 200)")
    parser.add_argument("--no-readme", action="store_true", help="print only; leave README.md alone")
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DATABASE} afterwards")
    args = parser.parse_args()

    began = time.perf_counter()
    recreate_database()
    try:
        setup_django()
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        fixture = write_fixture(random.Random(run.SEED + 1))
        print(f"database {DATABASE} migrated and filled in {time.perf_counter() - began:.0f} s")
        rows = []
        for case in cases(fixture, args.runs):
            now_times, before_times, answer = timed_pair(case)
            rows.append((case.name, case.describe(answer), now_times, before_times))
            print(
                f"{case.name}: now p95 {run.percentile(now_times, 95):.2f} ms, "
                f"before p95 {run.percentile(before_times, 95):.2f} ms"
            )
        version = postgres_version()
        connections.close_all()
    finally:
        if not args.keep:
            drop_database()

    table = [
        "| case | result | p50 ms now | p95 ms now | p50 ms before | p95 ms before | runs now / before |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, result, now_times, before_times in rows:
        table.append(
            f"| {name} | {result} | {statistics.median(now_times):.2f} | {run.percentile(now_times, 95):.2f} "
            f"| {statistics.median(before_times):.2f} | {run.percentile(before_times, 95):.2f} "
            f"| {len(now_times)} / {len(before_times)} |"
        )
    context = (
        f"Measured on {datetime.datetime.now(tz=run.TIMEZONE).date().isoformat()} on {run.machine()}, {version} "
        f"on the same machine; 20000 bookings plus {CANCELLED} cancelled, seed {run.SEED}, "
        f"now = {run.NOW:%a %d %b %Y %H:%M} Europe/Brussels; whole run {time.perf_counter() - began:.0f} s."
    )
    print(context)
    print("\n".join(table))
    if not args.no_readme:
        write_readme(context, table)


def write_readme(context: str, table: list[str]) -> None:
    readme = Path(__file__).with_name("README.md")
    text = readme.read_text(encoding="utf-8")
    begin, end = "<!-- db-figures:begin -->", "<!-- db-figures:end -->"
    figures = "\n".join([begin, context, "", *table, end])
    if begin in text and end in text:
        text = text[: text.index(begin)] + figures + text[text.index(end) + len(end) :]
    else:
        text += "\n" + figures + "\n"
    readme.write_text(text, encoding="utf-8")
    print(f"figures written to {readme.relative_to(run.ROOT)}")


if __name__ == "__main__":
    main()
