"""Reads of the public catalogue: exactly what the citizen pages and the public API show.

Only published services ever leave this module; a draft is as good as absent (``NotFound``).
Every list prefetches what its screen shows (channels, life events), so a page costs a fixed
number of queries whatever the number of services. Texts are returned as ``Translated`` so the
caller can tell a citizen when a text is shown in another language than theirs.

This module never writes and never decides ranking: search ranking belongs to ``search.py``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext

from loket.catalog.models import ChannelKind, LifeEvent, Service, ServiceChannel, ServiceStatus
from loket.catalog.search import search_services
from loket.core.errors import NotFound
from loket.core.i18n import Translated, translated
from loket.organisations.models import DeskKind
from loket.organisations.opening import DayOpening, next_opening, opening_on
from loket.organisations.selectors import locations_public

# Until the insights app counts what citizens really ask for, the home page shows the services
# every front office in the seed facts names as its busiest (passports and ID at the quick counter,
# moving house, extracts). Slugs that are absent or unpublished are simply skipped.
MOST_ASKED_SLUGS: tuple[str, ...] = (
    "identity-card",
    "passport",
    "change-of-address",
    "driving-licence",
    "extract-population-register",
    "waste-bags",
)

# The kind of desk whose opening hours tell a citizen when a channel is open.
CHANNEL_DESK_KIND: dict[str, str] = {
    ChannelKind.QUICK_COUNTER: DeskKind.QUICK,
    ChannelKind.APPOINTMENT: DeskKind.THEME,
    ChannelKind.PHONE: DeskKind.PHONE,
}

# Channels where the citizen needs a number to call even when the editor left it empty: the phone
# itself, and booking an appointment or a home visit (done by phone until online booking exists).
_CHANNELS_TO_CALL = {ChannelKind.PHONE, ChannelKind.APPOINTMENT, ChannelKind.HOME_VISIT}

_NUMBERED_LINE = re.compile(r"^\d{1,2}[.)]\s+(.+)$")

# Days of opening exceptions read with a service: today, and far enough ahead for ``next_opening``.
OPENING_WINDOW_DAYS = 15

# Ranked search hits on one results page: nobody reads further, and a search that needs more
# words is better served by the "no good result?" tips than by a longer list.
SEARCH_LIMIT = 25


def _published() -> QuerySet[Service]:
    return Service.objects.filter(status=ServiceStatus.PUBLISHED)


def _with_channels(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.prefetch_related("channels")


# "Click, call, connect": when editors leave the order open, digital first, never digital only.
_CHANNEL_RANK = {kind: rank for rank, kind in enumerate(ChannelKind.values)}


def _channels(service: Service) -> list[ServiceChannel]:
    """The service's prefetched channels in the editor's order, then online, phone, counter..."""
    return sorted(service.channels.all(), key=lambda c: (c.order, _CHANNEL_RANK.get(c.kind, 99)))


def _by_title(services: Iterable[Service], lang: str) -> list[Service]:
    return sorted(services, key=lambda s: translated(s, "title", lang).text.casefold())


# --- Life events ----------------------------------------------------------------------------


def life_event_list() -> list[LifeEvent]:
    """All life events in home-page order, each with ``published_services`` (a list)."""
    return list(
        LifeEvent.objects.prefetch_related(
            Prefetch("services", queryset=_published().order_by("slug"), to_attr="published_services")
        )
    )


def life_event_get(*, slug: str, lang: str) -> tuple[LifeEvent, list[Service]]:
    """The life event and its published services (channels prefetched), by title."""
    try:
        event = LifeEvent.objects.get(slug=slug)
    except LifeEvent.DoesNotExist as exc:
        raise NotFound(
            gettext("There is no life event “%(slug)s”.") % {"slug": slug}, code="life_event_not_found"
        ) from exc
    services = _with_channels(_published().filter(life_events=event))
    return event, _by_title(services, lang)


def life_event_find(*, slug: str) -> LifeEvent | None:
    """The life event with this slug, or None (for an optional filter)."""
    return LifeEvent.objects.filter(slug=slug).first()


# --- Lists of services ----------------------------------------------------------------------


def service_list_most_asked(*, limit: int = 6) -> list[Service]:
    """The services citizens ask most, in that order, channels prefetched."""
    services = {s.slug: s for s in _with_channels(_published().filter(slug__in=MOST_ASKED_SLUGS))}
    return [services[slug] for slug in MOST_ASKED_SLUGS if slug in services][:limit]


def service_list_published(*, lang: str, life_event: str | None = None) -> list[Service]:
    """Every published service (optionally of one life event), by title, channels prefetched."""
    qs = _published()
    if life_event:
        qs = qs.filter(life_events__slug=life_event)
    return _by_title(_with_channels(qs.distinct() if life_event else qs), lang)


def service_page_published(
    *, life_event: str | None = None, offset: int = 0, limit: int = 50
) -> tuple[int, list[Service]]:
    """One page of all published services (optionally of one life event) in slug order, and the total."""
    qs = _published()
    if life_event:
        qs = qs.filter(life_events__slug=life_event).distinct()
    qs = qs.order_by("slug")
    return qs.count(), list(_with_channels(qs)[offset : offset + limit])


@dataclass(frozen=True)
class RankedService:
    service: Service
    score: float


def service_search(
    *, query: str, lang: str, life_event: str | None = None, limit: int = SEARCH_LIMIT
) -> list[RankedService]:
    """Published services ranked for ``query`` (best first), channels prefetched.

    An empty query lists the services of ``life_event`` (or nothing without one), by title.
    """
    query = query.strip()
    if not query:
        if not life_event:
            return []
        return [RankedService(s, 0.0) for s in service_list_published(lang=lang, life_event=life_event)[:limit]]
    hits = search_services(query=query, lang=lang, life_event=life_event, limit=limit)
    # Belt and braces: whatever the search engine ranks, a citizen only ever sees published services.
    hits = [hit for hit in hits if hit.service.status == ServiceStatus.PUBLISHED]
    prefetch_related_objects([hit.service for hit in hits], "channels")
    return [RankedService(hit.service, hit.score) for hit in hits]


# --- Cards: a service or life event in a list ----------------------------------------------


@dataclass(frozen=True)
class ChannelTag:
    kind: str
    label: str


@dataclass(frozen=True)
class ServiceCard:
    """A service in a list: enough to choose it, and how to get it at a glance."""

    slug: str
    title: Translated
    summary: Translated
    channels: tuple[ChannelTag, ...]
    duration_minutes: int
    appointment_required: bool
    score: float = 0.0

    @property
    def fallback_languages(self) -> dict[str, str]:
        texts = {"title": self.title, "summary": self.summary}
        return {name: text.lang for name, text in texts.items() if text.is_fallback}


def service_card(*, service: Service, lang: str, score: float = 0.0) -> ServiceCard:
    """``service`` (channels prefetched) as a card in ``lang``."""
    return ServiceCard(
        slug=service.slug,
        title=translated(service, "title", lang),
        summary=translated(service, "summary", lang),
        channels=tuple(ChannelTag(c.kind, str(c.get_kind_display())) for c in _channels(service)),
        duration_minutes=service.duration_minutes,
        appointment_required=service.appointment_required,
        score=score,
    )


@dataclass(frozen=True)
class LifeEventCard:
    slug: str
    title: Translated
    description: Translated
    service_slugs: tuple[str, ...]


def life_event_card(*, event: LifeEvent, lang: str, service_slugs: Iterable[str] = ()) -> LifeEventCard:
    return LifeEventCard(
        slug=event.slug,
        title=translated(event, "title", lang),
        description=translated(event, "description", lang),
        service_slugs=tuple(service_slugs),
    )


def life_event_cards(*, lang: str) -> list[LifeEventCard]:
    """Every life event in home-page order, with the slugs of its published services."""
    return [
        life_event_card(
            event=event,
            lang=lang,
            service_slugs=(s.slug for s in event.published_services),  # type: ignore[attr-defined]
        )
        for event in life_event_list()
    ]


# --- One service, as the citizen reads it ---------------------------------------------------


@dataclass(frozen=True)
class LocationOpening:
    """Where to go for a channel, and when that kind of desk is open today."""

    slug: str
    name: Translated
    address: str
    today: DayOpening | None  # None: no opening hours are kept for this kind of desk here
    next_opens: datetime.datetime | None


@dataclass(frozen=True)
class ChannelSheet:
    kind: str
    label: str
    instructions: Translated
    url: str
    phone: str
    locations: tuple[LocationOpening, ...] = ()


@dataclass(frozen=True)
class ServiceLink:
    slug: str
    title: Translated


@dataclass(frozen=True)
class LifeEventLink:
    slug: str
    title: Translated


@dataclass(frozen=True)
class ServiceSheet:
    """A published service in one language, in the order a citizen reads it."""

    service: Service
    lang: str
    title: Translated
    summary: Translated
    audience: Translated
    cost: Translated
    cost_amount: Decimal | None
    documents: Translated
    procedure: Translated
    processing_time: Translated
    legal_basis: Translated
    channels: tuple[ChannelSheet, ...]
    related: tuple[ServiceLink, ...]
    life_events: tuple[LifeEventLink, ...]
    organisation_name: Translated
    contact_phone: str
    last_reviewed: datetime.date | None
    duration_minutes: int
    appointment_required: bool
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def document_lines(self) -> list[str]:
        """The documents to bring, one a line, without empty lines or list bullets."""
        lines = (line.strip().lstrip("-•*").strip() for line in self.documents.text.splitlines())
        return [line for line in lines if line]

    @property
    def procedure_steps(self) -> list[str]:
        """The procedure as steps when the editor numbered its lines ("1. ...", "2) ..."); else []."""
        lines = [line.strip() for line in self.procedure.text.splitlines() if line.strip()]
        matches = [_NUMBERED_LINE.match(line) for line in lines]
        if len(lines) < 2 or not all(matches):
            return []
        return [match.group(1) for match in matches if match]

    @property
    def fallback_languages(self) -> dict[str, str]:
        """``{field: language shown}`` for every text shown in another language than ``lang``."""
        texts = {
            "title": self.title,
            "summary": self.summary,
            "audience": self.audience,
            "cost": self.cost,
            "documents": self.documents,
            "procedure": self.procedure,
            "processing_time": self.processing_time,
            "legal_basis": self.legal_basis,
        }
        return {name: text.lang for name, text in texts.items() if text.is_fallback}


def service_get_published(*, slug: str) -> Service:
    """The published service with everything its page shows, prefetched; else ``NotFound``."""
    qs = (
        _with_channels(_published())
        .select_related("organisation")
        .prefetch_related(
            Prefetch("related", queryset=_published()),
            "life_events",
            # Hours and the coming weeks' exceptions, so opening_on/next_opening make no query.
            Prefetch("organisation__locations", queryset=locations_public(days=OPENING_WINDOW_DAYS)),
        )
    )
    try:
        return qs.get(slug=slug)
    except Service.DoesNotExist as exc:
        raise NotFound(
            gettext("There is no published service “%(slug)s”.") % {"slug": slug}, code="service_not_found"
        ) from exc


def _locations_for(service: Service, desk_kind: str, lang: str, now: datetime.datetime) -> tuple[LocationOpening, ...]:
    locations = list(service.organisation.locations.all())
    with_hours = [loc for loc in locations if any(h.desk_kind == desk_kind for h in loc.opening_hours.all())]
    if desk_kind == DeskKind.PHONE and not with_hours:
        return ()  # a phone line is not a place to go: without hours there is nothing to show
    today = timezone.localdate(now)
    result = []
    for location in with_hours or locations:
        has_hours = location in with_hours
        day = opening_on(location=location, day=today, desk_kind=desk_kind) if has_hours else None
        upcoming = None
        if has_hours and day is not None and not day.periods:
            upcoming = next_opening(location=location, after=now, desk_kind=desk_kind)
        result.append(
            LocationOpening(
                slug=location.slug,
                name=translated(location, "name", lang),
                address=location.address,
                today=day,
                next_opens=upcoming,
            )
        )
    return tuple(result)


def _contact_phone(service: Service) -> str:
    for channel in service.channels.all():
        if channel.kind == ChannelKind.PHONE and channel.phone:
            return channel.phone
    return service.organisation.phone


def service_sheet(
    *, service: Service, lang: str, now: datetime.datetime | None = None, with_opening_hours: bool = True
) -> ServiceSheet:
    """The service in ``lang`` (texts fall back to another language, marked), with today's hours.

    ``service`` must come from ``service_get_published`` (its relations are prefetched).
    """
    now = now or timezone.now()
    contact_phone = _contact_phone(service)
    channels = []
    for channel in _channels(service):
        desk_kind = CHANNEL_DESK_KIND.get(channel.kind)
        channels.append(
            ChannelSheet(
                kind=channel.kind,
                label=str(channel.get_kind_display()),
                instructions=translated(channel, "instructions", lang),
                url=channel.url,
                phone=channel.phone or (contact_phone if channel.kind in _CHANNELS_TO_CALL else ""),
                locations=_locations_for(service, desk_kind, lang, now) if desk_kind and with_opening_hours else (),
            )
        )
    related = sorted(
        (ServiceLink(s.slug, translated(s, "title", lang)) for s in service.related.all() if s.pk != service.pk),
        key=lambda link: link.title.text.casefold(),
    )
    life_events = [LifeEventLink(e.slug, translated(e, "title", lang)) for e in service.life_events.all()]
    return ServiceSheet(
        service=service,
        lang=lang,
        title=translated(service, "title", lang),
        summary=translated(service, "summary", lang),
        audience=translated(service, "audience", lang),
        cost=translated(service, "cost", lang),
        cost_amount=service.cost_amount,
        documents=translated(service, "documents", lang),
        procedure=translated(service, "procedure", lang),
        processing_time=translated(service, "processing_time", lang),
        legal_basis=translated(service, "legal_basis", lang),
        channels=tuple(channels),
        related=tuple(related),
        life_events=tuple(life_events),
        organisation_name=translated(service.organisation, "name", lang),
        contact_phone=contact_phone,
        last_reviewed=service.last_reviewed,
        duration_minutes=service.duration_minutes,
        appointment_required=service.appointment_required,
        today=timezone.localdate(now),
    )
