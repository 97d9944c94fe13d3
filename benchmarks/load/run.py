"""Load benchmark: a booking rush and a day at the counters, over HTTP, against gunicorn on PostgreSQL.

One command, from the repository root: ``.venv/bin/python benchmarks/load/run.py`` (about ten
minutes). It creates its own database (``loket_bench_load`` on 127.0.0.1:5432, user ``postgres``;
dropped and recreated, dropped again at the end unless ``--keep``), migrates it, writes its data
through Loket's models and services, starts gunicorn on a free port of 127.0.0.1 (two sync
workers, as ``loket serve`` runs it) and drives it with locust (headless, ``locustfile.py``), in
this order:

1. **one at a time**, 15 s: the trivial JSON view (``bench_urls.ping``: no database, no template,
   but gunicorn and Loket's whole middleware stack), the free times and a booking at a quiet
   location, in turn: what each costs without a queue;
2. **the ceiling**: the trivial JSON view, 20 users without pause for 20 s;
3. **the booking rush**: 2,000 citizens arrive within 20 s for 500 places released at once (25
   desks x 20 start times on one day), through the public API: each asks the free times, takes
   a few seconds to fill in the form, books one at random and, when it is taken (409), one of the
   alternatives, or asks again; then the database is checked (exactly 500 bookings, no desk
   twice at a time, one confirmation each) and every answer (no 5xx);
4. **a day at the counters at ten times Mechelen's volume** (3,500 visitors: two thirds by
   appointment, checked in at the kiosk, 7 % of them not coming; one third walk-ins drawing a
   ticket), an eight-hour day compressed into ``--day-seconds`` (480: a minute a second): kiosks
   give tickets and check people in on the day's schedule, clerks call, start and finish at their
   desks through the staff pages (following each redirect like a browser), display screens poll
   every second.

Every simulated citizen, kiosk, clerk and screen connects from its own loopback address
(127.x.y.z, all to 127.0.0.1): the per-client limits count per address, as they would for real
people. Figures (exact percentiles of every request, throughput, the load average sampled during
each phase) are printed and written into ``README.md`` beside this file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "loket_bench_load"
TIMEZONE = ZoneInfo("Europe/Brussels")
SEED = 20261201

# The rush: 500 places released at once, 2,000 citizens.
CITIZENS = 2_000
RUSH_DESKS = 25
RUSH_START_TIMES = 20  # 09:00 to 13:45, every 15 minutes
PLACES = RUSH_DESKS * RUSH_START_TIMES
RUSH_ARRIVAL_SECONDS = 20
QUIET_DESKS = 10  # a second location, booked one at a time: what a booking costs without a queue
ALONE_SECONDS = 15
CEILING_USERS = 20
CEILING_SECONDS = 20

# The day: Mechelen's Huis van de Mechelaar (seed facts: about 350 visitors a day, 2/3 by
# appointment, 7 % no-show without notice) ten times over, in one hall; an eight-hour day.
MECHELEN_VISITORS = 350
VOLUME = 10
APPOINTMENT_SHARE = 2 / 3
NO_SHOW = 0.07
QUICK_SHARE = 0.7  # of the walk-ins: the quick counter; the rest ask reception
DAY_HOURS = 8
# Walk-ins by hour from 8:00 (weekday mornings busiest, as the seed facts say); appointments fill
# the day's slots evenly.
WALK_IN_PROFILE = (10, 16, 17, 15, 11, 10, 11, 10)
THEMES = {"bevolking": ("B", 0.6), "burgerlijke-stand": ("C", 0.2), "vreemdelingen": ("V", 0.2)}
THEME_DESKS = 75  # 2,333 appointments of 15 minutes over 32 slots need 73 desks
THEME_CLERKS = 60
QUICK_CLERKS = 8
RECEPTION_CLERKS = 4
KIOSKS = 20
SCREENS = 20
# Service times (simulated minutes, median of a log-normal): theme counters' appointments, the
# quick counter (products under 4 minutes), reception (answers or steers).
SERVICE_MINUTES = {"theme": 10.0, "quick": 3.0, "reception": 3.5}

# Per-client limits, raised only so that no simulated client is ever refused for retrying more
# than a person would (each has its own address, so the counters are still kept, per client);
# and the check-in and call windows opened to the whole day, because the compressed day does not
# run at the appointments' real times (see README).
ENV_OVERRIDES = {
    "LOKET_BOOKING_RATE": "1000/h",
    "LOKET_API_ANON_RATE": "100000/minute",
    "LOKET_CHECK_IN_EARLY_MINUTES": "1440",
    "LOKET_LATE_GRACE_MINUTES": "1440",
    "LOKET_QUEUE_APPOINTMENT_EARLY_MINUTES": "1440",
    "LOKET_STAFF_OTP_REQUIRED": "0",
}


# --- Machine and load --------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    for line in lscpu.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    cores = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{cores} cores (nproc), {model}, Python {platform.python_version()}"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


class LoadSampler:
    """The 1-minute load average every 2 s, per phase of the run."""

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = {}
        self.phase = "set-up"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(2.0):
            self.samples.setdefault(self.phase, []).append(os.getloadavg()[0])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def summary(self, phase: str) -> str:
        values = self.samples.get(phase) or [os.getloadavg()[0]]
        return f"{statistics_mean(values):.1f} (max {max(values):.1f})"


def statistics_mean(values: list[float]) -> float:
    return sum(values) / len(values)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of ``values`` (not empty)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# --- Database, Django and gunicorn -------------------------------------------------------------


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def loket_env(var_dir: Path, secret_key: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LOKET_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(HERE), str(ROOT / "src")]),
        LOKET_DATABASE_URL=f"{SERVER}/{DATABASE}",
        LOKET_VAR_DIR=str(var_dir),
        LOKET_SECRET_KEY=secret_key,
        LOKET_HTTPS="0",  # plain HTTP on loopback: no redirect to HTTPS, no secure-only cookies
        LOKET_SEARCH_MODEL="0",
        LOKET_LOG_LEVEL="WARNING",
        **ENV_OVERRIDES,
    )
    return env


def setup_django(env: dict[str, str]) -> None:
    os.environ.update({key: value for key, value in env.items() if key.startswith(("LOKET_", "DJANGO_"))})
    sys.path[:0] = [str(HERE), str(ROOT / "src")]
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(env: dict[str, str], port: int, *, workers: int, worker_class: str, log: Path) -> Iterator[None]:
    """gunicorn exactly as ``loket serve`` runs it (its access log to a file), stopped at the end."""
    from loket.core.management.commands.serve import gunicorn_argv

    argv = [*gunicorn_argv(host="127.0.0.1", port=port, workers=workers), "--worker-class", worker_class]
    argv += ["--backlog", "4096"]  # room for the rush's 2,000 connections (gunicorn's default is 2048)
    if worker_class == "gthread":
        argv += ["--threads", "4"]
    with log.open("ab") as output:
        process = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 90
        last = ""
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except urllib.error.HTTPError as error:
                last = f"{error.code} {error.read()[:500]!r}"
            except OSError as error:
                last = repr(error)
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"gunicorn is not ready ({last}):\n{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.5)
        yield
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=15)
                break
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue


def run_locust(
    scenario: str, *, port: int, users: int, spawn_rate: float, run_time: int, fixture: dict[str, Any], work: Path
) -> dict[str, Any]:
    """One headless run of ``locustfile.py``: every request's name, status and time, and the scenario's extras."""
    fixture_path, out_path = work / f"{scenario}.fixture.json", work / f"{scenario}.out.json"
    fixture_path.write_text(json.dumps(fixture))
    env = {**os.environ, "LOAD_SCENARIO": scenario, "LOAD_FIXTURE": str(fixture_path), "LOAD_OUT": str(out_path)}
    argv = [
        sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary",
        "--host", f"http://127.0.0.1:{port}", "-u", str(users), "-r", str(spawn_rate), "--run-time", f"{run_time}s",
        "--stop-timeout", "30", "--loglevel", "WARNING", "--exit-code-on-error", "0",
    ]  # fmt: skip
    began = time.monotonic()
    with (work / f"{scenario}.locust.log").open("wb") as log:
        subprocess.run(
            argv, env=env, cwd=HERE, stdout=log, stderr=subprocess.STDOUT, timeout=run_time + 120, check=False
        )
    if not out_path.exists():
        raise RuntimeError(f"locust wrote nothing:\n{(work / f'{scenario}.locust.log').read_text()[-3000:]}")
    result: dict[str, Any] = json.loads(out_path.read_text())
    result["wall_seconds"] = time.monotonic() - began
    return result


# --- Fixtures ----------------------------------------------------------------------------------


def write_rush_fixture(today: datetime.date) -> dict[str, Any]:
    """A location with exactly ``PLACES`` free places on one day, bookable from now on (the release)."""
    from loket.appointments.models import BookingRule, CapacitySession
    from loket.appointments.selectors import availability_free_slots
    from loket.catalog.models import Service, ServiceStatus
    from loket.organisations.models import Desk, DeskKind, Location, Organisation

    organisation = Organisation.objects.create(slug="rush", name="Stad Mechelen", kind="municipality")
    service = Service.objects.create(
        organisation=organisation,
        slug="paspoort",
        title="Paspoort aanvragen",
        status=ServiceStatus.PUBLISHED,
        duration_minutes=15,
    )
    # A weekly session on one weekday with a one-week horizon: exactly one date of it is bookable.
    # (An extra session, ``CapacityException``, is never offered by the free times: see README.)
    day = today + datetime.timedelta(days=3)
    BookingRule.objects.create(service=service, horizon_days=7)
    locations = {}
    for slug, desks in (("stadhuis", RUSH_DESKS), ("proef", QUIET_DESKS)):
        location = Location.objects.create(
            organisation=organisation,
            slug=slug,
            name=slug.capitalize(),
            street="Grote Markt 21",
            postcode="2800",
            city="Mechelen",
            closed_on_public_holidays=False,
        )
        session = CapacitySession.objects.create(
            location=location, weekday=day.weekday(), starts=datetime.time(9), ends=datetime.time(14)
        )
        session.desks.set(
            Desk.objects.create(location=location, name=f"Loket {n + 1}", kind=DeskKind.THEME) for n in range(desks)
        )
        session.services.set([service])
        locations[slug] = location
    slots = availability_free_slots(
        services=[service],
        locations=[locations["stadhuis"]],
        start=today,
        end=today + datetime.timedelta(days=8),
        channel="online",
    )
    assert len(slots) == RUSH_START_TIMES and {slot.start.date() for slot in slots} == {day}, slots
    return {
        "service": service.slug,
        "location": "stadhuis",
        "quiet_location": "proef",
        "day": day.isoformat(),
        "day_after": (day + datetime.timedelta(days=1)).isoformat(),
    }


def write_day_fixture(today: datetime.date, *, visitors: int, day_seconds: float, rng: random.Random) -> dict[str, Any]:
    """The hall: queues, desks with their clerks signed in and desks open, screens, the day's appointments."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from loket.appointments.models import Appointment, AppointmentPart, AppointmentStatus, new_manage_nonce
    from loket.appointments.services import new_reference
    from loket.catalog.models import Service, ServiceStatus, StaffSkill
    from loket.organisations.models import (
        Desk,
        DeskKind,
        Location,
        Membership,
        OpeningHours,
        Organisation,
        Role,
    )
    from loket.queueing.models import DisplayScreen, Queue, QueueKind
    from loket.queueing.services import counter_open

    organisation = Organisation.objects.create(slug="mechelen-x10", name="Stad Mechelen x 10", kind="municipality")
    hall = Location.objects.create(
        organisation=organisation,
        slug="huis",
        name="Huis van de Mechelaar",
        street="Grote Markt 21",
        postcode="2800",
        city="Mechelen",
        closed_on_public_holidays=False,
    )
    for kind in (DeskKind.QUICK, DeskKind.RECEPTION, DeskKind.THEME):
        OpeningHours.objects.bulk_create(
            OpeningHours(
                location=hall, desk_kind=kind, weekday=weekday, opens=datetime.time(0), closes=datetime.time(23, 59, 59)
            )
            for weekday in range(7)
        )

    def service(slug: str, minutes: int) -> Service:
        return Service.objects.create(
            organisation=organisation,
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            status=ServiceStatus.PUBLISHED,
            duration_minutes=minutes,
        )

    queues: dict[str, tuple[Queue, list[Service], str]] = {}
    quick = Queue.objects.create(location=hall, slug="snelloket", name="Snelloket", kind=QueueKind.QUICK, prefix="S")
    quick_services = [service(slug, 4) for slug in ("afhalen-identiteitsdocumenten", "huisvuilzakken", "uittreksel")]
    quick.services.set(quick_services)
    queues["snelloket"] = (quick, quick_services, "quick")
    reception = Queue.objects.create(
        location=hall, slug="onthaal", name="Onthaal", kind=QueueKind.RECEPTION, prefix="O"
    )
    reception_services = [service("adreswijziging", 10)]
    reception.services.set(reception_services)
    queues["onthaal"] = (reception, reception_services, "reception")
    for slug, (prefix, _share) in THEMES.items():
        queue = Queue.objects.create(
            location=hall, slug=slug, name=slug.capitalize(), kind=QueueKind.THEME, prefix=prefix, walk_in=False
        )
        theme_services = [service(f"{slug}-{n}", 15) for n in range(2)]
        queue.services.set(theme_services)
        queues[slug] = (queue, theme_services, "theme")

    # Desks and their clerks: each signed in (a session in the database, as after the login page)
    # and with the desk open for the services of one queue.
    user_model = get_user_model()
    now = datetime.datetime.now(tz=TIMEZONE)
    plan: list[tuple[str, DeskKind, int]] = [
        ("snelloket", DeskKind.QUICK, QUICK_CLERKS),
        ("onthaal", DeskKind.RECEPTION, RECEPTION_CLERKS),
    ]
    plan += [(slug, DeskKind.THEME, round(THEME_CLERKS * share)) for slug, (_prefix, share) in THEMES.items()]
    clerks = []
    for slug, kind, count in plan:
        queue, served, queue_kind = queues[slug]
        for n in range(count):
            desk = Desk.objects.create(location=hall, name=f"{queue.prefix}{n + 1}", kind=kind)
            clerk = user_model.objects.create_user(username=f"{slug}-{n}")  # signed in below, no password
            Membership.objects.create(user=clerk, organisation=organisation, role=Role.CLERK)
            StaffSkill.objects.bulk_create(StaffSkill(user=clerk, service=s) for s in served)
            counter_open(actor=clerk, desk=desk, services=served, now=now)
            client = Client()
            client.force_login(clerk)  # a session in the database; logging out again would end it
            clerks.append(
                {
                    "session": client.cookies["sessionid"].value,
                    "kind": queue_kind,
                    "service": served[0].pk,
                    "minutes": SERVICE_MINUTES[queue_kind],
                }
            )
    screens = []
    for n in range(SCREENS):
        screen = DisplayScreen.objects.create(location=hall, name=f"Scherm {n + 1}")
        screen.queues.set([q for q, _s, _k in queues.values()])
        screens.append(screen.public_key)

    # The day's appointments at the theme counters, booked before the day (written straight to the
    # tables: the booking itself is the rush's business), 15-minute slots from 8:00 on free desks.
    appointments = round(visitors * APPOINTMENT_SHARE)
    slots_per_desk = DAY_HOURS * 4
    theme_desks = [
        (Desk.objects.create(location=hall, name=f"Afspraak {slug} {n + 1}", kind=DeskKind.THEME), queues[slug][1])
        for slug, (_prefix, share) in THEMES.items()
        for n in range(round(THEME_DESKS * share))
    ]
    cells = [(d, s) for d in range(len(theme_desks)) for s in range(slots_per_desk)]
    assert len(cells) >= appointments, "not enough desk time for the day's appointments"
    chosen = sorted(rng.sample(cells, appointments), key=lambda cell: (cell[1], cell[0]))
    eight = datetime.datetime.combine(today, datetime.time(8), tzinfo=TIMEZONE)
    references: set[str] = set()
    rows, parts = [], []
    for _desk_index, slot in chosen:
        reference = new_reference()
        while reference in references:
            reference = new_reference()
        references.add(reference)
        start = eight + datetime.timedelta(minutes=15 * slot)
        rows.append(
            Appointment(
                reference=reference,
                manage_nonce=new_manage_nonce(),
                location=hall,
                start=start,
                end=start + datetime.timedelta(minutes=15),
                channel="online",
                name="Burger",
                email="burger@example.be",
                language="nl",
                status=AppointmentStatus.BOOKED,
            )
        )
    Appointment.objects.bulk_create(rows, batch_size=1000)
    for appointment, (desk_index, _slot) in zip(rows, chosen, strict=True):
        desk, served = theme_desks[desk_index]
        parts.append(
            (
                AppointmentPart(
                    appointment=appointment,
                    desk=desk,
                    start=appointment.start,
                    end=appointment.end,
                    busy_until=appointment.end,
                    online=True,
                ),
                served[rng.randrange(len(served))],
            )
        )
    AppointmentPart.objects.bulk_create([part for part, _service in parts], batch_size=1000)
    through = AppointmentPart.services.through
    through.objects.bulk_create(
        [through(appointmentpart_id=part.pk, service_id=s.pk) for part, s in parts], batch_size=1000
    )

    # The day's schedule at the kiosks, in simulated minutes from 8:00, then compressed.
    compression = DAY_HOURS * 3600 / day_seconds
    events: list[dict[str, Any]] = []
    for appointment in rows:
        if rng.random() < NO_SHOW:
            continue
        minutes = (appointment.start - eight).total_seconds() / 60 - rng.uniform(2, 10)  # a few minutes early
        events.append(
            {"at": max(0.0, minutes) * 60 / compression, "kind": "check-in", "reference": appointment.reference}
        )
    walk_ins = visitors - appointments
    weights = [w / sum(WALK_IN_PROFILE) for w in WALK_IN_PROFILE]
    for _n in range(walk_ins):
        hour = rng.choices(range(DAY_HOURS), weights=weights)[0]
        minutes = 60 * hour + rng.uniform(0, 60)
        queue, served, _kind = queues["snelloket"] if rng.random() < QUICK_SHARE else queues["onthaal"]
        choice = f"{queue.pk}:{served[rng.randrange(len(served))].pk}"
        events.append({"at": minutes * 60 / compression, "kind": "walk-in", "choice": choice})
    events.sort(key=lambda event: event["at"])
    return {
        "location": hall.slug,
        "clerks": clerks,
        "screens": screens,
        "events": events,
        "kiosks": KIOSKS,
        "compression": compression,
        "day_seconds": day_seconds,
        "seed": SEED,
    }


