"""Public catalogue API (``/api/v1/``): services and life events, for e-counters, websites, kiosks.

Read-only and anonymous: it shows only published services, exactly like the citizen pages,
through the same ``selectors``. One class per operation with nested serializers; every text
comes in the language asked for (``lang``), and a text that falls back to another language
because its translation is missing is named in ``fallback_languages`` (``{"summary": "fr"}``).

Errors are ``{"code", "message", "field"}`` (see ``loket.core.api``): a bad ``lang`` or unknown
``life_event`` is a 400, an unknown or unpublished service a 404. This module never writes.
"""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from loket.catalog import selectors
from loket.core.api import THROTTLED, ApiView, ErrorSerializer, validated_params
from loket.core.errors import DomainError
from loket.core.i18n import LANGUAGE_CODES

API_SEARCH_LIMIT = 100  # ranked hits a search returns at most, over all pages
TAGS = ["catalogue"]


ERROR_RESPONSES = {400: ErrorSerializer, 404: ErrorSerializer, 429: THROTTLED}


class LangFilterSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PublicLangFilter"

    lang = serializers.ChoiceField(
        choices=LANGUAGE_CODES,
        required=False,
        help_text="Language of the texts: nl, fr or en. Default: the request's language (Accept-Language), else nl.",
    )


