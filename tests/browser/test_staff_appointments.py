"""A receptionist books for someone at the desk, by keyboard only, in a real browser.

She logs in, opens the appointments, books for a person who is not digital (service, the first
free time, name and phone), hands over the confirmation and finds the appointment in the day
list; and she finds a person who came before by their mobile number and books them with an SMS.
axe-core checks the booking steps, the search results, the confirmation and the day list against
WCAG 2.1 A/AA, in Dutch and in French. Screenshots land in test-artifacts/ for people to look at.
"""

from __future__ import annotations

import datetime
from urllib.parse import unquote_plus

import pytest

from loket.appointments.models import Appointment, AppointmentStatus, BookingChannel, CapacitySession
from loket.appointments.services import new_reference
from loket.notifications.models import OutboxMessage
from loket.organisations.models import Role
from tests.browser.conftest import (
    ARTIFACTS,
    assert_no_axe_violations,
    focused,
    log_in,
    screenshot,
    tab_to,
)
from tests.factories import DeskFactory, LocationFactory, OrganisationFactory, ServiceFactory, staff_member

pytestmark = pytest.mark.django_db(transaction=True)
TITLES = {
    "nl": "Identiteitskaart aanvragen",
    "fr": "Demander une carte d'identité",
    "en": "Apply for an identity card",
}


@pytest.fixture
def town_hall() -> dict[str, object]:
    city = OrganisationFactory(
        slug="mechelen", name_nl="Stad Mechelen", name_fr="Ville de Malines", name_en="City of Mechelen"
    )
    location = LocationFactory(
        organisation=city,
        slug="huis-van-de-mechelaar",
        name_nl="Huis van de Mechelaar",
        name_fr="Maison des Malinois",
        name_en="House of the Mechelaar",
        closed_on_public_holidays=False,
    )
    identity = ServiceFactory(
        organisation=city,
        slug="identiteitskaart",
        documents_nl="Uw oude identiteitskaart\nEen recente pasfoto",
        documents_fr="Votre ancienne carte d'identité\nUne photo d'identité récente",
    )
    address = ServiceFactory(
        organisation=city,
        slug="adreswijziging",
        title_nl="Adreswijziging doorgeven",
        title_fr="Signaler un changement d'adresse",
        title_en="Report a change of address",
    )
    desks = [DeskFactory(location=location, name="Loket 1"), DeskFactory(location=location, name="Loket 2")]
    for weekday in range(7):
        session = CapacitySession.objects.create(
            location=location, weekday=weekday, starts=datetime.time(8), ends=datetime.time(18), online_desks=0
        )
        session.desks.set(desks)
        session.services.set([identity, address])
    staff_member(city, Role.RECEPTION, username="sara.onthaal", first_name="Sara")
    return {"location": location, "identity": identity}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_receptionist_books_for_someone_by_keyboard_and_finds_it_in_the_day_list(page, town_hall, lang) -> None:  # noqa: ANN001
    log_in(page, "sara.onthaal", lang)
    tab_to(page, f"header a[href='/{lang}/staff/appointments/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/staff/appointments/")
    tab_to(page, f"main a[href='/{lang}/staff/appointments/book/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/staff/appointments/book/")
    assert_no_axe_violations(page)
    screenshot(page, f"staff-book-choose-{lang}")

    # The service list answers to typing, as any select does.
    tab_to(page, "#book-service-0")
    page.keyboard.type(TITLES[lang][:6])
    assert page.locator("#book-service-0").input_value() == "identiteitskaart"
    tab_to(page, "form.booking-choose button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".times .time-button")
    assert 1 <= page.locator(".times .time-button").count() <= 10
    assert_no_axe_violations(page)
    screenshot(page, f"staff-book-times-{lang}")

    tab_to(page, ".times .time-button")
    page.keyboard.press("Enter")
    page.wait_for_selector("form.booking-details")
    assert focused(page, "#person-find")  # the cursor starts in the search box
    tab_to(page, "#id_name")
    page.keyboard.type("Maria Janssens")
    tab_to(page, "#id_language")
    page.keyboard.type("Fr")
    tab_to(page, "#id_phone")
    page.keyboard.type("0470 12 34 56")
    tab_to(page, "#id_remark")
    page.keyboard.type("Slechtziend: grote letters graag")
    assert_no_axe_violations(page)
    screenshot(page, f"staff-book-details-{lang}")
    tab_to(page, "form.booking-details button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/booked/")

    appointment = Appointment.objects.get()
    assert appointment.channel == BookingChannel.RECEPTION
    assert appointment.language == "fr"
    assert appointment.phone == "+32470123456"
    hand_over = page.locator("section.hand-over")
    assert hand_over.get_attribute("lang") == "fr"
    assert appointment.reference in hand_over.inner_text()
    assert "Une photo d'identité récente" in hand_over.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, f"staff-booked-{lang}")
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / f"staff-booked-print-{lang}.png"), full_page=True)
    page.emulate_media(media="screen")

    tab_to(page, f"main a[href='/{lang}/staff/appointments/{appointment.reference}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/appointments/{appointment.reference}/")
    assert_no_axe_violations(page)
    screenshot(page, f"staff-appointment-{lang}")
    tab_to(page, "nav.breadcrumb a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/appointments/?*")
    row = page.locator(f"#appointment-{appointment.reference}")
    assert "Maria Janssens" in row.inner_text()
    assert "Slechtziend" in row.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, f"staff-day-{lang}")
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / f"staff-day-print-{lang}.png"), full_page=True)


