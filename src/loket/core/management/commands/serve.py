"""``loket serve``: the application server (gunicorn), static files by WhiteNoise.

gunicorn reads ``loket.core.gunicorn_config``: its logs go through Django's ``LOGGING`` (JSON with
``LOKET_LOG_FORMAT=json``) and, with ``PROMETHEUS_MULTIPROC_DIR``, the workers' metrics are summed.
"""

from __future__ import annotations

import logging
import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

logger = logging.getLogger(__name__)


def gunicorn_argv(*, host: str, port: int, workers: int) -> list[str]:
    """The command line ``loket serve`` runs (also what the operations tests start)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "loket.wsgi:application",
        "--config",
        "python:loket.core.gunicorn_config",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "60",
    ]


class Command(BaseCommand):
    help = "Serve Loket with gunicorn (several worker processes; no state is kept in them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")

    def handle(self, *args: object, host: str, port: int, workers: int, **options: object) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = gunicorn_argv(host=host, port=port, workers=workers)
        if settings.LOKET_LOG_FORMAT == "json":
            logger.info("serving Loket on http://%s:%s/ with %s workers", host, port, workers)  # a JSON line too
        else:
            self.stdout.write(f"Serving Loket on http://{host}:{port}/ (Ctrl+C stops it)")
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn, fixed argv
