"""How right is the wait estimate? A simulated day at the demo's quick counter and reception, through the real code.

Loads the demo data set (``loket.demo``) into its own PostgreSQL database (``loket_bench_queue``,
dropped and recreated, dropped at the end unless ``--keep``), then plays a Monday morning at the
Huis van de Mechelaar from 8:00 to 13:00, minute by simulated minute, through
``loket.queueing.services`` and ``selectors`` with ``now`` passed in:

- walk-ins arrive at the quick counter and at reception as a Poisson process whose rate follows
  the seed facts' morning (about 120 walk-ins a morning, a third of 350 visitors; busiest 9-11);
- each takes a ticket (``ticket_issue``) and is shown the estimate the ticket page would show
  (``ticket_state``), recorded at that moment;
- two quick-counter clerks and one reception clerk call the next ticket when free
  (``ticket_call_next``), the citizen reaches the desk half a minute later (``ticket_start``) and is
  served in a time drawn from a log-normal with a median of 3 minutes at the quick counter
  ("products that take less than 4 minutes") and 3.5 at reception, then ``ticket_finish``. At 10:30
  one quick clerk takes a 15-minute break (``counter_pause``), as happens.

The real wait is issue to call. Reported: the mean absolute error of the estimate in minutes
(MAE), the mean real wait, the share of estimates within 3 minutes, against a naive estimate
(people ahead times 5 minutes, divided by the open desks), in the same run. The demo's own
morning (written by the loader) is cleared first, so the day starts empty.

Run from the repository root: ``.venv/bin/python benchmarks/queue/estimate_accuracy.py``.
"""

from __future__ import annotations

import argparse
import datetime
import heapq
import math
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "availability"))
import call_next  # noqa: E402  (database set-up shared with the call-next benchmark)
import run  # noqa: E402

