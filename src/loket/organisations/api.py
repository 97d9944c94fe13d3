"""Public locations API (``/api/v1/locations/``): where to go and when it is open.

Read-only and anonymous, for websites, e-counters and kiosks. A location comes with its
organisation, address, public-transport and accessibility notes, and its opening hours per kind
of desk: the weekly schedule and the actual periods of the next days, with closures, extra
openings and public holidays applied (``opening``). Texts come in the language asked for
(``lang``), falling back to another language when a translation is missing, and say so in
``fallback_languages``. One class per operation; a fixed number of queries per page. Never writes.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from loket.core.api import THROTTLED, ApiView, ErrorSerializer, validated_params
from loket.core.errors import NotFound
from loket.core.i18n import LANGUAGE_CODES, translated
from loket.organisations.models import DeskKind, Location, Weekday
from loket.organisations.opening import opening_days
from loket.organisations.selectors import locations_public

TAGS = ["locations"]
DAYS_AHEAD = 7
MAX_START_AHEAD = datetime.timedelta(days=366)


def _lang(params: dict[str, Any]) -> str:
    if params.get("lang"):
        return str(params["lang"])
    current = (translation.get_language() or "")[:2]
    return current if current in LANGUAGE_CODES else LANGUAGE_CODES[0]


class LocationOrganisationSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="municipality, social_house, regional_body or partner.")


class LocationAddressSerializer(serializers.Serializer):
    street = serializers.CharField(help_text="Street and house number.")
    postcode = serializers.CharField()
    city = serializers.CharField()
    text = serializers.CharField(help_text="The address on one line.")


@extend_schema_field({"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "09:00"})
class HourMinuteField(serializers.TimeField):
    """A time of day as ``HH:MM``: opening hours are given to the minute (no seconds, unlike ``format: time``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class OpeningPeriodSerializer(serializers.Serializer):
    opens = HourMinuteField(help_text="Local time (Europe/Brussels), HH:MM.")
    closes = HourMinuteField(help_text="Local time (Europe/Brussels), HH:MM.")


class WeeklyOpeningSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="0 is Monday, 6 is Sunday.")
    weekday_label = serializers.CharField(help_text="The weekday's name in the requested language.")
    periods = OpeningPeriodSerializer(many=True)


class DayOpeningSerializer(serializers.Serializer):
    date = serializers.DateField()
    is_open = serializers.BooleanField()
    periods = OpeningPeriodSerializer(many=True, help_text="Actual periods: exceptions and holidays applied.")
    closed_reason = serializers.CharField(
        help_text="Why it is closed (the public holiday's name, the closure's reason); empty when open or simply shut."
    )


class DeskOpeningSerializer(serializers.Serializer):
    desk_kind = serializers.ChoiceField(choices=DeskKind.choices)
    desk_kind_label = serializers.CharField(help_text="The kind of desk in the requested language.")
    weekly = WeeklyOpeningSerializer(many=True, help_text="The usual week, Monday first; only days with hours.")
    next_days = DayOpeningSerializer(many=True, help_text=f"The {DAYS_AHEAD} days from `start` (default: today).")


class LocationSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    organisation = LocationOrganisationSerializer()
    address = LocationAddressSerializer()
    public_transport = serializers.CharField(help_text="How to get there by bus, tram or train.")
    accessibility = serializers.CharField(help_text="Wheelchair access, hearing loop, parking for disabled people.")
    closed_on_public_holidays = serializers.BooleanField()
    regional_holiday = serializers.CharField(
        help_text="'vl' (also closed on 11 July), 'bru' (also closed on 8 May) or empty."
    )
    opening_hours = DeskOpeningSerializer(many=True, help_text="Per kind of desk that has opening hours.")
    fallback_languages = serializers.DictField(
        child=serializers.CharField(),
        help_text="Texts shown in another language because their translation is missing: {field: language}.",
    )


def location_data(location: Location, *, lang: str, start: datetime.date) -> dict[str, Any]:
    """The API's view of one location (opening hours and exceptions prefetched by the selector)."""
    texts = {name: translated(location, name, lang) for name in ("name", "public_transport", "accessibility")}
    organisation_name = translated(location.organisation, "name", lang)
    fallbacks = {name: text.lang for name, text in texts.items() if text.is_fallback}
    if organisation_name.is_fallback:
        fallbacks["organisation.name"] = organisation_name.lang
    with translation.override(lang):
        return {
            "slug": location.slug,
            "name": texts["name"].text,
            "organisation": {
                "slug": location.organisation.slug,
                "name": organisation_name.text,
                "kind": location.organisation.kind,
            },
            "address": {
                "street": location.street,
                "postcode": location.postcode,
                "city": location.city,
                "text": location.address,
            },
            "public_transport": texts["public_transport"].text,
            "accessibility": texts["accessibility"].text,
            "closed_on_public_holidays": location.closed_on_public_holidays,
            "regional_holiday": location.extra_holiday_region,
            "opening_hours": _desk_openings(location, start),
            "fallback_languages": fallbacks,
        }


