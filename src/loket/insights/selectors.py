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

Inside ``core.db.reading_from_replica()`` (the dashboard page) every read here, raw SQL too,
goes to the read replica when one is configured. The percentiles are PostgreSQL's
``percentile_cont`` in raw SQL (the ORM has none); on SQLite the
per-ticket durations are read and the same interpolation is done in Python
(``figures.percentile``). This module never writes.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import Count, F, Max, Min, Q, Sum
from django.db.models.functions import Coalesce, ExtractHour, TruncDate

from loket.appointments.models import Appointment, AppointmentStatus, VisitSuggestion
from loket.catalog.models import Service
from loket.contacts.models import CLOSED_STATUSES, Contact, ContactChannel, Direction, Outcome, Request
from loket.core.db import read_alias
from loket.insights.figures import EMPTY, Distribution, Histogram, Period, argmax, distribution, rate
from loket.insights.models import ContactHour, Grain, LocationHour, RollUp, ServiceBucket, WaitBucket
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


# --- The events, grouped: one definition of each count, for the roll-up and for today --------
#
# These read the stored events grouped by location (or queue, or organisation), local day and
# hour. ``insights.rollup`` stores what they return for closed days; the figures below read them
# directly for the days the roll-up does not hold. So a figure means the same from either.

LocationKey = tuple[int, datetime.date, int]  # location, local day, local hour
ContactKey = tuple[int, datetime.date, int]  # organisation, local day, local hour


def _local_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    return Period(start, end).bounds(_tz())


