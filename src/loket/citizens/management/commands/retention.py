"""``loket retention``: anonymise or delete the personal data past its retention period (daily).

``--dry-run`` counts what is due and changes nothing; ``--now`` runs as if it were that moment
(tests, and to see what a later run would do). See ``loket.citizens.retention``.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from loket.citizens.retention import retention_run


def _moment(value: str) -> datetime.datetime:
    moment = parse_datetime(value)
    if moment is None:
        try:
            moment = datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time())
        except ValueError as error:
            raise CommandError(f"--now: not a date or time: {value!r} (e.g. 2031-05-01 or 2031-05-01T03:00)") from error
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = "Anonymise or delete the personal data past its retention period (LOKET_RETENTION_DAYS); keeps the figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what is due, change nothing")
        parser.add_argument("--now", help="run as if it were this moment (ISO date or date-time, local time)")
        parser.add_argument("--batch-size", type=int, default=500, help="records per transaction (default 500)")

    def handle(self, *args: object, dry_run: bool, now: str | None, batch_size: int, **options: object) -> None:
        moment = _moment(now) if now else None
        counts = retention_run(now=moment, dry_run=dry_run, batch_size=max(1, batch_size))
        verb = "due" if dry_run else "done"
        summary = ", ".join(f"{kind} {count}" for kind, count in counts.items())
        self.stdout.write(f"retention ({verb}): {summary}")
