"""The demo's walk-in queue: queues for real services, a morning under way, screens that look alive (issue 4)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import timezone

from loket.catalog.models import Service
from loket.demo import demo_screens, load_demo
from loket.demo.catalogue import SERVICES
from loket.demo.queues import QUEUES
from loket.queueing.display_selectors import screen_calls
from loket.queueing.models import CounterSession, CounterStatus, Queue, Ticket, TicketStatus
from loket.queueing.selectors import queue_states
from loket.queueing.services import ticket_call_next, ticket_issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing() -> Iterator[None]:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def test_every_queue_serves_services_of_the_catalogue() -> None:
    slugs = {service.slug for service in SERVICES}
    for queue in QUEUES:
        assert set(queue.services) <= slugs, queue.slug


def test_the_demo_hall_is_open_with_a_line_waiting_a_citizen_called_and_a_morning_served() -> None:
    assert load_demo() is True
    hall = Queue.objects.get(location__slug="huis-van-de-mechelaar", slug="snelloket").location
    assert Ticket.objects.filter(queue__location=hall, status=TicketStatus.WAITING).count() >= 5
    assert Ticket.objects.filter(queue__location=hall, status=TicketStatus.CALLED).count() == 1
    assert Ticket.objects.filter(queue__location=hall, status=TicketStatus.DONE).exists()
    assert CounterSession.objects.filter(desk__location=hall, status=CounterStatus.OPEN).count() == 2
    quick = next(state for state in queue_states(location=hall) if state.queue.slug == "snelloket")
    assert quick.open_desks == 1 and quick.estimate_minutes is not None
    [(slug, key), *_others] = demo_screens()
    assert slug == "huis-van-de-mechelaar"
    screen = hall.display_screens.get(public_key=key)
    assert screen_calls(screen=screen)[0].code.startswith(("S", "O"))
    # A citizen can take a ticket at the kiosk now, whatever the hour, and a desk can call.
    queue = Queue.objects.get(location=hall, slug="snelloket")
    ticket = ticket_issue(actor="kiosk", queue=queue, service=Service.objects.get(slug="waste-bags"))
    assert ticket.status == TicketStatus.WAITING
    session = CounterSession.objects.get(desk__location=hall, desk__name="Snelloket 1")
    assert ticket_call_next(actor=session.clerk, session=session, now=timezone.now()) is not None


def test_theme_counters_take_appointments_only() -> None:
    assert load_demo() is True
    assert not Queue.objects.filter(slug="bevolking").get().walk_in
    assert Queue.objects.get(location__slug="huis-van-de-mechelaar", slug="snelloket").walk_in
