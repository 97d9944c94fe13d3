"""Readability of a catalogue text: a Flesch reading-ease score in the text's own language.

A plain engine (no database) over the maintained ``textstat`` library, used by the catalogue
editor's screens and work list. Scores run from about 0 (very hard) to 100 (very easy); each
language has its own formula because words are longer in Dutch and French than in English:

- Dutch: Flesch-Douma (1960), ``206.835 - 0.93 * words/sentence - 77 * syllables/word``;
- French: Kandel-Moles (1958), ``207 - 1.015 * words/sentence - 73.6 * syllables/word``;
- English: Flesch (1948), ``206.835 - 1.015 * words/sentence - 84.6 * syllables/word``.

textstat's ``set_lang`` supports all three. For Dutch and French we ask textstat for the score.
For English we apply Flesch's formula to textstat's word and sentence counts ourselves, because
textstat counts English syllables with NLTK's CMU dictionary, which it *downloads from the
internet* on first use: Loket must work offline and must not fetch data at request time. We count
English syllables with the same Pyphen hyphenation dictionaries textstat uses for Dutch and French.

Catalogue texts are often lists (one document to bring per line); a line without a full stop is
read as its own sentence, as a citizen reads a bullet. Short texts (a title, "€ 20", one short
sentence) get no score: on a dozen words, two long ones decide the result. Keywords are a list
of search words, not prose, and are never scored. This module must never touch the database.
"""

from __future__ import annotations

import enum
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from pyphen import Pyphen
from textstat.textstat import textstatistics

MIN_WORDS = 12  # below this, two long words decide the score: noise, not a measure
MAX_WORDS_PER_SENTENCE = 15  # the plain-language guideline editors are given
UNSCORED_FIELDS = frozenset({"keywords"})

# Flesch (1948) for English; Dutch and French come from textstat (see the module docstring).
_ENGLISH = (206.835, 1.015, 84.6)
# The same coefficients as textstat's, used only to explain which part of the formula costs points.
_COEFFICIENTS = {"nl": (206.835, 0.93, 77.0), "fr": (207.0, 1.015, 73.6), "en": _ENGLISH}
FORMULA_NAMES = {"nl": "Flesch-Douma", "fr": "Kandel-Moles", "en": "Flesch"}
_SENTENCE_END = re.compile(r"[.!?:;…]\s*$")


class Verdict(enum.StrEnum):
    EASY = "easy"  # at or above the target
    FAIR = "fair"  # a little below the target
    HARD = "hard"  # far below the target
    TOO_SHORT = "too_short"
    EMPTY = "empty"
    NOT_SCORED = "not_scored"


FAIR_MARGIN = 15.0  # points below the target that still count as "fair"


@dataclass(frozen=True)
class Readability:
    lang: str
    score: float | None  # the raw formula value, rounded to one decimal; None when not scored
    target: float
    verdict: Verdict
    words: int = 0
    sentences: int = 0
    words_per_sentence: float = 0.0
    syllables_per_word: float = 0.0

    @property
    def formula(self) -> str:
        return FORMULA_NAMES.get(self.lang, "Flesch")

    @property
    def shown_score(self) -> int | None:
        """The score as people read it: a whole number from 0 to 100, rounded down so that a text
        below the target never shows the target itself (59.6 is 59, not 60)."""
        return None if self.score is None else math.floor(min(max(self.score, 0.0), 100.0))

    @property
    def is_poor(self) -> bool:
        return self.verdict in (Verdict.FAIR, Verdict.HARD)

    @property
    def long_sentences(self) -> bool:
        return self.words_per_sentence > MAX_WORDS_PER_SENTENCE

    @property
    def long_words(self) -> bool:
        """Even with sentences of the advised length, the words alone keep the score below target."""
        base, per_sentence, per_syllable = _COEFFICIENTS.get(self.lang, _ENGLISH)
        best = base - per_sentence * min(self.words_per_sentence, MAX_WORDS_PER_SENTENCE)
        return self.score is not None and best - per_syllable * self.syllables_per_word < self.target

    @property
    def label(self) -> str:
        """The verdict in two or three words, for a badge or a table cell."""
        return {
            Verdict.EASY: _("Easy to read."),
            Verdict.FAIR: _("Could be simpler."),
            Verdict.HARD: _("Hard to read."),
            Verdict.TOO_SHORT: _("Too short to measure."),
            Verdict.EMPTY: _("No text yet in this language."),
            Verdict.NOT_SCORED: _("Not scored."),
        }[self.verdict]

    @property
    def advice(self) -> str:
        """What to do about it, in plain words ("" when there is nothing to add)."""
        if self.verdict is Verdict.NOT_SCORED:
            return _("Search words are a list, not sentences.")
        if self.verdict is Verdict.TOO_SHORT:
            return _("Keep it plain.")
        if self.verdict is Verdict.EASY:
            return _("Short sentences and everyday words.")
        if self.verdict is Verdict.EMPTY:
            return ""
        tips = []
        if self.long_sentences:
            tips.append(
                _("Sentences are long: %(n)s words on average. Aim for %(max)s or fewer.")
                % {"n": round(self.words_per_sentence), "max": MAX_WORDS_PER_SENTENCE}
            )
        if self.long_words:
            tips.append(_("Many long words. Use everyday words, or split long compound words."))
        return " ".join(tips) or _("Try shorter sentences and everyday words.")

    @property
    def explanation(self) -> str:
        """The verdict and the advice together, as the API gives it."""
        return " ".join(part for part in (self.label, self.advice) if part)


