"""The engine's shortcuts give what ``free_slots`` gives.

``earliest_free_slot`` and the digital waiting time stop at the first start of each session (and
skip sessions that start too late), and ``month_calendar`` counts starts without building slots.
Here each is compared with ``free_slots`` on random agendas of several locations with the same
template, so that equal start times at different locations (ties) are common.
"""

from __future__ import annotations

import datetime
import random

import pytest

from loket.appointments.availability import (
    TIMEZONE,
    Booking,
    Channel,
    Desk,
    LocationCapacity,
    ServiceRule,
    WeeklySession,
    digital_waiting_time,
    earliest_free_slot,
    free_slots,
    month_calendar,
)

NOW = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=TIMEZONE)  # a Monday
T = datetime.time
SERVICES = [
    ServiceRule(slug="passport", duration_minutes=15, horizon_days=40),
    ServiceRule(slug="civil", duration_minutes=30, buffer_minutes=5, minimum_notice_minutes=24 * 60, horizon_days=40),
    ServiceRule(slug="permit", duration_minutes=20, slot_step_minutes=10, horizon_days=40),
]
SKILLS = [{"passport"}, {"passport", "civil"}, {"civil", "permit"}, {"permit"}]


def agenda(seed: int) -> tuple[list[LocationCapacity], list[Booking]]:
    rng = random.Random(seed)
    locations = []
    for n in range(3):
        keys = tuple(n * 10 + i for i in range(len(SKILLS)))
        weekly = [
            WeeklySession(weekday=day, starts=T(9), ends=T(12), desks=keys, online_desks=rng.choice([None, 1, 2]))
            for day in range(6)
        ]
        # Overlapping sessions: a later one may have an earlier free start than the first.
        weekly += [WeeklySession(weekday=day, starts=T(10), ends=T(11), desks=keys[:2]) for day in (1, 3)]
        weekly += [WeeklySession(weekday=day, starts=T(13), ends=T(16), desks=keys, online_desks=2) for day in range(5)]
        locations.append(
            LocationCapacity(
                location=f"location-{n}",
                desks=tuple(Desk(key=key, skills=frozenset(SKILLS[i])) for i, key in enumerate(keys)),
                weekly=tuple(weekly),
            )
        )
    bookings = []
    for _ in range(rng.randrange(200, 900)):
        desk = rng.choice([desk.key for location in locations for desk in location.desks])
        day = NOW.date() + datetime.timedelta(days=int(rng.expovariate(1 / 6)))
        start = datetime.datetime.combine(day, T(9), tzinfo=TIMEZONE) + datetime.timedelta(
            minutes=5 * rng.randrange(0, 90)
        )
        bookings.append(
            Booking(
                desk=desk,
                start=start.astimezone(datetime.UTC),
                end=(start + datetime.timedelta(minutes=rng.choice([15, 20, 30]))).astimezone(datetime.UTC),
                channel=rng.choice(["online", "staff"]),
                buffer_minutes=rng.choice([0, 0, 5]),
            )
        )
    # Overlaps are allowed here: the engine takes busy time as the union.
    return locations, sorted(bookings, key=lambda booking: booking.start)


VISITS = [["passport"], ["civil"], ["permit"], ["passport", "civil"], ["passport", "permit"]]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("channel", ["online", "staff"])
def test_earliest_free_slot_across_locations_is_the_first_of_free_slots(seed: int, channel: Channel) -> None:
    locations, bookings = agenda(seed)
    by_slug = {service.slug: service for service in SERVICES}
    for slugs in VISITS:
        visit = [by_slug[slug] for slug in slugs]
        every = free_slots(
            locations=locations,
            services=visit,
            bookings=bookings,
            start=NOW.date(),
            end=NOW.date() + datetime.timedelta(days=41),
            now=NOW,
            channel=channel,
        )
        first = earliest_free_slot(locations=locations, services=visit, bookings=bookings, now=NOW, channel=channel)
        assert first == (every[0] if every else None), slugs


@pytest.mark.parametrize("seed", range(12))
def test_waiting_times_and_month_calendar_agree_with_free_slots(seed: int) -> None:
    locations, bookings = agenda(seed)
    waits = digital_waiting_time(locations=locations, services=SERVICES, bookings=bookings, now=NOW, holidays=set())
    for wait in waits:
        [location] = [loc for loc in locations if loc.location == wait.location]
        [service] = [s for s in SERVICES if s.slug == wait.service]
        every = free_slots(
            locations=[location],
            services=[service],
            bookings=bookings,
            start=NOW.date(),
            end=NOW.date() + datetime.timedelta(days=41),
            now=NOW,
        )
        assert wait.first_free == (every[0] if every else None)

    days = month_calendar(location=locations[1], services=[SERVICES[0]], bookings=bookings, year=2026, month=5, now=NOW)
    every = free_slots(
        locations=[locations[1]],
        services=[SERVICES[0]],
        bookings=bookings,
        start=datetime.date(2026, 5, 1),
        end=datetime.date(2026, 6, 1),
        now=NOW,
    )
    for day in days:
        starts = [slot.start for slot in every if slot.start.date() == day.day]
        assert (day.free_starts, day.first_free) == (len(starts), starts[0] if starts else None)
