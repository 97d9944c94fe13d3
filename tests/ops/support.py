"""What the operations tests share: real processes of Loket, real second databases, real Redis.

Every database a test makes here is a new one on the test server, named ``loket_ops_<purpose>_<random>``,
and dropped at teardown. Redis is used only in its database ``REDIS_DB``, emptied before and after.
"""

from __future__ import annotations

import atexit
import functools
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import psycopg
from django.db import connections
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[2]
REDIS_HOST = "127.0.0.1"
REDIS_PORT = 6379
REDIS_DB = 13  # the operations tests' own Redis database
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(predicate: Callable[[], T], *, timeout: float, what: str, interval: float = 0.05) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def database_url(settings_dict: dict[str, Any], name: str | None = None) -> str:
    """A ``postgres://`` URL for a ``DATABASES`` entry (or another database ``name`` on its server)."""
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{name or settings_dict['NAME']}"


def _server_connection() -> psycopg.Connection[Any]:
    default = connections["default"].settings_dict
    return psycopg.connect(database_url(default, "postgres"), autocommit=True)


def create_database(purpose: str) -> str:
    name = f"loket_ops_{purpose}_{secrets.token_hex(4)}"
    with _server_connection() as server:
        server.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name: str) -> None:
    with _server_connection() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database_alias(alias: str, name: str) -> Iterator[str]:
    """Django's connections get ``alias`` for database ``name`` on the test server while the block runs.

    Configured at run time, as if ``DATABASES`` had named it from the start (same engine, server
    and options as ``default``); its connection is closed and the alias removed afterwards.
    """
    default = {key: value for key, value in connections["default"].settings_dict.items() if key != "TEST"}
    configured = connections.configure_settings({"default": dict(default), alias: {**default, "NAME": name}})
    connections.settings[alias] = configured[alias]
    try:
        yield alias
    finally:
        try:
            connections[alias].close()
        finally:
            del connections[alias]
            del connections.settings[alias]


def copy_schema(source: str, target: str) -> None:
    """Give database ``target`` the tables, indexes and constraints of ``source`` (no rows), as a standby has."""
    default = connections["default"].settings_dict
    dump = subprocess.run(
        ["pg_dump", "--schema-only", "--no-owner", f"--dbname={database_url(default, source)}"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    subprocess.run(
        ["psql", "--quiet", "--set=ON_ERROR_STOP=1", f"--dbname={database_url(default, target)}"],
        input=dump.stdout,
        check=True,
        capture_output=True,
        timeout=60,
    )


@functools.cache
def _scratch_var_dir() -> str:
    """A ``var`` directory for the processes these tests start (never the working copy's ``var/``)."""
    path = tempfile.mkdtemp(prefix="loket-ops-var-")
    atexit.register(shutil.rmtree, path, True)
    return path


def loket_env(**extra: str) -> dict[str, str]:
    """The environment of a Loket process started by a test: no LOKET_ or DJANGO_ variable of ours leaks in.

    ``LOKET_TESTING`` stays (plain static files: no collectstatic), ``LOKET_TEST_DATABASE_URL`` goes,
    so the process uses ``LOKET_DATABASE_URL`` from ``extra``. Its ``var`` directory and secret key
    are the tests' own.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LOKET_", "DJANGO_", "PROMETHEUS_")) and key != "PYTEST_CURRENT_TEST"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="loket.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        LOKET_TESTING="1",
        LOKET_HTTPS="0",
        LOKET_SEARCH_MODEL="0",
        LOKET_VAR_DIR=_scratch_var_dir(),
        LOKET_SECRET_KEY="operations-tests-" + "k" * 50,
    )
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter with Django set up first."""
    prelude = "import django; django.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of sample ``name`` whose labels include ``labels``, in Prometheus' text format; None if absent."""
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and all(found.labels.get(key) == value for key, value in labels.items()):
                return float(found.value)
    return None
