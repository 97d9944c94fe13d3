"""``loket rollup``: recompute the dashboard's daily roll-up for a range of closed days.

The sweep keeps the last week up to date by itself (``insights.rollup.rollup_if_due``); this is
for the first time on a deployment with history, or after events of older days were corrected.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Min

from loket.insights.rollup import rollup_days
from loket.queueing.models import Ticket


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Recompute the dashboard's roll-up for the closed days from --since (default: the first ticket) to --until."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", type=_date, help="first day (default: the day of the first ticket)")
        parser.add_argument("--until", type=_date, help="day after the last (default: today, which is left out)")

    def handle(
        self, *args: object, since: datetime.date | None, until: datetime.date | None, **options: object
    ) -> None:
        if since is None:
            since = Ticket.objects.aggregate(first=Min("day"))["first"]
            if since is None:
                self.stdout.write("rollup: no tickets yet, nothing to roll up")
                return
        until = until or datetime.date.max
        if until <= since:
            raise CommandError("--until must be after --since.")
        run = rollup_days(start=since, end=until, progress=int(str(options.get("verbosity", 1))) > 1)
        self.stdout.write(f"rollup: {run.days} days, {run.months} whole months, {run.rows} rows")
