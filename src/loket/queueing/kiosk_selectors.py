"""Reads for the hall's kiosk and the citizen's ticket page: what the touch screen offers right now,
and what a ticket's page says. Nothing here writes.

Built on ``selectors`` (``queue_states``, ``ticket_state``), so the wait a kiosk shows is the one the
ticket page shows later. Two rules are taken from ``services`` and must stay the same as there:

- a queue gives kiosk tickets only while its kind of desk is open (``services._check_open``); the
  kiosk shows no button for a closed queue and says when it opens, in the same words;
- a service is offered once, at the walk-in queue ``services.queue_for_service`` would prefer (a
  theme queue first, then the quick counter, then reception), so a citizen never chooses between
  two buttons that mean the same thing. A queue by appointment only (``walk_in`` off) has no button
  (``ticket_issue`` refuses the kiosk there). Reception also offers "other question" (no service).

What this module must never do: show staff-only data (the assisted mark, notes, the reason a
ticket was closed) on a citizen's screen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext

from loket.appointments.availability import TIMEZONE
from loket.catalog.models import Service
from loket.core.i18n import Translated, translated
from loket.organisations.models import Location
from loket.queueing import messages
from loket.queueing.models import Queue, QueueKind, Ticket, TicketStatus
from loket.queueing.selectors import queue_states, ticket_state
from loket.queueing.services import QUEUE_KIND_PREFERENCE, queue_opens_at

# The order ``services.queue_for_service`` prefers a queue in, for a service more than one serves.
FINAL_STATUSES = (TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.NOT_SERVED)


def kiosk_location(*, slug: str) -> Location | None:
    """The location by its slug, with its weekly hours (read once for every kind of desk)."""
    return Location.objects.filter(slug=slug).prefetch_related("opening_hours").first()


@dataclass(frozen=True)
class KioskOption:
    """One button: a ticket for ``service`` (``None``: a general question) in ``queue``."""

    value: str  # what the button posts: "<queue pk>:<service pk or nothing>"
    queue: Queue
    service: Service | None
    label: Translated | str


@dataclass(frozen=True)
class KioskQueue:
    queue: Queue
    name: Translated
    pictogram: str
    options: list[KioskOption]
    waiting: int
    open_desks: int
    estimate_minutes: int | None  # for a ticket taken now; ``None`` while no desk is open for it
    open_now: bool
    opens_at: datetime.datetime | None  # when closed: the next opening within two weeks
    closed_message: str


@dataclass(frozen=True)
class KioskBoard:
    location: Location
    location_name: Translated
    queues: list[KioskQueue]
    open_now: bool  # at least one queue gives tickets now
    closed_message: str  # when none does: when the first one opens
    options: dict[str, KioskOption] = field(default_factory=dict)  # only those of open queues


def kiosk_board(*, location: Location, lang: str, now: datetime.datetime | None = None) -> KioskBoard:
    """The kiosk's start page: each active queue with its buttons, its wait, and whether it is open now."""
    now = now or timezone.now()
    # Active queues in kiosk order; a queue by appointment only (not ``walk_in``) has no button.
    states = [state for state in queue_states(location=location, now=now) if state.queue.walk_in]
    served: dict[int, list[Service]] = {state.queue.pk: [] for state in states}
    for row in Queue.services.through.objects.filter(queue_id__in=served).select_related("service"):
        served[row.queue_id].append(row.service)
    chosen: dict[int, Queue] = {}  # service pk -> the queue it is offered at
    services: dict[int, Service] = {}
    for kind in QUEUE_KIND_PREFERENCE:
        for state in states:
            if state.queue.kind != kind:
                continue
            for service in served[state.queue.pk]:
                chosen.setdefault(service.pk, state.queue)
                services[service.pk] = service
    opening: dict[str, datetime.datetime | None] = {}  # per desk kind: queues of one kind share hours
    board: list[KioskQueue] = []
    for state in states:
        queue = state.queue
        options = [
            KioskOption(
                value=f"{queue.pk}:{service.pk}",
                queue=queue,
                service=service,
                label=translated(service, "title", lang),
            )
            for service in sorted(
                (services[pk] for pk, at_queue in chosen.items() if at_queue.pk == queue.pk),
                key=lambda service: translated(service, "title", lang).text.casefold(),
            )
        ]
        if queue.kind == QueueKind.RECEPTION:
            options.append(
                KioskOption(value=f"{queue.pk}:", queue=queue, service=None, label=gettext("Other question"))
            )
        if not options:
            continue
        if queue.desk_kind not in opening:
            opening[queue.desk_kind] = queue_opens_at(location=location, desk_kind=queue.desk_kind, now=now)
        opens = opening[queue.desk_kind]
        open_now = opens == now
        board.append(
            KioskQueue(
                queue=queue,
                name=translated(queue, "name", lang),
                pictogram=queue.pictogram,
                options=options,
                waiting=state.waiting,
                open_desks=state.open_desks,
                estimate_minutes=state.estimate_minutes,
                open_now=open_now,
                opens_at=None if open_now else opens,
                closed_message="" if open_now else messages.closed_message(opens=opens, now=now),
            )
        )
    open_now = any(queue.open_now for queue in board)
    soonest = min((queue.opens_at for queue in board if queue.opens_at), default=None)
    return KioskBoard(
        location=location,
        location_name=translated(location, "name", lang),
        queues=board,
        open_now=open_now,
        closed_message="" if open_now else messages.closed_message(opens=soonest, now=now),
        options={option.value: option for queue in board if queue.open_now for option in queue.options},
    )


@dataclass(frozen=True)
class TicketView:
    """What the citizen's ticket page (and the kiosk's ticket screen) shows, and nothing more."""

    ticket: Ticket
    code: str
    queue_name: Translated
    status: str
    issued_at: datetime.datetime  # local time
    due_at: datetime.datetime | None  # local time of the appointment, for a checked-in appointment
    ahead: int | None  # people before you while waiting
    estimate_minutes: int | None  # ``None`` while waiting means no desk is open for the queue
    your_turn: bool  # called: go to ``desk_name``
    serving: bool
    desk_name: str
    final: bool  # served, did not come or not served: the page stops updating
    version: str  # changes when anything shown changes: the status poll answers "no change" otherwise

    @property
    def no_desk_open(self) -> bool:
        return self.status == TicketStatus.WAITING and self.estimate_minutes is None


def ticket_view(*, ticket: Ticket, lang: str, now: datetime.datetime | None = None) -> TicketView:
    state = ticket_state(ticket=ticket, now=now)
    desk = ticket.desk
    at_desk = ticket.status in (TicketStatus.CALLED, TicketStatus.SERVING)
    desk_name = desk.name if desk is not None and at_desk else ""
    version = ".".join(
        str(part)
        for part in (
            ticket.status,
            ticket.queue_id,
            state.ahead,
            state.estimate_minutes,
            ticket.desk_id,
            ticket.recalls,
        )
    )
    return TicketView(
        ticket=ticket,
        code=ticket.code,
        queue_name=translated(ticket.queue, "name", lang),
        status=ticket.status,
        issued_at=ticket.issued_at.astimezone(TIMEZONE),
        due_at=ticket.due_at.astimezone(TIMEZONE) if ticket.due_at else None,
        ahead=state.ahead,
        estimate_minutes=state.estimate_minutes,
        your_turn=state.your_turn,
        serving=ticket.status == TicketStatus.SERVING,
        desk_name=desk_name,
        final=ticket.status in FINAL_STATUSES,
        version=version,
    )