def came_before(town_hall: dict[str, object], *, days_ago: int, status: str, **person: str) -> Appointment:
    location = town_hall["location"]
    start = datetime.datetime.now(tz=datetime.UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    start -= datetime.timedelta(days=days_ago)
    return Appointment.objects.create(
        reference=new_reference(),
        location=location,
        start=start,
        end=start + datetime.timedelta(minutes=15),
        status=status,
        channel=BookingChannel.ONLINE,
        **person,
    )


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_receptionist_finds_a_returning_person_by_keyboard_and_books_with_an_sms(page, town_hall, lang) -> None:  # noqa: ANN001
    person = {"name": "Youssef El Amrani", "email": "youssef@example.be", "phone": "+32470123456", "language": "fr"}
    for days_ago in (40, 20):
        came_before(town_hall, days_ago=days_ago, status=AppointmentStatus.NO_SHOW, **person)
    came_before(town_hall, days_ago=60, status=AppointmentStatus.CHECKED_IN, **{**person, "name": "Youssef Amrani"})
    came_before(
        town_hall,
        days_ago=10,
        status=AppointmentStatus.CHECKED_IN,
        name="Youssef Peeters",
        email="y.peeters@example.be",
        phone="+32470999999",
        language="nl",
    )
    log_in(page, "sara.onthaal", lang)
    live = page.url.split(f"/{lang}/", 1)[0]
    # Every request the browser makes from here on: what was typed or found never rides in a URL.
    sent: list[tuple[str, str, str]] = []
    page.on("request", lambda request: sent.append((request.method, request.url, request.headers.get("referer", ""))))
    page.goto(f"/{lang}/staff/appointments/book/")
    tab_to(page, "#book-service-0")
    page.keyboard.type(TITLES[lang][:6])
    tab_to(page, "form.booking-choose button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".times .time-button")
    tab_to(page, ".times .time-button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#person-find")
    assert focused(page, "#person-find")

    # A name finds both Youssefs; the mobile number, typed the local way, only the one who came.
    page.evaluate("window.samePage = true")
    page.keyboard.type("youssef")
    page.keyboard.press("Enter")
    page.wait_for_selector(".people .person >> nth=1")
    assert page.evaluate("window.samePage === true")  # HTMX swapped the results in place
    assert focused(page, "#person-find")  # and the cursor stayed in the box
    assert "find=" not in page.url and "youssef" not in page.url
    # The search is a POST, never a GET that a prefetch could repeat.
    assert [method for method, url, _referer in sent if "/staff/appointments/book/" in url][-1] == "POST"
    assert_no_axe_violations(page)
    page.keyboard.press("Control+a")
    page.keyboard.type("0470 12 34 56")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.people .person').length === 1")
    result = page.locator(".people .person")
    assert "Youssef El Amrani" in result.inner_text()
    assert "+32 470 12 34 56" in result.inner_text()
    assert result.locator(".flag").count() == 1  # missed two appointments
    assert_no_axe_violations(page)
    screenshot(page, f"staff-book-find-person-{lang}")

    tab_to(page, ".people .person button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".person-chosen")  # the page came back with the details filled in
    assert page.locator("#id_name").input_value() == "Youssef El Amrani"
    assert page.locator("#id_email").input_value() == "youssef@example.be"
    assert page.locator("#id_language").input_value() == "fr"
    assert page.locator("#id_message_channel_0").is_checked()  # e-mail, as they have an address
    tab_to(page, "input[name=message_channel]")
    page.keyboard.press("ArrowRight")  # radio buttons: the arrow chooses SMS
    assert page.locator("#id_message_channel_1").is_checked()
    assert_no_axe_violations(page)
    screenshot(page, f"staff-book-person-chosen-{lang}")
    tab_to(page, "form.booking-details button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/booked/")

    appointment = Appointment.objects.get(status=AppointmentStatus.BOOKED)
    assert (appointment.name, appointment.message_channel) == ("Youssef El Amrani", "sms")
    message = OutboxMessage.objects.get(idempotency_key=f"appointment:{appointment.reference}:confirmation")
    assert (message.channel, message.recipient) == ("sms", "+32470123456")
    assert "+32 470 12 34 56" in page.locator(".confirmation").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, f"staff-booked-sms-{lang}")

    # Two searches, the choice and the booking.
    assert [url for method, url, _referer in sent if method == "POST"] == [
        f"{live}/{lang}/staff/appointments/book/"
    ] * 4
    for _method, url, referer in sent:
        for address in (url, referer):
            seen = unquote_plus(address).casefold()
            for personal in ("youssef", "amrani", "example.be", "0470", "470 12", "470123456"):
                assert personal not in seen, (personal, address)
