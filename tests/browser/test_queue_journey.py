"""A walk-in's whole visit, in four browsers at once: kiosk, display screen, two clerks' desks, a phone.

A citizen takes a ticket at the kiosk in French by keyboard; a clerk at another computer calls it;
the display screen in the waiting room shows it within 2 seconds; the citizen's ticket page says
it is their turn; the clerk sends it to the civil-status queue with a note; a second clerk calls
and finishes it. Every step is an event in the database, in order.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from playwright.sync_api import expect

from loket.catalog.models import Service
from loket.organisations.models import DeskKind
from loket.queueing.models import DisplayScreen, Ticket, TicketStatus
from tests.browser.conftest import screenshot, tab_to
from tests.browser.test_queue_staff import log_in, open_my_desk
from tests.factories import OpeningHoursFactory
from tests.queueing.helpers import Hall, make_hall

pytestmark = pytest.mark.django_db(transaction=True)
NOTE = "Vraagt ook een afschrift van de geboorteakte"


@pytest.fixture
def hall() -> Hall:
    """The test hall, open around the clock (the live server reads the real time), with French titles."""
    hall = make_hall(desks=2)
    for weekday in range(7):
        for kind in (DeskKind.QUICK, DeskKind.THEME, DeskKind.RECEPTION):
            OpeningHoursFactory(
                location=hall.location,
                desk_kind=kind,
                weekday=weekday,
                opens=datetime.time(0),
                closes=datetime.time(23, 59, 59),
            )
    for service, title in ((hall.pickup, "Retirer un passeport"), (hall.bags, "Acheter des sacs poubelle")):
        Service.objects.filter(pk=service.pk).update(title_fr=title)
    hall.clerks[0].skills.filter(service=hall.civil).delete()  # clerk 1: quick counter only
    hall.clerks[1].skills.exclude(service=hall.civil).delete()  # clerk 2: civil status only
    return hall


def new_page(browser: Any, live_server: Any, width: int = 1280, height: int = 900) -> Any:  # noqa: ANN401
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_a_walk_in_from_kiosk_to_display_to_two_desks(browser: Any, live_server: Any, hall: Hall) -> None:  # noqa: ANN401
    screen = DisplayScreen.objects.create(location=hall.location, name="Wachtzaal")
    kiosk, tv, desk, phone = (
        new_page(browser, live_server),
        new_page(browser, live_server, 1280, 720),
        new_page(browser, live_server),
        new_page(browser, live_server, 390, 844),
    )
    try:
        # The citizen, at the kiosk, in French, by keyboard.
        kiosk.goto(f"/fr/kiosk/{hall.location.slug}/")
        tab_to(kiosk, f".kiosk-choice[value='{hall.quick.pk}:{hall.pickup.pk}']")
        kiosk.keyboard.press("Enter")
        kiosk.wait_for_load_state()
        expect(kiosk.locator(".ticket-number")).to_have_text("S001")
        ticket = Ticket.objects.get()
        assert (ticket.language, ticket.service) == ("fr", hall.pickup)
        ticket_path = kiosk.locator(".kiosk-ticket-wait a").get_attribute("href")
        assert ticket_path == f"/fr/ticket/{ticket.public_key}/"

        # The same ticket page on the citizen's phone (from the QR code), and the waiting room's screen.
        phone.goto(ticket_path)
        expect(phone.locator(".ticket-number")).to_have_text("S001")
        tv.goto(f"/nl/display/{screen.public_key}/")
        expect(tv.locator("#display[data-state=live]")).to_be_attached()

        # The first clerk calls: the screen shows it within 2 seconds, the phone says "your turn".
        log_in(desk, hall.clerks[0].username, "en")
        open_my_desk(desk, "en")
        time.sleep(1.5)  # somewhere inside the screen's polling second, not just after a poll
        pressed = time.monotonic()
        desk.keyboard.press("Enter")  # Call next
        expect(tv.locator("#display-current-code")).to_have_text("S001", timeout=5_000)
        shown = datetime.datetime.now(tz=datetime.UTC)
        # From the call (its event, written when the clerk's request committed) to the screen.
        called = ticket.events.get(kind="called").at
        elapsed = (shown - called).total_seconds()
        print(f"call to screen: {elapsed:.2f} s ({time.monotonic() - pressed:.2f} s from the key press)")  # noqa: T201
        assert elapsed < 2
        expect(tv.locator("#display-current-desk")).to_have_text("1")
        expect(phone.get_by_role("alert")).to_contain_text("Loket 1", timeout=10_000)
        screenshot(phone, "queue-journey-your-turn-fr")
        screenshot(tv, "queue-journey-display")

        # The clerk sends it on to civil status with a note.
        expect(desk.locator(".ticket-code")).to_have_text("S001")
        tab_to(desk, "#transfer-to")
        desk.keyboard.type("Civil")
        desk.keyboard.press("Tab")
        desk.keyboard.type("Civil")
        desk.keyboard.press("Tab")
        desk.keyboard.type(NOTE)
        desk.keyboard.press("Tab")
        desk.keyboard.press("Enter")
        expect(desk.locator(".messages")).to_contain_text("S001")
        ticket.refresh_from_db()
        assert (ticket.queue, ticket.status, ticket.note) == (hall.theme, TicketStatus.WAITING, NOTE)

        # The second clerk, at another desk, calls and finishes it.
        second = new_page(browser, live_server)
        log_in(second, hall.clerks[1].username, "en")
        open_my_desk(second, "en")
        second.keyboard.press("Enter")  # Call next
        expect(second.locator(".ticket-code")).to_have_text("S001")
        expect(second.locator(".ticket-note")).to_contain_text(NOTE)
        expect(tv.locator("#display-current-desk")).to_have_text("2", timeout=5_000)
        second.keyboard.press("Enter")  # Start
        second.wait_for_selector("form.finish-form")
        second.keyboard.press("Enter")  # Finish
        expect(second.locator(".messages")).to_contain_text("S001")
        second.context.close()
    finally:
        for page in (kiosk, tv, desk, phone):
            page.context.close()

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE
    assert list(ticket.delivered_services.all()) == [hall.civil]
    events = list(ticket.events.order_by("at", "pk").values_list("kind", "desk__name"))
    assert events == [
        ("issued", None),
        ("called", "Loket 1"),
        ("transferred", "Loket 1"),
        ("called", "Loket 2"),
        ("started", "Loket 2"),
        ("finished", "Loket 2"),
    ]
