"""Backups that restore: ``pg_dump --format=custom`` of a working Loket, ``pg_restore`` into a fresh database,
and the same appointments and audit trail there (the commands of docs/operations.md, "Backups and restore")."""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connections, transaction
from django.utils import timezone

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import BookingChannel, CapacitySession
from loket.appointments.services import appointment_book, appointment_cancel, appointment_reschedule
from loket.core.models import AuditEntry
from loket.organisations.models import Role
from tests.factories import DeskFactory, LocationFactory, ServiceFactory, staff_member
from tests.ops.support import create_database, database_url, drop_database

PEOPLE = [
    ("An Peeters", "an.peeters@example.be", "nl"),
    ("Benoît Dubois", "benoit.dubois@example.be", "fr"),
    ("Chloë Janssens", "chloe.janssens@example.be", "nl"),
    ("David Smith", "david.smith@example.com", "en"),
    ("Eva Maes", "eva.maes@example.be", "nl"),
]


def a_morning_of_bookings() -> None:
    """A town hall's counter next week, booked by citizens and worked on by its reception, through the services."""
    location = LocationFactory(closed_on_public_holidays=False)
    service = ServiceFactory(organisation=location.organisation, duration_minutes=15)
    desks = [DeskFactory(location=location) for _ in range(2)]
    for weekday in range(7):
        session = CapacitySession.objects.create(
            location=location, weekday=weekday, starts=datetime.time(9), ends=datetime.time(12)
        )
        session.desks.set(desks)
        session.services.set([service])
    day = timezone.now().astimezone(TIMEZONE).date() + datetime.timedelta(days=7)
    receptionist = staff_member(location.organisation, Role.RECEPTION)
    booked = []
    for minutes, (name, email, language) in zip(range(0, 75, 15), PEOPLE, strict=True):
        start = datetime.datetime.combine(day, datetime.time(9), tzinfo=TIMEZONE) + datetime.timedelta(minutes=minutes)
        with transaction.atomic():
            booked.append(
                appointment_book(
                    actor="citizen",
                    channel=BookingChannel.ONLINE,
                    services=[service.slug],
                    location=location,
                    start=start,
                    name=name,
                    email=email,
                    language=language,
                ).appointment
            )
    with transaction.atomic():
        appointment_cancel(actor=receptionist, appointment=booked[1])
    with transaction.atomic():
        later = datetime.datetime.combine(day, datetime.time(11), tzinfo=TIMEZONE)
        appointment_reschedule(actor=receptionist, appointment=booked[2], start=later)


def rows(database: str, sql: str) -> list[tuple[Any, ...]]:
    """The answer of ``sql`` in ``database`` on the test server, read by a connection of its own."""
    with psycopg.connect(database_url(connections["default"].settings_dict, database)) as connection:
        return connection.execute(sql).fetchall()


# The tables by name, as an operator checks a restore with psql.
APPOINTMENTS = (
    "SELECT reference, name, email, status, start, sequence, manage_nonce FROM appointments_appointment"
    " ORDER BY reference"
)
AUDIT_TRAIL = (
    "SELECT id, at, actor_label, action, object_type, object_id, changes, source FROM core_auditentry ORDER BY id"
)
OUTBOX = "SELECT idempotency_key, recipient, subject, body_text, status FROM notifications_outboxmessage ORDER BY id"
MIGRATIONS = "SELECT app, name FROM django_migrations ORDER BY app, name"


@pytest.fixture
def restore_target() -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    name = create_database("restore")
    try:
        yield name
    finally:
        drop_database(name)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # committed, so that pg_dump (another session) sees it
def test_a_dump_restored_into_a_fresh_database_has_the_same_appointments_and_audit_trail(
    tmp_path: Path, restore_target: str
) -> None:
    a_morning_of_bookings()
    default = connections["default"].settings_dict
    dump = tmp_path / "loket.dump"

    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={database_url(default)}"],
        check=True,
        timeout=120,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={database_url(default, restore_target)}", str(dump)],
        check=True,
        timeout=120,
    )

    source = default["NAME"]
    appointments = rows(restore_target, APPOINTMENTS)
    assert len(appointments) == 5
    assert appointments == rows(source, APPOINTMENTS)
    trail = rows(restore_target, AUDIT_TRAIL)
    actions = [row[3] for row in trail]
    assert actions.count("appointments.appointment_book") == 5
    assert {"appointments.appointment_cancel", "appointments.appointment_reschedule"} <= set(actions)
    assert trail == rows(source, AUDIT_TRAIL)
    assert rows(restore_target, OUTBOX) == rows(source, OUTBOX)
    # Every migration the code has is recorded as applied there: Loket runs on it as it is.
    assert rows(restore_target, MIGRATIONS) == rows(source, MIGRATIONS)
    assert AuditEntry.objects.count() == len(trail)  # the ORM reads the same rows it wrote
