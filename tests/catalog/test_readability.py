"""Readability scores on real catalogue sentences: plain text beats bureaucratic text in every language."""

from __future__ import annotations

import pytest
from django.test import override_settings

from loket.catalog.readability import _COEFFICIENTS, Readability, Verdict, _as_sentences, _textstat, text_readability

PLAIN = {
    "nl": (
        "Verhuist u? Geef uw nieuw adres door. Dat kan online of aan het loket. "
        "Een wijkagent komt langs om te kijken of u er echt woont."
    ),
    "fr": (
        "Vous déménagez ? Donnez votre nouvelle adresse. Vous pouvez le faire en ligne ou au guichet. "
        "Un agent de quartier passe chez vous pour voir si vous y habitez."
    ),
    "en": (
        "Are you moving? Tell us your new address. You can do it online or at the desk. "
        "A local officer will visit to check that you live there."
    ),
}
BUREAUCRATIC = {
    "nl": (
        "Overeenkomstig de bepalingen van het koninklijk besluit betreffende de bevolkingsregisters dient elke "
        "inwoner die zijn hoofdverblijfplaats wijzigt, binnen een termijn van acht werkdagen na de effectieve "
        "verhuizing, een aangifte van adreswijziging in te dienen bij het gemeentebestuur van de nieuwe verblijfplaats."
    ),
    "fr": (
        "Conformément aux dispositions de l'arrêté royal relatif aux registres de la population, tout habitant "
        "modifiant sa résidence principale est tenu d'introduire, dans un délai de huit jours ouvrables suivant "
        "le déménagement effectif, une déclaration de changement d'adresse auprès de l'administration communale."
    ),
    "en": (
        "In accordance with the provisions of the royal decree concerning population registers, every inhabitant "
        "modifying their principal residence is required to submit, within a period of eight working days following "
        "the effective relocation, a declaration of change of address to the municipal administration."
    ),
}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_plain_text_scores_higher_than_bureaucratic_text(lang: str) -> None:
    plain = text_readability(PLAIN[lang], lang)
    bureaucratic = text_readability(BUREAUCRATIC[lang], lang)
    assert plain.score is not None and bureaucratic.score is not None
    assert plain.score > bureaucratic.score + 40


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_plain_text_meets_the_target_and_bureaucratic_text_is_hard(lang: str) -> None:
    assert text_readability(PLAIN[lang], lang).verdict is Verdict.EASY
    hard = text_readability(BUREAUCRATIC[lang], lang)
    assert hard.verdict is Verdict.HARD
    assert hard.is_poor
    assert hard.long_sentences
    assert hard.long_words


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_dutch_and_french_use_textstats_douma_and_kandel_moles_formulas(lang: str) -> None:
    result = text_readability(BUREAUCRATIC[lang], lang)
    stats = _textstat(lang)
    prose = _as_sentences(BUREAUCRATIC[lang])
    base, per_sentence, per_syllable = _COEFFICIENTS[lang]
    by_hand = base - per_sentence * result.words_per_sentence - per_syllable * stats.avg_syllables_per_word(prose)
    assert result.score == pytest.approx(by_hand, abs=0.5)
    assert result.formula == {"nl": "Flesch-Douma", "fr": "Kandel-Moles"}[lang]


def test_english_never_downloads_a_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("readability must work offline")

    monkeypatch.setattr(nltk, "download", refuse)
    assert text_readability(PLAIN["en"] + " One more sentence for a fresh cache.", "en").score is not None


def test_the_same_text_scores_differently_per_language_formula() -> None:
    # Dutch words are longer: Douma's formula weighs syllables less than Flesch's English one.
    text = "Breng uw oude identiteitskaart mee. Breng ook een recente pasfoto in kleur mee."
    assert text_readability(text, "nl").score != text_readability(text, "en").score


def test_a_list_of_documents_is_read_line_by_line() -> None:
    documents = "Uw oude identiteitskaart\nEen recente pasfoto in kleur\nHet bewijs van uw nieuw adres"
    result = text_readability(documents, "nl")
    assert result.sentences >= 2
    assert result.score is not None


def test_a_title_is_too_short_to_score() -> None:
    result = text_readability("Identiteitskaart aanvragen", "nl")
    assert result.verdict is Verdict.TOO_SHORT
    assert result.score is None
    assert not result.is_poor


def test_empty_text_and_keywords_are_not_scored() -> None:
    assert text_readability("  ", "fr").verdict is Verdict.EMPTY
    keywords = "verhuizen, nieuw adres, adreswijziging, domicilie, verhuis, ander adres, wonen, adres"
    assert text_readability(keywords, "nl", field="keywords").verdict is Verdict.NOT_SCORED


def test_the_target_comes_from_the_settings() -> None:
    with override_settings(LOKET_READABILITY_TARGET={"nl": 10.0, "fr": 60.0, "en": 60.0}):
        result = text_readability(BUREAUCRATIC["nl"], "nl")
    assert result.target == 10.0
    assert result.verdict is Verdict.FAIR


def test_the_shown_score_stays_between_0_and_100() -> None:
    very_hard = text_readability(BUREAUCRATIC["en"], "en")
    assert very_hard.score is not None and very_hard.score < 0
    assert very_hard.shown_score == 0
    assert 0 <= (text_readability(PLAIN["nl"], "nl").shown_score or 0) <= 100


def test_every_verdict_has_a_plain_explanation() -> None:
    for text, lang, field in [
        (PLAIN["en"], "en", ""),
        (BUREAUCRATIC["en"], "en", ""),
        ("Short one", "en", ""),
        ("", "en", ""),
        ("a, b", "en", "keywords"),
    ]:
        assert text_readability(text, lang, field=field).explanation


def test_a_score_just_below_the_target_never_shows_as_the_target() -> None:
    almost = Readability(lang="nl", score=59.6, target=60.0, verdict=Verdict.FAIR)
    assert almost.shown_score == 59
    assert almost.is_poor
