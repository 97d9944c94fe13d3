"""``loket worker``: runs the background jobs queued through the tasks API.

Which worker depends on ``LOKET_TASKS_BACKEND``: ``database`` (default) runs django-tasks-db's
``db_worker``; ``rq`` runs an RQ worker (django-rq's ``rqworker``) on the configured queues, with
RQ's scheduler for tasks that must wait (``run_after``: the outbox's retries), in forked work
horses so a crashing job cannot take the worker with it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

RQ_BACKEND = "django_tasks_rq.RQBackend"


class Command(BaseCommand):
    help = "Run background jobs (e-mail, reminders, retention) from the job queue until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run the jobs waiting now, then stop")

    def handle(self, *args: object, batch: bool, **options: object) -> None:
        backend = settings.TASKS["default"]
        if backend["BACKEND"] == RQ_BACKEND:
            configured = backend.get("QUEUES")
            queues = [str(name) for name in configured] if isinstance(configured, list | tuple) else ["default"]
            call_command("rqworker", *queues, burst=batch, with_scheduler=True)
        else:
            call_command("db_worker", batch=batch)
