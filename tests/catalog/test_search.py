"""Search over the published catalogue, against the database (SQLite here, PostgreSQL in CI)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command

from loket.catalog import search, search_engine
from loket.catalog.models import Service, ServiceEmbedding, ServiceStatus
from loket.catalog.search import catalogue_index, search_services, service_embeddings_refresh
from tests.factories import LifeEventFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    search.clear_index_cache()
    yield
    search.clear_index_cache()


@pytest.fixture
def catalogue() -> dict[str, Service]:
    organisation = OrganisationFactory()
    services = {
        "passport": ServiceFactory(
            organisation=organisation,
            slug="passport",
            title_nl="Reispas aanvragen",
            title_fr="Demander un passeport",
            title_en="Apply for a passport",
            keywords_nl="paspoort, reispaspoort, reizen",
            keywords_fr="passeport, voyage",
            keywords_en="passport, travel document",
            summary_nl="Met een reispas reis je naar landen buiten Europa.",
            summary_fr="Le passeport permet de voyager hors d'Europe.",
            summary_en="A passport lets you travel outside Europe.",
        ),
        "change-of-address": ServiceFactory(
            organisation=organisation,
            slug="change-of-address",
            title_nl="Adreswijziging doorgeven",
            title_fr="Changement d'adresse",
            title_en="Change of address",
            keywords_nl="verhuizen, verhuis, nieuw adres",
            keywords_fr="déménagement, déménager, nouvelle adresse",
            keywords_en="moving house, new address",
            summary_nl="Verhuis je? Geef je nieuwe adres binnen acht dagen door.",
            summary_fr="Vous déménagez? Déclarez votre nouvelle adresse dans les huit jours.",
            summary_en="Moving? Report your new address within eight days.",
        ),
        "identity-card": ServiceFactory(organisation=organisation, slug="identity-card", keywords_nl="eID, id-kaart"),
        "waste-bags": ServiceFactory(
            organisation=organisation,
            slug="waste-bags",
            title_nl="Afvalzakken kopen",
            title_fr="Acheter des sacs poubelle",
            title_en="Buy waste bags",
            keywords_nl="huisvuilzakken, vuilniszakken",
            keywords_fr="sacs à déchets",
            keywords_en="rubbish bags, garbage bags",
            summary_nl="De officiële zakken voor restafval koop je aan het snelloket.",
            summary_fr="Les sacs officiels pour les déchets résiduels s'achètent au guichet rapide.",
            summary_en="Buy the official bags for residual waste at the quick counter.",
        ),
        # Not translated into French yet.
        "resident-parking-permit": ServiceFactory(
            organisation=organisation,
            slug="resident-parking-permit",
            title_nl="Bewonerskaart voor parkeren",
            title_fr="",
            title_en="Resident parking permit",
            keywords_nl="parkeerkaart, parkeren in je straat",
            keywords_fr="",
            keywords_en="parking card, park in your street",
            summary_nl="Met een bewonerskaart parkeer je met je auto in je eigen buurt.",
            summary_fr="",
            summary_en="With a resident's permit you park your car in your own neighbourhood.",
        ),
        "secret-draft": ServiceFactory(
            organisation=organisation,
            slug="secret-draft",
            status=ServiceStatus.DRAFT,
            title_nl="Paspoort voor ruimtereizen",
            title_fr="Passeport spatial",
            title_en="Space passport",
            keywords_nl="paspoort",
            keywords_en="passport",
        ),
    }
    moving = LifeEventFactory(slug="moving")
    moving.services.add(services["change-of-address"], services["resident-parking-permit"], services["secret-draft"])
    return services


def slugs(query: str, lang: str = "nl", **kwargs: object) -> list[str]:
    return [hit.service.slug for hit in search_services(query=query, lang=lang, **kwargs)]  # type: ignore[arg-type]


def test_a_typo_still_finds_the_passport(catalogue: dict[str, Service]) -> None:
    assert slugs("paspoort aanvragn")[0] == "passport"


@pytest.mark.parametrize(
    ("query", "lang"), [("verhuizen", "nl"), ("je déménage", "fr"), ("moving house", "en"), ("ik verhuis", "nl")]
)
def test_moving_in_any_language_finds_the_change_of_address(
    catalogue: dict[str, Service], query: str, lang: str
) -> None:
    assert slugs(query, lang)[0] == "change-of-address"


def test_a_french_query_finds_a_service_without_french_text(catalogue: dict[str, Service]) -> None:
    # No word of the query occurs in the permit's Dutch or English text: only meaning links them.
    assert slugs("stationnement pour les riverains", "fr")[0] == "resident-parking-permit"


def test_a_draft_is_never_found(catalogue: dict[str, Service]) -> None:
    for query in ("paspoort", "ruimtereizen", "space passport", "passeport spatial", ""):
        assert "secret-draft" not in slugs(query, limit=50)
    assert "secret-draft" not in slugs("", life_event="moving")


def test_only_published_services_are_indexed(catalogue: dict[str, Service]) -> None:
    published = {s.pk for s in catalogue.values() if s.status == ServiceStatus.PUBLISHED}
    assert set(catalogue_index().engine.ids) == published


def test_an_empty_query_lists_published_services_by_title_in_the_language(catalogue: dict[str, Service]) -> None:
    assert slugs("", "nl") == [
        "change-of-address",  # Adreswijziging
        "waste-bags",  # Afvalzakken
        "resident-parking-permit",  # Bewonerskaart
        "identity-card",  # Identiteitskaart
        "passport",  # Reispas
    ]
    # Without a French title the parking permit sorts by its title in another language.
    assert slugs("", "fr") == [
        "waste-bags",  # Acheter
        "resident-parking-permit",  # Bewonerskaart (nl fallback)
        "change-of-address",  # Changement
        "passport",  # Demander un passeport
        "identity-card",  # Demander une carte
    ]
    assert slugs("", "en", limit=3) == ["passport", "identity-card", "waste-bags"]  # Apply..., Buy...


def test_life_event_limits_results(catalogue: dict[str, Service]) -> None:
    assert slugs("", life_event="moving") == ["change-of-address", "resident-parking-permit"]
    assert set(slugs("verhuizen", life_event="moving")) <= {"change-of-address", "resident-parking-permit"}
    assert slugs("afvalzakken", life_event="moving") == []
    assert slugs("", life_event="no-such-event") == []


def test_hits_are_ranked_best_first(catalogue: dict[str, Service]) -> None:
    hits = search_services(query="adres", lang="nl")
    assert hits[0].service.slug == "change-of-address"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_the_index_is_rebuilt_after_a_service_changes(catalogue: dict[str, Service]) -> None:
    assert slugs("zwembad") == []
    service = catalogue["waste-bags"]
    service.title_nl = "Zwembadabonnement"
    service.save()
    assert slugs("zwembad")[0] == "waste-bags"


def test_a_published_draft_is_found_and_an_unpublished_service_is_not(catalogue: dict[str, Service]) -> None:
    draft = catalogue["secret-draft"]
    draft.status = ServiceStatus.PUBLISHED
    draft.save()
    assert "secret-draft" in slugs("ruimtereizen")
    draft.status = ServiceStatus.DRAFT
    draft.save()
    assert "secret-draft" not in slugs("ruimtereizen")


def test_a_deleted_service_is_no_longer_found(catalogue: dict[str, Service]) -> None:
    assert slugs("afvalzakken")[0] == "waste-bags"
    catalogue["waste-bags"].delete()
    assert "waste-bags" not in slugs("afvalzakken")


def test_lexical_search_works_with_the_model_disabled(catalogue: dict[str, Service], settings: object) -> None:
    settings.LOKET_SEARCH_MODEL = False  # type: ignore[attr-defined]
    assert slugs("verhuizen")[0] == "change-of-address"
    assert slugs("paspoort aanvragn")[0] == "passport"
    assert not catalogue_index().engine.has_vectors
    assert ServiceEmbedding.objects.count() == 0
    assert service_embeddings_refresh() == 0


def test_missing_vectors_are_computed_once_and_stored(
    catalogue: dict[str, Service], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = search_engine.encode_documents

    def counting(**kwargs: object) -> object:
        calls.append(len(kwargs["documents"]))  # type: ignore[arg-type]
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_engine, "encode_documents", counting)
    slugs("paspoort")
    assert calls == [5]
    assert ServiceEmbedding.objects.count() == 5
    search.clear_index_cache()  # as a new process would start
    slugs("paspoort")
    assert calls == [5]


def test_a_changed_text_gets_a_new_vector(catalogue: dict[str, Service]) -> None:
    assert service_embeddings_refresh() == 6  # drafts too, ready for when they are published
    assert service_embeddings_refresh() == 0
    service = catalogue["passport"]
    service.summary_en = "A passport lets you travel anywhere in the world."
    service.save()
    before = ServiceEmbedding.objects.get(service=service).vector
    assert service_embeddings_refresh() == 1
    assert bytes(ServiceEmbedding.objects.get(service=service).vector) != bytes(before)
    assert service_embeddings_refresh(services=[service], force=True) == 1


def test_search_index_command_stores_the_vectors(
    catalogue: dict[str, Service], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("search_index", verbosity=0)
    assert ServiceEmbedding.objects.count() == 6
    assert "6 service vector(s)" in capsys.readouterr().out


def test_a_warm_search_costs_a_few_queries(
    catalogue: dict[str, Service], django_assert_max_num_queries: object
) -> None:
    slugs("paspoort")  # builds the index
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        hits = search_services(query="verhuizen", lang="nl", life_event="moving")
        for hit in hits:
            assert hit.service.organisation.slug
            assert hit.service.appointment_required in {True, False}


def test_a_search_during_a_rebuild_answers_from_the_previous_index(catalogue: dict[str, Service]) -> None:
    before = catalogue_index()
    service = catalogue["waste-bags"]
    service.title_nl = "Zwembadabonnement"
    service.save()
    with search._index_lock:  # another thread of this process is rebuilding
        assert catalogue_index() is before
    assert catalogue_index() is not before
    assert slugs("zwembad")[0] == "waste-bags"
