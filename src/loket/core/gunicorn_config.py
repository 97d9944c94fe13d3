"""gunicorn's configuration for ``loket serve`` (``gunicorn -c python:loket.core.gunicorn_config``).

- **Logs**: gunicorn's own lines (its error log and the access log) go through Django's
  ``LOGGING``, so with ``LOKET_LOG_FORMAT=json`` every line of the server is one JSON object; an
  access line carries the method, path, status, duration and the request id.
- **Metrics of several workers** (``PROMETHEUS_MULTIPROC_DIR``): each worker writes its counters
  to files in that directory and ``/metrics`` sums them. The directory is made and emptied when
  the server starts (the files of a previous run would be counted again), and a worker that
  exits is marked dead (what it counted stays in the sums).

This module is read by gunicorn's master process before any worker loads Django: it reads the
settings, but must never touch the database or set Django up.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings")


def _logconfig_dict() -> dict[str, Any]:
    from django.conf import settings

    return copy.deepcopy(settings.LOGGING)


logconfig_dict = _logconfig_dict()


def multiprocess_dir() -> Path | None:
    value = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    return Path(value) if value else None


def on_starting(server: Any) -> None:
    """Start the metrics of this server from zero: make the directory, remove old workers' files."""
    directory = multiprocess_dir()
    if directory is None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink(missing_ok=True)


def child_exit(server: Any, worker: Any) -> None:
    """A worker ended (restart, crash): its live gauges go, its counters stay in the sums."""
    if multiprocess_dir() is None:
        return
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
