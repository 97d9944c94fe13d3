"""A citizen books, moves and cancels an appointment in a real browser, by keyboard only.

In Dutch, French and English; axe-core checks every step against WCAG 2.1 A/AA; screenshots land
in test-artifacts/ for people to look at. One journey also runs without JavaScript.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.utils import timezone

from loket.appointments.availability import TIMEZONE
from loket.appointments.models import (
    Appointment,
    AppointmentStatus,
    BookingRule,
    CapacitySession,
    WaitingListEntry,
    WaitingStatus,
)
from loket.appointments.services import appointment_book
from loket.catalog.models import ChannelKind
from tests.browser.conftest import assert_no_axe_violations, press_enter_and_wait, screenshot, tab_to
from tests.factories import DeskFactory, LocationFactory, OrganisationFactory, ServiceChannelFactory, ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)

BOOKED = {"nl": "Je afspraak is geboekt", "fr": "Votre rendez-vous est réservé", "en": "Your appointment is booked"}


@pytest.fixture
def office(settings) -> Iterator[dict[str, object]]:  # noqa: ANN001
    settings.LOKET_CHALLENGE_NO_SCRIPT_MIN_SECONDS = 0
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
    passport = ServiceFactory(
        organisation=city,
        slug="passport",
        title_nl="Reispas aanvragen",
        title_fr="Demander un passeport",
        title_en="Apply for a passport",
        duration_minutes=15,
        documents_nl="Uw identiteitskaart\nEen recente pasfoto",
        documents_fr="Votre carte d'identité\nUne photo récente",
        documents_en="Your identity card\nA recent passport photo",
    )
    licence = ServiceFactory(
        organisation=city,
        slug="driving-licence",
        title_nl="Rijbewijs aanvragen",
        title_fr="Demander un permis de conduire",
        title_en="Apply for a driving licence",
        duration_minutes=15,
    )
    passport.related.add(licence)
    ServiceChannelFactory(service=passport, kind=ChannelKind.APPOINTMENT)
    BookingRule.objects.create(service=passport, minimum_notice_minutes=0)
    desks = [DeskFactory(location=location, name=f"Loket {n}") for n in (1, 2)]
    for weekday in range(7):
        for starts, ends in ((datetime.time(9), datetime.time(12)), (datetime.time(13), datetime.time(16))):
            session = CapacitySession.objects.create(location=location, weekday=weekday, starts=starts, ends=ends)
            session.desks.set(desks)
            session.services.set([passport, licence])
    yield {"location": location, "passport": passport, "licence": licence}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_citizen_books_a_combined_visit_by_keyboard_only(page, office, lang: str) -> None:  # noqa: ANN001
    page.goto(f"/{lang}/services/passport/")
    tab_to(page, ".appointment-box a.button")
    press_enter_and_wait(page)
    # Step 1: the related service is offered for the same visit.
    assert_no_axe_violations(page)
    screenshot(page, f"booking-1-services-{lang}")
    tab_to(page, "input[name=add][value=driving-licence]")
    page.keyboard.press("Space")
    tab_to(page, ".step-form button[type=submit]")
    press_enter_and_wait(page)
    # One location only: straight to the calendar, a table of days.
    assert page.locator("table.month caption").is_visible()
    assert_no_axe_violations(page)
    screenshot(page, f"booking-2-calendar-{lang}")
    tab_to(page, "td.free a")
    page.keyboard.press("Enter")  # HTMX swaps the times in and moves the focus there
    page.wait_for_selector("#times .time-button")
    # booking.js moves the focus once HTMX has settled the swap, a moment after the times appear.
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'times'", timeout=5_000)
    assert_no_axe_violations(page)
    screenshot(page, f"booking-3-times-{lang}")
    tab_to(page, "#times .time-button")
    press_enter_and_wait(page)
    # Details: what to bring is listed, the form is filled by keyboard.
    assert page.locator(".bring li").count() >= 2
    assert_no_axe_violations(page)
    tab_to(page, "#id_name")
    page.keyboard.type("Fatima El Amrani")
    tab_to(page, "#id_email")
    page.keyboard.type("fatima@example.be")
    screenshot(page, f"booking-4-details-{lang}")
    tab_to(page, ".details-form button[type=submit]")
    press_enter_and_wait(page)
    assert page.locator(".confirmation h1").inner_text().strip() == BOOKED[lang]
    assert_no_axe_violations(page)
    screenshot(page, f"booking-5-booked-{lang}")
    appointment = Appointment.objects.get()
    assert appointment.language == lang
    assert appointment.end - appointment.start == datetime.timedelta(minutes=30)
    assert appointment.reference in page.locator(".reference").inner_text()


def booked(office: dict[str, object], lang: str) -> tuple[Appointment, str]:
    day = timezone.now().astimezone(TIMEZONE).date() + datetime.timedelta(days=3)
    result = appointment_book(
        actor="citizen",
        channel="online",
        services=["passport"],
        location=office["location"],  # type: ignore[arg-type]
        start=datetime.datetime.combine(day, datetime.time(10), tzinfo=TIMEZONE),
        name="Jan Claes",
        email="jan.claes@example.be",
        language=lang,
    )
    return result.appointment, result.manage_secret


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_citizen_moves_then_cancels_by_keyboard_only(page, office, lang: str) -> None:  # noqa: ANN001
    appointment, secret = booked(office, lang)
    page.goto(f"/{lang}/appointments/{appointment.reference}/{secret}/")
    assert_no_axe_violations(page)
    screenshot(page, f"manage-{lang}")
    tab_to(page, f"a[href$='/{secret}/move/']")
    press_enter_and_wait(page)
    assert_no_axe_violations(page)
    tab_to(page, "td.free a")
    page.keyboard.press("Enter")
    page.wait_for_selector("#times .time-button")
    tab_to(page, "#times .time-button")
    press_enter_and_wait(page)
    assert_no_axe_violations(page)
    screenshot(page, f"move-confirm-{lang}")
    tab_to(page, "#booking-step form button[type=submit]")
    press_enter_and_wait(page)
    appointment.refresh_from_db()
    assert appointment.sequence == 1
    assert page.locator(".confirmation h1").is_visible()

    tab_to(page, f"a[href$='/{secret}/cancel/']")
    press_enter_and_wait(page)
    assert_no_axe_violations(page)
    screenshot(page, f"cancel-question-{lang}")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED  # the link alone changes nothing
    tab_to(page, "form button.danger")
    press_enter_and_wait(page)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert_no_axe_violations(page)


def test_booking_works_without_javascript(browser, live_server, office) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/appointments/book/?services=passport&suggested=1")
    page.locator("td.free a").first.click()
    page.locator("#times .time-button").first.click()
    page.fill("#id_name", "Pieter Claes")
    page.fill("#id_phone", "0470 12 34 56")
    page.locator(".details-form button[type=submit]").click()
    page.wait_for_selector(".confirmation h1")
    assert Appointment.objects.get().phone == "+32470123456"
    context.close()


@pytest.mark.parametrize(
    "path",
    ["/fr/appointments/book/?services=passport&suggested=1", "/fr/appointments/book/?services=passport"],
)
def test_booking_steps_fit_a_320_pixel_screen(browser, live_server, office, path: str) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        screenshot(page, f"booking-320-{'calendar' if 'suggested' in path else 'services'}-fr")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
    finally:
        context.close()


JOINED = {
    "nl": "Je staat op de wachtlijst",
    "fr": "Vous êtes sur la liste d'attente",
    "en": "You are on the waiting list",
}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_citizen_joins_then_leaves_the_waiting_list_by_keyboard_only(page, office, lang: str) -> None:  # noqa: ANN001
    BookingRule.objects.filter(service=office["passport"]).update(horizon_days=0)  # nothing bookable: the list
    page.goto(f"/{lang}/appointments/book/?services=passport&suggested=1")
    assert page.locator(".waiting-form").is_visible()
    assert_no_axe_violations(page)
    tab_to(page, "#id_name")
    page.keyboard.type("Sara Janssens")
    tab_to(page, "#id_email")
    page.keyboard.type("sara@example.be")
    tab_to(page, ".waiting-form button[type=submit]")
    press_enter_and_wait(page)
    assert page.locator(".confirmation h1").inner_text().strip() == JOINED[lang]
    assert_no_axe_violations(page)
    screenshot(page, f"waiting-joined-{lang}")
    entry = WaitingListEntry.objects.get()
    assert (entry.status, entry.language) == (WaitingStatus.WAITING, lang)
    tab_to(page, ".leave-form button")
    press_enter_and_wait(page)
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.CANCELLED
    assert_no_axe_violations(page)
