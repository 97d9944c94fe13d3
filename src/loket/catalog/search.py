"""Search over the published catalogue: the database glue around ``search_engine``.

``search_services`` is what the public views and the API call. The ranking itself lives in
``search_engine`` (no Django there). This module loads the published services, builds the
engine's index and keeps it in this process's memory, keyed by a cheap version of the catalogue
(one aggregate query a search: count, newest ``updated_at`` and highest id of all services), so
every process rebuilds its own index when a service changes and nothing another process needs
lives in memory. Services are written through ``services.py``, which saves the model, so
``updated_at`` moves; a bulk ``QuerySet.update()`` must set ``updated_at`` itself.

The sentence embeddings of the services are stored in ``ServiceEmbedding`` (float32 vectors with
the hash of the texts they were made from), so a process computes only the missing or stale ones
when it builds its index; ``loket search_index`` computes them all ahead of time.

Ranking happens in Python over the cached index on SQLite and PostgreSQL alike, so both give the
same results: at 2,000 services it takes about 2 ms of a search's 20-30 ms, the rest being the
three small queries here (``benchmarks/search/README.md``). PostgreSQL full-text or trigram
indexes would be a second ranking to keep equal to the SQLite one, for no measurable gain.

This module must never change a service, and never let a draft reach a citizen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, Max

from loket.catalog import search_engine
from loket.catalog.models import Service, ServiceEmbedding, ServiceStatus

logger = logging.getLogger(__name__)

LANGUAGE_CODES = search_engine.LANGUAGES
# Texts of a service that are searched besides title, keywords and summary, at a low weight.
BODY_FIELDS = ("audience", "procedure", "documents", "cost", "processing_time")
_TEXT_FIELDS = ("title", "keywords", "summary", *BODY_FIELDS)


@dataclass(frozen=True)
class SearchHit:
    service: Service
    score: float


def search_services(*, query: str, lang: str, life_event: str | None = None, limit: int = 20) -> list[SearchHit]:
    """Published services ranked for ``query`` (any of nl/fr/en), best first.

    An empty query gives the published services (of ``life_event`` if given) in title order in
    ``lang``.
    """
    if limit <= 0:
        return []
    index = catalogue_index()
    among: set[int] | None = None
    if life_event:
        among = set(
            Service.objects.filter(status=ServiceStatus.PUBLISHED, life_events__slug=life_event).values_list(
                "id", flat=True
            )
        )
    if not query.strip():
        ids = index.ids_by_title(lang=lang, among=among)[:limit]
        scored = [(service_id, 0.0) for service_id in ids]
    else:
        mode: search_engine.Mode = "hybrid" if index.engine.has_vectors else "lexical"
        ranked = index.engine.search(query=query, lang=lang, limit=limit, among=among, mode=mode)
        scored = [(r.id, r.score) for r in ranked]
    services = (
        Service.objects.filter(id__in=[service_id for service_id, _ in scored], status=ServiceStatus.PUBLISHED)
        .select_related("organisation")
        .prefetch_related("channels")
        .in_bulk()
    )
    return [SearchHit(service=services[i], score=score) for i, score in scored if i in services]


# --- The index of this process -------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueIndex:
    """The engine's index over the published services, and their titles for the empty query."""

    version: tuple[Any, ...]
    engine: search_engine.SearchIndex
    titles: dict[int, dict[str, str]]  # service id -> language -> title (with fallback)

    def ids_by_title(self, *, lang: str, among: set[int] | None) -> list[int]:
        ids = [i for i in self.titles if among is None or i in among]
        return sorted(ids, key=lambda i: (search_engine.fold_accents(self.titles[i].get(lang, "")), i))


_index_lock = threading.Lock()
_index: CatalogueIndex | None = None


def catalogue_version() -> tuple[Any, ...]:
    """Changes whenever a service is added, changed, published, unpublished or deleted."""
    row = Service.objects.order_by().aggregate(n=Count("id"), changed=Max("updated_at"), last=Max("id"))
    return (row["n"], row["changed"], row["last"], bool(settings.LOKET_SEARCH_MODEL))


def catalogue_index() -> CatalogueIndex:
    """This process's index, rebuilt when the catalogue's version has changed.

    While one thread rebuilds, the other threads of the process keep answering from the previous
    index instead of waiting (a rebuild of 2,000 services takes about a second).
    """
    global _index
    version = catalogue_version()
    current = _index
    if current is not None and current.version == version:
        return current
    if current is not None and current.version[-1] == version[-1]:
        if not _index_lock.acquire(blocking=False):
            return current
    else:
        _index_lock.acquire()
    try:
        current = _index
        if current is None or current.version != version:
            current = _build_index(version=version)
            _index = current
    finally:
        _index_lock.release()
    return current


def clear_index_cache() -> None:
    """Forget this process's index (tests; the version check makes it unnecessary otherwise)."""
    global _index
    with _index_lock:
        _index = None


def search_encoder() -> search_engine.Encoder | None:
    """The sentence-embedding model, or None when disabled (``LOKET_SEARCH_MODEL=0``) or absent."""
    if not settings.LOKET_SEARCH_MODEL:
        return None
    return search_engine.default_encoder()


def _text_values(row: dict[str, Any], name: str, lang: str) -> str:
    value = row.get(f"{name}_{lang}")
    return value.strip() if isinstance(value, str) else ""


