"""Writes the demo's appointment capacity and a few weeks of bookings (a step of ``loader.load_demo``).

Like the rest of the loader this writes straight through the ORM, with ``bulk_create``, and
bypasses ``appointments.services``: no audit entries, no confirmations and no outbox messages.
No reminder is ever due (``reminder_due_at`` stays empty), so ``loket worker`` never writes a
message to the demo's fictitious people either.

The bookings are generated from ``appointments.SEED`` with dates relative to the day of loading,
so the demo is the same every time it is loaded on the same day. Each desk's time in each session
is filled slot by slot, from the start of the session: a visit starts on its services' grid at
the desk's first free moment (or the slot is skipped, more often on later days), and the desk is
busy until the visit's end plus its buffer. So parts never overlap on a desk and always lie
inside a session, outside closures and public holidays; online bookings keep within the
session's online quota, as the availability engine requires.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    DEFAULT_BUFFER_MINUTES,
    DEFAULT_SLOT_STEP_MINUTES,
    Appointment,
    AppointmentPart,
    AppointmentStatus,
    BookingChannel,
    BookingRule,
    CapacityException,
    CapacityExceptionKind,
    CapacitySession,
)
from loket.appointments.services import REFERENCE_ALPHABET, REFERENCE_LENGTH
from loket.catalog.models import ChannelKind, Service, ServiceChannel, ServiceStatus
from loket.demo import appointments as data
from loket.demo.catalogue import RELATED
from loket.organisations.models import Desk, DeskKind, Location, OpeningException
from loket.organisations.opening_engine import public_holidays

# --- Plain shapes of the plan ------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    duration: int
    step: int
    buffer: int


@dataclass
class Piece:
    """One session's time on one date (after closures): its desks, services and online quota."""

    desks: tuple[int, ...]
    services: tuple[tuple[str, int], ...]
    starts: int  # minutes since local midnight
    ends: int
    quota: int | None
    online: list[tuple[int, int]] = field(default_factory=list)  # online holdings (start, busy until)


@dataclass
class Visit:
    location: int
    desk: int
    day: datetime.date
    start: int
    end: int
    busy_until: int
    services: tuple[str, ...]
    online: bool


def _minutes(time: datetime.time) -> int:
    return time.hour * 60 + time.minute