# --- Figures -----------------------------------------------------------------------------------


def rows_for(records: list[list[Any]], names: list[tuple[str, str]], seconds: float) -> list[str]:
    table = ["| request | count | p50 ms | p95 ms | p99 ms | per s |", "|---|---:|---:|---:|---:|---:|"]
    for name, label in names:
        times = [record[2] for record in records if record[0] == name]
        if times:
            table.append(row(label, times, seconds))
    return table


def answers_text(statuses: Counter[int]) -> str:
    """``201: 500, 409: 812, ...``; status 0 (no answer: the connection was lost) as "dropped"."""
    return ", ".join(f"{status or 'dropped'}: {count}" for status, count in sorted(statuses.items()))


def row(label: str, times: list[float], seconds: float) -> str:
    return (
        f"| {label} | {len(times)} | {percentile(times, 50):.0f} | {percentile(times, 95):.0f} "
        f"| {percentile(times, 99):.0f} | {len(times) / seconds:.1f} |"
    )


def span(records: list[list[Any]]) -> float:
    """Seconds from the first request's start to the last one's end."""
    starts = [record[3] - record[2] / 1000 for record in records]
    return max(record[3] for record in records) - min(starts)


def check_rush() -> dict[str, int]:
    from django.db import connection
    from django.db.models import Count

    from loket.appointments.models import Appointment, AppointmentPart
    from loket.notifications.models import OutboxMessage

    connection.close()
    parts = AppointmentPart.objects.filter(active=True, appointment__location__slug="stadhuis")
    per_desk_time = parts.values("desk", "start").annotate(n=Count("pk")).filter(n__gt=1).count()
    per_start = parts.values("start").annotate(n=Count("pk"))
    return {
        "bookings": Appointment.objects.filter(location__slug="stadhuis").count(),
        "parts": parts.count(),
        "double_booked": per_desk_time,
        "over_capacity_start_times": sum(1 for row in per_start if row["n"] > RUSH_DESKS),
        "confirmations": OutboxMessage.objects.filter(
            idempotency_key__in=[
                f"appointment:{reference}:confirmation"
                for reference in Appointment.objects.filter(location__slug="stadhuis").values_list(
                    "reference", flat=True
                )
            ]
        ).count(),
    }


