"""The selectors' booking read: lazy, in chunks of days, filtered in SQL, and still the same answers.

Each test compares the engine's answer on the selector's read (``availability_inputs``) with its
answer on every active part of every desk read at once, as the selector read them before.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence

import pytest

from loket.appointments import availability as engine
from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    BookingRule,
    CapacitySession,
)
from loket.appointments.selectors import (
    availability_earliest,
    availability_inputs,
    availability_month,
    availability_waiting_times,
    engine_channel,
)
from loket.catalog.models import Service
from loket.organisations.models import Desk, Location
from loket.organisations.opening_engine import public_holidays
from tests.factories import DeskFactory, LocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 3, 4)  # a Monday
NOW = datetime.datetime.combine(DAY, datetime.time(7), tzinfo=TIMEZONE)
_references = itertools.count()


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TIMEZONE)


def session(
    location: Location,
    desks: Sequence[Desk],
    services: Sequence[Service],
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


def part(
    desk: Desk,
    start: datetime.datetime,
    minutes: int = 15,
    *,
    buffer: int = 0,
    channel: str = BookingChannel.RECEPTION,
    active: bool = True,
) -> AppointmentPart:
    appointment = Appointment.objects.create(
        reference=f"T{next(_references):07d}",
        location=desk.location,
        start=start,
        end=start + datetime.timedelta(minutes=minutes),
        status=AppointmentStatus.BOOKED if active else AppointmentStatus.CANCELLED,
        channel=channel,
        name="An Peeters",
        language="nl",
    )
    end = start + datetime.timedelta(minutes=minutes)
    return AppointmentPart.objects.create(
        appointment=appointment,
        desk=desk,
        start=start,
        end=end,
        busy_until=end + datetime.timedelta(minutes=buffer),
        active=active,
        online=channel == BookingChannel.ONLINE,  # the part's copy of its appointment's channel
    )


def booked_starts(bookings: Iterable[engine.HeldTime | engine.ReadMark]) -> list[datetime.datetime]:
    """The starts of the bookings the reader hands over (its read marks left out)."""
    return [
        datetime.datetime.fromtimestamp(booking.start, tz=datetime.UTC)
        for booking in bookings
        if isinstance(booking, engine.HeldTime)
    ]


def fill(desk: Desk, day: datetime.date, *, channel: str = BookingChannel.RECEPTION) -> None:
    """Book ``desk`` from 9 to 12 on ``day`` in quarters of an hour."""
    for quarter in range(12):
        part(desk, at(day, 9) + datetime.timedelta(minutes=15 * quarter), channel=channel)


def every_part(start: datetime.date, exclude_appointment: int | None = None) -> list[engine.Booking]:
    """Every active part of every desk from ``start`` on, read at once: the reference."""
    since = datetime.datetime.combine(start, datetime.time(), tzinfo=TIMEZONE)
    parts = AppointmentPart.objects.filter(active=True, busy_until__gt=since)
    if exclude_appointment is not None:
        parts = parts.exclude(appointment_id=exclude_appointment)
    return [
        engine.Booking(
            desk=desk,
            start=part_start,
            end=part_end,
            channel=engine_channel(channel),
            buffer_minutes=int((busy_until - part_end).total_seconds() // 60),
        )
        for desk, part_start, part_end, busy_until, channel in parts.order_by("start").values_list(
            "desk_id", "start", "end", "busy_until", "appointment__channel"
        )
    ]


@pytest.fixture
def place() -> Location:
    return LocationFactory(closed_on_public_holidays=False)


def test_a_search_weeks_ahead_reads_every_chunk_it_needs_and_finds_the_same_slot(place: Location) -> None:
    service = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    desks = [DeskFactory(location=place) for _ in range(2)]
    session(place, desks, [service])
    # Full for 25 days (past several chunks of the read); on day 25 one desk is free at 11:30.
    for offset in range(26):
        for desk in desks:
            fill(desk, DAY + datetime.timedelta(days=offset))
    AppointmentPart.objects.filter(desk=desks[1], start=at(DAY + datetime.timedelta(days=25), 11, 30)).delete()

    slot = availability_earliest(services=[service], locations=[place], now=NOW)

    assert slot is not None
    assert slot.start == at(DAY + datetime.timedelta(days=25), 11, 30)
    assert slot.desks == (desks[1].pk,)
    inputs = availability_inputs(
        services=[service], locations=[place], start=DAY, end=DAY + datetime.timedelta(days=61)
    )
    assert slot == engine.earliest_free_slot(
        locations=inputs.locations, services=inputs.rules, bookings=every_part(DAY), now=NOW
    )


def test_the_read_can_be_iterated_twice_and_leaves_out_cancelled_and_excluded_parts(place: Location) -> None:
    service = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    desk = DeskFactory(location=place)
    session(place, [desk], [service])
    kept = [part(desk, at(DAY + datetime.timedelta(days=offset), 9)) for offset in (0, 3, 9, 20)]
    part(desk, at(DAY, 10), active=False)
    moved = part(desk, at(DAY + datetime.timedelta(days=9), 10))

    inputs = availability_inputs(
        services=[service],
        locations=[place],
        start=DAY,
        end=DAY + datetime.timedelta(days=30),
        exclude_appointment=moved.appointment_id,
    )

    starts = booked_starts(inputs.bookings)
    assert starts == [p.start for p in kept]
    assert booked_starts(inputs.bookings) == starts  # read again, same bookings


def test_a_part_that_began_before_the_first_day_still_holds_its_desk(place: Location) -> None:
    service = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    desk = DeskFactory(location=place)
    session(place, [desk], [service], starts=datetime.time(0), ends=datetime.time(2))
    first = datetime.date(2030, 4, 1)
    part(desk, at(first - datetime.timedelta(days=1), 23, 45), 10, buffer=40)  # busy until 00:35 on the 1st

    days = availability_month(services=[service], location=place, year=2030, month=4, now=NOW)

    assert days[0].first_free == at(first, 0, 45)
    inputs = availability_inputs(services=[service], locations=[place], start=first, end=datetime.date(2030, 5, 1))
    assert days == engine.month_calendar(
        location=inputs.locations[0], services=inputs.rules, bookings=every_part(first), year=2030, month=4, now=NOW
    )


def test_a_booking_just_after_the_range_counts_for_the_buffer_of_its_last_slot(place: Location) -> None:
    service = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    BookingRule.objects.create(service=service, buffer_minutes=30)
    desk = DeskFactory(location=place)
    session(place, [desk], [service], starts=datetime.time(22), ends=datetime.time(23, 59))
    part(desk, at(DAY + datetime.timedelta(days=1), 0, 5))  # inside the 23:30 slot's buffer

    inputs = availability_inputs(services=[service], locations=[place], start=DAY, end=DAY + datetime.timedelta(days=1))
    slots = engine.free_slots(
        locations=inputs.locations,
        services=inputs.rules,
        bookings=inputs.bookings,
        start=DAY,
        end=DAY + datetime.timedelta(days=1),
        now=NOW,
    )

    assert [slot.start.time() for slot in slots][-1] == datetime.time(23, 15)
    assert slots == engine.free_slots(
        locations=inputs.locations,
        services=inputs.rules,
        bookings=every_part(DAY),
        start=DAY,
        end=DAY + datetime.timedelta(days=1),
        now=NOW,
    )


def test_a_combined_visit_over_consecutive_desks_finds_the_same_slot(place: Location) -> None:
    passport = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    civil = ServiceFactory(organisation=place.organisation, duration_minutes=30)
    foreigners = ServiceFactory(organisation=place.organisation, duration_minutes=20)
    BookingRule.objects.create(service=civil, buffer_minutes=5)
    first, second = DeskFactory(location=place), DeskFactory(location=place)
    session(place, [first, second], [passport])
    session(place, [first], [civil])
    session(place, [second], [foreigners])
    # No desk has all three services: the visit needs both desks, and for ten days one is full.
    for offset in range(10):
        fill(second if offset % 2 else first, DAY + datetime.timedelta(days=offset))

    slot = availability_earliest(services=[passport, civil, foreigners], locations=[place], now=NOW)

    assert slot is not None
    assert slot.start == at(DAY + datetime.timedelta(days=10), 9)
    assert slot.desks == (first.pk, second.pk)
    inputs = availability_inputs(
        services=[passport, civil, foreigners], locations=[place], start=DAY, end=DAY + datetime.timedelta(days=61)
    )
    assert slot == engine.earliest_free_slot(
        locations=inputs.locations, services=inputs.rules, bookings=every_part(DAY), now=NOW
    )


def test_a_combined_visit_at_one_desk_finds_the_same_slot_on_either_channel(place: Location) -> None:
    passport = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    civil = ServiceFactory(organisation=place.organisation, duration_minutes=30)
    generalist, passports = DeskFactory(location=place), DeskFactory(location=place)
    session(place, [generalist, passports], [passport], online_desks=1)
    session(place, [generalist], [civil])
    for offset in range(12):
        fill(
            generalist, DAY + datetime.timedelta(days=offset), channel=BookingChannel.ONLINE if offset % 3 else "phone"
        )
        fill(passports, DAY + datetime.timedelta(days=offset + 5), channel=BookingChannel.ONLINE)

    for channel in (BookingChannel.ONLINE, BookingChannel.PHONE):
        slot = availability_earliest(services=[passport, civil], locations=[place], channel=channel, now=NOW)
        assert slot is not None
        assert slot.desks == (generalist.pk,)
        inputs = availability_inputs(
            services=[passport, civil], locations=[place], start=DAY, end=DAY + datetime.timedelta(days=61)
        )
        assert slot == engine.earliest_free_slot(
            locations=inputs.locations,
            services=inputs.rules,
            bookings=every_part(DAY),
            now=NOW,
            channel=engine_channel(channel),
        )


@pytest.mark.parametrize("channel", [BookingChannel.ONLINE, BookingChannel.RECEPTION])
def test_the_online_quota_sees_online_bookings_on_other_desks(place: Location, channel: str) -> None:
    passport = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    civil = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    permits = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    generalist, passports, civil_only, elsewhere = (DeskFactory(location=place) for _ in range(4))
    session(place, [passports, generalist], [passport, civil], online_desks=1)
    session(place, [civil_only], [civil])
    session(place, [elsewhere], [permits])
    # The passport desk is busy from 9 to 10: online until 9:30, which fills the quota of its
    # session, then by reception, which does not count for it.
    part(passports, at(DAY, 9), 30, channel=BookingChannel.ONLINE)
    part(passports, at(DAY, 9, 30), 30)
    part(civil_only, at(DAY, 9), 180)
    part(elsewhere, at(DAY, 9), 180)  # a desk that serves none of the visit's services: not read

    slot = availability_earliest(services=[passport, civil], locations=[place], channel=channel, now=NOW)

    assert slot is not None
    assert slot.start == (at(DAY, 9, 30) if channel == BookingChannel.ONLINE else at(DAY, 9))
    assert slot.desks == (generalist.pk,)
    inputs = availability_inputs(
        services=[passport, civil], locations=[place], start=DAY, end=DAY + datetime.timedelta(days=61)
    )
    assert {(b.desk, b.online) for b in inputs.bookings if isinstance(b, engine.HeldTime)} == {
        (passports.pk, True),
        (passports.pk, False),
        (civil_only.pk, False),
    }
    assert slot == engine.earliest_free_slot(
        locations=inputs.locations,
        services=inputs.rules,
        bookings=every_part(DAY),
        now=NOW,
        channel=engine_channel(channel),
    )


def test_waiting_times_of_services_that_share_a_desk_see_each_services_own_desks(place: Location) -> None:
    passport = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    identity = ServiceFactory(organisation=place.organisation, duration_minutes=15)
    both, passports = DeskFactory(location=place), DeskFactory(location=place)
    session(place, [both], [identity])
    session(place, [passports, both], [passport])
    # Together the two services would need the desk with both skills only; the passport alone
    # also needs the other desk, so its bookings must be read as well.
    for offset in range(8):
        fill(both, DAY + datetime.timedelta(days=offset))
        fill(passports, DAY + datetime.timedelta(days=offset))

    waits = availability_waiting_times(services=[passport, identity], locations=[place], now=NOW)

    assert [(w.service, w.working_days) for w in waits] == [(passport.slug, 6), (identity.slug, 6)]
    inputs = availability_inputs(
        services=[passport, identity], locations=[place], start=DAY, end=DAY + datetime.timedelta(days=61)
    )
    holidays = public_holidays(years=[2030], language="en", region=place.extra_holiday_region)
    assert waits == engine.digital_waiting_time(
        locations=inputs.locations, services=inputs.rules, bookings=every_part(DAY), now=NOW, holidays=holidays
    )
