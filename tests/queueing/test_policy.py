"""The calling policy of docs/queue-policy.md: which ticket "call next" gives, in which order."""

from __future__ import annotations

import datetime

import pytest

from loket.appointments.models import Appointment, AppointmentStatus
from loket.core.errors import DomainError
from loket.queueing.models import Ticket, TicketSource, TicketStatus
from loket.queueing.services import (
    counter_pause,
    ticket_call_next,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_return,
    ticket_set_assisted,
    ticket_transfer,
)
from tests.queueing.helpers import at, make_hall

pytestmark = pytest.mark.django_db


def appointment_ticket(hall, due: datetime.datetime, issued: datetime.datetime) -> Ticket:  # type: ignore[no-untyped-def]
    """A checked-in appointment's ticket at the quick counter (made directly: the check-in has its own test)."""
    appointment = Appointment.objects.create(
        reference=f"R{due:%H%M}{issued:%H%M}"[:8],
        location=hall.location,
        start=due,
        end=due + datetime.timedelta(minutes=10),
        status=AppointmentStatus.CHECKED_IN,
        name="Sara El Amrani",
        email="sara@example.be",
        language="fr",
        channel="online",
    )
    ticket = hall.issue(now=issued)
    Ticket.objects.filter(pk=ticket.pk).update(appointment=appointment, due_at=due, source=TicketSource.APPOINTMENT)
    ticket.refresh_from_db()
    return ticket


def call(hall, index: int = 0, now: datetime.datetime | None = None) -> Ticket | None:  # type: ignore[no-untyped-def]
    session = hall.open_desk(index, [hall.pickup, hall.bags, hall.civil]) if not hasattr(hall, f"s{index}") else None
    if session is not None:
        setattr(hall, f"s{index}", session)
    return ticket_call_next(actor=hall.clerks[index], session=getattr(hall, f"s{index}"), now=now or at(10))


def serve(hall, ticket: Ticket, index: int = 0) -> None:  # type: ignore[no-untyped-def]
    ticket_finish(actor=hall.clerks[index], ticket=ticket, now=at(10, 1))


def test_walk_ins_are_called_in_the_order_they_took_their_ticket() -> None:
    hall = make_hall()
    first, second, third = (hall.issue(now=at(9, minute)) for minute in (1, 2, 3))
    for expected in (first, second, third):
        called = call(hall)
        assert called == expected
        serve(hall, called)
    assert call(hall) is None


def test_an_appointment_due_goes_before_walk_ins_who_came_earlier() -> None:
    hall = make_hall()
    walk_in = hall.issue(now=at(9, 30))
    booked = appointment_ticket(hall, due=at(10, 3), issued=at(9, 55))  # due within 5 minutes of 10:00
    assert call(hall, now=at(10)) == booked
    serve(hall, booked)
    assert call(hall, now=at(10, 2)) == walk_in


def test_an_appointment_checked_in_early_waits_for_its_time_but_beats_an_idle_desk() -> None:
    hall = make_hall()
    early = appointment_ticket(hall, due=at(11), issued=at(9, 50))
    walk_in = hall.issue(now=at(9, 55))
    assert call(hall, now=at(10)) == walk_in
    serve(hall, walk_in)
    assert call(hall, now=at(10, 2)) == early  # nobody else waits: not left idle


def test_an_assisted_walk_in_goes_before_other_walk_ins_but_after_a_due_appointment() -> None:
    hall = make_hall()
    walk_in = hall.issue(now=at(9, 1))
    needs_help = hall.issue(now=at(9, 20))
    ticket_set_assisted(actor=hall.receptionist, ticket=needs_help, now=at(9, 21))
    booked = appointment_ticket(hall, due=at(10), issued=at(9, 50))
    order = []
    for minute in range(3):
        called = call(hall, now=at(10, minute))
        order.append(called)
        serve(hall, called)
    assert order == [booked, needs_help, walk_in]


