"""Queue benchmark on PostgreSQL: "call next" with 1,000 waiting tickets across 10 queues and 20 open desks.

Creates its own database (``loket_bench_queue`` on 127.0.0.1:5432, user ``postgres``, dropped and
recreated on each run, dropped again at the end unless ``--keep``), migrates it and writes one
location with 10 queues of 2 services each, 20 desks each opened by a clerk serving the services
of 3 queues, and 1,000 waiting tickets issued over the last two hours (10 % checked-in
appointments, 5 % assisted). Then it times, after a warm-up, through ``loket.queueing.services``
and ``selectors`` as the pages call them:

- ``ticket_call_next`` at a desk chosen at random (the issue's target: p95 < 30 ms); after each
  call, untimed, the ticket is finished and a new one issued, so 1,000 keep waiting;
- ``ticket_issue`` (reception), ``ticket_state`` (a citizen's ticket page), ``queue_states``
  (reception's overview) and ``screen_calls`` (a display screen's poll).

Prints the figures and writes them into ``README.md`` beside this file. Run from the repository
root: ``.venv/bin/python benchmarks/queue/call_next.py`` (about a minute).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "availability"))
import run  # noqa: E402  (the availability benchmark's timing and machine helpers)

SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "loket_bench_queue"
QUEUES = 10
DESKS = 20
WAITING = 1_000
SEED = 20261201
BENCH_PASSWORD = "Loket-bench-2026"  # noqa: S105 -- throwaway accounts of a benchmark database


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def setup_django() -> None:
    os.environ["LOKET_DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "loket.settings"
    os.environ.pop("LOKET_TESTING", None)
    import django

    django.setup()


def write_fixture(rng: random.Random, now: datetime.datetime) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from loket.catalog.models import Service, ServiceStatus, StaffSkill
    from loket.organisations.models import Desk, DeskKind, Location, Membership, Organisation, Role
    from loket.queueing.models import Queue, QueueKind, Ticket, TicketEvent, TicketSource
    from loket.queueing.services import counter_open, local_day

    organisation = Organisation.objects.create(slug="mechelen", name="Stad Mechelen", kind="municipality")
    location = Location.objects.create(
        organisation=organisation, slug="huis", name="Huis van de Mechelaar", street="Grote Markt 21",
        postcode="2800", city="Mechelen",
    )  # fmt: skip
    queues, services = [], []
    for q in range(QUEUES):
        queue = Queue.objects.create(
            location=location, slug=f"q{q}", name=f"Queue {q}", kind=QueueKind.THEME, prefix=chr(ord("A") + q)
        )
        pair = [
            Service.objects.create(
                organisation=organisation, slug=f"s{q}-{k}", title=f"Service {q}.{k}", status=ServiceStatus.PUBLISHED,
                duration_minutes=rng.choice((4, 10, 20)),
            )
            for k in range(2)
        ]  # fmt: skip
        queue.services.set(pair)
        queues.append(queue)
        services.append(pair)
    user_model = get_user_model()
    sessions, clerks = [], []
    for d in range(DESKS):
        desk = Desk.objects.create(location=location, name=f"Loket {d + 1}", kind=DeskKind.THEME)
        clerk = user_model.objects.create_user(username=f"clerk{d}", password=BENCH_PASSWORD)
        Membership.objects.create(user=clerk, organisation=organisation, role=Role.CLERK)
        served = [service for q in rng.sample(range(QUEUES), 3) for service in services[q]]
        StaffSkill.objects.bulk_create(StaffSkill(user=clerk, service=service) for service in served)
        sessions.append(counter_open(actor=clerk, desk=desk, services=served, now=now))
        clerks.append(clerk)
    day = local_day(now)
    tickets = []
    for number in range(WAITING):
        q = rng.randrange(QUEUES)
        issued = now - datetime.timedelta(seconds=rng.uniform(0, 7200))
        appointment = rng.random() < 0.10
        tickets.append(
            Ticket(
                queue=queues[q], numbered_in=queues[q], day=day, number=number + 1,
                code=f"{queues[q].prefix}{number + 1:03d}", service=rng.choice(services[q]),
                source=TicketSource.APPOINTMENT if appointment else TicketSource.KIOSK,
                due_at=now + datetime.timedelta(minutes=rng.uniform(-20, 60)) if appointment else None,
                assisted=rng.random() < 0.05, issued_at=issued, language=rng.choice(("nl", "fr", "en")),
            )
        )  # fmt: skip
    Ticket.objects.bulk_create(tickets, batch_size=1000)
    TicketEvent.objects.bulk_create(
        TicketEvent(ticket=t, kind="issued", at=t.issued_at, queue=t.queue, actor_label="kiosk") for t in tickets
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")  # as autovacuum would soon after a load
    receptionist = user_model.objects.create_user(username="onthaal", password=BENCH_PASSWORD)
    Membership.objects.create(user=receptionist, organisation=organisation, role=Role.RECEPTION)
    return {
        "location": location,
        "queues": queues,
        "services": services,
        "sessions": sessions,
        "clerks": clerks,
        "receptionist": receptionist,
        "sample": tickets[WAITING // 2],
    }


def timed_calls(runs: int, call: Callable[[], Any], after: Callable[[Any], None] | None = None) -> list[float]:
    """Milliseconds of ``call``, after 5 warm-up calls; ``after`` (untimed) tidies up after each call."""
    times = []
    for index in range(runs + 5):
        started = time.perf_counter()
        result = call()
        elapsed = (time.perf_counter() - started) * 1000
        if after is not None:
            after(result)
        if index >= 5:
            times.append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=500, help="timed calls per case (default 500)")
    parser.add_argument("--no-readme", action="store_true", help="print only; leave README.md alone")
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DATABASE} afterwards")
    args = parser.parse_args()

    began = time.perf_counter()
    rng = random.Random(SEED)
    recreate_database()
    try:
        setup_django()
        from django.core.management import call_command
        from django.db import connections
        from django.utils import timezone

        from loket.queueing.display_selectors import screen_calls
        from loket.queueing.models import Ticket, TicketStatus
        from loket.queueing.selectors import queue_states, ticket_state
        from loket.queueing.services import ticket_call_next, ticket_finish, ticket_issue

        call_command("migrate", verbosity=0)
        now = timezone.now()
        f = write_fixture(rng, now)
        from loket.queueing.models import DisplayScreen

        screen = DisplayScreen.objects.create(location=f["location"], name="Wachtzaal")
        print(f"database {DATABASE} filled in {time.perf_counter() - began:.0f} s")
        chosen: list[int] = []

        def call_next() -> Any:
            index = rng.randrange(DESKS)
            chosen.append(index)
            return ticket_call_next(actor=f["clerks"][index], session=f["sessions"][index])

        def serve_and_refill(ticket: Any) -> None:
            if ticket is not None:
                ticket_finish(actor=f["clerks"][chosen[-1]], ticket=ticket)
            q = rng.randrange(QUEUES)
            ticket_issue(actor=f["receptionist"], queue=f["queues"][q], service=rng.choice(f["services"][q]))

        def issue() -> Any:
            q = rng.randrange(QUEUES)
            return ticket_issue(actor=f["receptionist"], queue=f["queues"][q], service=rng.choice(f["services"][q]))

        sample = f["sample"]
        cases = [
            ("`ticket_call_next` at a random desk (then, untimed: finished, one new ticket issued)",
             call_next, serve_and_refill),
            ("`ticket_state` (a citizen's ticket page, mid-line)", lambda: ticket_state(ticket=sample), None),
            ("`queue_states` (reception's overview, 10 queues)", lambda: queue_states(location=f["location"]), None),
            ("`screen_calls` (a display screen's poll)", lambda: screen_calls(screen=screen), None),
            ("`ticket_issue` at reception (last: each adds a ticket to the line)", issue, None),
        ]  # fmt: skip
        rows = []
        for name, call, after in cases:
            times = timed_calls(args.runs, call, after)
            rows.append((name, times))
            print(f"{name}: p50 {statistics.median(times):.2f} ms, p95 {run.percentile(times, 95):.2f} ms")
        waiting = Ticket.objects.filter(status=TicketStatus.WAITING).count()
        with connections["default"].cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
        connections.close_all()
    finally:
        if not args.keep:
            drop_database()

    table = ["| case | p50 ms | p95 ms | runs |", "|---|---:|---:|---:|"]
    for name, times in rows:
        table.append(f"| {name} | {statistics.median(times):.2f} | {run.percentile(times, 95):.2f} | {len(times)} |")
    today = datetime.datetime.now(tz=run.TIMEZONE).date().isoformat()
    context = (
        f"Measured on {today} on {run.machine()}, {version} on the same machine; "
        f"{WAITING} waiting tickets in {QUEUES} queues, {DESKS} open desks (each serving 3 queues), seed {SEED}; "
        f"{waiting} waiting at the end; whole run {time.perf_counter() - began:.0f} s."
    )
    print(context)
    print("\n".join(table))
    if not args.no_readme:
        write_readme(context, table)


def write_readme(context: str, table: list[str], marker: str = "call-next") -> None:
    """Replace the figures between ``<!-- {marker}:begin -->`` and ``<!-- {marker}:end -->`` in README.md."""
    readme = Path(__file__).with_name("README.md")
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    figures = "\n".join([begin, context, "", *table, end])
    if begin in text and end in text:
        text = text[: text.index(begin)] + figures + text[text.index(end) + len(end) :]
    else:
        text += "\n" + figures + "\n"
    readme.write_text(text, encoding="utf-8")
    print(f"figures written to {readme}")


if __name__ == "__main__":
    main()
