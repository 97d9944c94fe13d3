"""Loket as ``loket serve`` runs it: gunicorn with two workers, metrics summed over the workers, JSON logs.

The server is started with the command line of ``loket serve`` (``serve.gunicorn_argv``; only its
``collectstatic`` is left out: JSON answers need no static files) on this run's test database.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connections, transaction
from django.utils import timezone

from loket.core.management.commands.serve import gunicorn_argv
from loket.notifications.models import Channel, OutboxMessage
from loket.notifications.services import message_enqueue
from tests.ops.support import database_url, free_port, loket_env, sample, wait_until

TOKEN = "a-metrics-token-of-at-least-32-characters"

pytestmark = pytest.mark.postgres


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    metrics_dir: Path

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback, our server
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def scrape(self) -> str:
        status, _, body = self.get("/metrics", Authorization=f"Bearer {TOKEN}")
        assert status == 200, body
        return body.decode()

    def workers(self) -> set[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


@pytest.fixture(scope="module")
def server(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("serve")
    metrics_dir = home / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_999999.db").write_bytes(b"left over by a previous run")
    port = free_port()
    env = loket_env(
        LOKET_DATABASE_URL=database_url(connections["default"].settings_dict),
        LOKET_VAR_DIR=str(home),
        LOKET_LOG_FORMAT="json",
        LOKET_METRICS_TOKEN=TOKEN,
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
    )
    log = home / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our interpreter, the fixed command line of loket serve
            gunicorn_argv(host="127.0.0.1", port=port, workers=2),
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started = Server(process=process, port=port, log=log, metrics_dir=metrics_dir)
    try:
        wait_until(lambda: len(started.workers()) == 2, timeout=30, what="two gunicorn workers")
        wait_until(lambda: _answers(started), timeout=30, what="the server to answer")
        yield started
    finally:
        os.killpg(process.pid, signal.SIGINT)  # the server's own process group: gunicorn, quick shutdown
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _answers(server: Server) -> bool:
    try:
        return server.get("/metrics", Authorization=f"Bearer {TOKEN}")[0] == 200
    except OSError:
        return False


def _restart(server: Server, pid: int) -> None:
    os.kill(pid, signal.SIGTERM)  # one of the server's workers: gunicorn starts a new one
    wait_until(lambda: pid not in server.workers() and len(server.workers()) == 2, timeout=30, what="a new worker")
    wait_until(lambda: _answers(server), timeout=30, what="the server to answer again")


def test_request_counts_of_every_worker_add_up_even_after_the_workers_were_restarted(server: Server) -> None:
    assert not (server.metrics_dir / "counter_999999.db").exists()  # a previous run's counts are not added
    for _ in range(6):
        assert server.get("/health/live/")[0] == 200
    for pid in sorted(server.workers()):  # every worker that served those requests is gone afterwards
        _restart(server, pid)

    text = server.scrape()

    assert sample(text, "django_http_requests_total_by_view_transport_method_total", view="health-live") == 6
    assert (sample(text, "django_db_execute_total", alias="default") or 0) > 0


@pytest.mark.django_db(transaction=True)  # committed: the server's workers read it
def test_every_worker_answers_the_same_gauges_from_the_database(server: Server) -> None:
    with transaction.atomic():
        for key in ("ops:gunicorn:1", "ops:gunicorn:2", "ops:gunicorn:3"):
            message_enqueue(
                channel=Channel.SMS, recipient="+32470123456", language="nl", body_text="Tot zo.", idempotency_key=key
            )
    assert OutboxMessage.objects.filter(next_attempt_at__lte=timezone.now()).count() == 3

    answers = [sample(server.scrape(), "loket_outbox_due_messages", channel="sms") for _ in range(8)]

    assert answers == [3] * 8


def test_every_line_the_server_writes_is_one_json_object_and_requests_carry_their_id(server: Server) -> None:
    status, headers, _ = server.get("/health/ready/", **{"X-Request-ID": "lb-probe-42"})
    assert (status, headers["X-Request-ID"]) == (200, "lb-probe-42")

    def access_line() -> dict[str, Any] | None:
        lines = [json.loads(line) for line in server.log.read_text().splitlines() if line.strip()]
        return next((line for line in lines if line.get("request_id") == "lb-probe-42"), None)

    line = wait_until(access_line, timeout=10, what="the access line of the request")
    assert (line["logger"], line["method"], line["path"], line["status"]) == (
        "gunicorn.access",
        "GET",
        "/health/ready/",
        200,
    )
    *complete, _unfinished = server.log.read_text().split("\n")  # a worker may be writing a line right now
    parsed = [json.loads(text) for text in complete if text.strip()]  # every line is one JSON object
    for fields in parsed:
        assert {"time", "level", "logger", "message", "request_id"} <= fields.keys(), fields
    assert any(fields["logger"] == "gunicorn.error" for fields in parsed)  # gunicorn's own lines too