def test_a_desk_calls_only_tickets_for_the_services_its_clerk_serves_today() -> None:
    hall = make_hall()
    civil_ticket = hall.issue(hall.theme, now=at(9, 1))
    pickup_ticket = hall.issue(hall.quick, now=at(9, 2))
    question = hall.issue(hall.reception, service=None, actor=hall.receptionist, now=at(9, 3))
    civil_desk = hall.open_desk(0, [hall.civil])
    quick_desk = hall.open_desk(1, [hall.bags])  # not pickup: the pickup ticket is not for this desk
    assert ticket_call_next(actor=hall.clerks[1], session=quick_desk, now=at(10)) == question
    assert ticket_call_next(actor=hall.clerks[0], session=civil_desk, now=at(10)) == civil_ticket
    ticket_finish(actor=hall.clerks[1], ticket=question, now=at(10, 1))
    assert ticket_call_next(actor=hall.clerks[1], session=quick_desk, now=at(10, 2)) is None
    assert Ticket.objects.get(pk=pickup_ticket.pk).status == TicketStatus.WAITING


def test_a_ticket_transferred_to_a_desk_is_called_there_first_and_nowhere_else() -> None:
    hall = make_hall()
    sent = hall.issue(now=at(9, 30))
    earlier = hall.issue(now=at(9, 1))
    ticket_transfer(actor=hall.receptionist, ticket=sent, desk=hall.desks[1], note="Spreekt enkel Frans", now=at(9, 40))
    assert call(hall, 0) == earlier  # desk 1 (index 0) does not get it, even with nobody else left
    serve(hall, earlier)
    assert call(hall, 0, now=at(10, 5)) is None
    called = call(hall, 1)
    assert called == sent
    assert called.code == "S001"  # its number does not change


def test_a_transferred_ticket_keeps_its_place_in_the_new_queue() -> None:
    hall = make_hall()
    moved = hall.issue(hall.quick, now=at(9, 1))
    later = hall.issue(hall.theme, now=at(9, 10))
    ticket_transfer(
        actor=hall.receptionist,
        ticket=moved,
        queue=hall.theme,
        service=hall.civil,
        note="Eerst huwelijksakte",
        now=at(9, 20),
    )
    assert call(hall) == moved
    moved.refresh_from_db()
    assert moved.queue == hall.theme
    assert moved.code == "S001"
    assert later.status == TicketStatus.WAITING


def test_no_show_needs_the_recalls_and_a_citizen_who_turns_up_gets_their_place_back() -> None:
    hall = make_hall()
    ticket = hall.issue(now=at(9, 1))
    later = hall.issue(now=at(9, 5))
    assert call(hall) == ticket
    with pytest.raises(DomainError) as refused:
        ticket_no_show(actor=hall.clerks[0], ticket=ticket, now=at(10, 1))
    assert refused.value.code == "recall_first"
    ticket_recall(actor=hall.clerks[0], ticket=ticket, now=at(10, 2))
    ticket_recall(actor=hall.clerks[0], ticket=ticket, now=at(10, 3))
    ticket_no_show(actor=hall.clerks[0], ticket=ticket, now=at(10, 4))
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.NO_SHOW
    hall.s1 = hall.open_desk(1, [hall.pickup])
    ticket_return(actor=hall.clerks[1], ticket=ticket, now=at(10, 20))
    returned = Ticket.objects.get(pk=ticket.pk)
    assert returned.status == TicketStatus.WAITING
    assert returned.target_desk == hall.desks[1]
    assert call(hall, 0, now=at(10, 21)) == later  # not the other desk, though it was taken earlier
    assert call(hall, 1, now=at(10, 22)) == ticket  # at the desk of the clerk who put it back


def test_a_paused_desk_calls_nobody_and_a_desk_with_a_citizen_first_finishes() -> None:
    hall = make_hall()
    hall.issue(now=at(9, 1))
    hall.issue(now=at(9, 2))
    assert call(hall) is not None
    with pytest.raises(DomainError) as busy:
        call(hall)
    assert busy.value.code == "ticket_at_desk"
    counter_pause(actor=hall.clerks[1], session=hall.open_desk(1, [hall.pickup]), paused=True)
    hall.s1 = hall.clerks[1].counter_sessions.get()
    with pytest.raises(DomainError) as paused:
        call(hall, 1)
    assert paused.value.code == "paused"


def test_a_ticket_sent_to_a_desk_is_called_there_even_for_a_service_that_desk_does_not_serve_today() -> None:
    hall = make_hall()
    sent = hall.issue(hall.theme, now=at(9))  # civil status
    quick_desk = hall.open_desk(1, [hall.pickup])
    ticket_transfer(
        actor=hall.receptionist, ticket=sent, desk=hall.desks[1], note="Vraag over een attest", now=at(9, 1)
    )
    assert ticket_call_next(actor=hall.clerks[1], session=quick_desk, now=at(9, 2)) == sent
