"""What the fault tests share: Loket's own processes started for real, a throw-away PostgreSQL
cluster, an SMTP server on loopback that can hold a message while its sender is killed, and a
plain HTTP client that reports a dropped connection instead of raising.

Every process is started in a session (process group) of its own and stopped by that group's id,
in the fixtures' teardown, whatever happened in the test. Nothing here ever touches the shared
PostgreSQL server beyond the test database pytest-django made for this run.
"""

from __future__ import annotations

import asyncio
import glob
import http.client
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from tests.ops.support import free_port, wait_until  # noqa: F401 -- shared with the ops tests

ROOT = Path(__file__).resolve().parents[2]


def loket_env(*, database_url: str, var_dir: Path, secret_key: str, **extra: str) -> dict[str, str]:
    """The environment of a Loket process started by a test: its own database, var dir and settings.

    ``LOKET_TESTING`` stays set (plain static-files storage, no collectstatic needed), but
    ``LOKET_TEST_DATABASE_URL`` goes, so the process uses ``database_url`` and nothing else.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LOKET_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="loket.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        LOKET_TESTING="1",
        LOKET_DATABASE_URL=database_url,
        LOKET_VAR_DIR=str(var_dir),
        LOKET_SECRET_KEY=secret_key,
        LOKET_HTTPS="0",
        LOKET_SEARCH_MODEL="0",
        LOKET_STAFF_OTP_REQUIRED="0",
        LOKET_LOG_LEVEL="WARNING",
        # Every simulated citizen comes from 127.0.0.1: the per-client limits would refuse them.
        LOKET_BOOKING_RATE="100000/h",
        LOKET_API_ANON_RATE="100000/minute",
    )
    env.update(extra)
    return env


# --- Processes ---------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux ``/proc``)."""
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            text = Path(stat).read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.split("/")[2]))
    return sorted(found)


