"""The hall's kiosk, the citizen's ticket page and the kiosk check-in, through Django's test client.

The pages read ``timezone.now()``; ``clock`` sets it (the hall of ``helpers.make_hall`` is open
Monday to Saturday 8:00-17:00).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from loket.appointments.models import AppointmentStatus
from loket.appointments.services import appointment_book
from loket.queueing.kiosk_selectors import ticket_view
from loket.queueing.models import ClosedReason, Queue, QueueKind, Ticket, TicketSource, TicketStatus
from loket.queueing.services import ticket_call_next, ticket_finish, ticket_issue
from tests.appointments.test_booking import book, make_office
from tests.factories import LocationFactory
from tests.queueing.helpers import Hall, at, make_hall

pytestmark = pytest.mark.django_db


class Clock:
    """``timezone.now()`` for the code under test: a fixed moment, or the real time while unset."""

    def __init__(self, real: Callable[[], datetime.datetime]) -> None:
        self.real = real
        self.moment: datetime.datetime | None = None

    def now(self) -> datetime.datetime:
        return self.moment or self.real()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock(timezone.now)
    clock.moment = at(9)
    monkeypatch.setattr(timezone, "now", clock.now)
    return clock


@pytest.fixture
def hall(clock: Clock) -> Hall:
    return make_hall()


def url(name: str, lang: str = "en", **kwargs: object) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def kiosk_url(hall: Hall, lang: str = "en") -> str:
    return url("queue-kiosk", lang, location_slug=hall.location.slug)


def take_url(hall: Hall, lang: str = "en") -> str:
    return url("queue-kiosk-take", lang, location_slug=hall.location.slug)


def choice(queue: Queue, service: object | None) -> str:
    return f"{queue.pk}:{getattr(service, 'pk', '')}"


def text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


# --- The kiosk's start page --------------------------------------------------------------------


def test_the_kiosk_offers_each_service_once_under_its_queue_with_the_wait(client: Client, hall: Hall) -> None:
    html = text(client.get(kiosk_url(hall)))
    for label in ("Quick counter", "Civil status", "Reception", "Collect a passport", "Buy waste bags"):
        assert label in html
    assert f'value="{choice(hall.quick, hall.pickup)}"' in html
    assert f'value="{choice(hall.quick, hall.bags)}"' in html
    assert f'value="{choice(hall.theme, hall.civil)}"' in html
    assert f'value="{choice(hall.reception, None)}"' in html  # a general question at reception
    # Reception serves everything too, but each service has one button: where the desks take it.
    assert f'value="{choice(hall.reception, hall.pickup)}"' not in html
    assert html.count('<form method="post"') == 4
    assert html.count('name="csrfmiddlewaretoken"') >= 4
    assert "No desk is open for this right now." in html
    assert url("kiosk-check-in", location_slug=hall.location.slug) in html  # "I have an appointment"
    assert 'href="#picto-passport"' not in html  # the queues' pictogram is "question" unless set
    assert 'href="#picto-question"' in html and 'id="picto-question"' in html


def test_a_counter_by_appointment_only_has_no_button_and_its_services_go_elsewhere(client: Client, hall: Hall) -> None:
    Queue.objects.filter(pk=hall.theme.pk).update(walk_in=False)
    html = text(client.get(kiosk_url(hall)))
    assert f'value="{choice(hall.theme, hall.civil)}"' not in html
    assert f'value="{choice(hall.reception, hall.civil)}"' in html  # reception takes walk-ins for it
    assert client.post(take_url(hall), {"choice": choice(hall.theme, hall.civil)}).status_code == 400
    assert not Ticket.objects.exists()


def test_the_kiosk_page_reads_in_a_fixed_number_of_queries(
    client: Client, hall: Hall, django_assert_max_num_queries: Callable[..., object]
) -> None:
    hall.open_desk(0, [hall.pickup])
    for minute in range(5):
        hall.issue(now=at(8, minute))
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        assert client.get(kiosk_url(hall)).status_code == 200


def test_the_kiosk_shows_how_many_wait_and_for_about_how_long(client: Client, hall: Hall, clock: Clock) -> None:
    hall.open_desk(0, [hall.pickup, hall.bags])
    hall.issue(now=at(8, 50))
    hall.issue(now=at(8, 55))
    html = text(client.get(kiosk_url(hall)))
    assert "2 people waiting" in html
    # Two before, one desk, no service measured yet: the catalogue's 4 and 3 minutes stand in.
    assert re.search(r"Waiting time: about \d+ minutes", html)


def test_the_kiosk_speaks_the_language_of_its_address_and_switches_on_the_page(client: Client, hall: Hall) -> None:
    html = text(client.get(kiosk_url(hall, "nl")))
    assert '<html lang="nl">' in html
    assert "Snelloket" in html
    for lang in ("nl", "fr", "en"):
        assert f'href="{kiosk_url(hall, lang)}" lang="{lang}"' in html
    assert 'aria-current="page"' in html
    french = text(client.get(kiosk_url(hall, "fr")))
    assert 'lang="nl">Snelloket' in french  # no French name: shown in Dutch, marked as such


def test_a_closed_kiosk_says_when_it_opens_and_gives_no_ticket(client: Client, hall: Hall, clock: Clock) -> None:
    clock.moment = at(7, 30)
    html = text(client.get(kiosk_url(hall)))
    assert "Closed now. We open again today at 08:00." in html
    assert 'name="choice"' not in html
    response = client.post(take_url(hall), {"choice": choice(hall.quick, hall.pickup)})
    assert response.status_code == 400
    assert not Ticket.objects.exists()
    clock.moment = at(18, day=at(9).date() + datetime.timedelta(days=5))  # Saturday evening
    assert "Closed now. We open again on Monday 14 December at 08:00." in text(client.get(kiosk_url(hall)))


def test_an_unknown_location_has_no_kiosk(client: Client, hall: Hall) -> None:
    assert client.get(url("queue-kiosk", location_slug="nowhere")).status_code == 404
    assert client.post(url("queue-kiosk-take", location_slug="nowhere"), {"choice": "1:1"}).status_code == 404
    assert client.get(url("kiosk-check-in", location_slug="nowhere")).status_code == 404


# --- Taking a ticket ---------------------------------------------------------------------------


def test_a_button_gives_exactly_one_ticket_in_its_queue_in_the_page_language(client: Client, hall: Hall) -> None:
    response = client.post(take_url(hall, "fr"), {"choice": choice(hall.quick, hall.pickup)})
    assert response.status_code == 200
    ticket = Ticket.objects.get()
    assert (ticket.queue, ticket.service, ticket.language, ticket.source) == (
        hall.quick,
        hall.pickup,
        "fr",
        TicketSource.KIOSK,
    )
    assert ticket.phone == ""
    html = text(response)
    assert "S001" in html
    assert "<svg" in html and 'aria-label="Code QR de la page de votre ticket"' in html  # in the page's language
    assert url("ticket-page", "fr", key=ticket.public_key) in html
    assert "data-print" in html  # the print button (shown by the script)
    assert f'data-kiosk-return="{kiosk_url(hall, "fr")}"' in html  # back to the start page after a while
    assert f'<meta http-equiv="refresh" content="30;url={kiosk_url(hall, "fr")}">' in html  # without script
    assert "no-store" in response["Cache-Control"]


def test_the_ticket_screen_says_how_many_are_before_you(client: Client, hall: Hall) -> None:
    hall.open_desk(0, [hall.civil])
    hall.issue(hall.theme, now=at(8, 45))
    html = text(client.post(take_url(hall), {"choice": choice(hall.theme, hall.civil)}))
    assert "B002" in html
    assert "There is 1 person before you." in html
    assert re.search(r"Your wait: about \d+ minutes\.", html)


def test_reception_takes_a_general_question(client: Client, hall: Hall) -> None:
    client.post(take_url(hall), {"choice": choice(hall.reception, None)})
    ticket = Ticket.objects.get()
    assert (ticket.queue, ticket.service, ticket.code) == (hall.reception, None, "O001")


def test_a_mobile_number_is_kept_for_the_text_message(client: Client, hall: Hall) -> None:
    page = text(client.get(kiosk_url(hall) + "?text=1"))
    assert 'id="id_phone"' in page and 'type="radio"' in page
    response = client.post(
        take_url(hall), {"choice": choice(hall.quick, hall.bags), "phone": "0470 12 34 56", "text": "1"}
    )
    assert response.status_code == 200
    assert Ticket.objects.get().phone == "+32470123456"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Choose what you come for."),
        ({"choice": "999:999"}, "This choice is not available now. Choose again."),
        ({"choice": "not a choice"}, "This choice is not available now. Choose again."),
        ({"phone": "12", "text": "1", "choice": "quick"}, "This mobile phone number is not valid"),
    ],
)
def test_bad_input_changes_nothing_and_says_why(client: Client, hall: Hall, data: dict[str, str], error: str) -> None:
    if data.get("choice") == "quick":
        data["choice"] = choice(hall.quick, hall.pickup)
    response = client.post(take_url(hall), data)
    assert response.status_code == 400
    html = text(response)
    assert error in html
    assert 'class="error-summary" role="alert"' in html
    assert not Ticket.objects.exists()


def test_the_phone_error_is_shown_at_the_phone_field(client: Client, hall: Hall) -> None:
    html = text(client.post(take_url(hall), {"phone": "12", "text": "1", "choice": choice(hall.quick, hall.pickup)}))
    field = html[html.index('id="id_phone_error"') : html.index('id="id_phone"')]
    assert "not valid" in field
    assert 'type="radio"' in html  # still the form with the number, to correct it


def test_a_queue_of_another_location_cannot_be_pressed(client: Client, hall: Hall, clock: Clock) -> None:
    elsewhere = Queue.objects.create(
        location=LocationFactory(organisation=hall.location.organisation),
        slug="quick",
        name_en="Quick counter",
        kind=QueueKind.QUICK,
        prefix="S",
    )
    elsewhere.services.set([hall.pickup])
    response = client.post(take_url(hall), {"choice": choice(elsewhere, hall.pickup)})
    assert response.status_code == 400
    assert not Ticket.objects.exists()


# --- The ticket page ---------------------------------------------------------------------------


def test_a_wrong_ticket_key_is_not_found(client: Client, hall: Hall) -> None:
    hall.issue()
    assert client.get(url("ticket-page", key="x" * 22)).status_code == 404
    assert client.get(url("ticket-status", key="x" * 22)).status_code == 404


def test_the_ticket_page_shows_the_number_place_and_wait(client: Client, hall: Hall) -> None:
    hall.open_desk(0, [hall.pickup])
    for minute in range(2):
        hall.issue(now=at(8, 40 + minute))
    ticket = hall.issue(now=at(8, 50), language="fr")
    response = client.get(url("ticket-page", key=ticket.public_key))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = text(response)
    assert "S003" in html and "Quick counter" in html
    assert "You are in line." in html
    assert "There are 2 people before you." in html
    estimate = ticket_view(ticket=ticket, lang="en").estimate_minutes
    assert estimate and f"Your wait: about {estimate} minutes." in html
    assert f'hx-get="{url("ticket-status", key=ticket.public_key)}?seen=' in html
    assert 'hx-trigger="every 5s"' in html
    assert '<noscript><meta http-equiv="refresh" content="30"></noscript>' in html


def test_the_ticket_page_says_plainly_when_no_desk_is_open(client: Client, hall: Hall) -> None:
    ticket = hall.issue()
    html = text(client.get(url("ticket-page", key=ticket.public_key)))
    assert "You are next." in html
    assert "No desk is open for this right now, so we cannot say how long you will wait." in html


def test_the_ticket_page_says_your_turn_and_the_desk_when_called(client: Client, hall: Hall) -> None:
    ticket = hall.issue()
    session = hall.open_desk(1, [hall.pickup])
    ticket_call_next(actor=hall.clerks[1], session=session, now=at(9, 5))
    html = text(client.get(url("ticket-page", key=ticket.public_key)))
    assert 'class="ticket-your-turn" role="alert"' in html
    assert "It is your turn" in html and "Go to Loket 2" in html
    assert "ticket-called" in html  # the page changes colour


def test_the_status_poll_answers_no_change_until_something_changes(client: Client, hall: Hall) -> None:
    ticket = hall.issue()
    status = url("ticket-status", key=ticket.public_key)
    first = client.get(status, headers={"HX-Request": "true"})
    assert first.status_code == 200
    version = re.search(r"seen=([^\"]+)\"", text(first))
    assert version
    assert client.get(status, {"seen": version.group(1)}, headers={"HX-Request": "true"}).status_code == 204
    session = hall.open_desk(0, [hall.pickup])
    ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 5))
    called = client.get(status, {"seen": version.group(1)}, headers={"HX-Request": "true"})
    assert called.status_code == 200
    assert "Go to Loket 1" in text(called)
    assert "<html" not in text(called)  # the fragment only


def test_a_closed_ticket_shows_a_final_message_and_stops_updating(client: Client, hall: Hall) -> None:
    ticket = hall.issue()
    session = hall.open_desk(0, [hall.pickup])
    ticket_call_next(actor=hall.clerks[0], session=session, now=at(9, 5))
    ticket_finish(actor=hall.clerks[0], ticket=ticket, now=at(9, 9))
    html = text(client.get(url("ticket-page", key=ticket.public_key)))
    assert "You have been helped. Thank you for your visit." in html
    assert "hx-trigger" not in html and "http-equiv" not in html


def test_no_staff_only_data_reaches_the_ticket_page(client: Client, hall: Hall) -> None:
    ticket = ticket_issue(
        actor=hall.receptionist,
        queue=hall.quick,
        service=hall.pickup,
        assisted=True,
        note="Rolstoel; spreekt enkel Arabisch",
        now=at(9),
    )
    Ticket.objects.filter(pk=ticket.pk).update(closed_reason=ClosedReason.NOT_FINISHED)
    for name in ("ticket-page", "ticket-status"):
        html = text(client.get(url(name, key=ticket.public_key)))
        assert "Rolstoel" not in html and "Arabisch" not in html
        assert "assisted" not in html.lower() and "needing help" not in html and "Not finished" not in html
    Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.NOT_SERVED)
    html = text(client.get(url("ticket-page", key=ticket.public_key)))
    assert "we could not help you before closing time" in html and "Internal reason" not in html


# --- Checking in at the kiosk ------------------------------------------------------------------


def test_the_kiosk_checks_in_today_by_reference_and_says_nothing_personal(client: Client, clock: Clock) -> None:
    clock.moment = None  # the real time: the appointment is booked a week ahead
    office = make_office()
    booked = appointment_book(
        actor="citizen",
        channel="online",
        services=[office.service.slug],
        location=office.location,
        start=office.at(10),
        name="Pieter Claes",
        email="pieter@example.be",
        language="nl",
    )
    page = client.post(
        url("kiosk-check-in", location_slug=office.location.slug), {"reference": booked.appointment.reference}
    )
    # The appointment is a week ahead: not today.
    assert page.status_code == 400
    assert "not for today" in page.content.decode()
    assert "Pieter" not in page.content.decode()
    assert not Ticket.objects.exists()


def test_checking_in_gives_a_ticket_called_at_the_appointment_time(client: Client, clock: Clock) -> None:
    clock.moment = None
    office = make_office()
    queue = Queue.objects.create(
        location=office.location, slug="id", name_en="Identity", kind=QueueKind.THEME, prefix="I"
    )
    queue.services.set([office.service])
    booked = book(office, office.at(10), name="Pieter Claes", language="en")
    clock.moment = office.at(9, 50)
    response = client.post(
        url("kiosk-check-in", location_slug=office.location.slug), {"reference": booked.appointment.reference.lower()}
    )
    assert response.status_code == 200
    ticket = Ticket.objects.get()
    assert (ticket.source, ticket.queue, ticket.code, ticket.due_at) == (
        TicketSource.APPOINTMENT,
        queue,
        "I001",
        office.at(10),
    )
    html = text(response)
    assert "I001" in html and "Identity" in html
    assert "we will call you at your appointment time" in html
    assert "Pieter" not in html
    assert 'aria-label="QR code of your ticket page"' in html
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == AppointmentStatus.CHECKED_IN
    again = client.post(
        url("kiosk-check-in", location_slug=office.location.slug), {"reference": booked.appointment.reference}
    )
    assert again.status_code == 400
    assert "already checked in" in text(again)
    assert Ticket.objects.count() == 1


def test_a_location_without_a_queue_still_checks_in_without_a_ticket(client: Client, clock: Clock) -> None:
    clock.moment = None
    office = make_office()
    booked = book(office, office.at(10))
    clock.moment = office.at(9, 50)
    response = client.post(
        url("kiosk-check-in", location_slug=office.location.slug), {"reference": booked.appointment.reference}
    )
    assert response.status_code == 200
    assert "kiosk-done" in text(response)
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == AppointmentStatus.CHECKED_IN
    assert not Ticket.objects.exists()


def test_an_unknown_reference_is_refused_next_to_the_field(client: Client, clock: Clock) -> None:
    location = LocationFactory()
    response = client.post(url("kiosk-check-in", location_slug=location.slug), {"reference": "ZZZZ2222"})
    assert response.status_code == 400
    html = text(response)
    assert 'id="id_reference_error"' in html and "We do not know this reference here." in html
