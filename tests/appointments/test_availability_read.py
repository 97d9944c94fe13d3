"""The selectors' capacity read: rules, sessions and exceptions in one statement, and the range's end.

On PostgreSQL ``availability_inputs`` reads the booking rules, the weekly sessions and the
capacity exceptions in one statement (JSON arrays) and the parts with ``date_part``; elsewhere
through the ORM. Both must hand the engine the same values.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from loket.appointments import availability as engine
from loket.appointments import selectors
from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    BookingRule,
    CapacityException,
    CapacityExceptionKind,
    CapacitySession,
)
from loket.catalog.models import Service
from loket.organisations.models import Desk, Location
from tests.factories import DeskFactory, LocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 3, 4)  # a Monday
NOW = datetime.datetime.combine(DAY, datetime.time(7), tzinfo=TIMEZONE)
T = datetime.time


def session(
    location: Location,
    desks: list[Desk],
    services: list[Service],
    *,
    starts: datetime.time = datetime.time(9),
    ends: datetime.time = datetime.time(12),
    online_desks: int | None = None,
) -> None:
    """The same session on every day of the week."""
    for weekday in range(7):
        row = CapacitySession.objects.create(
            location=location, weekday=weekday, starts=starts, ends=ends, online_desks=online_desks
        )
        row.desks.set(desks)
        row.services.set(services)


def part(desk: Desk, start: datetime.datetime, minutes: int = 15, *, buffer: int = 0) -> AppointmentPart:
    end = start + datetime.timedelta(minutes=minutes)
    appointment = Appointment.objects.create(
        reference=f"R{AppointmentPart.objects.count():07d}",
        location=desk.location,
        start=start,
        end=end,
        status=AppointmentStatus.BOOKED,
        channel=BookingChannel.RECEPTION,
        name="An Peeters",
        language="nl",
    )
    return AppointmentPart.objects.create(
        appointment=appointment,
        desk=desk,
        start=start,
        end=end,
        busy_until=end + datetime.timedelta(minutes=buffer),
        active=True,
        online=False,
    )


def exception(
    location: Location,
    day: datetime.date,
    kind: str,
    *,
    starts: datetime.time | None = None,
    ends: datetime.time | None = None,
    desks: list[Desk] | None = None,
    services: list[Service] | None = None,
    online_desks: int | None = None,
) -> CapacityException:
    row = CapacityException.objects.create(
        location=location, date=day, kind=kind, starts=starts, ends=ends, online_desks=online_desks
    )
    row.desks.set(desks or [])
    row.services.set(services or [])
    return row


@pytest.fixture
def agenda() -> tuple[Location, list[Service], list[Desk]]:
    """Two services with rules of their own, weekly sessions, and every kind of exception."""
    place = LocationFactory(closed_on_public_holidays=False)
    passport = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    permit = ServiceFactory(organisation=place.organisation, duration_minutes=45)
    BookingRule.objects.create(service=passport, horizon_days=20, buffer_minutes=5, minimum_notice_minutes=0)
    BookingRule.objects.create(service=permit, horizon_days=40, slot_step_minutes=30, minimum_notice_minutes=0)
    desks = [DeskFactory(location=place) for _ in range(3)]
    session(place, desks[:2], [passport], online_desks=1)
    session(place, desks[1:], [permit], starts=T(13, 30), ends=T(16, 30, 15))
    exception(place, DAY + datetime.timedelta(days=2), CapacityExceptionKind.CLOSED)
    exception(place, DAY + datetime.timedelta(days=3), CapacityExceptionKind.CLOSED, starts=T(10), ends=T(11))
    exception(
        place,
        DAY + datetime.timedelta(days=5),
        CapacityExceptionKind.EXTRA,
        starts=T(18),
        ends=T(20),
        desks=desks[2:],
        services=[passport],
        online_desks=0,
    )
    # Past the passport's horizon (20 days) but within the permit's (40 days).
    exception(
        place,
        DAY + datetime.timedelta(days=30),
        CapacityExceptionKind.EXTRA,
        starts=T(9),
        ends=T(10),
        desks=desks[:1],
        services=[passport, permit],
    )
    return place, [passport, permit], desks


@pytest.mark.postgres
def test_the_one_statement_read_gives_the_rows_of_the_orm_read(
    agenda: tuple[Location, list[Service], list[Desk]], monkeypatch: pytest.MonkeyPatch
) -> None:
    place, services, _desks = agenda
    slug_of = {service.pk: service.slug for service in services}
    end = DAY + datetime.timedelta(days=41)
    for until in (end, None):
        in_sql = selectors._capacity_rows([place.pk], slug_of, DAY, until, with_rules=True)
        with monkeypatch.context() as patch:
            patch.setattr(connection, "vendor", "other")  # the ORM's read, on the same database
            through_orm = selectors._capacity_rows([place.pk], slug_of, DAY, until, with_rules=True)
        rules, sessions, exceptions = in_sql
        assert rules == through_orm[0]
        # Rows of one session, desk and several services may come in any order.
        assert sorted(sessions) == sorted(through_orm[1])
        assert exceptions == through_orm[2]
        assert len(exceptions) == 4


def test_without_an_end_the_read_stops_at_the_visits_shortest_horizon(
    agenda: tuple[Location, list[Service], list[Desk]],
) -> None:
    place, services, _desks = agenda
    both = selectors.availability_inputs(services=services, locations=[place], start=DAY)
    explicit = selectors.availability_inputs(
        services=services, locations=[place], start=DAY, end=DAY + datetime.timedelta(days=21)
    )

    assert both.locations == explicit.locations
    assert both.rules == explicit.rules
    [capacity] = both.locations
    # The extra session of day 30 lies past the passport's 20 days: not part of the range.
    assert [extra.day for extra in capacity.extra_sessions] == [DAY + datetime.timedelta(days=5)]
    assert {closure.day for closure in capacity.closures} == {
        DAY + datetime.timedelta(days=2),
        DAY + datetime.timedelta(days=3),
    }
    assert capacity.weekly[-1].ends == T(16, 30, 15)  # seconds survive the read


def test_the_permit_alone_sees_the_extra_session_within_its_own_horizon(
    agenda: tuple[Location, list[Service], list[Desk]],
) -> None:
    place, (_passport, permit), desks = agenda
    inputs = selectors.availability_inputs(services=[permit], locations=[place], start=DAY)

    [capacity] = inputs.locations
    assert [extra.day for extra in capacity.extra_sessions] == [DAY + datetime.timedelta(days=30)]
    assert {desk.key for desk in capacity.desks} == {desk.pk for desk in desks}


def test_the_earliest_slot_reads_its_rules_with_the_capacity_and_answers_as_before(
    agenda: tuple[Location, list[Service], list[Desk]],
) -> None:
    place, services, desks = agenda
    # The first two days of the passport desks are full; the closure and the extra session follow.
    for offset in range(2):
        for desk in desks[:2]:
            for quarter in range(12):
                part(
                    desk,
                    datetime.datetime.combine(DAY + datetime.timedelta(days=offset), T(9), tzinfo=TIMEZONE)
                    + datetime.timedelta(minutes=15 * quarter),
                )
    rules = selectors.service_rules(services=services[:1])
    horizon = rules[0].horizon_days

    slot = selectors.availability_earliest(services=services[:1], locations=[place], now=NOW)

    explicit = selectors.availability_inputs(
        services=services[:1], locations=[place], start=DAY, end=DAY + datetime.timedelta(days=horizon + 1), rules=rules
    )
    assert slot == engine.earliest_free_slot(
        locations=explicit.locations, services=explicit.rules, bookings=list(explicit.bookings), now=NOW
    )
    assert slot is not None
    assert slot.start == datetime.datetime.combine(DAY + datetime.timedelta(days=3), T(9), tzinfo=TIMEZONE)


def test_the_parts_come_as_the_exact_seconds_of_their_times(agenda: tuple[Location, list[Service], list[Desk]]) -> None:
    place, services, desks = agenda
    start = datetime.datetime(2030, 3, 4, 9, 0, 7, 123457, tzinfo=TIMEZONE)
    held = part(desks[0], start, 15, buffer=5)

    inputs = selectors.availability_inputs(
        services=services, locations=[place], start=DAY, end=DAY + datetime.timedelta(days=1)
    )

    [booking] = [b for b in inputs.bookings if isinstance(b, engine.HeldTime)]
    stored = AppointmentPart.objects.get(pk=held.pk)
    assert type(booking) is engine.HeldTime
    assert booking == engine.HeldTime(desks[0].pk, stored.start.timestamp(), stored.busy_until.timestamp(), False)


def test_a_session_without_active_desks_or_asked_services_is_left_out(
    agenda: tuple[Location, list[Service], list[Desk]],
) -> None:
    place, services, desks = agenda
    other = ServiceFactory(organisation=place.organisation)
    session(place, desks[:1], [other], starts=T(17), ends=T(18))
    Desk.objects.filter(pk=desks[2].pk).update(active=False)

    inputs = selectors.availability_inputs(
        services=services, locations=[place], start=DAY, end=DAY + datetime.timedelta(days=7)
    )

    [capacity] = inputs.locations
    assert {row.starts for row in capacity.weekly} == {T(9), T(13, 30)}
    assert desks[2].pk not in {key for row in capacity.weekly for key in row.desks}
    assert CapacitySession.objects.filter(starts=T(17)).count() == 7
