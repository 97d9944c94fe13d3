"""``loket sweep``: what happens by the clock, in a loop (a service) or once (cron, tests).

Reminders that are due, no-shows after the end plus grace, and waiting-list offers that ran out
(the place then goes to the next in line). Every step is idempotent and takes its rows with
``SKIP LOCKED`` on PostgreSQL, so several sweeps may run at once; one is enough.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from loket.appointments.services import appointments_sweep


class Command(BaseCommand):
    help = "Send due reminders, record no-shows, pass on waiting-list offers that ran out; loops unless --once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="do what is due now, then stop")
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between sweeps (default 60)")

    def handle(self, *args: object, once: bool, interval: float, **options: object) -> None:
        while True:
            done = appointments_sweep()
            if any(done.values()):
                self.stdout.write(
                    f"sweep: {done['reminders']} reminders, {done['no_shows']} no-shows, "
                    f"{done['offers_expired']} waiting-list offers passed on"
                )
            if once:
                return
            time.sleep(interval)
            close_old_connections()  # a connection idle for a minute may have gone: take a fresh one