def _desk_openings(location: Location, start: datetime.date) -> list[dict[str, Any]]:
    weekly_rows = list(location.opening_hours.all())
    kinds_with_exceptions = {e.desk_kind for e in location.opening_exceptions.all() if e.kind == "extra"}
    result = []
    for kind, label in DeskKind.choices:
        rows = [row for row in weekly_rows if row.desk_kind == kind]
        if not rows and kind not in kinds_with_exceptions and "" not in kinds_with_exceptions:
            continue
        weekly = [
            {
                "weekday": day,
                "weekday_label": str(day_label),
                "periods": [{"opens": r.opens, "closes": r.closes} for r in rows if r.weekday == day],
            }
            for day, day_label in Weekday.choices
            if any(r.weekday == day for r in rows)
        ]
        days = opening_days(location=location, start=start, days=DAYS_AHEAD, desk_kind=kind)
        result.append(
            {
                "desk_kind": kind,
                "desk_kind_label": str(label),
                "weekly": weekly,
                "next_days": [
                    {
                        "date": day.day,
                        "is_open": day.is_open,
                        "periods": [{"opens": p.opens, "closes": p.closes} for p in day.periods],
                        "closed_reason": day.closed_reason,
                    }
                    for day in days
                ],
            }
        )
    return result


class LocationFilterSerializer(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=LANGUAGE_CODES,
        required=False,
        help_text="Language of the texts: nl, fr or en. Default: the request's language (Accept-Language), else nl.",
    )
    start = serializers.DateField(
        required=False, help_text=f"First of the {DAYS_AHEAD} days in `next_days` (YYYY-MM-DD). Default: today."
    )

    def validate_start(self, value: datetime.date) -> datetime.date:
        today = timezone.localdate()
        if not today - MAX_START_AHEAD <= value <= today + MAX_START_AHEAD:
            raise serializers.ValidationError(_("Choose a date within a year from today."))
        return value


def _located(params: dict[str, Any]) -> tuple[QuerySet[Location], str, datetime.date]:
    start = params.get("start") or timezone.localdate()
    return locations_public(today=start, days=DAYS_AHEAD), _lang(params), start


class LocationListApi(ApiView):
    """All locations where citizens are received, with their opening hours."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class LocationListFilterSerializer(LocationFilterSerializer):
        organisation = serializers.SlugField(required=False, help_text="Only the locations of this organisation.")
        limit = serializers.IntegerField(required=False, default=50, min_value=1, max_value=200)
        offset = serializers.IntegerField(required=False, default=0, min_value=0)

    class LocationListOutputSerializer(serializers.Serializer):
        count = serializers.IntegerField()
        limit = serializers.IntegerField()
        offset = serializers.IntegerField()
        lang = serializers.CharField(help_text="Language of the texts.")
        results = LocationSerializer(many=True)

    @extend_schema(
        operation_id="locations_list",
        summary="List the locations with their opening hours",
        tags=TAGS,
        parameters=[LocationListFilterSerializer],
        responses={200: LocationListOutputSerializer, 400: ErrorSerializer, 429: THROTTLED},
    )
    def get(self, request: Request) -> Response:
        params = validated_params(self.LocationListFilterSerializer, request)
        locations, lang, start = _located(params)
        if params.get("organisation"):
            locations = locations.filter(organisation__slug=params["organisation"])
        count = locations.count()
        page = list(locations[params["offset"] : params["offset"] + params["limit"]])
        data = {
            "count": count,
            "limit": params["limit"],
            "offset": params["offset"],
            "lang": lang,
            "results": [location_data(location, lang=lang, start=start) for location in page],
        }
        return Response(self.LocationListOutputSerializer(data).data)


class LocationDetailApi(ApiView):
    """One location with its opening hours."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="locations_retrieve",
        summary="One location with its opening hours",
        tags=TAGS,
        parameters=[LocationFilterSerializer],
        responses={200: LocationSerializer, 400: ErrorSerializer, 404: ErrorSerializer, 429: THROTTLED},
    )
    def get(self, request: Request, slug: str) -> Response:
        params = validated_params(LocationFilterSerializer, request)
        locations, lang, start = _located(params)
        location = locations.filter(slug=slug).first()
        if location is None:
            raise NotFound(_("No location “%(slug)s”.") % {"slug": slug}, code="location_not_found", field="slug")
        return Response(LocationSerializer(location_data(location, lang=lang, start=start)).data)


urlpatterns = [
    path("locations/", LocationListApi.as_view(), name="api-locations"),
    path("locations/<str:slug>/", LocationDetailApi.as_view(), name="api-location-detail"),
]