def location_hours(
    *, location_ids: Sequence[int], queue_ids: Sequence[int], start: datetime.date, end: datetime.date
) -> dict[LocationKey, list[int]]:
    """``(location, day, hour) -> [walk-ins served, checked in, late, no-show, suggestions
    offered, suggestions taken]`` in three queries.

    A walk-in counts on its ticket's day at the hour it took its ticket; an appointment on its
    day at the hour it checked in (its start, when no check-in time was kept); a combined-visit
    suggestion at the hour it was offered."""
    tz = _tz()
    rows: dict[LocationKey, list[int]] = defaultdict(lambda: [0] * 6)
    walk_ins = (
        Ticket.objects.filter(
            numbered_in_id__in=list(queue_ids),
            day__gte=start,
            day__lt=end,
            status=TicketStatus.DONE,
            appointment__isnull=True,
        )
        .annotate(hour=ExtractHour("issued_at", tzinfo=tz))
        .values_list("numbered_in__location_id", "day", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    for location_id, day, hour, n in walk_ins:
        rows[(location_id, day, hour)][0] += n
    since, until = _local_bounds(start, end)
    checked_in = Q(status=AppointmentStatus.CHECKED_IN)
    appointments = (
        Appointment.objects.filter(
            location_id__in=list(location_ids),
            start__gte=since,
            start__lt=until,
            status__in=[AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW],
        )
        .annotate(
            local_day=TruncDate("start", tzinfo=tz),
            hour=ExtractHour(Coalesce("arrived_at", "start"), tzinfo=tz),
        )
        .values_list("location_id", "local_day", "hour")
        .annotate(
            checked_in=Count("id", filter=checked_in),
            late=Count("id", filter=checked_in & Q(arrived_late=True)),
            no_show=Count("id", filter=Q(status=AppointmentStatus.NO_SHOW)),
        )
        .order_by()
    )
    for location_id, day, hour, n_in, n_late, n_no_show in appointments:
        row = rows[(location_id, day, hour)]
        row[1] += n_in
        row[2] += n_late
        row[3] += n_no_show
    suggestions = (
        VisitSuggestion.objects.filter(
            appointment__location_id__in=list(location_ids), created_at__gte=since, created_at__lt=until
        )
        .annotate(local_day=TruncDate("created_at", tzinfo=tz), hour=ExtractHour("created_at", tzinfo=tz))
        .values_list("appointment__location_id", "local_day", "hour")
        .annotate(offered=Count("id"), accepted=Count("id", filter=Q(accepted=True)))
        .order_by()
    )
    for location_id, day, hour, offered, accepted in suggestions:
        row = rows[(location_id, day, hour)]
        row[4] += offered
        row[5] += accepted
    return dict(rows)


def contact_hours(
    *, organisation_ids: Sequence[int], start: datetime.date, end: datetime.date
) -> dict[ContactKey, list[int]]:
    """``(organisation, day, hour) -> [phone calls, inbound contacts, answered at once]`` (one query).

    Only inbound contacts about the organisation count; the hour is the local hour they began."""
    tz = _tz()
    since, until = _local_bounds(start, end)
    rows = (
        Contact.objects.filter(
            organisation_id__in=list(organisation_ids),
            direction=Direction.INBOUND,
            started_at__gte=since,
            started_at__lt=until,
        )
        .annotate(local_day=TruncDate("started_at", tzinfo=tz), hour=ExtractHour("started_at", tzinfo=tz))
        .values_list("organisation_id", "local_day", "hour")
        .annotate(
            calls=Count("id", filter=Q(channel=ContactChannel.PHONE)),
            inbound=Count("id"),
            answered=Count("id", filter=Q(outcome=Outcome.ANSWERED)),
        )
        .order_by()
    )
    return {(org, day, hour): [calls, inbound, answered] for org, day, hour, calls, inbound, answered in rows}


WaitKey = tuple[datetime.date, int, bool]  # day, queue, by appointment
ServiceKey = tuple[datetime.date, int, int | None]  # day, location, service


def ticket_histograms(
    *, queue_ids: Sequence[int], start: datetime.date, end: datetime.date
) -> tuple[dict[WaitKey, Histogram], dict[ServiceKey, Histogram]]:
    """Waits per (day, queue, walk-in or appointment) and service times per (day, location,
    service) as histograms, from one query over the tickets and their events."""
    waits: dict[WaitKey, Histogram] = defaultdict(Histogram)
    services: dict[ServiceKey, Histogram] = defaultdict(Histogram)
    for ticket in _ticket_times(queue_ids=queue_ids, start=start, end=end):
        day, queue_id, location_id, appointment_id, due_at, service_id, status, issued, called, started, finished = (
            ticket
        )
        wait = _wait_seconds(appointment_id, due_at, issued, called)
        if wait is not None:
            waits[(day, queue_id, appointment_id is not None)].add(wait)
        if status == TicketStatus.DONE and started is not None and finished is not None:
            services[(day, location_id, service_id)].add(_seconds(finished, started))
    return dict(waits), dict(services)


# --- Putting the figures together from grouped counts -------------------------------------------


@dataclass
class _Tally:
    """The additive parts of the figures, from the roll-up and from the events alike."""

    by_day: dict[datetime.date, int] = field(default_factory=lambda: defaultdict(int))
    cells: list[list[int]] = field(default_factory=lambda: [[0] * HOURS for _ in range(WEEKDAYS)])
    walk_in: int = 0
    checked_in: int = 0
    late: int = 0
    no_show: int = 0
    call_days: set[datetime.date] = field(default_factory=set)
    calls_by_weekday: list[int] = field(default_factory=lambda: [0] * WEEKDAYS)
    calls_by_hour: list[int] = field(default_factory=lambda: [0] * HOURS)
    inbound: int = 0
    answered: int = 0
    suggested: int = 0
    suggestions_taken: int = 0
    waits: dict[tuple[int, bool], Histogram] = field(default_factory=lambda: defaultdict(Histogram))
    services: dict[int | None, Histogram] = field(default_factory=lambda: defaultdict(Histogram))

    def add_location_hour(
        self,
        day: datetime.date,
        hour: int,
        walk_ins: int,
        checked_in: int,
        late: int,
        no_show: int,
        suggested: int,
        suggestions_taken: int,
    ) -> None:
        if walk_ins or checked_in:
            self.by_day[day] += walk_ins + checked_in
            self.cells[day.weekday()][hour] += walk_ins + checked_in
        self.walk_in += walk_ins
        self.checked_in += checked_in
        self.late += late
        self.no_show += no_show
        self.suggested += suggested
        self.suggestions_taken += suggestions_taken

    def add_contacts(self, day: datetime.date, hour: int, calls: int, inbound: int, answered: int) -> None:
        if calls:
            self.call_days.add(day)
            self.calls_by_weekday[day.weekday()] += calls
            self.calls_by_hour[hour] += calls
        self.inbound += inbound
        self.answered += answered

    def visitors(self) -> Visitors:
        visitors = self.walk_in + self.checked_in
        days_open = len(self.by_day)
        return Visitors(
            visitors=visitors,
            by_appointment=self.checked_in,
            walk_in=self.walk_in,
            days_open=days_open,
            per_day=visitors / days_open if days_open else None,
            appointment_share=rate(self.checked_in, visitors),
            walk_in_share=rate(self.walk_in, visitors),
            by_day=tuple(sorted(self.by_day.items())),
        )

    def heat_map(self) -> HeatMap:
        return HeatMap(tuple(tuple(row) for row in self.cells))

    def appointment_rates(self) -> AppointmentRates:
        due = self.checked_in + self.no_show
        return AppointmentRates(
            due=due,
            checked_in=self.checked_in,
            late=self.late,
            no_show=self.no_show,
            late_rate=rate(self.late, due),
            no_show_rate=rate(self.no_show, due),
        )

    def calls(self) -> Calls:
        calls = sum(self.calls_by_hour)
        days = len(self.call_days)
        return Calls(
            calls=calls,
            days=days,
            per_day=calls / days if days else None,
            by_weekday=tuple(self.calls_by_weekday),
            by_hour=tuple(self.calls_by_hour),
            busiest_weekday=argmax(self.calls_by_weekday),
            peak_hour=argmax(self.calls_by_hour),
        )

    def suggestions(self) -> Suggestions:
        return Suggestions(self.suggested, self.suggestions_taken, rate(self.suggestions_taken, self.suggested))

    def first_contact(self) -> FirstContactResolution:
        return FirstContactResolution(self.inbound, self.answered, rate(self.answered, self.inbound))

    def waiting_and_service(self, scope: Scope) -> tuple[Waiting, ServiceTimes]:
        per_queue = {key: histogram.distribution() for key, histogram in self.waits.items() if histogram.count}
        overall: dict[bool, Distribution] = {}
        for kind in (False, True):
            every = Histogram()
            for (_queue, by_appointment), histogram in self.waits.items():
                if by_appointment == kind:
                    every.merge(histogram)
            overall[kind] = every.distribution()
        all_services = Histogram()
        for histogram in self.services.values():
            all_services.merge(histogram)
        rows = {key: histogram.distribution() for key, histogram in self.services.items() if histogram.count}
        return _waiting(scope, per_queue, overall), _service_times(rows, all_services.distribution())


def _tally_events(scope: Scope, tally: _Tally, start: datetime.date, end: datetime.date, *, times: bool) -> None:
    """Add the events of ``[start, end)`` (and, with ``times``, their waits and service times)."""
    queue_ids = list(scope.queues)
    for (_location, day, hour), row in location_hours(
        location_ids=scope.location_ids, queue_ids=queue_ids, start=start, end=end
    ).items():
        tally.add_location_hour(day, hour, *row)
    for (_organisation, day, hour), row in contact_hours(
        organisation_ids=scope.organisation_ids, start=start, end=end
    ).items():
        tally.add_contacts(day, hour, *row)
    if times and queue_ids:
        waits, services = ticket_histograms(queue_ids=queue_ids, start=start, end=end)
        for (_day, queue_id, by_appointment), histogram in waits.items():
            tally.waits[(queue_id, by_appointment)].merge(histogram)
        for (_day, _location, service_id), histogram in services.items():
            tally.services[service_id].merge(histogram)


Runs = list[tuple[datetime.date, datetime.date]]


def rolled_up_runs(period: Period) -> tuple[Runs, Runs]:
    """The days of ``period`` the roll-up holds and those it does not, each as runs of consecutive
    days ``[start, end)`` (one query): the figures read the first from the roll-up, the second
    from the events."""
    held = set(
        RollUp.objects.filter(grain=Grain.DAY, start__gte=period.start, start__lt=period.end).values_list(
            "start", flat=True
        )
    )
    rolled: Runs = []
    raw: Runs = []
    day = period.start
    while day < period.end:
        is_held = day in held
        stop = day + datetime.timedelta(days=1)
        while stop < period.end and (stop in held) == is_held:
            stop += datetime.timedelta(days=1)
        (rolled if is_held else raw).append((day, stop))
        day = stop
    return rolled, raw


def _grain_ranges(runs: Runs) -> Q:
    """Which histogram rows cover the rolled-up ``runs``: a month's row for every whole month whose
    roll-up is complete, day rows for the rest."""
    months = set(
        RollUp.objects.filter(grain=Grain.MONTH, start__gte=runs[0][0], start__lt=runs[-1][1]).values_list(
            "start", flat=True
        )
    )
    ranges = Q(pk__in=[])
    for start, end in runs:
        day = start
        while day < end:
            month_end = first_of_next_month(day)
            if day.day == 1 and day in months and month_end <= end:
                ranges |= Q(grain=Grain.MONTH, start=day)
                day = month_end
            else:
                stop = min(end, month_end)
                ranges |= Q(grain=Grain.DAY, start__gte=day, start__lt=stop)
                day = stop
    return ranges


def _day_ranges(runs: Runs) -> Q:
    ranges = Q(pk__in=[])
    for start, end in runs:
        ranges |= Q(day__gte=start, day__lt=end)
    return ranges


def first_of_next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _tally_rolled_up(scope: Scope, tally: _Tally, runs: Runs) -> None:
    """Add the roll-up's rows for the rolled-up ``runs`` of days: five queries."""
    days = _day_ranges(runs)
    visitors = (
        LocationHour.objects.filter(days, location_id__in=scope.location_ids)
        .values_list("day", "hour")
        .annotate(
            Sum("walk_ins"), Sum("checked_in"), Sum("late"), Sum("no_show"), Sum("suggested"), Sum("suggestions_taken")
        )
        .order_by()
    )
    for day, hour, *row in visitors:
        tally.add_location_hour(day, hour, *row)
    contacts = (
        ContactHour.objects.filter(days, organisation_id__in=scope.organisation_ids)
        .values_list("day", "hour")
        .annotate(Sum("calls"), Sum("inbound"), Sum("answered"))
        .order_by()
    )
    for day, hour, *row in contacts:
        tally.add_contacts(day, hour, *row)
    ranges = _grain_ranges(runs)
    waits = (
        WaitBucket.objects.filter(ranges, queue_id__in=list(scope.queues))
        .values_list("queue_id", "by_appointment", "bucket")
        .annotate(Sum("count"), Sum("seconds"))
        .order_by()
    )
    for queue_id, by_appointment, bucket, count, seconds in waits:
        tally.waits[(queue_id, by_appointment)].add_bucket(bucket, count, seconds)
    services = (
        ServiceBucket.objects.filter(ranges, location_id__in=scope.location_ids)
        .values_list("service_id", "bucket")
        .annotate(Sum("count"), Sum("seconds"))
        .order_by()
    )
    for service_id, bucket, count, seconds in services:
        tally.services[service_id].add_bucket(bucket, count, seconds)


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
    with connections[read_alias()].cursor() as cursor:
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
    with connections[read_alias()].cursor() as cursor:
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


def _ticket_times(*, queue_ids: Sequence[int], start: datetime.date, end: datetime.date):  # type: ignore[no-untyped-def]
    """Per ticket: its day, queue, location, appointment, due time, service, status and the
    times of its events."""
    events = {
        "issued": Min("events__at", filter=Q(events__kind=TicketEventKind.ISSUED)),
        "called": Min("events__at", filter=Q(events__kind=TicketEventKind.CALLED)),
        "started": Max("events__at", filter=Q(events__kind=TicketEventKind.STARTED)),
        "finished": Max("events__at", filter=Q(events__kind=TicketEventKind.FINISHED)),
    }
    return (
        Ticket.objects.filter(numbered_in_id__in=list(queue_ids), day__gte=start, day__lt=end)
        .annotate(**events)
        .values_list(
            "day",
            "numbered_in_id",
            "numbered_in__location_id",
            "appointment_id",
            "due_at",
            "service_id",
            "status",
            *events,
        )
        .order_by()
    )


def _seconds(later: datetime.datetime, earlier: datetime.datetime) -> float:
    return max(0.0, (later - earlier).total_seconds())


def _wait_seconds(
    appointment_id: int | None,
    due_at: datetime.datetime | None,
    issued: datetime.datetime | None,
    called: datetime.datetime | None,
) -> float | None:
    """From the issue (an appointment that came early: from its time) to the first call."""
    if issued is None or called is None:
        return None
    since = due_at if appointment_id is not None and due_at is not None and due_at > issued else issued
    return _seconds(called, since)


def waiting_and_service_python(*, scope: Scope) -> tuple[Waiting, ServiceTimes]:
    """Any database: the per-ticket times in one query, the percentiles in Python (as ``percentile_cont``)."""
    waits: dict[tuple[int, bool], list[float]] = defaultdict(list)
    services: dict[int | None, list[float]] = defaultdict(list)
    tickets = _ticket_times(queue_ids=list(scope.queues), start=scope.period.start, end=scope.period.end)
    for (
        _day,
        queue_id,
        _location,
        appointment_id,
        due_at,
        service_id,
        status,
        issued,
        called,
        started,
        finished,
    ) in tickets:
        wait = _wait_seconds(appointment_id, due_at, issued, called)
        if wait is not None:
            waits[(queue_id, appointment_id is not None)].append(wait)
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
    if connections[read_alias()].vendor == "postgresql":
        return waiting_postgres(scope=scope), service_times_postgres(scope=scope)
    return waiting_and_service_python(scope=scope)


# --- Contacts, requests, suggestions -----------------------------------------------------------


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


# --- Together ----------------------------------------------------------------------------------


def insights_figures(*, organisation: Organisation | int, location: Location | None = None, period: Period) -> Figures:
    """Every figure of the dashboard for one period (no tenancy check: see ``insights_dashboard``)."""
    scope = insights_scope(organisation=organisation, location=location, period=period)
    return figures_for_scope(scope=scope)


def figures_for_scope(*, scope: Scope) -> Figures:
    """The figures of ``scope``: the days the roll-up holds from it, the rest from the events.

    A period the roll-up holds none of (today, or before the first roll-up) is read wholly from
    the events, with exact percentiles; otherwise waits and service times come from histograms
    (within one bucket of exact, see ``figures.Histogram``)."""
    period = scope.period
    tally = _Tally()
    rolled, raw = rolled_up_runs(period)
    if rolled:
        _tally_rolled_up(scope, tally, rolled)
    for start, end in raw:
        _tally_events(scope, tally, start, end, times=bool(rolled))
    if rolled:
        waiting, service_times = tally.waiting_and_service(scope)
    else:
        waiting, service_times = insights_waiting_and_service(scope=scope)
    return Figures(
        period=period,
        visitors=tally.visitors(),
        heat_map=tally.heat_map(),
        waiting=waiting,
        service_times=service_times,
        appointments=tally.appointment_rates(),
        calls=tally.calls(),
        first_contact=tally.first_contact(),
        overdue=insights_requests_overdue(scope=scope),
        suggestions=tally.suggestions(),
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
    "insights_dashboard",
    "insights_figures",
    "insights_requests_overdue",
    "insights_region_scope",
    "insights_scope",
    "contact_hours",
    "ticket_histograms",
    "location_hours",
    "rolled_up_runs",
    "insights_waiting_and_service",
]
