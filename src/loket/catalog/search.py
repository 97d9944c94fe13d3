"""Search over the published catalogue (database glue around ``search_engine``).

Interface used by the public views and the API; the ranking lives in ``search_engine``.
STUB: a plain substring match until the search work lands.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from loket.catalog.models import Service, ServiceStatus


@dataclass(frozen=True)
class SearchHit:
    service: Service
    score: float


def search_services(*, query: str, lang: str, life_event: str | None = None, limit: int = 20) -> list[SearchHit]:
    """Published services ranked for ``query`` (any of nl/fr/en), best first."""
    qs = Service.objects.filter(status=ServiceStatus.PUBLISHED)
    if life_event:
        qs = qs.filter(life_events__slug=life_event)
    if query.strip():
        text = Q()
        for code in ("nl", "fr", "en"):
            text |= Q(**{f"title_{code}__icontains": query}) | Q(**{f"keywords_{code}__icontains": query})
        qs = qs.filter(text)
    return [SearchHit(service=s, score=1.0) for s in qs.distinct()[:limit]]
