"""The availability engine: capacity, bookings and a visit in, free appointment slots out.

This module answers "when can this visit (one or more services) take place, where and at which
desk?" for the citizen's calendar, the staff booking screen, the ``/api/v1/availability/`` API and
the "digital waiting time" on a service page. It is plain Python over plain data (the dataclasses
below): the appointments app reads templates and bookings from the database, turns them into
these dataclasses and calls the functions at the bottom. This module must never import Django,
touch the database or read the clock: ``now`` is always passed in. It only *suggests* slots; the
booking service still takes the place under a database lock or constraint, because two people
may ask at the same moment.

Times are timezone-aware; the calendar of a location is kept in Europe/Brussels, so opening hours
and slot starts are local wall-clock times, correct on the days the clocks change. Date ranges are
half-open (``start`` included, ``end`` excluded).

The rules, in the order they apply:

1. **Sessions.** A location's capacity is a weekly template of sessions (weekday, from-to, the
   desks that serve). On one date the weekly sessions of that weekday apply, unless the date is a
   closed date (public holidays are passed in by the caller as closed dates) or a closure covers
   them: a closure without hours closes the day, one with hours cuts that span out of every
   session. Extra sessions on a date are added last, so they win over closures ("open on this
   holiday Sunday for the elections"), as in ``loket.organisations.opening_engine``.
2. **Desks and skills.** Each desk has the set of service slugs its staff may serve. A visit with
   several services needs *one* slot as long as all its services together (never cut short),
   inside one session, at one desk whose skills cover every service. Among the desks that fit,
   the one with the fewest skills is chosen, so generalists stay free for combined visits. Only
   when no desk of the session has every skill is the visit split over consecutive desks: the
   services in an order that fits (the visit's own order first, then the other orders), as few
   parts as possible, each part right after the previous one; the slot lists which desk serves
   which part.
3. **Bookings and buffer.** A booking holds its desk for ``[start, end)`` plus its buffer. A new
   visit (each of its parts) needs its desk free for its own time plus its buffer: the longest
   buffer of its services, where a service without its own buffer takes the location's. The
   appointment itself lies inside the session; its buffer may run past the session's end.
4. **Starts.** Slots start on a grid of local wall-clock times: a multiple of the step since local
   midnight (every 15 minutes: 09:00, 09:15, ...). With several services the step is the least
   common multiple of theirs, so every start is on every service's grid; the minimum notice is
   the longest and the booking horizon the shortest of theirs. A slot starts no earlier than
   ``now`` plus the notice, on a local date before ``today + horizon_days``.
5. **Online quota.** A session can say how many of its desks may be held by online bookings at
   the same time (``online_desks``). The rule: *at any moment, at most N of the session's desks
   are held (appointment plus buffer) by bookings made online*. The channel ``"online"`` sees a
   slot only when it keeps that true; ``"staff"`` (reception, contact centre) sees every free
   desk. So in a session of 4 desks with ``online_desks=3``, one desk is always left for people
   who book at reception or by phone, wherever the online bookings happen to be. ``None`` means
   no limit, ``0`` staff-only. Each part of a visit over consecutive desks is a holding of its
   own, so while the first desk's buffer runs the visit holds two desks. Sessions that overlap
   each keep their own quota. Notice and horizon apply to both channels.

Speed: bookings must come sorted by start (``ORDER BY start``), possibly with ``ReadMark``s among
them (a reader that fetches in chunks puts one at the end of each), and are read lazily into one
sorted list of busy intervals per desk, searched with ``bisect``; free time is walked gap by gap,
never minute by minute. ``earliest_free_slot`` goes day by day and stops at the first day with a
slot, so a generator over a database cursor is read only as far as needed. Bookings on desks
that cannot matter are skipped; ``bookings_needed`` tells a selector which those are, so that it
need not read them at all. Reading bookings is the main cost of a search that goes weeks ahead
(``benchmarks/availability/README.md``).
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Brussels")

Channel = Literal["online", "staff"]
DeskKey = int | str

# Beyond four services in one visit, only the visit's own order is tried for consecutive desks:
# 5! orders per start would make one odd request slow for everyone.
MAX_SERVICES_REORDERED = 4

_DAY = datetime.timedelta(days=1)
_FAR = 2**62  # "no further booking" in epoch seconds


# --- What the caller passes in ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Desk:
    """A desk (counter) at a location; ``skills`` are the service slugs its staff may serve."""

    key: DeskKey  # unique across every location passed in one call, e.g. the desk's primary key
    skills: frozenset[str]


@dataclass(frozen=True, kw_only=True)
class WeeklySession:
    """A row of the weekly capacity template: ``weekday`` 0 is Monday, times are local."""

    weekday: int
    starts: datetime.time
    ends: datetime.time
    desks: tuple[DeskKey, ...]
    online_desks: int | None = None  # at most this many desks held by online bookings at once

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), not {self.weekday}")
        _check_session(self.starts, self.ends, self.desks, self.online_desks)


@dataclass(frozen=True, kw_only=True)
class ExtraSession:
    """A session on one date on top of the weekly template (it also opens a closed date)."""

    day: datetime.date
    starts: datetime.time
    ends: datetime.time
    desks: tuple[DeskKey, ...]
    online_desks: int | None = None

    def __post_init__(self) -> None:
        _check_session(self.starts, self.ends, self.desks, self.online_desks)


@dataclass(frozen=True, kw_only=True)
class Closure:
    """The location closed on ``day``: all day without hours, else only from ``starts`` to ``ends``."""

    day: datetime.date
    starts: datetime.time | None = None
    ends: datetime.time | None = None

    @property
    def is_whole_day(self) -> bool:
        return self.starts is None or self.ends is None


@dataclass(frozen=True, kw_only=True)
class LocationCapacity:
    """Everything the engine needs about one location's appointment capacity.

    ``closed_dates`` are dates without weekly sessions, e.g. the Belgian public holidays the
    caller takes from ``opening_engine.public_holidays``. A desk that is unavailable for part of a
    day (staff absent) is best passed as a staff booking on that desk.
    """

    location: str  # the location's slug, as returned in every slot
    desks: tuple[Desk, ...]
    weekly: tuple[WeeklySession, ...] = ()
    extra_sessions: tuple[ExtraSession, ...] = ()
    closures: tuple[Closure, ...] = ()
    closed_dates: frozenset[datetime.date] = frozenset()
    buffer_minutes: int = 0  # after each appointment, for services without their own buffer

    def __post_init__(self) -> None:
        keys = [desk.key for desk in self.desks]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{self.location}: two desks have the same key")
        known = set(keys)
        sessions: list[WeeklySession | ExtraSession] = [*self.weekly, *self.extra_sessions]
        for session in sessions:
            unknown = [key for key in session.desks if key not in known]
            if unknown:
                raise ValueError(f"{self.location}: a session names unknown desks {unknown!r}")
        if self.buffer_minutes < 0:
            raise ValueError(f"{self.location}: buffer_minutes must not be negative")


@dataclass(frozen=True, kw_only=True)
class ServiceRule:
    """How one service is booked: its duration and its booking rules."""

    slug: str
    duration_minutes: int
    buffer_minutes: int | None = None  # None: the location's buffer
    slot_step_minutes: int = 15
    minimum_notice_minutes: int = 0
    horizon_days: int = 60

    def __post_init__(self) -> None:
        if self.duration_minutes <= 0:
            raise ValueError(f"{self.slug}: duration_minutes must be positive")
        if self.slot_step_minutes <= 0:
            raise ValueError(f"{self.slug}: slot_step_minutes must be positive")
        if self.buffer_minutes is not None and self.buffer_minutes < 0:
            raise ValueError(f"{self.slug}: buffer_minutes must not be negative")
        if self.minimum_notice_minutes < 0 or self.horizon_days < 0:
            raise ValueError(f"{self.slug}: minimum notice and horizon must not be negative")


@dataclass(frozen=True, kw_only=True, slots=True)
class Booking:
    """An existing appointment (or one part of a visit) holding ``desk`` for ``[start, end)`` plus buffer."""

    desk: DeskKey
    start: datetime.datetime
    end: datetime.datetime
    channel: Channel  # how it was booked: online bookings count against a session's online quota
    buffer_minutes: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class ReadMark:
    """A mark a lazy reader puts among the bookings: every booking that starts before ``start`` came.

    Not a booking (it holds no desk). A search that has its answer before ``start`` then stops at the
    mark, and the reader need not fetch the next booking only to see that it starts too late (for a
    database reader: a whole next chunk). Marks keep the order by start like the bookings.
    """

    start: datetime.datetime


class HeldTime(NamedTuple):
    """A booking as a database reader hands it over: ``desk`` held from ``start`` to ``until``.

    The same as a ``Booking`` in epoch seconds, buffer included in ``until``, with ``online`` for
    its channel. A reader that gets seconds from SQL passes them on as they are: making two aware
    datetimes for every booking, only for the engine to turn them back into seconds, cost more
    than the search itself when the first free slot is weeks ahead.
    """

    desk: DeskKey
    start: float
    until: float
    online: bool


_Part = tuple[DeskKey, tuple[ServiceRule, ...], float, float]  # desk, services, start, end (epoch seconds)


# --- What the engine returns -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SlotPart:
    """One desk's share of a slot: the services it serves, from ``start`` to ``end``."""

    desk: DeskKey
    services: tuple[str, ...]
    start: datetime.datetime
    end: datetime.datetime


