"""The dashboard's figures, computed from the stored events: never typed in, never stored by hand.

Every figure is for one organisation (optionally one of its locations) and a period of local
dates ``[start, end)`` (``figures.Period``); ``insights_dashboard`` gives the period and the one
of the same length before it, and is the only entry point for staff: it refuses anyone without
the manager or administrator role in the organisation. The other functions are unscoped reads
for code that has done that check (the dashboard, exports, the benchmark).

Definitions (the docstrings of the functions say the details):

- a **visitor** is a person served at the counters: a checked-in appointment (counted once,
  through the appointment, whatever its ticket became) or a served walk-in ticket (a ticket
  with no appointment that reached "served"). So an appointment's check-in ticket is never
  counted a second time, and a walk-in who left before their turn is no visitor;
- **waiting time** is from the ticket's issue (for an appointment: its time, if the citizen came
  early) to its first call, from the ticket's events; **service time** from the last start of
  service to the end of service, per service the ticket was for;
- the **late** and **no-show rates** are shares of the appointments that were due (checked in
  or no-show; cancelled ones were never due);
- **calls** are inbound phone contacts about the organisation; **first-contact resolution** is
  the share of inbound contacts (every channel) answered at once (outcome "answered").

The percentiles are PostgreSQL's ``percentile_cont`` in raw SQL (the ORM has none); on SQLite the
per-ticket durations are read and the same interpolation is done in Python
(``figures.percentile``). This module never writes.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import Coalesce, ExtractHour, TruncDate

from loket.appointments.models import Appointment, AppointmentStatus, VisitSuggestion
from loket.catalog.models import Service
from loket.contacts.models import CLOSED_STATUSES, Contact, ContactChannel, Direction, Outcome, Request
from loket.insights.figures import EMPTY, Distribution, Period, argmax, distribution, rate
from loket.organisations.models import Department, Location, Organisation, Role
from loket.organisations.selectors import user_has_any_role
from loket.queueing.models import Queue, Ticket, TicketEventKind, TicketStatus

User = AbstractBaseUser | AnonymousUser

# Who sees the dashboard of an organisation.
INSIGHTS_ROLES: frozenset[str] = frozenset({Role.MANAGER, Role.ADMIN})
WEEKDAYS = 7  # Monday is 0, as ``datetime.date.weekday``
HOURS = 24


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# --- The figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Visitors:
    """People served at the counters (see the module's definition), per day open."""

    visitors: int
    by_appointment: int
    walk_in: int
    days_open: int  # days with at least one visitor
    per_day: float | None
    appointment_share: float | None
    walk_in_share: float | None
    by_day: tuple[tuple[datetime.date, int], ...]  # every day with visitors, in order


@dataclass(frozen=True)
class QueueWaiting:
    queue_id: int
    queue: str
    walk_in: Distribution
    appointment: Distribution


@dataclass(frozen=True)
class Waiting:
    """Seconds from the ticket's issue (an appointment: its time, when early) to its first call."""

    queues: tuple[QueueWaiting, ...]
    walk_in: Distribution  # every queue together
    appointment: Distribution


@dataclass(frozen=True)
class ServiceTime:
    service_id: int | None  # ``None``: tickets for a general question (no service)
    service: str
    time: Distribution


@dataclass(frozen=True)
class ServiceTimes:
    """Seconds from the last start of service to its end, for served tickets, per service."""

    services: tuple[ServiceTime, ...]
    overall: Distribution


@dataclass(frozen=True)
class AppointmentRates:
    """Of the appointments that were due (checked in or no-show): late and no-show shares."""

    due: int
    checked_in: int
    late: int
    no_show: int
    late_rate: float | None
    no_show_rate: float | None


@dataclass(frozen=True)
class Calls:
    """Inbound phone contacts about the organisation (location does not apply: the contact centre)."""

    calls: int
    days: int  # days with at least one call
    per_day: float | None
    by_weekday: tuple[int, ...]  # Monday first, 7 counts
    by_hour: tuple[int, ...]  # 24 counts, local hour the call began
    busiest_weekday: int | None  # 0 is Monday
    peak_hour: int | None


@dataclass(frozen=True)
class HeatMap:
    """Visitors by weekday (rows, Monday first) and local hour of arrival (24 columns)."""

    cells: tuple[tuple[int, ...], ...]

    def cell(self, weekday: int, hour: int) -> int:
        return self.cells[weekday][hour]

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.cells)


