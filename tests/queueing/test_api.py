"""The queue's REST API: waiting times for anyone, tickets given by staff only, a ticket's state by its key."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from loket.queueing.models import Ticket
from loket.queueing.services import ticket_call_next, ticket_issue
from tests.factories import LocationFactory, UserFactory, staff_member
from tests.queueing.helpers import make_hall

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_queues_of_a_location_with_their_waiting_times() -> None:
    hall = make_hall()
    hall.open_desk(0, [hall.pickup, hall.bags], now=timezone.now())
    for _ in range(3):
        ticket_issue(actor=hall.receptionist, queue=hall.quick, service=hall.pickup)
    response = APIClient().get(f"/api/v1/locations/{hall.location.slug}/queues/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    quick = next(row for row in response.json() if row["slug"] == "quick")
    assert (quick["name"], quick["prefix"], quick["waiting"], quick["open_desks"]) == ("Snelloket", "S", 3, 1)
    assert quick["estimate_minutes"] == 11  # 3 people x 3.5 minutes (its services' usual 4 and 3), 1 desk
    theme = next(row for row in response.json() if row["slug"] == "civil")
    assert theme["estimate_minutes"] is None  # no desk serves civil status: no estimate rather than a wrong one
    assert APIClient().get("/api/v1/locations/nowhere/queues/").status_code == 404


def test_only_staff_of_the_organisation_give_tickets_and_bad_input_changes_nothing() -> None:
    hall = make_hall()
    url = f"/api/v1/locations/{hall.location.slug}/tickets/"
    body = {"queue": "quick", "service": hall.pickup.slug, "language": "fr"}
    anonymous = APIClient().post(url, body, format="json")
    assert anonymous.status_code == 403 and anonymous.json()["code"] == "permission_denied"
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory()).key}")
    assert stranger.post(url, body, format="json").status_code == 403
    other = staff_member(LocationFactory().organisation, "reception")
    outsider = APIClient()
    outsider.force_authenticate(other)
    assert outsider.post(url, body, format="json").status_code == 403
    staff = APIClient()
    staff.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=hall.receptionist).key}")
    wrong_queue = staff.post(url, {**body, "queue": "nope"}, format="json")
    assert (wrong_queue.status_code, wrong_queue.json()["field"]) == (400, "queue")
    wrong_service = staff.post(url, {**body, "queue": "civil"}, format="json")
    assert (wrong_service.status_code, wrong_service.json()["field"]) == (400, "service")
    assert not Ticket.objects.exists()
    given = staff.post(url, {**body, "assisted": True}, format="json")
    assert given.status_code == 201
    data = given.json()
    ticket = Ticket.objects.get()
    assert (data["code"], data["status"], data["ahead"]) == ("S001", "waiting", 0)
    assert (ticket.language, ticket.assisted) == ("fr", True)
    assert data["page_url"].endswith(f"/fr/ticket/{ticket.public_key}/")


def test_a_ticket_is_followed_by_its_key_and_says_when_it_is_called() -> None:
    hall = make_hall()
    ticket = ticket_issue(actor=hall.receptionist, queue=hall.quick, service=hall.pickup)
    client = APIClient()
    assert client.get(f"/api/v1/tickets/{ticket.public_key}/").json()["your_turn"] is False
    assert client.get("/api/v1/tickets/not-a-key/").status_code == 404
    session = hall.open_desk(0, [hall.pickup], now=timezone.now())
    ticket_call_next(actor=hall.clerks[0], session=session)
    called = client.get(f"/api/v1/tickets/{ticket.public_key}/").json()
    assert (called["your_turn"], called["desk"], called["ahead"]) == (True, "Loket 1", None)