@dataclass(frozen=True, kw_only=True)
class Slot:
    """A free time for the whole visit at one location; ``parts`` has one entry per desk used."""

    start: datetime.datetime
    end: datetime.datetime
    location: str
    parts: tuple[SlotPart, ...]

    @property
    def desks(self) -> tuple[DeskKey, ...]:
        return tuple(part.desk for part in self.parts)


@dataclass(frozen=True, kw_only=True)
class BookingsNeeded:
    """Which bookings a search reads: all on ``desks``, only the online ones on ``online_only_desks``.

    A selector can put this in its query (and read from the search's first day onwards, sorted by
    start); the engine skips any other booking anyway, but one not read costs nothing.
    """

    desks: frozenset[DeskKey]
    online_only_desks: frozenset[DeskKey]

    def wants(self, booking: Booking) -> bool:
        return booking.desk in self.desks or (booking.desk in self.online_only_desks and booking.channel == "online")


@dataclass(frozen=True, kw_only=True)
class CalendarDay:
    """One day of a month calendar: how many start times are free and the first one."""

    day: datetime.date
    free_starts: int
    first_free: datetime.datetime | None


@dataclass(frozen=True, kw_only=True)
class WaitingTime:
    """The "digital waiting time" of one service at one location, in working days."""

    service: str
    location: str
    working_days: int | None  # None: nothing free within the booking horizon
    first_free: Slot | None


