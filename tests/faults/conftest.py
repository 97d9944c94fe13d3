"""Fixtures of the fault tests: processes that are always stopped, the SMTP server, PostgreSQL's tools."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.faults.support import Processes, SmtpServer, postgres_bindir


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Processes]]:
    """Make a ``Processes`` for an environment; every process it started is stopped at teardown."""
    made: list[Processes] = []

    def make(env: dict[str, str]) -> Processes:
        processes = Processes(tmp_path, env)
        made.append(processes)
        return processes

    yield make
    for processes in made:
        processes.stop_all()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pg_bindir() -> Path:
    found = postgres_bindir()
    if found is None or not (found / "pg_ctl").exists():
        message = "PostgreSQL's server binaries (initdb, pg_ctl) not found: set LOKET_TEST_PG_BINDIR"
        if os.environ.get("LOKET_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found
