"""Two clerks pressing "call next" at the same instant never get the same citizen (PostgreSQL)."""

from __future__ import annotations

import datetime
import threading
from collections import Counter

import pytest
from django.db import connection

from loket.catalog.models import StaffSkill
from loket.organisations.models import Role
from loket.queueing.models import Ticket, TicketEvent, TicketStatus
from loket.queueing.services import counter_open, ticket_call_next
from tests.factories import DeskFactory, staff_member
from tests.queueing.helpers import at, make_hall

pytestmark = pytest.mark.postgres

DESKS = 20


def race(sessions, clerks, rounds: int = 1) -> tuple[list[int], list[BaseException]]:  # type: ignore[no-untyped-def]
    """Every desk presses "call next" at the same instant (a barrier), ``rounds`` times; the tickets they got."""
    barrier = threading.Barrier(len(sessions))
    got: list[int] = []
    unexpected: list[BaseException] = []
    lock = threading.Lock()

    def desk(index: int) -> None:
        try:
            for _round in range(rounds):
                barrier.wait(timeout=20)
                ticket = ticket_call_next(actor=clerks[index], session=sessions[index], now=at(10))
                if ticket is not None:
                    with lock:
                        got.append(ticket.pk)
                    # Served at once, so the desk may call again next round.
                    Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.DONE, desk=None)
        except BaseException as error:  # surfaced by the test: anything else is a failure
            unexpected.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=desk, args=(index,)) for index in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return got, unexpected


def open_desks(hall, count: int):  # type: ignore[no-untyped-def]
    clerks, sessions = [], []
    for index in range(count):
        clerk = staff_member(hall.location.organisation, Role.CLERK)
        StaffSkill.objects.create(user=clerk, service=hall.pickup)
        desk = DeskFactory(location=hall.location, name=f"Balie {index + 1}")
        sessions.append(counter_open(actor=clerk, desk=desk, services=[hall.pickup], now=at(8, 30)))
        clerks.append(clerk)
    return clerks, sessions


@pytest.mark.django_db(transaction=True)
def test_twenty_desks_calling_at_once_for_ten_tickets_get_ten_different_ones() -> None:
    hall = make_hall(desks=0)
    tickets = [hall.issue(now=at(9, minute)).pk for minute in range(10)]
    clerks, sessions = open_desks(hall, DESKS)

    got, unexpected = race(sessions, clerks)

    assert unexpected == []
    assert sorted(got) == sorted(tickets)  # each ticket to exactly one desk, none twice
    calls = Counter(TicketEvent.objects.filter(kind="called").values_list("ticket_id", flat=True))
    assert set(calls.values()) == {1}


@pytest.mark.django_db(transaction=True)
def test_desks_calling_at_once_round_after_round_serve_every_ticket_once_in_order() -> None:
    hall = make_hall(desks=0)
    tickets = [hall.issue(now=at(9) + datetime.timedelta(seconds=second)).pk for second in range(100)]
    clerks, sessions = open_desks(hall, 10)

    got, unexpected = race(sessions, clerks, rounds=10)

    assert unexpected == []
    assert Counter(got) == Counter(tickets)
    # Round after round the ten oldest are the ones taken: no desk skipped ahead of the line.
    order = list(TicketEvent.objects.filter(kind="called").order_by("pk").values_list("ticket_id", flat=True))
    for round_start in range(0, 100, 10):
        assert set(order[round_start : round_start + 10]) == set(tickets[round_start : round_start + 10])