@dataclass
class LoketProcess:
    """One process of Loket (or of PostgreSQL's tools) started by a test, with its log in a file."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log_dir: Path
    popen: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def log_path(self) -> Path:
        return self.log_dir / f"{self.name}.log"

    @property
    def pid(self) -> int:
        assert self.popen is not None, f"{self.name} was not started"
        return self.popen.pid

    def start(self) -> LoketProcess:
        assert not self.running, f"{self.name} is running already"
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"\n--- start {self.starts}: {' '.join(self.argv)}\n".encode())
            log.flush()
            self.popen = subprocess.Popen(  # noqa: S603 - a fixed argv of this test's own programs
                self.argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """``kill -9`` of the process itself (not its group): as if it crashed."""
        os.kill(self.pid, signal.SIGKILL)
        assert self.popen is not None
        self.popen.wait(timeout=10)

    def stop(self) -> None:
        """Stop the whole process group, politely first; always safe to call."""
        if self.popen is None:
            return
        for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0)):
            try:
                os.killpg(self.popen.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.popen.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
            # The group may outlive its leader (gunicorn's workers): make sure it is gone.
            time.sleep(0.1)
        with suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Processes:
    """The processes of one test, all stopped at its end."""

    def __init__(self, log_dir: Path, env: dict[str, str]) -> None:
        self.log_dir = log_dir
        self.env = env
        self.started: list[LoketProcess] = []

    def command(self, name: str, *args: str) -> LoketProcess:
        """A Django management command of Loket (``worker``, ``outbox``, ``migrate``) as a process."""
        process = LoketProcess(name, [sys.executable, "-m", "django", *args], self.env, self.log_dir)
        self.started.append(process)
        return process

    def gunicorn(self, port: int, *, workers: int = 2) -> LoketProcess:
        """The application server exactly as ``loket serve`` runs it (gunicorn's sync workers)."""
        from loket.core.management.commands.serve import gunicorn_argv

        argv = [*gunicorn_argv(host="127.0.0.1", port=port, workers=workers), "--graceful-timeout", "5"]
        process = LoketProcess("gunicorn", argv, self.env, self.log_dir)
        self.started.append(process)
        return process

    def run(self, name: str, *args: str, timeout: float = 120) -> None:
        """Run a management command to its end (``migrate``); its output goes to the test's log."""
        process = self.command(name, *args).start()
        assert process.popen is not None
        try:
            code = process.popen.wait(timeout=timeout)
        finally:
            process.stop()
        assert code == 0, f"{name} failed ({code}):\n{process.log_tail()}"

    def stop_all(self) -> None:
        for process in reversed(self.started):
            process.stop()

    def logs(self) -> str:
        return "\n".join(f"=== {p.name}\n{p.log_tail(30)}" for p in self.started)


def gunicorn_workers(master: LoketProcess, count: int = 2) -> list[int]:
    """The worker processes of a gunicorn master, once all ``count`` of them are up."""

    def ready() -> list[int]:
        found = children(master.pid)
        return found if len(found) == count else []

    return wait_until(ready, timeout=30, what="gunicorn's workers")


def wait_for_http(port: int, *, timeout: float = 90, path: str = "/health/") -> None:
    """Until the server on ``port`` answers ``path`` with 200 (Django is imported, the database reachable)."""

    def ready() -> bool:
        try:
            return request("GET", port, path, timeout=5).status == 200
        except OSError:
            return False

    wait_until(ready, timeout=timeout, what=f"http://127.0.0.1:{port}{path}", interval=0.25)


# --- HTTP --------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def request(
    method: str,
    port: int,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Answer:
    """One request on a new connection; raises ``OSError`` (reset, refused, timeout) when no answer came."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    except http.client.HTTPException as error:  # e.g. RemoteDisconnected is both; BadStatusLine is not
        raise ConnectionError(f"{type(error).__name__}: {error}") from error
    finally:
        connection.close()


# --- SMTP --------------------------------------------------------------------------------------


class Inbox:
    """aiosmtpd handler: keeps every message it accepted; can hold one in DATA until released.

    A held message whose client goes away (its process killed) before the answer is not kept:
    the server never said 250, so it never took responsibility for it (RFC 5321, 4.1.1.4).
    """

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._hold = threading.Event()
        self.held = threading.Event()
        self.release = threading.Event()
        self.dropped = threading.Event()

    def hold_next(self) -> None:
        self._hold.set()

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        with self._lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self._hold.is_set():
            self._hold.clear()
            self.held.set()
            try:
                while not self.release.is_set():
                    await asyncio.sleep(0.02)
            except asyncio.CancelledError:  # aiosmtpd cancels the handler when the client disconnects
                self.dropped.set()
                raise
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self._lock:
            return [str(message["Message-ID"]) for message in self.messages]


class SmtpServer:
    """A real SMTP server on loopback; ``stop()`` and ``start()`` again on the same port."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


# --- A throw-away PostgreSQL cluster -----------------------------------------------------------


def postgres_bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: ``LOKET_TEST_PG_BINDIR``, Debian's layout, or the PATH."""
    if configured := os.environ.get("LOKET_TEST_PG_BINDIR"):
        return Path(configured)
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if debian:
        return Path(debian[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own in a temporary directory, on a free port, for one test.

    initdb refuses to run as root: as root the cluster belongs to the ``postgres`` user (run
    through ``runuser``), otherwise to whoever runs the tests. ``stop()`` and ``start()`` restart
    it on the same port and data; ``destroy()`` stops it and removes everything.
    """

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="loket-faults-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "postgres.log"
        self.owner: str | None = None
        if os.geteuid() == 0:
            self.owner = "postgres"
            entry = pwd.getpwnam(self.owner)
            os.chown(self.base, entry.pw_uid, entry.pw_gid)
        self.base.chmod(0o755)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def _run(self, *argv: str, timeout: float = 60) -> None:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S603
        assert result.returncode == 0, f"{argv[0]} failed: {result.stdout}\n{result.stderr}\n{self.log_tail()}"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.base} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    @property
    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def destroy(self) -> None:
        try:
            if self.running:
                self.stop("immediate")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


@contextmanager
def throwaway_postgres(bindir: Path) -> Iterator[ThrowawayPostgres]:
    cluster = ThrowawayPostgres(bindir)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()
