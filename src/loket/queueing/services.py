"""Queue writes: issue a ticket, check an appointment in, open a desk, call, serve, transfer, close the day.

Every function runs in one transaction, checks who acts, validates before it writes, and records
what happened as a ``TicketEvent`` (time, actor, desk, queue) and, for staff decisions, in the
audit trail. The order in which "call next" picks is the written policy of
``docs/queue-policy.md``; ``ranked_waiting`` is that policy in SQL, shared with the selectors that
show a citizen their position, so what the screen says is what the desk does.

How two clerks never get the same citizen: ``ticket_call_next`` takes the first ticket of its
ranking with ``SELECT ... FOR UPDATE SKIP LOCKED`` (PostgreSQL), so a ticket another desk is
taking at that instant is passed over, not waited for, and then changes it only while it is still
waiting. A partial unique constraint keeps one called-or-serving ticket per desk. On SQLite every
transaction begins IMMEDIATE (see settings), which serialises the calls.

Who may act: staff of the location's organisation with a queue role (``QUEUE_ROLES``), the kiosk
(``"kiosk"``: take a ticket, check in), or the system (``None``: closing the day).

What this module must never do: hand one ticket to two desks, lose an event, or leave a ticket of
yesterday open.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, F, IntegerField, Max, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import Appointment
from loket.appointments.services import appointment_check_in
from loket.catalog.models import Service
from loket.core.audit import Actor, actor_label, audit_log
from loket.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from loket.core.phone import clean_phone
from loket.organisations.models import Desk, DeskKind, Location
from loket.organisations.opening import location_rules, next_opening
from loket.organisations.opening_engine import opening_for_day
from loket.organisations.selectors import QUEUE_ROLES, staff_organisation_ids
from loket.queueing import messages
from loket.queueing.models import (
    AT_DESK_STATUSES,
    OPEN_STATUSES,
    ClosedReason,
    CounterSession,
    CounterStatus,
    Queue,
    QueueKind,
    Ticket,
    TicketEvent,
    TicketEventKind,
    TicketSource,
    TicketStatus,
)

LANGUAGES = ("nl", "fr", "en")


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def local_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(TIMEZONE).date()


# --- Who acts ----------------------------------------------------------------------------------


def _check_staff(actor: Actor, location: Location) -> AbstractBaseUser:
    """The acting staff member, who must work in the location's organisation with a queue role."""
    if not isinstance(actor, AbstractBaseUser) or location.organisation_id not in staff_organisation_ids(
        user=actor, roles=QUEUE_ROLES
    ):
        raise PermissionDenied(_("Only staff of this location can do this."))
    return actor


def _event(
    ticket: Ticket,
    kind: str,
    *,
    actor: Actor,
    at: datetime.datetime,
    desk: Desk | None = None,
    note: str = "",
) -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket,
        kind=kind,
        at=at,
        queue_id=ticket.queue_id,
        desk=desk,
        actor_id=actor.pk if isinstance(actor, AbstractBaseUser) else None,
        actor_label=actor_label(actor),
        note=note[:300],
    )


# --- Tickets -----------------------------------------------------------------------------------


def _next_number(queue: Queue, day: datetime.date) -> int:
    """The next number of ``queue`` today; the caller holds the queue's row lock."""
    last = Ticket.objects.filter(numbered_in=queue, day=day).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _locked_queue(queue: Queue) -> Queue:
    try:
        return Queue.objects.select_for_update().select_related("location").get(pk=queue.pk, active=True)
    except Queue.DoesNotExist:
        raise NotFound(_("This queue does not take tickets.")) from None


def queue_opens_at(*, location: Location, desk_kind: str, now: datetime.datetime) -> datetime.datetime | None:
    """When a queue of ``desk_kind`` desks is next open: ``now`` while open, ``None`` if not within two weeks.

    Pass the location as read by the caller: one whose opening hours are prefetched reads none again.
    """
    return next_opening(location=location, after=now, desk_kind=desk_kind, days=14)


def _check_open(queue: Queue, now: datetime.datetime) -> None:
    """The kiosk gives tickets only while the queue's desks are open; otherwise it says when they open."""
    opens = queue_opens_at(location=queue.location, desk_kind=queue.desk_kind, now=now)
    if opens != now:
        raise DomainError(messages.closed_message(opens=opens, now=now), code="closed")