SEED = 20261207
# Walk-ins an hour, from the opening at 8:00: an ordinary morning of about 120 (a third of 350
# visitors), busiest 9-11, and a holiday-period morning (up to 600 visitors a day) of about 200.
MORNINGS = {
    "ordinary morning": {8: 18, 9: 30, 10: 30, 11: 24, 12: 18},
    "holiday-period morning": {8: 30, 9: 48, 10: 50, 11: 40, 12: 32},
}
RECEPTION_SHARE = 0.3
# Typical service time (median, minutes): quick products take under 4 minutes; reception answers or steers.
SERVICE_MINUTES = {"snelloket": 3.0, "onthaal": 3.5}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-readme", action="store_true", help="print only; leave README.md alone")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    began = time.perf_counter()
    table = [
        "| morning | walk-ins | real wait: mean / longest (min) | Loket's estimate: MAE (min) / within 3 min "
        "| naive estimate: MAE (min) / within 3 min |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, rates in MORNINGS.items():
        call_next.recreate_database()
        try:
            call_next.setup_django()
            tickets, mae, naive_mae, mean_wait, within, naive_within, max_wait = simulate(rates)
            from django.db import connections

            connections.close_all()
        finally:
            if not args.keep:
                call_next.drop_database()
        table.append(
            f"| {label} | {tickets} | {mean_wait:.1f} / {max_wait:.0f} | {mae:.1f} / {within:.0%} "
            f"| {naive_mae:.1f} / {naive_within:.0%} |"
        )
        print(table[-1])
    today = datetime.datetime.now(tz=run.TIMEZONE).date().isoformat()
    context = (
        f"Measured on {today} on {run.machine()}; a simulated Monday 8:00-13:00 at the "
        f"demo's Huis van de Mechelaar (quick counter 2 desks with a 15-minute break at 10:30, reception 1), "
        f"seed {SEED}; whole run {time.perf_counter() - began:.0f} s. Naive: people ahead x 5 min / open desks."
    )
    print(context)
    print("\n".join(table))
    if not args.no_readme:
        call_next.write_readme(context, table, marker="estimate")


def simulate(rates: dict[int, int]) -> tuple[int, float, float, float, float, float, float]:
    from django.core.management import call_command
    from django.db import connections
    from django.test import override_settings

    from loket.appointments.availability import TIMEZONE
    from loket.demo import load_demo
    from loket.queueing.models import CounterSession, Queue, Ticket, TicketEvent
    from loket.queueing.selectors import ticket_state
    from loket.queueing.services import counter_pause, ticket_call_next, ticket_finish, ticket_issue, ticket_start

    connections.close_all()  # a fresh database for each morning
    call_command("migrate", verbosity=0)
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        load_demo()
    rng = random.Random(SEED)
    monday = datetime.date(2027, 3, 8)  # a Monday outside holidays
    start = datetime.datetime.combine(monday, datetime.time(8), tzinfo=TIMEZONE)
    TicketEvent.objects.all().delete()
    Ticket.objects.all().delete()
    quick = Queue.objects.get(location__slug="huis-van-de-mechelaar", slug="snelloket")
    reception = Queue.objects.get(location__slug="huis-van-de-mechelaar", slug="onthaal")
    hall = quick.location
    CounterSession.objects.all().delete()
    from django.contrib.auth import get_user_model

    from loket.catalog.models import StaffSkill
    from loket.organisations.models import Desk
    from loket.queueing.services import counter_open

    users = get_user_model().objects
    snel = users.get(username="loket-snel")
    second = users.get(username="loket")
    for service in quick.services.all():
        StaffSkill.objects.get_or_create(user=second, service=service)
    onthaal = users.get(username="onthaal")
    from loket.organisations.models import Membership, Role

    Membership.objects.get_or_create(user=onthaal, organisation=hall.organisation, role=Role.CLERK)
    for service in reception.services.all():
        StaffSkill.objects.get_or_create(user=onthaal, service=service)
    desks = {d.name: d for d in Desk.objects.filter(location=hall)}
    quick_services, reception_services = list(quick.services.all()), list(reception.services.all())
    clerks = [
        (snel, counter_open(actor=snel, desk=desks["Snelloket 1"], services=quick_services, now=start)),
        (second, counter_open(actor=second, desk=desks["Snelloket 2"], services=quick_services, now=start)),
        (onthaal, counter_open(actor=onthaal, desk=desks["Onthaal 1"], services=reception_services, now=start)),
    ]

    # Arrivals: a Poisson process per hour.
    arrivals: list[datetime.datetime] = []
    for hour, rate in rates.items():
        moment = datetime.datetime.combine(monday, datetime.time(hour), tzinfo=TIMEZONE)
        end = moment + datetime.timedelta(hours=1)
        while True:
            moment += datetime.timedelta(minutes=rng.expovariate(rate / 60))
            if moment >= end:
                break
            arrivals.append(moment)

    events: list[tuple[datetime.datetime, int, str, int]] = []  # (when, order, what, clerk index)
    order = 0
    for moment in arrivals:
        heapq.heappush(events, (moment, order, "arrive", -1))
        order += 1
    for index in range(len(clerks)):
        heapq.heappush(events, (start, order, "free", index))
        order += 1
    pause_at = datetime.datetime.combine(monday, datetime.time(10, 30), tzinfo=TIMEZONE)
    heapq.heappush(events, (pause_at, order, "pause", 1))
    order += 1
    idle: set[int] = set()
    shown: dict[int, tuple[int | None, int, datetime.datetime]] = {}  # ticket -> (estimate, naive, issued)
    waits: dict[int, float] = {}
    paused = False
    while events:
        now, _order, what, index = heapq.heappop(events)
        if what == "arrive":
            queue = reception if rng.random() < RECEPTION_SHARE else quick
            services = list(queue.services.all())
            ticket = ticket_issue(
                actor="kiosk", queue=queue, service=rng.choice(services), language="nl", now=now
            ) if queue.walk_in else None  # fmt: skip
            if ticket is None:
                continue
            state = ticket_state(ticket=ticket, now=now)
            open_desks = sum(1 for i, (_c, s) in enumerate(clerks) if _serves(s, queue) and not (paused and i == 1))
            naive = math.ceil((state.ahead or 0) * 5 / open_desks) if open_desks else 0
            shown[ticket.pk] = (state.estimate_minutes, naive, now)
            for waiting_clerk in sorted(idle):
                idle.discard(waiting_clerk)
                heapq.heappush(events, (now, order, "free", waiting_clerk))
                order += 1
        elif what == "pause":
            counter_pause(actor=clerks[index][0], session=clerks[index][1], paused=True, now=now)
            paused = True
            heapq.heappush(events, (now + datetime.timedelta(minutes=15), order, "resume", index))
            order += 1
        elif what == "resume":
            counter_pause(actor=clerks[index][0], session=clerks[index][1], paused=False, now=now)
            paused = False
            heapq.heappush(events, (now, order, "free", index))
            order += 1
        elif what == "free":
            clerk, session = clerks[index]
            if paused and index == 1:
                continue  # picks up again at "resume"
            ticket = ticket_call_next(actor=clerk, session=session, now=now)
            if ticket is None:
                idle.add(index)
                continue
            waits[ticket.pk] = (now - shown[ticket.pk][2]).total_seconds() / 60
            reach = now + datetime.timedelta(seconds=30)
            ticket_start(actor=clerk, ticket=ticket, now=reach)
            usual = SERVICE_MINUTES[ticket.queue.slug]
            minutes = min(max(rng.lognormvariate(math.log(usual), 0.45), 1.0), usual * 3)
            done = reach + datetime.timedelta(minutes=minutes)
            ticket_finish(actor=clerk, ticket=ticket, now=done)
            heapq.heappush(events, (done, order, "free", index))
            order += 1
    served = [pk for pk in shown if pk in waits and shown[pk][0] is not None]
    errors = [abs(shown[pk][0] - waits[pk]) for pk in served]  # type: ignore[operator]
    bias = statistics.fmean(shown[pk][0] - waits[pk] for pk in served)  # type: ignore[operator]
    print(f"  mean signed error (estimate minus real): {bias:+.1f} min")
    naive_errors = [abs(shown[pk][1] - waits[pk]) for pk in served]
    return (
        len(served),
        statistics.fmean(errors),
        statistics.fmean(naive_errors),
        statistics.fmean(waits[pk] for pk in served),
        sum(1 for e in errors if e <= 3) / len(errors),
        sum(1 for e in naive_errors if e <= 3) / len(naive_errors),
        max(waits[pk] for pk in served),
    )


def _serves(session, queue) -> bool:  # type: ignore[no-untyped-def]
    return bool(set(session.services.values_list("pk", flat=True)) & set(queue.services.values_list("pk", flat=True)))


if __name__ == "__main__":
    main()