@dataclass(frozen=True)
class FirstContactResolution:
    contacts: int
    answered: int
    rate: float | None


@dataclass(frozen=True)
class DepartmentOverdue:
    department_id: int
    department: str
    open_overdue: int  # open at the end of the period, past their due date
    closed_late: int  # closed in the period after their due date

    @property
    def overdue(self) -> int:
        return self.open_overdue + self.closed_late


@dataclass(frozen=True)
class Suggestions:
    """Combined-visit suggestions offered while booking in the period, and how many were taken."""

    offered: int
    accepted: int
    rate: float | None


@dataclass(frozen=True)
class Figures:
    period: Period
    visitors: Visitors
    heat_map: HeatMap
    waiting: Waiting
    service_times: ServiceTimes
    appointments: AppointmentRates
    calls: Calls
    first_contact: FirstContactResolution
    overdue: tuple[DepartmentOverdue, ...]
    suggestions: Suggestions


@dataclass(frozen=True)
class Dashboard:
    organisation_id: int
    location_id: int | None
    current: Figures
    previous: Figures  # the period of the same length just before


@dataclass(frozen=True)
class Scope:
    """What a figure is about: an organisation's (or a region's) locations and queues, and a period."""

    organisation_ids: tuple[int, ...]
    location_ids: tuple[int, ...]
    queues: dict[int, str]  # the queues of those locations, by id, with their names
    period: Period
    since: datetime.datetime
    until: datetime.datetime


