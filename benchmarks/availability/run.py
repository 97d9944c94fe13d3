"""Benchmark of the availability engine (``loket.appointments.availability``), in process.

Builds, with a fixed random seed, 5 locations with 8 desks each (40 desks), Mechelen-like opening
hours, Belgian public holidays, a 60-day horizon and 20,000 existing bookings (the near weeks
fuller than the far ones, as in a real agenda), then times:

- ``earliest_free_slot`` for a service across the 5 locations (the service page, the API);
- ``month_calendar`` for one service and location (the citizen's calendar);
- ``digital_waiting_time`` for every service at every location (the dashboard).

The engine only: the bookings are built before the clock starts, as the database read would
hand them over. Prints the figures and writes them, with the machine, into ``README.md`` next to
this file. Run from the repository root: ``.venv/bin/python benchmarks/availability/run.py``.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import math
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from loket.appointments.availability import (  # noqa: E402
    TIMEZONE,
    Booking,
    Channel,
    Desk,
    LocationCapacity,
    ServiceRule,
    WeeklySession,
    bookings_needed,
    digital_waiting_time,
    earliest_free_slot,
    month_calendar,
)
from loket.organisations.opening_engine import public_holidays  # noqa: E402

SEED = 20260504
NOW = datetime.datetime(2026, 5, 4, 7, 30, tzinfo=TIMEZONE)  # a Monday morning
HORIZON_DAYS = 60
LOCATIONS = 5
DESKS_PER_LOCATION = 8
BOOKINGS = 20_000
T = datetime.time

SERVICES = [
    ServiceRule(slug="passport", duration_minutes=15, minimum_notice_minutes=120),
    ServiceRule(slug="identity-card", duration_minutes=20, slot_step_minutes=5, minimum_notice_minutes=120),
    ServiceRule(slug="driving-licence", duration_minutes=15, minimum_notice_minutes=120),
    ServiceRule(slug="civil-status", duration_minutes=30, buffer_minutes=5, minimum_notice_minutes=24 * 60),
    ServiceRule(slug="foreigners", duration_minutes=30, buffer_minutes=5, minimum_notice_minutes=24 * 60),
    ServiceRule(slug="building-permit", duration_minutes=45, buffer_minutes=10, minimum_notice_minutes=48 * 60),
]
BY_SLUG = {service.slug: service for service in SERVICES}

# Mechelen's hours (seed facts), afternoons added for appointments: (weekday, from, to).
HOURS = [
    (0, T(8, 30), T(12, 30)),
    (0, T(13, 30), T(16, 30)),
    (1, T(8, 30), T(12, 30)),
    (1, T(13, 30), T(16, 30)),
    (2, T(12), T(16)),
    (3, T(8, 30), T(12, 30)),
    (3, T(14, 30), T(19)),
    (4, T(8, 30), T(12, 30)),
    (4, T(13, 30), T(16, 30)),
    (5, T(9), T(12)),
]
# Desk skills: civil affairs desks and theme desks, as at a Flemish front office.
DESK_SKILLS = [
    {"passport", "identity-card", "driving-licence"},
    {"passport", "identity-card", "driving-licence"},
    {"passport", "identity-card", "driving-licence", "civil-status"},
    {"passport", "identity-card"},
    {"civil-status", "foreigners"},
    {"foreigners"},
    {"building-permit"},
    {"building-permit", "civil-status"},
]


def build_locations() -> list[LocationCapacity]:
    holidays = frozenset(public_holidays(years=[2026], language="nl", region="vl"))
    result = []
    for n in range(LOCATIONS):
        keys = tuple(n * DESKS_PER_LOCATION + i for i in range(DESKS_PER_LOCATION))
        desks = tuple(Desk(key=key, skills=frozenset(DESK_SKILLS[i])) for i, key in enumerate(keys))
        weekly = tuple(
            WeeklySession(weekday=day, starts=a, ends=b, desks=keys, online_desks=DESKS_PER_LOCATION - 2)
            for day, a, b in HOURS
        )
        result.append(
            LocationCapacity(
                location=f"location-{n + 1}",
                desks=desks,
                weekly=weekly,
                closed_dates=holidays,
                buffer_minutes=0,
            )
        )
    return result


def build_bookings(locations: list[LocationCapacity], rng: random.Random) -> list[Booking]:
    """20,000 non-overlapping bookings on the grid, the nearest days the fullest."""
    return [booking for booking, _service in build_agenda(locations, rng)]


def build_agenda(locations: list[LocationCapacity], rng: random.Random) -> list[tuple[Booking, ServiceRule]]:
    """The bookings of ``build_bookings`` with the service each one is for (``db.py`` stores it)."""
    today = NOW.date()
    days = [
        today + datetime.timedelta(days=d)
        for d in range(HORIZON_DAYS)
        if today + datetime.timedelta(days=d) not in locations[0].closed_dates
    ]
    weights = [math.exp(-i / 18) for i in range(len(days))]
    busy: dict[tuple[int, datetime.date], list[tuple[int, int]]] = {}
    bookings: list[tuple[Booking, ServiceRule]] = []
    attempts = 0
    while len(bookings) < BOOKINGS:
        attempts += 1
        if attempts > 50 * BOOKINGS:
            raise RuntimeError("could not place the bookings; the agenda is too small")
        day = rng.choices(days, weights)[0]
        rows = [(a, b) for weekday, a, b in HOURS if weekday == day.weekday()]
        if not rows:
            continue
        location = rng.choice(locations)
        desk = rng.choice(location.desks)
        service = BY_SLUG[rng.choice(sorted(desk.skills))]
        a, b = rng.choice(rows)
        opens, closes = a.hour * 60 + a.minute, b.hour * 60 + b.minute
        latest = closes - service.duration_minutes
        if latest < opens:
            continue
        start = opens + rng.randrange(0, (latest - opens) // 5 + 1) * 5
        held = (start, start + service.duration_minutes + (service.buffer_minutes or 0))
        taken = busy.setdefault((desk.key, day), [])
        if any(s < held[1] and held[0] < e for s, e in taken):
            continue
        taken.append(held)
        # In UTC, as Django hands aware datetimes over from the database.
        moment = datetime.datetime.combine(day, T(start // 60, start % 60), tzinfo=TIMEZONE).astimezone(datetime.UTC)
        booking = Booking(
            desk=desk.key,
            start=moment,
            end=moment + datetime.timedelta(minutes=service.duration_minutes),
            channel="online" if rng.random() < 0.6 else "staff",
            buffer_minutes=service.buffer_minutes or 0,
        )
        bookings.append((booking, service))
    return sorted(bookings, key=lambda pair: pair[0].start)


R = TypeVar("R")


def timed(runs: int, call: Callable[[], R]) -> tuple[list[float], R]:
    for _ in range(3):
        result = call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def machine() -> str:
    model = "unknown CPU"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    cores = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{cores} cores (nproc), {model}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200, help="timed calls per case (default 200)")
    parser.add_argument("--no-readme", action="store_true", help="print only; leave README.md alone")
    args = parser.parse_args()

    rng = random.Random(SEED)
    locations = build_locations()
    bookings = build_bookings(locations, rng)
    online = sum(1 for b in bookings if b.channel == "online")
    print(f"{len(locations)} locations, {sum(len(loc.desks) for loc in locations)} desks, {len(bookings)} bookings")

    rows: list[tuple[str, str, list[float]]] = []
    visits = {
        "passport": [BY_SLUG["passport"]],
        "building-permit": [BY_SLUG["building-permit"]],
        "passport + civil-status (combined visit)": [BY_SLUG["passport"], BY_SLUG["civil-status"]],
        "identity-card + building-permit (consecutive desks)": [BY_SLUG["identity-card"], BY_SLUG["building-permit"]],
    }
    for name, visit in visits.items():
        channels: tuple[Channel, ...] = ("online", "staff")
        for channel in channels:
            times, slot = timed(
                args.runs,
                functools.partial(
                    earliest_free_slot, locations=locations, services=visit, bookings=bookings, now=NOW, channel=channel
                ),
            )
            found = "none" if slot is None else f"{slot.start:%a %d %b %H:%M} at {slot.location}"
            rows.append((f"earliest free slot, 5 locations: {name}, {channel}", f"first: {found}", times))
        # What a selector would read after filtering with ``bookings_needed`` in SQL.
        needed = bookings_needed(locations=locations, visits=[visit], channel="online")
        selected = [b for b in bookings if needed.wants(b)]
        times, _slot = timed(
            args.runs,
            functools.partial(
                earliest_free_slot, locations=locations, services=visit, bookings=selected, now=NOW, channel="online"
            ),
        )
        rows.append(
            (
                f"earliest free slot, 5 locations: {name}, online, bookings filtered by `bookings_needed`",
                f"{len(selected)} of {len(bookings)} bookings passed",
                times,
            )
        )

    nxt = datetime.date(2026, 6, 1)
    june = (
        datetime.datetime(2026, 6, 1, tzinfo=TIMEZONE).astimezone(datetime.UTC),
        datetime.datetime(2026, 7, 1, tzinfo=TIMEZONE).astimezone(datetime.UTC),
    )
    needed = bookings_needed(locations=[locations[0]], visits=[[BY_SLUG["passport"]]], channel="online")
    selections = {
        "all bookings passed": bookings,
        "the location's bookings in June passed, filtered by `bookings_needed`": [
            b
            for b in bookings
            if needed.wants(b) and b.end > june[0] - datetime.timedelta(hours=1) and b.start < june[1]
        ],
    }
    for label, selection in selections.items():
        times, calendar = timed(
            args.runs,
            functools.partial(
                month_calendar,
                location=locations[0],
                services=[BY_SLUG["passport"]],
                bookings=selection,
                year=nxt.year,
                month=nxt.month,
                now=NOW,
            ),
        )
        free_days = sum(1 for day in calendar if day.free_starts)
        rows.append(
            (
                f"month calendar, one location: passport, June, online; {label}",
                f"{free_days} days with free starts; {len(selection)} bookings passed",
                times,
            )
        )

    holidays = frozenset(public_holidays(years=[2026], language="nl", region="vl"))
    times, waits = timed(
        max(20, args.runs // 10),
        lambda: digital_waiting_time(
            locations=locations, services=SERVICES, bookings=bookings, now=NOW, holidays=holidays
        ),
    )
    spread = sorted({w.working_days for w in waits if w.working_days is not None})
    rows.append(
        (
            "digital waiting time, 6 services x 5 locations, online",
            f"working days from {spread[0]} to {spread[-1]}",
            times,
        )
    )

    table = ["| case | result | p50 ms | p95 ms | runs |", "|---|---|---:|---:|---:|"]
    for name, result, times in rows:
        table.append(
            f"| {name} | {result} | {statistics.median(times):.2f} | {percentile(times, 95):.2f} | {len(times)} |"
        )
    context = (
        f"Measured on {datetime.datetime.now(tz=TIMEZONE).date().isoformat()} on {machine()}; {len(bookings)} bookings "
        f"({online} online), seed {SEED}, now = {NOW:%a %d %b %Y %H:%M} Europe/Brussels."
    )
    print(context)
    print("\n".join(table))
    if not args.no_readme:
        write_readme(context, table)


def write_readme(context: str, table: list[str]) -> None:
    readme = Path(__file__).with_name("README.md")
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    begin, end = "<!-- figures:begin -->", "<!-- figures:end -->"
    figures = "\n".join([begin, context, "", *table, end])
    if begin in text and end in text:
        text = text[: text.index(begin)] + figures + text[text.index(end) + len(end) :]
    else:
        text += "\n" + figures + "\n"
    readme.write_text(text, encoding="utf-8")
    print(f"figures written to {readme.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