@transaction.atomic
def ticket_issue(
    *,
    actor: Actor,
    queue: Queue,
    service: Service | None = None,
    language: str = "nl",
    phone: str = "",
    assisted: bool = False,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Ticket:
    """A new ticket in ``queue``: from the kiosk (``"kiosk"``, only while open) or from reception (staff).

    ``service`` must be one the queue serves (empty: a general question, only at reception's
    queue). ``phone`` (optional) gets a text message when the turn is near. Only staff may mark the
    ticket as ``assisted`` (the citizen needs help; called before other walk-ins).
    """
    now = _now(now)
    queue = _locked_queue(queue)
    staff = actor != "kiosk"
    if staff:
        _check_staff(actor, queue.location)
    elif assisted or note:
        raise PermissionDenied(_("Only staff can mark a ticket or add a note to it."))
    if language not in LANGUAGES:
        raise DomainError(_("Choose Dutch, French or English."), code="invalid", field="language")
    if service is None:
        if queue.kind != QueueKind.RECEPTION:
            raise DomainError(_("Choose what you come for."), code="invalid", field="service")
    elif not queue.services.filter(pk=service.pk).exists():
        raise DomainError(_("This queue does not serve that."), code="invalid", field="service")
    if phone:
        phone = clean_phone(phone)
    if not staff:
        if not queue.walk_in:
            raise DomainError(_("This counter works by appointment only. Please ask at the reception desk."))
        _check_open(queue, now)
    return _create_ticket(
        queue=queue,
        service=service,
        source=TicketSource.RECEPTION if staff else TicketSource.KIOSK,
        language=language,
        phone=phone,
        assisted=assisted,
        note=note,
        actor=actor,
        now=now,
    )


def _create_ticket(
    *,
    queue: Queue,
    service: Service | None,
    source: str,
    language: str,
    actor: Actor,
    now: datetime.datetime,
    phone: str = "",
    assisted: bool = False,
    note: str = "",
    appointment: Appointment | None = None,
) -> Ticket:
    day = local_day(now)
    number = _next_number(queue, day)
    ticket = Ticket.objects.create(
        queue=queue,
        numbered_in=queue,
        day=day,
        number=number,
        code=f"{queue.prefix}{number:03d}",
        service=service,
        source=source,
        language=language,
        phone=phone,
        assisted=assisted,
        note=note[:300],
        appointment=appointment,
        due_at=appointment.start if appointment else None,
        issued_at=now,
    )
    _event(ticket, TicketEventKind.ISSUED, actor=actor, at=now, note=note)
    return ticket


# A service several queues serve is waited for at a theme counter first, then the quick counter,
# then reception (the kiosk offers it there too).
QUEUE_KIND_PREFERENCE = (QueueKind.THEME, QueueKind.QUICK, QueueKind.RECEPTION)


def queue_for_service(*, location: Location, service: Service | None) -> Queue | None:
    """The queue a citizen for ``service`` waits in: a theme queue first, then any, then reception."""
    queues = Queue.objects.filter(location=location, active=True)
    if service is not None:
        serving = list(queues.filter(services=service))
        for kind in QUEUE_KIND_PREFERENCE:
            for queue in serving:
                if queue.kind == kind:
                    return queue
    return queues.filter(kind=QueueKind.RECEPTION).first()


@transaction.atomic
def ticket_check_in(*, actor: Actor, appointment: Appointment, now: datetime.datetime | None = None) -> Ticket | None:
    """Check an appointment in (``appointments.services.appointment_check_in``) and give it its ticket.

    The ticket waits in the queue of the appointment's first service (or reception's) and is
    called at the appointment's time, before walk-ins (``docs/queue-policy.md``). At a location
    without such a queue (appointments only, the desk fetches people itself) the appointment is
    checked in without a ticket: ``None``.
    """
    now = _now(now)
    appointment = appointment_check_in(actor=actor, appointment=appointment, now=now)
    service = (
        Service.objects.filter(appointment_parts__appointment=appointment)
        .order_by("appointment_parts__start", "pk")
        .first()
    )
    queue = queue_for_service(location=appointment.location, service=service)
    if queue is None:
        return None
    queue = _locked_queue(queue)
    if service is not None and not queue.services.filter(pk=service.pk).exists():
        service = None  # waits at reception, which serves everyone
    return _create_ticket(
        queue=queue,
        service=service,
        source=TicketSource.APPOINTMENT,
        language=appointment.language,
        actor=actor,
        now=now,
        phone=appointment.phone,
        appointment=appointment,
    )


# --- Desks -------------------------------------------------------------------------------------


def clerk_services(*, clerk: AbstractBaseUser, location: Location) -> QuerySet[Service]:
    """The services a clerk may serve at ``location``: their skills that one of its queues serves."""
    return (
        Service.objects.filter(skilled_staff__user_id=clerk.pk, queues__location=location, queues__active=True)
        .distinct()
        .order_by("slug")
    )


@transaction.atomic
def counter_open(
    *, actor: Actor, desk: Desk, services: Sequence[Service], now: datetime.datetime | None = None
) -> CounterSession:
    """Open ``desk`` for the acting clerk, serving ``services`` today (each one of their skills)."""
    now = _now(now)
    clerk = _check_staff(actor, desk.location)
    desk = Desk.objects.select_for_update().get(pk=desk.pk)
    if not desk.active:
        raise DomainError(_("This desk is not in use."), code="invalid", field="desk")
    if not services:
        raise DomainError(_("Choose at least one service you serve today."), code="invalid", field="services")
    allowed = set(clerk_services(clerk=clerk, location=desk.location).values_list("pk", flat=True))
    if any(service.pk not in allowed for service in services) and not getattr(clerk, "is_superuser", False):
        raise DomainError(_("You can only serve the services you are skilled for."), code="invalid", field="services")
    mine = CounterSession.objects.filter(clerk_id=clerk.pk).exclude(status=CounterStatus.CLOSED).first()
    if mine is not None:
        raise Conflict(
            _("You already have %(desk)s open. Close it first.") % {"desk": mine.desk.name}, code="already_open"
        )
    taken = CounterSession.objects.filter(desk=desk).exclude(status=CounterStatus.CLOSED).select_related("clerk")
    if taken.exists():
        raise Conflict(_("Someone else works at this desk now."), code="desk_taken")
    try:
        with transaction.atomic():
            session = CounterSession.objects.create(desk=desk, clerk_id=clerk.pk, opened_at=now)
    except IntegrityError:  # opened at the same instant by another clerk
        raise Conflict(_("Someone else works at this desk now."), code="desk_taken") from None
    session.services.set(services)
    audit_log(
        actor=actor,
        action="queueing.counter_open",
        obj=session,
        organisation_id=desk.location.organisation_id,
        changes={"desk": desk.name, "services": sorted(s.slug for s in services)},
    )
    return session


def _locked_session(actor: Actor, session: CounterSession) -> CounterSession:
    """The session, locked (one write at a desk at a time), annotated with ``has_ticket`` (someone at the desk)."""
    at_desk = Ticket.objects.filter(desk_id=OuterRef("desk_id"), status__in=AT_DESK_STATUSES)
    session = (
        CounterSession.objects.select_for_update(of=("self",))
        .select_related("desk__location")
        .annotate(has_ticket=Exists(at_desk))
        .get(pk=session.pk)
    )
    clerk = _check_staff(actor, session.desk.location)
    if session.clerk_id != clerk.pk:
        raise PermissionDenied(_("This desk is opened by someone else."))
    if session.status == CounterStatus.CLOSED:
        raise DomainError(_("This desk is closed. Open it again to call."), code="closed")
    return session


@transaction.atomic
def counter_pause(
    *, actor: Actor, session: CounterSession, paused: bool = True, now: datetime.datetime | None = None
) -> CounterSession:
    """Pause the desk (no calls; not counted in wait estimates) or take up work again."""
    session = _locked_session(actor, session)
    old_status = session.status
    session.status = CounterStatus.PAUSED if paused else CounterStatus.OPEN
    session.save(update_fields=["status"])
    if old_status != session.status:
        audit_log(
            actor=actor,
            action="queueing.counter_pause",
            obj=session,
            organisation_id=session.desk.location.organisation_id,
            changes={"status": [old_status, session.status]},
        )
    return session


@transaction.atomic
def counter_close(*, actor: Actor, session: CounterSession, now: datetime.datetime | None = None) -> CounterSession:
    """Close the desk; refused while a citizen is still called to it or being served."""
    now = _now(now)
    session = _locked_session(actor, session)
    if Ticket.objects.filter(desk=session.desk, status__in=AT_DESK_STATUSES).exists():
        raise DomainError(_("Finish or transfer the current ticket first."), code="ticket_at_desk")
    session.status = CounterStatus.CLOSED
    session.closed_at = now
    session.save(update_fields=["status", "closed_at"])
    audit_log(
        actor=actor,
        action="queueing.counter_close",
        obj=session,
        organisation_id=session.desk.location.organisation_id,
        changes={"desk": session.desk.name},
    )
    return session


# --- Calling -----------------------------------------------------------------------------------

# Ranks of ``ranked_waiting``, lowest first (docs/queue-policy.md).
RANK_FOR_THIS_DESK = 0
RANK_APPOINTMENT_DUE = 1
RANK_ASSISTED = 2
RANK_WALK_IN = 3
RANK_APPOINTMENT_EARLY = 4


def ranked_waiting(tickets: QuerySet[Ticket], *, now: datetime.datetime, desk: Desk | None = None) -> QuerySet[Ticket]:
    """Waiting tickets in the order they are called (docs/queue-policy.md), as one SQL ``ORDER BY``.

    With ``desk``, tickets transferred to that desk come first; without, they keep their rank.
    """
    due = now + datetime.timedelta(minutes=settings.LOKET_QUEUE_APPOINTMENT_EARLY_MINUTES)
    cases = [When(target_desk_id=desk.pk, then=Value(RANK_FOR_THIS_DESK))] if desk is not None else []
    return (
        tickets.filter(status=TicketStatus.WAITING)
        .annotate(
            rank=Case(
                *cases,
                When(due_at__lte=due, then=Value(RANK_APPOINTMENT_DUE)),
                When(due_at__isnull=False, then=Value(RANK_APPOINTMENT_EARLY)),
                When(assisted=True, then=Value(RANK_ASSISTED)),
                default=Value(RANK_WALK_IN),
                output_field=IntegerField(),
            ),
            # An appointment waits for its time; everyone else keeps the place they took.
            place_at=Case(When(due_at__isnull=False, then=F("due_at")), default=F("issued_at")),
        )
        .order_by("rank", "place_at", "pk")
    )


def callable_by(session: CounterSession) -> QuerySet[Ticket]:
    """The waiting tickets of the session's location that its desk may call, in no particular order.

    A ticket for a service the clerk serves today; a ticket without a service (a general question)
    when its queue serves one of those services; a ticket transferred to a desk by that desk only,
    whatever its service.
    """
    services = CounterSession.services.through.objects.filter(countersession_id=session.pk).values("service_id")
    queue_serves = Queue.services.through.objects.filter(queue_id=OuterRef("queue_id"), service_id__in=services)
    serves = Q(service_id__in=services) | Q(service__isnull=True) & Exists(queue_serves)
    return Ticket.objects.filter(
        # Sent to this desk: whatever it is for (whoever sent it chose this desk on purpose).
        Q(target_desk_id=session.desk_id) | (Q(target_desk__isnull=True) & serves),
        queue__location_id=session.desk.location_id,
        status=TicketStatus.WAITING,
    )


def _skip_locked(queryset: QuerySet[Ticket]) -> QuerySet[Ticket]:
    from django.db import connection

    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.select_for_update()


@transaction.atomic
def ticket_call_next(*, actor: Actor, session: CounterSession, now: datetime.datetime | None = None) -> Ticket | None:
    """Call the next ticket this desk may serve, by the written policy; ``None`` when nobody waits."""
    now = _now(now)
    session = _locked_session(actor, session)
    if session.status == CounterStatus.PAUSED:
        raise DomainError(_("Your desk is paused. Take up work again to call."), code="paused")
    desk = session.desk
    if session.has_ticket:  # type: ignore[attr-defined]  # annotated by _locked_session
        raise DomainError(_("Finish or transfer the current ticket first."), code="ticket_at_desk")
    ticket = _skip_locked(ranked_waiting(callable_by(session), now=now, desk=desk)).first()
    if ticket is None:
        return None
    ticket.status = TicketStatus.CALLED
    ticket.desk = desk
    ticket.target_desk = None
    ticket.called_at = now
    ticket.recalls = 0
    ticket.save(update_fields=["status", "desk", "target_desk", "called_at", "recalls"])
    _event(ticket, TicketEventKind.CALLED, actor=actor, at=now, desk=desk)
    messages.send_turn_near(queue_id=ticket.queue_id, now=now)
    return ticket


def _locked_ticket(actor: Actor, ticket: Ticket) -> tuple[Ticket, AbstractBaseUser]:
    """The ticket, locked, and the acting staff member of its location."""
    ticket = Ticket.objects.select_for_update(of=("self",)).select_related("queue__location").get(pk=ticket.pk)
    return ticket, _check_staff(actor, ticket.queue.location)


def _check_at_my_desk(clerk: AbstractBaseUser, ticket: Ticket) -> None:
    session = CounterSession.objects.filter(clerk_id=clerk.pk, desk_id=ticket.desk_id or 0).exclude(
        status=CounterStatus.CLOSED
    )
    if ticket.status not in AT_DESK_STATUSES or not session.exists():
        raise DomainError(_("This ticket is not at your desk."), code="not_at_desk")


def _at_my_desk(actor: Actor, ticket: Ticket) -> Ticket:
    """The ticket, locked, which must be called to or served at the acting clerk's open desk."""
    ticket, clerk = _locked_ticket(actor, ticket)
    _check_at_my_desk(clerk, ticket)
    return ticket


@transaction.atomic
def ticket_recall(*, actor: Actor, ticket: Ticket, now: datetime.datetime | None = None) -> Ticket:
    """Call the same ticket again (the screen shows and says it once more)."""
    now = _now(now)
    ticket = _at_my_desk(actor, ticket)
    if ticket.status != TicketStatus.CALLED:
        raise DomainError(_("This ticket is already being served."), code="serving")
    ticket.recalls += 1
    ticket.called_at = now
    ticket.save(update_fields=["recalls", "called_at"])
    _event(ticket, TicketEventKind.RECALLED, actor=actor, at=now, desk=ticket.desk)
    return ticket


@transaction.atomic
def ticket_start(*, actor: Actor, ticket: Ticket, now: datetime.datetime | None = None) -> Ticket:
    """The citizen is at the desk: service starts (the waiting time ends here)."""
    now = _now(now)
    ticket = _at_my_desk(actor, ticket)
    if ticket.status == TicketStatus.CALLED:
        ticket.status = TicketStatus.SERVING
        ticket.save(update_fields=["status"])
        _event(ticket, TicketEventKind.STARTED, actor=actor, at=now, desk=ticket.desk)
    return ticket


@transaction.atomic
def ticket_finish(
    *, actor: Actor, ticket: Ticket, services: Sequence[Service] = (), now: datetime.datetime | None = None
) -> Ticket:
    """Served. ``services``: what was actually done (default: what the ticket was for)."""
    now = _now(now)
    ticket = _at_my_desk(actor, ticket)
    if ticket.status == TicketStatus.CALLED:  # served without pressing "start": service starts now
        _event(ticket, TicketEventKind.STARTED, actor=actor, at=now, desk=ticket.desk)
    delivered = list(services) or ([ticket.service] if ticket.service else [])
    organisation_id = ticket.queue.location.organisation_id
    if any(service.organisation_id != organisation_id for service in delivered):
        raise DomainError(_("Choose services of this organisation."), code="invalid", field="services")
    desk = ticket.desk
    ticket.status = TicketStatus.DONE
    ticket.desk = None
    ticket.save(update_fields=["status", "desk"])
    ticket.delivered_services.set(delivered)
    _event(ticket, TicketEventKind.FINISHED, actor=actor, at=now, desk=desk, note=", ".join(s.slug for s in delivered))
    return ticket


@transaction.atomic
def ticket_transfer(
    *,
    actor: Actor,
    ticket: Ticket,
    queue: Queue | None = None,
    desk: Desk | None = None,
    service: Service | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Ticket:
    """Send the ticket to another queue or desk, with a note for the next clerk.

    From the desk that has it, or by reception while it waits (re-routing). The ticket keeps its
    number and its place in line (its issue time), so the citizen does not wait twice.
    """
    now = _now(now)
    ticket, clerk = _locked_ticket(actor, ticket)
    if ticket.status in AT_DESK_STATUSES:
        _check_at_my_desk(clerk, ticket)
    elif ticket.status != TicketStatus.WAITING:
        raise DomainError(_("This ticket is no longer in line."), code="not_open")
    location = ticket.queue.location
    if queue is None and desk is None:
        raise DomainError(_("Choose a queue or a desk."), code="invalid", field="queue")
    if queue is not None and (queue.location_id != location.pk or not queue.active):
        raise DomainError(_("Choose a queue of this location."), code="invalid", field="queue")
    if desk is not None and (desk.location_id != location.pk or not desk.active):
        raise DomainError(_("Choose a desk of this location."), code="invalid", field="desk")
    if desk is not None and desk.pk == ticket.desk_id:
        raise DomainError(_("The ticket is already at this desk."), code="invalid", field="desk")
    new_queue = queue or ticket.queue
    new_service = service if service is not None else ticket.service
    if new_service is not None and not new_queue.services.filter(pk=new_service.pk).exists():
        new_service = None  # the new queue decides what it is for; a general question there
    if new_service is None and new_queue.kind != QueueKind.RECEPTION and queue is not None:
        raise DomainError(_("Choose the service the citizen needs in that queue."), code="invalid", field="service")
    from_desk = ticket.desk
    ticket.queue = new_queue
    ticket.service = new_service
    ticket.status = TicketStatus.WAITING
    ticket.desk = None
    ticket.target_desk = desk
    ticket.recalls = 0
    ticket.note = note[:300]
    ticket.save(update_fields=["queue", "service", "status", "desk", "target_desk", "recalls", "note"])
    target = desk.name if desk else new_queue.name
    _event(ticket, TicketEventKind.TRANSFERRED, actor=actor, at=now, desk=from_desk, note=f"→ {target}: {note}".strip())
    return ticket


@transaction.atomic
def ticket_no_show(*, actor: Actor, ticket: Ticket, now: datetime.datetime | None = None) -> Ticket:
    """The citizen did not come after the calls; allowed once called ``LOKET_QUEUE_NO_SHOW_RECALLS`` more times."""
    now = _now(now)
    ticket = _at_my_desk(actor, ticket)
    needed = settings.LOKET_QUEUE_NO_SHOW_RECALLS
    if ticket.status != TicketStatus.CALLED:
        raise DomainError(_("This ticket is already being served."), code="serving")
    if ticket.recalls < needed:
        raise DomainError(
            ngettext_lazy(
                "Call the ticket again first: %(count)d more time.",
                "Call the ticket again first: %(count)d more times.",
                "count",
            )
            % {"count": needed - ticket.recalls},
            code="recall_first",
        )
    desk = ticket.desk
    ticket.status = TicketStatus.NO_SHOW
    ticket.desk = None
    ticket.save(update_fields=["status", "desk"])
    _event(ticket, TicketEventKind.NO_SHOW, actor=actor, at=now, desk=desk)
    return ticket


@transaction.atomic
def ticket_return(*, actor: Actor, ticket: Ticket, now: datetime.datetime | None = None) -> Ticket:
    """Undo a no-show: the citizen turned up after all. Back in line at their old place, the same day.

    When the acting clerk has a desk open, the ticket goes to that desk, called first there.
    """
    now = _now(now)
    ticket, clerk = _locked_ticket(actor, ticket)
    if ticket.status != TicketStatus.NO_SHOW:
        raise DomainError(_('Only a ticket marked "did not come" can be put back in line.'), code="not_no_show")
    if ticket.day != local_day(now):
        raise DomainError(_("This ticket was for another day."), code="not_today")
    session = CounterSession.objects.filter(clerk_id=clerk.pk, desk__location=ticket.queue.location).exclude(
        status=CounterStatus.CLOSED
    )
    mine = session.select_related("desk").first()
    ticket.status = TicketStatus.WAITING
    ticket.target_desk = mine.desk if mine else None
    ticket.recalls = 0
    ticket.save(update_fields=["status", "target_desk", "recalls"])
    _event(ticket, TicketEventKind.RETURNED, actor=actor, at=now, desk=mine.desk if mine else None)
    return ticket


@transaction.atomic
def ticket_set_assisted(
    *, actor: Actor, ticket: Ticket, assisted: bool = True, now: datetime.datetime | None = None
) -> Ticket:
    """Mark (or unmark) that the citizen needs help: called before other walk-ins; seen by staff only."""
    now = _now(now)
    ticket, _clerk = _locked_ticket(actor, ticket)
    if ticket.status not in OPEN_STATUSES:
        raise DomainError(_("This ticket is no longer in line."), code="not_open")
    if ticket.assisted != assisted:
        ticket.assisted = assisted
        ticket.save(update_fields=["assisted"])
        _event(ticket, TicketEventKind.ASSISTED, actor=actor, at=now, note="on" if assisted else "off")
    return ticket


# --- Close of day ------------------------------------------------------------------------------


def _closing_times(location: Location, day: datetime.date) -> dict[str, datetime.datetime | None]:
    """When each kind of desk of ``location`` closes on ``day`` (its last period), ``None`` if closed all day."""
    rules = location_rules(location=location, start=day, end=day)
    times: dict[str, datetime.datetime | None] = {}
    for kind in DeskKind.values:
        periods = opening_for_day(rules, day, kind).periods
        times[kind] = datetime.datetime.combine(day, periods[-1].closes, tzinfo=TIMEZONE) if periods else None
    return times


def queues_close_day(*, now: datetime.datetime | None = None) -> int:
    """Close every ticket still open after its queue's desks closed (plus a grace), or of an earlier day.

    A queue keeps the hours of its kind of desk: the quick counter's line closes when the quick
    counter does, even while theme counters work on. Each ticket becomes "not served" with its
    reason and a ``closed`` event, so the day's counts stay for the dashboard and nothing carries
    into the next day. Desks left open after their hours are closed too. Returns how many tickets
    were closed.
    """
    now = _now(now)
    today = local_day(now)
    grace = datetime.timedelta(minutes=settings.LOKET_QUEUE_CLOSE_GRACE_MINUTES)

    def past(closing: datetime.datetime | None) -> bool:
        return closing is None or now >= closing + grace

    closed = 0
    open_tickets = Ticket.objects.filter(status__in=OPEN_STATUSES)
    open_sessions = CounterSession.objects.exclude(status=CounterStatus.CLOSED)
    location_ids = set(open_tickets.values_list("queue__location_id", flat=True).distinct())
    location_ids |= set(open_sessions.values_list("desk__location_id", flat=True).distinct())
    for location in Location.objects.filter(pk__in=location_ids):
        closing = _closing_times(location, today)
        with transaction.atomic():
            tickets = open_tickets.filter(queue__location=location).select_related("queue")
            for ticket in tickets.select_for_update(of=("self",)):
                if ticket.day >= today and not past(closing[ticket.queue.desk_kind]):
                    continue
                reason = (
                    ClosedReason.CLOSING_TIME if ticket.status == TicketStatus.WAITING else ClosedReason.NOT_FINISHED
                )
                ticket.status = TicketStatus.NOT_SERVED
                ticket.desk = None
                ticket.closed_reason = reason
                ticket.save(update_fields=["status", "desk", "closed_reason"])
                _event(ticket, TicketEventKind.CLOSED, actor=None, at=now, note=reason)
                closed += 1
            for session in open_sessions.filter(desk__location=location).select_related("desk"):
                over = session.opened_at.astimezone(TIMEZONE).date() < today or past(closing[session.desk.kind])
                if over and not Ticket.objects.filter(desk=session.desk, status__in=AT_DESK_STATUSES).exists():
                    session.status = CounterStatus.CLOSED
                    session.closed_at = now
                    session.save(update_fields=["status", "closed_at"])
    return closed
