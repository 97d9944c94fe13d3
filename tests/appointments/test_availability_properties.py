"""Properties of the availability engine for any capacity, bookings and visit Hypothesis makes up.

The week generated contains the spring clock change (Sunday 29 March 2026). A slow but obvious
oracle, minute by minute, checks the engine's answers for single-service visits exactly; for
combined visits (one desk or consecutive desks) every slot is checked against the rules.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket.appointments.availability import (
    TIMEZONE,
    Booking,
    Channel,
    Closure,
    Desk,
    DeskKey,
    ExtraSession,
    HeldTime,
    LocationCapacity,
    ServiceRule,
    Slot,
    WeeklySession,
    bookings_needed,
    earliest_free_slot,
    free_slots,
)

FIRST_DAY = datetime.date(2026, 3, 23)  # Monday; Sunday 29 March has the clock change
DAYS = [FIRST_DAY + datetime.timedelta(days=n) for n in range(8)]
SKILLS = ("a", "b", "c")
MINUTE = datetime.timedelta(minutes=1)

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def local(day: datetime.date, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60), tzinfo=TIMEZONE)


def minute_of(moment: datetime.datetime) -> int:
    wall = moment.astimezone(TIMEZONE)
    return wall.hour * 60 + wall.minute


@st.composite
def sessions_(draw: st.DrawFn, desk_keys: Sequence[int]) -> tuple[int, int, tuple[int, ...], int | None]:
    start = draw(st.integers(7 * 12, 16 * 12)) * 5
    length = draw(st.integers(3, 48)) * 5
    desks = tuple(draw(st.lists(st.sampled_from(desk_keys), min_size=1, max_size=len(desk_keys), unique=True)))
    online = draw(st.none() | st.integers(0, len(desks)))
    return start, start + length, desks, online


@st.composite
def locations(draw: st.DrawFn, specialists: bool = False) -> LocationCapacity:
    """A location; with ``specialists`` no desk has all three skills, so visits of three need consecutive desks."""
    keys = list(range(1, draw(st.integers(1, 5 if specialists else 4)) + 1))
    desks = tuple(
        Desk(
            key=key,
            skills=frozenset(
                draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=2 if specialists else 3, unique=True))
            ),
        )
        for key in keys
    )
    weekly = tuple(
        WeeklySession(
            weekday=draw(st.integers(0, 6)),
            starts=datetime.time(a // 60, a % 60),
            ends=datetime.time(b // 60, b % 60),
            desks=desks_,
            online_desks=online,
        )
        for a, b, desks_, online in draw(st.lists(sessions_(keys), min_size=1, max_size=4))
    )
    extras = tuple(
        ExtraSession(
            day=draw(st.sampled_from(DAYS)),
            starts=datetime.time(a // 60, a % 60),
            ends=datetime.time(b // 60, b % 60),
            desks=desks_,
            online_desks=online,
        )
        for a, b, desks_, online in draw(st.lists(sessions_(keys), max_size=1))
    )
    closures = []
    for _ in range(draw(st.integers(0, 2))):
        day = draw(st.sampled_from(DAYS))
        if draw(st.booleans()):
            closures.append(Closure(day=day))
        else:
            a = draw(st.integers(7 * 12, 17 * 12)) * 5
            b = min(a + draw(st.integers(1, 36)) * 5, 23 * 60)
            closures.append(
                Closure(day=day, starts=datetime.time(a // 60, a % 60), ends=datetime.time(b // 60, b % 60))
            )
    return LocationCapacity(
        location="here",
        desks=desks,
        weekly=weekly,
        extra_sessions=extras,
        closures=tuple(closures),
        closed_dates=frozenset(draw(st.lists(st.sampled_from(DAYS), max_size=1))),
        buffer_minutes=draw(st.integers(0, 10)),
    )


@st.composite
def visits(draw: st.DrawFn, max_services: int = 2) -> tuple[ServiceRule, ...]:
    slugs = draw(st.lists(st.sampled_from(SKILLS), min_size=min(max_services, 2), max_size=max_services, unique=True))
    return tuple(
        ServiceRule(
            slug=slug,
            duration_minutes=draw(st.integers(1, 12)) * 5,
            buffer_minutes=draw(st.none() | st.integers(0, 10)),
            slot_step_minutes=draw(st.sampled_from([5, 10, 15, 30])),
            minimum_notice_minutes=draw(st.sampled_from([0, 30, 120, 600])),
            horizon_days=draw(st.integers(0, 9)),
        )
        for slug in slugs
    )


@st.composite
def bookings_(draw: st.DrawFn, place: LocationCapacity) -> list[Booking]:
    result = []
    for _ in range(draw(st.integers(0, 20))):
        start = local(draw(st.sampled_from(DAYS)), draw(st.integers(6 * 60, 19 * 60)))
        result.append(
            Booking(
                desk=draw(st.sampled_from([d.key for d in place.desks])),
                start=start,
                end=start + draw(st.integers(1, 90)) * MINUTE,
                channel=draw(st.sampled_from(["online", "staff"])),
                buffer_minutes=draw(st.integers(0, 10)),
            )
        )
    return sorted(result, key=lambda b: b.start)


@st.composite
def scenarios(draw: st.DrawFn, max_services: int = 2, specialists: bool = False) -> Scenario:
    place = draw(locations(specialists))
    return Scenario(
        place=place,
        visit=draw(visits(max_services)),
        bookings=draw(bookings_(place)),
        now=local(FIRST_DAY - datetime.timedelta(days=1), 0) + draw(st.integers(0, 4 * 24 * 60)) * MINUTE,
        channel=draw(st.sampled_from(["online", "staff"])),
    )


@dataclass
class Scenario:
    place: LocationCapacity
    visit: tuple[ServiceRule, ...]
    bookings: list[Booking]
    now: datetime.datetime
    channel: Channel

    def slots(self) -> list[Slot]:
        return free_slots(
            locations=[self.place],
            services=self.visit,
            bookings=self.bookings,
            start=DAYS[0],
            end=DAYS[-1] + datetime.timedelta(days=1),
            now=self.now,
            channel=self.channel,
        )

    def buffer(self, slugs: Sequence[str]) -> int:
        rules = {s.slug: s for s in self.visit}
        return max(
            self.place.buffer_minutes if rules[s].buffer_minutes is None else rules[s].buffer_minutes  # type: ignore[misc]
            for s in slugs
        )


# --- The oracle: minute by minute, no cleverness ----------------------------------------------


@dataclass(frozen=True)
class OracleSession:
    day: datetime.date
    opens: int  # local minutes since midnight
    closes: int
    desks: frozenset[DeskKey]
    online: int | None

    def contains(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        return (
            start.astimezone(TIMEZONE).date() == self.day
            and local(self.day, self.opens) <= start
            and end <= local(self.day, self.closes)
        )


def oracle_sessions(place: LocationCapacity, day: datetime.date) -> list[OracleSession]:
    result = []
    closures = [c for c in place.closures if c.day == day]
    if day not in place.closed_dates and not any(c.is_whole_day for c in closures):
        closed = {
            m
            for c in closures
            if c.starts is not None and c.ends is not None
            for m in range(c.starts.hour * 60 + c.starts.minute, c.ends.hour * 60 + c.ends.minute)
        }
        for row in place.weekly:
            if row.weekday != day.weekday():
                continue
            open_minutes = [
                m
                for m in range(row.starts.hour * 60 + row.starts.minute, row.ends.hour * 60 + row.ends.minute)
                if m not in closed
            ]
            runs: list[list[int]] = []
            for m in open_minutes:
                if runs and runs[-1][1] == m:
                    runs[-1][1] = m + 1
                else:
                    runs.append([m, m + 1])
            result += [OracleSession(day, a, b, frozenset(row.desks), row.online_desks) for a, b in runs]
    result += [
        OracleSession(
            day,
            e.starts.hour * 60 + e.starts.minute,
            e.ends.hour * 60 + e.ends.minute,
            frozenset(e.desks),
            e.online_desks,
        )
        for e in place.extra_sessions
        if e.day == day
    ]
    return result


def held(booking: Booking) -> tuple[datetime.datetime, datetime.datetime]:
    return booking.start, booking.end + booking.buffer_minutes * MINUTE


def online_at(bookings: Sequence[Booking], desks: frozenset[DeskKey], moment: datetime.datetime) -> int:
    return sum(1 for b in bookings if b.channel == "online" and b.desk in desks and held(b)[0] <= moment < held(b)[1])


def oracle_starts(s: Scenario) -> set[datetime.datetime]:
    """Single-service visits: every grid start where some skilled desk is free and the quota allows."""
    [service] = s.visit
    today = s.now.astimezone(TIMEZONE).date()
    buffer = s.buffer([service.slug]) * MINUTE
    duration = service.duration_minutes * MINUTE
    starts = set()
    for day in DAYS:
        if day < today or day >= today + datetime.timedelta(days=service.horizon_days):
            continue
        for session in oracle_sessions(s.place, day):
            desks = [d for d in s.place.desks if d.key in session.desks and service.slug in d.skills]
            for minute in range(session.opens, session.closes - service.duration_minutes + 1):
                start = local(day, minute)
                if minute % service.slot_step_minutes or start < s.now + service.minimum_notice_minutes * MINUTE:
                    continue
                limit = session.online
                if s.channel == "online" and limit is not None and limit < len(session.desks):
                    window = [start + n * MINUTE for n in range((duration + buffer) // MINUTE)]
                    if any(online_at(s.bookings, session.desks, t) >= limit for t in window):
                        continue
                if any(
                    all(
                        not (b.desk == d.key and held(b)[0] < start + duration + buffer and start < held(b)[1])
                        for b in s.bookings
                    )
                    for d in desks
                ):
                    starts.add(start)
    return starts


def assert_slot_follows_the_rules(s: Scenario, slot: Slot) -> None:
    visit_minutes = sum(service.duration_minutes for service in s.visit)
    assert slot.end - slot.start == visit_minutes * MINUTE
    # Parts follow each other without a gap, serve every service once, at desks with the skills.
    assert slot.parts[0].start == slot.start and slot.parts[-1].end == slot.end
    assert all(a.end == b.start for a, b in zip(slot.parts, slot.parts[1:], strict=False))
    assert sorted(slug for part in slot.parts for slug in part.services) == sorted(x.slug for x in s.visit)
    desks = {d.key: d for d in s.place.desks}
    durations = {x.slug: x.duration_minutes for x in s.visit}
    for part in slot.parts:
        assert set(part.services) <= desks[part.desk].skills
        assert part.end - part.start == sum(durations[x] for x in part.services) * MINUTE
        # No part overlaps a booking of its desk, counting both buffers.
        part_held_until = part.end + s.buffer(part.services) * MINUTE
        for b in s.bookings:
            if b.desk == part.desk:
                assert not (held(b)[0] < part_held_until and part.start < held(b)[1]), (part, b)
    # A desk serves one part at a time, counting the buffer after each part.
    for a, b in itertools.combinations(slot.parts, 2):
        if a.desk == b.desk:
            assert a.end + s.buffer(a.services) * MINUTE <= b.start, (a, b)
    # Inside one session, at its desks.
    day = slot.start.astimezone(TIMEZONE).date()
    assert any(
        session.contains(slot.start, slot.end) and set(slot.desks) <= session.desks
        for session in oracle_sessions(s.place, day)
    )
    # Notice, horizon and grid.
    assert slot.start >= s.now + max(x.minimum_notice_minutes for x in s.visit) * MINUTE
    today = s.now.astimezone(TIMEZONE).date()
    assert day < today + datetime.timedelta(days=min(x.horizon_days for x in s.visit))
    assert all(minute_of(slot.start) % x.slot_step_minutes == 0 for x in s.visit)


# --- The properties ---------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(scenarios(max_services=1))
def test_single_service_slots_are_exactly_the_free_grid_times(s: Scenario) -> None:
    assert {slot.start for slot in s.slots()} == oracle_starts(s)


@PROPERTY_SETTINGS
@given(scenarios() | scenarios(max_services=3, specialists=True))
def test_every_slot_fits_a_session_lasts_the_whole_visit_and_overlaps_no_booking(s: Scenario) -> None:
    for slot in s.slots():
        assert_slot_follows_the_rules(s, slot)


@PROPERTY_SETTINGS
@given(scenarios() | scenarios(max_services=3, specialists=True))
def test_slots_are_sorted_and_one_per_start_time(s: Scenario) -> None:
    starts = [slot.start for slot in s.slots()]
    assert starts == sorted(set(starts))


@PROPERTY_SETTINGS
@given(scenarios() | scenarios(max_services=3, specialists=True))
def test_earliest_free_slot_is_the_first_of_free_slots(s: Scenario) -> None:
    today = s.now.astimezone(TIMEZONE).date()
    every = free_slots(
        locations=[s.place],
        services=s.visit,
        bookings=s.bookings,
        start=today,
        end=today + datetime.timedelta(days=30),
        now=s.now,
        channel=s.channel,
    )
    first = earliest_free_slot(locations=[s.place], services=s.visit, bookings=s.bookings, now=s.now, channel=s.channel)
    assert first == (every[0] if every else None)


@PROPERTY_SETTINGS
@given(scenarios() | scenarios(max_services=3, specialists=True))
def test_bookings_in_epoch_seconds_give_the_same_slots_as_bookings_in_datetimes(s: Scenario) -> None:
    """The database reader hands bookings over as ``HeldTime`` (seconds since 1970, buffer included)."""
    today = s.now.astimezone(TIMEZONE).date()
    as_seconds = [
        HeldTime(b.desk, b.start.timestamp(), b.end.timestamp() + 60 * b.buffer_minutes, b.channel == "online")
        for b in s.bookings
    ]

    def slots(bookings: Sequence[Booking | HeldTime]) -> list[Slot]:
        return free_slots(
            locations=[s.place],
            services=s.visit,
            bookings=bookings,
            start=today,
            end=today + datetime.timedelta(days=30),
            now=s.now,
            channel=s.channel,
        )

    assert slots(as_seconds) == slots(s.bookings)


@PROPERTY_SETTINGS
@given(scenarios() | scenarios(max_services=3, specialists=True), st.data())
def test_booking_every_offered_slot_never_exceeds_desks_or_online_quota(s: Scenario, data: st.DataObject) -> None:
    """Book what the engine offers, again and again: no desk is ever double-booked, and a new
    online booking never brings its session above its online quota while it holds its desk."""
    bookings = list(s.bookings)
    for _ in range(12):
        offered = free_slots(
            locations=[s.place],
            services=s.visit,
            bookings=sorted(bookings, key=lambda b: b.start),
            start=DAYS[0],
            end=DAYS[-1] + datetime.timedelta(days=1),
            now=s.now,
            channel=s.channel,
        )
        if not offered:
            break
        slot = offered[data.draw(st.integers(0, len(offered) - 1))]
        new = [
            Booking(
                desk=part.desk,
                start=part.start,
                end=part.end,
                channel=s.channel,
                buffer_minutes=s.buffer(part.services),
            )
            for part in slot.parts
        ]
        for booking in new:
            for other in bookings:
                if other.desk == booking.desk:
                    assert not (held(other)[0] < held(booking)[1] and held(booking)[0] < held(other)[1])
            bookings.append(booking)
        if s.channel == "online":

            def quota_holds(session: OracleSession, new: list[Booking] = new) -> bool:
                if session.online is None or session.online >= len(session.desks):
                    return True
                return all(
                    online_at(bookings, session.desks, held(booking)[0] + n * MINUTE) <= session.online
                    for booking in new
                    for n in range((held(booking)[1] - held(booking)[0]) // MINUTE)
                )

            assert any(
                session.contains(slot.start, slot.end) and set(slot.desks) <= session.desks and quota_holds(session)
                for session in oracle_sessions(s.place, slot.start.astimezone(TIMEZONE).date())
            )


@PROPERTY_SETTINGS
@given(scenarios() | scenarios(max_services=3, specialists=True))
def test_bookings_left_out_by_bookings_needed_change_nothing(s: Scenario) -> None:
    needed = bookings_needed(locations=[s.place], visits=[s.visit], channel=s.channel)
    fewer = Scenario(
        place=s.place, visit=s.visit, bookings=[b for b in s.bookings if needed.wants(b)], now=s.now, channel=s.channel
    )
    assert fewer.slots() == s.slots()
