"""Reads of the planning: a week's staffing from the stored history, the bookings expected, the capacity advice.

``week_plan`` reads the hourly history of one location (inbound phone contacts of its
organisation for calls; for the counters the walk-in tickets of each of its queues, each queue
forecast from its own history and staffed with desks of its own, the location being their sum),
forecasts the week (``planning.forecast``) and plans every hour (``planning.erlang``).
``booking_demand`` forecasts, per service, the appointments that will be booked each hour of the
week, each service from its own bookings. ``capacity_advice`` reads the appointments per service
and week, the weekly capacity template and the bookings ahead, and asks ``planning.capacity``
how many slots a week keep the digital waiting time under a target. The formulas live in those
plain engines; this module only reads and hands over, in a fixed number of queries however many
queues and services a location has. It never writes.

Tenancy: the planning is for managers and administrators of the location's organisation
(``PLANNING_ROLES``); ``location_for_manager`` is a 404 (``NotFound``) for anyone else, so another
organisation's location does not even show that it exists.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractHour, TruncDate, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.errors import DomainError, NotFound
from loket.core.i18n import Translated, current_language, translated
from loket.organisations.models import Location, Role
from loket.organisations.selectors import User, staff_organisation_ids
from loket.planning import capacity, erlang, forecast

if TYPE_CHECKING:
    from loket.queueing.models import Queue

BRUSSELS = ZoneInfo("Europe/Brussels")
# Who plans staff and capacity: the organisation's managers and administrators.
PLANNING_ROLES: frozenset[str] = frozenset({Role.MANAGER, Role.ADMIN})
PlanFor = Literal["calls", "counters"]
# An hour counts as "open" in the table when some day of the week expects at least this many.
BUSY_HOUR = 0.05


class NoHistory(DomainError):
    """Nothing stored to forecast from: no calls (or walk-ins; of ``queue``, when given) in the history window."""

    code = "no_history"

    def __init__(self, *, first_day: datetime.date, last_day: datetime.date, queue: str | None = None) -> None:
        days = {"first": first_day.isoformat(), "last": last_day.isoformat()}
        if queue is None:
            message = _("There is no history yet at this location to forecast from (%(first)s to %(last)s).") % days
        else:
            message = _("There is no history yet at %(queue)s to forecast from (%(first)s to %(last)s).") % {
                **days,
                "queue": queue,
            }
        super().__init__(message)
        self.first_day = first_day
        self.last_day = last_day
        self.queue = queue


# --- tenancy ---------------------------------------------------------------------------------------


def planning_organisation_ids(*, user: User) -> set[int]:
    """The organisations ``user`` may plan for (manager or administrator; superusers: all)."""
    return staff_organisation_ids(user=user, roles=PLANNING_ROLES)


def locations_for_manager(*, user: User) -> QuerySet[Location]:
    """The locations of the organisations ``user`` manages, by organisation and name."""
    return (
        Location.objects.filter(organisation_id__in=planning_organisation_ids(user=user))
        .select_related("organisation")
        .order_by("organisation__slug", "slug")
    )


@dataclass(frozen=True)
class QueueChoice:
    slug: str
    name: str  # in the page's language, else another one (``core.i18n.translated``)


def location_queues(*, location: Location) -> list[QueueChoice]:
    """Every queue of ``location`` (active or not: an old queue's history can still be planned), in kiosk order."""
    from loket.queueing.models import Queue

    return [
        QueueChoice(slug=q.slug, name=_queue_name(q).text)
        for q in Queue.objects.filter(location=location).order_by("position", "slug")
    ]


def location_for_manager(*, user: User, slug: str) -> Location:
    """The location ``slug`` when ``user`` manages its organisation; ``NotFound`` otherwise."""
    location = locations_for_manager(user=user).filter(slug=slug).first()
    if location is None:
        raise NotFound(_("There is no such location among yours."), field="location")
    return location


# --- a week's staffing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HourPlan:
    start: datetime.datetime  # aware, Europe/Brussels
    forecast: float  # calls (or visitors) expected in the hour
    needed: int  # calls: staff to roster (agents / (1 - shrinkage)); counters: desks open
    staff: int  # staff to roster that hour (counters: desks / (1 - shrinkage))


@dataclass(frozen=True)
class DayPlan:
    day: datetime.date
    hours: tuple[HourPlan, ...]  # 24, from 00:00

    @property
    def forecast(self) -> float:
        return sum(h.forecast for h in self.hours)

    @property
    def staff_hours(self) -> int:
        return sum(h.staff for h in self.hours)

    @property
    def needed_hours(self) -> int:
        return sum(h.needed for h in self.hours)

    @property
    def peak(self) -> int:
        return max((h.needed for h in self.hours), default=0)


@dataclass(frozen=True)
class QueuePlan:
    """One queue's walk-ins, forecast from its own history, and the desks of its own they need."""

    slug: str
    name: str
    name_lang: str  # the language the name is in (another than the page's when it has none in it)
    kind: str  # queueing.QueueKind
    days: tuple[DayPlan, ...]  # Monday to Sunday
    forecast_total: float
    desk_hours: float
    staff_hours: float  # desk hours with the absence margin on top
    peak_desks: int
    peak_start: datetime.datetime | None
    mean_wait_seconds: float  # over the week, weighted by visitors
    weekly_trend: float
    has_history: bool  # False: no walk-in in the history, so 0 throughout

    @property
    def hours(self) -> tuple[HourPlan, ...]:
        return tuple(h for d in self.days for h in d.hours)


@dataclass(frozen=True)
class WeekPlanResult:
    location: Location
    plan_for: PlanFor
    monday: datetime.date
    days: tuple[DayPlan, ...]  # Monday to Sunday; counters: the queue chosen, else every queue together
    busy_hours: tuple[int, ...]  # the hours some day expects anything: the rows worth showing
    forecast_total: float
    staff_hours: float  # hours of rostered staff (counters: desk hours, with the shrinkage on top)
    needed_hours: float  # agent hours on the phone (counters: desk hours)
    peak_needed: int
    peak_start: datetime.datetime | None  # the first hour the peak is needed
    service_level: float | None  # calls: share answered within the target, over the week
    mean_wait_seconds: float | None  # counters: mean wait over the week
    weekly_trend: float  # change of the weekly total per week, in calls (or visitors)
    holiday_factor: float  # a public holiday's demand, relative to a normal day
    school_holiday_factor: float  # a school-holiday day's demand, relative to a normal day
    history_first_day: datetime.date
    history_last_day: datetime.date
    days_ahead: int  # days between the end of the history and the Monday planned
    queue: QueuePlan | None = None  # counters: the queue chosen; None: every queue together
    queues: tuple[QueuePlan, ...] = ()  # counters: every queue of the location (empty for calls)

    @property
    def hours(self) -> tuple[HourPlan, ...]:
        return tuple(h for d in self.days for h in d.hours)


def week_plan(
    *,
    location: Location,
    monday: datetime.date,
    plan_for: PlanFor,
    handle_seconds: float,
    target_level: float,
    target_seconds: float,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
    history_weeks: int = 12,
    today: datetime.date | None = None,
    queue: str | None = None,
) -> WeekPlanResult:
    """Forecast and staffing for every hour of the week starting ``monday`` at ``location``.

    Calls: Erlang C (``target_level`` of the calls answered within ``target_seconds``, handle time
    ``handle_seconds``). Counters: a multi-server queue (``target_level`` of the visitors served
    within ``target_seconds``, service time ``handle_seconds``) for each queue of the location.

    Counters are planned per queue because that is how a front office staffs them: the quick
    counter's desks and the theme counters' desks are different desks with different clerks (a
    theme clerk needs the skills of that theme), so a visitor of one queue never waits for a free
    desk of another. Each queue gets its own forecast (its own walk-ins' history) and its own
    desks; pooling all queues into one queue would promise shorter waits than the separate desks
    can give. The location total is the sum of the queues: visitors added up (the forecasts are
    per queue, so the parts add up to the whole) and desks added up (one desk serves one queue);
    staff to roster are counted on the total desks, since a clerk with the absence margin can
    cover any desk. ``queue`` (a slug) plans that queue alone; the other queues are still in
    ``queues``.

    Walk-ins are the tickets taken at the kiosk or the reception, counted in the queue that gave
    the number (a transfer later does not move the arrival). Checked-in appointments are left
    out: they come at their booked time, not at random, and their desks are already planned by
    the appointment slots (``capacity_advice``); counting them again would plan their desks twice.

    The history is the ``history_weeks`` weeks before ``monday`` (or before ``today``, whichever
    is earlier), each series from its first week with data on. ``NoHistory`` when nothing is
    stored (for ``queue``: nothing at that queue); ``NotFound`` for a queue the location does not
    have; ``ValueError`` for targets the engines refuse.
    """
    if monday.weekday() != 0:
        raise ValueError("the week must start on a Monday")
    if history_weeks < 2:
        raise ValueError("the history must be at least 2 weeks")
    if queue and plan_for == "calls":
        raise ValueError("a queue is planned for the counters only")
    today = today or timezone.now().astimezone(BRUSSELS).date()
    first_day, last_day = _history_window(monday, today, history_weeks)
    region = location.extra_holiday_region or "vl"
    window = {"first_day": first_day, "last_day": last_day}
    if plan_for == "calls":
        rows = _call_counts(location, first_day, last_day)
        if not rows:
            raise NoHistory(first_day=first_day, last_day=last_day)
        history = forecast.HourlyHistory.from_day_hours(rows, **window)
        fitted = forecast.forecast_each({"calls": history}, first_day=monday, days=7, region=region)["calls"]
        plan = erlang.plan_week(
            fitted.forecast.counts.ravel().tolist(),
            interval_seconds=3600,
            handle_seconds=handle_seconds,
            target_level=target_level,
            target_seconds=target_seconds,
            max_occupancy=max_occupancy,
            shrinkage=shrinkage,
        )
        needed = [r.staff for r in plan.intervals]
        return _result(
            location=location,
            plan_for=plan_for,
            monday=monday,
            predicted=fitted.forecast,
            needed=needed,
            staff=needed,
            needed_hours=plan.agent_hours,
            service_level=plan.service_level,
            mean_wait_seconds=None,
            factors=_factors_of([fitted], monday),
            history_first_day=fitted.history_first_day,
            history_last_day=last_day,
        )

    queues = _walk_in_queues(location, first_day, last_day, also=queue)
    chosen = None
    if queue:
        chosen = next((q for q, _rows in queues if q.slug == queue), None)
        if chosen is None:
            raise NotFound(_("This location has no such queue."), field="queue")
    if not any(rows for _q, rows in queues):
        raise NoHistory(first_day=first_day, last_day=last_day)
    if chosen is not None and not next(rows for q, rows in queues if q is chosen):
        raise NoHistory(first_day=first_day, last_day=last_day, queue=_queue_name(chosen).text)
    histories = {q.pk: forecast.HourlyHistory.from_day_hours(rows, **window) for q, rows in queues}
    fitted_queues = forecast.forecast_each(histories, first_day=monday, days=7, region=region)
    counter_targets = {
        "service_seconds": handle_seconds,
        "target_wait_seconds": target_seconds,
        "target_share": target_level,
        "max_utilisation": max_occupancy,
    }
    plans = {q.pk: _queue_plan(q, fitted_queues[q.pk], shrinkage, counter_targets) for q, _rows in queues}
    queue_plans = tuple(plans[q.pk] for q, _rows in queues)
    used = [fitted_queues[chosen.pk]] if chosen is not None else list(fitted_queues.values())
    if chosen is not None:
        picked = plans[chosen.pk]
        needed = [h.needed for h in picked.hours]
        mean_wait = picked.mean_wait_seconds
    else:
        per_queue = [[h.needed for h in p.hours] for p in queue_plans]
        needed = [sum(hour) for hour in zip(*per_queue, strict=True)]
        visitors = sum(p.forecast_total for p in queue_plans)
        waited = sum(p.mean_wait_seconds * p.forecast_total for p in queue_plans)
        mean_wait = waited / visitors if visitors else 0.0
    predicted = forecast.total_forecast((f.forecast for f in used), first_day=monday, days=7)
    return _result(
        location=location,
        plan_for=plan_for,
        monday=monday,
        predicted=predicted,
        needed=needed,
        staff=[erlang.rostered_staff(n, shrinkage) for n in needed],
        needed_hours=float(sum(needed)),
        service_level=None,
        mean_wait_seconds=mean_wait,
        factors=_factors_of(used, monday),
        history_first_day=min((f.history_first_day for f in used if f.model is not None), default=first_day),
        history_last_day=last_day,
        queue=plans[chosen.pk] if chosen is not None else None,
        queues=queue_plans,
    )


def _history_window(monday: datetime.date, today: datetime.date, weeks: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day (inclusive) of the ``weeks`` weeks before ``monday`` or ``today``."""
    last_day = min(monday, today) - datetime.timedelta(days=1)
    return last_day - datetime.timedelta(weeks=weeks) + datetime.timedelta(days=1), last_day


def _hour_plans(predicted: forecast.Forecast, needed: list[int], staff: list[int]) -> tuple[DayPlan, ...]:
    hourly = predicted.hourly(BRUSSELS)
    plans = [
        HourPlan(start=start, forecast=count, needed=n, staff=s)
        for (start, count), n, s in zip(hourly, needed, staff, strict=True)
    ]
    return tuple(
        DayPlan(day=predicted.day(d), hours=tuple(plans[d * 24 : (d + 1) * 24])) for d in range(predicted.days)
    )


def _peak_start(days: tuple[DayPlan, ...], peak: int) -> datetime.datetime | None:
    if not peak:
        return None
    return next((h.start for d in days for h in d.hours if h.needed == peak), None)


@dataclass(frozen=True)
class _Factors:
    weekly_trend: float
    holiday: float
    school_holiday: float


def _factors_of(parts: list[forecast.SeriesForecast], monday: datetime.date) -> _Factors:
    """Trend and holiday factors of the sum of ``parts``: trends add up; a factor is the parts'
    factors weighted by each part's weekly level in the week planned (what the sum does on such a day)."""
    models = [p.model for p in parts if p.model is not None]
    weights = [m.weekly_level(monday) for m in models]
    weight = sum(weights)

    def weighted(values: list[float]) -> float:
        if not models:
            return 1.0
        if weight <= 0:
            return sum(values) / len(values)
        return sum(v * w for v, w in zip(values, weights, strict=True)) / weight

    return _Factors(
        weekly_trend=sum(m.weekly_trend for m in models),
        holiday=weighted([m.holiday_factor for m in models]),
        school_holiday=weighted([m.school_holiday_factor for m in models]),
    )


def _result(
    *,
    location: Location,
    plan_for: PlanFor,
    monday: datetime.date,
    predicted: forecast.Forecast,
    needed: list[int],
    staff: list[int],
    needed_hours: float,
    service_level: float | None,
    mean_wait_seconds: float | None,
    factors: _Factors,
    history_first_day: datetime.date,
    history_last_day: datetime.date,
    queue: QueuePlan | None = None,
    queues: tuple[QueuePlan, ...] = (),
) -> WeekPlanResult:
    days = _hour_plans(predicted, needed, staff)
    peak = max(needed, default=0)
    busy = tuple(h for h in range(24) if any(predicted.counts[d, h] >= BUSY_HOUR for d in range(7)))
    return WeekPlanResult(
        location=location,
        plan_for=plan_for,
        monday=monday,
        days=days,
        busy_hours=busy,
        forecast_total=float(predicted.counts.sum()),
        staff_hours=float(sum(staff)),
        needed_hours=float(needed_hours),
        peak_needed=peak,
        peak_start=_peak_start(days, peak),
        service_level=service_level,
        mean_wait_seconds=mean_wait_seconds,
        weekly_trend=factors.weekly_trend,
        holiday_factor=factors.holiday,
        school_holiday_factor=factors.school_holiday,
        history_first_day=history_first_day,
        history_last_day=history_last_day,
        days_ahead=(monday - history_last_day).days - 1,
        queue=queue,
        queues=queues,
    )


def _queue_plan(
    queue: Queue,
    fitted: forecast.SeriesForecast,
    shrinkage: float,
    targets: dict[str, Any],
) -> QueuePlan:
    counters = erlang.plan_counters_week(fitted.forecast.counts.ravel().tolist(), interval_seconds=3600, **targets)
    needed = [r.desks for r in counters.intervals]
    staff = [erlang.rostered_staff(n, shrinkage) for n in needed]
    days = _hour_plans(fitted.forecast, needed, staff)
    name = _queue_name(queue)
    return QueuePlan(
        slug=queue.slug,
        name=name.text,
        name_lang=name.lang,
        kind=queue.kind,
        days=days,
        forecast_total=fitted.total,
        desk_hours=counters.desk_hours,
        staff_hours=float(sum(staff)),
        peak_desks=counters.peak_desks,
        peak_start=_peak_start(days, counters.peak_desks),
        mean_wait_seconds=counters.mean_wait_seconds,
        weekly_trend=fitted.model.weekly_trend if fitted.model is not None else 0.0,
        has_history=fitted.model is not None,
    )


def _queue_name(queue: Queue) -> Translated:
    name = translated(queue, "name", current_language())
    return name if name.text else Translated(queue.slug, current_language(), False)


def _day_hour_counts(queryset: QuerySet[Any], field: str, *group: str, distinct: bool = False) -> list[dict[str, Any]]:
    """``queryset`` counted per local day and hour of ``field`` (and per ``group``), in the database."""
    return list(
        queryset.annotate(local_day=TruncDate(field, tzinfo=BRUSSELS), local_hour=ExtractHour(field, tzinfo=BRUSSELS))
        .values(*group, "local_day", "local_hour")
        .annotate(n=Count("id", distinct=distinct))
        .order_by()
    )


def _span(first_day: datetime.date, last_day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(first_day, datetime.time(0), tzinfo=BRUSSELS)
    end = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(0), tzinfo=BRUSSELS)
    return start, end


def _call_counts(
    location: Location, first_day: datetime.date, last_day: datetime.date
) -> list[tuple[datetime.date, int, float]]:
    """(local date, local hour, count) of the inbound phone contacts of the location's organisation."""
    from loket.contacts.models import Contact, ContactChannel, Direction

    start, end = _span(first_day, last_day)
    calls = Contact.objects.filter(
        organisation=location.organisation,
        channel=ContactChannel.PHONE,
        direction=Direction.INBOUND,
        started_at__gte=start,
        started_at__lt=end,
    )
    return [(r["local_day"], int(r["local_hour"]), float(r["n"])) for r in _day_hour_counts(calls, "started_at")]


def _walk_in_queues(
    location: Location, first_day: datetime.date, last_day: datetime.date, *, also: str | None = None
) -> list[tuple[Queue, list[tuple[datetime.date, int, float]]]]:
    """The location's queues that take walk-ins, had some in the window or are ``also`` (a slug),
    each with its (local date, local hour, count) rows; two queries, however many queues."""
    from loket.queueing.models import Queue, Ticket, TicketSource

    start, end = _span(first_day, last_day)
    tickets = Ticket.objects.filter(numbered_in__location=location, issued_at__gte=start, issued_at__lt=end).exclude(
        source=TicketSource.APPOINTMENT
    )
    rows: dict[int, list[tuple[datetime.date, int, float]]] = defaultdict(list)
    for r in _day_hour_counts(tickets, "issued_at", "numbered_in"):
        rows[r["numbered_in"]].append((r["local_day"], int(r["local_hour"]), float(r["n"])))
    wanted = Q(active=True, walk_in=True) | Q(pk__in=list(rows))
    if also:
        wanted |= Q(slug=also)
    queues = Queue.objects.filter(wanted, location=location).order_by("position", "slug")
    return [(q, rows.get(q.pk, [])) for q in queues]


# --- appointment demand per service ----------------------------------------------------------------


@dataclass(frozen=True)
class ServiceDemand:
    """New bookings expected for one service, by the hour they are made (not the hour of the visit)."""

    slug: str
    title: str
    title_lang: str  # the language the title is in
    days: tuple[float, ...]  # Monday to Sunday
    hours: tuple[tuple[datetime.datetime, float], ...]  # (aware start, bookings) for every hour of the week
    week_total: float
    weekly_trend: float
    has_history: bool  # False: no booking in the history, so 0 throughout


@dataclass(frozen=True)
class BookingDemandResult:
    monday: datetime.date
    history_first_day: datetime.date
    history_last_day: datetime.date
    rows: tuple[ServiceDemand, ...]  # by slug


def booking_demand(
    *,
    location: Location,
    monday: datetime.date,
    history_weeks: int = 12,
    today: datetime.date | None = None,
) -> BookingDemandResult:
    """Bookings expected per service for every hour of the week of ``monday`` at ``location``.

    The history: the appointments at the location per service, by the local hour they were
    booked (``created_at``), in the ``history_weeks`` weeks before ``monday`` (or before
    ``today``). Counted as ``capacity_advice`` counts them: booked, checked in or not come;
    cancelled ones, expired offers and places held for the waiting list gave back their slot. An
    appointment for two services counts for each. Each service is forecast from its own bookings
    only (``forecast.forecast_each``); a service with none gets 0, not a share of another's. The
    services: those booked in the window and those of the location's capacity sessions.
    """
    from loket.appointments.models import Appointment, AppointmentStatus, CapacitySession
    from loket.catalog.models import Service

    if monday.weekday() != 0:
        raise ValueError("the week must start on a Monday")
    if history_weeks < 2:
        raise ValueError("the history must be at least 2 weeks")
    today = today or timezone.now().astimezone(BRUSSELS).date()
    first_day, last_day = _history_window(monday, today, history_weeks)
    start, end = _span(first_day, last_day)
    booked = Appointment.objects.filter(
        location=location,
        status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW),
        created_at__gte=start,
        created_at__lt=end,
    )
    rows: dict[int, list[tuple[datetime.date, int, float]]] = defaultdict(list)
    for r in _day_hour_counts(booked, "created_at", "parts__services", distinct=True):
        if r["parts__services"] is not None:
            rows[r["parts__services"]].append((r["local_day"], int(r["local_hour"]), float(r["n"])))
    sessions = CapacitySession.objects.filter(location=location)
    services = list(
        Service.objects.filter(Q(pk__in=list(rows)) | Q(pk__in=sessions.values("services"))).order_by("slug")
    )
    window = {"first_day": first_day, "last_day": last_day}
    histories = {s.pk: forecast.HourlyHistory.from_day_hours(rows.get(s.pk, []), **window) for s in services}
    fitted = forecast.forecast_each(histories, first_day=monday, days=7, region=location.extra_holiday_region or "vl")
    lang = current_language()
    demand = []
    for service in services:
        part = fitted[service.pk]
        title = translated(service, "title", lang)
        demand.append(
            ServiceDemand(
                slug=service.slug,
                title=title.text or service.slug,
                title_lang=title.lang,
                days=tuple(float(day) for day in part.forecast.counts.sum(axis=1)),
                hours=tuple(part.forecast.hourly(BRUSSELS)),
                week_total=part.total,
                weekly_trend=part.model.weekly_trend if part.model is not None else 0.0,
                has_history=part.model is not None,
            )
        )
    return BookingDemandResult(
        monday=monday, history_first_day=first_day, history_last_day=last_day, rows=tuple(demand)
    )


# --- appointment capacity --------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceCapacityRow:
    slug: str
    title: str
    duration_minutes: int
    advice: capacity.CapacityAdvice
    measured_working_days: int | None  # the digital waiting time the booking engine finds now
    measured_known: bool  # False: the engine was not asked (no capacity for it)


@dataclass(frozen=True)
class CapacityAdviceResult:
    target_working_days: float
    weeks_to_reach: int
    history_first_monday: datetime.date  # the first week counted (from the first appointment on)
    history_weeks: int
    rows: tuple[ServiceCapacityRow, ...]


def capacity_advice(
    *,
    location: Location,
    monday: datetime.date,
    target_working_days: float,
    history_weeks: int = 12,
    weeks_to_reach: int = capacity.DEFAULT_WEEKS_TO_REACH,
    now: datetime.datetime | None = None,
) -> CapacityAdviceResult:
    """Slots a week per appointment service at ``location`` that keep the digital waiting time under target.

    Demand: the appointments per service and week (by their start; cancelled and expired ones and
    those held for the waiting list do not count) in the ``history_weeks`` weeks before ``monday``
    (or before this week), forecast to the week of ``monday``. Capacity: the weekly template
    (``CapacitySession``: minutes x desks, shared among its services by their demand). Backlog:
    the appointments booked from ``now`` on. The model is ``planning.capacity``.
    """
    from loket.appointments.models import AppointmentStatus, CapacitySession
    from loket.appointments.selectors import availability_waiting_times
    from loket.catalog.models import Service

    now = now or timezone.now()
    this_monday = now.astimezone(BRUSSELS).date()
    this_monday -= datetime.timedelta(days=this_monday.weekday())
    end_monday = min(monday, this_monday)
    first_monday = end_monday - datetime.timedelta(weeks=history_weeks)
    start = datetime.datetime.combine(first_monday, datetime.time(0), tzinfo=BRUSSELS)
    end = datetime.datetime.combine(end_monday, datetime.time(0), tzinfo=BRUSSELS)
    counted = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW)

    from loket.appointments.models import Appointment

    weekly = (
        Appointment.objects.filter(location=location, status__in=counted, start__gte=start, start__lt=end)
        .annotate(week=TruncWeek("start", tzinfo=BRUSSELS))
        .values("parts__services", "week")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    counts: dict[int, list[float]] = defaultdict(lambda: [0.0] * history_weeks)  # oldest week first
    for row in weekly:
        if row["parts__services"] is None:
            continue
        week_start = row["week"]
        week_day = week_start.date() if isinstance(week_start, datetime.datetime) else week_start
        index = (week_day - first_monday).days // 7
        if 0 <= index < history_weeks:
            counts[row["parts__services"]][index] += float(row["n"])

    # Weeks before the location's first appointment are not "no demand" but "no data yet".
    used = [i for weeks in counts.values() for i, n in enumerate(weeks) if n > 0]
    start_week = min(used, default=0)
    counts = {pk: weeks[start_week:] for pk, weeks in counts.items()}

    backlog_rows = (
        Appointment.objects.filter(location=location, status=AppointmentStatus.BOOKED, start__gte=now)
        .values("parts__services")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    backlog = {row["parts__services"]: float(row["n"]) for row in backlog_rows if row["parts__services"]}

    sessions = list(CapacitySession.objects.filter(location=location).prefetch_related("desks", "services"))
    session_inputs = [
        capacity.Session(
            minutes=_minutes(session.starts, session.ends) * len(session.desks.all()),
            services=tuple(service.pk for service in session.services.all()),
        )
        for session in sessions
    ]
    service_ids = (
        set(counts) | {service.pk for session in sessions for service in session.services.all()} | set(backlog)
    )
    services = list(Service.objects.filter(pk__in=service_ids).order_by("slug"))
    durations: dict[Hashable, float] = {s.pk: float(s.duration_minutes or 1) for s in services}
    weeks_ahead = max(0, (monday - end_monday).days // 7)
    demand: dict[Hashable, float] = {
        s.pk: capacity.demand_forecast(counts.get(s.pk, []), weeks_ahead) for s in services
    }
    slots = capacity.weekly_slots(session_inputs, durations=durations, demand=demand)

    with_capacity = [s for s in services if slots.get(s.pk, 0.0) > 0]
    measured: dict[str, int | None] = {}
    if with_capacity:
        for waiting in availability_waiting_times(services=with_capacity, locations=[location], now=now):
            measured[waiting.service] = waiting.working_days
    lang = current_language()
    rows = tuple(
        ServiceCapacityRow(
            slug=s.slug,
            title=translated(s, "title", lang).text or s.slug,
            duration_minutes=s.duration_minutes,
            advice=capacity.advise(
                demand_per_week=demand[s.pk],
                slots_per_week=slots.get(s.pk, 0.0),
                backlog=backlog.get(s.pk, 0.0),
                target_working_days=target_working_days,
                weeks_to_reach=weeks_to_reach,
            ),
            measured_working_days=measured.get(s.slug),
            measured_known=s.slug in measured,
        )
        for s in services
    )
    return CapacityAdviceResult(
        target_working_days=target_working_days,
        weeks_to_reach=weeks_to_reach,
        history_first_monday=first_monday + datetime.timedelta(weeks=start_week),
        history_weeks=history_weeks - start_week,
        rows=rows,
    )


def _minutes(starts: datetime.time, ends: datetime.time) -> float:
    return (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)


def iso_week_monday(value: str) -> datetime.date:
    """The Monday of an ISO week written ``2026-W07``; ``ValueError`` otherwise."""
    year, _sep, week = value.strip().upper().partition("-W")
    if not year.isdigit() or not week.isdigit() or len(year) != 4:
        raise ValueError(f"not an ISO week: {value!r}")
    return datetime.date.fromisocalendar(int(year), int(week), 1)


def iso_week(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"
