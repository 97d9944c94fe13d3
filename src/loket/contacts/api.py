"""Contacts and requests API (``/api/v1/``): telephony logs calls, systems follow requests, citizens their own.

One class per operation; reads through ``selectors``, writes through ``services`` (permission,
tenancy, validation, audit). Who may do what:

- Staff (``Authorization: Token <key>`` or the Django session): log a contact (a telephony or
  chat system posts each call as it ends), and read a request they work by its reference. A
  request of another organisation is 404, the same as one that does not exist.
- The citizen, signed in to Mijn loket (the session the e-mail link starts): their own requests
  and one by its reference, with the history and messages they may read. Someone else's
  reference is 404. Without a citizen session: 403.

Errors are ``{"code", "message", "field"}`` in the request's language (``loket.core.api``).
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request as ApiRequest
from rest_framework.response import Response

from loket.citizens.models import Language
from loket.citizens.session import citizen_from_session
from loket.contacts import selectors, services
from loket.contacts.models import ContactChannel, Direction, Outcome, Request
from loket.core.api import THROTTLED, TOKEN_REFUSED, ErrorSerializer, LoketApiView, validated_body
from loket.core.errors import NotFound, PermissionDenied
from loket.core.i18n import current_language, translated
from loket.organisations.models import Organisation

TAGS = ["contacts"]


class ContactsApiView(LoketApiView):
    """Errors in the project's format; staff by token or session (``core.api.LoketApiView``)."""


def _staff(request: ApiRequest) -> Any:
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Sign in as staff, or send a staff token."))
    return request.user


class ContactSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The contact's number in Loket.")
    organisation = serializers.SlugField(help_text="The organisation it was about.")
    registered_by = serializers.SlugField(help_text="The organisation whose agent handled it.")
    channel = serializers.CharField(help_text="phone, email, chat, counter, letter, web_form or home_visit.")
    direction = serializers.CharField(help_text="in: the citizen contacted us; out: we contacted them.")
    started_at = serializers.DateTimeField(help_text="When it began (ISO 8601 with offset).")
    duration_seconds = serializers.IntegerField(allow_null=True, help_text="How long it took.")
    outcome = serializers.CharField(help_text="answered, appointment, ticket, request or referred.")
    services = serializers.ListField(child=serializers.SlugField(), help_text="Services it was about.")


def _contact_data(contact: Any) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "organisation": contact.organisation.slug,
        "registered_by": contact.registered_by.slug,
        "channel": contact.channel,
        "direction": contact.direction,
        "started_at": contact.started_at,
        "duration_seconds": contact.duration_seconds,
        "outcome": contact.outcome,
        "services": [service.slug for service in contact.services.all()],
    }


