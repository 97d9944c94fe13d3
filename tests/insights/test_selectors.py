"""The dashboard's figures from small hand-made histories whose right answers are known (issue 6)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import Appointment, AppointmentStatus, BookingChannel, VisitSuggestion
from loket.citizens.models import Person
from loket.contacts.models import Contact, ContactChannel, Direction, Outcome, Request, RequestStatus
from loket.insights import selectors
from loket.insights.figures import Period
from loket.insights.selectors import insights_dashboard, insights_figures, insights_scope
from loket.organisations.models import Role
from loket.queueing.models import Queue, QueueKind, Ticket, TicketEvent, TicketEventKind, TicketSource, TicketStatus
from tests.factories import DepartmentFactory, LocationFactory, ServiceFactory, UserFactory, staff_member

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 2)
WEEK = Period(MONDAY, MONDAY + datetime.timedelta(days=7))


def at(hour: int, minute: int = 0, second: int = 0, day: datetime.date = MONDAY) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute, second), tzinfo=TIMEZONE)


class Town:
    """One town hall with a walk-in quick counter and a theme queue for appointments."""

    def __init__(self) -> None:
        self.location = LocationFactory()
        self.organisation = self.location.organisation
        self.bags = ServiceFactory(organisation=self.organisation, slug="bags", title_en="Waste bags")
        self.passport = ServiceFactory(organisation=self.organisation, slug="passport", title_en="Passport")
        self.quick = Queue.objects.create(
            location=self.location, slug="quick", name="Quick", kind=QueueKind.QUICK, prefix="S"
        )
        self.theme = Queue.objects.create(
            location=self.location, slug="theme", name="Population", kind=QueueKind.THEME, prefix="B", walk_in=False
        )
        self.numbers = 0

    def ticket(
        self,
        issued: datetime.datetime,
        called: datetime.datetime | None = None,
        started: datetime.datetime | None = None,
        finished: datetime.datetime | None = None,
        *,
        queue: Queue | None = None,
        status: str = TicketStatus.DONE,
        appointment: Appointment | None = None,
        service: Any = None,
    ) -> Ticket:
        queue = queue or (self.theme if appointment else self.quick)
        self.numbers += 1
        ticket = Ticket.objects.create(
            queue=queue,
            numbered_in=queue,
            day=issued.astimezone(TIMEZONE).date(),
            number=self.numbers,
            code=f"{queue.prefix}{self.numbers:03d}",
            service=service or (self.passport if appointment else self.bags),
            source=TicketSource.APPOINTMENT if appointment else TicketSource.KIOSK,
            status=status,
            appointment=appointment,
            due_at=appointment.start if appointment else None,
            issued_at=issued,
        )
        kinds = (TicketEventKind.ISSUED, TicketEventKind.CALLED, TicketEventKind.STARTED, TicketEventKind.FINISHED)
        TicketEvent.objects.bulk_create(
            TicketEvent(ticket=ticket, kind=kind, at=moment, queue=queue, actor_label="test")
            for kind, moment in zip(kinds, (issued, called, started, finished), strict=True)
            if moment is not None
        )
        return ticket

    def appointment(
        self, start: datetime.datetime, status: str = AppointmentStatus.CHECKED_IN, *, late: bool = False, **kw: Any
    ) -> Appointment:
        self.numbers += 1
        return Appointment.objects.create(
            reference=f"T{self.numbers:07d}",
            location=self.location,
            start=start,
            end=start + datetime.timedelta(minutes=15),
            status=status,
            channel=BookingChannel.ONLINE,
            name="",
            language="nl",
            arrived_at=kw.get("arrived_at"),
            arrived_late=late,
        )


@pytest.fixture
def town() -> Town:
    return Town()


def figures(town: Town, period: Period = WEEK, **kwargs: Any) -> selectors.Figures:
    return insights_figures(organisation=town.organisation, period=period, **kwargs)


def test_waiting_time_per_queue_has_mean_median_and_90th_percentile(town: Town) -> None:
    for wait in (60, 120, 300):
        town.ticket(at(9), at(9) + datetime.timedelta(seconds=wait))
    waiting = figures(town).waiting
    [quick] = [q for q in waiting.queues if q.queue_id == town.quick.pk]
    assert quick.walk_in.count == 3
    assert quick.walk_in.mean == pytest.approx(160)
    assert quick.walk_in.median == pytest.approx(120)
    assert quick.walk_in.p90 == pytest.approx(264)  # 120 + 0.8 x (300 - 120)
    assert quick.appointment.count == 0 and waiting.walk_in.count == 3


def test_an_appointment_waits_from_its_time_when_early_and_from_its_arrival_when_late(town: Town) -> None:
    early = town.appointment(at(10), arrived_at=at(9, 50))
    town.ticket(at(9, 50), at(10, 1, 30), appointment=early)  # 90 s after its time, not 11.5 minutes
    late = town.appointment(at(10, 10), late=True, arrived_at=at(10, 20))
    town.ticket(at(10, 20), at(10, 21), appointment=late)  # 60 s after arriving
    waiting = figures(town).waiting
    assert waiting.appointment.count == 2
    assert waiting.appointment.mean == pytest.approx(75)
    assert waiting.walk_in.count == 0


def test_service_time_runs_from_start_to_finish_per_service(town: Town) -> None:
    town.ticket(at(9), at(9, 1), at(9, 2), at(9, 5))  # bags: 3 minutes
    town.ticket(at(9), at(9, 3), at(9, 4), at(9, 5))  # bags: 1 minute
    appointment = town.appointment(at(10), arrived_at=at(9, 58))
    town.ticket(at(9, 58), at(10), at(10, 1), at(10, 16), appointment=appointment)  # passport: 15 minutes
    town.ticket(at(11), at(11, 1), status=TicketStatus.NO_SHOW)  # never served: no service time
    times = figures(town).service_times
    by_service = {row.service_id: row.time for row in times.services}
    assert by_service[town.bags.pk].mean == pytest.approx(120)
    assert by_service[town.bags.pk].count == 2
    assert by_service[town.passport.pk].median == pytest.approx(900)
    assert times.overall.count == 3
    assert {row.service_id: row.service for row in times.services}[town.bags.pk] == str(town.bags.title)


def test_a_visitor_is_a_served_walk_in_or_a_checked_in_appointment_counted_once(town: Town) -> None:
    for minute in (0, 10, 20):
        town.ticket(at(9, minute), at(9, minute + 2), at(9, minute + 3), at(9, minute + 6))
    town.ticket(at(9, 30), at(9, 40), status=TicketStatus.NO_SHOW)  # left before their turn
    with_ticket = town.appointment(at(10), arrived_at=at(9, 55))
    town.ticket(at(9, 55), at(10), at(10, 1), at(10, 10), appointment=with_ticket)
    town.appointment(at(11), arrived_at=at(11))  # checked in where the desk fetches people itself
    town.appointment(at(14), AppointmentStatus.NO_SHOW)
    town.appointment(at(15), AppointmentStatus.CANCELLED)
    town.ticket(at(9, day=MONDAY + datetime.timedelta(days=1)), at(9, 5, day=MONDAY + datetime.timedelta(days=1)))
    visitors = figures(town).visitors
    assert (visitors.visitors, visitors.walk_in, visitors.by_appointment) == (6, 4, 2)
    assert visitors.days_open == 2
    assert visitors.per_day == 3
    assert visitors.appointment_share == pytest.approx(1 / 3)
    assert visitors.by_day == ((MONDAY, 5), (MONDAY + datetime.timedelta(days=1), 1))


def test_late_and_no_show_rates_are_shares_of_the_appointments_that_were_due(town: Town) -> None:
    for hour in (9, 10, 11):
        town.appointment(at(hour), arrived_at=at(hour))
    town.appointment(at(13), late=True, arrived_at=at(13, 12))
    town.appointment(at(14), AppointmentStatus.NO_SHOW)
    town.appointment(at(15), AppointmentStatus.CANCELLED)  # never due
    town.appointment(at(9, day=MONDAY + datetime.timedelta(days=7)))  # next week
    rates = figures(town).appointments
    assert (rates.due, rates.checked_in, rates.late, rates.no_show) == (5, 4, 1, 1)
    assert rates.late_rate == pytest.approx(0.2) and rates.no_show_rate == pytest.approx(0.2)


def test_heat_map_puts_each_visitor_in_the_cell_of_their_weekday_and_local_hour(town: Town) -> None:
    town.ticket(at(9, 15), at(9, 20))
    town.ticket(at(9, 45), at(9, 50))
    saturday = MONDAY + datetime.timedelta(days=5)
    town.ticket(at(10, 5, day=saturday), at(10, 10, day=saturday))
    town.appointment(at(17), arrived_at=at(16, 55))
    heat = figures(town).heat_map
    assert heat.cell(0, 9) == 2
    assert heat.cell(5, 10) == 1
    assert heat.cell(0, 16) == 1  # at the hour it checked in, not its time
    assert heat.total == 4


def test_calls_by_weekday_and_hour_and_first_contact_resolution(town: Town) -> None:
    def contact(
        moment: datetime.datetime, channel: str = ContactChannel.PHONE, outcome: str = Outcome.ANSWERED
    ) -> None:
        Contact.objects.create(
            organisation=town.organisation,
            registered_by=town.organisation,
            channel=channel,
            started_at=moment,
            outcome=outcome,
        )

    contact(at(10, 5))
    contact(at(10, 40), outcome=Outcome.REQUEST)
    contact(at(11, 0))
    tuesday = MONDAY + datetime.timedelta(days=1)
    contact(at(14, 0, day=tuesday), outcome=Outcome.APPOINTMENT)
    contact(at(9, 0, day=tuesday), channel=ContactChannel.EMAIL)
    Contact.objects.create(
        organisation=town.organisation,
        registered_by=town.organisation,
        channel=ContactChannel.PHONE,
        direction=Direction.OUTBOUND,
        started_at=at(12),
        outcome=Outcome.ANSWERED,
    )  # we called them: not a call to the contact centre
    result = figures(town)
    calls = result.calls
    assert calls.calls == 4 and calls.days == 2 and calls.per_day == 2
    assert calls.by_weekday[:2] == (3, 1) and calls.busiest_weekday == 0
    assert calls.by_hour[10] == 2 and calls.peak_hour == 10
    assert (result.first_contact.contacts, result.first_contact.answered) == (5, 3)
    assert result.first_contact.rate == pytest.approx(0.6)


def test_requests_overdue_per_department_count_open_past_due_and_closed_late(town: Town) -> None:
    person = Person.objects.create(name="An Peeters")
    permits, waste = (
        DepartmentFactory(organisation=town.organisation),
        DepartmentFactory(organisation=town.organisation),
    )

    def request(department: Any, due: datetime.date, status: str = RequestStatus.IN_PROGRESS, **kw: Any) -> None:
        Request.objects.create(
            organisation=town.organisation,
            department=department,
            origin="contact",
            person=person,
            subject="x",
            status=status,
            due_on=due,
            created_at=kw.get("created_at", at(9, day=MONDAY - datetime.timedelta(days=30))),
            closed_at=kw.get("closed_at"),
        )

    request(permits, MONDAY)  # open, due on Monday: overdue by the end of the week
    request(permits, MONDAY + datetime.timedelta(days=20))  # open, not yet due
    request(permits, MONDAY, RequestStatus.DONE, closed_at=at(10, day=MONDAY + datetime.timedelta(days=2)))
    request(waste, MONDAY + datetime.timedelta(days=3), RequestStatus.DONE, closed_at=at(10, day=MONDAY))
    # Closed only after the week: at its end it was still open and overdue.
    request(waste, MONDAY, RequestStatus.DONE, closed_at=at(10, day=MONDAY + datetime.timedelta(days=9)))
    overdue = {row.department_id: row for row in figures(town).overdue}
    assert (overdue[permits.pk].open_overdue, overdue[permits.pk].closed_late) == (1, 1)
    assert (overdue[waste.pk].open_overdue, overdue[waste.pk].closed_late) == (1, 0)
    assert overdue[permits.pk].overdue == 2


def test_suggestions_offered_while_booking_and_how_many_were_taken(town: Town) -> None:
    for index, accepted in enumerate((True, False, False, True)):
        appointment = town.appointment(at(9 + index), AppointmentStatus.BOOKED)
        suggestion = VisitSuggestion.objects.create(appointment=appointment, service=town.bags, accepted=accepted)
        VisitSuggestion.objects.filter(pk=suggestion.pk).update(
            created_at=at(8, day=MONDAY + datetime.timedelta(index))
        )
    suggestions = figures(town).suggestions
    assert (suggestions.offered, suggestions.accepted, suggestions.rate) == (4, 2, 0.5)


def test_dashboard_compares_with_the_period_of_the_same_length_before(town: Town) -> None:
    manager = staff_member(town.organisation, Role.MANAGER)
    town.ticket(at(9), at(9, 2))
    week_before = MONDAY - datetime.timedelta(days=7)
    for minute in (0, 10, 20):
        town.ticket(at(9, minute, day=week_before), at(9, minute + 4, day=week_before))
    dashboard = insights_dashboard(user=manager, organisation=town.organisation, start=WEEK.start, end=WEEK.end)
    assert dashboard.current.period == WEEK and dashboard.previous.period == WEEK.previous()
    assert dashboard.current.visitors.visitors == 1 and dashboard.previous.visitors.visitors == 3
    assert dashboard.current.waiting.walk_in.mean == 120 and dashboard.previous.waiting.walk_in.mean == 240


def test_one_location_shows_only_its_own_visitors(town: Town) -> None:
    other = LocationFactory(organisation=town.organisation)
    queue = Queue.objects.create(location=other, slug="quick", name="Quick", kind=QueueKind.QUICK, prefix="S")
    town.ticket(at(9), at(9, 1))
    town.ticket(at(9), at(9, 1), queue=queue)
    assert figures(town).visitors.visitors == 2
    assert figures(town, location=other).visitors.visitors == 1


@pytest.mark.parametrize("role", [Role.CLERK, Role.RECEPTION, Role.CONTACT_CENTRE, Role.BACK_OFFICE])
def test_dashboard_refuses_staff_who_are_no_manager_or_administrator_there(town: Town, role: str) -> None:
    user = staff_member(town.organisation, role)
    with pytest.raises(PermissionDenied):
        insights_dashboard(user=user, organisation=town.organisation, start=WEEK.start, end=WEEK.end)


def test_dashboard_refuses_a_manager_of_another_organisation(town: Town) -> None:
    elsewhere = staff_member(LocationFactory().organisation, Role.MANAGER)
    with pytest.raises(PermissionDenied):
        insights_dashboard(user=elsewhere, organisation=town.organisation, start=WEEK.start, end=WEEK.end)


def test_dashboard_refuses_a_location_of_another_organisation(town: Town) -> None:
    admin = staff_member(town.organisation, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        insights_dashboard(
            user=admin, organisation=town.organisation, location=LocationFactory(), start=WEEK.start, end=WEEK.end
        )


def test_superuser_sees_any_dashboard(town: Town) -> None:
    root = UserFactory(is_superuser=True)
    assert insights_dashboard(user=root, organisation=town.organisation, start=WEEK.start, end=WEEK.end)


def test_dashboard_makes_the_same_few_queries_whatever_the_data(town: Town, django_assert_max_num_queries: Any) -> None:
    manager = staff_member(town.organisation, Role.MANAGER)
    for minute in range(0, 50, 5):
        appointment = town.appointment(at(10, minute), arrived_at=at(10, minute))
        town.ticket(at(9, minute), at(9, minute + 2), at(9, minute + 3), at(9, minute + 8))
        town.ticket(at(10, minute), at(10, minute + 1), at(10, minute + 2), at(10, minute + 9), appointment=appointment)
    with django_assert_max_num_queries(30):
        dashboard = insights_dashboard(user=manager, organisation=town.organisation, start=WEEK.start, end=WEEK.end)
    assert dashboard.current.visitors.visitors == 20


@pytest.mark.postgres
def test_postgres_percentiles_agree_with_the_python_ones(town: Town) -> None:
    assert connection.vendor == "postgresql"
    for wait, service in ((30, 100), (75, 200), (200, 180), (61, 400), (500, 90)):
        issued = at(9)
        called = issued + datetime.timedelta(seconds=wait)
        started = called + datetime.timedelta(seconds=20)
        town.ticket(issued, called, started, started + datetime.timedelta(seconds=service))
    appointment = town.appointment(at(10), arrived_at=at(9, 50))
    town.ticket(at(9, 50), at(10, 2), at(10, 3), at(10, 13), appointment=appointment)
    scope = insights_scope(organisation=town.organisation, location=None, period=WEEK)
    waiting, service_times = selectors.waiting_and_service_python(scope=scope)
    assert _same(selectors.waiting_postgres(scope=scope), waiting)
    assert _same(selectors.service_times_postgres(scope=scope), service_times)


def _same(one: Any, other: Any) -> bool:
    """Dataclasses equal up to floating-point rounding."""
    if isinstance(one, float) or isinstance(other, float):
        return one == pytest.approx(other)
    if isinstance(one, tuple):
        return len(one) == len(other) and all(_same(a, b) for a, b in zip(one, other, strict=True))
    if hasattr(one, "__dataclass_fields__"):
        return type(one) is type(other) and all(
            _same(getattr(one, n), getattr(other, n)) for n in one.__dataclass_fields__
        )
    return bool(one == other)
