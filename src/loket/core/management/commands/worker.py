"""``loket worker``: runs the background jobs queued through the tasks API."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run background jobs (e-mail, reminders, retention) from the job queue until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run the jobs waiting now, then stop")

    def handle(self, *args: object, batch: bool, **options: object) -> None:
        call_command("db_worker", batch=batch)
