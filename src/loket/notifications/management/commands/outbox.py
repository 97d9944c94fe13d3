"""``loket outbox``: deliver due outbox messages, in a loop (a service) or once (cron, tests).

Run one next to ``loket worker``. The worker delivers each new message within a second through
its task; this sweep delivers what no task will: messages whose task was lost and messages left
``sending`` by a worker that was killed (after their lease). Several sweeps may run at once: on
PostgreSQL each message is claimed by one of them.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from loket.notifications.services import outbox_deliver_due


class Command(BaseCommand):
    help = "Deliver due e-mails and SMS from the outbox (retries included); loops until stopped unless --once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="deliver what is due now, then stop")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between sweeps (default 30)")
        parser.add_argument("--limit", type=int, default=None, help="messages per sweep (LOKET_OUTBOX_BATCH)")

    def handle(self, *args: object, once: bool, interval: float, limit: int | None, **options: object) -> None:
        batch = limit or settings.LOKET_OUTBOX_BATCH
        while True:
            close_old_connections()
            report = outbox_deliver_due(limit=batch)
            if report.attempted:
                self.stdout.write(
                    f"outbox: {len(report.sent)} sent, {len(report.retrying)} to retry, {len(report.failed)} failed"
                )
            if once:
                return
            # A full batch means more may be due: go on at once.
            if report.attempted < batch:
                time.sleep(interval)