# --- The public functions --------------------------------------------------------------------


def free_slots(
    *,
    locations: Sequence[LocationCapacity],
    services: Sequence[ServiceRule],
    bookings: Iterable[Booking | HeldTime | ReadMark],
    start: datetime.date,
    end: datetime.date,
    now: datetime.datetime,
    channel: Channel = "online",
) -> list[Slot]:
    """Every free slot for the visit on local dates ``[start, end)``, by start time then location.

    One slot per location and start time, with the desk (or desks) the engine would use.
    ``bookings`` must come sorted by start (see the module doc).
    """
    visit = _Visit.of(services)
    booked = _booked_time(bookings, locations, [visit], channel)
    result: list[Slot] = []
    for _day, slots in _slots_by_day(locations, visit, booked, start=start, end=end, now=now, channel=channel):
        result.extend(slots)
    return result


def earliest_free_slot(
    *,
    locations: Sequence[LocationCapacity],
    services: Sequence[ServiceRule],
    bookings: Iterable[Booking | HeldTime | ReadMark],
    now: datetime.datetime,
    channel: Channel = "online",
    start: datetime.date | None = None,
) -> Slot | None:
    """The first free slot for the visit at any of ``locations`` within its horizon, or ``None``.

    Goes day by day from ``start`` (default: today) and stops at the first day with a slot.
    """
    visit = _Visit.of(services)
    booked = _booked_time(bookings, locations, [visit], channel)
    first_day = start or _local_today(now)
    last_day = _local_today(now) + datetime.timedelta(days=visit.horizon_days)
    searches = _searches(locations, visit, booked, now=now, channel=channel)
    for day in _days(visit, start=first_day, end=last_day, now=now):
        best: tuple[float, _DaySearch, tuple[_Part, ...]] | None = None
        for search in searches:
            # A start equal to the best so far loses to the earlier location, as in ``free_slots``.
            found = search.first(day, before=math.inf if best is None else best[0])
            if found is not None:
                best = (found[0], search, found[1])
        if best is not None:
            first_start, search, parts = best
            return search.slot(first_start, parts)
    return None


