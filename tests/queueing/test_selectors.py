"""What the screens read: a ticket's place and estimated wait, a location's queues at a glance."""

from __future__ import annotations

import datetime

import pytest

from loket.queueing.selectors import queue_states, ticket_state
from loket.queueing.services import counter_pause, ticket_call_next, ticket_finish, ticket_start
from tests.queueing.helpers import at, make_hall

pytestmark = pytest.mark.django_db


def test_a_ticket_sees_the_people_before_it_in_calling_order_and_then_its_turn() -> None:
    hall = make_hall()
    first, second, mine = (hall.issue(now=at(9, minute)) for minute in range(3))
    session = hall.open_desk(0, [hall.pickup, hall.bags])
    state = ticket_state(ticket=mine, now=at(9, 5))
    assert (state.ahead, state.your_turn) == (2, False)
    for ticket in (first, second):
        ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 6))
        ticket_finish(actor=hall.clerks[0], ticket=ticket, now=at(9, 7))
    assert ticket_state(ticket=mine, now=at(9, 8)).ahead == 0
    ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 9))
    mine.refresh_from_db()
    called = ticket_state(ticket=mine, now=at(9, 9))
    assert called.your_turn and called.ahead is None and mine.desk == hall.desks[0]


def test_the_estimate_uses_recent_service_times_and_the_open_desks() -> None:
    hall = make_hall()
    session = hall.open_desk(0, [hall.pickup, hall.bags])
    # Three tickets this morning that each took the desk 7 minutes, from the call to the finish (a
    # minute to reach it, 6 served): the catalogue's 4 minutes no longer count.
    for minute in (0, 10, 20):
        ticket = hall.issue(now=at(9, minute))
        ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, minute + 1))
        ticket_start(actor=hall.clerks[0], ticket=ticket, now=at(9, minute + 2))
        ticket_finish(actor=hall.clerks[0], ticket=ticket, now=at(9, minute + 8))
    waiting = [hall.issue(now=at(9, 30 + second)) for second in range(4)]
    [quick] = [state for state in queue_states(location=hall.location, now=at(9, 31)) if state.queue == hall.quick]
    assert (quick.waiting, quick.open_desks, quick.busy_desks, quick.longest_wait_minutes) == (4, 1, 0, 1)
    assert quick.estimate_minutes == 28  # 4 people x 7 minutes, 1 desk
    assert ticket_state(ticket=waiting[2], now=at(9, 31)).estimate_minutes == 14
    second = hall.open_desk(1, [hall.pickup])
    assert ticket_state(ticket=waiting[2], now=at(9, 31)).estimate_minutes == 7  # shared over 2 desks
    counter_pause(actor=hall.clerks[1], session=second, paused=True)
    assert ticket_state(ticket=waiting[2], now=at(9, 31)).estimate_minutes == 14  # a paused desk serves nobody


def test_without_an_open_desk_there_is_no_estimate_rather_than_a_wrong_one() -> None:
    hall = make_hall()
    ticket = hall.issue(now=at(9))
    assert ticket_state(ticket=ticket, now=at(9, 1)).estimate_minutes is None


def test_reading_the_queues_takes_the_same_few_queries_however_busy_the_hall(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    hall = make_hall()
    session = hall.open_desk(0, [hall.pickup, hall.bags, hall.civil])
    for minute in range(30):
        ticket = hall.issue(hall.quick if minute % 2 else hall.theme, now=at(9) + datetime.timedelta(minutes=minute))
        if minute < 10:
            ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 40))
            ticket_finish(actor=hall.clerks[0], ticket=ticket, now=at(9, 41))
    with django_assert_max_num_queries(10):
        states = queue_states(location=hall.location, now=at(9, 45))
    assert sum(state.waiting for state in states) == 20
    with django_assert_max_num_queries(12):
        ticket_state(ticket=ticket, now=at(9, 45))