class ContactLogApi(ContactsApiView):
    """Log a contact moment (staff: a telephony or chat system, or an agent's tool)."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ContactLogInput"

        channel = serializers.ChoiceField(choices=ContactChannel.values, help_text="How the citizen reached us.")
        outcome = serializers.ChoiceField(choices=Outcome.values, help_text="How it ended.")
        organisation = serializers.SlugField(
            required=False, help_text="The organisation it was about; needed when the agent serves several."
        )
        summary = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=500, help_text="A line on what was asked."
        )
        services = serializers.ListField(
            child=serializers.SlugField(), required=False, default=list, help_text="Services it was about."
        )
        started_at = serializers.DateTimeField(required=False, help_text="When it began; default: now.")
        duration_seconds = serializers.IntegerField(
            required=False, allow_null=True, min_value=0, help_text="How long it took."
        )
        direction = serializers.ChoiceField(choices=Direction.values, required=False, default=Direction.INBOUND)
        language = serializers.ChoiceField(
            choices=Language.values, required=False, help_text="Language spoken; default: the request's."
        )
        referred_to = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=200, help_text="For outcome 'referred'."
        )

    @extend_schema(
        operation_id="contacts_create",
        summary="Log a contact",
        tags=TAGS,
        request=InputSerializer,
        responses={
            201: ContactSerializer,
            400: ErrorSerializer,
            401: TOKEN_REFUSED,
            403: ErrorSerializer,
            404: ErrorSerializer,
            429: THROTTLED,
        },
    )
    def post(self, request: ApiRequest) -> Response:
        user = _staff(request)
        data = validated_body(self.InputSerializer, request)
        organisation = None
        if data.get("organisation"):
            organisation = Organisation.objects.filter(slug=data["organisation"]).first()
            if organisation is None:
                raise NotFound(_("Unknown organisation."))
        contact = services.contact_log(
            actor=user,
            channel=data["channel"],
            outcome=data["outcome"],
            organisation=organisation,
            summary=data["summary"],
            services=data["services"],
            started_at=data.get("started_at"),
            duration_seconds=data.get("duration_seconds"),
            direction=data["direction"],
            language=data.get("language") or current_language(),
            referred_to=data["referred_to"],
        )
        return Response(ContactSerializer(_contact_data(contact)).data, status=201)


class RequestEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField(help_text="When.")
    kind = serializers.CharField(help_text="created, status, message_out, message_in (staff also: assigned, note).")
    status = serializers.CharField(allow_blank=True, help_text="The status it changed to, for kind 'status'.")
    text = serializers.CharField(allow_blank=True, help_text="The reason given with a status change.")


class RequestMessageSerializer(serializers.Serializer):
    sent_at = serializers.DateTimeField(help_text="When it was written.")
    direction = serializers.CharField(help_text="to_citizen or from_citizen.")
    body = serializers.CharField(help_text="The message.")


class RequestDetailSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="e.g. AV-7K3M-Q9XD.")
    subject = serializers.CharField(help_text="What it is about.")
    status = serializers.CharField(help_text="new, in_progress, waiting, done or rejected.")
    status_reason = serializers.CharField(allow_blank=True, help_text="Why it has this status.")
    organisation = serializers.CharField(help_text="Who handles it, in the request's language.")
    department = serializers.CharField(help_text="The department that handles it.")
    service = serializers.CharField(allow_null=True, help_text="The service's slug.")
    created_at = serializers.DateTimeField(help_text="When it was handed over.")
    due_on = serializers.DateField(help_text="When it should be done.")
    closed_at = serializers.DateTimeField(allow_null=True, help_text="When it was done or rejected.")
    events = RequestEventSerializer(many=True, help_text="The history, oldest first.")
    messages = RequestMessageSerializer(many=True, help_text="The messages, oldest first.")


def _request_data(request: Request, *, with_history: bool) -> dict[str, Any]:
    language = current_language()
    data: dict[str, Any] = {
        "reference": request.reference,
        "subject": request.subject,
        "status": request.status,
        "status_reason": request.status_reason,
        "organisation": translated(request.organisation, "name", language).text,
        "department": translated(request.department, "name", language).text,
        "service": request.service.slug if request.service else None,
        "created_at": request.created_at,
        "due_on": request.due_on,
        "closed_at": request.closed_at,
        "events": [],
        "messages": [],
    }
    if with_history:
        data["events"] = [
            {"at": event.at, "kind": event.kind, "status": event.to_status, "text": event.text}
            for event in request.events.all()  # the citizen's request holds only what they may read
        ]
        data["messages"] = [
            {"sent_at": message.sent_at, "direction": message.direction, "body": message.body}
            for message in request.messages.all()
        ]
    return data


def _staff_request(user: Any, reference: str) -> Request:
    pk = Request.objects.filter(reference=reference.strip().upper()).values_list("pk", flat=True).first()
    if pk is None:
        raise NotFound(_("No request with this reference."))
    try:
        return selectors.request_for_staff(user=user, pk=pk)
    except NotFound as error:  # another organisation's: the same answer as an unknown reference
        raise NotFound(_("No request with this reference.")) from error


class StaffRequestApi(ContactsApiView):
    """A request by its reference, for staff who work it (internal notes included)."""

    @extend_schema(
        operation_id="requests_retrieve",
        summary="A request (staff)",
        tags=TAGS,
        responses={
            200: RequestDetailSerializer,
            401: TOKEN_REFUSED,
            403: ErrorSerializer,
            404: ErrorSerializer,
            429: THROTTLED,
        },
    )
    def get(self, request: ApiRequest, reference: str) -> Response:
        found = _staff_request(_staff(request), reference)
        return Response(RequestDetailSerializer(_request_data(found, with_history=True)).data)


def _citizen(request: ApiRequest) -> Any:
    citizen = citizen_from_session(request._request)
    if citizen is None:
        raise PermissionDenied(_("Sign in to Mijn loket first."))
    return citizen


class CitizenRequestListApi(ContactsApiView):
    """The signed-in citizen's requests, newest first (Mijn loket session)."""

    authentication_classes = [SessionAuthentication]

    @extend_schema(
        operation_id="me_requests_list",
        summary="My requests (citizen)",
        tags=TAGS,
        responses={200: RequestDetailSerializer(many=True), 403: ErrorSerializer, 429: THROTTLED},
    )
    def get(self, request: ApiRequest) -> Response:
        citizen = _citizen(request)
        rows = [_request_data(found, with_history=False) for found in selectors.citizen_requests(person=citizen.person)]
        return Response(RequestDetailSerializer(rows, many=True).data)


class CitizenRequestApi(ContactsApiView):
    """One of the signed-in citizen's requests with its history and messages (Mijn loket session)."""

    authentication_classes = [SessionAuthentication]

    @extend_schema(
        operation_id="me_requests_retrieve",
        summary="My request (citizen)",
        tags=TAGS,
        responses={200: RequestDetailSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 429: THROTTLED},
    )
    def get(self, request: ApiRequest, reference: str) -> Response:
        citizen = _citizen(request)
        try:
            found = selectors.citizen_request(person=citizen.person, reference=reference)
        except NotFound as error:
            raise NotFound(_("No request with this reference.")) from error
        return Response(RequestDetailSerializer(_request_data(found, with_history=True)).data)


urlpatterns = [
    path("contacts/", ContactLogApi.as_view(), name="api-contacts-create"),
    path("requests/<str:reference>/", StaffRequestApi.as_view(), name="api-requests-detail"),
    path("me/requests/", CitizenRequestListApi.as_view(), name="api-me-requests"),
    path("me/requests/<str:reference>/", CitizenRequestApi.as_view(), name="api-me-requests-detail"),
]
