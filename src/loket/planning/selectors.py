"""Reads of the planning: a week's staffing from the stored history, and the appointment capacity advice.

``week_plan`` reads the hourly history of one location (inbound phone contacts of its
organisation for calls, tickets issued at the location for the counters), forecasts the week
(``planning.forecast``) and plans every hour (``planning.erlang``). ``capacity_advice`` reads the
appointments per service and week, the weekly capacity template and the bookings ahead, and asks
``planning.capacity`` how many slots a week keep the digital waiting time under a target. The
formulas live in those plain engines; this module only reads and hands over. It never writes.

Tenancy: the planning is for managers and administrators of the location's organisation
(``PLANNING_ROLES``); ``location_for_manager`` is a 404 (``NotFound``) for anyone else, so another
organisation's location does not even show that it exists.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractHour, TruncDate, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.errors import DomainError, NotFound
from loket.core.i18n import current_language, translated
from loket.organisations.models import Location, Role
from loket.organisations.selectors import User, staff_organisation_ids
from loket.planning import capacity, erlang, forecast

BRUSSELS = ZoneInfo("Europe/Brussels")
# Who plans staff and capacity: the organisation's managers and administrators.
PLANNING_ROLES: frozenset[str] = frozenset({Role.MANAGER, Role.ADMIN})
PlanFor = Literal["calls", "counters"]
# An hour counts as "open" in the table when some day of the week expects at least this many.
BUSY_HOUR = 0.05


class NoHistory(DomainError):
    """Nothing stored to forecast from: no calls (or tickets) in the history window."""

    code = "no_history"

    def __init__(self, *, first_day: datetime.date, last_day: datetime.date) -> None:
        super().__init__(
            _("There is no history yet at this location to forecast from (%(first)s to %(last)s).")
            % {"first": first_day.isoformat(), "last": last_day.isoformat()}
        )
        self.first_day = first_day
        self.last_day = last_day


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
    def peak(self) -> int:
        return max((h.needed for h in self.hours), default=0)


@dataclass(frozen=True)
class WeekPlanResult:
    location: Location
    plan_for: PlanFor
    monday: datetime.date
    days: tuple[DayPlan, ...]  # Monday to Sunday
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
) -> WeekPlanResult:
    """Forecast and staffing for every hour of the week starting ``monday`` at ``location``.

    Calls: Erlang C (``target_level`` of the calls answered within ``target_seconds``, handle time
    ``handle_seconds``). Counters: a multi-server queue (``target_level`` of the visitors served
    within ``target_seconds``, service time ``handle_seconds``). The history is the
    ``history_weeks`` weeks before ``monday`` (or before ``today``, whichever is earlier).
    ``NoHistory`` when nothing is stored; ``ValueError`` for targets the engines refuse.
    """
    if monday.weekday() != 0:
        raise ValueError("the week must start on a Monday")
    if history_weeks < 2:
        raise ValueError("the history must be at least 2 weeks")
    today = today or timezone.now().astimezone(BRUSSELS).date()
    last_day = min(monday, today) - datetime.timedelta(days=1)
    first_day = last_day - datetime.timedelta(weeks=history_weeks) + datetime.timedelta(days=1)
    rows = _hourly_counts(location, plan_for, first_day, last_day)
    if not rows:
        raise NoHistory(first_day=first_day, last_day=last_day)
    history = forecast.HourlyHistory.from_day_hours(rows, first_day=first_day, last_day=last_day)
    model = forecast.fit(history, region=location.extra_holiday_region or "vl")
    predicted = forecast.predict(model, first_day=monday, days=7)
    hourly = predicted.hourly(BRUSSELS)
    per_hour = [count for _start, count in hourly]
    service_level: float | None = None
    mean_wait: float | None = None
    if plan_for == "calls":
        plan = erlang.plan_week(
            per_hour,
            interval_seconds=3600,
            handle_seconds=handle_seconds,
            target_level=target_level,
            target_seconds=target_seconds,
            max_occupancy=max_occupancy,
            shrinkage=shrinkage,
        )
        needed = [r.staff for r in plan.intervals]
        staff = needed
        needed_hours = plan.agent_hours
        service_level = plan.service_level
    else:
        counters = erlang.plan_counters_week(
            per_hour,
            interval_seconds=3600,
            service_seconds=handle_seconds,
            target_wait_seconds=target_seconds,
            target_share=target_level,
            max_utilisation=max_occupancy,
        )
        needed = [r.desks for r in counters.intervals]
        staff = [erlang.rostered_staff(n, shrinkage) for n in needed]
        needed_hours = counters.desk_hours
        mean_wait = counters.mean_wait_seconds
    plans = [
        HourPlan(start=start, forecast=count, needed=n, staff=s)
        for (start, count), n, s in zip(hourly, needed, staff, strict=True)
    ]
    days = tuple(
        DayPlan(day=monday + datetime.timedelta(days=d), hours=tuple(plans[d * 24 : (d + 1) * 24])) for d in range(7)
    )
    peak = max(needed, default=0)
    busy = tuple(h for h in range(24) if any(predicted.counts[d, h] >= BUSY_HOUR for d in range(7)))
    return WeekPlanResult(
        location=location,
        plan_for=plan_for,
        monday=monday,
        days=days,
        busy_hours=busy,
        forecast_total=float(sum(per_hour)),
        staff_hours=float(sum(staff)),
        needed_hours=float(needed_hours),
        peak_needed=peak,
        peak_start=next((p.start for p in plans if p.needed == peak), None) if peak else None,
        service_level=service_level,
        mean_wait_seconds=mean_wait,
        weekly_trend=model.weekly_trend,
        holiday_factor=model.holiday_factor,
        school_holiday_factor=model.school_holiday_factor,
        history_first_day=first_day,
        history_last_day=last_day,
        days_ahead=(monday - last_day).days - 1,
    )


def _hourly_counts(
    location: Location, plan_for: str, first_day: datetime.date, last_day: datetime.date
) -> list[tuple[datetime.date, int, float]]:
    """(local date, local hour, count) of the stored history; grouped in the database."""
    start = datetime.datetime.combine(first_day, datetime.time(0), tzinfo=BRUSSELS)
    end = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(0), tzinfo=BRUSSELS)
    if plan_for == "calls":
        from loket.contacts.models import Contact, ContactChannel, Direction

        queryset: QuerySet[Any] = Contact.objects.filter(
            organisation=location.organisation,
            channel=ContactChannel.PHONE,
            direction=Direction.INBOUND,
            started_at__gte=start,
            started_at__lt=end,
        )
        field = "started_at"
    else:
        from loket.queueing.models import Ticket

        queryset = Ticket.objects.filter(queue__location=location, issued_at__gte=start, issued_at__lt=end)
        field = "issued_at"
    grouped = (
        queryset.annotate(local_day=TruncDate(field, tzinfo=BRUSSELS), local_hour=ExtractHour(field, tzinfo=BRUSSELS))
        .values("local_day", "local_hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(row["local_day"], int(row["local_hour"]), float(row["n"])) for row in grouped]


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