def check_day() -> dict[str, int]:
    from django.db import connection

    from loket.queueing.models import Ticket, TicketEvent, TicketSource, TicketStatus

    connection.close()
    tickets = Ticket.objects.filter(queue__location__slug="huis")
    events = TicketEvent.objects.filter(ticket__queue__location__slug="huis")
    return {
        "walk_in_tickets": tickets.filter(source=TicketSource.KIOSK).count(),
        "check_in_tickets": tickets.filter(source=TicketSource.APPOINTMENT).count(),
        "called": events.filter(kind="called").count(),
        "finished": events.filter(kind="finished").count(),
        "still_waiting": tickets.filter(status=TicketStatus.WAITING).count(),
    }


def write_readme(marker: str, lines: list[str]) -> None:
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    figures = "\n".join([begin, *lines, end])
    if begin in text and end in text:
        text = text[: text.index(begin)] + figures + text[text.index(end) + len(end) :]
    else:
        text += "\n" + figures + "\n"
    readme.write_text(text, encoding="utf-8")


# --- Main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2: one per core)")
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"), help="default sync")
    parser.add_argument(
        "--day-seconds",
        type=float,
        default=480,
        help="the eight-hour day in this many seconds (480: a minute a second)",
    )
    parser.add_argument("--volume", type=int, default=VOLUME, help="times Mechelen's 350 visitors a day (default 10)")
    parser.add_argument("--citizens", type=int, default=CITIZENS, help=f"in the rush (default {CITIZENS})")
    parser.add_argument("--skip-day", action="store_true", help="only the ceiling and the rush")
    parser.add_argument("--no-readme", action="store_true", help="print only; leave README.md alone")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    load_before = uptime()
    print(f"before the run: {load_before}")
    began = time.monotonic()
    rng = random.Random(SEED)
    work = Path(tempfile.mkdtemp(prefix="loket-bench-load-"))
    env = loket_env(work / "var", secrets.token_urlsafe(50))
    sampler = LoadSampler()
    sampler.start()
    recreate_database()
    try:
        setup_django(env)
        from django.core.management import call_command
        from django.db import connections

        step = time.monotonic()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        print(f"migrated in {time.monotonic() - step:.0f} s")
        step = time.monotonic()
        call_command("collectstatic", interactive=False, verbosity=0)  # the manifest the templates need
        print(f"static files collected in {time.monotonic() - step:.0f} s")
        today = datetime.datetime.now(tz=TIMEZONE).date()
        rush_fixture = write_rush_fixture(today)
        visitors = MECHELEN_VISITORS * args.volume
        day_fixture = (
            {} if args.skip_day else write_day_fixture(today, visitors=visitors, day_seconds=args.day_seconds, rng=rng)
        )
        connections.close_all()
        port = free_port()
        print(f"set up in {time.monotonic() - began:.0f} s; gunicorn on 127.0.0.1:{port}")
        with gunicorn(env, port, workers=args.workers, worker_class=args.worker_class, log=work / "gunicorn.log"):
            sampler.phase = "alone"
            alone = run_locust(
                "alone", port=port, users=1, spawn_rate=1, run_time=ALONE_SECONDS, fixture=rush_fixture, work=work
            )
            sampler.phase = "ceiling"
            ceiling = run_locust(
                "ceiling",
                port=port,
                users=CEILING_USERS,
                spawn_rate=CEILING_USERS,
                run_time=CEILING_SECONDS,
                fixture={},
                work=work,
            )
            sampler.phase = "rush"
            rush = run_locust(
                "rush",
                port=port,
                users=args.citizens,
                spawn_rate=args.citizens / RUSH_ARRIVAL_SECONDS,
                run_time=600,
                fixture=rush_fixture,
                work=work,
            )
            rush_checks = check_rush()
            day: dict[str, Any] = {}
            if not args.skip_day:
                sampler.phase = "day"
                users = len(day_fixture["clerks"]) + KIOSKS + SCREENS
                day = run_locust(
                    "day",
                    port=port,
                    users=users,
                    spawn_rate=users,
                    run_time=int(args.day_seconds) + 180,
                    fixture=day_fixture,
                    work=work,
                )
                day_checks = check_day()
            sampler.phase = "end"
        connections.close_all()
    finally:
        sampler.stop()
        if not args.keep:
            drop_database()

    # --- The figures -----------------------------------------------------------------------
    today_text = datetime.datetime.now(tz=TIMEZONE).date().isoformat()
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    setup = (
        f"gunicorn {args.workers} {args.worker_class} workers (as `loket serve`, access log on), PostgreSQL {pg} "
        f"on the same machine, locust on the same machine"
    )
    ceiling_records = ceiling["records"]
    ceiling_seconds = span(ceiling_records)
    ceiling_rate = len(ceiling_records) / ceiling_seconds
    records = rush["records"]
    rush_seconds = span(records)
    rush_rate = len(records) / rush_seconds
    statuses = Counter(record[1] for record in records)
    booked_at = sorted(record[3] for record in records if record[0] == "booking" and record[1] == 201)
    first = min(record[3] - record[2] / 1000 for record in records)
    all_gone = booked_at[-1] - first if booked_at else float("nan")
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    dropped = statuses.get(0, 0)
    alone_records = alone["records"]
    alone_p50 = {
        name: percentile([r[2] for r in alone_records if r[0] == name], 50)
        for name in ("trivial JSON view (alone)", "availability (alone)", "booking (alone)")
    }
    ping_alone = alone_p50["trivial JSON view (alone)"]
    gone = f"all {PLACES} places gone" if len(booked_at) == PLACES else f"{len(booked_at)} places booked, the last"
    rush_lines = [
        f"Measured on {today_text} on {machine()}; {setup}. Load average before the run: "
        f"`{load_before.split('load average:')[-1].strip()}`; during the ceiling {sampler.summary('ceiling')}, "
        f"the rush {sampler.summary('rush')} (1-minute load, mean and max of samples every 2 s); "
        f"whole run {time.monotonic() - began:.0f} s.",
        "",
        f"**Rush**: {args.citizens} citizens arriving within {RUSH_ARRIVAL_SECONDS} s for {PLACES} places "
        f"({RUSH_DESKS} desks x {RUSH_START_TIMES} start times); {len(records)} requests in {rush_seconds:.0f} s "
        f"({rush_rate:.0f} per s); {gone} {all_gone:.0f} s after the first request. "
        f"Answers: {answers_text(statuses)}.",
        "",
        f"Checked in the database: **{rush_checks['bookings']} bookings** ({PLACES} places), "
        f"{rush_checks['double_booked']} desks booked twice at a time, {rush_checks['over_capacity_start_times']} "
        f"start times over capacity, {rush_checks['confirmations']} confirmations in the outbox; "
        f"{server_errors} answers 5xx, {dropped} connections dropped; "
        f"{len(rush['extra'].get('booked', []))} citizens told 201, {rush['extra'].get('gave_up', 0)} gave up.",
        "",
        *rows_for(
            alone_records,
            [
                ("trivial JSON view (alone)", "alone: trivial JSON view (one request at a time)"),
                ("availability (alone)", "alone: free times at a quiet location"),
                ("booking (alone)", "alone: booking at a quiet location (201)"),
            ],
            span(alone_records),
        ),
        *rows_for(
            records,
            [
                ("availability", "rush: free times `GET /api/v1/availability/`"),
                ("availability (again)", "rush: free times again, after a 409 without alternatives"),
                ("booking", "rush: booking `POST /api/v1/appointments/` (201 or 409)"),
            ],
            rush_seconds,
        )[2:],
        row("rush: every request", [r[2] for r in records], rush_seconds),
        row(
            f"**ceiling**: trivial JSON view, {CEILING_USERS} users without pause for {CEILING_SECONDS} s",
            [r[2] for r in ceiling_records],
            ceiling_seconds,
        ),
        "",
        f"Ratios. One at a time, the free times take {alone_p50['availability (alone)'] / ping_alone:.0f} "
        f"times as long as the trivial view (p50), a booking {alone_p50['booking (alone)'] / ping_alone:.0f} times. "
        "Saturated, the set-up "
        f"answers the trivial view at {ceiling_rate:.0f} requests a second and the rush's requests at {rush_rate:.0f}: "
        f"**the rush runs at 1/{ceiling_rate / rush_rate:.0f} of the framework's ceiling** on this machine.",
    ]
    print("\n".join(rush_lines))
    if not args.no_readme:
        write_readme("rush", rush_lines)
    if args.skip_day:
        shutil.rmtree(work, ignore_errors=True)
        return

    day_records = day["records"]
    day_seconds = span(day_records)
    day_statuses = Counter(record[1] for record in day_records)
    extra = day["extra"]
    lags = extra.get("lags", [0.0])
    planned = Counter(event["kind"] for event in day_fixture["events"])
    day_lines = [
        f"Measured on {today_text} on {machine()}; {setup}. Load average during the day "
        f"{sampler.summary('day')} (1-minute load, mean and max).",
        "",
        f"**The day**: {visitors} visitors ({args.volume} x Mechelen's 350): {planned['check-in']} appointments "
        f"checked in at {KIOSKS} kiosks ({round(visitors * APPOINTMENT_SHARE)} booked, {NO_SHOW:.0%} not coming), "
        f"{planned['walk-in']} walk-ins drawing a ticket; {len(day_fixture['clerks'])} clerks at their desks, "
        f"{SCREENS} display screens polling every second. {DAY_HOURS} hours compressed "
        f"{day_fixture['compression']:.0f} x into {args.day_seconds:.0f} s; it took {day_seconds:.0f} s "
        f"with the last served: {len(day_records)} requests ({len(day_records) / day_seconds:.0f} per s). "
        f"Kiosk events behind their schedule: p50 {percentile(lags, 50):.1f} s, p95 {percentile(lags, 95):.1f} s.",
        "",
        f"Checked in the database: {day_checks['walk_in_tickets']} walk-in tickets and "
        f"{day_checks['check_in_tickets']} check-in tickets issued, {day_checks['called']} calls, "
        f"{day_checks['finished']} served, {day_checks['still_waiting']} still waiting at the end. Answers: "
        f"{answers_text(day_statuses)}.",
        "",
        *rows_for(
            day_records,
            [
                ("ticket drawn", "ticket drawn at the kiosk (`POST kiosk/.../ticket/`)"),
                ("check-in", "appointment checked in at the kiosk (`POST kiosk/.../check-in/`)"),
                ("kiosk start page", "kiosk start page, after each visitor"),
                ("call next", "call next (`POST staff/queue/desk/call/`, 302)"),
                ("start", "start serving (302)"),
                ("finish", "finish (302)"),
                ("desk page", "the clerk's desk page, after each of those"),
                ("waiting count", "desk's waiting count (HTMX poll while idle)"),
                ("display poll", "display screen poll (`calls.json`)"),
            ],
            day_seconds,
        ),
    ]
    print("\n".join(day_lines))
    if not args.no_readme:
        write_readme("day", day_lines)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