def month_calendar(
    *,
    location: LocationCapacity,
    services: Sequence[ServiceRule],
    bookings: Iterable[Booking | HeldTime | ReadMark],
    year: int,
    month: int,
    now: datetime.datetime,
    channel: Channel = "online",
) -> list[CalendarDay]:
    """Every day of the month with its number of free start times and the first one."""
    visit = _Visit.of(services)
    booked = _booked_time(bookings, [location], [visit], channel)
    first = datetime.date(year, month, 1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    [search] = _searches([location], visit, booked, now=now, channel=channel)
    # Only the count and the first start are shown: building every slot would cost more than the search.
    per_day = {day: search.found(day) for day in _days(visit, start=first, end=after, now=now)}
    days: list[CalendarDay] = []
    day = first
    while day < after:
        starts = per_day.get(day, {})
        days.append(CalendarDay(day=day, free_starts=len(starts), first_free=_aware(min(starts)) if starts else None))
        day += _DAY
    return days


def digital_waiting_time(
    *,
    locations: Sequence[LocationCapacity],
    services: Sequence[ServiceRule],
    bookings: Iterable[Booking | HeldTime | ReadMark],
    now: datetime.datetime,
    holidays: Collection[datetime.date],
    channel: Channel = "online",
) -> list[WaitingTime]:
    """Working days from today until the first free slot, for each service alone at each location.

    Working days are Monday to Friday, not in ``holidays``, counted from today up to (not
    including) the day of the first free slot: a slot today is 0, one tomorrow is 1, and a slot on
    Monday seen on a Saturday is 0. One entry per service and location, in the order given.
    """
    visits = [_Visit.of([service]) for service in services]
    booked = _booked_time(bookings, locations, visits, channel)  # shared: read once for every service
    today = _local_today(now)
    result: list[WaitingTime] = []
    for service, visit in zip(services, visits, strict=True):
        first = _first_slot_per_location(locations, visit, booked, now=now, channel=channel)
        for location in locations:
            slot = first.get(location.location)
            days = None if slot is None else _working_days(today, slot.start.date(), holidays)
            result.append(
                WaitingTime(service=service.slug, location=location.location, working_days=days, first_free=slot)
            )
    return result


def bookings_needed(
    *,
    locations: Sequence[LocationCapacity],
    visits: Sequence[Sequence[ServiceRule]],
    channel: Channel = "online",
) -> BookingsNeeded:
    """The bookings that can change the answer for these visits (each a list of services)."""
    busy, online = _desks_to_read(locations, [_Visit.of(visit) for visit in visits], channel)
    return BookingsNeeded(desks=frozenset(busy), online_only_desks=frozenset(online))


# --- How it works ----------------------------------------------------------------------------


def _check_session(starts: datetime.time, ends: datetime.time, desks: Sequence[DeskKey], online: int | None) -> None:
    if not starts < ends:
        raise ValueError(f"a session must start before it ends ({starts} - {ends})")
    if not desks:
        raise ValueError("a session needs at least one desk")
    if online is not None and online < 0:
        raise ValueError("online_desks must not be negative")


def _local_today(now: datetime.datetime) -> datetime.date:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(TIMEZONE).date()


def _epoch(day: datetime.date, at: datetime.time) -> float:
    return datetime.datetime.combine(day, at, tzinfo=TIMEZONE).timestamp()


def _aware(epoch: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(epoch, tz=TIMEZONE)


def _working_days(today: datetime.date, until: datetime.date, holidays: Collection[datetime.date]) -> int:
    count = 0
    day = today
    while day < until:
        if day.weekday() < 5 and day not in holidays:
            count += 1
        day += _DAY
    return count


@dataclass(frozen=True)
class _Visit:
    """The visit's services with the strictest of their rules; times in seconds."""

    services: tuple[ServiceRule, ...]
    slugs: frozenset[str]
    duration: int
    step: int
    notice: int
    horizon_days: int
    orders: tuple[tuple[ServiceRule, ...], ...]  # orders tried for consecutive desks

    @classmethod
    def of(cls, services: Sequence[ServiceRule]) -> _Visit:
        if not services:
            raise ValueError("a visit needs at least one service")
        slugs = [service.slug for service in services]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"a service appears twice in the visit: {slugs}")
        ordered = tuple(services)
        orders = tuple(itertools.permutations(ordered)) if len(ordered) <= MAX_SERVICES_REORDERED else (ordered,)
        return cls(
            services=ordered,
            slugs=frozenset(slugs),
            duration=60 * sum(service.duration_minutes for service in services),
            step=60 * math.lcm(*(service.slot_step_minutes for service in services)),
            notice=60 * max(service.minimum_notice_minutes for service in services),
            horizon_days=min(service.horizon_days for service in services),
            orders=orders,
        )

    def desks_used(self, desks: Sequence[Desk]) -> list[Desk]:
        """The desks of a session this visit could use: those with every skill, else (several
        services) those with any of them, for consecutive desks."""
        whole = [desk for desk in desks if self.slugs <= desk.skills]
        if whole or len(self.services) == 1:
            return whole
        return [desk for desk in desks if desk.skills & self.slugs]


def _buffer(location: LocationCapacity, services: Iterable[ServiceRule]) -> int:
    """Buffer after a part serving ``services``, in seconds: the longest of theirs."""
    return 60 * max(
        (location.buffer_minutes if s.buffer_minutes is None else s.buffer_minutes for s in services), default=0
    )


def _quota_binds(online_desks: int | None, desk_count: int, channel: Channel) -> bool:
    return channel == "online" and online_desks is not None and online_desks < desk_count


def _desks_to_read(
    locations: Sequence[LocationCapacity], visits: Sequence[_Visit], channel: Channel
) -> tuple[set[DeskKey], set[DeskKey]]:
    """The desks whose bookings matter: (busy time needed, only online bookings needed for a quota).

    Bookings on any other desk are skipped unread, which is what keeps a long search cheap.
    """
    busy: set[DeskKey] = set()
    online: set[DeskKey] = set()
    for location in locations:
        desks = {desk.key: desk for desk in location.desks}
        sessions: list[WeeklySession | ExtraSession] = [*location.weekly, *location.extra_sessions]
        for session in sessions:
            keys = set(session.desks)
            session_desks = [desks[key] for key in dict.fromkeys(session.desks)]
            for visit in visits:
                used = visit.desks_used(session_desks)
                busy.update(desk.key for desk in used)
                if used and _quota_binds(session.online_desks, len(keys), channel):
                    online |= keys
    return busy, online - busy


class _DeskTimeline:
    """A desk's busy time as disjoint sorted intervals (epoch seconds), and its online holdings."""

    __slots__ = ("ends", "longest_online", "online", "online_starts", "starts")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.online: list[tuple[float, float]] = []
        self.online_starts: list[float] = []
        self.longest_online = 0.0

    def add_busy(self, start: float, end: float) -> None:
        # Bookings arrive by start, so appending (or stretching the last interval) keeps both lists sorted.
        ends = self.ends
        if ends and start <= ends[-1]:
            if end > ends[-1]:
                ends[-1] = end
        else:
            self.starts.append(start)
            ends.append(end)

    def add_online(self, start: float, end: float) -> None:
        self.online.append((start, end))
        self.online_starts.append(start)
        if end - start > self.longest_online:
            self.longest_online = end - start

    def online_between(self, start: float, end: float) -> list[tuple[float, float]]:
        """The online holdings that overlap ``[start, end)``."""
        first = bisect.bisect_left(self.online_starts, start - self.longest_online)
        last = bisect.bisect_left(self.online_starts, end)
        return [(s, e) for s, e in self.online[first:last] if e > start]

    def is_free(self, start: float, end: float) -> bool:
        i = bisect.bisect_right(self.ends, start)  # the first busy interval ending after ``start``
        return i == len(self.starts) or self.starts[i] >= end


_NO_BOOKINGS = _DeskTimeline()


class _BookedTime:
    """The bookings, read from the caller's iterable only as far as the search has come.

    Only bookings on the desks that matter are taken in (see ``_desks_to_read``); the others are
    only compared, not kept, which keeps a search far into the horizon cheap. Bookings may come as
    ``Booking`` (aware datetimes) or ``HeldTime`` (epoch seconds, as a database reader has them).
    """

    def __init__(
        self, bookings: Iterable[Booking | HeldTime | ReadMark], *, busy: set[DeskKey], online: set[DeskKey]
    ) -> None:
        self._source: Iterator[Booking | HeldTime | ReadMark] = iter(bookings)
        self._next: HeldTime | None = None  # the first booking not taken in yet, read ahead
        self._last_start = -math.inf
        self._busy = busy
        self._online = online
        self._read_until = -math.inf
        self.timelines: dict[DeskKey, _DeskTimeline] = {}

    def read_until(self, moment: float) -> None:
        """Take in every booking that starts before ``moment`` (epoch seconds)."""
        if moment <= self._read_until:
            return
        self._read_until = moment
        if self._next is not None:
            if self._next.start >= moment:
                return
            self._take(self._next)
            self._next = None
        last_start = self._last_start
        busy, online, timelines = self._busy, self._online, self.timelines
        for item in self._source:
            held: HeldTime | None
            if type(item) is HeldTime:  # first: the database reader's bookings, thousands in a search
                held, start = item, item.start
            elif isinstance(item, ReadMark):  # holds no desk, only keeps the order
                held, start = None, item.start.timestamp()
            else:
                held = _held(item)
                start = held.start
            if start < last_start:
                raise ValueError("bookings must come sorted by start")
            last_start = start
            if start >= moment:
                self._next = held
                break
            if held is None:
                continue
            # ``_take`` written out: this loop runs for every booking a search reads.
            desk = held.desk
            if desk in busy:
                timeline = timelines.get(desk)
                if timeline is None:
                    timeline = timelines[desk] = _DeskTimeline()
                timeline.add_busy(start, held.until)
                if held.online:
                    timeline.add_online(start, held.until)
            elif held.online and desk in online:
                self._take(held)
        self._last_start = last_start

    def _take(self, held: HeldTime) -> None:
        desk = held.desk
        if desk in self._busy:
            timeline = self.timelines.get(desk)
            if timeline is None:
                timeline = self.timelines[desk] = _DeskTimeline()
            timeline.add_busy(held.start, held.until)
            if held.online:
                timeline.add_online(held.start, held.until)
        elif held.online and desk in self._online:
            timeline = self.timelines.get(desk)
            if timeline is None:
                timeline = self.timelines[desk] = _DeskTimeline()
            timeline.add_online(held.start, held.until)

    def of(self, desk: DeskKey) -> _DeskTimeline:
        return self.timelines.get(desk, _NO_BOOKINGS)


def _held(booking: Booking | HeldTime) -> HeldTime:
    """A booking in epoch seconds, its times checked."""
    if isinstance(booking, HeldTime):
        return booking
    if booking.start.tzinfo is None or booking.end.tzinfo is None:
        raise ValueError("booking times must be timezone-aware")
    return HeldTime(
        booking.desk,
        booking.start.timestamp(),
        booking.end.timestamp() + 60 * booking.buffer_minutes,
        booking.channel == "online",
    )


@dataclass(frozen=True)
class _DaySession:
    """A session on one date after closures: epoch seconds, desks in order of preference."""

    start: float
    end: float
    anchor: float  # local midnight as if the day had no clock change: the grid counts from here
    desks: tuple[Desk, ...]
    online_desks: int | None


@dataclass(frozen=True)
class _Group:
    """Services served together at one desk of a consecutive-desk visit."""

    services: tuple[ServiceRule, ...]
    slugs: frozenset[str]
    duration: int
    buffer: int


@dataclass
class _LocationPlan:
    """A location's template indexed for day-by-day lookups (built once per call)."""

    capacity: LocationCapacity
    weekly: dict[int, list[WeeklySession]]
    extras: dict[datetime.date, list[ExtraSession]]
    closures: dict[datetime.date, list[Closure]]
    desks: dict[DeskKey, Desk]
    rank: dict[DeskKey, tuple[int, int]]
    max_buffer: int = 0
    _days: dict[datetime.date, tuple[_DaySession, ...]] = field(default_factory=dict)
    _groups: dict[tuple[ServiceRule, ...], tuple[tuple[_Group, ...], ...]] = field(default_factory=dict)
    _ranked: dict[tuple[DeskKey, ...], tuple[Desk, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, capacity: LocationCapacity, visit: _Visit) -> _LocationPlan:
        weekly: dict[int, list[WeeklySession]] = {}
        for row in capacity.weekly:
            weekly.setdefault(row.weekday, []).append(row)
        extras: dict[datetime.date, list[ExtraSession]] = {}
        for extra in capacity.extra_sessions:
            extras.setdefault(extra.day, []).append(extra)
        closures: dict[datetime.date, list[Closure]] = {}
        for closure in capacity.closures:
            closures.setdefault(closure.day, []).append(closure)
        return cls(
            capacity=capacity,
            weekly=weekly,
            extras=extras,
            closures=closures,
            desks={desk.key: desk for desk in capacity.desks},
            rank={desk.key: (len(desk.skills), i) for i, desk in enumerate(capacity.desks)},
            max_buffer=_buffer(capacity, visit.services),
        )

    def chain_groups(self, order: tuple[ServiceRule, ...]) -> tuple[tuple[_Group, ...], ...]:
        """For each position in ``order``: the groups that can start there, largest first."""
        found = self._groups.get(order)
        if found is None:
            found = self._groups[order] = tuple(
                tuple(self._group(order[position : position + size]) for size in range(len(order) - position, 0, -1))
                for position in range(len(order))
            )
        return found

    def _group(self, services: tuple[ServiceRule, ...]) -> _Group:
        return _Group(
            services=services,
            slugs=frozenset(service.slug for service in services),
            duration=60 * sum(service.duration_minutes for service in services),
            buffer=_buffer(self.capacity, services),
        )

    def sessions(self, day: datetime.date) -> tuple[_DaySession, ...]:
        cached = self._days.get(day)
        if cached is None:
            cached = self._days[day] = self._sessions(day)
        return cached

    def _sessions(self, day: datetime.date) -> tuple[_DaySession, ...]:
        spans: list[tuple[datetime.time, datetime.time, tuple[DeskKey, ...], int | None]] = []
        if day not in self.capacity.closed_dates:
            closures = self.closures.get(day, [])
            if not any(closure.is_whole_day for closure in closures):
                for row in self.weekly.get(day.weekday(), []):
                    pieces = [(row.starts, row.ends)]
                    for closure in closures:
                        assert closure.starts is not None and closure.ends is not None
                        pieces = _cut(pieces, closure.starts, closure.ends)
                    spans.extend((starts, ends, row.desks, row.online_desks) for starts, ends in pieces)
        spans.extend((extra.starts, extra.ends, extra.desks, extra.online_desks) for extra in self.extras.get(day, []))
        sessions = []
        for starts, ends, desk_keys, online in sorted(spans, key=lambda span: (span[0], span[1])):
            start = _epoch(day, starts)
            since_midnight = starts.hour * 3600 + starts.minute * 60 + starts.second
            desks = self._ranked.get(desk_keys)
            if desks is None:  # the same few sessions come back every week: rank their desks once
                ranked = sorted(dict.fromkeys(desk_keys), key=self.rank.__getitem__)
                desks = self._ranked[desk_keys] = tuple(self.desks[key] for key in ranked)
            sessions.append(_DaySession(start, _epoch(day, ends), start - since_midnight, desks, online))
        return tuple(sessions)


def _cut(
    pieces: list[tuple[datetime.time, datetime.time]], starts: datetime.time, ends: datetime.time
) -> list[tuple[datetime.time, datetime.time]]:
    """``pieces`` minus the closed span ``[starts, ends)``."""
    result = []
    for opens, closes in pieces:
        if ends <= opens or starts >= closes:
            result.append((opens, closes))
            continue
        if opens < starts:
            result.append((opens, starts))
        if ends < closes:
            result.append((ends, closes))
    return result


def _align(moment: float, anchor: float, step: int) -> float:
    """The first grid time at or after ``moment``."""
    return anchor - ((anchor - moment) // step) * step


def _peak(holdings: Sequence[tuple[float, float]], start: float, end: float) -> int:
    """The most ``holdings`` that run at the same moment within ``[start, end)``."""
    inside = [(s, e) for s, e in holdings if s < end and e > start]
    if len(inside) <= 1:
        return len(inside)
    # The peak is reached where some holding begins (or at ``start``).
    return max(sum(1 for s, e in inside if s <= moment < e) for moment in {max(s, start) for s, _ in inside})


class _Quota:
    """A session's online limit; its online holdings are gathered only when a free desk asks."""

    def __init__(self, limit: int, session: _DaySession, booked: _BookedTime, buffer: int) -> None:
        self.limit = limit
        self._session = session
        self._booked = booked
        self._buffer = buffer
        self._holdings: list[tuple[float, float]] | None = None

    @property
    def holdings(self) -> list[tuple[float, float]]:
        if self._holdings is None:
            session, until = self._session, self._session.end + self._buffer
            self._holdings = [
                holding
                for desk in session.desks
                for holding in self._booked.of(desk.key).online_between(session.start, until)
            ]
        return self._holdings

    def allows(self, start: float, end: float, own: Sequence[tuple[float, float]] = ()) -> bool:
        """Whether one more online holding ``[start, end)`` (beside the visit's ``own``) fits the limit."""
        return _peak([*self.holdings, *own], start, end) < self.limit


class _DaySearch:
    """The slots of one visit at one location, day by day."""

    def __init__(
        self, plan: _LocationPlan, visit: _Visit, booked: _BookedTime, *, earliest: float, channel: Channel
    ) -> None:
        self.plan = plan
        self.visit = visit
        self.booked = booked
        self.earliest = earliest
        self.channel = channel

    def found(self, day: datetime.date) -> dict[float, tuple[_Part, ...]]:
        """The free starts of ``day`` (epoch seconds, in no order) with the desks each would use."""
        found: dict[float, tuple[_Part, ...]] = {}
        for session in self.plan.sessions(day):
            if session.end - self.visit.duration < self.earliest:
                continue
            self.booked.read_until(session.end + self.plan.max_buffer)
            for start, parts in self._session_slots(session):
                found.setdefault(start, parts)
        return found

    def first(self, day: datetime.date, *, before: float = math.inf) -> tuple[float, tuple[_Part, ...]] | None:
        """The first free start of ``day`` earlier than ``before``, with its desks, as ``slots`` would give it.

        Sessions come by start and each yields its starts in order, so the search stops at the
        first start of each session, and at the first session that starts too late: bookings
        after that are not read.
        """
        best: tuple[float, tuple[_Part, ...]] | None = None
        for session in self.plan.sessions(day):
            if session.start >= before:
                break
            if session.end - self.visit.duration < self.earliest:
                continue
            self.booked.read_until(session.end + self.plan.max_buffer)
            for start, parts in self._session_slots(session):
                if start < before:  # on a tie the earlier session's desks win, as in ``found``
                    best, before = (start, parts), start
                break
        return best

    def slot(self, start: float, parts: tuple[_Part, ...]) -> Slot:
        return Slot(
            start=_aware(start),
            end=_aware(start + self.visit.duration),
            location=self.plan.capacity.location,
            parts=tuple(
                SlotPart(desk=desk, services=tuple(s.slug for s in group), start=_aware(a), end=_aware(b))
                for desk, group, a, b in parts
            ),
        )

    def slots(self, day: datetime.date) -> list[Slot]:
        return [self.slot(start, parts) for start, parts in sorted(self.found(day).items())]

    def _quota(self, session: _DaySession) -> _Quota | None:
        """The session's online quota, or ``None`` when it does not limit this search."""
        if not _quota_binds(session.online_desks, len(session.desks), self.channel):
            return None
        assert session.online_desks is not None
        return _Quota(session.online_desks, session, self.booked, self.plan.max_buffer)

    def _session_slots(self, session: _DaySession) -> Iterator[tuple[float, tuple[_Part, ...]]]:
        visit = self.visit
        first = max(session.start, self.earliest)
        last = session.end - visit.duration  # the latest start
        if first > last:
            return
        quota = self._quota(session)
        if quota is not None and quota.limit == 0:
            return
        whole = [desk for desk in session.desks if visit.slugs <= desk.skills]
        if whole:
            buffer = self.plan.max_buffer
            starts = self._single_desk_starts(whole, session, first, last, buffer)
            for start in sorted(starts):
                if quota is None or quota.allows(start, start + visit.duration + buffer):
                    yield start, ((starts[start], visit.services, start, start + visit.duration),)
        elif len(visit.services) > 1 and visit.slugs <= _all_skills(session.desks):
            # The visitor is at some desk all the time, so a start is only worth trying where the
            # skilled desks together leave no moment without a free one.
            for opens, closes in self._free_together(visit.desks_used(session.desks), first, session.end):
                start = _align(opens, session.anchor, visit.step)
                while start <= min(last, closes - visit.duration):
                    parts = self._chain(session, quota, start)
                    if parts is not None:
                        yield start, parts
                    start += visit.step

    def _free_together(self, desks: Sequence[Desk], first: float, until: float) -> list[tuple[float, float]]:
        """The spans in ``[first, until)`` when at least one of ``desks`` is free, merged."""
        gaps: list[tuple[float, float]] = []
        for desk in desks:
            timeline = self.booked.of(desk.key)
            i = bisect.bisect_right(timeline.ends, first)
            gap_start = first
            while gap_start < until:
                next_busy = timeline.starts[i] if i < len(timeline.starts) else math.inf
                if next_busy > gap_start:
                    gaps.append((gap_start, min(next_busy, until)))
                if next_busy == math.inf:
                    break
                gap_start = max(gap_start, timeline.ends[i])
                i += 1
        merged: list[tuple[float, float]] = []
        for opens, closes in sorted(gaps):
            if merged and opens <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
            else:
                merged.append((opens, closes))
        return merged

    def _single_desk_starts(
        self, desks: Sequence[Desk], session: _DaySession, first: float, last: float, buffer: int
    ) -> dict[float, DeskKey]:
        """Grid starts in ``[first, last]`` with the preferred desk free for duration plus buffer."""
        duration, step, anchor = self.visit.duration, self.visit.step, session.anchor
        starts: dict[float, DeskKey] = {}
        for desk in desks:
            timeline = self.booked.of(desk.key)
            busy_starts, busy_ends = timeline.starts, timeline.ends
            i = bisect.bisect_right(busy_ends, first)
            gap_start = first
            while gap_start <= last:
                next_busy = busy_starts[i] if i < len(busy_starts) else math.inf
                if next_busy <= gap_start:  # a booking covers the gap's start: skip past it
                    gap_start = max(gap_start, busy_ends[i])
                    i += 1
                    continue
                latest = min(last, next_busy - duration - buffer)
                start = _align(gap_start, anchor, step)
                while start <= latest:
                    starts.setdefault(start, desk.key)
                    start += step
                if next_busy == math.inf:
                    break
                gap_start = busy_ends[i]
                i += 1
        return starts

    def _chain(self, session: _DaySession, quota: _Quota | None, start: float) -> tuple[_Part, ...] | None:
        """Consecutive desks for the visit from ``start``: the first order that fits, fewest parts."""
        for order in self.visit.orders:
            parts = self._place(session, quota, self.plan.chain_groups(order), 0, start, ())
            if parts is not None:
                return parts
        return None

    def _place(
        self,
        session: _DaySession,
        quota: _Quota | None,
        groups: tuple[tuple[_Group, ...], ...],
        position: int,
        at: float,
        placed: tuple[tuple[DeskKey, _Group, float, float], ...],
    ) -> tuple[_Part, ...] | None:
        if position == len(groups):
            return tuple((desk, group.services, a, b) for desk, group, a, b in placed)
        for group in groups[position]:
            end = at + group.duration
            if end > session.end:
                continue
            held_until = end + group.buffer
            for desk in session.desks:
                if not group.slugs <= desk.skills or not self.booked.of(desk.key).is_free(at, held_until):
                    continue
                if any(d == desk.key and a < held_until and at < b + g.buffer for d, g, a, b in placed):
                    continue  # the visitor's own earlier part still holds this desk
                if quota is not None:
                    own = [(a, b + g.buffer) for _d, g, a, b in placed]
                    if not quota.allows(at, held_until, own):
                        break  # the quota is the session's: another desk would not help
                result = self._place(
                    session, quota, groups, position + len(group.services), end, (*placed, (desk.key, group, at, end))
                )
                if result is not None:
                    return result
        return None


def _all_skills(desks: Iterable[Desk]) -> set[str]:
    skills: set[str] = set()
    for desk in desks:
        skills |= desk.skills
    return skills


def _searches(
    locations: Sequence[LocationCapacity],
    visit: _Visit,
    booked: _BookedTime,
    *,
    now: datetime.datetime,
    channel: Channel,
) -> list[_DaySearch]:
    earliest = now.timestamp() + visit.notice
    return [
        _DaySearch(_LocationPlan.of(location, visit), visit, booked, earliest=earliest, channel=channel)
        for location in locations
    ]


def _days(
    visit: _Visit, *, start: datetime.date, end: datetime.date, now: datetime.datetime
) -> Iterator[datetime.date]:
    """The local dates in ``[start, end)`` that are also within the visit's horizon."""
    today = _local_today(now)
    day = max(start, today)
    stop = min(end, today + datetime.timedelta(days=visit.horizon_days))
    while day < stop:
        yield day
        day += _DAY


def _slots_by_day(
    locations: Sequence[LocationCapacity],
    visit: _Visit,
    booked: _BookedTime,
    *,
    start: datetime.date,
    end: datetime.date,
    now: datetime.datetime,
    channel: Channel,
) -> Iterator[tuple[datetime.date, list[Slot]]]:
    """Each date of the range within the visit's horizon with its slots, by start then location."""
    searches = _searches(locations, visit, booked, now=now, channel=channel)
    for day in _days(visit, start=start, end=end, now=now):
        slots = [slot for search in searches for slot in search.slots(day)]
        if len(searches) > 1:
            slots.sort(key=lambda slot: slot.start)  # stable: locations keep their order at one time
        yield day, slots


def _first_slot_per_location(
    locations: Sequence[LocationCapacity],
    visit: _Visit,
    booked: _BookedTime,
    *,
    now: datetime.datetime,
    channel: Channel,
) -> dict[str, Slot]:
    """The earliest slot at each location in one pass over the days; a location found is not searched again."""
    first: dict[str, Slot] = {}
    searching = _searches(locations, visit, booked, now=now, channel=channel)
    today = _local_today(now)
    for day in _days(visit, start=today, end=today + datetime.timedelta(days=visit.horizon_days), now=now):
        for search in searching:
            found = search.first(day)
            if found is not None:
                first[search.plan.capacity.location] = search.slot(*found)
        searching = [search for search in searching if search.plan.capacity.location not in first]
        if not searching:
            break
    return first


def _booked_time(
    bookings: Iterable[Booking | HeldTime | ReadMark],
    locations: Sequence[LocationCapacity],
    visits: Sequence[_Visit],
    channel: Channel,
) -> _BookedTime:
    busy, online = _desks_to_read(locations, visits, channel)
    return _BookedTime(bookings, busy=busy, online=online)