def _cut(starts: int, ends: int, closures: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[starts, ends)`` with every closure cut out."""
    pieces = [(starts, ends)]
    for closed_from, closed_until in closures:
        pieces = [
            piece
            for a, b in pieces
            for piece in ((a, min(b, closed_from)), (max(a, closed_until), b))
            if piece[0] < piece[1]
        ]
    return pieces


def _max_overlap(intervals: Sequence[tuple[int, int]], starts: int, ends: int) -> int:
    """The most of ``intervals`` that hold at one moment within ``[starts, ends)``."""
    events = sorted(
        event for a, b in intervals if a < ends and starts < b for event in ((max(a, starts), 1), (min(b, ends), -1))
    )
    most = held = 0
    for _moment, change in sorted(events, key=lambda event: (event[0], event[1])):
        held += change
        most = max(most, held)
    return most


def _fill(offset: int, rng: random.Random) -> float:
    """How full the desks are ``offset`` days from the day of loading."""
    if offset < 0:
        return rng.uniform(*data.PAST_FILL)
    if offset <= data.NEAR_DAYS:
        return data.NEAR_FILL
    share = (offset - data.NEAR_DAYS) / (data.FUTURE_DAYS - data.NEAR_DAYS)
    return max(0.0, data.NEAR_FILL - share * (data.NEAR_FILL - data.FAR_FILL) + rng.uniform(-0.08, 0.08))


def plan_day(
    pieces: Sequence[Piece],
    *,
    location: int,
    day: datetime.date,
    fill: float,
    rules: dict[str, Rule],
    partners: dict[str, tuple[str, ...]],
    rng: random.Random,
) -> list[Visit]:
    """The visits of one location's day: every desk of every piece filled slot by slot."""
    visits: list[Visit] = []
    for piece in pieces:
        slugs = [slug for slug, _weight in piece.services]
        weights = [weight for _slug, weight in piece.services]
        for desk in piece.desks:
            cursor = piece.starts
            while cursor < piece.ends:
                if rng.random() > fill:
                    cursor += DEFAULT_SLOT_STEP_MINUTES
                    continue
                chosen = [rng.choices(slugs, weights)[0]]
                together = [slug for slug in partners.get(chosen[0], ()) if slug in slugs]
                if together and rng.random() < data.COMBINED_SHARE:
                    chosen.append(rng.choice(together))
                step = math.lcm(*(rules[slug].step for slug in chosen))
                start = -(-cursor // step) * step
                end = start + sum(rules[slug].duration for slug in chosen)
                if end > piece.ends:
                    cursor += DEFAULT_SLOT_STEP_MINUTES  # a shorter visit may still fit
                    continue
                busy_until = end + max(rules[slug].buffer for slug in chosen)
                online = rng.random() < data.ONLINE_SHARE and (
                    piece.quota is None or _max_overlap(piece.online, start, busy_until) < piece.quota
                )
                visits.append(Visit(location, desk, day, start, end, busy_until, tuple(chosen), online))
                if online:
                    piece.online.append((start, busy_until))
                cursor = busy_until
    return visits


# --- Writing -----------------------------------------------------------------------------------


@dataclass
class SessionPlan:
    """A weekly session or an extra one, as the plan needs it."""

    row: CapacitySession | CapacityException
    desks: tuple[int, ...]
    services: tuple[tuple[str, int], ...]  # (slug, weight)


@dataclass
class LocationPlan:
    location: Location
    weekly: list[SessionPlan] = field(default_factory=list)
    extras: list[SessionPlan] = field(default_factory=list)
    closures: list[CapacityException] = field(default_factory=list)


def _staff_reason(opening: OpeningException) -> str:
    """The reason of an opening exception for staff, in Dutch as the organisations' staff read it."""
    with translation.override("nl"):
        return str(opening.reason)[:200]


def _next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def load_appointments(*, today: datetime.date, now: datetime.datetime, services: dict[str, Service]) -> str:
    """Capacity, rules, exceptions and bookings of every demo location; a line of what was loaded."""
    bookable = set(
        ServiceChannel.objects.filter(
            kind=ChannelKind.APPOINTMENT, service__status=ServiceStatus.PUBLISHED, service__in=services.values()
        ).values_list("service__slug", flat=True)
    )
    rule_rows = [
        BookingRule(
            service=services[rule.service],
            **{
                name: getattr(rule, name)
                for name in (
                    "minimum_notice_minutes",
                    "horizon_days",
                    "slot_step_minutes",
                    "buffer_minutes",
                    "max_active_per_contact",
                )
                if getattr(rule, name) is not None
            },
        )
        for rule in data.BOOKING_RULES
        if rule.service in bookable
    ]
    BookingRule.objects.bulk_create(rule_rows)
    by_slug = {rule.service.slug: rule for rule in rule_rows}
    rules = {
        slug: Rule(
            duration=services[slug].duration_minutes,
            step=by_slug[slug].slot_step_minutes if slug in by_slug else DEFAULT_SLOT_STEP_MINUTES,
            buffer=by_slug[slug].buffer_minutes if slug in by_slug else DEFAULT_BUFFER_MINUTES,
        )
        for slug in bookable
    }
    plans = _write_capacity(today, services, bookable)
    visits = _plan_visits(plans, today, rules)
    appointments = _write_bookings(visits, plans, now, services)
    sessions = sum(len(plan.weekly) for plan in plans.values())
    exceptions = sum(len(plan.extras) + len(plan.closures) for plan in plans.values())
    return (
        f"  {sessions} capacity sessions at {len(plans)} locations, {len(rule_rows)} booking rules, "
        f"{exceptions} capacity exceptions, {appointments} appointments"
    )


def _write_capacity(today: datetime.date, services: dict[str, Service], bookable: set[str]) -> dict[int, LocationPlan]:
    slugs = {group.location for group in data.DESK_GROUPS} | {closure.location for closure in data.CLOSURES}
    locations = Location.objects.filter(slug__in=slugs).in_bulk(field_name="slug")
    desks: dict[tuple[int, str], Desk] = {
        (desk.location_id, desk.name): desk
        for desk in Desk.objects.filter(location__in=locations.values(), kind=DeskKind.THEME, active=True)
    }
    locations_by_pk = {location.pk: location for location in locations.values()}
    plans = {pk: LocationPlan(location) for pk, location in locations_by_pk.items()}
    sessions: list[tuple[CapacitySession, list[Desk], tuple[tuple[str, int], ...]]] = []
    extras: list[tuple[CapacityException, list[Desk], tuple[tuple[str, int], ...]]] = []
    closures: list[CapacityException] = []
    new_openings: list[OpeningException] = []
    openings = defaultdict(list)
    for opening in OpeningException.objects.filter(
        location__in=locations.values(), desk_kind__in=("", DeskKind.THEME)
    ).order_by("date"):
        openings[opening.location_id].append(opening)
    for group in data.DESK_GROUPS:
        location = locations.get(group.location)
        served = tuple((slug, weight) for slug, weight in group.services if slug in bookable)
        group_desks = [desks[key] for name in group.desks if (key := (location.pk, name)) in desks] if location else []
        if location is None or not served or not group_desks:
            continue
        quota = len(group_desks) - 1 if len(group_desks) > 1 else None
        for span in group.spans:
            for weekday in span.weekdays:
                session = CapacitySession(
                    location=location, weekday=weekday, starts=span.starts, ends=span.ends, online_desks=quota
                )
                sessions.append((session, group_desks, served))
        if group.extra_openings:
            for opening in openings[location.pk]:
                if opening.kind != "extra" or opening.opens is None or opening.closes is None:
                    continue
                if opening.date < today - datetime.timedelta(days=data.PAST_DAYS):
                    continue
                exception = CapacityException(
                    location=location,
                    date=opening.date,
                    kind=CapacityExceptionKind.EXTRA,
                    starts=opening.opens,
                    ends=opening.closes,
                    online_desks=quota,
                    reason=_staff_reason(opening),
                )
                extras.append((exception, group_desks, served))
    closures += [
        CapacityException(
            location=locations_by_pk[opening.location_id],
            date=opening.date,
            kind=CapacityExceptionKind.CLOSED,
            starts=opening.opens if opening.closes else None,
            ends=opening.closes if opening.opens else None,
            reason=_staff_reason(opening),
        )
        for opening in itertools.chain.from_iterable(openings.values())
        if opening.kind == "closed"
    ]
    for closure in data.CLOSURES:
        location = locations[closure.location]
        day = _next_weekday(today + datetime.timedelta(days=closure.days_ahead), closure.weekday)
        closures.append(
            CapacityException(
                location=location,
                date=day,
                kind=CapacityExceptionKind.CLOSED,
                starts=closure.starts,
                ends=closure.ends,
                reason=closure.reason.nl[:200],
            )
        )
        # The published hours of the theme desks say so too.
        new_openings.append(
            OpeningException(
                location=location,
                date=day,
                kind="closed",
                desk_kind=DeskKind.THEME,
                opens=closure.starts,
                closes=closure.ends,
                **closure.reason.fields("reason"),
            )
        )
    OpeningException.objects.bulk_create(new_openings)
    CapacitySession.objects.bulk_create([session for session, _desks, _served in sessions])
    CapacityException.objects.bulk_create([exception for exception, _desks, _served in extras] + closures)
    CapacitySession.desks.through.objects.bulk_create(
        CapacitySession.desks.through(capacitysession_id=session.pk, desk_id=desk.pk)
        for session, group_desks, _served in sessions
        for desk in group_desks
    )
    CapacitySession.services.through.objects.bulk_create(
        CapacitySession.services.through(capacitysession_id=session.pk, service_id=services[slug].pk)
        for session, _desks, served in sessions
        for slug, _weight in served
    )
    CapacityException.desks.through.objects.bulk_create(
        CapacityException.desks.through(capacityexception_id=exception.pk, desk_id=desk.pk)
        for exception, group_desks, _served in extras
        for desk in group_desks
    )
    CapacityException.services.through.objects.bulk_create(
        CapacityException.services.through(capacityexception_id=exception.pk, service_id=services[slug].pk)
        for exception, _desks, served in extras
        for slug, _weight in served
    )
    for session, group_desks, served in sessions:
        plans[session.location_id].weekly.append(SessionPlan(session, tuple(d.pk for d in group_desks), served))
    for exception, group_desks, served in extras:
        plans[exception.location_id].extras.append(SessionPlan(exception, tuple(d.pk for d in group_desks), served))
    for exception in closures:
        plans[exception.location_id].closures.append(exception)
    return plans


def _pieces(plan: LocationPlan, day: datetime.date, holidays: set[datetime.date]) -> list[Piece]:
    """The sessions' time at ``plan``'s location on ``day``, as the availability engine sees it."""
    closed = [c for c in plan.closures if c.date == day]
    pieces: list[Piece] = []
    if day not in holidays and not any(c.starts is None or c.ends is None for c in closed):
        cuts = [(_minutes(c.starts), _minutes(c.ends)) for c in closed if c.starts and c.ends]
        for weekly in plan.weekly:
            row = weekly.row
            if not isinstance(row, CapacitySession) or row.weekday != day.weekday():
                continue
            for a, b in _cut(_minutes(row.starts), _minutes(row.ends), cuts):
                pieces.append(Piece(weekly.desks, weekly.services, a, b, row.online_desks))
    for extra in plan.extras:
        row = extra.row
        if isinstance(row, CapacityException) and row.date == day and row.starts and row.ends:
            pieces.append(
                Piece(extra.desks, extra.services, _minutes(row.starts), _minutes(row.ends), row.online_desks)
            )
    return pieces


def _plan_visits(plans: dict[int, LocationPlan], today: datetime.date, rules: dict[str, Rule]) -> list[Visit]:
    rng = random.Random(data.SEED)  # noqa: S311 -- demo data, not a secret
    partners: dict[str, list[str]] = defaultdict(list)
    for one, other in RELATED:
        partners[one].append(other)
        partners[other].append(one)
    frozen = {slug: tuple(others) for slug, others in partners.items()}
    visits: list[Visit] = []
    for location_id, plan in plans.items():
        location = plan.location
        holidays = set(
            public_holidays(
                years=range(today.year - 1, today.year + 2),
                language="en",
                region=location.extra_holiday_region,
                closed=location.closed_on_public_holidays,
            )
        )
        for offset in range(-data.PAST_DAYS, data.FUTURE_DAYS + 1):
            day = today + datetime.timedelta(days=offset)
            pieces = _pieces(plan, day, holidays)
            if pieces:
                fill = _fill(offset, rng)
                visits += plan_day(
                    pieces, location=location_id, day=day, fill=fill, rules=rules, partners=frozen, rng=rng
                )
    return visits


def _local(day: datetime.date, minutes: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=TIMEZONE) + datetime.timedelta(minutes=minutes)


def _person(rng: random.Random, brussels: bool) -> tuple[str, str, str, str]:
    """A name, an e-mail address, a mobile number (one of them may be empty) and a language."""
    origins = data.ORIGINS
    origin = rng.choices(origins, [o.brussels_weight if brussels else o.weight for o in origins])[0]
    first, last = rng.choice(origin.first_names), rng.choice(origin.last_names)
    languages = dict(origin.languages)
    if brussels and "nl" in languages:
        languages["fr"] = languages.get("fr", 0) + languages["nl"] // 2
    language = rng.choices(list(languages), list(languages.values()))[0]
    plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode().lower()
    email = plain.replace(" ", "").replace("-", "") + f"@{rng.choice(data.EMAIL_DOMAINS)}"
    phone = f"+324{rng.randint(60, 99)}{rng.randint(0, 999999):06d}"
    draw = rng.random()
    if draw < data.BOTH_SHARE:
        return f"{first} {last}", email, phone, language
    if draw < data.EMAIL_SHARE:
        return f"{first} {last}", email, "", language
    return f"{first} {last}", "", phone, language


def _write_bookings(
    visits: list[Visit], plans: dict[int, LocationPlan], now: datetime.datetime, services: dict[str, Service]
) -> int:
    rng = random.Random(data.SEED + 1)  # noqa: S311 -- demo data, not a secret
    grace = datetime.timedelta(minutes=settings.LOKET_LATE_GRACE_MINUTES)
    taken = set(Appointment.objects.values_list("reference", flat=True)) if Appointment.objects.exists() else set()
    appointments: list[Appointment] = []
    parts: list[AppointmentPart] = []
    for visit in visits:
        start, end = _local(visit.day, visit.start), _local(visit.day, visit.end)
        brussels = plans[visit.location].location.slug == data.BRUSSELS
        name, email, phone, language = _person(rng, brussels)
        reference = "".join(rng.choices(REFERENCE_ALPHABET, k=REFERENCE_LENGTH))
        while reference in taken:
            reference = "".join(rng.choices(REFERENCE_ALPHABET, k=REFERENCE_LENGTH))
        taken.add(reference)
        if visit.online:
            channel = BookingChannel.ONLINE
        else:
            channel = BookingChannel.PHONE if rng.random() < data.PHONE_SHARE else BookingChannel.RECEPTION
        appointment = Appointment(
            reference=reference,
            location=plans[visit.location].location,
            start=start,
            end=end,
            channel=channel,
            name=name,
            email=email,
            phone=phone,
            language=language,
            remark=rng.choice(data.REMARKS[language]) if rng.random() < data.REMARK_SHARE else "",
            reminder_due_at=None,  # fictitious people: no reminder is ever sent
        )
        past = end + grace * 6 <= now
        if rng.random() < (data.CANCELLED_PAST if past else data.CANCELLED_FUTURE):
            appointment.status = AppointmentStatus.CANCELLED
            appointment.sequence = 1
        elif past:
            draw = rng.random()
            if draw < data.NO_SHOW_SHARE:
                appointment.status = AppointmentStatus.NO_SHOW
            else:
                appointment.status = AppointmentStatus.CHECKED_IN
                appointment.arrived_late = draw < data.NO_SHOW_SHARE + data.LATE_SHARE
                if appointment.arrived_late:
                    arrived = start + grace + datetime.timedelta(minutes=rng.randint(1, 20))
                else:
                    arrived = start - datetime.timedelta(minutes=rng.randint(0, 15), seconds=rng.randint(0, 59))
                appointment.arrived_at = min(arrived, now)
        appointments.append(appointment)
        parts.append(
            AppointmentPart(
                appointment=appointment,
                desk_id=visit.desk,
                start=start,
                end=end,
                busy_until=_local(visit.day, visit.busy_until),
                active=appointment.status != AppointmentStatus.CANCELLED,
                online=appointment.channel == BookingChannel.ONLINE,
            )
        )
    Appointment.objects.bulk_create(appointments, batch_size=500)
    for part in parts:
        part.appointment_id = part.appointment.pk
    AppointmentPart.objects.bulk_create(parts, batch_size=500)
    AppointmentPart.services.through.objects.bulk_create(
        (
            AppointmentPart.services.through(appointmentpart_id=part.pk, service_id=services[slug].pk)
            for part, visit in zip(parts, visits, strict=True)
            for slug in visit.services
        ),
        batch_size=1000,
    )
    return len(appointments)
