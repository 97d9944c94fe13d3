"""The walk-in queue in a real browser: the hall's kiosk, the ticket page on a phone, the kiosk check-in.

By keyboard only where a person acts; axe-core checks each screen against WCAG 2.1 A/AA in Dutch,
French and English; screenshots land in test-artifacts/. The hall is open around the clock here,
since the live server reads the real time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from loket.appointments.models import Appointment, AppointmentStatus
from loket.catalog.models import StaffSkill
from loket.organisations.models import DeskKind, Role
from loket.queueing.models import Pictogram, Queue, QueueKind, Ticket
from loket.queueing.services import counter_open, ticket_call_next, ticket_issue
from tests.browser.conftest import assert_no_axe_violations, press_enter_and_wait, screenshot, tab_to
from tests.factories import (
    DeskFactory,
    LocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ServiceFactory,
    staff_member,
)

pytestmark = pytest.mark.django_db(transaction=True)

KIOSK = "/{lang}/kiosk/huis-van-de-mechelaar/"
CHECK_IN = "/{lang}/kiosk/huis-van-de-mechelaar/check-in/"


@pytest.fixture
def hall() -> Iterator[dict[str, Any]]:
    city = OrganisationFactory(
        slug="mechelen", name_nl="Stad Mechelen", name_fr="Ville de Malines", name_en="City of Mechelen"
    )
    location = LocationFactory(
        organisation=city,
        slug="huis-van-de-mechelaar",
        name_nl="Huis van de Mechelaar",
        name_fr="Maison des Malinois",
        name_en="Mechelen Civic Centre",
        closed_on_public_holidays=False,
    )
    for weekday in range(7):
        for kind in (DeskKind.QUICK, DeskKind.THEME, DeskKind.RECEPTION):
            OpeningHoursFactory(
                location=location,
                desk_kind=kind,
                weekday=weekday,
                opens=datetime.time(0, 0),
                closes=datetime.time(23, 59, 59),
            )
    passport = ServiceFactory(
        organisation=city,
        slug="passport-pickup",
        title_nl="Reispas afhalen",
        title_fr="Retirer un passeport",
        title_en="Collect a passport",
        duration_minutes=4,
    )
    bags = ServiceFactory(
        organisation=city,
        slug="waste-bags",
        title_nl="Huisvuilzakken kopen",
        title_fr="Acheter des sacs poubelle",
        title_en="Buy waste bags",
        duration_minutes=3,
    )
    civil = ServiceFactory(
        organisation=city,
        slug="civil-status",
        title_nl="Huwelijk of geboorte",
        title_fr="Mariage ou naissance",
        title_en="Marriage or birth",
        duration_minutes=20,
    )
    quick = Queue.objects.create(
        location=location,
        slug="quick",
        name_nl="Snelloket",
        name_fr="Guichet rapide",
        name_en="Quick counter",
        kind=QueueKind.QUICK,
        prefix="S",
        pictogram=Pictogram.PASSPORT,
        position=1,
    )
    quick.services.set([passport, bags])
    theme = Queue.objects.create(
        location=location,
        slug="civil",
        name_nl="Burgerlijke stand",
        name_fr="État civil",
        name_en="Civil status",
        kind=QueueKind.THEME,
        prefix="B",
        pictogram=Pictogram.FAMILY,
        position=2,
    )
    theme.services.set([civil])
    reception = Queue.objects.create(
        location=location,
        slug="reception",
        name_nl="Onthaal",
        name_fr="Accueil",
        name_en="Reception",
        kind=QueueKind.RECEPTION,
        prefix="O",
        pictogram=Pictogram.QUESTION,
        position=3,
    )
    reception.services.set([passport, bags, civil])
    desk = DeskFactory(location=location, name="Loket 1", kind=DeskKind.QUICK)
    clerk = staff_member(city, Role.CLERK)
    for service in (passport, bags, civil):
        StaffSkill.objects.create(user=clerk, service=service)
    yield {
        "location": location,
        "passport": passport,
        "quick": quick,
        "reception": reception,
        "desk": desk,
        "clerk": clerk,
    }


def open_desk(hall: dict[str, Any]) -> Any:
    return counter_open(actor=hall["clerk"], desk=hall["desk"], services=[hall["passport"]])


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_kiosk_has_no_wcag_violations(page, hall, lang: str) -> None:  # noqa: ANN001
    open_desk(hall)
    ticket_issue(actor="kiosk", queue=hall["quick"], service=hall["passport"])
    page.goto(KIOSK.format(lang=lang))
    assert page.locator(".kiosk-choice").count() == 4
    assert_no_axe_violations(page)
    screenshot(page, f"queue-kiosk-{lang}")
    page.goto(KIOSK.format(lang=lang) + "?text=1")
    assert_no_axe_violations(page)
    if lang == "fr":
        screenshot(page, "queue-kiosk-text-fr")


def test_every_kiosk_button_is_a_big_touch_target(page, hall) -> None:  # noqa: ANN001
    page.goto(KIOSK.format(lang="en"))
    targets = page.locator(".kiosk-choice, .kiosk-big-button, .kiosk-languages a")
    assert targets.count() >= 9
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box and box["height"] >= 64, f"target {index} is {box} high"


def test_a_citizen_takes_a_ticket_in_french_by_keyboard_only(page, hall) -> None:  # noqa: ANN001
    open_desk(hall)
    page.goto(KIOSK.format(lang="fr"))
    tab_to(page, f".kiosk-choice[value='{hall['quick'].pk}:{hall['passport'].pk}']")
    assert page.evaluate("document.activeElement.textContent").strip() == "Retirer un passeport"
    press_enter_and_wait(page)
    assert page.locator(".ticket-number").inner_text().strip() == "S001"
    ticket = Ticket.objects.get()
    assert (ticket.language, ticket.queue_id, ticket.service_id) == ("fr", hall["quick"].pk, hall["passport"].pk)
    assert page.locator("[data-print]").is_visible()
    assert page.locator(".ticket-qr svg").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, "queue-kiosk-ticket-fr")
    page.emulate_media(media="print")
    screenshot(page, "queue-kiosk-ticket-fr-print")
    assert not page.locator(".kiosk-return").is_visible()
    assert not page.locator(".ticket-ahead").is_visible()
    assert page.locator(".ticket-number").is_visible() and page.locator(".ticket-time").is_visible()
    page.emulate_media(media="screen")
    # "Done" (or the timer) brings the next citizen back to the start, without this ticket.
    tab_to(page, ".kiosk-return a")
    press_enter_and_wait(page)
    assert page.url.endswith(KIOSK.format(lang="fr"))
    assert "S001" not in page.content()


def test_a_ticket_is_taken_without_javascript_too(browser, live_server, hall) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(KIOSK.format(lang="nl"))
        page.locator(".kiosk-choice").first.click()
        page.wait_for_selector(".ticket-number")
        assert page.locator(".ticket-number").inner_text().strip() == "S001"
        assert not page.locator("[data-print]").is_visible()  # printing needs the script
        assert page.locator(".kiosk-return a").is_visible()  # "Done"; the <noscript> refresh does the rest
        ticket = Ticket.objects.get()
        page.goto(f"/nl/ticket/{ticket.public_key}/")
        assert page.locator(".ticket-refresh a").is_visible()  # "Update now", and a <noscript> refresh
    finally:
        context.close()


def test_the_kiosk_goes_back_to_its_start_by_itself(page, hall) -> None:  # noqa: ANN001
    page.goto(KIOSK.format(lang="en"))
    page.locator(".kiosk-choice").first.click()
    page.wait_for_selector(".ticket-number")
    notice = page.locator("[data-return-notice]")
    assert "30 seconds" in notice.inner_text()
    assert notice.get_attribute("role") == "status"
    page.wait_for_url(f"**{KIOSK.format(lang='en')}", timeout=40_000)
    assert page.locator(".ticket-number").count() == 0


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_ticket_page_has_no_wcag_violations(page, hall, lang: str) -> None:  # noqa: ANN001
    open_desk(hall)
    ticket_issue(actor="kiosk", queue=hall["quick"], service=hall["passport"])
    mine = ticket_issue(actor="kiosk", queue=hall["quick"], service=hall["passport"], language=lang)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"/{lang}/ticket/{mine.public_key}/")
    assert page.locator(".ticket-number").inner_text().strip() == "S002"
    assert page.locator(".ticket-ahead").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, f"queue-ticket-page-{lang}")


def test_the_ticket_page_says_your_turn_by_itself(page, hall) -> None:  # noqa: ANN001
    ticket = ticket_issue(actor="kiosk", queue=hall["quick"], service=hall["passport"], language="nl")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/nl/ticket/{ticket.public_key}/")
    assert page.locator(".ticket-your-turn").count() == 0
    session = open_desk(hall)
    assert ticket_call_next(actor=hall["clerk"], session=session) == ticket
    banner = page.locator(".ticket-your-turn")
    banner.wait_for(timeout=15_000)  # HTMX asks every few seconds
    assert banner.get_attribute("role") == "alert"
    assert "Loket 1" in banner.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "queue-ticket-page-your-turn-nl")


def test_kiosk_check_in_has_no_wcag_violations(page, hall) -> None:  # noqa: ANN001
    page.goto(CHECK_IN.format(lang="fr"))
    assert_no_axe_violations(page)
    page.fill("#id_reference", "ZZZZ2222")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert_no_axe_violations(page)
    screenshot(page, "kiosk-check-in-error-fr")


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_citizen_checks_in_at_the_kiosk_by_keyboard_only_and_gets_a_ticket(page, hall, lang: str) -> None:  # noqa: ANN001
    start = timezone.now()  # due now: today at any hour, inside the check-in window
    appointment = Appointment.objects.create(
        reference="KQ3PRM7A",
        location=hall["location"],
        start=start,
        end=start + datetime.timedelta(minutes=15),
        channel="online",
        name="Pieter Claes",
        email="pieter@example.be",
        language=lang,
    )
    page.goto(KIOSK.format(lang=lang))
    tab_to(page, f"a[href='{CHECK_IN.format(lang=lang)}']")  # "I have an appointment"
    press_enter_and_wait(page)
    assert page.evaluate("document.activeElement.id") == "id_reference"  # ready for the scanner
    assert_no_axe_violations(page)
    page.keyboard.type("kq3p rm7a")  # as typed by a person, or by a scanner reading the QR code
    press_enter_and_wait(page)
    assert page.locator(".kiosk-done").is_visible()
    assert page.locator(".ticket-number").inner_text().strip() == "O001"  # no service: reception's queue
    assert "Pieter" not in page.content()  # a kiosk says nothing personal
    assert_no_axe_violations(page)
    screenshot(page, f"kiosk-checked-in-{lang}")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CHECKED_IN
    assert Ticket.objects.get().appointment == appointment
