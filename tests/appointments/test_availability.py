"""The availability engine on plain data: what a citizen or a receptionist would notice.

No database: the engine takes dataclasses and returns dataclasses.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from loket.appointments.availability import (
    TIMEZONE,
    Booking,
    BookingsNeeded,
    Channel,
    Closure,
    Desk,
    DeskKey,
    ExtraSession,
    LocationCapacity,
    ServiceRule,
    Slot,
    WeeklySession,
    bookings_needed,
    digital_waiting_time,
    earliest_free_slot,
    free_slots,
    month_calendar,
)

T = datetime.time
NINE, TEN = T(9), T(10)
MONDAY = datetime.date(2026, 3, 2)
TUESDAY = MONDAY + datetime.timedelta(days=1)
SUNDAY_BEFORE = MONDAY - datetime.timedelta(days=1)
NOW = datetime.datetime(2026, 3, 1, 20, 0, tzinfo=TIMEZONE)  # Sunday evening before

PASSPORT = ServiceRule(slug="passport", duration_minutes=15)
ID_CARD = ServiceRule(slug="id-card", duration_minutes=20, slot_step_minutes=5)
BUILDING = ServiceRule(slug="building-permit", duration_minutes=30)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, T(hour, minute), tzinfo=TIMEZONE)


def desk(key: DeskKey, *skills: str) -> Desk:
    return Desk(key=key, skills=frozenset(skills))


def every_weekday(
    starts: T, ends: T, desks: tuple[DeskKey, ...], online: int | None = None
) -> tuple[WeeklySession, ...]:
    return tuple(
        WeeklySession(weekday=day, starts=starts, ends=ends, desks=desks, online_desks=online) for day in range(5)
    )


def location(
    *desks: Desk,
    name: str = "centrum",
    starts: T = NINE,
    ends: T = TEN,
    online: int | None = None,
    **more: object,
) -> LocationCapacity:
    keys = tuple(d.key for d in desks)
    return LocationCapacity(location=name, desks=desks, weekly=every_weekday(starts, ends, keys, online), **more)  # type: ignore[arg-type]


def booking(
    desk_key: DeskKey, start: datetime.datetime, minutes: int, channel: Channel = "staff", buffer: int = 0
) -> Booking:
    return Booking(
        desk=desk_key,
        start=start,
        end=start + datetime.timedelta(minutes=minutes),
        channel=channel,
        buffer_minutes=buffer,
    )


def slots_on(
    day: datetime.date,
    *locations: LocationCapacity,
    services: tuple[ServiceRule, ...] = (PASSPORT,),
    bookings: tuple[Booking, ...] = (),
    channel: Channel = "online",
    now: datetime.datetime = NOW,
) -> list[Slot]:
    return free_slots(
        locations=locations,
        services=services,
        bookings=sorted(bookings, key=lambda b: b.start),
        start=day,
        end=day + datetime.timedelta(days=1),
        now=now,
        channel=channel,
    )


def times(slots: list[Slot]) -> list[str]:
    return [f"{slot.start:%H:%M}" for slot in slots]


# --- Sessions and the grid --------------------------------------------------------------------


def test_an_open_hour_offers_a_start_every_quarter_hour() -> None:
    slots = slots_on(MONDAY, location(desk(1, "passport")))
    assert times(slots) == ["09:00", "09:15", "09:30", "09:45"]
    assert all(slot.end - slot.start == datetime.timedelta(minutes=15) for slot in slots)
    assert {slot.location for slot in slots} == {"centrum"}


def test_slot_never_runs_past_closing_time() -> None:
    slots = slots_on(MONDAY, location(desk(1, "id-card")), services=(ID_CARD,))
    assert times(slots)[-1] == "09:40"
    assert max(slot.end for slot in slots) == at(MONDAY, 10)


def test_starts_stay_on_the_clock_grid_when_a_session_opens_at_an_odd_time() -> None:
    slots = slots_on(MONDAY, location(desk(1, "passport"), starts=T(9, 10), ends=T(10)))
    assert times(slots) == ["09:15", "09:30", "09:45"]


def test_a_weekend_without_sessions_has_no_slots() -> None:
    assert slots_on(SUNDAY_BEFORE + datetime.timedelta(days=6), location(desk(1, "passport"))) == []


def test_a_desk_without_the_skill_offers_nothing() -> None:
    assert slots_on(MONDAY, location(desk(1, "passport")), services=(BUILDING,)) == []


def test_returned_times_are_aware_and_local() -> None:
    slot = slots_on(MONDAY, location(desk(1, "passport")))[0]
    assert slot.start.tzinfo is not None
    assert slot.start.utcoffset() == datetime.timedelta(hours=1)
    assert slot.start == datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


# --- Bookings and buffer ----------------------------------------------------------------------


def test_slot_taken_by_a_booking_is_not_offered() -> None:
    taken = booking(1, at(MONDAY, 9, 15), 15)
    slots = slots_on(MONDAY, location(desk(1, "passport")), bookings=(taken,))
    assert times(slots) == ["09:00", "09:30", "09:45"]


def test_a_second_desk_keeps_the_time_free() -> None:
    taken = booking(1, at(MONDAY, 9, 15), 15)
    slots = slots_on(MONDAY, location(desk(1, "passport"), desk(2, "passport")), bookings=(taken,))
    assert times(slots) == ["09:00", "09:15", "09:30", "09:45"]
    assert [slot.desks for slot in slots if slot.start == at(MONDAY, 9, 15)] == [(2,)]


def test_buffer_after_a_booking_keeps_the_desk_free_a_little_longer() -> None:
    taken = booking(1, at(MONDAY, 9), 15, buffer=5)
    slots = slots_on(MONDAY, location(desk(1, "passport")), bookings=(taken,))
    assert times(slots) == ["09:30", "09:45"]


def test_the_new_visits_own_buffer_must_fit_before_the_next_booking() -> None:
    with_buffer = ServiceRule(slug="passport", duration_minutes=15, buffer_minutes=10)
    taken = booking(1, at(MONDAY, 9, 30), 15)
    slots = slots_on(MONDAY, location(desk(1, "passport")), services=(with_buffer,), bookings=(taken,))
    assert times(slots) == ["09:00", "09:45"]  # 09:15 + 15 minutes + 10 of buffer would run into 09:30


def test_the_locations_buffer_applies_to_services_without_their_own() -> None:
    taken = booking(1, at(MONDAY, 9, 30), 15)
    slots = slots_on(MONDAY, location(desk(1, "passport"), buffer_minutes=15), bookings=(taken,))
    assert times(slots) == ["09:00", "09:45"]


def test_a_booking_of_another_location_does_not_block_this_one() -> None:
    elsewhere = booking("other-1", at(MONDAY, 9), 60)
    assert len(slots_on(MONDAY, location(desk(1, "passport")), bookings=(elsewhere,))) == 4


# --- Combined visits --------------------------------------------------------------------------


def test_combined_visit_gets_one_slot_as_long_as_both_services() -> None:
    slots = slots_on(MONDAY, location(desk(1, "passport", "id-card"), ends=T(10)), services=(PASSPORT, ID_CARD))
    assert times(slots) == ["09:00", "09:15"]  # 35 minutes, on the 15-minute grid (lcm of 15 and 5)
    assert all(slot.end - slot.start == datetime.timedelta(minutes=35) for slot in slots)
    assert [part.services for part in slots[0].parts] == [("passport", "id-card")]


def test_combined_visit_is_never_cut_short_by_a_booking() -> None:
    taken = booking(1, at(MONDAY, 9, 30), 30)
    slots = slots_on(MONDAY, location(desk(1, "passport", "id-card")), services=(PASSPORT, ID_CARD), bookings=(taken,))
    assert slots == []  # 09:00 + 35 minutes would overlap the booking at 09:30


def test_combined_visit_goes_to_the_desk_that_has_both_skills() -> None:
    slots = slots_on(
        MONDAY,
        location(desk(1, "passport"), desk(2, "id-card"), desk(3, "passport", "id-card", "building-permit")),
        services=(PASSPORT, ID_CARD),
    )
    assert {slot.desks for slot in slots} == {(3,)}


def test_a_single_service_goes_to_the_least_skilled_desk_so_generalists_stay_free() -> None:
    slots = slots_on(MONDAY, location(desk(1, "passport", "id-card", "building-permit"), desk(2, "passport")))
    assert {slot.desks for slot in slots} == {(2,)}


def test_combined_visit_uses_consecutive_desks_when_no_one_has_both_skills() -> None:
    slots = slots_on(MONDAY, location(desk(1, "passport"), desk(2, "id-card")), services=(PASSPORT, ID_CARD))
    assert times(slots) == ["09:00", "09:15"]
    first = slots[0]
    assert [(p.desk, p.services, f"{p.start:%H:%M}", f"{p.end:%H:%M}") for p in first.parts] == [
        (1, ("passport",), "09:00", "09:15"),
        (2, ("id-card",), "09:15", "09:35"),
    ]
    assert first.end - first.start == datetime.timedelta(minutes=35)


def test_consecutive_desks_take_another_order_when_the_visits_order_does_not_fit() -> None:
    # The passport desk is busy until 09:15, so passport-then-id-card cannot start at 09:00;
    # id-card (09:00-09:20) then passport (09:20-09:35) can.
    busy = booking(1, at(MONDAY, 9), 15)
    slots = slots_on(
        MONDAY, location(desk(1, "passport"), desk(2, "id-card")), services=(PASSPORT, ID_CARD), bookings=(busy,)
    )
    first = slots[0]
    assert f"{first.start:%H:%M}" == "09:00"
    assert [p.services for p in first.parts] == [("id-card",), ("passport",)]


def test_consecutive_desks_never_send_the_visitor_back_to_a_desk_still_in_its_buffer() -> None:
    a = ServiceRule(slug="a", duration_minutes=15, buffer_minutes=10)
    b = ServiceRule(slug="b", duration_minutes=5)
    c = ServiceRule(slug="c", duration_minutes=15)
    # a at desk 1 (09:00-09:15, held until 09:25), b at desk 2 (09:15-09:20), then c back at desk 1
    # at 09:20 would clash with a's buffer: the engine takes a and c together at desk 1 instead.
    slots = slots_on(MONDAY, location(desk(1, "a", "c"), desk(2, "b"), ends=T(11)), services=(a, b, c))
    first = slots[0]
    assert f"{first.start:%H:%M}" == "09:00"
    assert [(p.desk, p.services) for p in first.parts] == [(1, ("a", "c")), (2, ("b",))]


def test_online_quota_applies_to_each_desk_of_a_combined_visit() -> None:
    place = location(desk(1, "passport"), desk(2, "id-card"), desk(3, "passport"), ends=T(11), online=1)
    online = booking(3, at(MONDAY, 9), 30, channel="online")
    combined = (PASSPORT, ID_CARD)
    assert times(slots_on(MONDAY, place, services=combined, bookings=(online,)))[0] == "09:30"
    assert times(slots_on(MONDAY, place, services=combined, bookings=(online,), channel="staff"))[0] == "09:00"


def test_a_combined_visit_holding_two_desks_during_a_buffer_counts_twice_for_the_quota() -> None:
    # Passport at desk 1 (09:00-09:15, desk held until 09:25 by its buffer) then id-card at desk 2
    # from 09:15: two desks held online at once, more than a quota of one allows.
    # The other order is no better: the buffer is the location's, after every part.
    place = location(
        desk(1, "passport"), desk(2, "id-card"), desk(3, "building-permit"), ends=T(11), online=1, buffer_minutes=10
    )
    assert slots_on(MONDAY, place, services=(PASSPORT, ID_CARD)) == []
    assert slots_on(MONDAY, place, services=(PASSPORT, ID_CARD), channel="staff") != []


def test_no_consecutive_desks_when_nobody_serves_one_of_the_services() -> None:
    assert slots_on(MONDAY, location(desk(1, "passport"), desk(2, "id-card")), services=(PASSPORT, BUILDING)) == []


def test_a_visit_with_the_same_service_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        slots_on(MONDAY, location(desk(1, "passport")), services=(PASSPORT, PASSPORT))


# --- Channels ---------------------------------------------------------------------------------


def test_online_quota_leaves_staff_places() -> None:
    place = location(desk(1, "passport"), desk(2, "passport"), online=1)
    online = booking(1, at(MONDAY, 9), 15, channel="online")
    assert times(slots_on(MONDAY, place, bookings=(online,), channel="online")) == ["09:15", "09:30", "09:45"]
    staff_view = slots_on(MONDAY, place, bookings=(online,), channel="staff")
    assert times(staff_view) == ["09:00", "09:15", "09:30", "09:45"]
    assert staff_view[0].desks == (2,)


def test_a_staff_booking_does_not_use_the_online_quota() -> None:
    place = location(desk(1, "passport"), desk(2, "passport"), online=1)
    by_phone = booking(1, at(MONDAY, 9), 15, channel="staff")
    assert times(slots_on(MONDAY, place, bookings=(by_phone,))) == ["09:00", "09:15", "09:30", "09:45"]


def test_online_quota_counts_the_buffer_of_online_bookings() -> None:
    place = location(desk(1, "passport"), desk(2, "passport"), online=1)
    online = booking(1, at(MONDAY, 9), 15, channel="online", buffer=5)
    assert times(slots_on(MONDAY, place, bookings=(online,))) == ["09:30", "09:45"]


def test_a_staff_only_session_shows_nothing_online() -> None:
    place = location(desk(1, "passport"), online=0)
    assert slots_on(MONDAY, place, channel="online") == []
    assert len(slots_on(MONDAY, place, channel="staff")) == 4


def test_a_quota_as_large_as_the_session_limits_nothing() -> None:
    place = location(desk(1, "passport"), online=5)
    assert len(slots_on(MONDAY, place)) == 4


# --- Notice and horizon -----------------------------------------------------------------------


def test_no_slot_inside_minimum_notice() -> None:
    two_hours = ServiceRule(slug="passport", duration_minutes=15, minimum_notice_minutes=120)
    now = at(MONDAY, 7, 20)
    slots = slots_on(MONDAY, location(desk(1, "passport"), ends=T(10)), services=(two_hours,), now=now)
    assert times(slots) == ["09:30", "09:45"]


def test_a_slot_already_begun_is_not_offered() -> None:
    slots = slots_on(MONDAY, location(desk(1, "passport")), now=at(MONDAY, 9, 5))
    assert times(slots) == ["09:15", "09:30", "09:45"]


def test_nothing_is_offered_beyond_the_booking_horizon() -> None:
    one_week = ServiceRule(slug="passport", duration_minutes=15, horizon_days=7)
    now = at(MONDAY, 8)
    slots = free_slots(
        locations=[location(desk(1, "passport"))],
        services=[one_week],
        bookings=[],
        start=MONDAY,
        end=MONDAY + datetime.timedelta(days=14),
        now=now,
    )
    assert max(slot.start.date() for slot in slots) == MONDAY + datetime.timedelta(days=4)  # Friday
    assert {slot.start.date() for slot in slots} == {MONDAY + datetime.timedelta(days=n) for n in range(5)}
    shorter = ServiceRule(slug="id-card", duration_minutes=15, horizon_days=2)
    both = free_slots(
        locations=[location(desk(1, "passport", "id-card"), ends=T(11))],
        services=[one_week, shorter],
        bookings=[],
        start=MONDAY,
        end=MONDAY + datetime.timedelta(days=14),
        now=now,
    )
    assert {slot.start.date() for slot in both} == {MONDAY, TUESDAY}  # the shortest horizon wins


def test_the_longest_notice_of_the_visit_applies() -> None:
    short = ServiceRule(slug="passport", duration_minutes=15, minimum_notice_minutes=30)
    long = ServiceRule(slug="id-card", duration_minutes=15, minimum_notice_minutes=90)
    slots = slots_on(
        MONDAY, location(desk(1, "passport", "id-card"), ends=T(11)), services=(short, long), now=at(MONDAY, 8)
    )
    assert times(slots)[0] == "09:30"


def test_a_slot_on_a_ten_minute_service_and_a_quarter_hour_service_starts_on_both_grids() -> None:
    ten = ServiceRule(slug="passport", duration_minutes=10, slot_step_minutes=10)
    quarter = ServiceRule(slug="id-card", duration_minutes=10, slot_step_minutes=15)
    slots = slots_on(MONDAY, location(desk(1, "passport", "id-card"), ends=T(11)), services=(ten, quarter))
    assert times(slots) == ["09:00", "09:30", "10:00", "10:30"]


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        slots_on(MONDAY, location(desk(1, "passport")), now=datetime.datetime(2026, 3, 1, 20))  # noqa: DTZ001


# --- Exceptions -------------------------------------------------------------------------------


def test_closed_public_holiday_has_no_slots() -> None:
    easter_monday = datetime.date(2026, 4, 6)
    place = location(desk(1, "passport"), closed_dates=frozenset({easter_monday}))
    assert slots_on(easter_monday, place) == []
    assert len(slots_on(easter_monday + datetime.timedelta(days=1), place)) == 4


def test_a_closure_for_part_of_the_day_removes_only_those_hours() -> None:
    place = location(desk(1, "passport"), closures=(Closure(day=MONDAY, starts=T(9, 15), ends=T(9, 45)),))
    assert times(slots_on(MONDAY, place)) == ["09:00", "09:45"]


def test_a_whole_day_closure_closes_the_day() -> None:
    place = location(desk(1, "passport"), closures=(Closure(day=MONDAY),))
    assert slots_on(MONDAY, place) == []


def test_an_extra_session_opens_a_saturday() -> None:
    saturday = MONDAY + datetime.timedelta(days=5)
    extra = ExtraSession(day=saturday, starts=T(10), ends=T(10, 30), desks=(1,))
    place = location(desk(1, "passport"), extra_sessions=(extra,))
    assert times(slots_on(saturday, place)) == ["10:00", "10:15"]


def test_an_extra_session_wins_over_a_closed_date() -> None:
    extra = ExtraSession(day=MONDAY, starts=T(14), ends=T(14, 30), desks=(1,))
    place = location(desk(1, "passport"), closed_dates=frozenset({MONDAY}), extra_sessions=(extra,))
    assert times(slots_on(MONDAY, place)) == ["14:00", "14:15"]


def test_a_session_naming_an_unknown_desk_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown desks"):
        LocationCapacity(location="x", desks=(desk(1, "passport"),), weekly=every_weekday(T(9), T(10), (1, 2)))


@pytest.mark.parametrize(
    ("sunday", "utc_hour"),
    [(datetime.date(2026, 3, 29), 7), (datetime.date(2026, 10, 25), 8)],
    ids=["clocks-forward", "clocks-back"],
)
def test_daylight_saving_day_has_correct_local_times(sunday: datetime.date, utc_hour: int) -> None:
    extra = ExtraSession(day=sunday, starts=T(9), ends=T(10), desks=(1,))
    place = location(desk(1, "passport"), extra_sessions=(extra,))
    now = at(sunday - datetime.timedelta(days=1), 12)
    slots = slots_on(sunday, place, now=now)
    assert times(slots) == ["09:00", "09:15", "09:30", "09:45"]
    assert slots[0].start.astimezone(datetime.UTC).hour == utc_hour
    assert slots[-1].end - slots[0].start == datetime.timedelta(hours=1)


def test_a_booking_across_the_clock_change_blocks_the_right_local_hour() -> None:
    sunday = datetime.date(2026, 10, 25)
    extra = ExtraSession(day=sunday, starts=T(9), ends=T(10), desks=(1,))
    place = location(desk(1, "passport"), extra_sessions=(extra,))
    utc_nine = datetime.datetime(2026, 10, 25, 8, 0, tzinfo=datetime.UTC)  # 09:00 local after the change
    slots = slots_on(sunday, place, bookings=(booking(1, utc_nine, 30),), now=at(sunday, 1))
    assert times(slots) == ["09:30", "09:45"]


# --- Several locations, earliest slot and bookings read lazily ---------------------------------


def test_results_are_sorted_by_start_then_location() -> None:
    north = location(desk("n1", "passport"), name="north", starts=T(9, 15), ends=T(10))
    south = location(desk("s1", "passport"), name="south")
    slots = slots_on(MONDAY, north, south)
    assert [(f"{s.start:%H:%M}", s.location) for s in slots] == [
        ("09:00", "south"),
        ("09:15", "north"),
        ("09:15", "south"),
        ("09:30", "north"),
        ("09:30", "south"),
        ("09:45", "north"),
        ("09:45", "south"),
    ]


def test_earliest_free_slot_finds_the_location_with_the_first_free_time() -> None:
    north = location(desk("n1", "passport"), name="north")
    south = location(desk("s1", "passport"), name="south", starts=T(8), ends=T(12))
    full_monday = [booking("s1", at(MONDAY, 8), 240)]
    slot = earliest_free_slot(locations=[north, south], services=[PASSPORT], bookings=full_monday, now=NOW)
    assert slot is not None
    assert (slot.location, slot.start) == ("north", at(MONDAY, 9))


def test_earliest_free_slot_moves_to_the_next_day_when_today_is_full() -> None:
    place = location(desk(1, "passport"))
    full = [booking(1, at(MONDAY, 9), 60), booking(1, at(TUESDAY, 9), 15)]
    slot = earliest_free_slot(locations=[place], services=[PASSPORT], bookings=full, now=NOW)
    assert slot is not None
    assert slot.start == at(TUESDAY, 9, 15)


def test_earliest_free_slot_is_none_when_the_horizon_is_full() -> None:
    short = ServiceRule(slug="passport", duration_minutes=15, horizon_days=2)
    place = location(desk(1, "passport"))
    full = [booking(1, at(MONDAY, 9), 60)]
    assert earliest_free_slot(locations=[place], services=[short], bookings=full, now=NOW) is None


def test_earliest_free_slot_reads_bookings_only_as_far_as_it_needs() -> None:
    place = location(desk(1, "passport"))
    read: list[Booking] = []

    def from_the_database() -> Iterator[Booking]:
        for week in range(8):
            for day in range(5):
                b = booking(1, at(MONDAY + datetime.timedelta(days=7 * week + day), 9), 30)
                read.append(b)
                yield b

    slot = earliest_free_slot(locations=[place], services=[PASSPORT], bookings=from_the_database(), now=NOW)
    assert slot is not None and slot.start == at(MONDAY, 9, 30)
    assert len(read) <= 2  # Monday's booking, and the next one to know Monday's are all in


def test_unsorted_bookings_are_refused() -> None:
    place = location(desk(1, "passport"))
    late_first = [booking(1, at(TUESDAY, 9), 15), booking(1, at(MONDAY, 9), 15)]
    with pytest.raises(ValueError, match="sorted by start"):
        free_slots(
            locations=[place],
            services=[PASSPORT],
            bookings=late_first,
            start=MONDAY,
            end=MONDAY + datetime.timedelta(days=7),
            now=NOW,
        )


# --- Month calendar and digital waiting time --------------------------------------------------


def test_month_calendar_lists_every_day_with_its_free_starts_and_first_time() -> None:
    place = location(desk(1, "passport"), closed_dates=frozenset({datetime.date(2026, 3, 10)}))
    taken = [booking(1, at(MONDAY, 9), 30)]
    calendar = month_calendar(location=place, services=[PASSPORT], bookings=taken, year=2026, month=3, now=NOW)
    assert [day.day for day in calendar] == [datetime.date(2026, 3, n) for n in range(1, 32)]
    by_day = {day.day: day for day in calendar}
    assert (by_day[MONDAY].free_starts, by_day[MONDAY].first_free) == (2, at(MONDAY, 9, 30))
    assert (by_day[TUESDAY].free_starts, by_day[TUESDAY].first_free) == (4, at(TUESDAY, 9))
    assert by_day[datetime.date(2026, 3, 7)].free_starts == 0  # Saturday
    assert by_day[datetime.date(2026, 3, 10)].first_free is None  # closed
    assert by_day[SUNDAY_BEFORE].free_starts == 0


def test_month_calendar_shows_nothing_before_today() -> None:
    place = location(desk(1, "passport"))
    calendar = month_calendar(
        location=place, services=[PASSPORT], bookings=[], year=2026, month=3, now=at(datetime.date(2026, 3, 16), 12)
    )
    assert sum(day.free_starts for day in calendar if day.day < datetime.date(2026, 3, 17)) == 0
    assert calendar[16].free_starts == 4  # Tuesday 17 March


def _waiting(place: LocationCapacity, bookings: list[Booking], now: datetime.datetime, holidays: set[datetime.date]):  # type: ignore[no-untyped-def]
    return digital_waiting_time(locations=[place], services=[PASSPORT], bookings=bookings, now=now, holidays=holidays)


def test_digital_waiting_time_counts_working_days_only() -> None:
    # Seen on Friday 13 March; the weekend and Easter-like Monday 16 (a holiday) do not count;
    # the first free slot is on Tuesday 17: only Friday itself counts.
    friday = datetime.date(2026, 3, 13)
    holiday = datetime.date(2026, 3, 16)
    place = location(desk(1, "passport"), closed_dates=frozenset({holiday}))
    full_friday = [booking(1, at(friday, 9), 60)]
    [waiting] = _waiting(place, full_friday, at(friday, 8), {holiday})
    assert waiting.first_free is not None
    assert waiting.first_free.start == at(datetime.date(2026, 3, 17), 9)
    assert waiting.working_days == 1
    assert (waiting.service, waiting.location) == ("passport", "centrum")


def test_digital_waiting_time_is_zero_when_something_is_free_today() -> None:
    [waiting] = _waiting(location(desk(1, "passport")), [], at(MONDAY, 8), set())
    assert waiting.working_days == 0


def test_digital_waiting_time_seen_on_a_saturday_for_monday_is_zero() -> None:
    [waiting] = _waiting(location(desk(1, "passport")), [], at(datetime.date(2026, 3, 7), 10), set())
    assert waiting.working_days == 0


def test_digital_waiting_time_is_unknown_when_nothing_is_free_within_the_horizon() -> None:
    [waiting] = _waiting(location(desk(1, "passport"), online=0), [], NOW, set())
    assert (waiting.working_days, waiting.first_free) == (None, None)


def test_digital_waiting_time_is_given_per_service_and_location() -> None:
    north = location(desk("n1", "passport", "building-permit"), name="north", starts=T(9), ends=T(11))
    south = location(desk("s1", "passport"), name="south")
    full_north_monday = [booking("n1", at(MONDAY, 9), 120)]
    result = digital_waiting_time(
        locations=[north, south],
        services=[PASSPORT, BUILDING],
        bookings=full_north_monday,
        now=at(MONDAY, 7),
        holidays=set(),
    )
    assert [(w.service, w.location, w.working_days) for w in result] == [
        ("passport", "north", 1),
        ("passport", "south", 0),
        ("building-permit", "north", 1),
        ("building-permit", "south", None),
    ]


def test_bookings_needed_names_the_skilled_desks_and_for_a_quota_the_online_bookings_of_the_others() -> None:
    place = location(desk(1, "passport"), desk(2, "building-permit"), desk(3, "id-card"), online=2)
    needed = bookings_needed(locations=[place], visits=[[PASSPORT]], channel="online")
    assert needed == BookingsNeeded(desks=frozenset({1}), online_only_desks=frozenset({2, 3}))
    assert bookings_needed(locations=[place], visits=[[PASSPORT]], channel="staff").online_only_desks == frozenset()


def test_a_read_mark_stops_the_search_without_the_next_booking() -> None:
    """A reader that fetches in chunks marks the end of each: a search done before it reads no further."""
    from loket.appointments.availability import ReadMark

    day = datetime.date(2026, 5, 4)
    location = LocationCapacity(
        location="stadhuis",
        desks=(Desk(key=1, skills=frozenset({"passport"})),),
        weekly=(WeeklySession(weekday=0, starts=datetime.time(9), ends=datetime.time(12), desks=(1,)),),
    )
    rule = ServiceRule(slug="passport", duration_minutes=15)
    read: list[object] = []

    def bookings() -> Iterator[Booking | ReadMark]:
        tomorrow = day + datetime.timedelta(days=1)
        yield ReadMark(start=datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=TIMEZONE))
        read.append("past the mark")
        yield Booking(
            desk=1,
            start=datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(9), tzinfo=TIMEZONE),
            end=datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(9, 15), tzinfo=TIMEZONE),
            channel="online",
        )

    slot = earliest_free_slot(
        locations=[location],
        services=[rule],
        bookings=bookings(),
        now=datetime.datetime.combine(day, datetime.time(8), tzinfo=TIMEZONE),
    )
    assert slot is not None and slot.start.date() == day
    assert read == []