def readability_target(lang: str) -> float:
    targets: Mapping[str, float] = getattr(settings, "LOKET_READABILITY_TARGET", {})
    return float(targets.get(lang, 60.0))


def text_readability(text: str, lang: str, *, field: str = "", target: float | None = None) -> Readability:
    """The readability of ``text`` written in ``lang`` (nl, fr or en)."""
    lang = lang if lang in _COEFFICIENTS else "en"
    target = readability_target(lang) if target is None else target
    return _scored((text or "").strip(), lang, field if field in UNSCORED_FIELDS else "", target)


# A work list scores every text of every service of an organisation (about 0.3 ms each); results
# are pure functions of their arguments, so each process keeps the recent ones.
@functools.lru_cache(maxsize=16384)
def _scored(text: str, lang: str, field: str, target: float) -> Readability:
    if not text:
        return Readability(lang=lang, score=None, target=target, verdict=Verdict.EMPTY)
    if field in UNSCORED_FIELDS:
        return Readability(lang=lang, score=None, target=target, verdict=Verdict.NOT_SCORED)
    prose = _as_sentences(text)
    stats = _textstat(lang)
    words = stats.lexicon_count(prose)
    if words < MIN_WORDS:
        return Readability(lang=lang, score=None, target=target, verdict=Verdict.TOO_SHORT, words=words)
    sentences = max(stats.sentence_count(prose), 1)
    syllables = _syllables(prose, lang)
    words_per_sentence = words / sentences
    syllables_per_word = syllables / words
    if lang == "en":
        base, per_sentence, per_syllable = _ENGLISH
        score = base - per_sentence * words_per_sentence - per_syllable * syllables_per_word
    else:
        score = stats.flesch_reading_ease(prose)
    score = round(score, 1)
    if score >= target:
        verdict = Verdict.EASY
    elif score >= target - FAIR_MARGIN:
        verdict = Verdict.FAIR
    else:
        verdict = Verdict.HARD
    return Readability(
        lang=lang,
        score=score,
        target=target,
        verdict=verdict,
        words=words,
        sentences=sentences,
        words_per_sentence=round(words_per_sentence, 1),
        syllables_per_word=round(syllables_per_word, 2),
    )


def _as_sentences(text: str) -> str:
    """Each line ends a sentence: lists of documents are read item by item."""
    lines = [line.strip(" \t-•*") for line in text.splitlines()]
    return " ".join(line if _SENTENCE_END.search(line) else f"{line}." for line in lines if line)


@functools.cache
def _textstat(lang: str) -> textstatistics:
    """One textstat instance per language, never changed after: ``set_lang`` on the shared module
    instance would race between threads."""
    stats = textstatistics()
    stats.set_lang({"nl": "nl", "fr": "fr"}.get(lang, "en_US"))
    return stats


@functools.cache
def _pyphen(lang: str) -> Pyphen:
    return Pyphen(lang={"nl": "nl", "fr": "fr"}.get(lang, "en_US"))


def _syllables(text: str, lang: str) -> int:
    if lang != "en":
        return _textstat(lang).syllable_count(text)
    dictionary = _pyphen(lang)
    words = _textstat(lang).remove_punctuation(text).lower().split()
    return sum(len(dictionary.positions(word)) + 1 for word in words)
