"""Appointment capacity advice: the fluid model (plain) and the selector over stored appointments."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from loket.planning import capacity, selectors
from tests.planning.helpers import NOW, PLANNED_MONDAY, add_appointments, add_session, make_hall


def test_steady_demand_forecasts_the_same_number() -> None:
    assert capacity.demand_forecast([10, 10, 10, 10]) == pytest.approx(10)


def test_a_rising_demand_is_carried_forward() -> None:
    assert capacity.demand_forecast([10, 12, 14, 16]) == pytest.approx(18)
    assert capacity.demand_forecast([10, 12, 14, 16], weeks_ahead=2) == pytest.approx(22)


def test_a_falling_demand_never_goes_below_zero() -> None:
    assert capacity.demand_forecast([9, 6, 3, 0], weeks_ahead=5) == 0.0


def test_no_history_is_no_demand() -> None:
    assert capacity.demand_forecast([]) == 0.0


def test_waiting_days_are_the_backlog_over_a_days_slots() -> None:
    assert capacity.waiting_days(40, 20) == pytest.approx(10)  # 4 slots a working day
    assert capacity.waiting_days(5, 0) is None
    assert capacity.waiting_days(0, 0) == 0.0


def test_enough_slots_and_a_short_backlog_need_no_change() -> None:
    advice = capacity.advise(demand_per_week=20, slots_per_week=25, backlog=10, target_working_days=5)
    assert advice.slots_needed == 20  # c >= d is enough: 5 * 10 / 20 = 2.5 days
    assert advice.enough
    assert advice.change == -5


def test_a_long_backlog_needs_more_slots_than_the_demand_to_drain_it() -> None:
    # 20 a week asked, 20 slots, 100 booked ahead: 25 working days of waiting, target 10 within 4 weeks.
    advice = capacity.advise(demand_per_week=20, slots_per_week=20, backlog=100, target_working_days=10)
    assert advice.waiting_days_now == pytest.approx(25)
    # c >= (5 * 100 + 5 * 4 * 20) / (10 + 5 * 4) = 900 / 30 = 30
    assert advice.slots_needed == 30
    assert advice.change == 10
    assert not advice.enough
    assert advice.waiting_days_with_advice is not None
    assert advice.waiting_days_with_advice <= 10 + 1e-9


def test_the_advice_is_the_smallest_whole_number_meeting_the_target() -> None:
    for demand, backlog, target in [(7.3, 41.0, 3.0), (50.0, 0.0, 1.0), (12.0, 300.0, 15.0), (0.4, 2.0, 1.0)]:
        advice = capacity.advise(demand_per_week=demand, slots_per_week=0, backlog=backlog, target_working_days=target)
        n = advice.slots_needed
        later = capacity.waiting_days(capacity.backlog_after(backlog, demand, n, 4), n)
        assert n >= demand and later is not None and later <= target + 1e-9
        fewer = n - 1
        if fewer > 0:
            late = capacity.waiting_days(capacity.backlog_after(backlog, demand, fewer, 4), fewer)
            assert fewer < demand or late is None or late > target


def test_no_demand_and_no_backlog_need_no_slots() -> None:
    assert capacity.advise(demand_per_week=0, slots_per_week=0, backlog=0, target_working_days=5).slots_needed == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"demand_per_week": -1, "slots_per_week": 1, "backlog": 0, "target_working_days": 5},
        {"demand_per_week": 1, "slots_per_week": 1, "backlog": 0, "target_working_days": -1},
        {"demand_per_week": 1, "slots_per_week": 1, "backlog": 0, "target_working_days": 5, "weeks_to_reach": 0},
    ],
)
def test_impossible_input_is_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        capacity.advise(**kwargs)  # type: ignore[arg-type]


def test_a_shared_session_is_split_by_demand_minutes() -> None:
    sessions = [capacity.Session(minutes=120, services=("passport", "civil"))]
    slots = capacity.weekly_slots(sessions, durations={"passport": 15, "civil": 30}, demand={"passport": 4, "civil": 2})
    # Demand minutes 60 and 60: half the session each, 60/15 = 4 and 60/30 = 2 slots.
    assert slots == {"passport": pytest.approx(4), "civil": pytest.approx(2)}


def test_a_session_without_demand_is_shared_equally() -> None:
    slots = capacity.weekly_slots(
        [capacity.Session(minutes=60, services=("a", "b"))], durations={"a": 10, "b": 30}, demand={}
    )
    assert slots == {"a": pytest.approx(3), "b": pytest.approx(1)}


@pytest.mark.django_db
def test_capacity_advice_reads_demand_template_and_backlog() -> None:
    with translation.override("en"):
        hall = make_hall(history=False)
    add_session(hall, [hall.passport], hours=2)  # Tuesdays 9-11 at one desk: 8 passport slots
    add_session(hall, [hall.civil], weekday=3, hours=3)  # Thursdays 9-12: 6 civil-status slots
    add_appointments(hall, hall.passport, per_week=8, ahead=20)  # fully booked, 20 waiting ahead
    with translation.override("en"):
        result = selectors.capacity_advice(
            location=hall.location, monday=PLANNED_MONDAY, target_working_days=5, now=NOW
        )
    rows = {row.slug: row for row in result.rows}
    passport = rows["passport"]
    assert passport.title == "Passport"
    assert passport.advice.demand_per_week == pytest.approx(8)
    assert passport.advice.slots_per_week == pytest.approx(8)
    assert passport.advice.backlog == 20
    assert passport.advice.waiting_days_now == pytest.approx(12.5)
    assert passport.advice.slots_needed == 11  # (5*20 + 5*4*8) / (5 + 20) = 10.4
    assert passport.measured_known
    civil = rows["civil"]
    assert civil.advice.demand_per_week == 0
    assert civil.advice.slots_per_week == pytest.approx(6)
    assert civil.advice.enough
    assert result.history_first_monday == datetime.date(2025, 11, 10) + datetime.timedelta(weeks=1)


@pytest.mark.django_db
def test_capacity_advice_ignores_cancelled_appointments_and_other_locations() -> None:
    from loket.appointments.models import Appointment, AppointmentStatus

    with translation.override("en"):
        hall = make_hall(history=False)
    add_session(hall, [hall.passport], hours=2)
    add_appointments(hall, hall.passport, per_week=4, ahead=0)
    Appointment.objects.filter(location=hall.location).update(status=AppointmentStatus.CANCELLED)
    with translation.override("en"):
        result = selectors.capacity_advice(
            location=hall.location, monday=PLANNED_MONDAY, target_working_days=5, now=NOW
        )
    assert [row.advice.demand_per_week for row in result.rows] == [0.0]
    other = selectors.capacity_advice(
        location=hall.other_location, monday=PLANNED_MONDAY, target_working_days=5, now=NOW
    )
    assert other.rows == ()
