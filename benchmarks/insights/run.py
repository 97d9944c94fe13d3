"""Dashboard benchmark on PostgreSQL: the insights selectors over a year of a Brussels-sized region.

Creates its own database (``loket_bench_insights`` on 127.0.0.1:5432, user ``postgres``, dropped
and recreated on each run, dropped again at the end), migrates it, writes 19 municipalities with
their town hall, queues (quick counter, reception, a theme counter), services and departments
through the ORM, and then a year of events in plain ``INSERT ... SELECT generate_series`` inside
the server (no rows cross the wire): appointments (7 % no-show, 16 % late), a check-in ticket for
every checked-in appointment, walk-in tickets (3 % gone before their turn), four events per
served ticket, calls and e-mails to the contact centre, some requests and booking suggestions.
Municipalities are sized by their population (Brussels City 188k ... Koekelberg 22k) at the
Mechelen rate of the seed facts (about 6,600 events a year per 1,000 inhabitants): about 8
million events in all. Then ``VACUUM (ANALYZE)``, as autovacuum would soon after a load.

Timed, after 2 warm-up calls: ``insights_figures`` for one municipality-year (the largest, Brussels
City, and a middle one) and ``figures_for_scope`` over the whole region-year (the 19 together);
p50 and p95 over ``--runs`` calls. Prints the figures and writes them into ``README.md`` beside
this file. Bounded: generation takes a few minutes, timing a few more; ``--scale 0.1`` for a try.

Run from the repository root: ``.venv/bin/python benchmarks/insights/run.py``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "loket_bench_insights"
README = Path(__file__).resolve().parent / "README.md"
YEAR_START = datetime.date(2025, 1, 1)
# The 19 municipalities of the Brussels-Capital Region, inhabitants in thousands (rounded).
MUNICIPALITIES = {
    "brussel": 188,
    "schaerbeek": 133,
    "anderlecht": 121,
    "molenbeek": 97,
    "ixelles": 87,
    "uccle": 84,
    "woluwe-saint-lambert": 57,
    "forest": 56,
    "jette": 52,
    "saint-gilles": 50,
    "etterbeek": 48,
    "evere": 42,
    "woluwe-saint-pierre": 42,
    "auderghem": 34,
    "saint-josse": 27,
    "ganshoren": 25,
    "watermael-boitsfort": 25,
    "berchem-sainte-agathe": 25,
    "koekelberg": 22,
}
# A year of Mechelen (86k inhabitants) as the seed facts and the demo history have it.
MECHELEN = 86
WALK_INS, APPOINTMENTS, CONTACTS = 35_000, 77_000, 72_000


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


def write_organisations(scale: float) -> list[dict[str, Any]]:
    from loket.catalog.models import Service, ServiceStatus
    from loket.citizens.models import Person
    from loket.organisations.models import Department, Location, Organisation, OrganisationKind
    from loket.queueing.models import Queue, QueueKind

    person = Person.objects.create(name="")
    rows = []
    for slug, inhabitants in MUNICIPALITIES.items():
        organisation = Organisation.objects.create(
            slug=slug, name_nl=slug, name_fr=slug, name_en=slug, kind=OrganisationKind.MUNICIPALITY
        )
        location = Location.objects.create(
            organisation=organisation,
            slug=f"{slug}-hall",
            name_nl=slug,
            name_fr=slug,
            name_en=slug,
            street="Place 1",
            postcode="1000",
            city=slug,
            extra_holiday_region="bru",
        )
        services = [
            Service.objects.create(
                organisation=organisation,
                slug=f"{slug}-{n}",
                status=ServiceStatus.PUBLISHED,
                title_nl=f"s{n}",
                title_fr=f"s{n}",
                title_en=f"s{n}",
                duration_minutes=15,
            )
            for n in range(6)
        ]
        department = Department.objects.create(organisation=organisation, slug="civil", name_nl="civil")
        queues = {
            kind: Queue.objects.create(location=location, slug=kind, name=kind, kind=kind, prefix=kind[0].upper())
            for kind in (QueueKind.QUICK, QueueKind.RECEPTION, QueueKind.THEME)
        }
        factor = inhabitants / MECHELEN * scale
        rows.append(
            {
                "slug": slug,
                "organisation": organisation.pk,
                "location": location.pk,
                "quick": queues[QueueKind.QUICK].pk,
                "reception": queues[QueueKind.RECEPTION].pk,
                "theme": queues[QueueKind.THEME].pk,
                "service": services[0].pk,
                "department": department.pk,
                "person": person.pk,
                "walk_ins": round(WALK_INS * factor),
                "appointments": round(APPOINTMENTS * factor),
                "contacts": round(CONTACTS * factor),
            }
        )
    return rows


# A local working-day moment of the year from columns d (day of the year, moved off Sundays) and
# t (share of the day from 8:00 to 17:00).
MOMENT = """((%(year)s::date + d + CASE WHEN extract(isodow FROM %(year)s::date + d) = 7 THEN 1 ELSE 0 END)::timestamp
    + interval '8 hours' + t * interval '9 hours') AT TIME ZONE 'Europe/Brussels'"""
DAYS = "(SELECT g, floor(random() * 364)::int AS d, random() AS t FROM generate_series(1, %({count})s) g) y"

FILL = [
    # Appointments: 7 % no-show, 16 % late among all.
    f"""INSERT INTO appointments_appointment (reference, manage_nonce, location_id, start, "end", status, channel,
        name, email, phone, language, message_channel, remark, sequence, arrived_at, arrived_late,
        reminder_due_at, hold_expires_at, created_at, updated_at)
    SELECT lpad(to_hex(%(m)s * 1000000 + g), 8, '0'), md5(g::text), %(location)s, s, s + interval '15 minutes',
        CASE WHEN r < 0.07 THEN 'no_show' ELSE 'checked_in' END, 'online', '', '', '', 'nl', '', '', 0,
        CASE WHEN r < 0.07 THEN NULL WHEN r < 0.23 THEN s + interval '8 minutes' ELSE s - interval '5 minutes' END,
        r >= 0.07 AND r < 0.23, NULL, NULL, s - interval '7 days', s
    FROM (SELECT g, random() AS r, {MOMENT} AS s FROM {DAYS.format(count="appointments")}) x""",  # noqa: S608
    # Their check-in tickets, in the theme queue.
    """INSERT INTO queueing_ticket (queue_id, numbered_in_id, day, number, code, service_id, source, status, language,
        appointment_id, due_at, assisted, issued_at, called_at, recalls, phone, near_sms_sent, note, closed_reason,
        public_key)
    SELECT %(theme)s, %(theme)s, (a.arrived_at AT TIME ZONE 'Europe/Brussels')::date, a.id, 'B' || a.id, %(service)s,
        'appointment', 'done', 'nl', a.id, a.start, false, a.arrived_at, NULL, 0, '', false, '', '', md5('a' || a.id)
    FROM appointments_appointment a WHERE a.location_id = %(location)s AND a.status = 'checked_in'""",
    # Walk-ins: 70 % quick counter, 30 % reception; 3 % gone before their turn.
    f"""INSERT INTO queueing_ticket (queue_id, numbered_in_id, day, number, code, service_id, source, status, language,
        appointment_id, due_at, assisted, issued_at, called_at, recalls, phone, near_sms_sent, note, closed_reason,
        public_key)
    SELECT q, q, (s AT TIME ZONE 'Europe/Brussels')::date, g, 'S' || g, %(service)s, 'kiosk',
        CASE WHEN random() < 0.03 THEN 'no_show' ELSE 'done' END, 'nl', NULL, NULL, false, s, NULL, 0, '', false, '',
        '', md5(%(m)s || 'w' || g)
    FROM (SELECT g, CASE WHEN random() < 0.7 THEN %(quick)s ELSE %(reception)s END AS q, {MOMENT} AS s
          FROM {DAYS.format(count="walk_ins")}) x""",  # noqa: S608
    # Four events per served ticket (issued, called, started, finished); two for one gone.
    """INSERT INTO queueing_ticketevent (ticket_id, kind, at, queue_id, desk_id, actor_id, actor_label, note)
    SELECT t.id, e.kind, e.at, t.queue_id, NULL, NULL, 'bench', ''
    FROM (SELECT t.*, greatest(t.issued_at, coalesce(t.due_at, t.issued_at))
                 + random() * interval '6 minutes' AS called,
                 interval '2 minutes' + random() * interval '14 minutes' AS service
          FROM queueing_ticket t WHERE t.queue_id IN (%(quick)s, %(reception)s, %(theme)s)) t
    CROSS JOIN LATERAL (VALUES ('issued', t.issued_at), ('called', t.called),
        ('started', t.called + interval '30 seconds'), ('finished', t.called + interval '30 seconds' + t.service),
        ('no_show', t.called + interval '3 minutes')) AS e(kind, at)
    WHERE (t.status = 'done' AND e.kind <> 'no_show') OR (t.status = 'no_show' AND e.kind IN ('issued', 'no_show'))""",
    # Calls (88 %) and e-mails to the contact centre; 70 % answered at once.
    f"""INSERT INTO contacts_contact (organisation_id, registered_by_id, channel, direction, started_at,
        duration_seconds, agent_id, summary, outcome, referred_to, language, person_id, appointment_id, anonymised_at)
    SELECT %(organisation)s, %(organisation)s, CASE WHEN random() < 0.88 THEN 'phone' ELSE 'email' END, 'in', s,
        (60 + random() * 400)::int, NULL, '', CASE WHEN random() < 0.7 THEN 'answered' ELSE 'request' END, '', 'nl',
        NULL, NULL, NULL
    FROM (SELECT {MOMENT} AS s FROM {DAYS.format(count="contacts")}) x""",  # noqa: S608
    # Requests for the back office (2 % of the contacts), a tenth of them late.
    """INSERT INTO contacts_request (reference, organisation_id, department_id, service_id, origin, contact_id,
        person_id, subject, description, status, status_reason, assignee_id, language, due_on, created_at, updated_at,
        closed_at, anonymised_at)
    SELECT 'AV-' || lpad(to_hex(c.id), 9, '0'), %(organisation)s, %(department)s, %(service)s, 'contact', c.id,
        %(person)s, '', '', CASE WHEN random() < 0.9 THEN 'done' ELSE 'in_progress' END, '', NULL, 'nl',
        (c.started_at + interval '10 days')::date, c.started_at, c.started_at,
        c.started_at + random() * interval '12 days', NULL
    FROM contacts_contact c WHERE c.organisation_id = %(organisation)s AND c.outcome = 'request' AND random() < 0.07""",
    """UPDATE contacts_request SET closed_at = NULL
    WHERE organisation_id = %(organisation)s AND status = 'in_progress'""",
    # Suggestions offered with 5 % of the bookings, a third taken.
    """INSERT INTO appointments_visitsuggestion (appointment_id, service_id, accepted, created_at)
    SELECT a.id, %(service)s, random() < 0.35, a.created_at
    FROM appointments_appointment a WHERE a.location_id = %(location)s AND random() < 0.05""",
]


def fill(rows: list[dict[str, Any]]) -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.2018)")
        for m, row in enumerate(rows, start=1):
            for statement in FILL:
                cursor.execute(statement, {**row, "m": m, "year": YEAR_START})
            print(f"  {row['slug']}: {row['appointments']} appointments, {row['walk_ins']} walk-ins", flush=True)
        counts = {}
        for table in (
            "queueing_ticketevent",
            "queueing_ticket",
            "appointments_appointment",
            "contacts_contact",
            "contacts_request",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 -- constant table names
            counts[table] = cursor.fetchone()[0]
    connection.close()
    with psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True) as raw:
        raw.execute("VACUUM (ANALYZE)")
    return counts


def timed(call: Callable[[], Any], runs: int) -> list[float]:
    for _ in range(2):
        call()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def machine() -> str:
    model = "unknown CPU"
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    for line in lscpu.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    cores = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{cores} cores (nproc), {model}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="timed calls per case on the roll-up (default 20)")
    parser.add_argument("--event-runs", type=int, default=5, help="timed calls per case on the events (default 5)")
    parser.add_argument("--scale", type=float, default=1.0, help="share of the region's volume (default 1)")
    parser.add_argument("--no-readme", action="store_true", help="print only; leave README.md alone")
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DATABASE} afterwards")
    args = parser.parse_args()

    load_before = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    began = time.perf_counter()
    recreate_database()
    try:
        setup_django()
        from django.core.management import call_command
        from django.db import connection

        from loket.insights.figures import Period
        from loket.insights.rollup import rollup_days
        from loket.insights.selectors import figures_for_scope, insights_figures, insights_region_scope

        call_command("migrate", verbosity=0)
        rows = write_organisations(args.scale)
        counts = fill(rows)
        events = counts["queueing_ticketevent"] + counts["appointments_appointment"] + counts["contacts_contact"]
        generated = time.perf_counter() - began
        print(f"generated {events:,} events in {generated:.0f} s: {counts}")
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        year = Period(YEAR_START, YEAR_START + datetime.timedelta(days=365))
        middle = rows[len(rows) // 2]
        cases: list[tuple[str, Callable[[], Any]]] = [
            (
                f"one municipality-year, the largest ({rows[0]['slug']}, {MUNICIPALITIES[rows[0]['slug']]}k)",
                lambda: insights_figures(organisation=rows[0]["organisation"], period=year),
            ),
            (
                f"one municipality-year, a middle one ({middle['slug']}, {MUNICIPALITIES[middle['slug']]}k)",
                lambda: insights_figures(organisation=middle["organisation"], period=year),
            ),
            (
                "the region-year (19 municipalities together)",
                lambda: figures_for_scope(
                    scope=insights_region_scope(organisations=[r["organisation"] for r in rows], period=year)
                ),
            ),
        ]
        on_events = []
        for name, call in cases:
            times = timed(call, args.event_runs)
            on_events.append(times)
            print(f"events, {name}: p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 95):.0f} ms")
        rolling = time.perf_counter()
        run = rollup_days(start=year.start, end=year.end)
        rolled_in = time.perf_counter() - rolling
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) insights_waitbucket, insights_servicebucket, insights_locationhour")
            cursor.execute("ANALYZE insights_contacthour")
        print(f"rolled up {run.days} days ({run.months} whole months, {run.rows:,} rows) in {rolled_in:.0f} s")
        results = []
        for (name, call), events_times in zip(cases, on_events, strict=True):
            times = timed(call, args.runs)
            results.append((name, events_times, times))
            print(f"roll-up, {name}: p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 95):.0f} ms")
        connection.close()
    finally:
        if not args.keep:
            drop_database()
    total = time.perf_counter() - began
    table = [
        "| case | events p50 ms | events p95 ms | roll-up p50 ms | roll-up p95 ms | runs (events / roll-up) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    table += [
        f"| {name} | {statistics.median(raw):.0f} | {percentile(raw, 95):.0f} | {statistics.median(times):.0f} | "
        f"{percentile(times, 95):.0f} | {len(raw)} / {len(times)} |"
        for name, raw, times in results
    ]
    summary = "\n".join(
        [
            f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d} on {machine()}, PostgreSQL {version}, "
            f"scale {args.scale:g}: {events:,} events ({counts['queueing_ticketevent']:,} ticket events, "
            f"{counts['queueing_ticket']:,} tickets, {counts['appointments_appointment']:,} appointments, "
            f"{counts['contacts_contact']:,} contacts, {counts['contacts_request']:,} requests); generated in "
            f"{generated:.0f} s; the roll-up of the year ({run.days} days, {run.rows:,} rows) took {rolled_in:.0f} s; "
            f"whole run {total:.0f} s; load average before the run {load_before}.",
            "",
            *table,
        ]
    )
    print(summary)
    if not args.no_readme and README.exists():
        text = README.read_text()
        start, end = text.find("<!-- figures -->"), text.find("<!-- /figures -->")
        if start >= 0 and end > start:
            README.write_text(text[: start + len("<!-- figures -->")] + "\n" + summary + "\n" + text[end:])


if __name__ == "__main__":
    main()