def insights_scope(*, organisation: Organisation | int, location: Location | None, period: Period) -> Scope:
    """The locations (``location`` or all the organisation's) and their queues: two queries."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    locations = Location.objects.filter(organisation_id=organisation_id)
    if location is not None:
        if location.organisation_id != organisation_id:
            raise PermissionDenied("This location belongs to another organisation.")
        locations = locations.filter(pk=location.pk)
    location_ids = tuple(locations.order_by("pk").values_list("pk", flat=True))
    queues = {queue.pk: str(queue.name) for queue in Queue.objects.filter(location_id__in=location_ids)}
    since, until = period.bounds(_tz())
    return Scope((organisation_id,), location_ids, queues, period, since, until)


def insights_region_scope(*, organisations: Sequence[Organisation | int], period: Period) -> Scope:
    """Several organisations together (a region, its contact centre): their locations and queues."""
    organisation_ids = tuple(sorted(o if isinstance(o, int) else o.pk for o in organisations))
    location_ids = tuple(
        Location.objects.filter(organisation_id__in=organisation_ids).order_by("pk").values_list("pk", flat=True)
    )
    queues = {queue.pk: str(queue.name) for queue in Queue.objects.filter(location_id__in=location_ids)}
    since, until = period.bounds(_tz())
    return Scope(organisation_ids, location_ids, queues, period, since, until)


# --- Visitors and the heat map ---------------------------------------------------------------


def insights_visitors_and_heat_map(*, scope: Scope) -> tuple[Visitors, HeatMap]:
    """Visitors per day and by weekday x hour of arrival, in two queries.

    A walk-in counts on its ticket's day at the hour it took its ticket; an appointment on its
    day at the hour it checked in (its start, when no check-in time was kept).
    """
    tz = _tz()
    by_day: dict[datetime.date, int] = defaultdict(int)
    cells = [[0] * HOURS for _ in range(WEEKDAYS)]
    walk_ins = (
        Ticket.objects.filter(
            numbered_in_id__in=list(scope.queues),
            day__gte=scope.period.start,
            day__lt=scope.period.end,
            status=TicketStatus.DONE,
            appointment__isnull=True,
        )
        .annotate(hour=ExtractHour("issued_at", tzinfo=tz))
        .values_list("day", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    walk_in = 0
    for day, hour, n in walk_ins:
        by_day[day] += n
        cells[day.weekday()][hour] += n
        walk_in += n
    appointments = (
        _due_appointments(scope)
        .filter(status=AppointmentStatus.CHECKED_IN)
        .annotate(
            local_day=TruncDate("start", tzinfo=tz),
            hour=ExtractHour(Coalesce("arrived_at", "start"), tzinfo=tz),
        )
        .values_list("local_day", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_appointment = 0
    for day, hour, n in appointments:
        by_day[day] += n
        cells[day.weekday()][hour] += n
        by_appointment += n
    visitors = walk_in + by_appointment
    days_open = len(by_day)
    return (
        Visitors(
            visitors=visitors,
            by_appointment=by_appointment,
            walk_in=walk_in,
            days_open=days_open,
            per_day=visitors / days_open if days_open else None,
            appointment_share=rate(by_appointment, visitors),
            walk_in_share=rate(walk_in, visitors),
            by_day=tuple(sorted(by_day.items())),
        ),
        HeatMap(tuple(tuple(row) for row in cells)),
    )


def _due_appointments(scope: Scope):  # type: ignore[no-untyped-def]
    return Appointment.objects.filter(location_id__in=scope.location_ids, start__gte=scope.since, start__lt=scope.until)


def insights_appointment_rates(*, scope: Scope) -> AppointmentRates:
    """Late and no-show shares of the appointments due in the period (one query)."""
    counts = _due_appointments(scope).aggregate(
        checked_in=Count("id", filter=Q(status=AppointmentStatus.CHECKED_IN)),
        late=Count("id", filter=Q(status=AppointmentStatus.CHECKED_IN, arrived_late=True)),
        no_show=Count("id", filter=Q(status=AppointmentStatus.NO_SHOW)),
    )
    due = counts["checked_in"] + counts["no_show"]
    return AppointmentRates(
        due=due,
        checked_in=counts["checked_in"],
        late=counts["late"],
        no_show=counts["no_show"],
        late_rate=rate(counts["late"], due),
        no_show_rate=rate(counts["no_show"], due),
    )


# --- Waiting and service times -------------------------------------------------------------------

_TICKETS_SQL = """
    FROM queueing_ticket tk
    JOIN queueing_ticketevent ev ON ev.ticket_id = tk.id
    WHERE tk.numbered_in_id = ANY(%(queues)s) AND tk.day >= %(start)s AND tk.day < %(end)s
"""

_WAITING_SQL = f"""
    WITH per_ticket AS (
        SELECT tk.numbered_in_id AS queue_id, tk.appointment_id IS NOT NULL AS by_appointment, tk.due_at,
               min(ev.at) FILTER (WHERE ev.kind = 'issued') AS issued,
               min(ev.at) FILTER (WHERE ev.kind = 'called') AS called
        {_TICKETS_SQL} AND ev.kind IN ('issued', 'called')
        GROUP BY tk.id
    ), waits AS (
        SELECT queue_id, by_appointment,
               GREATEST(0, EXTRACT(EPOCH FROM called - CASE
                   WHEN by_appointment AND due_at > issued THEN due_at ELSE issued END))::float8 AS seconds
        FROM per_ticket WHERE called IS NOT NULL AND issued IS NOT NULL
    )
    SELECT GROUPING(queue_id) AS every_queue, queue_id, by_appointment, count(*), avg(seconds),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)
    FROM waits GROUP BY GROUPING SETS ((queue_id, by_appointment), (by_appointment))
"""  # noqa: S608 -- constant SQL put together from constants; the values are bound parameters

_SERVICE_SQL = f"""
    WITH per_ticket AS (
        SELECT tk.service_id,
               max(ev.at) FILTER (WHERE ev.kind = 'started') AS started,
               max(ev.at) FILTER (WHERE ev.kind = 'finished') AS finished
        {_TICKETS_SQL} AND tk.status = 'done' AND ev.kind IN ('started', 'finished')
        GROUP BY tk.id
    ), durations AS (
        SELECT service_id, GREATEST(0, EXTRACT(EPOCH FROM finished - started))::float8 AS seconds
        FROM per_ticket WHERE started IS NOT NULL AND finished IS NOT NULL
    )
    SELECT GROUPING(service_id) AS every_service, service_id, count(*), avg(seconds),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)
    FROM durations GROUP BY GROUPING SETS ((service_id), ())
