"""Appointments API (``/api/v1/``): free times, booking, and one appointment seen, moved or cancelled.

For the municipality's own website, an e-counter, a contact-centre or reception system. One class
per operation with nested serializers; the views only translate HTTP into calls of ``selectors``,
``booking_selectors`` (reads) and ``services`` (every write: permission, validation, the location
lock, the audit entry and the citizen's message all happen there).

Who may do what:

- Anyone: read free times on the online channel, book on the online channel (throttled per client
  address, scope ``appointments_book``, rate ``LOKET_BOOKING_RATE``, on top of the anonymous rate;
  the service limits the coming appointments per e-mail address or phone number).
- The citizen: read, move or cancel *their* appointment with the manage secret in the
  ``X-Manage-Secret`` header (given once, when booking, and in the link of the confirmation).
- Staff (``Authorization: Token <key>`` from ``rest_framework.authtoken``, or the Django session)
  of the location's organisation: free times on the staff channel (the desks kept from the online
  quota), booking through ``reception``, ``phone`` or ``counter``, and every
  appointment of their organisations without a secret. Writes through the session need its CSRF
  token, as everywhere in Loket; request bodies are JSON only.

An unknown reference, a wrong or missing secret and another organisation's appointment all give
the same 404: an answer must never tell which references exist.

Errors are ``{"code", "message", "field"}`` in the request's language (``loket.core.api``), also
for bad input (the first problem found, named by ``field``), for DRF's own errors (malformed JSON,
CSRF, throttling) and, with ``alternatives``, for a time that is no longer free (409 ``slot_taken``).
Times are ISO 8601 with their offset, given in Europe/Brussels; a time without offset is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from loket.appointments import availability as engine
from loket.appointments import booking_selectors, messages, services
from loket.appointments.models import Appointment, AppointmentStatus, BookingChannel
from loket.appointments.selectors import availability_free_slots
from loket.appointments.services import LANGUAGES
from loket.catalog.models import Service
from loket.core.api import THROTTLED, TOKEN_REFUSED, ErrorSerializer, LoketApiView, validated_body, validated_params
from loket.core.audit import Actor
from loket.core.errors import DomainError, NotFound
from loket.core.i18n import current_language
from loket.organisations.models import Location
from loket.organisations.selectors import APPOINTMENT_ROLES, staff_organisation_ids

TAGS = ["appointments"]
MANAGE_SECRET_HEADER = "X-Manage-Secret"  # noqa: S105  (a header name, not a secret)
DEFAULT_RANGE_DAYS = 7
MAX_RANGE_DAYS = 62
MAX_FROM_DISTANCE = datetime.timedelta(days=366)
MAX_SERVICES_PER_VISIT = 5


# --- Authentication and throttling ---------------------------------------------------------------


# Token first: a bad token is then a 401 with ``WWW-Authenticate: Token`` (the session has no such header).
AUTHENTICATION: list[type] = [TokenAuthentication, SessionAuthentication]


class BookingRateThrottle(ScopedRateThrottle):
    """Bookings per client address (scope ``appointments_book``) at ``LOKET_BOOKING_RATE``.

    Staff are not counted: a reception desk books for many citizens from one address.
    """

    def get_rate(self) -> str:
        return str(settings.LOKET_BOOKING_RATE)

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.user and request.user.is_authenticated:
            return True
        return super().allow_request(request, view)


class AppointmentApiView(LoketApiView):
    """The appointments API views: a slot taken is 409 with the next free slots."""

    authentication_classes = AUTHENTICATION

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, services.SlotTaken):
            response = Response(slot_taken_data(exc), status=exc.status)
            response.exception = True
            return response
        return super().handle_exception(exc)


# --- Serializers ---------------------------------------------------------------------------------


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date and time that must carry its offset: a naive time is ambiguous around DST."""

    default_error_messages = {
        "naive": _("Give the time with its offset, e.g. 2026-12-08T10:00:00+01:00."),
    }

    def enforce_timezone(self, value: datetime.datetime) -> datetime.datetime:
        if timezone.is_naive(value):
            self.fail("naive")
        return super().enforce_timezone(value)


