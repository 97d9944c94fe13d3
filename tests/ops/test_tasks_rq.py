"""Background jobs on a broker by configuration: ``LOKET_TASKS_BACKEND=rq`` puts them in Redis for RQ's workers."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import django_rq
import pytest
import redis
from django.conf import settings as this_process
from django.db import connections, transaction
from django.utils import timezone
from rq.worker import SimpleWorker

from loket.core.metrics import task_gauges
from loket.notifications.models import Channel, MessageStatus, OutboxMessage
from loket.notifications.services import message_enqueue
from tests.notifications.conftest import SmtpServer
from tests.ops.support import REDIS_URL, ROOT, database_url, loket_env, run_python

SETTINGS_OF_A_PROCESS = """
import json
from django.conf import settings
from django.core.management import call_command
if settings.LOKET_TASKS_BACKEND == "rq":
    call_command("check")  # django-tasks-rq's own checks: django_rq installed, every queue configured
print(json.dumps({"TASKS": settings.TASKS, "RQ_QUEUES": settings.RQ_QUEUES, "RQ": settings.RQ,
                  "django_rq": "django_rq" in settings.INSTALLED_APPS}))
"""


def process_settings(**env: str) -> dict[str, Any]:
    result = run_python(SETTINGS_OF_A_PROCESS, loket_env(**env))
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def rq_process_settings() -> dict[str, Any]:
    """The settings of a new process started with LOKET_TASKS_BACKEND=rq (made once for this module)."""
    return process_settings(LOKET_TASKS_BACKEND="rq", LOKET_REDIS_URL=REDIS_URL)


@pytest.fixture
def rq_settings(settings: Any, redis_db: redis.Redis, rq_process_settings: dict[str, Any]) -> None:
    """This process switched to the tasks configuration that LOKET_TASKS_BACKEND=rq gives a new process."""
    settings.TASKS = rq_process_settings["TASKS"]
    settings.RQ_QUEUES = rq_process_settings["RQ_QUEUES"]
    settings.RQ = rq_process_settings["RQ"]


def test_the_database_backend_is_the_default() -> None:
    # This test process runs without LOKET_TASKS_BACKEND, as a default deployment does.
    assert this_process.TASKS == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert "django_rq" not in this_process.INSTALLED_APPS


def test_rq_on_the_configured_redis_is_chosen_by_configuration(rq_process_settings: dict[str, Any]) -> None:
    assert rq_process_settings["TASKS"] == {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    assert rq_process_settings["RQ_QUEUES"]["default"]["URL"] == REDIS_URL
    assert rq_process_settings["RQ"] == {"JOB_CLASS": "django_tasks_rq.Job"}
    assert rq_process_settings["django_rq"] is True


def test_an_unknown_tasks_backend_is_refused_at_start() -> None:
    result = run_python("", loket_env(LOKET_TASKS_BACKEND="celery"))
    assert result.returncode != 0
    assert "LOKET_TASKS_BACKEND must be 'database' or 'rq'" in result.stderr


@pytest.mark.django_db
def test_an_outbox_email_goes_through_redis_and_an_rq_worker_to_the_mail_server(
    rq_settings: None, redis_db: redis.Redis, smtp_server: SmtpServer, django_capture_on_commit_callbacks: Any
) -> None:
    # A booking's transaction: the delivery task is queued when it commits (the on-commit hooks run
    # when this block ends, as at a real commit; the test's own transaction stays open around it).
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = message_enqueue(
            channel=Channel.EMAIL,
            recipient="an.peeters@example.be",
            language="nl",
            subject="Uw afspraak op maandag",
            body_text="Tot maandag in het stadhuis.",
            idempotency_key="ops:rq:confirmation",
        )
        assert django_rq.get_queue("default").count == 0  # nothing before the commit

    queue = django_rq.get_queue("default")
    assert queue.count == 1
    assert redis_db.exists(f"rq:job:{queue.job_ids[0]}")  # in Redis, in the operations tests' database
    waiting = {family.name: family.samples for family in task_gauges(timezone.now())}
    assert waiting["loket_tasks_waiting"][0].value == 1
    assert smtp_server.messages == []

    worker = django_rq.get_worker("default", worker_class=SimpleWorker)
    assert worker.work(burst=True) is True  # burst: run what is queued, then stop

    assert [mail["Subject"] for mail in smtp_server.messages] == ["Uw afspraak op maandag"]
    assert smtp_server.messages[0]["To"] == "an.peeters@example.be"
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert queue.count == 0
    assert OutboxMessage.objects.filter(status=MessageStatus.PENDING).count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # committed: the worker is another process
def test_loket_worker_on_rq_delivers_in_processes_of_its_own(
    rq_settings: None, redis_db: redis.Redis, smtp_server: SmtpServer
) -> None:
    with transaction.atomic():
        message = message_enqueue(
            channel=Channel.EMAIL,
            recipient="benoit.dubois@example.be",
            language="fr",
            subject="Votre rendez-vous",
            body_text="À lundi.",
            idempotency_key="ops:rq:worker-process",
        )
    assert django_rq.get_queue("default").count == 1
    env = loket_env(
        LOKET_DATABASE_URL=database_url(connections["default"].settings_dict),
        LOKET_TASKS_BACKEND="rq",
        LOKET_REDIS_URL=REDIS_URL,
        LOKET_EMAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}",
    )

    result = subprocess.run(  # noqa: S603 - our interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), "worker", "--batch"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert [mail["Subject"] for mail in smtp_server.messages] == ["Votre rendez-vous"]
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert django_rq.get_queue("default").count == 0