"""  # noqa: S608 -- constant SQL put together from constants; the values are bound parameters


def _sql_params(scope: Scope) -> dict[str, Any]:
    return {"queues": list(scope.queues), "start": scope.period.start, "end": scope.period.end}


def _waiting(
    scope: Scope, per_queue: dict[tuple[int, bool], Distribution], overall: dict[bool, Distribution]
) -> Waiting:
    queues = tuple(
        QueueWaiting(
            queue_id=queue_id,
            queue=name,
            walk_in=per_queue.get((queue_id, False), EMPTY),
            appointment=per_queue.get((queue_id, True), EMPTY),
        )
        for queue_id, name in sorted(scope.queues.items())
        if (queue_id, False) in per_queue or (queue_id, True) in per_queue
    )
    return Waiting(queues=queues, walk_in=overall.get(False, EMPTY), appointment=overall.get(True, EMPTY))


def waiting_postgres(*, scope: Scope) -> Waiting:
    """PostgreSQL: per-ticket first call and ``percentile_cont`` in one query (grouping sets)."""
    per_queue: dict[tuple[int, bool], Distribution] = {}
    overall: dict[bool, Distribution] = {}
    with connection.cursor() as cursor:
        cursor.execute(_WAITING_SQL, _sql_params(scope))
        for every_queue, queue_id, by_appointment, n, mean, median, p90 in cursor.fetchall():
            figure = Distribution(n, mean, median, p90)
            if every_queue:
                overall[bool(by_appointment)] = figure
            else:
                per_queue[(queue_id, bool(by_appointment))] = figure
    return _waiting(scope, per_queue, overall)


def service_times_postgres(*, scope: Scope) -> ServiceTimes:
    rows: dict[int | None, Distribution] = {}
    overall = EMPTY
    with connection.cursor() as cursor:
        cursor.execute(_SERVICE_SQL, _sql_params(scope))
        for every_service, service_id, n, mean, median, p90 in cursor.fetchall():
            if every_service:
                overall = Distribution(n, mean, median, p90)
            else:
                rows[service_id] = Distribution(n, mean, median, p90)
    return _service_times(rows, overall)


def _service_times(rows: dict[int | None, Distribution], overall: Distribution) -> ServiceTimes:
    names = {service.pk: str(service.title) for service in Service.objects.filter(pk__in=[k for k in rows if k])}
    services = tuple(
        ServiceTime(service_id=service_id, service=names.get(service_id, "") if service_id else "", time=figure)
        for service_id, figure in sorted(rows.items(), key=lambda item: -item[1].count)
    )
    return ServiceTimes(services=services, overall=overall)


def _ticket_times(scope: Scope):  # type: ignore[no-untyped-def]
    """Per ticket: its queue, appointment, due time, service, status and the times of its events."""
    events = {
        "issued": Min("events__at", filter=Q(events__kind=TicketEventKind.ISSUED)),
        "called": Min("events__at", filter=Q(events__kind=TicketEventKind.CALLED)),
        "started": Max("events__at", filter=Q(events__kind=TicketEventKind.STARTED)),
        "finished": Max("events__at", filter=Q(events__kind=TicketEventKind.FINISHED)),
    }
    return (
        Ticket.objects.filter(
            numbered_in_id__in=list(scope.queues), day__gte=scope.period.start, day__lt=scope.period.end
        )
        .annotate(**events)
        .values_list("numbered_in_id", "appointment_id", "due_at", "service_id", "status", *events)
        .order_by()
    )


def _seconds(later: datetime.datetime, earlier: datetime.datetime) -> float:
    return max(0.0, (later - earlier).total_seconds())


def waiting_and_service_python(*, scope: Scope) -> tuple[Waiting, ServiceTimes]:
    """Any database: the per-ticket times in one query, the percentiles in Python (as ``percentile_cont``)."""
    waits: dict[tuple[int, bool], list[float]] = defaultdict(list)
    services: dict[int | None, list[float]] = defaultdict(list)
    for queue_id, appointment_id, due_at, service_id, status, issued, called, started, finished in _ticket_times(scope):
        if issued is not None and called is not None:
            by_appointment = appointment_id is not None
            since = due_at if by_appointment and due_at is not None and due_at > issued else issued
            waits[(queue_id, by_appointment)].append(_seconds(called, since))
        if status == TicketStatus.DONE and started is not None and finished is not None:
            services[service_id].append(_seconds(finished, started))
    per_queue = {key: distribution(values) for key, values in waits.items()}
    overall = {
        kind: distribution(
            value for (_queue, by_appointment), values in waits.items() if by_appointment == kind for value in values
        )
        for kind in (False, True)
    }
    service_rows = {key: distribution(values) for key, values in services.items()}
    every = distribution(value for values in services.values() for value in values)
    return _waiting(scope, per_queue, overall), _service_times(service_rows, every)


def insights_waiting_and_service(*, scope: Scope) -> tuple[Waiting, ServiceTimes]:
    """Waiting per queue (walk-in and appointment) and service time per service."""
    if not scope.queues:
        return Waiting((), EMPTY, EMPTY), ServiceTimes((), EMPTY)
    if connection.vendor == "postgresql":
        return waiting_postgres(scope=scope), service_times_postgres(scope=scope)
    return waiting_and_service_python(scope=scope)


# --- Contacts, requests, suggestions -----------------------------------------------------------


def _contacts(scope: Scope):  # type: ignore[no-untyped-def]
    return Contact.objects.filter(
        organisation_id__in=scope.organisation_ids,
        direction=Direction.INBOUND,
        started_at__gte=scope.since,
        started_at__lt=scope.until,
    )


def insights_calls(*, scope: Scope) -> Calls:
    """Inbound phone calls by weekday and local hour, and per day with calls (one query)."""
    tz = _tz()
    rows = (
        _contacts(scope)
        .filter(channel=ContactChannel.PHONE)
        .annotate(local_day=TruncDate("started_at", tzinfo=tz), hour=ExtractHour("started_at", tzinfo=tz))
        .values_list("local_day", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_weekday, by_hour = [0] * WEEKDAYS, [0] * HOURS
    days: set[datetime.date] = set()
    for day, hour, n in rows:
        by_weekday[day.weekday()] += n
        by_hour[hour] += n
        days.add(day)
    calls = sum(by_hour)
    return Calls(
        calls=calls,
        days=len(days),
        per_day=calls / len(days) if days else None,
        by_weekday=tuple(by_weekday),
        by_hour=tuple(by_hour),
        busiest_weekday=argmax(by_weekday),
        peak_hour=argmax(by_hour),
    )


def insights_first_contact_resolution(*, scope: Scope) -> FirstContactResolution:
    """Share of the inbound contacts (every channel) answered at once, in one query."""
    counts = _contacts(scope).aggregate(contacts=Count("id"), answered=Count("id", filter=Q(outcome=Outcome.ANSWERED)))
    return FirstContactResolution(counts["contacts"], counts["answered"], rate(counts["answered"], counts["contacts"]))


def insights_requests_overdue(*, scope: Scope) -> tuple[DepartmentOverdue, ...]:
    """Per department: requests open at the end of the period past their due date, and requests
    closed in the period after their due date (two queries). "Open at the end" is read from the
    request's own times (made before, not closed before), so an earlier period is right too."""
    tz = _tz()
    end = scope.period.end
    open_then = Q(created_at__lt=scope.until) & (Q(closed_at__isnull=True) | Q(closed_at__gte=scope.until))
    closed_in_period = Q(closed_at__gte=scope.since, closed_at__lt=scope.until, status__in=list(CLOSED_STATUSES))
    rows = (
        Request.objects.filter(organisation_id__in=scope.organisation_ids)
        .filter((open_then & Q(due_on__lt=end)) | closed_in_period)
        .annotate(closed_day=TruncDate("closed_at", tzinfo=tz))
        .values("department_id")
        .annotate(
            open_overdue=Count("id", filter=open_then & Q(due_on__lt=end)),
            closed_late=Count("id", filter=closed_in_period & Q(closed_day__gt=F("due_on"))),
        )
        .order_by()
    )
    counts = {row["department_id"]: row for row in rows if row["open_overdue"] or row["closed_late"]}
    names = {d.pk: str(d.name) for d in Department.objects.filter(pk__in=list(counts))}
    result = [
        DepartmentOverdue(pk, names.get(pk, ""), row["open_overdue"], row["closed_late"]) for pk, row in counts.items()
    ]
    return tuple(sorted(result, key=lambda item: (-item.overdue, item.department)))


