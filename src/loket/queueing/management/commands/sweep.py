"""``loket sweep``: what happens by the clock, in a loop (a service) or once (cron, tests).

Appointments: reminders that are due, no-shows after the end plus grace, and waiting-list offers
that ran out (the place then goes to the next in line). The walk-in queue: tickets still open
after closing time (or from an earlier day) closed as "not served", desks left open closed. Once
a day, the retention job (``citizens.retention``: personal data past its period) and, from 10:00,
the invitations to yesterday's satisfaction surveys (``feedback.services``); from 01:00, the
dashboard's roll-up of the last week's closed days (``insights.rollup``). Every
step is idempotent and takes its rows with ``SKIP LOCKED`` (or one location at a time) on
PostgreSQL, so several sweeps may run at once; one is enough. It lives in the queue app because
that app depends on appointments, not the other way round.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from loket.appointments.services import appointments_sweep
from loket.citizens.retention import retention_run_if_due
from loket.feedback.services import surveys_invite_if_due
from loket.insights.rollup import rollup_if_due
from loket.queueing.services import queues_close_day


class Command(BaseCommand):
    help = (
        "Send due reminders, record no-shows, pass on waiting-list offers that ran out, close the queues "
        "after closing time; loops unless --once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="do what is due now, then stop")
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between sweeps (default 60)")

    def handle(self, *args: object, once: bool, interval: float, **options: object) -> None:
        while True:
            done = appointments_sweep()
            closed = queues_close_day()
            if any(done.values()) or closed:
                self.stdout.write(
                    f"sweep: {done['reminders']} reminders, {done['no_shows']} no-shows, "
                    f"{done['offers_expired']} waiting-list offers passed on, "
                    f"{closed} tickets closed after closing time"
                )
            retained = retention_run_if_due()
            if retained and any(retained.values()):
                self.stdout.write("retention: " + ", ".join(f"{count} {kind}" for kind, count in retained.items()))
            surveyed = surveys_invite_if_due()
            if surveyed and any(surveyed.values()):
                self.stdout.write("surveys: " + ", ".join(f"{count} {kind}" for kind, count in surveyed.items()))
            rolled = rollup_if_due()
            if rolled:
                self.stdout.write(f"dashboard roll-up: {rolled.days} days, {rolled.months} whole months")
            if once:
                return
            time.sleep(interval)
            close_old_connections()  # a connection idle for a minute may have gone: take a fresh one
