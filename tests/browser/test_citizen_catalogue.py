"""A citizen uses the catalogue in a real browser: search, read a service, switch language,
report an error by keyboard, on a phone-sized screen and without JavaScript; axe-core checks
every public page in every language against WCAG 2.1 A/AA.

Screenshots land in test-artifacts/ for people to look at.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from loket.catalog.models import ChannelKind, ContentReport
from loket.organisations.models import DeskKind
from tests.browser.conftest import assert_no_axe_violations, screenshot, tab_to
from tests.factories import (
    LifeEventFactory,
    LocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ServiceChannelFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

LANGS = ("nl", "fr", "en")
PASSPORT = {"nl": "Paspoort aanvragen", "fr": "Demander un passeport", "en": "Apply for a passport"}
QUERIES = {"nl": "paspoort", "fr": "passeport", "en": "passport"}


@pytest.fixture
def catalogue() -> dict[str, object]:
    """A small city: one town hall with a quick counter and theme counters open today."""
    city = OrganisationFactory(
        slug="mechelen",
        name_nl="Stad Mechelen",
        name_fr="Ville de Malines",
        name_en="City of Mechelen",
        phone="0800 20 800",
    )
    town_hall = LocationFactory(
        organisation=city,
        slug="huis-van-de-mechelaar",
        name_nl="Huis van de Mechelaar",
        name_fr="Maison des Malinois",
        name_en="Mechelen Citizens' House",
        street="Grote Markt 21",
        closed_on_public_holidays=False,  # so "open today" holds whatever day the test runs
    )
    weekday = timezone.localdate().weekday()
    for desk_kind, opens, closes in [
        (DeskKind.QUICK, datetime.time(8), datetime.time(13)),
        (DeskKind.QUICK, datetime.time(14, 30), datetime.time(19)),
        (DeskKind.THEME, datetime.time(9), datetime.time(16)),
    ]:
        OpeningHoursFactory(location=town_hall, desk_kind=desk_kind, weekday=weekday, opens=opens, closes=closes)

    passport = ServiceFactory(
        organisation=city,
        slug="passport",
        title_nl=PASSPORT["nl"],
        title_fr=PASSPORT["fr"],
        title_en=PASSPORT["en"],
        summary_nl="Met een paspoort reis je naar landen buiten Europa.",
        summary_fr="Avec un passeport, vous voyagez dans les pays hors d'Europe.",
        summary_en="With a passport you travel to countries outside Europe.",
        audience_nl="Elke Belg die in de stad woont.",
        audience_fr="Tout Belge qui habite dans la ville.",
        audience_en="Every Belgian living in the city.",
        cost_amount=Decimal("75.00"),
        cost_nl="Volwassenen betalen 75 euro, kinderen 41 euro.",
        cost_fr="Les adultes paient 75 euros, les enfants 41 euros.",
        cost_en="Adults pay 75 euros, children 41 euros.",
        documents_nl="Je identiteitskaart\nEen recente pasfoto\nJe oude paspoort",
        documents_fr="Votre carte d'identité\nUne photo d'identité récente\nVotre ancien passeport",
        documents_en="Your identity card\nA recent passport photo\nYour old passport",
        procedure_nl="Je vraagt het paspoort aan op afspraak. Na ongeveer een week haal je het af aan het snelloket.",
        procedure_fr="Demandez le passeport sur rendez-vous. Après une semaine, retirez-le au guichet rapide.",
        procedure_en="You apply by appointment. After about a week you collect it at the quick counter.",
        processing_time_nl="Ongeveer 7 werkdagen",
        processing_time_fr="Environ 7 jours ouvrables",
        processing_time_en="About 7 working days",
        legal_basis_nl="Wet van 14 augustus 1974 betreffende de afgifte van paspoorten",
        legal_basis_fr="Loi du 14 août 1974 relative à la délivrance des passeports",
        legal_basis_en="Act of 14 August 1974 on the issue of passports",
        keywords_nl="paspoort, reispas, reizen",
        keywords_fr="passeport, voyage",
        keywords_en="passport, travel document",
        duration_minutes=15,
    )
    ServiceChannelFactory(
        service=passport,
        kind=ChannelKind.APPOINTMENT,
        order=1,
        instructions_nl="Maak een afspraak bij het themaloket Burgerzaken.",
        instructions_fr="Prenez rendez-vous au guichet thématique Population.",
        instructions_en="Make an appointment at the Civil Affairs theme counter.",
    )
    ServiceChannelFactory(
        service=passport,
        kind=ChannelKind.QUICK_COUNTER,
        order=2,
        instructions_nl="Haal je paspoort af zonder afspraak.",
        instructions_fr="Retirez votre passeport sans rendez-vous.",
        instructions_en="Collect your passport without an appointment.",
    )
    ServiceChannelFactory(service=passport, kind=ChannelKind.PHONE, order=3, phone="0800 20 800")

    identity_card = ServiceFactory(organisation=city, slug="identity-card", keywords_nl="eid", keywords_en="eid")
    ServiceChannelFactory(service=identity_card, kind=ChannelKind.APPOINTMENT)
    moving = ServiceFactory(
        organisation=city,
        slug="change-of-address",
        title_nl="Verhuizing doorgeven",
        title_fr="Déclarer un changement d'adresse",
        title_en="Report a change of address",
        summary_nl="Geef je nieuwe adres door binnen 8 dagen na je verhuizing.",
        summary_fr="",  # not translated yet: shown in Dutch, marked
        summary_en="",
        keywords_nl="verhuizen, nieuw adres",
        keywords_fr="déménager, nouvelle adresse",
        keywords_en="moving house, new address",
    )
    ServiceChannelFactory(service=moving, kind=ChannelKind.ONLINE, url="https://e-loket.example.be/verhuizen")
    passport.related.add(identity_card)

    event = LifeEventFactory(
        slug="moving",
        description_nl="Wat je regelt als je verhuist.",
        description_fr="Ce qu'il faut régler quand vous déménagez.",
        description_en="What to arrange when you move.",
    )
    travel = LifeEventFactory(
        slug="travel",
        title_nl="Ik ga op reis",
        title_fr="Je pars en voyage",
        title_en="I am going abroad",
    )
    moving.life_events.add(event)
    identity_card.life_events.add(event)
    passport.life_events.add(travel)
    return {"passport": passport, "event": event}


def h1_text(page) -> str:  # noqa: ANN001
    return page.locator("h1").inner_text().strip()


@pytest.mark.parametrize("lang", LANGS)
def test_citizen_searches_in_their_language_and_opens_the_service(page, catalogue, lang: str) -> None:  # noqa: ANN001
    page.goto(f"/{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
    screenshot(page, f"catalogue-home-{lang}")
    search_box = page.locator("#search-q")
    search_box.fill(QUERIES[lang])
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("[role=status]").count() == 1
    first = page.locator(".service-card-title a").first
    assert first.inner_text().strip() == PASSPORT[lang]
    screenshot(page, f"catalogue-results-{lang}")
    first.click()
    page.wait_for_url(f"**/{lang}/services/passport/")
    assert h1_text(page) == PASSPORT[lang]
    assert page.locator(".opening-today").first.inner_text().count(":") >= 2  # today's hours shown
    screenshot(page, f"catalogue-service-{lang}")


def test_switching_language_keeps_the_citizen_on_the_service(page, catalogue) -> None:  # noqa: ANN001
    page.goto("/nl/services/passport/")
    page.locator(".language-switch button[lang=fr]").click()
    page.wait_for_url("**/fr/services/passport/")
    assert h1_text(page) == PASSPORT["fr"]
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator(".language-switch button[lang=en]").click()
    page.wait_for_url("**/en/services/passport/")
    assert h1_text(page) == PASSPORT["en"]
    # The choice is remembered: the bare address opens in English.
    page.goto("/")
    page.wait_for_url("**/en/")


def test_switching_language_keeps_the_search(page, catalogue) -> None:  # noqa: ANN001
    page.goto("/nl/search/?q=paspoort")
    page.locator(".language-switch button[lang=en]").click()
    page.wait_for_url("**/en/search/?q=paspoort")
    assert page.locator(".service-card-title a").first.inner_text().strip() == PASSPORT["en"]


def test_citizen_reports_an_error_by_keyboard_only(page, catalogue) -> None:  # noqa: ANN001
    page.goto("/en/services/passport/")
    # The skip link is the first stop and takes the focus into the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Sending an empty report says so next to the field and saves nothing.
    tab_to(page, "#report button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_message-error").is_visible()
    assert page.locator("#id_message").get_attribute("aria-invalid") == "true"
    screenshot(page, "catalogue-report-error-en")
    assert ContentReport.objects.count() == 0

    tab_to(page, "#id_message")
    page.keyboard.type("The price for children is 41 euros, not 35.")
    tab_to(page, "#id_email")
    page.keyboard.type("ana@example.be")
    tab_to(page, "#report button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/en/services/passport/report/thanks/(#.*)?$", page.url)
    assert page.locator(".confirmation h1").is_visible()
    screenshot(page, "catalogue-report-thanks-en")
    report = ContentReport.objects.get()
    assert (report.service.slug, report.email, report.language) == ("passport", "ana@example.be", "en")


def test_untranslated_text_is_marked_in_the_page(page, catalogue) -> None:  # noqa: ANN001
    page.goto("/fr/services/change-of-address/")
    summary = page.locator("#what .prose")
    assert summary.get_attribute("lang") == "nl"
    assert page.locator("#what .fallback-note").is_visible()
    screenshot(page, "catalogue-fallback-fr")


PAGES = {
    "home": "/{lang}/",
    "results": "/{lang}/search/?q={query}",
    "no-results": "/{lang}/search/?q=zzzqqqxxx",
    "service": "/{lang}/services/passport/",
    "service-fallback": "/{lang}/services/change-of-address/",
    "life-event": "/{lang}/life-events/moving/",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(PAGES))
def test_public_pages_have_no_wcag_violations(page, catalogue, lang: str, name: str) -> None:  # noqa: ANN001
    page.goto(PAGES[name].format(lang=lang, query=QUERIES[lang]))
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1 and page.locator("header").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("name", list(PAGES))
def test_public_pages_fit_a_320_pixel_screen(browser, live_server, catalogue, name: str) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(PAGES[name].format(lang="fr", query=QUERIES["fr"]))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        screenshot(page, f"catalogue-320-{name}-fr")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px wide"
    finally:
        context.close()


def test_search_and_report_work_without_javascript(browser, live_server, catalogue) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/nl/")
        page.locator("#search-q").fill("paspoort")
        page.locator("form[role=search] button[type=submit]").click()
        page.wait_for_url(re.compile(r"/nl/search/"))
        page.locator(".service-card-title a").first.click()
        page.wait_for_url("**/nl/services/passport/")
        page.locator("#id_message").fill("De prijs klopt niet.")
        page.locator("#report button[type=submit]").click()
        page.wait_for_url(re.compile(r"/nl/services/passport/report/thanks/(#.*)?$"))
        page.locator(".language-switch button[lang=fr]").click()
        page.wait_for_url(re.compile(r"/fr/services/passport/report/thanks/(#.*)?$"))
    finally:
        context.close()
    assert ContentReport.objects.get().language == "nl"


def test_focus_is_visible_on_links_and_buttons(page, catalogue) -> None:  # noqa: ANN001
    page.goto("/en/services/passport/")
    tab_to(page, "#report button[type=submit]")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