def insights_suggestions(*, scope: Scope) -> Suggestions:
    """Suggestions offered while booking a visit at these locations in the period (one query)."""
    counts = VisitSuggestion.objects.filter(
        appointment__location_id__in=scope.location_ids, created_at__gte=scope.since, created_at__lt=scope.until
    ).aggregate(offered=Count("id"), accepted=Count("id", filter=Q(accepted=True)))
    return Suggestions(counts["offered"], counts["accepted"], rate(counts["accepted"], counts["offered"]))


# --- Together ----------------------------------------------------------------------------------


def insights_figures(*, organisation: Organisation | int, location: Location | None = None, period: Period) -> Figures:
    """Every figure of the dashboard for one period (no tenancy check: see ``insights_dashboard``)."""
    scope = insights_scope(organisation=organisation, location=location, period=period)
    return figures_for_scope(scope=scope)


def figures_for_scope(*, scope: Scope) -> Figures:
    visitors, heat_map = insights_visitors_and_heat_map(scope=scope)
    waiting, service_times = insights_waiting_and_service(scope=scope)
    return Figures(
        period=scope.period,
        visitors=visitors,
        heat_map=heat_map,
        waiting=waiting,
        service_times=service_times,
        appointments=insights_appointment_rates(scope=scope),
        calls=insights_calls(scope=scope),
        first_contact=insights_first_contact_resolution(scope=scope),
        overdue=insights_requests_overdue(scope=scope),
        suggestions=insights_suggestions(scope=scope),
    )


