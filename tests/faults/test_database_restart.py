"""PostgreSQL restarted under traffic: Loket answers 503 with ``Retry-After`` while it is gone, and
carries on by itself once it is back, without a restart of its own processes.

Against a throw-away PostgreSQL cluster this test starts in a temporary directory on a free port
(never the shared server the rest of the suite runs on), migrated by ``loket migrate``, served
by gunicorn with two sync workers as ``loket serve`` runs it. Four threads ask for an API list
and an HTML page (with and without a session cookie) without pause; meanwhile the cluster is
stopped (``pg_ctl stop -m fast``: open connections are cut), left down for a few seconds, and
started again.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from tests.faults.support import (
    Answer,
    Processes,
    children,
    free_port,
    gunicorn_workers,
    loket_env,
    request,
    throwaway_postgres,
    wait_for_http,
    wait_until,
)

pytestmark = pytest.mark.postgres

API = "/api/v1/services/"
PAGE = "/nl/"
# A session cookie makes the middleware read the session (for the user) before any view runs: the
# database error then comes from a middleware, not a view (see loket.core.unavailable).
SIGNED_IN = "/nl/ (with a session)"
KINDS = {API: (API, {}), PAGE: (PAGE, {}), SIGNED_IN: (PAGE, {"Cookie": "sessionid=" + "s" * 32})}
CLIENTS = 4
OUTAGE_SECONDS = 4.0
RECOVERY_TIMEOUT = 30.0
MAX_REQUESTS = 5_000  # a bound on the loop, far above what the test needs


class Traffic:
    """Threads asking for the API list and the page in turn, each answer (or dropped connection) kept."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.answers: list[tuple[str, Answer]] = []
        self.dropped: list[tuple[str, str, float]] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(CLIENTS)]

    def _client(self, number: int) -> None:
        kinds = list(KINDS)
        sent = 0
        while not self._stop.is_set() and sent < MAX_REQUESTS // CLIENTS:
            kind = kinds[(number + sent) % len(kinds)]
            path, headers = KINDS[kind]
            sent += 1
            try:
                answer = request("GET", self.port, path, timeout=20, headers={"Accept-Language": "nl", **headers})
            except OSError as error:
                with self._lock:
                    self.dropped.append((kind, f"{type(error).__name__}: {error}", time.monotonic()))
                continue
            with self._lock:
                self.answers.append((kind, answer))
            time.sleep(0.02)

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def since(self, moment: float) -> list[tuple[str, Answer]]:
        with self._lock:
            return [(kind, answer) for kind, answer in self.answers if answer.at >= moment]

    def ok_in_a_row(self, count: int) -> Callable[[], bool]:
        def check() -> bool:
            with self._lock:
                last = self.answers[-count:]
            return len(last) == count and all(answer.status == 200 for _kind, answer in last)

        return check


def test_a_database_restart_answers_503_with_retry_after_and_loket_recovers_by_itself(
    launch: Callable[[dict[str, str]], Processes], pg_bindir: Path, tmp_path: Path
) -> None:
    with throwaway_postgres(pg_bindir) as cluster:
        with psycopg.connect(f"{cluster.url}/postgres", autocommit=True) as admin:
            admin.execute("CREATE DATABASE loket")
        env = loket_env(database_url=f"{cluster.url}/loket", var_dir=tmp_path / "var", secret_key="faults-" + "x" * 50)
        processes = launch(env)
        processes.run("migrate", "migrate", "--no-input", "-v", "0")
        processes.run("createcachetable", "createcachetable")
        port = free_port()
        server = processes.gunicorn(port).start()
        try:
            wait_for_http(port)
            workers = gunicorn_workers(server)
            traffic = Traffic(port)
            traffic.start()
            try:
                wait_until(traffic.ok_in_a_row(10), timeout=30, what="traffic answered before the restart")
                down_at = time.monotonic()
                cluster.stop("fast")
                time.sleep(OUTAGE_SECONDS)
                cluster.start()
                up_at = time.monotonic()
                wait_until(traffic.ok_in_a_row(20), timeout=RECOVERY_TIMEOUT, what="Loket to answer 200 again")
                recovered_at = time.monotonic()
            finally:
                traffic.stop()
            still_the_same_processes = children(server.pid)
        except BaseException:
            print(processes.logs())
            raise

    during = [answer for _kind, answer in traffic.since(down_at) if answer.at < up_at]
    statuses = sorted({answer.status for _path, answer in traffic.answers})
    print(
        f"{len(traffic.answers)} answers {statuses}; {len(during)} during the {OUTAGE_SECONDS:.0f} s outage; "
        f"200 again {recovered_at - up_at:.1f} s after the restart"
    )
    assert traffic.dropped == [], "every request gets an answer, none is dropped"
    assert statuses == [200, 503], "only 200 and 503: no 500 while the database is gone"
    unavailable = [(kind, answer) for kind, answer in traffic.answers if answer.status == 503]
    assert {kind for kind, _answer in unavailable} == set(KINDS)
    assert all(down_at <= answer.at <= recovered_at for _kind, answer in unavailable)
    for kind, answer in unavailable:
        assert int(answer.headers["retry-after"]) > 0
        assert "no-store" in answer.headers.get("cache-control", "")
        if kind == API:
            assert answer.content_type.startswith("application/json")
            body = json.loads(answer.body)
            assert body["code"] == "unavailable"
            assert body["field"] is None
            assert "opnieuw" in body["message"]  # in the request's language
        else:
            assert answer.content_type.startswith("text/html")
            page = answer.body.decode()
            assert '<html lang="nl">' in page
            assert "Even niet bereikbaar" in page and "Momentanément indisponible" in page
            assert "Traceback" not in page
    assert still_the_same_processes == workers, "no worker died or was restarted: Loket recovered by itself"
    log = (tmp_path / "gunicorn.log").read_text(errors="replace")
    assert "Database unavailable during GET /api/v1/services/: answered 503" in log, "logged, not swallowed"
    assert "answered 503 instead of 500" in log  # the session read by a middleware took the other path
