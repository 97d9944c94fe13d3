"""The capacity invariant on PostgreSQL: concurrent bookings and the exclusion constraint."""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from loket.appointments import services as booking_services
from loket.appointments.availability import Slot, SlotPart
from loket.appointments.models import AppointmentPart
from loket.appointments.services import SlotTaken, appointment_book
from loket.notifications.models import OutboxMessage
from tests.appointments.test_booking import book, make_office

CLIENTS = 50

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_last_slot_goes_to_exactly_one_of_fifty_clients() -> None:
    office = make_office(desks=2)
    book(office, office.at(10), email="first@example.be")  # one desk taken: one place left at 10:00
    start = threading.Barrier(CLIENTS)
    outcomes: list[str] = []
    unexpected: list[BaseException] = []

    def client(number: int) -> None:
        try:
            start.wait(timeout=20)
            appointment_book(
                actor="citizen",
                channel="online",
                services=[office.service.slug],
                location=office.location,
                start=office.at(10),
                name=f"Client {number}",
                email=f"client{number}@example.be",
                language="nl",
            )
            outcomes.append("booked")
        except SlotTaken as error:
            outcomes.append("slot_taken" if error.alternatives else "slot_taken_without_alternatives")
        except BaseException as error:  # surfaced below: anything else is a failure
            unexpected.append(error)
        finally:
            connection.close()  # each thread has its own connection

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - began
    print(f"{CLIENTS} concurrent bookings: {Counter(outcomes)} in {elapsed:.2f} s")
    assert unexpected == []
    assert Counter(outcomes) == {"booked": 1, "slot_taken": CLIENTS - 1}
    at_ten = AppointmentPart.objects.filter(active=True, start__lt=office.at(10, 15), busy_until__gt=office.at(10))
    assert at_ten.count() == 2  # the earlier booking and the one winner, one per desk
    assert at_ten.values("desk").distinct().count() == 2
    assert OutboxMessage.objects.count() == 2  # a confirmation for each booking, none for a refusal


@pytest.mark.django_db
def test_the_database_refuses_an_overlapping_part_on_the_same_desk() -> None:
    office = make_office()
    taken = book(office, office.at(10)).appointment
    desk = office.desks[0]
    with pytest.raises(IntegrityError, match="appointment_part_desk_no_overlap"), transaction.atomic():
        AppointmentPart.objects.create(
            appointment=taken, desk=desk, start=office.at(10, 10), end=office.at(10, 25), busy_until=office.at(10, 25)
        )
    # Touching is not overlapping ([start, busy_until) is half-open), and an inactive part holds nothing.
    AppointmentPart.objects.create(
        appointment=taken, desk=desk, start=office.at(10, 20), end=office.at(10, 35), busy_until=office.at(10, 35)
    )
    AppointmentPart.objects.create(
        appointment=taken,
        desk=desk,
        start=office.at(10),
        end=office.at(10, 15),
        busy_until=office.at(10, 15),
        active=False,
    )


@pytest.mark.django_db
def test_a_refusal_by_the_constraint_becomes_slot_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    office = make_office()
    book(office, office.at(10))
    stale = Slot(
        start=office.at(10),
        end=office.at(10, 15),
        location=office.location.slug,
        parts=(
            SlotPart(
                desk=office.desks[0].pk, services=(office.service.slug,), start=office.at(10), end=office.at(10, 15)
            ),
        ),
    )

    def stale_engine(**kwargs: Any) -> list[Slot]:  # as if the lock had been skipped
        return [stale]

    monkeypatch.setattr(booking_services, "availability_free_slots", stale_engine)
    with pytest.raises(SlotTaken):
        book(office, office.at(10), email="jan@example.be")
    assert AppointmentPart.objects.filter(active=True).count() == 1
    assert OutboxMessage.objects.count() == 1