def insights_dashboard(
    *,
    user: User,
    organisation: Organisation,
    location: Location | None = None,
    start: datetime.date,
    end: datetime.date,
) -> Dashboard:
    """The figures of ``[start, end)`` and of the period of the same length before it, for a
    manager or administrator of ``organisation`` (anyone else: ``PermissionDenied``)."""
    if not user_has_any_role(user=user, organisation=organisation, roles=INSIGHTS_ROLES):
        raise PermissionDenied("Only managers and administrators of this organisation see its dashboard.")
    period = Period(start, end)
    current = insights_scope(organisation=organisation, location=location, period=period)
    previous_period = period.previous()
    since, until = previous_period.bounds(_tz())
    previous = Scope(current.organisation_ids, current.location_ids, current.queues, previous_period, since, until)
    return Dashboard(
        organisation_id=organisation.pk,
        location_id=location.pk if location is not None else None,
        current=figures_for_scope(scope=current),
        previous=figures_for_scope(scope=previous),
    )


__all__ = [
    "INSIGHTS_ROLES",
    "AppointmentRates",
    "Calls",
    "Dashboard",
    "DepartmentOverdue",
    "Distribution",
    "Figures",
    "FirstContactResolution",
    "HeatMap",
    "Period",
    "QueueWaiting",
    "Scope",
    "ServiceTime",
    "ServiceTimes",
    "Suggestions",
    "Visitors",
    "Waiting",
    "insights_appointment_rates",
    "insights_calls",
    "insights_dashboard",
    "insights_figures",
    "insights_first_contact_resolution",
    "insights_requests_overdue",
    "insights_region_scope",
    "insights_scope",
    "insights_suggestions",
    "insights_visitors_and_heat_map",
    "insights_waiting_and_service",
]
