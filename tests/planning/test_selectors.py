"""The week plan per queue and the bookings per service, read from the database.

What a manager would notice: a queue with twice the walk-ins gets about twice the forecast and
more desks; the location total is its queues added up; a checked-in appointment is not a walk-in;
a service nobody booked gets 0, not another service's demand; and the number of queries does not
grow with the number of queues or services.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from loket.appointments.models import Appointment, AppointmentStatus
from loket.core.errors import NotFound
from loket.planning import selectors
from loket.queueing.models import Queue, QueueKind, Ticket, TicketSource
from tests.factories import ServiceFactory
from tests.planning.helpers import (
    PLANNED_MONDAY,
    TODAY,
    Hall,
    add_bookings,
    add_session,
    add_tickets,
    make_hall,
    weekdays,
)

pytestmark = pytest.mark.django_db

COUNTERS = {
    "monday": PLANNED_MONDAY,
    "plan_for": "counters",
    "handle_seconds": 360.0,
    "target_level": 0.9,
    "target_seconds": 600.0,
    "today": TODAY,
}


@pytest.fixture
def hall() -> Hall:
    """The quick counter (12 at 9:00 and 4 at 15:00 on weekdays) and a theme counter with twice as many."""
    with translation.override("en"):
        hall = make_hall()
        add_tickets(
            hall.location,
            slug="theme",
            kind=QueueKind.THEME,
            prefix="T",
            names={"en": "Theme", "nl": "Thema"},
            per_hour=((9, 24), (15, 8)),
        )
    return hall


def plan(hall: Hall, **extra: object) -> selectors.WeekPlanResult:
    with translation.override("en"):
        return selectors.week_plan(location=hall.location, **{**COUNTERS, **extra})  # type: ignore[arg-type]


def test_a_queue_with_twice_the_walk_ins_gets_about_twice_the_forecast(hall: Hall) -> None:
    queues = {q.slug: q for q in plan(hall).queues}
    assert list(queues) == ["quick", "theme"]
    quick, theme = queues["quick"], queues["theme"]
    assert quick.days[0].hours[9].forecast == pytest.approx(12, rel=0.05)
    assert theme.days[0].hours[9].forecast == pytest.approx(24, rel=0.05)
    assert theme.forecast_total == pytest.approx(2 * quick.forecast_total, rel=0.02)
    assert theme.days[0].hours[9].needed > quick.days[0].hours[9].needed  # and more desks for it
    assert quick.days[5].forecast == 0  # nobody on Saturday


def test_the_location_total_is_its_queues_added_up(hall: Hall) -> None:
    result = plan(hall)
    quick, theme = result.queues
    assert result.queue is None
    assert result.forecast_total == pytest.approx(quick.forecast_total + theme.forecast_total)
    for i, hour in enumerate(result.hours):
        assert hour.forecast == pytest.approx(quick.hours[i].forecast + theme.hours[i].forecast)
        assert hour.needed == quick.hours[i].needed + theme.hours[i].needed  # one desk serves one queue
    assert result.needed_hours == pytest.approx(quick.desk_hours + theme.desk_hours)
    assert result.weekly_trend == pytest.approx(quick.weekly_trend + theme.weekly_trend)


def test_separate_desks_per_queue_need_more_than_one_pooled_queue_would(hall: Hall) -> None:
    # Why the counters are planned per queue: pooled desks would promise waits the separate ones cannot give.
    from loket.planning import erlang

    monday_nine = plan(hall).days[0].hours[9]
    pooled = erlang.desks_needed(monday_nine.forecast, 3600, 360, target_wait_seconds=600, target_share=0.9)
    assert monday_nine.needed > pooled.desks


def test_one_queue_can_be_planned_alone(hall: Hall) -> None:
    result = plan(hall, queue="theme")
    assert result.queue is not None and result.queue.slug == "theme"
    assert result.days[0].hours[9].forecast == pytest.approx(24, rel=0.05)
    assert [h.needed for h in result.hours] == [h.needed for h in result.queue.hours]
    assert [q.slug for q in result.queues] == ["quick", "theme"]  # the others are still there to compare


def test_checked_in_appointments_are_not_walk_ins(hall: Hall) -> None:
    before = plan(hall, queue="quick").forecast_total
    add_tickets(hall.location, slug="quick", per_hour=((11, 20),), source=TicketSource.APPOINTMENT)
    result = plan(hall, queue="quick")
    assert result.forecast_total == pytest.approx(before)
    assert result.days[0].hours[11].forecast == 0


def test_a_transferred_ticket_counts_at_the_queue_that_gave_its_number(hall: Hall) -> None:
    quick = Queue.objects.get(location=hall.location, slug="quick")
    theme = Queue.objects.get(location=hall.location, slug="theme")
    Ticket.objects.filter(numbered_in=quick).update(queue=theme)  # every quick ticket sent on to the theme counter
    queues = {q.slug: q for q in plan(hall).queues}
    assert queues["quick"].days[0].hours[9].forecast == pytest.approx(12, rel=0.05)


def test_a_queue_that_opened_lately_is_not_read_as_a_steep_rise(hall: Hall) -> None:
    # The annex counter opened three weeks before the week planned: 10 walk-ins at 10:00 on weekdays.
    recent = [day for day in weekdays() if day >= PLANNED_MONDAY - datetime.timedelta(weeks=3)]
    add_tickets(hall.location, slug="annex", prefix="A", per_hour=((10, 10),), days=recent)
    annex = next(q for q in plan(hall).queues if q.slug == "annex")
    assert annex.days[0].hours[10].forecast == pytest.approx(10, rel=0.1)


def test_a_queue_without_walk_ins_is_listed_with_zero_and_alone_is_no_history(hall: Hall) -> None:
    Queue.objects.create(location=hall.location, slug="reception", name_en="Reception", kind="reception", prefix="R")
    reception = next(q for q in plan(hall).queues if q.slug == "reception")
    assert not reception.has_history
    assert reception.forecast_total == 0 and reception.peak_desks == 0
    with pytest.raises(selectors.NoHistory) as raised:
        plan(hall, queue="reception")
    assert raised.value.queue == "Reception"


def test_an_unknown_queue_or_another_locations_is_not_found(hall: Hall) -> None:
    add_tickets(hall.other_location, slug="elsewhere", prefix="E")
    for slug in ("nowhere", "elsewhere"):
        with pytest.raises(NotFound):
            plan(hall, queue=slug)


def test_calls_have_no_queue(hall: Hall) -> None:
    with pytest.raises(ValueError, match="counters only"):
        plan(hall, plan_for="calls", handle_seconds=180.0, target_level=0.8, target_seconds=20.0, queue="quick")


def test_the_week_plan_reads_the_same_number_of_queries_for_two_queues_or_five(hall: Hall) -> None:
    with CaptureQueriesContext(connection) as two:
        plan(hall)
    for n in range(3):
        add_tickets(hall.location, slug=f"extra-{n}", prefix=f"X{n}", per_hour=((10, 3),))
    with CaptureQueriesContext(connection) as five:
        result = plan(hall)
    assert len(result.queues) == 5
    assert len(five) == len(two) <= 3


# --- bookings per service ----------------------------------------------------------------------------


def demand(hall: Hall) -> dict[str, selectors.ServiceDemand]:
    with translation.override("en"):
        result = selectors.booking_demand(location=hall.location, monday=PLANNED_MONDAY, today=TODAY)
    return {row.slug: row for row in result.rows}


def test_each_service_is_forecast_from_the_hour_its_bookings_were_made(hall: Hall) -> None:
    add_bookings(hall, hall.passport, per_hour=((10, 2), (20, 1)))  # 3 a weekday, one in the evening
    add_bookings(hall, hall.civil, per_hour=((14, 1),))
    rows = demand(hall)
    passport, civil = rows["passport"], rows["civil"]
    assert passport.days[0] == pytest.approx(3, rel=0.05)
    assert passport.week_total == pytest.approx(15, rel=0.05)
    monday_ten = passport.hours[10]
    assert monday_ten[0] == datetime.datetime(2026, 2, 9, 10, tzinfo=monday_ten[0].tzinfo)
    assert monday_ten[1] == pytest.approx(2, rel=0.05)
    assert passport.hours[20][1] == pytest.approx(1, rel=0.05)
    assert civil.hours[14][1] == pytest.approx(1, rel=0.05)
    assert civil.hours[10][1] == 0  # not the passport's hours
    assert passport.title == "Passport"


def test_a_service_nobody_booked_gets_zero_not_someone_elses_demand(hall: Hall) -> None:
    add_bookings(hall, hall.passport, per_hour=((10, 4),))
    add_session(hall, [hall.passport, hall.civil])  # both can be booked; only passports were
    rows = demand(hall)
    assert rows["passport"].week_total == pytest.approx(20, rel=0.05)
    assert not rows["civil"].has_history
    assert rows["civil"].week_total == 0
    assert all(count == 0 for _start, count in rows["civil"].hours)


def test_cancelled_bookings_and_other_locations_do_not_count(hall: Hall) -> None:
    add_bookings(hall, hall.passport, per_hour=((10, 2),))
    add_bookings(hall, hall.passport, per_hour=((11, 5),), status=AppointmentStatus.CANCELLED, reference="CAN")
    add_bookings(hall, hall.passport, per_hour=((12, 5),), status=AppointmentStatus.HELD, reference="HLD")
    add_bookings(hall, hall.passport, per_hour=((13, 5),), reference="OTH")
    Appointment.objects.filter(reference__startswith="OTH").update(location=hall.other_location)
    rows = demand(hall)
    assert rows["passport"].hours[11][1] == 0
    assert rows["passport"].hours[12][1] == 0
    assert rows["passport"].hours[13][1] == 0
    assert rows["passport"].week_total == pytest.approx(10, rel=0.05)


def test_an_appointment_for_two_services_counts_for_each(hall: Hall) -> None:
    from loket.appointments.models import AppointmentPart

    add_bookings(hall, hall.passport, per_hour=((10, 1),))
    for part in AppointmentPart.objects.filter(appointment__location=hall.location):
        part.services.add(hall.civil)
    rows = demand(hall)
    assert rows["passport"].week_total == pytest.approx(5, rel=0.05)
    assert rows["civil"].week_total == pytest.approx(5, rel=0.05)


def test_bookings_read_the_same_number_of_queries_for_two_services_or_six(hall: Hall) -> None:
    add_bookings(hall, hall.passport)
    add_bookings(hall, hall.civil)
    with CaptureQueriesContext(connection) as two:
        demand(hall)
    for n in range(4):
        add_bookings(hall, ServiceFactory(organisation=hall.location.organisation, slug=f"extra-{n}"))
    with CaptureQueriesContext(connection) as six:
        rows = demand(hall)
    assert len(rows) == 6
    assert len(six) == len(two) <= 2
