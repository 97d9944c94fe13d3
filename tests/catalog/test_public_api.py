"""The public catalogue API: services (search, list, detail) and life events, and its schema."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.catalog.models import ChannelKind, ServiceStatus
from tests.factories import LifeEventFactory, ServiceChannelFactory, ServiceFactory

pytestmark = pytest.mark.django_db

TITLES = {"nl": "Paspoort aanvragen", "fr": "Demander un passeport", "en": "Apply for a passport"}


@pytest.fixture
def passport():  # noqa: ANN201
    service = ServiceFactory(
        slug="passport",
        title_nl=TITLES["nl"],
        title_fr=TITLES["fr"],
        title_en=TITLES["en"],
        keywords_nl="paspoort, reispas",
        keywords_fr="passeport",
        keywords_en="passport",
        documents_nl="Je identiteitskaart\nEen pasfoto",
        documents_fr="Votre carte d'identité\nUne photo",
        documents_en="",
        summary_en="",
        duration_minutes=5,
    )
    ServiceChannelFactory(service=service, kind=ChannelKind.ONLINE, url="https://e-loket.example.be/paspoort")
    ServiceChannelFactory(service=service, kind=ChannelKind.APPOINTMENT, instructions_nl="Maak een afspraak.")
    return service


def test_search_returns_ranked_services_with_their_page_in_that_language(client: Client, passport) -> None:  # noqa: ANN001
    ServiceFactory(slug="waste-bags", title_nl="Huisvuilzakken", title_fr="Sacs poubelle", title_en="Waste bags")
    response = client.get("/api/v1/services/", {"q": "passeport", "lang": "fr"})
    assert response.status_code == 200
    body = response.json()
    assert body["lang"] == "fr"
    first = body["results"][0]
    assert first["slug"] == "passport"
    assert first["title"] == TITLES["fr"]
    assert first["url"] == "http://testserver/fr/services/passport/"
    assert [c["kind"] for c in first["channels"]] == ["online", "appointment"]
    assert first["duration_minutes"] == 5
    assert first["appointment_required"] is True
    assert set(first) >= {"slug", "title", "summary", "channels", "duration_minutes", "appointment_required", "url"}


@pytest.mark.parametrize(("lang", "query"), [("nl", "paspoort"), ("fr", "passeport"), ("en", "passport")])
def test_search_works_in_each_language(client: Client, passport, lang: str, query: str) -> None:  # noqa: ANN001
    body = client.get("/api/v1/services/", {"q": query, "lang": lang}).json()
    assert body["results"][0]["slug"] == "passport"
    assert body["results"][0]["title"] == TITLES[lang]


def test_list_marks_texts_shown_in_another_language(client: Client, passport) -> None:  # noqa: ANN001
    item = client.get("/api/v1/services/", {"lang": "en"}).json()["results"][0]
    assert item["summary"].startswith("Elke Belg")
    assert item["fallback_languages"] == {"summary": "nl"}


def test_list_without_query_gives_every_published_service_in_slug_order(client: Client, passport) -> None:  # noqa: ANN001
    ServiceFactory(slug="birth-declaration")
    ServiceFactory(slug="a-draft", status=ServiceStatus.DRAFT)
    body = client.get("/api/v1/services/", {"lang": "nl"}).json()
    assert body["count"] == 2
    assert [r["slug"] for r in body["results"]] == ["birth-declaration", "passport"]
    page = client.get("/api/v1/services/", {"lang": "nl", "limit": 1, "offset": 1}).json()
    assert [r["slug"] for r in page["results"]] == ["passport"] and page["count"] == 2


def test_list_filters_on_life_event(client: Client, passport) -> None:  # noqa: ANN001
    event = LifeEventFactory(slug="travel")
    passport.life_events.add(event)
    ServiceFactory(slug="waste-bags")
    body = client.get("/api/v1/services/", {"life_event": "travel", "lang": "en"}).json()
    assert [r["slug"] for r in body["results"]] == ["passport"]
    searched = client.get("/api/v1/services/", {"q": "passport", "life_event": "travel"}).json()
    assert [r["slug"] for r in searched["results"]] == ["passport"]


def test_search_never_returns_drafts(client: Client) -> None:
    ServiceFactory(slug="passport", title_nl="Paspoort", keywords_nl="paspoort", status=ServiceStatus.DRAFT)
    assert client.get("/api/v1/services/", {"q": "paspoort"}).json()["results"] == []


def test_language_defaults_to_the_request_language(client: Client, passport) -> None:  # noqa: ANN001
    body = client.get("/api/v1/services/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert body["lang"] == "fr" and body["results"][0]["title"] == TITLES["fr"]


@pytest.mark.parametrize("url", ["/api/v1/services/", "/api/v1/services/passport/", "/api/v1/life-events/"])
def test_bad_language_is_a_clear_400(client: Client, passport, url: str) -> None:  # noqa: ANN001
    response = client.get(url, {"lang": "de"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_language" and body["field"] == "lang"
    assert "de" in body["message"] and "nl" in body["message"]


def test_unknown_life_event_is_a_400(client: Client) -> None:
    response = client.get("/api/v1/services/", {"life_event": "no-such-event"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_life_event"


def test_bad_limit_is_a_400(client: Client) -> None:
    response = client.get("/api/v1/services/", {"limit": "0"})
    assert response.status_code == 400
    assert response.json()["field"] == "limit"


def test_detail_gives_the_full_sheet_with_fallbacks_named(client: Client, passport) -> None:  # noqa: ANN001
    other = ServiceFactory(slug="identity-card")
    passport.related.add(other)
    passport.life_events.add(LifeEventFactory(slug="travel"))
    response = client.get("/api/v1/services/passport/", {"lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == TITLES["en"]
    assert body["url"] == "http://testserver/en/services/passport/"
    assert body["documents"] == ["Je identiteitskaart", "Een pasfoto"]
    assert body["fallback_languages"] == {"summary": "nl", "documents": "nl"}
    appointment = next(c for c in body["channels"] if c["kind"] == "appointment")
    assert appointment["instructions"] == "Maak een afspraak." and appointment["fallback_language"] == "nl"
    assert body["related"] == [
        {"slug": "identity-card", "title": other.title_en, "url": "http://testserver/en/services/identity-card/"}
    ]
    assert body["life_events"][0]["url"] == "http://testserver/en/life-events/travel/"
    assert body["last_reviewed"] == "2026-09-01"


def test_detail_in_the_readers_language_has_no_fallbacks(client: Client, passport) -> None:  # noqa: ANN001
    body = client.get("/api/v1/services/passport/", {"lang": "nl"}).json()
    assert body["fallback_languages"] == {}
    assert body["documents"] == ["Je identiteitskaart", "Een pasfoto"]


def test_unknown_or_draft_service_is_a_404_in_json(client: Client) -> None:
    ServiceFactory(slug="secret", status=ServiceStatus.DRAFT)
    for slug in ("secret", "no-such-service"):
        response = client.get(f"/api/v1/services/{slug}/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"] == "service_not_found"


def test_life_events_list_their_published_services(client: Client, passport) -> None:  # noqa: ANN001
    event = LifeEventFactory(slug="moving", description_fr="Ce qu'il faut régler quand on déménage.")
    passport.life_events.add(event)
    ServiceFactory(slug="secret", status=ServiceStatus.DRAFT).life_events.add(event)
    body = client.get("/api/v1/life-events/", {"lang": "fr"}).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item == {
        "slug": "moving",
        "title": "Je déménage",
        "description": "Ce qu'il faut régler quand on déménage.",
        "url": "http://testserver/fr/life-events/moving/",
        "services": ["passport"],
        "fallback_languages": {},
    }


def test_list_costs_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries) -> None:  # noqa: ANN001
    for n in range(12):
        service = ServiceFactory(slug=f"service-{n}")
        ServiceChannelFactory(service=service, kind=ChannelKind.ONLINE)
        ServiceChannelFactory(service=service, kind=ChannelKind.PHONE)
    # 6 of them are the anonymous throttle's counter in the database cache; none grows with the list.
    with django_assert_max_num_queries(10):
        body = client.get("/api/v1/services/", {"lang": "en"}).json()
    assert body["count"] == 12


def test_schema_documents_the_catalogue_endpoints(client: Client) -> None:
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    assert {"/api/v1/services/", "/api/v1/services/{slug}/", "/api/v1/life-events/"} <= set(paths)
    listing = paths["/api/v1/services/"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"q", "lang", "life_event", "limit", "offset"}
    assert {"200", "400"} <= set(listing["responses"])
    assert {"200", "400", "404"} <= set(paths["/api/v1/services/{slug}/"]["get"]["responses"])
    lang = next(p for p in listing["parameters"] if p["name"] == "lang")
    assert lang["schema"]["enum"] == ["nl", "fr", "en"]
