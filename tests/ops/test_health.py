"""Liveness and readiness: what the load balancer and the orchestrator ask each process."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from tests.ops.support import free_port, loket_env, run_python


def test_liveness_answers_without_the_database(client: Client) -> None:
    # No django_db mark: pytest-django makes any database access in this test an error.
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_is_ok_when_database_migrations_and_cache_are(client: Client) -> None:
    for path in ("/health/ready/", "/health/"):
        response = client.get(path)
        assert (path, response.status_code, response.json()) == (path, 200, {"status": "ok"})


@pytest.mark.django_db
def test_readiness_names_an_unapplied_migration(client: Client) -> None:
    latest = MigrationRecorder.Migration.objects.filter(app="core").order_by("-applied", "-id").first()
    assert latest is not None
    latest.delete()  # as if the code had a migration the database has not run yet

    response = client.get("/health/ready/")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": {"migrations": "1 unapplied"}}
    assert client.get("/health/").status_code == 503


@pytest.mark.django_db
def test_readiness_names_a_cache_that_does_not_answer(client: Client, settings: Any) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

    response = client.get("/health/ready/")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": {"cache": "ConnectionError"}}


def test_without_its_database_a_process_is_alive_but_not_ready() -> None:
    # A process of its own whose PostgreSQL does not answer (nothing listens on the port).
    env = loket_env(LOKET_DATABASE_URL=f"postgres://loket@127.0.0.1:{free_port()}/loket")
    code = (
        "import json\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='localhost')\n"
        "answers = {path: (r.status_code, r.json()) for path in ('/health/live/', '/health/ready/')"
        " for r in [client.get(path)]}\n"
        "print(json.dumps(answers))\n"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    assert answers["/health/live/"] == [200, {"status": "ok"}]
    status, body = answers["/health/ready/"]
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["failed"]["database"] == "OperationalError"


@pytest.mark.django_db
def test_probes_are_answered_over_plain_http_when_everything_else_is_redirected(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True  # production: every page moves to HTTPS
    assert client.get("/nl/").status_code == 301
    assert client.get("/health/ready/").status_code == 200
    assert client.get("/health/live/").status_code == 200
    settings.LOKET_METRICS_TOKEN = "a-metrics-token-of-at-least-32-characters"
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {settings.LOKET_METRICS_TOKEN}").status_code == 200