def _validated(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """The query parameters, checked; an unknown language gets its own message and code."""
    serializer = serializer_class(data=request.query_params)
    if request.query_params.get("lang") == "" or (not serializer.is_valid() and "lang" in serializer.errors):
        raise DomainError(
            _("Unknown language “%(lang)s”: use one of %(languages)s.")
            % {"lang": request.query_params.get("lang"), "languages": ", ".join(LANGUAGE_CODES)},
            code="invalid_language",
            field="lang",
        )
    return validated_params(serializer_class, request)


def _lang(params: dict[str, Any]) -> str:
    if params.get("lang"):
        return str(params["lang"])
    current = translation.get_language() or ""
    return current if current in LANGUAGE_CODES else LANGUAGE_CODES[0]


def _page_url(request: Request, name: str, slug: str, lang: str) -> str:
    with translation.override(lang):
        return request.build_absolute_uri(reverse(name, kwargs={"slug": slug}))


def _life_event_or_400(slug: str | None) -> str | None:
    if slug and selectors.life_event_find(slug=slug) is None:
        raise DomainError(
            _("Unknown life event “%(slug)s”.") % {"slug": slug}, code="unknown_life_event", field="life_event"
        )
    return slug or None


class ChannelTagSerializer(serializers.Serializer):
    class Meta:
        ref_name = "PublicChannelTag"

    kind = serializers.CharField(help_text="online, phone, quick_counter, appointment, home_visit or post.")
    label = serializers.CharField(help_text="The channel's name in the requested language.")  # type: ignore[assignment]  # a field, not Field.label


def _service_item(request: Request, card: selectors.ServiceCard, lang: str) -> dict[str, Any]:
    return {
        "slug": card.slug,
        "title": card.title.text,
        "summary": card.summary.text,
        "channels": [{"kind": c.kind, "label": c.label} for c in card.channels],
        "duration_minutes": card.duration_minutes,
        "appointment_required": card.appointment_required,
        "url": _page_url(request, "service-detail", card.slug, lang),
        "score": round(card.score, 4),
        "fallback_languages": card.fallback_languages,
    }


class ServiceListApi(ApiView):
    """Search the published services, or list them all."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class FilterSerializer(LangFilterSerializer):
        class Meta:
            ref_name = "PublicServiceListFilter"

        q = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=200,
            default="",
            help_text="What the citizen is looking for, in their own words, in nl, fr or en. "
            "Empty: all published services in slug order.",
        )
        life_event = serializers.SlugField(required=False, help_text="Only services of this life event (its slug).")
        limit = serializers.IntegerField(required=False, default=20, min_value=1, max_value=100)
        offset = serializers.IntegerField(required=False, default=0, min_value=0)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicServiceList"

        class ItemSerializer(serializers.Serializer):
            class Meta:
                ref_name = "PublicServiceItem"

            slug = serializers.SlugField()
            title = serializers.CharField()
            summary = serializers.CharField()
            channels = ChannelTagSerializer(many=True)
            duration_minutes = serializers.IntegerField(help_text="Minutes at the counter.")
            appointment_required = serializers.BooleanField(
                help_text="True when the service is only given by appointment (no quick counter)."
            )
            url = serializers.URLField(help_text="The service page for citizens, in the requested language.")
            score = serializers.FloatField(help_text="Relevance for q (higher is better); 0 without q.")
            fallback_languages = serializers.DictField(
                child=serializers.CharField(),
                help_text="Texts shown in another language because their translation is missing: {field: language}.",
            )

        count = serializers.IntegerField(help_text=f"Number of matches (a search returns at most {API_SEARCH_LIMIT}).")
        limit = serializers.IntegerField()
        offset = serializers.IntegerField()
        lang = serializers.CharField(help_text="Language of the texts.")
        results = ItemSerializer(many=True, help_text="Best match first when q is given.")

    @extend_schema(
        operation_id="services_list",
        summary="Search or list the published services",
        tags=TAGS,
        parameters=[FilterSerializer],
        responses={200: OutputSerializer, **ERROR_RESPONSES},
        examples=[
            OpenApiExample(
                "Bad language",
                value={
                    "code": "invalid_language",
                    "message": "Unknown language “de”: use one of nl, fr, en.",
                    "field": "lang",
                },
                response_only=True,
                status_codes=["400"],
            )
        ],
    )
    def get(self, request: Request) -> Response:
        params = _validated(self.FilterSerializer, request)
        lang = _lang(params)
        life_event = _life_event_or_400(params.get("life_event"))
        offset, limit = params["offset"], params["limit"]
        with translation.override(lang):
            if params["q"].strip():
                hits = selectors.service_search(
                    query=params["q"], lang=lang, life_event=life_event, limit=API_SEARCH_LIMIT
                )
                count = len(hits)
                cards = [
                    selectors.service_card(service=hit.service, lang=lang, score=hit.score)
                    for hit in hits[offset : offset + limit]
                ]
            else:
                count, services = selectors.service_page_published(life_event=life_event, offset=offset, limit=limit)
                cards = [selectors.service_card(service=service, lang=lang) for service in services]
            data = {
                "count": count,
                "limit": limit,
                "offset": offset,
                "lang": lang,
                "results": [_service_item(request, card, lang) for card in cards],
            }
        return Response(self.OutputSerializer(data).data)


class ServiceDetailApi(ApiView):
    """The full sheet of one published service."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicServiceDetail"

        class ChannelSerializer(serializers.Serializer):
            class Meta:
                ref_name = "PublicServiceChannel"

            kind = serializers.CharField()
            label = serializers.CharField()  # type: ignore[assignment]
            instructions = serializers.CharField()
            url = serializers.CharField(help_text="For online: the e-counter or form; else empty.")
            phone = serializers.CharField(help_text="Number to call for this channel; empty for online.")
            fallback_language = serializers.CharField(
                allow_null=True, help_text="Language of the instructions when their translation is missing."
            )

        class LinkSerializer(serializers.Serializer):
            class Meta:
                ref_name = "PublicServiceLink"

            slug = serializers.SlugField()
            title = serializers.CharField()
            url = serializers.URLField()

        class OrganisationSerializer(serializers.Serializer):
            class Meta:
                ref_name = "PublicServiceOrganisation"

            slug = serializers.SlugField()
            name = serializers.CharField()
            phone = serializers.CharField()

        slug = serializers.SlugField()
        lang = serializers.CharField(help_text="Language asked for.")
        url = serializers.URLField(help_text="The service page for citizens, in the requested language.")
        title = serializers.CharField()
        summary = serializers.CharField(help_text="What is it.")
        audience = serializers.CharField(help_text="Who is it for.")
        cost = serializers.CharField(help_text="What it costs, in words.")
        cost_amount = serializers.DecimalField(
            max_digits=8, decimal_places=2, allow_null=True, help_text="Usual price in euro; null when it varies."
        )
        documents = serializers.ListField(child=serializers.CharField(), help_text="What to bring, one item each.")
        procedure = serializers.CharField(help_text="How it works, the steps.")
        processing_time = serializers.CharField()
        legal_basis = serializers.CharField()
        duration_minutes = serializers.IntegerField(help_text="Minutes at the counter.")
        appointment_required = serializers.BooleanField()
        channels = ChannelSerializer(many=True)
        organisation = OrganisationSerializer(help_text="The competent authority.")
        related = LinkSerializer(many=True, help_text="Services often arranged together.")
        life_events = LinkSerializer(many=True)
        last_reviewed = serializers.DateField(allow_null=True)
        fallback_languages = serializers.DictField(
            child=serializers.CharField(),
            help_text="Texts given in another language because their translation is missing: {field: language}.",
        )

    @extend_schema(
        operation_id="services_retrieve",
        summary="One published service, in full",
        tags=TAGS,
        parameters=[LangFilterSerializer],
        responses={200: OutputSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request, slug: str) -> Response:
        lang = _lang(_validated(LangFilterSerializer, request))
        service = selectors.service_get_published(slug=slug)  # NotFound -> 404 JSON
        with translation.override(lang):
            sheet = selectors.service_sheet(service=service, lang=lang, with_opening_hours=False)
            data = {
                "slug": service.slug,
                "lang": lang,
                "url": _page_url(request, "service-detail", service.slug, lang),
                "title": sheet.title.text,
                "summary": sheet.summary.text,
                "audience": sheet.audience.text,
                "cost": sheet.cost.text,
                "cost_amount": sheet.cost_amount,
                "documents": sheet.document_lines,
                "procedure": sheet.procedure.text,
                "processing_time": sheet.processing_time.text,
                "legal_basis": sheet.legal_basis.text,
                "duration_minutes": sheet.duration_minutes,
                "appointment_required": sheet.appointment_required,
                "channels": [
                    {
                        "kind": c.kind,
                        "label": c.label,
                        "instructions": c.instructions.text,
                        "url": c.url,
                        "phone": c.phone,
                        "fallback_language": c.instructions.lang if c.instructions.is_fallback else None,
                    }
                    for c in sheet.channels
                ],
                "organisation": {
                    "slug": service.organisation.slug,
                    "name": sheet.organisation_name.text,
                    "phone": service.organisation.phone,
                },
                "related": [
                    {"slug": r.slug, "title": r.title.text, "url": _page_url(request, "service-detail", r.slug, lang)}
                    for r in sheet.related
                ],
                "life_events": [
                    {
                        "slug": e.slug,
                        "title": e.title.text,
                        "url": _page_url(request, "life-event-detail", e.slug, lang),
                    }
                    for e in sheet.life_events
                ],
                "last_reviewed": sheet.last_reviewed,
                "fallback_languages": sheet.fallback_languages,
            }
        return Response(self.OutputSerializer(data).data)


class LifeEventListApi(ApiView):
    """Every life event ("I am moving"), with its published services."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicLifeEventList"

        class ItemSerializer(serializers.Serializer):
            class Meta:
                ref_name = "PublicLifeEventItem"

            slug = serializers.SlugField()
            title = serializers.CharField()
            description = serializers.CharField()
            url = serializers.URLField(help_text="The life-event page for citizens, in the requested language.")
            services = serializers.ListField(
                child=serializers.SlugField(), help_text="Slugs of its published services."
            )
            fallback_languages = serializers.DictField(child=serializers.CharField())

        count = serializers.IntegerField()
        lang = serializers.CharField()
        results = ItemSerializer(many=True)

    @extend_schema(
        operation_id="life_events_list",
        summary="List the life events",
        tags=TAGS,
        parameters=[LangFilterSerializer],
        responses={200: OutputSerializer, 400: ErrorSerializer, 429: THROTTLED},
    )
    def get(self, request: Request) -> Response:
        lang = _lang(_validated(LangFilterSerializer, request))
        cards = selectors.life_event_cards(lang=lang)
        results = [
            {
                "slug": card.slug,
                "title": card.title.text,
                "description": card.description.text,
                "url": _page_url(request, "life-event-detail", card.slug, lang),
                "services": list(card.service_slugs),
                "fallback_languages": {
                    name: text.lang
                    for name, text in (("title", card.title), ("description", card.description))
                    if text.is_fallback
                },
            }
            for card in cards
        ]
        return Response(self.OutputSerializer({"count": len(results), "lang": lang, "results": results}).data)


urlpatterns = [
    path("services/", ServiceListApi.as_view(), name="api-service-list"),
    path("services/<str:slug>/", ServiceDetailApi.as_view(), name="api-service-detail"),
    path("life-events/", LifeEventListApi.as_view(), name="api-life-event-list"),
]
