"""Reads of the queue's staff pages: a clerk's desk screen and reception's overview of a location.

Everything here is scoped to the organisations where the staff member holds a queue role
(``QUEUE_ROLES``): a location, desk or ticket of another organisation is ``NotFound``, which the
views turn into a 404. Each function returns what one screen needs in a fixed number of queries,
whatever the number of tickets (the views have query-count tests). Nothing here writes; the
order of the line is ``services.ranked_waiting`` (through ``selectors``), never re-implemented.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from loket.appointments.availability import TIMEZONE
from loket.catalog.models import Service
from loket.core.errors import NotFound
from loket.organisations.models import Desk, Location
from loket.organisations.selectors import QUEUE_ROLES, User, staff_organisation_ids
from loket.queueing.models import (
    CounterSession,
    CounterStatus,
    Queue,
    Ticket,
    TicketEvent,
    TicketEventKind,
    TicketStatus,
)
from loket.queueing.selectors import DeskWork, desk_work
from loket.queueing.services import local_day


def queue_organisation_ids(*, user: User) -> set[int]:
    """The organisations where ``user`` works in the walk-in queue."""
    return staff_organisation_ids(user=user, roles=QUEUE_ROLES)


def queue_locations(*, user: User) -> list[Location]:
    """The locations with an active queue, of the organisations where ``user`` works in the queue."""
    return list(
        Location.objects.filter(organisation_id__in=queue_organisation_ids(user=user))
        .filter(pk__in=Queue.objects.filter(active=True).values("location"))
        .select_related("organisation")
        .order_by("organisation__slug", "slug")
    )


def queue_location(*, user: User, slug: str) -> Location:
    """One of the staff member's queue locations by slug; ``NotFound`` for any other."""
    for location in queue_locations(user=user):
        if location.slug == slug:
            return location
    raise NotFound(gettext("This location is not one of your organisation's."))


def ticket_for_staff(*, user: User, pk: int) -> Ticket:
    """A ticket of a location of the staff member's organisations; ``NotFound`` for any other."""
    ticket = (
        Ticket.objects.filter(pk=pk, queue__location__organisation_id__in=queue_organisation_ids(user=user))
        .select_related("queue__location", "service", "desk", "target_desk")
        .first()
    )
    if ticket is None:
        raise NotFound(gettext("There is no such ticket at your organisation."))
    return ticket


def location_services(*, location: Location) -> list[Service]:
    """Every service one of the location's active queues serves: what a desk there may deliver."""
    return list(Service.objects.filter(queues__location=location, queues__active=True).distinct().order_by("slug"))


@dataclass(frozen=True)
class DeskChoice:
    desk: Desk
    taken_by: str  # the clerk who has it open now, or ""


def desk_choices(*, location: Location) -> list[DeskChoice]:
    """The location's desks in use, each with who has it open now (to choose one to open)."""
    sessions = {
        session.desk_id: session.clerk
        for session in CounterSession.objects.filter(desk__location=location)
        .exclude(status=CounterStatus.CLOSED)
        .select_related("clerk")
    }
    desks = Desk.objects.filter(location=location, active=True).order_by("name")
    return [DeskChoice(desk=desk, taken_by=_name(sessions[desk.pk]) if desk.pk in sessions else "") for desk in desks]


def _name(user: object) -> str:
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or getattr(user, "get_username", lambda: "")())


@dataclass(frozen=True)
class TransferTargets:
    queues: list[Queue]
    desks: list[Desk]


def transfer_targets(*, location: Location) -> TransferTargets:
    """Where a ticket of ``location`` may be sent: its active queues and desks."""
    return TransferTargets(
        queues=list(Queue.objects.filter(location=location, active=True).order_by("position", "slug")),
        desks=list(Desk.objects.filter(location=location, active=True).order_by("name")),
    )


def issue_queues(*, location: Location) -> list[Queue]:
    """The active queues of ``location`` with their services, for reception's "give a ticket" form."""
    return list(
        Queue.objects.filter(location=location, active=True)
        .order_by("position", "slug")
        .prefetch_related(Prefetch("services", queryset=Service.objects.order_by("slug")))
    )


@dataclass(frozen=True)
class DeskScreen:
    """What the clerk's desk screen shows besides ``DeskWork``: where the ticket came from, the day's count."""

    work: DeskWork
    waited_minutes: int | None  # from issue to the (last) call of the current ticket
    transferred: bool  # the current ticket was sent here (by a desk or by reception)
    transferred_from: str  # the desk that sent it; "" when reception re-routed it while it waited
    served_today: int


def desk_screen(*, session: CounterSession, now: datetime.datetime | None = None) -> DeskScreen:
    now = now or timezone.now()
    work = desk_work(session=session)
    current = work.current
    waited = None
    transferred, transferred_from = False, ""
    if current is not None:
        first_call = current.called_at or now
        waited = max(0, int((first_call - current.issued_at).total_seconds() // 60))
        transfer = (
            TicketEvent.objects.filter(ticket=current, kind=TicketEventKind.TRANSFERRED)
            .select_related("desk")
            .order_by("-at", "-pk")
            .first()
        )
        if transfer is not None:
            transferred, transferred_from = True, transfer.desk.name if transfer.desk else ""
    start = datetime.datetime.combine(local_day(now), datetime.time(), tzinfo=TIMEZONE)
    served = TicketEvent.objects.filter(desk_id=session.desk_id, kind=TicketEventKind.FINISHED, at__gte=start).count()
    return DeskScreen(
        work=work,
        waited_minutes=waited,
        transferred=transferred,
        transferred_from=transferred_from,
        served_today=served,
    )


def no_shows_today(*, location: Location, now: datetime.datetime | None = None) -> list[Ticket]:
    """Today's tickets of ``location`` marked "did not come", last called first: reception may put them back."""
    now = now or timezone.now()
    return list(
        Ticket.objects.filter(queue__location=location, day=local_day(now), status=TicketStatus.NO_SHOW)
        .select_related("queue", "service")
        .order_by("-called_at", "-pk")
    )


def issued_ticket(*, location: Location, pk: int) -> Ticket | None:
    """The ticket reception just gave (to show its number), if it is of ``location``."""
    return Ticket.objects.filter(pk=pk, queue__location=location).select_related("queue", "service").first()