def _document(row: dict[str, Any]) -> search_engine.Document:
    texts = {}
    for lang in LANGUAGE_CODES:
        body = "\n".join(v for v in (_text_values(row, name, lang) for name in BODY_FIELDS) if v)
        text = search_engine.DocumentText(
            title=_text_values(row, "title", lang),
            keywords=_text_values(row, "keywords", lang),
            summary=_text_values(row, "summary", lang),
            body=body,
        )
        if not text.is_empty():
            texts[lang] = text
    return search_engine.Document(id=row["id"], texts=texts)


def service_documents(
    *, services: Iterable[Service] | None = None, published_only: bool
) -> list[search_engine.Document]:
    """The engine's view of the services (all of them, or ``services``), ordered by id."""
    columns = ["id", *(f"{name}_{lang}" for name in _TEXT_FIELDS for lang in LANGUAGE_CODES)]
    qs = Service.objects.order_by("id")
    if published_only:
        qs = qs.filter(status=ServiceStatus.PUBLISHED)
    if services is not None:
        qs = qs.filter(id__in=[s.pk for s in services])
    return [_document(row) for row in qs.values(*columns)]


def _build_index(*, version: tuple[Any, ...]) -> CatalogueIndex:
    documents = service_documents(published_only=True)
    encoder = search_encoder()
    vectors = _stored_or_fresh_vectors(documents=documents, encoder=encoder) if encoder is not None else None
    engine = search_engine.SearchIndex.build(documents=documents, vectors=vectors, encoder=encoder)
    titles = {}
    for document in documents:
        fallback = next((t.title for t in document.texts.values() if t.title), "")
        titles[document.id] = {
            lang: (document.texts[lang].title if lang in document.texts and document.texts[lang].title else fallback)
            for lang in LANGUAGE_CODES
        }
    logger.info("search index built: %d services, vectors: %s", len(documents), engine.has_vectors)
    return CatalogueIndex(version=version, engine=engine, titles=titles)


# --- Stored embeddings ---------------------------------------------------------------------------


def _stored_or_fresh_vectors(
    *, documents: Sequence[search_engine.Document], encoder: search_engine.Encoder
) -> dict[int, Any]:
    """Vectors of ``documents`` from ``ServiceEmbedding``; missing or stale ones computed and stored."""
    stored = {
        e.service_id: e
        for e in ServiceEmbedding.objects.filter(service_id__in=[d.id for d in documents]).only(
            "service_id", "vector", "source_hash"
        )
    }
    vectors: dict[int, Any] = {}
    stale: list[search_engine.Document] = []
    for document in documents:
        embedding = stored.get(document.id)
        if embedding is not None and embedding.source_hash == search_engine.embedding_source_hash(document):
            vectors[document.id] = search_engine.vectors_from_bytes(bytes(embedding.vector))
        else:
            stale.append(document)
    if stale:
        fresh = search_engine.encode_documents(documents=stale, encoder=encoder)
        vectors.update(fresh)
        try:
            _store_vectors(documents=stale, vectors=fresh)
        except DatabaseError:
            # A read-only replica, say: search still works, the next writer stores them.
            logger.warning("could not store %d service embeddings", len(stale), exc_info=True)
    return vectors


def _store_vectors(*, documents: Sequence[search_engine.Document], vectors: dict[int, Any]) -> None:
    with transaction.atomic():
        existing = {e.service_id: e for e in ServiceEmbedding.objects.filter(service_id__in=[d.id for d in documents])}
        to_update, to_create = [], []
        for document in documents:
            blob = search_engine.vectors_to_bytes(vectors[document.id])
            source_hash = search_engine.embedding_source_hash(document)
            embedding = existing.get(document.id)
            if embedding is None:
                to_create.append(ServiceEmbedding(service_id=document.id, vector=blob, source_hash=source_hash))
            else:
                embedding.vector, embedding.source_hash = blob, source_hash
                to_update.append(embedding)
        # Two processes may build at the same time: the loser's rows are equal, so ignore conflicts.
        ServiceEmbedding.objects.bulk_create(to_create, ignore_conflicts=True, batch_size=200)
        ServiceEmbedding.objects.bulk_update(to_update, ["vector", "source_hash"], batch_size=200)


def service_embeddings_refresh(
    *,
    services: Iterable[Service] | None = None,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Compute and store the vectors of ``services`` (default: all, drafts too) that are missing or stale.

    Returns how many services got a new vector; 0 when the model is disabled or not installed.
    ``force`` recomputes every vector; ``progress(done, total)`` is called after each batch.
    """
    encoder = search_encoder()
    if encoder is None:
        return 0
    documents = service_documents(services=services, published_only=False)
    if not force:
        hashes = dict(
            ServiceEmbedding.objects.filter(service_id__in=[d.id for d in documents]).values_list(
                "service_id", "source_hash"
            )
        )
        documents = [d for d in documents if hashes.get(d.id) != search_engine.embedding_source_hash(d)]
    done = 0
    for batch in search_engine.iter_batches(documents, 100):
        vectors = search_engine.encode_documents(documents=batch, encoder=encoder)
        _store_vectors(documents=batch, vectors=vectors)
        done += len(batch)
        if progress is not None:
            progress(done, len(documents))
    return done
