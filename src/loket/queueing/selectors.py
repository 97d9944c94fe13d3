"""Reads of the walk-in queue: a ticket's place and wait, a location's queues at a glance, a desk's
work (the display screens' reads are in ``display_selectors``). Nothing here writes.

Positions use ``services.ranked_waiting``, the same order the desks call in, so the place a
citizen sees is the place they have. Estimates come from ``estimates`` with figures read here.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils import timezone

from loket.appointments.models import Appointment, AppointmentStatus
from loket.catalog.models import Service
from loket.organisations.models import Location
from loket.organisations.selectors import User
from loket.queueing import estimates
from loket.queueing.models import (
    AT_DESK_STATUSES,
    CounterSession,
    CounterStatus,
    Queue,
    Ticket,
    TicketEvent,
    TicketEventKind,
    TicketStatus,
)
from loket.queueing.services import callable_by, ranked_waiting


def ticket_by_key(*, key: str) -> Ticket | None:
    """The ticket whose page address holds ``key`` (128 random bits), or ``None``."""
    return Ticket.objects.select_related("queue__location", "desk", "service").filter(public_key=key).first()


def _queue_service_ids(queues: Sequence[Queue]) -> dict[int, set[int]]:
    through = Queue.services.through.objects.filter(queue_id__in=[q.pk for q in queues])
    result: dict[int, set[int]] = {q.pk: set() for q in queues}
    for queue_id, service_id in through.values_list("queue_id", "service_id"):
        result[queue_id].add(service_id)
    return result


def _recent_service_minutes(queue_ids: list[int], now: datetime.datetime) -> dict[int, list[float]]:
    """Per queue, how long its most recent tickets took a desk (last call to finish), most recent first.

    Two queries for all the queues: the finished events of the last hours, then their starts.
    """
    since = now - datetime.timedelta(hours=estimates.RECENT_HOURS)
    recent: dict[int, list[tuple[int, datetime.datetime]]] = {pk: [] for pk in queue_ids}
    for queue_id, ticket_id, at in (
        TicketEvent.objects.filter(queue_id__in=queue_ids, kind=TicketEventKind.FINISHED, at__gte=since, at__lte=now)
        .order_by("-at")
        .values_list("queue_id", "ticket_id", "at")
    ):
        if len(recent[queue_id]) < estimates.RECENT_SERVICES:
            recent[queue_id].append((ticket_id, at))
    tickets = [ticket_id for finished in recent.values() for ticket_id, _at in finished]
    # From the (last) call to the finish: the time the desk is taken, the walk to it included.
    calls = TicketEvent.objects.filter(ticket_id__in=tickets, kind=TicketEventKind.CALLED).order_by("at")
    started = dict(calls.values_list("ticket_id", "at"))  # in time order: the last call wins
    return {
        queue_id: [(at - started[t]).total_seconds() / 60 for t, at in finished if t in started]
        for queue_id, finished in recent.items()
    }


@dataclass(frozen=True)
class QueueState:
    """One queue at a glance: for reception, the kiosk and the ticket page."""

    queue: Queue
    waiting: int
    longest_wait_minutes: int  # of those waiting now
    open_desks: int
    busy_desks: int
    estimate_minutes: int | None  # for a ticket taken now; ``None`` while no desk is open for it
    _load: estimates.QueueLoad

    def estimate_for(self, ahead: int) -> int | None:
        """The estimate for a place with ``ahead`` tickets before it."""
        from dataclasses import replace

        return estimates.estimated_wait_minutes(replace(self._load, ahead=ahead))


def queue_states(
    *, location: Location, now: datetime.datetime | None = None, only: Queue | None = None
) -> list[QueueState]:
    """Every active queue of ``location`` (or ``only`` that one) with its waiting count, longest wait,
    open desks and estimate."""
    now = now or timezone.now()
    queues = list(Queue.objects.filter(location=location, active=True).order_by("position", "slug"))
    if only is not None:
        queues = [queue for queue in queues if queue.pk == only.pk]
    service_ids = _queue_service_ids(queues)
    sessions = list(CounterSession.objects.filter(desk__location_id=location.pk, status=CounterStatus.OPEN))
    session_services: dict[int, set[int]] = {s.pk: set() for s in sessions}
    for session_id, service_id in CounterSession.services.through.objects.filter(
        countersession_id__in=list(session_services)
    ).values_list("countersession_id", "service_id"):
        session_services[session_id].add(service_id)
    busy_desks = set(
        Ticket.objects.filter(queue__location=location, status__in=AT_DESK_STATUSES).values_list("desk_id", flat=True)
    )
    waiting = {
        row["queue_id"]: row
        for row in Ticket.objects.filter(queue__location=location, status=TicketStatus.WAITING)
        .values("queue_id")
        .annotate(count=Count("pk"), first=Min("issued_at"))
    }
    horizon = now + datetime.timedelta(hours=1)
    due = dict(
        Appointment.objects.filter(
            location=location, status=AppointmentStatus.BOOKED, start__gte=now, start__lt=horizon
        )
        .values("parts__services__queues")
        .annotate(count=Count("pk", distinct=True))
        .values_list("parts__services__queues", "count")
    )
    catalogue = {
        pk: float(minutes)
        for pk, minutes in Service.objects.filter(queues__in=queues).distinct().values_list("pk", "duration_minutes")
    }
    recent = _recent_service_minutes([q.pk for q in queues], now)
    result = []
    for queue in queues:
        serving = [s for s in sessions if session_services[s.pk] & service_ids[queue.pk]]
        row = waiting.get(queue.pk)
        count = row["count"] if row else 0
        longest = int((now - row["first"]).total_seconds() // 60) if row else 0
        load = estimates.QueueLoad(
            ahead=count,
            appointments_due=due.get(queue.pk, 0),
            open_desks=len(serving),
            busy_desks=sum(1 for s in serving if s.desk_id in busy_desks),
            recent_service_minutes=recent[queue.pk],
            catalogue_minutes=[catalogue[pk] for pk in service_ids[queue.pk] if pk in catalogue],
        )
        result.append(
            QueueState(
                queue=queue,
                waiting=count,
                longest_wait_minutes=max(longest, 0),
                open_desks=load.open_desks,
                busy_desks=load.busy_desks,
                estimate_minutes=estimates.estimated_wait_minutes(load),
                _load=load,
            )
        )
    return result


@dataclass(frozen=True)
class TicketState:
    """What the citizen's ticket page shows."""

    ticket: Ticket
    ahead: int | None  # people before you; ``None`` once called or closed
    estimate_minutes: int | None
    your_turn: bool  # called: go to ``ticket.desk``