def local_datetime_field(help_text: str) -> serializers.DateTimeField:
    return serializers.DateTimeField(default_timezone=engine.TIMEZONE, help_text=help_text)


class SlotSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AppointmentSlot"

    start = local_datetime_field("Start, ISO 8601 in Europe/Brussels with its offset (+01:00 or +02:00).")
    end = local_datetime_field("End of the whole visit (all its services), same format.")
    location = serializers.SlugField(help_text="The location's slug.")


class SlotTakenSerializer(ErrorSerializer):
    class Meta:
        ref_name = "SlotTakenError"

    alternatives = SlotSerializer(
        many=True, help_text="The next free times for the same visit at the same location (may be empty)."
    )


class AppointmentSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Appointment"

    reference = serializers.CharField(help_text="8 characters, e.g. 'K7M2QX9P': said on the phone, typed at a kiosk.")
    status = serializers.CharField(help_text=f"{', '.join(AppointmentStatus.values)}.")
    start = local_datetime_field("Start, ISO 8601 in Europe/Brussels with its offset.")
    end = local_datetime_field("End of the whole visit, same format.")
    location = serializers.SlugField(help_text="The location's slug.")
    services = serializers.ListField(child=serializers.SlugField(), help_text="Slugs of the services, in visit order.")
    name = serializers.CharField(help_text="Name of the person who comes.")
    documents = serializers.IntegerField(help_text="Number of documents sent beforehand.")


class BookedAppointmentSerializer(AppointmentSerializer):
    class Meta:
        ref_name = "BookedAppointment"

    manage_url = serializers.URLField(
        help_text="The citizen's page to see, move or cancel it (also in the confirmation)."
    )
    manage_secret = serializers.CharField(
        help_text=f"Send it as `{MANAGE_SECRET_HEADER}` to read, move or cancel this appointment. "
        "Shown only here and in `manage_url`: it is never stored, keep it."
    )


MANAGE_SECRET_PARAMETER = OpenApiParameter(
    MANAGE_SECRET_HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="The manage secret given when booking (`manage_secret`, also the last part of `manage_url`). "
    "Not needed by staff of the appointment's organisation. Wrong or missing: 404, as for an unknown reference.",
)

SLOT_TAKEN_EXAMPLE = OpenApiExample(
    "Slot taken",
    value={
        "code": "slot_taken",
        "message": "This time is no longer free. Please choose another one.",
        "field": "start",
        "alternatives": [
            {"start": "2026-12-08T10:30:00+01:00", "end": "2026-12-08T10:45:00+01:00", "location": "stadhuis"}
        ],
    },
    response_only=True,
    status_codes=["409"],
)
BAD_INPUT_EXAMPLE = OpenApiExample(
    "Bad input",
    value={"code": "invalid", "message": "This e-mail address is not valid.", "field": "email"},
    response_only=True,
    status_codes=["400"],
)
NOT_FOUND_EXAMPLE = OpenApiExample(
    "Not found",
    value={
        "code": "not_found",
        "message": "We cannot find this appointment. Check the link in your confirmation, or call us.",
        "field": None,
    },
    response_only=True,
    status_codes=["404"],
)


# --- Data ----------------------------------------------------------------------------------------


def slot_data(slot: engine.Slot) -> dict[str, Any]:
    return {"start": slot.start, "end": slot.end, "location": slot.location}


def slot_taken_data(error: services.SlotTaken) -> dict[str, Any]:
    return {**error.as_dict(), "alternatives": [slot_data(slot) for slot in error.alternatives]}


def appointment_data(appointment: Appointment, *, services: Sequence[str], documents: int) -> dict[str, Any]:
    return {
        "reference": appointment.reference,
        "status": appointment.status,
        "start": appointment.start,
        "end": appointment.end,
        "location": appointment.location.slug,
        "services": list(services),
        "name": appointment.name,
        "documents": documents,
    }


def _location_or_400(slug: str) -> Location:
    location = Location.objects.select_related("organisation").filter(slug=slug).first()
    if location is None:
        raise DomainError(_("Unknown location “%(slug)s”.") % {"slug": slug}, code="unknown_location", field="location")
    return location


