"""The citizen's catalogue pages: home, search, service sheet, life event, report form.

Assertions are on content data (service titles per language, URLs, structure), never on the
translated UI chrome, whose translations are made separately.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation

from loket.catalog.forms import ContentReportForm
from loket.catalog.models import ChannelKind, ContentReport, ServiceStatus
from loket.organisations.models import DeskKind
from tests.factories import (
    LifeEventFactory,
    LocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ServiceChannelFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

TITLES = {
    "nl": "Paspoort aanvragen",
    "fr": "Demander un passeport",
    "en": "Apply for a passport",
}


def make_passport(**overrides: object):  # noqa: ANN201
    """The passport service in three languages with three channels; ``overrides`` change fields."""
    fields: dict[str, object] = {
        "slug": "passport",
        **{f"title_{lang}": title for lang, title in TITLES.items()},
        "keywords_nl": "paspoort, reispas",
        "keywords_fr": "passeport",
        "keywords_en": "passport, travel document",
        "documents_nl": "Je identiteitskaart\nEen recente pasfoto\n\n- Je oude paspoort",
        "documents_fr": "Votre carte d'identité\nUne photo récente\nVotre ancien passeport",
        "documents_en": "Your identity card\nA recent photo\nYour old passport",
        "cost_amount": Decimal("75.00"),
        "cost_nl": "75 euro voor volwassenen.",
        "cost_fr": "75 euros pour les adultes.",
        "cost_en": "75 euros for adults.",
    }
    service = ServiceFactory(**{**fields, **overrides})
    ServiceChannelFactory(service=service, kind=ChannelKind.QUICK_COUNTER, order=1)
    ServiceChannelFactory(
        service=service,
        kind=ChannelKind.ONLINE,
        url="https://e-loket.example.be/paspoort",
        order=0,
        instructions_nl="Vraag het aan via het e-loket.",
        instructions_fr="Demandez-le au guichet électronique.",
        instructions_en="Apply at the e-counter.",
    )
    ServiceChannelFactory(service=service, kind=ChannelKind.PHONE, phone="0800 20 800", order=2)
    return service


def get_ok(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_home_lists_search_box_and_life_events_in_each_language(client: Client, lang: str) -> None:
    event = LifeEventFactory(slug="moving")
    service = make_passport()
    service.life_events.add(event)
    html = get_ok(client, f"/{lang}/")
    assert f'<html lang="{lang}">' in html
    assert 'type="search"' in html and 'name="q"' in html and '<label for="search-q">' in html
    assert f'href="/{lang}/life-events/moving/"' in html
    assert {"nl": "Ik verhuis", "fr": "Je déménage", "en": "I am moving"}[lang] in html
    assert TITLES[lang] in html  # a most-asked service
    assert html.count("<h1") == 1


def test_home_hides_life_events_without_published_services(client: Client) -> None:
    LifeEventFactory(slug="empty-event")
    assert "/nl/life-events/empty-event/" not in get_ok(client, "/nl/")


@pytest.mark.parametrize(("lang", "query"), [("nl", "paspoort"), ("fr", "passeport"), ("en", "passport")])
def test_search_finds_the_service_in_each_language(client: Client, lang: str, query: str) -> None:
    make_passport()
    ServiceFactory(slug="waste-bags", title_nl="Huisvuilzakken", title_fr="Sacs poubelle", title_en="Waste bags")
    html = get_ok(client, f"/{lang}/search/?q={query}")
    first = re.search(r'class="service-card-title"><a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert first and first.groups() == (f"/{lang}/services/passport/", TITLES[lang])
    assert 'role="status"' in html
    assert "tag-online" in html and "tag-quick_counter" in html  # how to get it, at a glance
    assert html.count("<h1") == 1


def test_search_without_results_suggests_life_events(client: Client) -> None:
    event = LifeEventFactory(slug="moving")
    make_passport().life_events.add(event)
    html = get_ok(client, "/en/search/?q=xylophone")
    assert "/services/passport/" not in html
    assert 'class="no-results"' in html
    assert 'href="/en/life-events/moving/"' in html


def test_search_can_be_narrowed_to_a_life_event(client: Client) -> None:
    event = LifeEventFactory(slug="moving")
    make_passport()
    other = ServiceFactory(slug="passport-photo", title_en="Passport photo booth", keywords_en="passport")
    other.life_events.add(event)
    html = get_ok(client, "/en/search/?q=passport&life_event=moving")
    assert "/en/services/passport-photo/" in html
    assert 'href="/en/services/passport/"' not in html
    assert 'name="life_event" value="moving"' in html


def test_search_with_only_a_life_event_lists_its_services(client: Client) -> None:
    event = LifeEventFactory(slug="moving")
    make_passport().life_events.add(event)
    html = get_ok(client, "/fr/search/?life_event=moving")
    assert 'href="/fr/services/passport/"' in html


def test_search_hides_drafts(client: Client) -> None:
    make_passport(status=ServiceStatus.DRAFT)
    assert "/services/passport/" not in get_ok(client, "/nl/search/?q=paspoort")


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_service_page_answers_in_order_in_each_language(client: Client, lang: str) -> None:
    service = make_passport()
    service.audience_nl = service.audience_fr = service.audience_en = "Belgen / Belges / Belgians"
    service.processing_time_nl = service.processing_time_fr = service.processing_time_en = "5 dagen / 5 jours / 5 days"
    service.legal_basis_nl = service.legal_basis_fr = service.legal_basis_en = "Wet 14.08.1974"
    service.save()
    html = get_ok(client, f"/{lang}/services/passport/")
    assert f'<h1 id="service-title">{TITLES[lang]}</h1>' in html
    order = [
        "what-heading",
        "who-heading",
        "cost-heading",
        "bring-heading",
        "how-heading",
        "time-heading",
        "law-heading",
    ]
    positions = [html.index(f'id="{anchor}"') for anchor in order]
    assert positions == sorted(positions)
    documents = {"nl": "Een recente pasfoto", "fr": "Une photo récente", "en": "A recent photo"}[lang]
    assert f"<li>{documents}</li>" in html
    if lang == "nl":
        assert "<li>Je oude paspoort</li>" in html  # list bullets and empty lines are dropped
    assert 'href="https://e-loket.example.be/paspoort"' in html
    assert 'href="tel:080020800"' in html
    assert "75" in html
    assert f'action="/{lang}/services/passport/report/#report"' in html
    assert "csrfmiddlewaretoken" in html
    assert html.count("<h1") == 1


def test_draft_service_page_is_not_found(client: Client) -> None:
    make_passport(status=ServiceStatus.DRAFT)
    assert client.get("/en/services/passport/").status_code == 404
    assert client.post("/en/services/passport/report/", {"message": "x"}).status_code == 404
    assert ContentReport.objects.count() == 0


def test_unknown_service_and_life_event_are_not_found(client: Client) -> None:
    assert client.get("/nl/services/no-such-thing/").status_code == 404
    assert client.get("/nl/life-events/no-such-thing/").status_code == 404


def test_missing_translation_is_shown_in_another_language_and_marked(client: Client) -> None:
    make_passport(summary_en="", summary_fr="")
    html = get_ok(client, "/en/services/passport/")
    assert '<div class="prose" lang="nl"><p>Elke Belg vanaf 12 jaar' in html
    assert 'class="fallback-note"' in html
    # A complete text in the reader's language carries no mark.
    nl_html = get_ok(client, "/nl/services/passport/")
    assert 'class="fallback-note"' not in nl_html


def test_missing_title_translation_is_marked_in_lists(client: Client) -> None:
    make_passport(title_en="")
    html = get_ok(client, "/en/search/?q=paspoort")
    assert f'<a href="/en/services/passport/" lang="nl">{TITLES["nl"]}</a>' in html


def test_quick_counter_shows_todays_opening_hours_of_the_organisations_locations(client: Client) -> None:
    organisation = OrganisationFactory()
    # Open on public holidays too, so the test does not depend on the day it runs.
    location = LocationFactory(organisation=organisation, name_en="City hall", closed_on_public_holidays=False)
    weekday = timezone.localdate().weekday()
    OpeningHoursFactory(
        location=location,
        desk_kind=DeskKind.QUICK,
        weekday=weekday,
        opens=datetime.time(8, 30),
        closes=datetime.time(12, 45),
    )
    OpeningHoursFactory(
        location=location,
        desk_kind=DeskKind.THEME,
        weekday=weekday,
        opens=datetime.time(13, 15),
        closes=datetime.time(16, 5),
    )
    service = make_passport(organisation=organisation)
    ServiceChannelFactory(service=service, kind=ChannelKind.APPOINTMENT, order=3)
    html = get_ok(client, "/en/services/passport/")
    quick = html[html.index("channel-quick_counter") : html.index("channel-phone")]
    assert "City hall" in quick and "08:30–12:45" in quick
    appointment = html[html.index("channel-appointment") :]
    assert "13:15–16:05" in appointment
    assert 'href="tel:080020800"' in appointment  # book by phone: no fake booking page


def test_related_services_and_life_events_are_linked(client: Client) -> None:
    service = make_passport()
    other = ServiceFactory(slug="identity-card")
    draft = ServiceFactory(slug="secret-draft", status=ServiceStatus.DRAFT)
    service.related.add(other, draft)
    event = LifeEventFactory(slug="moving")
    service.life_events.add(event)
    html = get_ok(client, "/fr/services/passport/")
    assert 'href="/fr/services/identity-card/"' in html
    assert "secret-draft" not in html
    assert 'href="/fr/life-events/moving/"' in html


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_life_event_page_lists_its_published_services(client: Client, lang: str) -> None:
    event = LifeEventFactory(slug="moving", description_en="What to arrange when you move.")
    make_passport().life_events.add(event)
    ServiceFactory(slug="secret-draft", status=ServiceStatus.DRAFT).life_events.add(event)
    html = get_ok(client, f"/{lang}/life-events/moving/")
    assert {"nl": "Ik verhuis", "fr": "Je déménage", "en": "I am moving"}[lang] in html
    assert f'href="/{lang}/services/passport/"' in html and TITLES[lang] in html
    assert "secret-draft" not in html
    assert html.count("<h1") == 1


def test_report_is_saved_for_the_editor_and_thanked(client: Client) -> None:
    service = make_passport()
    response = client.post(
        "/fr/services/passport/report/", {"message": "  Le prix a changé.  ", "email": "ana@example.be"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/services/passport/report/thanks/"
    report = ContentReport.objects.get()
    assert (report.service, report.message, report.email, report.language) == (
        service,
        "Le prix a changé.",
        "ana@example.be",
        "fr",
    )
    html = get_ok(client, response["Location"])
    assert 'class="confirmation"' in html and 'href="/fr/services/passport/"' in html


def test_report_without_email_is_accepted(client: Client) -> None:
    make_passport()
    assert client.post("/nl/services/passport/report/", {"message": "Foute prijs"}).status_code == 302
    assert ContentReport.objects.get().email == ""


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_empty_report_says_so_next_to_the_field_in_the_users_language_and_saves_nothing(
    client: Client, lang: str
) -> None:
    make_passport()
    response = client.post(f"/{lang}/services/passport/report/", {"message": "   ", "email": ""})
    assert response.status_code == 400
    assert ContentReport.objects.count() == 0
    html = response.content.decode()
    with translation.override(lang):
        expected = str(ContentReportForm.base_fields["message"].error_messages["required"])
    error = re.search(r'<p class="error-text" id="id_message-error">(.*?)</p>', html, re.S)
    assert error and expected in error.group(1)
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_message-hint id_message-error"' in html


def test_report_with_a_bad_email_keeps_the_message_and_saves_nothing(client: Client) -> None:
    make_passport()
    response = client.post("/en/services/passport/report/", {"message": "Wrong price", "email": "not-an-address"})
    assert response.status_code == 400
    assert ContentReport.objects.count() == 0
    html = response.content.decode()
    assert 'id="id_email-error"' in html
    assert ">Wrong price</textarea>" in html


def test_report_form_needs_csrf(client: Client) -> None:
    make_passport()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/en/services/passport/report/", {"message": "Wrong"}).status_code == 403
    assert ContentReport.objects.count() == 0


def test_report_url_by_get_goes_back_to_the_service_page(client: Client) -> None:
    make_passport()
    response = client.get("/fr/services/passport/report/")
    assert response.status_code == 302 and response["Location"] == "/fr/services/passport/#report"


@pytest.mark.parametrize("browser_language", ["nl", "en"])
@pytest.mark.parametrize(
    "path",
    ["/nl/", "/nl/search/?q=paspoort&life_event=moving", "/nl/services/passport/", "/nl/life-events/moving/"],
)
def test_language_switch_keeps_the_citizen_on_the_same_page(client: Client, path: str, browser_language: str) -> None:
    make_passport().life_events.add(LifeEventFactory(slug="moving"))
    html = get_ok(client, path)
    form = re.search(r'<input name="next" type="hidden" value="([^"]*)">\s*<button[^>]*value="fr"', html)
    assert form, "no language form for French"
    next_url = form.group(1).replace("&amp;", "&")
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": next_url}, HTTP_ACCEPT_LANGUAGE=browser_language
    )
    assert response.status_code == 302
    assert response["Location"] == path.replace("/nl/", "/fr/", 1)
    assert '<html lang="fr">' in get_ok(client, response["Location"])


def test_search_results_page_costs_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries) -> None:  # noqa: ANN001
    event = LifeEventFactory(slug="moving")
    for n in range(15):
        service = ServiceFactory(slug=f"passport-{n}", title_nl=f"Paspoort {n}", keywords_nl="paspoort")
        ServiceChannelFactory(service=service, kind=ChannelKind.ONLINE, url="https://example.be")
        ServiceChannelFactory(service=service, kind=ChannelKind.APPOINTMENT)
        service.life_events.add(event)
    get_ok(client, "/nl/search/?q=paspoort")  # the search index of this process is built once
    with django_assert_max_num_queries(5):
        html = get_ok(client, "/nl/search/?q=paspoort&life_event=moving")
    assert html.count('class="service-card"') == 15


def test_home_page_costs_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries) -> None:  # noqa: ANN001
    from loket.catalog.selectors import MOST_ASKED_SLUGS

    events = [LifeEventFactory(slug=f"event-{n}") for n in range(6)]
    for slug in MOST_ASKED_SLUGS:
        service = ServiceFactory(slug=slug)
        ServiceChannelFactory(service=service, kind=ChannelKind.QUICK_COUNTER)
        ServiceChannelFactory(service=service, kind=ChannelKind.PHONE)
        service.life_events.add(*events)
    with django_assert_max_num_queries(4):
        html = get_ok(client, "/nl/")
    assert html.count('class="service-card card"') == len(MOST_ASKED_SLUGS)
    assert html.count('class="card"') == len(events)


def test_service_page_costs_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries) -> None:  # noqa: ANN001
    service = make_passport()
    ServiceChannelFactory(service=service, kind=ChannelKind.APPOINTMENT, order=5)
    weekday = timezone.localdate().weekday()
    for n in range(5):
        service.related.add(ServiceFactory(slug=f"related-{n}"))
        service.life_events.add(LifeEventFactory())
        location = LocationFactory(organisation=service.organisation)
        for desk_kind in (DeskKind.QUICK, DeskKind.THEME, DeskKind.PHONE):
            OpeningHoursFactory(location=location, desk_kind=desk_kind, weekday=weekday)
            OpeningHoursFactory(location=location, desk_kind=desk_kind, weekday=(weekday + 1) % 7)
    # Opening hours of every location come prefetched: opening_on and next_opening add no query.
    with django_assert_max_num_queries(9):
        get_ok(client, "/nl/services/passport/")


def test_numbered_procedure_is_shown_as_steps(client: Client) -> None:
    make_passport(procedure_en="1. Book an appointment.\n2) Come with your documents.\n\n3. Collect it.")
    html = get_ok(client, "/en/services/passport/")
    assert '<ol class="steps">' in html
    assert "<li>Book an appointment.</li>" in html and "<li>Collect it.</li>" in html


def test_free_service_says_so_once(client: Client) -> None:
    make_passport(cost_amount=Decimal("0"), cost_en="", cost_nl="", cost_fr="")
    html = get_ok(client, "/en/services/passport/")
    assert 'class="price"' in html
    ServiceFactory(slug="waste-bags", cost_amount=Decimal("0"), cost_en="Free of charge.")
    html = get_ok(client, "/en/services/waste-bags/")
    assert 'class="price"' not in html and "Free of charge." in html