def ticket_state(*, ticket: Ticket, now: datetime.datetime | None = None) -> TicketState:
    """Where the ticket stands now: its place in its queue and the estimated wait, or "your turn"."""
    now = now or timezone.now()
    if ticket.status != TicketStatus.WAITING:
        return TicketState(
            ticket=ticket, ahead=None, estimate_minutes=None, your_turn=ticket.status == TicketStatus.CALLED
        )
    line = list(ranked_waiting(Ticket.objects.filter(queue_id=ticket.queue_id), now=now).values_list("pk", flat=True))
    ahead = line.index(ticket.pk) if ticket.pk in line else 0
    [state] = queue_states(location=ticket.queue.location, now=now, only=ticket.queue)
    return TicketState(ticket=ticket, ahead=ahead, estimate_minutes=state.estimate_for(ahead), your_turn=False)


@dataclass(frozen=True)
class DeskWork:
    """The clerk's screen: their open desk, the citizen at it, and how many wait for it."""

    session: CounterSession
    current: Ticket | None
    waiting_for_me: int


def desk_work(*, session: CounterSession) -> DeskWork:
    current = (
        Ticket.objects.filter(desk=session.desk, status__in=AT_DESK_STATUSES).select_related("queue", "service").first()
    )
    return DeskWork(session=session, current=current, waiting_for_me=callable_by(session).count())


def open_session_of(*, user: User) -> CounterSession | None:
    """The desk the staff member has open (not closed), if any."""
    if not user.is_authenticated:
        return None
    return (
        CounterSession.objects.filter(clerk_id=user.pk)
        .exclude(status=CounterStatus.CLOSED)
        .select_related("desk__location")
        .prefetch_related("services")
        .first()
    )


def waiting_tickets(*, location: Location, now: datetime.datetime | None = None) -> list[Ticket]:
    """Every waiting ticket of the location in calling order (per queue), for reception to re-route."""
    now = now or timezone.now()
    return list(
        ranked_waiting(Ticket.objects.filter(queue__location=location), now=now)
        .select_related("queue", "service", "target_desk")
        # ``rank`` and ``place_at`` are annotations of ``ranked_waiting``, which the plugin cannot see.
        .order_by("queue__position", "queue_id", "rank", "place_at", "pk")  # type: ignore[misc]
    )