def _actor(request: Request) -> Actor:
    return request.user if request.user.is_authenticated else "citizen"  # type: ignore[return-value]


def appointment_for_request(request: Request, reference: str) -> tuple[Appointment, Actor]:
    """The appointment this caller may see and who acts on it; ``NotFound`` (404) otherwise.

    Staff of its organisation reach it without a secret; anyone else needs the manage secret. Every
    failure is the same ``NotFound``, so the answer never tells whether the reference exists.
    """
    secret = request.headers.get(MANAGE_SECRET_HEADER, "").strip()
    if request.user.is_authenticated:
        try:
            return booking_selectors.appointment_for_staff(user=request.user, reference=reference), request.user  # type: ignore[arg-type]
        except NotFound:
            if not secret:
                raise
    # An empty secret never matches: the same query and the same answer as a wrong one.
    return booking_selectors.appointment_for_citizen(reference=reference, secret=secret), "citizen"


def _known_appointment_data(appointment: Appointment, loaded: Appointment) -> dict[str, Any]:
    """``appointment`` as it is after a change, with the services and documents ``loaded`` prefetched."""
    return appointment_data(
        appointment,
        services=[service.slug for service in booking_selectors.appointment_services(loaded)],
        documents=len(loaded.documents.all()),
    )


# --- Views ---------------------------------------------------------------------------------------


class AvailabilityApi(AppointmentApiView):
    """Free times for a visit (one service, or several in one go), at one location or all that offer it."""

    class FilterSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AvailabilityFilter"

        services = serializers.CharField(
            help_text="Slug of the service, or the slugs of several services for one combined visit, "
            f"comma-separated (at most {MAX_SERVICES_PER_VISIT}). A slot is long enough for all of them."
        )
        location = serializers.SlugField(
            required=False, help_text="Only this location (its slug). Default: every location that offers the visit."
        )
        from_ = serializers.DateField(
            required=False, help_text="First local date (YYYY-MM-DD, Europe/Brussels), included. Default: today."
        )
        to = serializers.DateField(
            required=False,
            help_text=f"Local date where the range stops, **excluded** (half-open: `from=2026-12-07&to=2026-12-14` "
            f"is one week). Default: `from` + {DEFAULT_RANGE_DAYS} days. At most {MAX_RANGE_DAYS} days after `from`.",
        )

        def get_fields(self) -> dict[str, serializers.Field]:
            fields = super().get_fields()
            fields["from"] = fields.pop("from_")  # `from` is a Python keyword
            return fields

        def validate_services(self, value: str) -> list[str]:
            slugs = [slug.strip() for slug in value.split(",") if slug.strip()]
            if not slugs:
                raise serializers.ValidationError(_("Choose at least one service."))
            if len(slugs) > MAX_SERVICES_PER_VISIT:
                raise serializers.ValidationError(
                    _("Choose at most %(count)d services for one visit.") % {"count": MAX_SERVICES_PER_VISIT}
                )
            return slugs

        def validate_from(self, value: datetime.date) -> datetime.date:
            today = timezone.localdate(timezone=engine.TIMEZONE)
            if not today - MAX_FROM_DISTANCE <= value <= today + MAX_FROM_DISTANCE:
                raise serializers.ValidationError(_("Choose a date within a year from today."))
            return value

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            start = attrs.get("from") or timezone.localdate(timezone=engine.TIMEZONE)
            end = attrs.get("to") or start + datetime.timedelta(days=DEFAULT_RANGE_DAYS)
            if end <= start:
                raise serializers.ValidationError({"to": _("Choose a date after “from”.")})
            if (end - start).days > MAX_RANGE_DAYS:
                raise serializers.ValidationError(
                    {"to": _("Ask for at most %(days)d days at a time.") % {"days": MAX_RANGE_DAYS}}
                )
            return {**attrs, "from": start, "to": end}

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Availability"

        slots = SlotSerializer(many=True, help_text="Every free start time, by start then location.")

    @extend_schema(
        operation_id="availability_list",
        summary="Free times for a visit",
        description="Anonymous callers see the online channel (within the online quota). Staff of a "
        "location's organisation (session or token) see that location's staff channel: every free desk.",
        tags=TAGS,
        parameters=[FilterSerializer],
        responses={200: OutputSerializer, 400: ErrorSerializer, 401: TOKEN_REFUSED, 429: THROTTLED},
        examples=[
            OpenApiExample(
                "Unknown service",
                value={"code": "unknown_service", "message": "This service does not exist.", "field": "services"},
                response_only=True,
                status_codes=["400"],
            )
        ],
    )
    def get(self, request: Request) -> Response:
        params = validated_params(self.FilterSerializer, request)
        chosen = services.resolve_services(params["services"])
        locations = _bookable_locations(chosen, params.get("location"))
        staff_of = staff_organisation_ids(user=request.user, roles=APPOINTMENT_ROLES)  # type: ignore[arg-type]
        groups = (
            (BookingChannel.RECEPTION, [loc for loc in locations if loc.organisation_id in staff_of]),
            (BookingChannel.ONLINE, [loc for loc in locations if loc.organisation_id not in staff_of]),
        )
        slots: list[engine.Slot] = []
        for channel, group in groups:
            if group:
                slots += availability_free_slots(
                    services=chosen, locations=group, start=params["from"], end=params["to"], channel=channel
                )
        if all(group for _channel, group in groups):
            slots.sort(key=lambda slot: (slot.start, slot.location))
        return Response(self.OutputSerializer({"slots": [slot_data(slot) for slot in slots]}).data)


