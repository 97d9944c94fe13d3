"""Queue writes through ``queueing.services``: numbers, opening hours, desks, events, check-in, SMS, close of day."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from loket.appointments.models import AppointmentStatus
from loket.core.errors import Conflict, DomainError, PermissionDenied
from loket.notifications.models import Channel, OutboxMessage
from loket.queueing.models import (
    ClosedReason,
    CounterSession,
    CounterStatus,
    Ticket,
    TicketEvent,
    TicketSource,
    TicketStatus,
)
from loket.queueing.services import (
    counter_close,
    counter_open,
    queues_close_day,
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_issue,
    ticket_start,
)
from tests.appointments.test_booking import book, make_office
from tests.factories import UserFactory
from tests.queueing.helpers import MONDAY, at, make_hall

pytestmark = pytest.mark.django_db


def test_numbers_carry_the_queue_prefix_and_start_again_the_next_day() -> None:
    hall = make_hall()
    assert [hall.issue(now=at(9, m)).code for m in range(3)] == ["S001", "S002", "S003"]
    assert hall.issue(hall.theme, now=at(9, 5)).code == "B001"
    tuesday = MONDAY + datetime.timedelta(days=1)
    assert hall.issue(now=at(9, day=tuesday)).code == "S001"


def test_the_kiosk_gives_no_ticket_when_closed_and_says_when_it_opens() -> None:
    hall = make_hall()
    with pytest.raises(DomainError) as early:
        hall.issue(now=at(7, 30))
    assert early.value.code == "closed"
    assert "08:00" in str(early.value.message)
    saturday_evening = at(18, day=MONDAY + datetime.timedelta(days=5))
    with pytest.raises(DomainError) as weekend, translation.override("en"):
        hall.issue(now=saturday_evening)
    assert "Monday" in str(weekend.value.message) and "08:00" in str(weekend.value.message)
    assert not Ticket.objects.exists()
    # Reception may still give one (someone inside when the doors closed).
    assert hall.issue(actor=hall.receptionist, now=at(7, 30)).code == "S001"


def test_a_ticket_must_be_for_a_service_of_its_queue_and_only_staff_mark_it() -> None:
    hall = make_hall()
    with pytest.raises(DomainError) as wrong:
        hall.issue(hall.theme, service=hall.pickup)
    assert wrong.value.field == "service"
    with pytest.raises(PermissionDenied):
        hall.issue(assisted=True)
    with pytest.raises(DomainError) as phone:
        hall.issue(phone="12")
    assert phone.value.field == "phone"
    assert hall.issue(phone="0470 12 34 56").phone == "+32470123456"
    with pytest.raises(PermissionDenied):
        ticket_issue(actor=UserFactory(), queue=hall.quick, service=hall.pickup, now=at(9))
    assert Ticket.objects.count() == 1


def test_every_step_is_an_event_with_its_time_actor_and_desk() -> None:
    hall = make_hall()
    ticket = hall.issue(now=at(9))
    session = hall.open_desk(0, [hall.pickup])
    ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 10))
    ticket_start(actor=hall.clerks[0], ticket=ticket, now=at(9, 11))
    ticket_finish(actor=hall.clerks[0], ticket=ticket, services=[hall.pickup, hall.bags], now=at(9, 15))
    events = list(TicketEvent.objects.filter(ticket=ticket).values_list("kind", "at", "actor_label", "desk__name"))
    clerk = hall.clerks[0].username
    assert events == [
        ("issued", at(9), "kiosk", None),
        ("called", at(9, 10), clerk, "Loket 1"),
        ("started", at(9, 11), clerk, "Loket 1"),
        ("finished", at(9, 15), clerk, "Loket 1"),
    ]
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE
    assert set(ticket.delivered_services.all()) == {hall.pickup, hall.bags}  # more than the ticket said


def test_a_clerk_opens_one_desk_with_services_from_their_skills_and_a_desk_has_one_clerk() -> None:
    hall = make_hall()
    session = hall.open_desk(0, [hall.pickup])
    with pytest.raises(Conflict) as twice:
        hall.open_desk(0, [hall.pickup])
    assert twice.value.code == "already_open"
    with pytest.raises(Conflict) as taken:
        counter_open(actor=hall.clerks[1], desk=hall.desks[0], services=[hall.pickup], now=at(9))
    assert taken.value.code == "desk_taken"
    hall.clerks[2].skills.filter(service=hall.civil).delete()
    with pytest.raises(DomainError) as unskilled:
        hall.open_desk(2, [hall.civil])
    assert unskilled.value.field == "services"
    ticket = hall.issue(now=at(9))
    ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 1))
    with pytest.raises(DomainError):
        counter_close(actor=hall.clerks[0], session=session, now=at(9, 2))
    ticket_finish(actor=hall.clerks[0], ticket=ticket, now=at(9, 3))
    assert counter_close(actor=hall.clerks[0], session=session, now=at(9, 4)).status == CounterStatus.CLOSED
    assert counter_open(actor=hall.clerks[1], desk=hall.desks[0], services=[hall.pickup], now=at(9, 5))


def test_two_desks_never_hold_one_ticket_in_the_database() -> None:
    from django.db import IntegrityError, transaction

    hall = make_hall()
    first, second = hall.issue(now=at(9)), hall.issue(now=at(9, 1))
    Ticket.objects.filter(pk=first.pk).update(status=TicketStatus.CALLED, desk=hall.desks[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.filter(pk=second.pk).update(status=TicketStatus.SERVING, desk=hall.desks[0])


def test_a_checked_in_appointment_gets_a_ticket_called_at_its_time() -> None:
    office = make_office()
    booked = book(office, office.at(10), language="fr", phone="+32470111222", email="")
    hall_queue_location = office.location
    from loket.queueing.models import Queue, QueueKind

    queue = Queue.objects.create(
        location=hall_queue_location, slug="id", name_en="Identity", kind=QueueKind.THEME, prefix="I"
    )
    queue.services.set([office.service])
    ticket = ticket_check_in(actor="kiosk", appointment=booked.appointment, now=office.at(9, 50))
    assert ticket.source == TicketSource.APPOINTMENT
    assert ticket.queue == queue
    assert ticket.code == "I001"
    assert ticket.due_at == office.at(10)
    assert ticket.language == "fr"
    assert ticket.service == office.service
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == AppointmentStatus.CHECKED_IN
    with pytest.raises(DomainError):  # checked in twice: refused, no second ticket
        ticket_check_in(actor="kiosk", appointment=booked.appointment, now=office.at(9, 51))
    assert Ticket.objects.count() == 1


def test_a_ticket_with_a_phone_number_gets_one_text_when_its_turn_is_near() -> None:
    hall = make_hall()
    session = hall.open_desk(0, [hall.pickup])
    for minute in range(4):
        hall.issue(now=at(9, minute))
    texted = hall.issue(now=at(9, 5), phone="+32470999888", language="fr")
    for minute in range(2):
        called = ticket_call_next(actor=hall.clerks[0], session=session, now=at(10, minute))
        assert called is not None
        ticket_finish(actor=hall.clerks[0], ticket=called, now=at(10, minute))
    [message] = OutboxMessage.objects.filter(recipient="+32470999888")
    assert message.channel == Channel.SMS
    assert "S005" in message.body_text and "3 personnes" in message.body_text  # sent at 3 before it
    assert f"/fr/ticket/{texted.public_key}/" in message.body_text
    ticket_call_next(actor=hall.clerks[0], session=session, now=at(10, 5))
    assert OutboxMessage.objects.filter(recipient="+32470999888").count() == 1


def test_at_closing_time_open_tickets_are_closed_as_not_served_and_desks_closed() -> None:
    hall = make_hall()
    waiting = hall.issue(now=at(16, 40))
    at_desk = hall.issue(now=at(16, 41))
    session = hall.open_desk(0, [hall.pickup])
    assert ticket_call_next(actor=hall.clerks[0], session=session, now=at(16, 45)) == waiting
    assert queues_close_day(now=at(17, 10)) == 0  # within the grace after closing: still served
    assert queues_close_day(now=at(17, 31)) == 2
    waiting.refresh_from_db()
    at_desk.refresh_from_db()
    assert waiting.status == at_desk.status == TicketStatus.NOT_SERVED
    assert waiting.closed_reason == ClosedReason.NOT_FINISHED  # called, never finished
    assert at_desk.closed_reason == ClosedReason.CLOSING_TIME
    with translation.override("en"):
        assert str(ClosedReason.CLOSING_TIME.label) == "Not served before closing time."
    assert TicketEvent.objects.filter(kind="closed").count() == 2
    assert CounterSession.objects.get(pk=session.pk).status == CounterStatus.CLOSED


def test_a_ticket_of_an_earlier_day_is_closed_even_while_today_is_open() -> None:
    hall = make_hall()
    old = hall.issue(now=at(16, 50))
    tuesday = MONDAY + datetime.timedelta(days=1)
    today = hall.issue(now=at(9, day=tuesday))
    assert queues_close_day(now=at(9, 5, day=tuesday)) == 1
    assert Ticket.objects.get(pk=old.pk).status == TicketStatus.NOT_SERVED
    assert Ticket.objects.get(pk=today.pk).status == TicketStatus.WAITING


def test_the_services_delivered_must_be_the_organisations_own() -> None:
    from tests.factories import ServiceFactory

    hall = make_hall()
    ticket = hall.issue(now=at(9))
    session = hall.open_desk(0, [hall.pickup])
    ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 1))
    elsewhere = ServiceFactory()  # another organisation's
    with pytest.raises(DomainError) as refused:
        ticket_finish(actor=hall.clerks[0], ticket=ticket, services=[elsewhere], now=at(9, 5))
    assert refused.value.field == "services"
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.CALLED


def test_at_a_location_without_a_queue_an_appointment_is_checked_in_without_a_ticket() -> None:
    office = make_office()
    booked = book(office, office.at(10))
    assert ticket_check_in(actor="kiosk", appointment=booked.appointment, now=office.at(9, 50)) is None
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == AppointmentStatus.CHECKED_IN
    assert not Ticket.objects.exists()


def test_the_quick_counters_line_closes_with_the_quick_counter_while_theme_counters_work_on() -> None:
    from loket.organisations.models import DeskKind, OpeningHours

    hall = make_hall()
    # Monday: the quick counter closes at 13:00, the theme counters at 17:00 (as in Mechelen).
    OpeningHours.objects.filter(location=hall.location, weekday=0, desk_kind=DeskKind.QUICK).update(
        closes=datetime.time(13)
    )
    quick = hall.issue(hall.quick, now=at(12, 50))
    theme = hall.issue(hall.theme, actor=hall.receptionist, now=at(12, 51))
    assert queues_close_day(now=at(13, 20)) == 0  # within the grace
    assert queues_close_day(now=at(13, 31)) == 1
    assert Ticket.objects.get(pk=quick.pk).status == TicketStatus.NOT_SERVED
    assert Ticket.objects.get(pk=theme.pk).status == TicketStatus.WAITING