def _bookable_locations(chosen: Sequence[Service], slug: str | None) -> list[Location]:
    bookable = booking_selectors.bookable_locations(services=chosen)
    if not slug:
        return bookable
    found = [location for location in bookable if location.slug == slug]
    if not found:
        _location_or_400(slug)  # unknown: says so
        raise DomainError(_("This service cannot be booked at this location."), code="not_bookable", field="location")
    return found


class AppointmentBookApi(AppointmentApiView):
    """Book a visit at a free time."""

    throttle_classes = [AnonRateThrottle, BookingRateThrottle]
    throttle_scope = "appointments_book"

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AppointmentBookInput"

        services = serializers.ListField(
            child=serializers.SlugField(),
            min_length=1,
            max_length=MAX_SERVICES_PER_VISIT,
            help_text="Slugs of the services of this visit, in the order of the visit.",
        )
        location = serializers.SlugField(help_text="The location's slug.")
        start = AwareDateTimeField(
            help_text="A free start from `/availability/`, ISO 8601 with its offset, e.g. 2026-12-08T10:00:00+01:00."
        )
        name = serializers.CharField(help_text="Name of the person who comes.")
        email = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="Where the confirmation goes."
        )
        phone = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Mobile number for an SMS confirmation when there is no e-mail (e.g. +32 470 12 34 56). "
            "Give an e-mail address or a phone number.",
        )
        language = serializers.ChoiceField(
            choices=LANGUAGES,
            required=False,
            help_text="Language of the confirmation and the manage page. Default: the request's language, else nl.",
        )
        remark = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="What the citizen wants the desk to know."
        )
        channel = serializers.ChoiceField(
            choices=BookingChannel.choices,
            required=False,
            default=BookingChannel.ONLINE,
            help_text="online (default). reception, phone and counter: staff of the location's organisation only.",
        )

    @extend_schema(
        operation_id="appointments_create",
        summary="Book an appointment",
        description="The confirmation (e-mail with calendar invitation, or SMS) is sent once the booking is "
        "stored. Anonymous bookings are limited per client address (429) and per e-mail address or phone "
        "number (400 `too_many_appointments`).",
        tags=TAGS,
        request=InputSerializer,
        responses={
            201: BookedAppointmentSerializer,
            400: ErrorSerializer,
            401: TOKEN_REFUSED,
            403: ErrorSerializer,
            409: SlotTakenSerializer,
            429: THROTTLED,
        },
        examples=[BAD_INPUT_EXAMPLE, SLOT_TAKEN_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        data = validated_body(self.InputSerializer, request)
        booked = services.appointment_book(
            actor=_actor(request),
            channel=data["channel"],
            services=data["services"],
            location=_location_or_400(data["location"]),
            start=data["start"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            language=data.get("language") or current_language(),
            remark=data["remark"],
        )
        appointment = booked.appointment
        body = {
            **appointment_data(appointment, services=data["services"], documents=0),
            "manage_url": messages.manage_url(appointment),
            "manage_secret": booked.manage_secret,
        }
        return Response(BookedAppointmentSerializer(body).data, status=201)


class AppointmentDetailApi(AppointmentApiView):
    """One appointment, for the citizen with its manage secret or for staff of its organisation."""

    @extend_schema(
        operation_id="appointments_retrieve",
        summary="One appointment",
        tags=TAGS,
        parameters=[MANAGE_SECRET_PARAMETER],
        responses={200: AppointmentSerializer, 401: TOKEN_REFUSED, 404: ErrorSerializer, 429: THROTTLED},
        examples=[NOT_FOUND_EXAMPLE],
    )
    def get(self, request: Request, reference: str) -> Response:
        appointment, _actor_ = appointment_for_request(request, reference)
        return Response(AppointmentSerializer(_known_appointment_data(appointment, appointment)).data)


class AppointmentCancelApi(AppointmentApiView):
    @extend_schema(
        operation_id="appointments_cancel",
        summary="Cancel an appointment",
        description="The desks are free again at once; the citizen gets a cancellation. Only a booked "
        "appointment that has not ended can be cancelled (400 `not_cancellable`).",
        tags=TAGS,
        parameters=[MANAGE_SECRET_PARAMETER],
        request=None,
        responses={
            200: AppointmentSerializer,
            400: ErrorSerializer,
            401: TOKEN_REFUSED,
            403: ErrorSerializer,
            404: ErrorSerializer,
            429: THROTTLED,
        },
        examples=[NOT_FOUND_EXAMPLE],
    )
    def post(self, request: Request, reference: str) -> Response:
        loaded, actor = appointment_for_request(request, reference)
        cancelled = services.appointment_cancel(actor=actor, appointment=loaded)
        return Response(AppointmentSerializer(_known_appointment_data(cancelled, loaded)).data)


class AppointmentRescheduleApi(AppointmentApiView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AppointmentRescheduleInput"

        start = AwareDateTimeField(help_text="The new start, free in `/availability/`, ISO 8601 with its offset.")
        location = serializers.SlugField(required=False, help_text="Another location (its slug). Default: the same.")

    @extend_schema(
        operation_id="appointments_reschedule",
        summary="Move an appointment",
        description="Same services, new time (and location). If the new time is not free, the "
        "appointment keeps its old time (409 with alternatives). The citizen gets the new time.",
        tags=TAGS,
        parameters=[MANAGE_SECRET_PARAMETER],
        request=InputSerializer,
        responses={
            200: AppointmentSerializer,
            400: ErrorSerializer,
            401: TOKEN_REFUSED,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: SlotTakenSerializer,
            429: THROTTLED,
        },
        examples=[BAD_INPUT_EXAMPLE, SLOT_TAKEN_EXAMPLE, NOT_FOUND_EXAMPLE],
    )
    def post(self, request: Request, reference: str) -> Response:
        loaded, actor = appointment_for_request(request, reference)
        data = validated_body(self.InputSerializer, request)
        moved = services.appointment_reschedule(
            actor=actor,
            appointment=loaded,
            start=data["start"],
            location=_location_or_400(data["location"]) if data.get("location") else None,
        )
        return Response(AppointmentSerializer(_known_appointment_data(moved, loaded)).data)


urlpatterns = [
    path("availability/", AvailabilityApi.as_view(), name="api-availability"),
    path("appointments/", AppointmentBookApi.as_view(), name="api-appointments"),
    path("appointments/<str:reference>/", AppointmentDetailApi.as_view(), name="api-appointment-detail"),
    path("appointments/<str:reference>/cancel/", AppointmentCancelApi.as_view(), name="api-appointment-cancel"),
    path(
        "appointments/<str:reference>/reschedule/",
        AppointmentRescheduleApi.as_view(),
        name="api-appointment-reschedule",
    ),
]
